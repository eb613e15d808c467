from django.db import migrations


class Migration(migrations.Migration):
    """Comments now belong to the comments app (its migration 0001 renames the table)."""

    dependencies = [
        ("blog", "0008_comment_moderators"),
        ("comments", "0001_move_from_blog"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel("Comment")]),
    ]
