from django.db import migrations, models
from django.db.models import F


def start_from_publication(apps, schema_editor):
    # Which past saves were editorial cannot be known (updated_at also moved on imports and
    # demo loads), so a published article's "last updated" starts at its publication.
    Article = apps.get_model("blog", "Article")
    Article.objects.filter(status="published").update(content_updated_at=F("published_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0008_comment_moderators"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="content_updated_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                help_text="When staff last changed what readers see (not imports, publishing or saves that change "
                "nothing). Set by the admin.",
                null=True,
                verbose_name="last updated",
            ),
        ),
        migrations.RunPython(start_from_publication, migrations.RunPython.noop),
    ]
