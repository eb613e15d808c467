"""Posting a comment on an article: what a reader sees, and what is stored."""

import pytest

from clinic.models import BlockedWord
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, comment_post_data
from tests.mail import deliver_outbox

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _notify(settings, clinic_profile):
    settings.CLINIC_NOTIFY_EMAILS = ["moderators@example.com"]


@pytest.fixture
def article(db):
    return ArticleFactory()


def post(client, article, **overrides):
    return client.post(article.get_absolute_url(), comment_post_data(**overrides))


def test_comment_form_and_privacy_note_are_on_the_article(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Comments are public" in html
    assert "do not share personal medical details" in html
    assert 'href="/consultation/' in html or "book a consultation" in html
    assert 'name="leave_blank"' in html
    assert 'name="form_token"' in html


def test_posted_comment_awaits_moderation_and_only_its_author_sees_it(client, article):
    response = post(client, article)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.status == Comment.Status.PENDING
    assert comment.consent_given_at is not None

    page = client.get(article.get_absolute_url()).content.decode()
    assert "awaiting moderation" in page
    assert "Thank you, this was really helpful." in page

    client.cookies.clear()
    other = client.get(article.get_absolute_url()).content.decode()
    assert "Thank you, this was really helpful." not in other


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"author_name": ""}, "author_name", "Enter your name."),
        ({"author_email": ""}, "author_email", "Enter your email address."),
        ({"author_email": "not-an-email"}, "author_email", "Enter an email address like name@example.com."),
        ({"body": "   "}, "body", "Write your comment."),
        ({"body": "x" * 3001}, "body", "Your comment must be 3000 characters or fewer (it has 3001)."),
        ({"consent": ""}, "consent", "Tick the box to let us store your name, email and comment."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_text_kept(client, article, overrides, field, message):
    data = {"body": "My words stay here."} | overrides
    response = post(client, article, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["comment_form"].has_error(field)
    if field != "body":
        assert "My words stay here." in response.content.decode()
    assert 'aria-describedby="id_' in response.content.decode()
    assert not Comment.objects.exists()


def test_script_and_html_are_shown_escaped(client, article):
    body = '<script>alert("x")</script> <b>bold</b>\nsecond line https://example.org/page'
    CommentFactory(article=article, body=body)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;<br>second line" in html
    assert '<a rel="nofollow ugc noopener" href="https://example.org/page">' in html


def test_unicode_is_kept(client, article):
    post(client, article, author_name="Siobhán Ní Bhriain", body="Diolch — très utile ✨ 漢字")
    comment = Comment.objects.get()
    assert comment.author_name == "Siobhán Ní Bhriain"
    assert comment.body == "Diolch — très utile ✨ 漢字"


def test_duplicate_comment_is_refused(client, article):
    CommentFactory(article=article, author_email="morag@example.com", body="Same words.", status="pending")
    response = post(client, article, body="Same words.")
    assert response.status_code == 400
    assert "We already have this comment from you" in response.content.decode()
    assert Comment.objects.count() == 1


def test_reply_to_an_approved_comment(client, article):
    parent = CommentFactory(article=article)
    assert "Reply to" in client.get(article.get_absolute_url() + f"?reply_to={parent.pk}").content.decode()
    post(client, article, parent=str(parent.pk))
    assert Comment.objects.get(author_email="morag@example.com").parent == parent


@pytest.mark.parametrize("kind", ["other article", "pending", "spam"])
def test_reply_to_a_comment_not_shown_here_is_refused(client, article, kind):
    parent = CommentFactory() if kind == "other article" else CommentFactory(article=article, status=kind)
    response = post(client, article, parent=str(parent.pk))
    assert response.status_code == 400
    assert "The comment you are replying to is not available" in response.content.decode()
    assert Comment.objects.count() == 1


def test_closed_article_shows_comments_and_refuses_new_ones(client):
    article = ArticleFactory(is_commenting_open=False)
    CommentFactory(article=article, body="An older comment.")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "An older comment." in page
    assert "Comments are closed on this article" in page
    assert 'name="form_token"' not in page

    response = post(client, article)
    assert response.status_code == 302
    followed = client.get(response["Location"]).content.decode()
    assert "Comments are closed on this article, so your comment was not posted." in followed
    assert Comment.objects.count() == 1


def test_comments_close_automatically_after_the_set_number_of_days(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 90
    from datetime import timedelta

    from django.utils import timezone

    old = ArticleFactory(published_at=timezone.now() - timedelta(days=91))
    assert not old.comments_open
    post(client, old)
    assert not Comment.objects.exists()
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    assert old.comments_open


def test_draft_and_unknown_articles_refuse_comments_with_404(client):
    draft = ArticleFactory(status="draft", published_at=None)
    assert post(client, draft).status_code == 404
    assert client.post("/blog/no-such-article/", comment_post_data()).status_code == 404
    assert not Comment.objects.exists()


def test_no_address_is_trusted_to_skip_the_queue(client, article, settings):
    # A typed-in address proves nothing: a known commenter's, or the clinic's own (under
    # which its replies are stored), still waits for a moderator, whatever the name.
    CommentFactory(author_email="Morag@Example.com")
    CommentFactory(author_email=settings.DEFAULT_FROM_EMAIL, is_staff_reply=True, parent=CommentFactory())
    post(client, article)
    post(client, article, author_name="The Clinic", author_email=settings.DEFAULT_FROM_EMAIL, body="Buy now.")
    assert list(Comment.objects.on(article).values_list("status", flat=True)) == ["pending", "pending"]
    client.cookies.clear()  # another reader sees neither
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Buy now." not in page
    assert "Thank you, this was really helpful." not in page


# --- Spam rules: caught spam is stored as spam, never dropped -------------------------


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"leave_blank": "http://spam.example"}, "honeypot filled in"),
        ({"form_token": "forged"}, "missing or forged form token"),
        ({"body": "See https://a.example and https://b.example"}, "too many links"),
    ],
)
def test_spam_is_stored_for_moderators_and_not_emailed(client, article, overrides, reason):
    response = post(client, article, **overrides)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert comment.spam_reason == reason
    assert deliver_outbox() == []
    # The sender is told the same as anyone else, and does not see the spam on the page.
    page = client.get(response["Location"]).content.decode()
    assert "awaiting moderation" in page
    assert comment.body not in page.split('id="comments"')[1].split("<form")[0]


