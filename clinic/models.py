from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from clinic.compliance.models import ComplianceFinding, ComplianceTerm, ComplianceTermChange  # noqa: F401
from clinic.fields import RichTextField, last_updated_field
from clinic.images import reencode_image, validate_image_upload

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{7,20}$", "Enter a phone number using digits, spaces and an optional leading +."
)


class CleanImageField(models.ImageField):
    """An ImageField whose new uploads are verified and re-encoded without metadata."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_image_upload])
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            clean = reencode_image(file)
            file.save(clean.name, clean, save=False)
        return super().pre_save(model_instance, add)


class ClinicProfile(models.Model):
    """The clinic itself: one row, edited in the admin, shown in the footer and contact page."""

    name = models.CharField(max_length=120)
    tagline = models.CharField(max_length=200, blank=True, help_text="A short line under the clinic's name.")
    street_address = models.CharField(max_length=200)
    locality = models.CharField("town or city", max_length=100, default="Glasgow")
    postcode = models.CharField(max_length=10)
    country = models.CharField(max_length=2, default="GB", help_text="Two-letter country code.")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    phone = models.CharField(max_length=30, validators=[phone_validator])
    email = models.EmailField()
    booking_note = models.TextField(blank=True, help_text="How patients book, shown on the home page. Plain text.")
    his_registration_number = models.CharField(
        "Healthcare Improvement Scotland registration number", max_length=40, blank=True
    )
    his_register_url = models.URLField(
        "link to the register entry", blank=True, help_text="The clinic's page on the HIS register."
    )
    complaints_procedure = RichTextField(blank=True)
    instagram_url = models.URLField(blank=True)
    facebook_url = models.URLField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "clinic profile"
        constraints = [models.CheckConstraint(condition=Q(id=1), name="clinic_profile_single_row")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls, *, with_opening_hours=False):
        """Return the clinic profile, or an unsaved placeholder before one is entered."""
        profiles = cls.objects.filter(pk=1)
        if with_opening_hours:
            profiles = profiles.prefetch_related("opening_hours")
        return profiles.first() or cls(name="Our clinic")

    @property
    def address_lines(self):
        return [line for line in (self.street_address, self.locality, self.postcode) if line]

    @property
    def social_links(self):
        return [
            (label, url) for label, url in (("Instagram", self.instagram_url), ("Facebook", self.facebook_url)) if url
        ]


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 1
        TUESDAY = 2
        WEDNESDAY = 3
        THURSDAY = 4
        FRIDAY = 5
        SATURDAY = 6
        SUNDAY = 7

    clinic = models.ForeignKey(ClinicProfile, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens_at = models.TimeField()
    closes_at = models.TimeField()

    class Meta:
        ordering = ["weekday", "opens_at"]
        verbose_name_plural = "opening hours"
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="opening_hours_closes_after_opens"
            ),
            models.CheckConstraint(condition=Q(weekday__gte=1, weekday__lte=7), name="opening_hours_weekday_valid"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


# Each regulator's public register, where patients can check a registration number.
REGISTER_SEARCH_URLS = {
    "GMC": "https://www.gmc-uk.org/registrants",
    "NMC": "https://www.nmc.org.uk/registration/search-the-register/",
    "GDC": "https://olr.gdc-uk.org/SearchRegister",
    "GPhC": "https://www.pharmacyregulation.org/registers",
    "HCPC": "https://www.hcpc-uk.org/check-the-register/",
}


class PractitionerQuerySet(models.QuerySet):
    def active(self):
        """Practitioners shown on the public site."""
        return self.filter(is_active=True)


class Practitioner(models.Model):
    class Regulator(models.TextChoices):
        GMC = "GMC", "General Medical Council"
        NMC = "NMC", "Nursing and Midwifery Council"
        GDC = "GDC", "General Dental Council"
        GPHC = "GPhC", "General Pharmaceutical Council"

    name = models.CharField(max_length=120, help_text="As patients should see it, e.g. “Dr Aileen Moray”.")
    slug = models.SlugField(max_length=140, unique=True)
    role = models.CharField(max_length=120, help_text="E.g. “Medical Director”.")
    credentials = models.CharField(max_length=200, blank=True, help_text="Qualifications, e.g. “MBChB, MRCGP”.")
    regulator = models.CharField(max_length=4, choices=Regulator.choices)
    registration_number = models.CharField(max_length=20)
    register_url = models.URLField(
        "link to the public register", blank=True, help_text="The practitioner's entry on the regulator's register."
    )
    is_prescriber = models.BooleanField("independent prescriber", default=False)
    memberships = models.CharField(max_length=300, blank=True, help_text="Professional bodies, comma separated.")
    bio = RichTextField(blank=True)
    photo = CleanImageField(
        upload_to="practitioners/", blank=True, width_field="photo_width", height_field="photo_height"
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    is_active = models.BooleanField("shown on the site", default=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practitioner",
        verbose_name="staff account",
        help_text="The practitioner's admin log-in, if they have one: their new articles name them as author, and "
        "their replies to comments are signed with the name above, never the log-in name.",
    )

    objects = PractitionerQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["regulator", "registration_number"], name="practitioner_unique_registration"
            ),
            models.CheckConstraint(
                condition=Q(regulator__in=["GMC", "NMC", "GDC", "GPhC"]), name="practitioner_regulator_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("clinic:practitioner_detail", kwargs={"slug": self.slug})

    @property
    def public_register_url(self):
        """The practitioner's own register entry when staff gave one, else the regulator's register search."""
        return self.register_url or REGISTER_SEARCH_URLS.get(self.regulator, "")

    @property
    def name_with_credentials(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


# First path segments owned by other parts of the site; a page there would be unreachable.
RESERVED_PAGE_SLUGS = {
    "admin", "blog", "treatments", "consultation", "search", "practitioners", "static",
    "media", "healthz", "feeds", "sitemap", "robots", "editor",
}  # fmt: skip


class PageQuerySet(models.QuerySet):
    def published(self):
        """Pages visible to the public."""
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Published pages, or every page for staff allowed to view them (previews)."""
        if user.is_staff and user.has_perm("clinic.view_page"):
            return self.all()
        return self.published()


