"""Model parts shared by the apps' models, defined once with their database constraints.

``MedicalReview`` and ``image_with_alt(...)`` are abstract models: a concrete model inherits
them and lists their ``Meta.constraints`` beside its own (``Meta`` is not merged for several
parents). Constraint names carry the app and model (``blog_article_review_has_date``).
"""

from django.db import models
from django.db.models import F, Q

from clinic.models import CleanImageField


class MedicalReview(models.Model):
    """Who checked a page for medical accuracy, when, and when it is due again."""

    medical_reviewer = models.ForeignKey(
        "clinic.Practitioner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_%(class)ss",
        verbose_name="medically reviewed by",
        help_text="The clinician who checked this page for medical accuracy; shown on the page.",
    )
    reviewed_on = models.DateField("review date", null=True, blank=True)
    next_review_due_on = models.DateField(
        "next review due", null=True, blank=True, help_text="When the page should be checked again."
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(medical_reviewer__isnull=True) | Q(reviewed_on__isnull=False),
                name="%(app_label)s_%(class)s_review_has_date",
            ),
            models.CheckConstraint(
                condition=Q(next_review_due_on__isnull=True)
                | Q(reviewed_on__isnull=True)
                | Q(next_review_due_on__gt=F("reviewed_on")),
                name="%(app_label)s_%(class)s_next_review_after_review",
            ),
        ]

    def review_errors(self):
        """Form errors (field -> message) for the review dates, as the constraints would refuse them."""
        errors = {}
        if self.medical_reviewer_id and not self.reviewed_on:
            errors["reviewed_on"] = "Give the date of the medical review."
        if self.reviewed_on and self.next_review_due_on and self.next_review_due_on <= self.reviewed_on:
            errors["next_review_due_on"] = "The next review must fall after the last one."
        return errors


def image_with_alt(name, *, upload_to, verbose_name=None, help_text="", alt_verbose_name, alt_help_text):
    """An abstract model with an image field ``name`` and ``<name>_alt``, ``<name>_width``, ``<name>_height``.

    The width and height are stored on upload, so pages size the image without opening the
    file; the database refuses an image without its description (``<name>_has_alt``). The
    field names are the model's own (``cover``, ``hero_image``), so existing columns, forms
    and templates keep them.
    """
    alt = f"{name}_alt"
    missing_alt = f"Describe the {verbose_name or name.replace('_', ' ')} for people who cannot see it."

    def image_errors(self):
        """Form errors (field -> message) when the image has no description."""
        if getattr(self, name) and not getattr(self, alt).strip():
            return {alt: missing_alt}
        return {}

    meta = type(
        "Meta",
        (),
        {
            "abstract": True,
            "constraints": [
                models.CheckConstraint(
                    condition=Q(**{name: ""}) | ~Q(**{alt: ""}), name=f"%(app_label)s_%(class)s_{name}_has_alt"
                )
            ],
        },
    )
    attrs = {
        "__module__": __name__,
        "__qualname__": f"ImageWithAlt[{name}]",
        "Meta": meta,
        name: CleanImageField(
            verbose_name,
            upload_to=upload_to,
            blank=True,
            width_field=f"{name}_width",
            height_field=f"{name}_height",
            help_text=help_text,
        ),
        f"{name}_width": models.PositiveIntegerField(null=True, blank=True, editable=False),
        f"{name}_height": models.PositiveIntegerField(null=True, blank=True, editable=False),
        alt: models.CharField(alt_verbose_name, max_length=200, blank=True, help_text=alt_help_text),
        "image_errors": image_errors,
    }
    return type(f"ImageWithAlt_{name}", (models.Model,), attrs)
