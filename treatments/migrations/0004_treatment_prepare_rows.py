"""Rows made ready for the constraints Treatment gains in 0005 (from clinic.model_parts).

Treatment gains the constraints Article already had: an image needs its description, and the
next review falls after the last one. Existing rows are made to satisfy them first:
an image without a description is described by the treatment's name, and a next-review
date on or before the review date (which no form accepts) is cleared. Hero images stored
without width and height get them from the file; a missing file leaves them empty.
"""

from django.core.files.images import get_image_dimensions
from django.core.files.storage import default_storage
from django.db import migrations
from django.db.models import F, Q


def prepare_rows(apps, schema_editor):
    Treatment = apps.get_model("treatments", "Treatment")
    Treatment.objects.exclude(hero_image="").filter(hero_image_alt="").update(hero_image_alt=F("name"))
    Treatment.objects.filter(next_review_due_on__lte=F("reviewed_on")).update(next_review_due_on=None)
    missing = Q(hero_image_width__isnull=True) | Q(hero_image_height__isnull=True)
    # Names only: a model instance with an image and no dimensions would open the file itself.
    for pk, name in Treatment.objects.exclude(hero_image="").filter(missing).values_list("pk", "hero_image"):
        try:
            with default_storage.open(name, "rb") as file:
                width, height = get_image_dimensions(file)
        except (OSError, ValueError):
            continue
        if width and height:
            Treatment.objects.filter(pk=pk).update(hero_image_width=width, hero_image_height=height)


class Migration(migrations.Migration):
    # Data only: PostgreSQL cannot alter a table with updates pending in the same transaction.
    dependencies = [("treatments", "0003_treatment_review")]

    operations = [migrations.RunPython(prepare_rows, migrations.RunPython.noop, elidable=True)]