class Page(models.Model):
    """A flat page written in the admin: about, privacy notice, medical disclaimer, contact."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True, help_text="The page's address: /<slug>/.")
    body = RichTextField()
    seo_description = models.CharField(
        max_length=160, blank=True, help_text="Shown in Google results; keep under 155 characters."
    )
    is_published = models.BooleanField(default=True)
    show_in_footer = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    content_updated_at = last_updated_field()

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # A new page's text is as recent as the page; after that only staff edits move it.
        if self.content_updated_at is None:
            self.content_updated_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("clinic:page_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug in RESERVED_PAGE_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is already used by another part of the site."})


def is_safe_redirect_target(target):
    """True for an address on this site (``/path``) or an explicit ``https://host/…`` link.

    Browsers read ``//host``, ``/\\host`` and addresses with leading spaces or control
    characters as other sites, so those are refused, as are ``http://`` and other schemes.
    """
    if not target or any(char.isspace() or ord(char) < 32 or char == "\\" for char in target):
        return False
    if target.startswith("/"):
        return not target.startswith("//")
    if not target.startswith("https://"):
        return False
    parts = urlsplit(target)
    return bool(parts.hostname) and "@" not in parts.netloc


class Redirect(models.Model):
    """An old address that answers with a redirect to its new home.

    Rows are added by staff, automatically when a published item's slug changes, and by
    the WordPress import. They are only looked up when a request would otherwise be 404.
    """

    old_path = models.CharField(
        max_length=500,
        unique=True,
        help_text="The address that no longer exists, starting with /, e.g. /old-page/ or /?p=123.",
    )
    new_path = models.CharField(
        max_length=500,
        help_text=(
            "Where visitors go instead: an address on this site such as /blog/new-title/, or a full https:// link."
        ),
    )
    is_permanent = models.BooleanField(
        default=True,
        help_text="Permanent (301) tells search engines to update their links. Untick for a temporary move.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        constraints = [
            models.CheckConstraint(condition=Q(old_path__startswith="/"), name="redirect_old_path_is_a_path"),
            models.CheckConstraint(condition=~Q(old_path=models.F("new_path")), name="redirect_not_to_itself"),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    def as_response(self):
        """The redirect response; 404 when the stored target is unsafe (a row written around clean())."""
        if not is_safe_redirect_target(self.new_path):
            raise Http404("Redirect target refused")
        response_class = HttpResponsePermanentRedirect if self.is_permanent else HttpResponseRedirect
        return response_class(self.new_path)

    def clean(self):
        if self.old_path and not self.old_path.startswith("/"):
            raise ValidationError({"old_path": "Start the old address with /, e.g. /old-page/."})
        if self.new_path and not is_safe_redirect_target(self.new_path):
            raise ValidationError(
                {
                    "new_path": "Use an address on this site starting with a single /, e.g. /blog/new-title/, "
                    "or a full https:// link, with no spaces or backslashes."
                }
            )
        if self.old_path and self.old_path == self.new_path:
            raise ValidationError({"new_path": "A page cannot redirect to itself."})
        if self.new_path and Redirect.objects.filter(old_path=self.new_path, new_path=self.old_path).exists():
            raise ValidationError({"new_path": f"{self.new_path} already redirects here; this would make a loop."})


class BlockedWord(models.Model):
    """A word or phrase that marks a comment or enquiry as spam; matched whole, ignoring case."""

    phrase = models.CharField(
        max_length=100,
        unique=True,
        help_text="A message containing this word or phrase is kept but marked as spam for you to check.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["phrase"]

    def __str__(self):
        return self.phrase

    def save(self, *args, **kwargs):
        # Matching ignores case, so store one spelling and let the unique index catch repeats.
        self.phrase = " ".join(self.phrase.lower().split())
        super().save(*args, **kwargs)


class EnquiryQuerySet(models.QuerySet):
    def genuine(self):
        """Enquiries not caught by the spam defence."""
        return self.filter(is_spam=False)

    def awaiting_reply(self):
        """Genuine enquiries nobody has contacted yet: the number shown on the admin index."""
        return self.genuine().filter(status=Enquiry.Status.NEW)


class Enquiry(models.Model):
    """A consultation request sent from the website's form."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        CLOSED = "closed", "Closed"

    class ContactMethod(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone call"

    name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=30, blank=True, validators=[phone_validator])
    # The name as offered on the form when the patient asked (see ``enquiry_topics``): kept as
    # text so a later rename or removal of the treatment never changes what they asked about.
    treatment = models.CharField("treatment of interest", max_length=200, blank=True)
    preferred_contact = models.CharField(
        "preferred contact method", max_length=10, choices=ContactMethod.choices, default=ContactMethod.EMAIL
    )
    message = models.TextField(max_length=2000, blank=True)
    consent_given_at = models.DateTimeField(
        help_text="When the patient ticked the box agreeing to the privacy notice."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    is_spam = models.BooleanField("spam", default=False)
    spam_reason = models.CharField(
        max_length=100, blank=True, help_text="Which spam check caught it. Clear “spam” if it is genuine."
    )
    staff_notes = models.TextField(blank=True, help_text="For the team only; never sent to the patient.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "enquiries"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["new", "contacted", "closed"]), name="enquiry_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(preferred_contact__in=["email", "phone"]), name="enquiry_preferred_contact_valid"
            ),
            # A patient who asks to be phoned must have left a number.
            models.CheckConstraint(
                condition=~Q(preferred_contact="phone", phone=""), name="enquiry_phone_when_phone_preferred"
            ),
        ]
        indexes = [models.Index(fields=["email", "created_at"], name="enquiry_email_recent")]

    def __str__(self):
        return f"{self.name} – {self.created_at:%d %b %Y}" if self.created_at else self.name


