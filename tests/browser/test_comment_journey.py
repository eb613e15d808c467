import pytest
from django.contrib.auth.models import Permission

from comments.models import Comment
from tests.factories import PractitionerFactory, UserFactory

ARTICLE = "/blog/exosomes-or-prp-which-supports-the-skin-matrix/"


@pytest.mark.browser
@pytest.mark.usefixtures("demo_content")
def test_patient_comments_moderator_approves_and_replies_both_show(page, admin_login, settings):
    # A browser fills the form in well under the real minimum; the demo articles are old.
    settings.SPAM_MIN_FILL_SECONDS = 0
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0

    page.goto(ARTICLE)
    assert "Reply from the clinic" in page.locator("#comments").inner_text()
    page.get_by_label("Your name", exact=True).fill("Eilidh")
    page.get_by_label("Email address", exact=True).fill("eilidh@example.com")
    page.get_by_role("textbox", name="Your comment").fill("Is <b>exosome</b> therapy suitable in winter?")
    page.get_by_role("button", name="Post my comment").click()
    assert "Tick the box to let us store" in page.locator(".error-summary").inner_text()
    assert (
        page.get_by_role("textbox", name="Your comment").input_value()
        == "Is <b>exosome</b> therapy suitable in winter?"
    )

    page.get_by_label("I agree that").check()
    page.get_by_role("button", name="Post my comment").click()
    assert "awaiting moderation" in page.locator(".messages").inner_text()
    assert "Is <b>exosome</b> therapy suitable in winter?" in page.locator(".comment--pending").inner_text()
    comment = Comment.objects.get(author_email="eilidh@example.com")
    assert comment.status == "pending"

    # Browser tests flush the database between tests, migration-made groups included, so
    # the moderator is given the Moderators' comment permissions directly.
    moderator = UserFactory(is_staff=True)
    moderator.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="comments", codename__in=["add_comment", "change_comment", "view_comment"]
        )
    )
    PractitionerFactory(name="Dr Ailsa Munro", user=moderator)  # replies are signed with a public name
    other = page.context.browser.new_context(base_url=page.url.split("/blog/")[0], locale="en-GB")
    staff_page = other.new_page()
    admin_login(staff_page, moderator)
    staff_page.get_by_role("link", name="1 comment awaiting moderation").click()
    staff_page.get_by_role("link", name="Eilidh").click()
    staff_page.get_by_label("Status").select_option("approved")
    staff_page.get_by_label("Reply as the clinic").fill(
        "Yes, winter is a good time. Book a consultation to talk it over."
    )
    staff_page.get_by_role("button", name="Save", exact=True).click()
    assert "Your reply is published" in staff_page.locator(".messagelist").inner_text()
    other.close()

    page.goto(ARTICLE)
    comments = page.locator("#comments").inner_text()
    assert "Is <b>exosome</b> therapy suitable in winter?" in comments
    assert "winter is a good time" in comments
    assert "Dr Ailsa Munro" in comments
    assert page.locator(f"#comment-{comment.pk}").is_visible()
    assert page.locator(".comment--pending").count() == 0
