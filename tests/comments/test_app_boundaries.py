"""The comments app stands on clinic alone: pages that take comments point at it, not the reverse."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from clinic import registries
from tests.factories import CommentFactory, UserFactory

COMMENTS = Path(__file__).resolve().parents[2] / "comments"


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_comments_import_no_app_above_clinic():
    offenders = {
        f"{path.relative_to(COMMENTS)}: {module}"
        for path in COMMENTS.rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in {"blog", "treatments"}
    }
    assert offenders == set()


@pytest.mark.django_db
def test_comments_answer_personal_data_requests_through_the_registry():
    CommentFactory(author_email="Fiona@Example.com", body="Is PRP safe?", status="pending")
    CommentFactory(author_email="other@example.com")
    provider = registries.personal_data_providers["comments"]
    assert provider.label == "Comments"
    assert [row["comment"] for row in provider.export("fiona@example.com")] == ["Is PRP safe?"]
    assert provider.erase("FIONA@example.com") == 1
    assert provider.export("fiona@example.com") == []


@pytest.mark.django_db
def test_admin_inbox_counts_pending_comments_for_moderators_only():
    CommentFactory.create_batch(2, status="pending")
    count_for = registries.admin_inbox["comments"]
    moderator = UserFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    label, count, url = count_for(moderator)
    assert (label, count) == ("comments awaiting moderation", 2)
    assert url == "/admin/comments/comment/?status=pending"
    assert count_for(UserFactory(is_staff=True)) is None
