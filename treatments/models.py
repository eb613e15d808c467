from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.db.models.functions import Greatest, Least
from django.urls import reverse
from django.utils.html import strip_tags

from clinic import cache_versions
from clinic.fields import RichTextField, last_updated_field
from clinic.model_parts import MedicalReview, image_with_alt
from clinic.models import Practitioner
from clinic.search import StoredSearchDocument

# The editor-written sections; cards and lists never show them, so list queries skip them.
RICH_SECTIONS = [
    "overview", "how_it_works", "benefits", "suits", "does_not_suit", "risks", "what_to_expect", "aftercare",
    "product_and_source",
]  # fmt: skip

# Addresses under /treatments/ that a treatment's slug would shadow.
RESERVED_TREATMENT_SLUGS = {"compare"}


def format_price_from(amount):
    """ "From £350", "From £1,250" or "From £89.50"; empty when there is no price."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    number = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"From £{number}"


def format_minutes(minutes):
    """ "45 minutes", "1 hour", "1 hour 30 minutes"; empty when unknown."""
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def format_sessions(count):
    """ "1 session", "3 sessions"; empty when unknown."""
    if not count:
        return ""
    return f"{count} session{'s' if count != 1 else ''}"


class TreatmentCategory(models.Model):
    name = models.CharField(max_length=100, help_text="E.g. “Regenerative” or “Skin boosters”.")
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(
        blank=True, help_text="One or two sentences shown under the heading on the treatments page. Plain text."
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "treatment categories"

    def __str__(self):
        return self.name


# The version cached renderings of treatments are kept under (clinic/cache_versions.py):
# every save or deletion bumps it (treatments/apps.py), and so does every bulk write below.
TREATMENTS_VERSION = "treatments"


class TreatmentQuerySet(models.QuerySet):
    # Bulk writes (the admin's publish and unpublish actions) send no signals.
    def update(self, **kwargs):
        count = super().update(**kwargs)
        if count:
            cache_versions.bump(TREATMENTS_VERSION)
        return count

    update.alters_data = update.queryset_only = True

    def delete(self):
        deleted = super().delete()
        if deleted[0]:
            cache_versions.bump(TREATMENTS_VERSION)
        return deleted

    delete.alters_data = delete.queryset_only = True

    def published(self):
        """Treatments the public may see: the one definition used by every page, form and list."""
        return self.filter(is_published=True)

    def featured(self):
        """Published treatments chosen for the home page, in listing order."""
        return self.published().filter(is_featured=True).for_listing()

    def for_listing(self):
        """The shape list pages need: category joined, long sections left unread, by category then order."""
        return (
            self.select_related("category")
            .defer(*RICH_SECTIONS)
            .order_by("category__order", "category__name", "order", "name")
        )

    def visible_to(self, user):
        """Published treatments, or every treatment for staff allowed to view them (previews)."""
        if user.is_staff and user.has_perm("treatments.view_treatment"):
            return self.all()
        return self.published()

    def for_detail(self):
        """Treatments with everything the detail page shows fetched in a fixed number of queries.

        Not a visibility filter: start from ``published()`` or ``visible_to(user)``.
        """
        # The blog relates articles to treatments (blog depends on treatments, not the reverse),
        # so the article model is reached through that relation rather than imported.
        Article = self.model._meta.get_field("related_articles").related_model
        return self.select_related("category", "medical_reviewer").prefetch_related(
            "faqs",
            Prefetch("practitioners", queryset=Practitioner.objects.active()),
            Prefetch("related_articles", queryset=Article.objects.for_listing()),
        )


TreatmentHeroImage = image_with_alt(
    "hero_image",
    upload_to="treatments/",
    alt_verbose_name="hero image description",
    alt_help_text="Describe the image for people who cannot see it. Required when there is an image.",
)


class Treatment(TreatmentHeroImage, MedicalReview):
    name = models.CharField(max_length=120, help_text="As patients know it, e.g. “PRP skin rejuvenation”.")
    slug = models.SlugField(max_length=140, unique=True, help_text="The page's address: /treatments/<slug>/.")
    category = models.ForeignKey(TreatmentCategory, on_delete=models.PROTECT, related_name="treatments")
    summary = models.CharField(
        max_length=300, help_text="One or two plain sentences for cards and listings, and the page's lead."
    )
    search_synonyms = models.TextField(
        "also known as",
        blank=True,
        help_text="Other names patients search for, separated by commas, e.g. “platelet-rich plasma, vampire "
        "facial”. Site search finds this page first for them; they are not shown on the page.",
    )

    # Facts at a glance: structured so comparison tables can be built from them.
    price_from = models.DecimalField(
        "price from (£)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The lowest price for one session, in pounds. Shown as “From £350”. Leave empty to hide.",
    )
    session_minutes = models.PositiveSmallIntegerField(
        "session length (minutes)", null=True, blank=True, help_text="Typical appointment length, e.g. 45."
    )
    sessions_in_course = models.PositiveSmallIntegerField(
        "sessions in a course", null=True, blank=True, help_text="How many sessions we usually recommend."
    )
    downtime = models.CharField(max_length=120, blank=True, help_text="E.g. “Redness for 24–48 hours”.")
    results_show = models.CharField(
        "when results show", max_length=120, blank=True, help_text="E.g. “Gradually over 4–6 weeks”."
    )
    results_last = models.CharField(
        "how long results last",
        max_length=120,
        blank=True,
        help_text="E.g. “Around 12 months; a yearly top-up is common”. Never promise permanence.",
    )
    treatment_areas = models.CharField(
        max_length=200, blank=True, help_text="Comma separated, e.g. “Face, neck, décolletage, scalp”."
    )

    # Rich sections, each sanitised on save.
    overview = RichTextField(blank=True, help_text="The opening section: what the treatment is, in plain words.")
    how_it_works = RichTextField(blank=True)
    benefits = RichTextField(blank=True, help_text="What it can help with. Avoid “guaranteed” or “permanent”.")
    suits = RichTextField("who it suits", blank=True)
    does_not_suit = RichTextField(
        "who it does not suit", blank=True, help_text="Contraindications: conditions, medicines, pregnancy."
    )
    risks = RichTextField(
        "risks and side effects", blank=True, help_text="Required before the treatment can be published."
    )
    what_to_expect = RichTextField(blank=True, help_text="On the day: arrival, numbing, the procedure, afterwards.")
    aftercare = RichTextField(blank=True)
    product_and_source = RichTextField(
        "the product and its source",
        blank=True,
        help_text="For product-based treatments (e.g. exosomes): what the product is, who makes it, where it "
        "comes from. Leave empty for treatments that use only the patient's own tissue.",
    )

    practitioners = models.ManyToManyField(
        Practitioner, blank=True, related_name="treatments", help_text="Who performs this treatment."
    )

    is_published = models.BooleanField("published", default=False)
    is_featured = models.BooleanField("featured on the home page", default=False)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first in a category.")

    seo_title = models.CharField(
        max_length=70, blank=True, help_text="Browser tab and Google title; the name is used when empty."
    )
    seo_description = models.CharField(
        max_length=160, blank=True, help_text="Shown in Google results; keep under 155 characters."
    )

    price_confirmed_on = models.DateField(
        "price last confirmed",
        null=True,
        blank=True,
        help_text="When someone last checked the price is still right; the compliance dashboard lists "
        "prices not confirmed for a while.",
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    content_updated_at = last_updated_field()

    search_document = StoredSearchDocument()

    objects = TreatmentQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            # Patients must be able to read the risks of anything we publish.
            models.CheckConstraint(
                condition=Q(is_published=False) | ~Q(risks=""), name="treatment_published_has_risks"
            ),
            models.CheckConstraint(
                condition=Q(price_from__isnull=True) | Q(price_from__gte=0), name="treatment_price_not_negative"
            ),
            *TreatmentHeroImage.Meta.constraints,
            *MedicalReview.Meta.constraints,
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("treatments:treatment_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.slug in RESERVED_TREATMENT_SLUGS:
            errors["slug"] = f"“{self.slug}” is used by another page; choose a different address."
        # An editor's empty paragraph is still empty: check the text a reader would see.
        if self.is_published and not strip_tags(self.risks or "").strip():
            errors["risks"] = "Write the risks and side effects before publishing this treatment."
        errors.update(self.image_errors())
        errors.update(self.review_errors())
        if errors:
            raise ValidationError(errors)

    @property
    def price_from_display(self):
        return format_price_from(self.price_from)

    @property
    def session_length_display(self):
        return format_minutes(self.session_minutes)

    @property
    def sessions_display(self):
        return format_sessions(self.sessions_in_course)

    @property
    def area_list(self):
        return [area.strip() for area in self.treatment_areas.split(",") if area.strip()]

    def facts(self):
        """The facts at a glance as (label, formatted value) pairs, including empty ones.

        Comparison tables need every row in the same order for both treatments; the
        detail page skips the empty values.
        """
        return [
            ("Price", self.price_from_display),
            ("Session length", self.session_length_display),
            ("Course", self.sessions_display),
            ("Downtime", self.downtime),
            ("Results show", self.results_show),
            ("Results last", self.results_last),
            ("Treatment areas", ", ".join(self.area_list)),
        ]

    def known_facts(self):
        return [(label, value) for label, value in self.facts() if value]

    @property
    def sections(self):
        """The rich sections in reading order as (anchor, heading, html); empty ones left out."""
        candidates = [
            ("overview", "Overview", self.overview),
            ("how-it-works", "How it works", self.how_it_works),
            ("benefits", "Benefits", self.benefits),
            ("who-it-suits", "Who it suits", self.suits),
            ("who-it-does-not-suit", "Who it does not suit", self.does_not_suit),
            ("product", "The product and where it comes from", self.product_and_source),
            ("risks", "Risks and side effects", self.risks),
            ("what-to-expect", "What to expect", self.what_to_expect),
            ("aftercare", "Aftercare", self.aftercare),
        ]
        return [(anchor, heading, html) for anchor, heading, html in candidates if html]

    @property
    def page_title(self):
        return self.seo_title or self.name

    @property
    def meta_description(self):
        return self.seo_description or self.summary


class FAQ(models.Model):
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=200)
    answer = models.TextField(help_text="Plain text; blank lines start a new paragraph.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "FAQ"
        verbose_name_plural = "FAQs"

    def __str__(self):
        return self.question


class ComparisonQuerySet(models.QuerySet):
    def published(self):
        """Comparisons whose two treatments are both published."""
        return self.filter(treatment_a__is_published=True, treatment_b__is_published=True)

    def involving(self, treatment):
        """Comparisons with ``treatment`` on either side."""
        return self.filter(Q(treatment_a=treatment) | Q(treatment_b=treatment))

    def for_listing(self):
        return self.select_related("treatment_a", "treatment_b").order_by("treatment_a__name", "treatment_b__name")


def canonical_pair(first, second):
    """The two treatments in the one order their comparison URL uses (by slug)."""
    return (first, second) if first.slug <= second.slug else (second, first)


def comparison_url(first, second):
    """The canonical comparison address for any two treatments, whichever order they come in."""
    a, b = canonical_pair(first, second)
    return reverse("treatments:comparison_detail", kwargs={"pair": f"{a.slug}-vs-{b.slug}"})


class Comparison(models.Model):
    """An editor's verdict on a pair of treatments; the side-by-side table needs no row here."""

    treatment_a = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="+")
    treatment_b = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="+")
    verdict = RichTextField(
        blank=True, help_text="Your balanced view of when each suits; shown under the table. Optional."
    )
    seo_title = models.CharField(
        max_length=70, blank=True, help_text="Browser tab and Google title; “A vs B” is used when empty."
    )
    seo_description = models.CharField(
        max_length=160, blank=True, help_text="Shown in Google results; keep under 155 characters."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ComparisonQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(treatment_a=models.F("treatment_b")), name="comparison_two_different_treatments"
            ),
            # One row per pair, whichever way round it was entered.
            models.UniqueConstraint(
                Least("treatment_a", "treatment_b"),
                Greatest("treatment_a", "treatment_b"),
                name="comparison_unique_pair",
            ),
        ]

    def __str__(self):
        return f"{self.treatment_a} vs {self.treatment_b}"

    def get_absolute_url(self):
        return comparison_url(self.treatment_a, self.treatment_b)

    def clean(self):
        if self.treatment_a_id and self.treatment_a_id == self.treatment_b_id:
            raise ValidationError("Choose two different treatments.")
        if self.treatment_a_id and self.treatment_b_id:
            duplicate = (
                Comparison.objects.filter(
                    Q(treatment_a=self.treatment_a_id, treatment_b=self.treatment_b_id)
                    | Q(treatment_a=self.treatment_b_id, treatment_b=self.treatment_a_id)
                )
                .exclude(pk=self.pk)
                .exists()
            )
            if duplicate:
                raise ValidationError("These two treatments already have a comparison.")

    def other(self, treatment):
        """The treatment on the other side from ``treatment``."""
        return self.treatment_b if treatment.pk == self.treatment_a_id else self.treatment_a
