"""Admin pages without the editor work under the strict policy: the browser blocks nothing."""

import pytest
from django.urls import reverse

from tests.factories import CommentFactory, UserFactory


@pytest.mark.browser
@pytest.mark.usefixtures("demo_content")
def test_admin_log_in_lists_and_moderation_run_without_csp_violations(page, admin_login):
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    moderator = UserFactory(username="moderator", is_staff=True, is_superuser=True)
    comment = CommentFactory(status="pending", body="<img src=x onerror=alert(1)> Is PRP safe?")
    admin_login(page, moderator)
    for url in [
        reverse("admin:index"),
        reverse("admin:comments_comment_changelist"),
        reverse("admin:comments_comment_change", args=[comment.pk]),
        reverse("admin:clinic_enquiry_changelist"),
        reverse("admin:blog_article_changelist"),
    ]:
        response = page.goto(url)
        assert "'unsafe-inline'" not in response.headers["content-security-policy"], url
    # Admin JavaScript (the changelist's select-all) still runs under the strict policy.
    page.goto(reverse("admin:comments_comment_changelist"))
    page.locator("#action-toggle").check()
    assert page.locator("input.action-select").first.is_checked()
    assert violations == []
