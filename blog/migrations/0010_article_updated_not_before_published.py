from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0009_content_updated_at"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status", "draft"),
                    models.Q(
                        ("content_updated_at__gte", models.F("published_at")), ("content_updated_at__isnull", False)
                    ),
                    _connector="OR",
                ),
                name="blog_article_updated_not_before_published",
            ),
        ),
    ]
