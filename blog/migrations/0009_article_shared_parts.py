"""Article takes its medical-review and cover-image fields from clinic.model_parts.

Same columns and constraints; only the reviewer's help text changes. Covers stored without
their width and height (rows written by bulk updates or imports) get them from the file;
a missing or unreadable file leaves them empty, as before.
"""

import django.db.models.deletion
from django.core.files.images import get_image_dimensions
from django.core.files.storage import default_storage
from django.db import migrations, models


def fill_cover_dimensions(apps, schema_editor):
    Article = apps.get_model("blog", "Article")
    missing = models.Q(cover_width__isnull=True) | models.Q(cover_height__isnull=True)
    # Names only: a model instance with an image and no dimensions would open the file itself.
    for pk, name in Article.objects.exclude(cover="").filter(missing).values_list("pk", "cover"):
        try:
            with default_storage.open(name, "rb") as file:
                width, height = get_image_dimensions(file)
        except (OSError, ValueError):
            continue
        if width and height:
            Article.objects.filter(pk=pk).update(cover_width=width, cover_height=height)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0008_comment_moderators"),
        ("clinic", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
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
        migrations.AlterField(
            model_name="article",
            name="next_review_due_on",
            field=models.DateField(
                blank=True,
                help_text="When the page should be checked again.",
                null=True,
                verbose_name="next review due",
            ),
        ),
        migrations.RunPython(fill_cover_dimensions, migrations.RunPython.noop, elidable=True),
    ]
