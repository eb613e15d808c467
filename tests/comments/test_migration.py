"""Comments moved from the blog app keep every row and every value (blog 0008 → comments' latest)."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from clinic.groups import MODERATORS, grant

BEFORE = [("blog", "0008_comment_moderators"), ("comments", None)]
# Every column the old table had, except the two the new shape replaces (see below).
KEPT = [
    "id", "parent_id", "author_name", "author_email", "body", "status", "is_staff_reply", "staff_user_id",
    "created_at", "consent_given_at", "wants_updates", "spam_reason",
]  # fmt: skip


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([node for node in targets if node[1]]).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_comments_survive_the_move_to_their_own_app():
    try:
        old = migrate(BEFORE)
        practitioner = old.get_model("clinic", "Practitioner").objects.create(
            name="Dr Ross", slug="dr-ross", regulator="GMC", registration_number="7654321"
        )
        Article = old.get_model("blog", "Article")
        first = Article.objects.create(title="PRP explained", slug="prp-explained", author=practitioner)
        second = Article.objects.create(title="Exosomes explained", slug="exosomes-explained", author=practitioner)
        staff = old.get_model("auth", "User").objects.create(username="moderator", email="desk@clinic.example")
        OldComment = old.get_model("blog", "Comment")
        when = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)

        def comment(article, **values):
            return OldComment.objects.create(
                article=article,
                author_name=values.pop("author_name", "Morag"),
                author_email=values.pop("author_email", "morag@example.com"),
                body=values.pop("body", "Does it hurt?"),
                created_at=values.pop("created_at", when),
                **values,
            )

        top = comment(first, status="approved", consent_given_at=when, wants_updates=True)
        reply = comment(
            first, parent=top, status="approved", is_staff_reply=True, staff_user=staff,
            author_name="The clinic", author_email="desk@clinic.example", body="Only a little.",
        )  # fmt: skip
        comment(first, parent=reply, status="pending", body="Thank you!", notification_pending="moderators")
        comment(second, status="spam", spam_reason="honeypot filled in", author_email="bot@spam.example")
        comment(second, status="removed", body="Off topic.", author_name="Ailsa")
        # As blog 0008 left them; an earlier test's flush may have emptied the groups table.
        grant(old, MODERATORS, "blog", {"comment": ["add", "change", "view"]})
        before = {row["id"]: row for row in OldComment.objects.values(*KEPT, "article_id", "notification_pending")}
        permissions = set(
            old.get_model("auth", "Group").objects.get(name="Moderators").permissions.values_list("codename", "pk")
        )

        new = migrate(latest())
        NewComment = new.get_model("comments", "Comment")
        article_type = new.get_model("contenttypes", "ContentType").objects.get(app_label="blog", model="article")
        after = {row["id"]: row for row in NewComment.objects.values(*KEPT, "content_type_id", "object_id")}

        assert after.keys() == before.keys()
        for pk, old_row in before.items():
            new_row = after[pk]
            assert {name: new_row[name] for name in KEPT} == {name: old_row[name] for name in KEPT}
            assert (new_row["content_type_id"], new_row["object_id"]) == (article_type.pk, old_row["article_id"])
        # The Moderators keep the very same permission rows, now labelled for the comments app.
        moderators = new.get_model("auth", "Group").objects.get(name="Moderators").permissions
        assert set(moderators.values_list("codename", "pk")) == permissions
        labels = set(moderators.values_list("content_type__app_label", flat=True))
        assert "comments" in labels
        assert "blog" not in labels
        # New rows continue the same id sequence.
        created = NewComment.objects.create(
            content_type=article_type, object_id=second.pk, author_name="Iona", author_email="i@example.com", body="Hi"
        )
        assert created.pk > max(before)
    finally:
        migrate(latest())
