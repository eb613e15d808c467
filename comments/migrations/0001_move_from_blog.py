"""Comments move from the blog app to their own app: the same table, renamed, no row copied.

The model state moves (blog forgets ``Comment``, this app learns it with every field as it
was), the table is renamed, and the content type is relabelled so the permissions staff
groups hold (Moderators: add, change, view comments) follow the model.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def relabel_content_type(apps, schema_editor, old="blog", new="comments"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="comment").exists():
        ContentType.objects.filter(app_label=old, model="comment").update(app_label=new)


def unrelabel_content_type(apps, schema_editor):
    relabel_content_type(apps, schema_editor, old="comments", new="blog")


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0008_comment_moderators"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE blog_comment RENAME TO comments_comment",
                    "ALTER TABLE comments_comment RENAME TO blog_comment",
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name="Comment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("author_name", models.CharField(max_length=100, verbose_name="name")),
                        (
                            "author_email",
                            models.EmailField(
                                help_text="Never shown on the site.", max_length=254, verbose_name="email"
                            ),
                        ),
                        ("body", models.TextField(max_length=3000, verbose_name="comment")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("pending", "Awaiting moderation"),
                                    ("approved", "Approved"),
                                    ("spam", "Spam"),
                                    ("removed", "Removed"),
                                ],
                                db_index=True,
                                default="pending",
                                max_length=10,
                            ),
                        ),
                        ("is_staff_reply", models.BooleanField(default=False, verbose_name="reply from the clinic")),
                        ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        (
                            "consent_given_at",
                            models.DateTimeField(
                                blank=True,
                                help_text="When the commenter agreed to their comment being stored and shown.",
                                null=True,
                            ),
                        ),
                        (
                            "article",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="comments", to="blog.article"
                            ),
                        ),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                help_text="The comment answered.",
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="replies",
                                to="comments.comment",
                            ),
                        ),
                        (
                            "staff_user",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "notification_pending",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("moderators", "New comment, to moderators"),
                                    ("approved", "Approved, to the commenter"),
                                    ("reply", "Clinic reply, to the commenter answered"),
                                ],
                                max_length=10,
                                verbose_name="email still to send",
                            ),
                        ),
                        ("spam_reason", models.CharField(blank=True, max_length=100)),
                        ("wants_updates", models.BooleanField(default=False, verbose_name="email the commenter")),
                    ],
                    options={
                        "ordering": ["created_at", "pk"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("status__in", ["pending", "approved", "spam", "removed"])),
                                name="blog_comment_status_valid",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("is_staff_reply", False), ("parent__isnull", False), _connector="OR"
                                ),
                                name="blog_comment_staff_reply_has_parent",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("notification_pending__in", ["", "moderators", "approved", "reply"])
                                ),
                                name="blog_comment_notification_valid",
                            ),
                        ],
                        "indexes": [
                            models.Index(fields=["article", "status", "created_at"], name="blog_comment_thread")
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(relabel_content_type, unrelabel_content_type),
    ]
