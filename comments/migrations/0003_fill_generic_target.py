from django.db import migrations
from django.db.models import F


def article_content_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="blog", model="article")[0]


def fill_target(apps, schema_editor):
    """Every existing comment is on an article: point the generic relation at it."""
    Comment = apps.get_model("comments", "Comment")
    Comment.objects.update(content_type=article_content_type(apps), object_id=F("article_id"))


def fill_article(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    Comment.objects.filter(content_type=article_content_type(apps)).update(article_id=F("object_id"))


class Migration(migrations.Migration):
    dependencies = [("comments", "0002_generic_target")]

    operations = [migrations.RunPython(fill_target, fill_article)]
