import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from blog.models import Article
from tests.factories import ArticleFactory, PractitionerFactory, image_upload

pytestmark = pytest.mark.django_db


def make_article(**fields):
    fields.setdefault("author", PractitionerFactory())
    fields.setdefault("excerpt", "Summary.")
    fields.setdefault("body", "<p>Body.</p>")
    return Article.objects.create(**fields)


# Slugs


def test_slug_is_made_from_an_accented_title():
    article = make_article(title="Crème de la crème: PRP à Glasgow")

    assert article.slug == "creme-de-la-creme-prp-a-glasgow"


def test_title_without_latin_letters_still_gets_a_slug():
    article = make_article(title="護膚 😊")

    assert article.slug == "article"
    assert article.get_absolute_url() == "/blog/article/"


def test_duplicate_titles_get_distinct_slugs():
    first = make_article(title="PRP aftercare")
    second = make_article(title="PRP aftercare")
    third = make_article(title="PRP aftercare")

    assert [first.slug, second.slug, third.slug] == ["prp-aftercare", "prp-aftercare-2", "prp-aftercare-3"]


def test_an_editors_own_slug_is_kept():
    assert make_article(title="PRP", slug="what-is-prp").slug == "what-is-prp"


def test_duplicate_slug_is_refused_by_the_database():
    make_article(title="One", slug="same")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(title="Two", slug="same")


# Constraints


def test_unknown_status_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(title="Odd", status="archived", published_at=timezone.now())


def test_published_article_without_publication_time_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(title="Undated", status="published", published_at=None)


def test_clearing_the_publication_time_of_a_published_article_is_refused():
    article = ArticleFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(published_at=None)


def test_cover_without_description_is_refused_by_the_database():
    article = ArticleFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(cover="blog/covers/x.jpg", cover_alt="")


def test_review_without_date_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(title="Reviewed", medical_reviewer=PractitionerFactory(), reviewed_on=None)


def test_next_review_before_last_review_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(
            title="Reviewed",
            medical_reviewer=PractitionerFactory(),
            reviewed_on="2025-05-01",
            next_review_due_on="2025-04-01",
        )


def test_form_validation_explains_missing_cover_description():
    article = ArticleFactory.build(author=PractitionerFactory(), cover=image_upload(), cover_alt="  ")

    with pytest.raises(ValidationError) as error:
        article.full_clean()

    assert "Describe the cover image" in str(error.value.message_dict["cover_alt"])


def test_form_validation_fills_in_publication_time_when_publishing():
    article = ArticleFactory.build(author=PractitionerFactory(), status="published", published_at=None)

    article.full_clean()

    assert article.published_at is not None


# Body: sanitising, headings, reading time


def test_hostile_html_in_the_body_is_stripped_on_save():
    hostile = (
        '<p onclick="steal()">Hello <script>alert(1)</script><a href="javascript:alert(2)">link</a></p>'
        '<img src="x.png" onerror="alert(3)" alt="x"><iframe src="https://evil.example"></iframe>'
        '<h2 id="main" style="color:red">Heading</h2><style>body{display:none}</style>'
    )
    article = make_article(title="Hostile", body=hostile)
    article.refresh_from_db()

    for fragment in ("script", "alert", "onclick", "onerror", "javascript:", "iframe", "style", 'id="main"'):
        assert fragment not in article.body


def test_allowed_formatting_is_kept_in_the_body():
    body = (
        "<h2>Section</h2><h3>Sub</h3><p><strong>Bold</strong> <em>it</em></p><ul><li>One</li></ul>"
        '<blockquote>Quote</blockquote><a href="https://example.org/">Link</a>'
        '<table><tr><th scope="col">A</th></tr></table>'
    )
    article = make_article(title="Formatted", body=body)
    article.refresh_from_db()

    for fragment in ("<h2>Section</h2>", "<h3>Sub</h3>", "<strong>Bold</strong>", "<em>it</em>", "<li>One</li>"):
        assert fragment in article.body
    assert "<blockquote>Quote</blockquote>" in article.body
    assert 'href="https://example.org/"' in article.body
    assert '<th scope="col">A</th>' in article.body


def test_hostile_html_never_reaches_the_article_page(client):
    article = ArticleFactory(body='<h2 onmouseover="alert(1)">Hi</h2><script>alert(2)</script><p>Safe</p>')

    response = client.get(article.get_absolute_url())

    assert "alert(" not in response.text
    assert "Safe" in response.text


def test_table_of_contents_lists_h2_and_h3_with_stable_unique_anchors():
    article = make_article(
        title="Anchors",
        body=(
            "<h2>What is <em>PRP</em>?</h2><p>x</p><h3>Risks &amp; side effects</h3>"
            "<h2>FAQ</h2><h2>FAQ</h2><h4>No</h4>"
        ),
    )

    assert article.table_of_contents == [
        {"level": 2, "anchor": "section-what-is-prp", "text": "What is PRP?"},
        {"level": 3, "anchor": "section-risks-side-effects", "text": "Risks & side effects"},
        {"level": 2, "anchor": "section-faq", "text": "FAQ"},
        {"level": 2, "anchor": "section-faq-2", "text": "FAQ"},
    ]
    assert '<h2 id="section-what-is-prp">What is <em>PRP</em>?</h2>' in article.body_html
    assert '<h2 id="section-faq-2">FAQ</h2>' in article.body_html


def test_article_page_shows_table_of_contents_linking_to_headings(client):
    article = ArticleFactory(body="<h2>Before treatment</h2><p>a</p><h2>After treatment</h2><p>b</p>")

    response = client.get(article.get_absolute_url())

    assert '<a href="#section-before-treatment">Before treatment</a>' in response.text
    assert '<h2 id="section-before-treatment">Before treatment</h2>' in response.text


def test_images_in_the_body_load_lazily():
    article = make_article(title="Pictures", body='<p><img src="/media/uploads/a.jpg" alt="A"></p>')

    assert 'loading="lazy"' in article.body_html


def test_reading_time_counts_words_of_the_body():
    words = " ".join(["word"] * 450)

    assert make_article(title="Long", body=f"<p>{words}</p>").reading_time == 3
    assert make_article(title="Short", body="<p>Hi</p>").reading_time == 1
