"""A moderator's day in the comment queue, counting clicks and page loads.

Counting as in test_editing_journeys.py: a click on a link, button or field is one click;
typing and keys are not clicks. A page load is a document the browser loads (a POST
answered by a redirect and the page it lands on count once, as the person sees one page).
Each action starts on the moderation queue, already open, as WordPress's figures do
(2 clicks, 1 load for approve, spam and reply); opening the queue from the admin index
is one more click and load for the first action of a session.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from clinic.models import OutboxEmail
from comments.models import Comment
from tests.factories import CommentFactory, PractitionerFactory, UserFactory

pytestmark = pytest.mark.browser


class Counter:
    def __init__(self, page):
        self.page = page
        self.clicks = 0
        self.loads = 0
        page.on("load", self._loaded)

    def _loaded(self, _page):
        self.loads += 1

    def click(self, locator):
        locator.click()
        self.clicks += 1
        self.page.wait_for_load_state()

    def reset(self):
        self.clicks = self.loads = 0


@pytest.fixture
def moderator(db):
    user = UserFactory(is_staff=True)
    # Browser tests flush the database, migration-made groups included: permissions given directly.
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="comments", codename__in=["add_comment", "change_comment", "view_comment"]
        )
    )
    PractitionerFactory(name="Dr Ailsa Munro", user=user)
    return user


def row(page, comment):
    return page.locator("tr", has=page.locator(f'textarea[name="reply-{comment.pk}"]'))


def test_each_moderation_action_takes_at_most_two_clicks_and_one_load(page, admin_login, moderator):
    approve_me = CommentFactory(status="pending", author_name="Aileen", body="Does PRP hurt?")
    spam_me = CommentFactory(status="pending", author_name="Bot", body="Cheap watches here")
    trash_me = CommentFactory(status="pending", author_name="Calum", body="Off topic.")
    reply_to_me = CommentFactory(status="pending", author_name="Dana", body="How long is the downtime?")
    redact_me = CommentFactory(status="pending", author_name="Eve", body="I take warfarin. Is exosome therapy ok?")
    admin_login(page, moderator)
    counter = Counter(page)

    counter.click(page.get_by_role("link", name="5 comments awaiting moderation"))
    assert (counter.clicks, counter.loads) == (1, 1)
    expect(page.get_by_role("link", name="Awaiting moderation (5)")).to_be_visible()
    # Flagged words are highlighted in the queue itself.
    expect(row(page, redact_me).locator("mark", has_text="I take warfarin")).to_be_visible()

    for comment, label, status in [
        (approve_me, "Approve", "approved"),
        (spam_me, "Spam", "spam"),
        (trash_me, "Trash", "removed"),
        (redact_me, "Redact and approve", "approved"),
    ]:
        counter.reset()
        counter.click(row(page, comment).get_by_role("button", name=f"{label} – comment by {comment.author_name}"))
        assert (counter.clicks, counter.loads) == (1, 1), label
        comment.refresh_from_db()
        assert comment.status == status
        expect(page.locator(".messagelist")).to_contain_text(comment.author_name)
        # Back on the queue, which no longer lists the comment.
        expect(page.get_by_text(comment.body)).to_have_count(0)

    counter.reset()
    counter.click(row(page, reply_to_me).locator("summary", has_text="Reply"))
    page.keyboard.type("Most people are back to normal the next day. Book a consultation to talk it over.")
    counter.click(row(page, reply_to_me).get_by_role("button", name="Send reply"))
    assert (counter.clicks, counter.loads) == (2, 1)
    expect(page.locator(".messagelist")).to_contain_text("Your reply to Dana is published.")
    reply = Comment.objects.get(parent=reply_to_me)
    assert reply.author_name == "Dr Ailsa Munro"
    redact_me.refresh_from_db()
    assert redact_me.body == "[removed]. Is exosome therapy ok?"

    # Nothing left: the queue says so, and the counts moved.
    expect(page.get_by_role("link", name="Awaiting moderation (0)")).to_be_visible()
    expect(page.get_by_role("link", name="Spam (1)")).to_be_visible()
    assert not OutboxEmail.objects.filter(kind="comment_moderators").exists()


def test_row_buttons_work_without_javascript(browser, live_server, admin_login, moderator):
    comment = CommentFactory(status="pending", author_name="Fiona", body="Is PRP safe?")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    admin_login(page, moderator)
    page.goto(f"/{settings.ADMIN_URL}comments/comment/")
    row(page, comment).locator("summary", has_text="Reply").click()
    page.keyboard.press("Tab")  # without the script, the reply box is one Tab away
    page.keyboard.type("Yes, for most people. Book a consultation to check.")
    row(page, comment).get_by_role("button", name="Send reply").click()
    expect(page.locator(".messagelist")).to_contain_text("Your reply to Fiona is published.")
    assert comment.replies.get().body == "Yes, for most people. Book a consultation to check."
    context.close()
