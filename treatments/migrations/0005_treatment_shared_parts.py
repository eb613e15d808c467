"""Treatment takes its medical-review and hero-image fields from clinic.model_parts.

Same columns; the reviewer's help text changes, and it gains the constraints Article
already had (the rows were made to satisfy them in 0004).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F, Q


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0001_initial"),
        ("treatments", "0004_treatment_prepare_rows"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="treatment", name="treatment_review_has_date"),
        migrations.AlterField(
            model_name="treatment",
            name="medical_reviewer",
            field=models.ForeignKey(
                blank=True,
                help_text="The clinician who checked this page for medical accuracy; shown on the page.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reviewed_%(class)ss",
                to="clinic.practitioner",
                verbose_name="medically reviewed by",
            ),
        ),
        migrations.AddConstraint(
            model_name="treatment",
            constraint=models.CheckConstraint(
                condition=Q(("hero_image", ""), Q(("hero_image_alt", ""), _negated=True), _connector="OR"),
                name="treatments_treatment_hero_image_has_alt",
            ),
        ),
        migrations.AddConstraint(
            model_name="treatment",
            constraint=models.CheckConstraint(
                condition=Q(("medical_reviewer__isnull", True), ("reviewed_on__isnull", False), _connector="OR"),
                name="treatments_treatment_review_has_date",
            ),
        ),
        migrations.AddConstraint(
            model_name="treatment",
            constraint=models.CheckConstraint(
                condition=Q(
                    ("next_review_due_on__isnull", True),
                    ("reviewed_on__isnull", True),
                    ("next_review_due_on__gt", F("reviewed_on")),
                    _connector="OR",
                ),
                name="treatments_treatment_next_review_after_review",
            ),
        ),
    ]
