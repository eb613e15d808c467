from django.db import migrations

from clinic.groups import EDITORS, MODERATORS, grant

ALL = ["add", "change", "delete", "view"]


def create_groups(apps, schema_editor):
    grant(
        apps,
        EDITORS,
        "clinic",
        {"page": ALL, "practitioner": ALL, "openinghours": ALL, "clinicprofile": ["change", "view"]},
    )
    grant(apps, MODERATORS, "clinic", {"clinicprofile": ["view"]})


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
