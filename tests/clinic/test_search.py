import pytest
from django.db import connection
from django.urls import reverse

from blog.search import ARTICLE_FIELDS
from clinic import search
from tests.factories import ArticleFactory, TreatmentFactory

URL = reverse("clinic:search")


@pytest.fixture
def content(db):
    return {
        "title": ArticleFactory(title="Polynucleotides explained", body="<p>An overview.</p>"),
        "body": ArticleFactory(
            title="Caring for skin in winter", body="<p>Some patients ask about polynucleotides for dryness.</p>"
        ),
        "draft": ArticleFactory(title="Polynucleotides draft", status="draft", published_at=None),
        "treatment": TreatmentFactory(name="Polynucleotide injections", slug="polynucleotide-injections"),
    }


def result_titles(response):
    return [result.title for result in response.context["results"]]


def test_search_ranks_title_matches_above_body_matches_and_includes_treatments(client, content):
    response = client.get(URL, {"q": "polynucleotides"})
    titles = result_titles(response)
    assert titles.index("Polynucleotides explained") < titles.index("Caring for skin in winter")
    assert "Polynucleotide injections" in titles
    assert "Polynucleotides draft" not in titles


def test_full_text_snippet_is_unescaped_once(db):
    ArticleFactory(title="Aftercare", body="<p>Avoid 5 &lt; 6 &amp; heat after treatment.</p>")
    [result] = search.add_snippets(search.search("heat"), "heat")
    assert "&lt; 6 &amp; <mark>heat</mark>" in result.snippet


def test_search_highlights_matched_words_in_snippets(client, content):
    html = client.get(URL, {"q": "dryness"}).content.decode()
    assert "<mark>dryness</mark>" in html
    assert "1 result" in html


def test_search_results_are_not_indexed_by_search_engines(client, db):
    assert '<meta name="robots" content="noindex">' in client.get(URL, {"q": "prp"}).content.decode()


def test_empty_search_shows_the_form_without_results(client, db):
    response = client.get(URL, {"q": "   "})
    assert response.status_code == 200
    assert response.context["results"] == []
    assert "result" not in response.content.decode().split("<h1>", 1)[1].split("</form>", 1)[1]


@pytest.mark.parametrize(
    "odd", ['"unclosed', "<script>alert(1)</script>", "&&& || !!", "prp:* & !", "a" * 50, "😀 ✨"]
)
def test_odd_queries_are_answered_gracefully(client, content, odd):
    response = client.get(URL, {"q": odd})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_very_long_query_is_shortened_with_a_note(client, content):
    response = client.get(URL, {"q": "polynucleotides " * 40})
    assert len(response.context["query"]) == 200
    assert "only its first 200 characters were used" in response.content.decode()


def test_snippets_are_made_only_for_the_page_shown(client, db):
    for number in range(25):
        ArticleFactory(title=f"Exosome note {number}")
    response = client.get(URL, {"q": "exosome"})
    assert all(result.snippet for result in response.context["results"])
    assert all(result.snippet == "" for result in response.context["page_obj"].paginator.object_list[10:])


def test_search_paginates(client, db):
    for number in range(12):
        ArticleFactory(title=f"Exosome note {number}")
    first = client.get(URL, {"q": "exosome"})
    assert len(first.context["results"]) == 10
    second = client.get(URL, {"q": "exosome", "page": 2})
    assert len(second.context["results"]) == 2


def test_full_text_query_uses_the_gin_index(content):
    from django.contrib.postgres.search import SearchQuery

    from blog.models import Article

    queryset = (
        Article.objects.annotate(document=search.search_vector(ARTICLE_FIELDS))
        .filter(document=SearchQuery("skin", config="english"))
        .only("pk")
    )
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = queryset.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "blog_article_search" in plan


def test_plain_fallback_ranks_titles_first_and_highlights(content):
    results = search.add_snippets(search._search_plain("polynucleotides"), "polynucleotides", full_text=False)
    titles = [result.title for result in results]
    assert titles[0] in {"Polynucleotides explained", "Polynucleotide injections"}
    assert titles.index("Polynucleotides explained") < titles.index("Caring for skin in winter")
    body_match = next(result for result in results if result.title == "Caring for skin in winter")
    assert "<mark>polynucleotides</mark>" in body_match.snippet
    assert "Polynucleotides draft" not in titles


def test_plain_fallback_escapes_stored_text(db):
    ArticleFactory(title="Aftercare", body="<p>Avoid 5 < 6 &amp; heat after treatment.</p>")
    [result] = search.add_snippets(search._search_plain("heat"), "heat", full_text=False)
    assert result.snippet == "Avoid 5 &lt; 6 &amp; <mark>heat</mark> after treatment."
