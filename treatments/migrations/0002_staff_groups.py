from django.db import migrations

from clinic.groups import EDITORS, MODERATORS, grant

ALL = ["add", "change", "delete", "view"]


def create_groups(apps, schema_editor):
    grant(apps, EDITORS, "treatments", {"treatment": ALL, "treatmentcategory": ALL, "faq": ALL, "comparison": ALL})
    # Moderators read treatments so an enquiry's "treatment of interest" makes sense to them.
    grant(apps, MODERATORS, "treatments", {"treatment": ["view"]})


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0001_initial"),
        ("clinic", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