class OutboxEmailQuerySet(models.QuerySet):
    def due(self, now):
        """Emails a worker may claim now: waiting and due, or claimed so long ago the worker must have died."""
        stale = now - OutboxEmail.CLAIM_TIMEOUT
        return self.filter(
            Q(status=OutboxEmail.Status.PENDING, next_attempt_at__lte=now)
            | Q(status=OutboxEmail.Status.SENDING, claimed_at__lt=stale)
        )

    def to_address(self, email):
        """Emails addressed to ``email`` (ignoring case)."""
        email = email.strip().lower()
        candidates = self.filter(recipients__icontains=email)
        return self.filter(pk__in=[row.pk for row in candidates if email in (a.lower() for a in row.recipient_list())])


class OutboxEmail(models.Model):
    """An email the site owes someone, written in the same transaction as what caused it.

    ``manage.py send_outbox`` claims and sends it; see clinic/outbox.py.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (gave up)"

    # A claim older than this is taken to be from a worker that died mid-send.
    CLAIM_TIMEOUT = timedelta(minutes=10)

    kind = models.CharField(max_length=50, blank=True, help_text="What the email is about, e.g. “enquiry”.")
    recipients = models.TextField("to", help_text="One address a line.")
    reply_to = models.TextField(blank=True, help_text="One address a line.")
    from_email = models.CharField("from", max_length=254, blank=True, help_text="Empty: DEFAULT_FROM_EMAIL.")
    subject = models.CharField(max_length=255)
    body = models.TextField("text")
    html_body = models.TextField("HTML", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField("next attempt", default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField("queued", default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxEmailQuerySet.as_manager()

    class Meta:
        verbose_name = "outbox email"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "sending", "sent", "failed"]), name="outbox_email_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False), name="outbox_email_sent_has_sent_at"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_email_due")]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.recipient_list())}"

    def recipient_list(self):
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    def reply_to_list(self):
        return [line.strip() for line in self.reply_to.splitlines() if line.strip()]


class Rendition(models.Model):
    """A resized WebP copy of an uploaded image, recorded when it is made (clinic/renditions.py).

    Pages read sizes and addresses from these rows (through the cache), so showing an image
    never opens a file or asks the storage anything, and no visitor's request makes a copy.
    """

    original = models.CharField(max_length=255, help_text="Storage name of the uploaded image.")
    original_width = models.PositiveIntegerField()
    original_height = models.PositiveIntegerField()
    requested_width = models.PositiveIntegerField(help_text="The width asked for; no copy is wider than its original.")
    name = models.CharField(max_length=255, help_text="Storage name of the copy.")
    url = models.CharField(max_length=500)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["original", "requested_width"]
        constraints = [
            models.UniqueConstraint(fields=["original", "requested_width"], name="clinic_rendition_unique_width"),
        ]

    def __str__(self):
        return f"{self.original} at {self.width}px"


class CacheVersion(models.Model):
    """One change to what cached renderings show, when no Redis is configured (clinic/cache_versions.py).

    The newest ``value`` of each name is that name's version, read by every web worker and
    written by any process (a management command too), so no process keeps showing a
    rendering another one has outdated. Rows are only ever added, so two writers never wait
    for each other; old ones are pruned now and then.
    """

    name = models.CharField(max_length=50)
    value = models.BigIntegerField(help_text="Nanoseconds since 1970 when the change was recorded.")

    class Meta:
        indexes = [models.Index(fields=["name", "value"], name="clinic_cacheversion_latest")]

    def __str__(self):
        return f"{self.name} {self.value}"
