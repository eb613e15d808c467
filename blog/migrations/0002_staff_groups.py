from django.db import migrations

from clinic.groups import EDITORS, grant

ALL = ["add", "change", "delete", "view"]


def grant_editors(apps, schema_editor):
    # Editors write, schedule and publish articles. Moderators get nothing here until
    # comments exist.
    grant(apps, EDITORS, "blog", {"article": ALL, "category": ALL, "tag": ALL, "reference": ALL})


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0001_initial"),
        ("clinic", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant_editors, migrations.RunPython.noop)]
