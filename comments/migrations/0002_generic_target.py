import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The page a comment is on becomes a generic relation; filled in by 0003."""

    dependencies = [
        ("comments", "0001_move_from_blog"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="content_type",
            field=models.ForeignKey(
                null=True,
                help_text="What kind of page the comment is on.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="comment",
            name="object_id",
            field=models.PositiveBigIntegerField(null=True, help_text="Which page of that kind."),
        ),
    ]