def test_sent_too_quickly_asks_to_check_and_send_again_with_the_text_kept(client, article, settings):
    from clinic.spam import make_form_token

    settings.SPAM_MIN_FILL_SECONDS = 3
    response = post(client, article, body="I pasted this from my notes.", form_token=make_form_token("comment"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please check it and send it again." in html
    assert "I pasted this from my notes.</textarea>" in html
    assert not Comment.objects.exists()
    # The resend (with the page's fresh token, a minute later) is taken, not called a duplicate.
    response = post(client, article, body="I pasted this from my notes.")
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_resend_after_a_comment_was_filed_as_spam_is_not_a_duplicate(client, article):
    post(client, article, body="See https://a.example and https://b.example")
    post(client, article, body="See https://a.example and https://b.example", form_token="forged")
    assert Comment.objects.filter(status=Comment.Status.SPAM).count() == 2


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("I have lupus and take methotrexate, is PRP safe?", "health details and medicines"),
        ("Call me on 07700 900123 please", "contact details"),
    ],
)
def test_personal_details_are_flagged_to_the_patient_after_posting(client, article, body, said):
    response = post(client, article, body=body)
    page = client.get(response["Location"]).content.decode()
    assert "awaiting moderation" in page
    assert f"Your comment seems to include {said}" in page
    # The moderators' email does not repeat the text.
    [email] = deliver_outbox()
    assert "may contain personal details" in email.subject
    assert body not in email.body
    assert "methotrexate" not in email.body
    assert "07700" not in email.body
    assert "Redact and approve" in email.body


def test_ordinary_comment_is_not_flagged(client, article):
    response = post(client, article, body="Does PRP hurt? How long is the downtime?")
    assert "Your comment seems to include" not in client.get(response["Location"]).content.decode()
    [email] = deliver_outbox()
    assert "Does PRP hurt?" in email.body


def test_blocked_word_marks_spam(client, article):
    BlockedWord.objects.create(phrase="cheap pills")
    post(client, article, body="Buy CHEAP PILLS today")
    assert Comment.objects.get().spam_reason == "blocked word: cheap pills"


def test_enquiry_token_is_not_accepted_for_comments(client, article):
    import time

    from clinic.spam import make_form_token

    post(client, article, form_token=make_form_token("enquiry", now=time.time() - 60))
    assert Comment.objects.get().spam_reason == "token from another form"


def test_rate_limit_per_client(client, article, settings):
    settings.SPAM_RATE_LIMIT = 2
    for number in range(2):
        assert post(client, article, body=f"Comment {number}").status_code == 302
    response = post(client, article, body="One too many")
    assert response.status_code == 429
    assert "You have sent several messages in a short time" in response.content.decode()
    assert Comment.objects.count() == 2


def test_spam_is_counted_in_the_moderators_digest_and_listed_in_the_admin(client, article, admin_client):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    post(client, article, body="See https://a.example and https://b.example")
    post(client, article, form_token="forged", body="Another.")
    CommentFactory(status="spam", spam_reason="too many links", created_at=timezone.now() - timedelta(days=3))
    CommentFactory(status="pending")
    assert deliver_outbox() == []  # spam is never emailed one by one
    call_command("send_moderation_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [digest] = deliver_outbox()
    assert digest.subject == "Comments: 1 awaiting moderation, 2 filed as spam"
    assert "1 × too many links" in digest.body
    assert "1 × missing or forged form token" in digest.body
    assert "https://" in digest.body and "?status=spam" in digest.body  # noqa: PT018
    assert "Another." not in digest.body
    listed = admin_client.get("/admin/comments/comment/?status=spam").content.decode()
    assert "Another." in listed
    assert "Spam (3)" in listed


def test_no_digest_when_there_is_nothing_to_report(db):
    from django.core.management import call_command

    call_command("send_moderation_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert deliver_outbox() == []
