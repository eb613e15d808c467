from django.db import migrations

from clinic.groups import MODERATORS, grant


def grant_moderators(apps, schema_editor):
    # Moderators approve, edit (to take out personal details) and answer comments. No
    # delete: a comment is removed by status, so the record of what was said stays.
    grant(apps, MODERATORS, "blog", {"comment": ["add", "change", "view"]})


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0007_comment_moderation"),
        ("clinic", "0003_enquiry_blockedword"),
    ]

    operations = [migrations.RunPython(grant_moderators, migrations.RunPython.noop)]
