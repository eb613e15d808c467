from datetime import timedelta

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from blog.models import Article
from clinic import search
from tests.factories import ArticleFactory, TreatmentFactory
from treatments.models import Treatment

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


def test_full_text_query_uses_the_gin_index_on_the_stored_document(content):
    queryset = Article.objects.filter(search_document=SearchQuery("skin", config="english")).only("pk")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = queryset.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "blog_article_search_document" in plan


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


def found(model, words):
    """The pks of ``model`` rows whose stored search document matches ``words``."""
    return set(model.objects.filter(search_document=SearchQuery(words, config="english")).values_list("pk", flat=True))


def test_stored_document_follows_save_bulk_create_and_update(db):
    article = ArticleFactory(title="Winter skin", body="<p>Moisturise often.</p>")
    assert found(Article, "moisturise") == {article.pk}

    article.body = "<h2>Sunscreen</h2><p>Every morning.</p>"
    article.save()
    assert found(Article, "moisturise") == set()
    assert found(Article, "sunscreen") == {article.pk}

    # The WordPress importer writes articles with bulk_create.
    [imported] = Article.objects.bulk_create(
        [Article(title="Imported", slug="imported", excerpt="Old post.", body="<p>Microneedling basics.</p>")]
    )
    assert found(Article, "microneedling") == {imported.pk}

    Article.objects.filter(pk=imported.pk).update(title="Retinol guide")
    assert found(Article, "retinol") == {imported.pk}
    # A save that writes other columns only keeps the document.
    imported.status = "draft"
    imported.save(update_fields=["status"])
    assert found(Article, "retinol & microneedling") == {imported.pk}


def test_stored_document_indexes_text_not_markup_and_treatment_synonyms(db):
    article = ArticleFactory(body='<p><a href="https://example.com/hyaluronic">Read</a> <strong>on</strong>.</p>')
    treatment = TreatmentFactory(name="PRP", search_synonyms="vampire facial")
    assert found(Article, "hyaluronic") == set()
    assert found(Article, "read") == {article.pk}
    assert found(Treatment, "vampire") == {treatment.pk}
    Treatment.objects.filter(pk=treatment.pk).update(search_synonyms="platelet-rich plasma")
    assert found(Treatment, "vampire") == set()
    assert found(Treatment, "plasma") == {treatment.pk}


def test_the_document_is_never_sent_to_python(db):
    article = ArticleFactory(title="Winter skin")
    assert found(Article, "winter") == {article.pk}
    # Loading articles anywhere (lists, admin, search) leaves the vector in the database.
    assert Article.objects.get().search_document is None
    assert Article.objects.values_list("search_document", flat=True).get() is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_document IS NOT NULL FROM blog_article")
        assert cursor.fetchone() == (True,)


@pytest.fixture
def prp(db):
    treatment = TreatmentFactory(
        name="PRP skin rejuvenation",
        slug="prp-skin-rejuvenation",
        search_synonyms="platelet-rich plasma, vampire facial",
        overview="<p>Your own blood, concentrated.</p>",
    )
    many = " ".join(["PRP and platelet rich plasma for the skin."] * 30)
    for number in range(6):
        ArticleFactory(
            title=f"PRP questions answered {number}",
            excerpt="All about PRP, platelet rich plasma.",
            body=f"<h2>PRP</h2><p>{many}</p>",
        )
    return treatment


@pytest.mark.parametrize("words", ["prp", "PRP", "platelet rich plasma", "platelet-rich plasma", "vampire facial"])
def test_a_treatment_comes_first_for_its_name_and_synonyms(client, prp, words):
    results = client.get(URL, {"q": words}).context["results"]
    assert results[0].title == "PRP skin rejuvenation"
    assert results[0].url == "/treatments/prp-skin-rejuvenation/"
    if words != "vampire facial":
        assert len(results) == 7


def test_a_misspelt_treatment_is_found_with_a_suggestion(client, db):
    TreatmentFactory(name="Exosome therapy", slug="exosome-therapy")
    TreatmentFactory(name="Microneedling", slug="microneedling")
    response = client.get(URL, {"q": "exosme"})
    assert result_titles(response) == ["Exosome therapy"]
    html = response.content.decode()
    assert 'Did you mean <a href="?q=exosome">exosome</a>?' in html
    assert "No exact matches; 1 result with a similar spelling" in html


def test_a_misspelt_synonym_finds_its_treatment(client, prp):
    assert result_titles(client.get(URL, {"q": "vampyre"}))[0] == "PRP skin rejuvenation"


def test_nothing_alike_finds_nothing(client, prp):
    response = client.get(URL, {"q": "zzqxj"})
    assert result_titles(response) == []
    assert "Did you mean" not in response.content.decode()


def test_snippet_keeps_headings_apart_and_ends_between_words(db):
    sentence = "Bruising fades within a week for most people who have the treatment on the face. "
    ArticleFactory(
        title="Aftercare",
        body=f"<h2>What to expect</h2><p>Swelling settles quickly. {sentence * 6}</p>"
        "<ul><li>Ice packs</li><li>Rest</li></ul>",
    )
    [result] = search.add_snippets(search.search("swelling"), "swelling")
    text = str(result.snippet)
    assert text.startswith("What to expect. <mark>Swelling</mark> settles quickly.")
    assert text.endswith(" …")
    last_word = text.removesuffix(" …").rsplit(" ", 1)[-1].strip(".")
    assert last_word in sentence.replace(".", "").split()


def test_snippet_from_the_middle_starts_with_an_ellipsis(db):
    filler = "Patients often ask about the first weeks after treatment and what is normal. " * 8
    ArticleFactory(title="Aftercare", body=f"<p>{filler}</p><h3>Ice packs</h3><p>Use them for bruising.</p>")
    [result] = search.add_snippets(search.search("bruising"), "bruising")
    assert str(result.snippet).startswith("… ")
    assert "Ice packs. Use them for <mark>bruising</mark>." in result.snippet


def test_plain_text_keeps_blocks_apart():
    assert search.search_text(
        "<h2>Heading</h2><p>Text</p><ul><li>One</li><li>Two?</li></ul><p>A <b>bold</b>s</p>"
    ) == ("Heading. Text. One. Two? A bolds.")


def test_plain_fallback_snippet_cuts_between_words(db):
    words = " ".join(f"word{number}" for number in range(200))
    ArticleFactory(title="Long", body=f"<h2>Heading</h2><p>{words} heat {words}</p>")
    [result] = search.add_snippets(search._search_plain("heat"), "heat", full_text=False)
    text = str(result.snippet)
    assert text.startswith("… word")
    assert text.endswith(" …")
    for part in text.replace("<mark>heat</mark>", "").split():
        assert part == "…" or part.removeprefix("word").isdigit()


@pytest.mark.parametrize("words", ["exosome", "skin", "exosme"])
def test_search_page_queries_do_not_grow_with_matches(client, db, words):
    def queries_with(count):
        Article.objects.all().delete()
        ArticleFactory.create_batch(count, title="Exosome notes", body="<p>Exosome care for skin.</p>")
        TreatmentFactory(name="Exosome therapy")
        # Both measurements start from an empty cache, so the site chrome's queries count in each.
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"q": words})
        assert response.status_code == 200
        assert response.context["results"] or words == "exosme"
        return len(queries)

    assert queries_with(5) == queries_with(50)


def test_with_very_many_matches_recent_and_title_matches_are_ranked(client, db, monkeypatch):
    monkeypatch.setattr(search, "MAX_RANKED", 3)
    old = ArticleFactory(title="Hydration explained", published_at=timezone.now() - timedelta(days=900))
    for number in range(6):
        ArticleFactory(title=f"Winter note {number}", body="<p>Hydration helps.</p>")
    response = client.get(URL, {"q": "hydration"})
    titles = result_titles(response)
    assert titles[0] == old.title
    assert "More than 3 results" in response.content.decode()
    assert response.context["page_obj"].paginator.count == 3


def test_ranking_reads_a_bounded_number_of_rows_however_many_titles_match(db, monkeypatch):
    monkeypatch.setattr(search, "MAX_RANKED", 3)
    for number in range(12):
        ArticleFactory(title=f"Hydration note {number}", body="<p>Hydration helps.</p>")
    results = search.search("hydration")
    articles = next(source for source in search.search_sources if source.model is Article)

    assert results.count() == 3
    assert results.is_capped
    assert len(results._candidates(articles)) <= 2 * 3


def test_a_search_runs_the_same_queries_with_a_few_matches_as_past_the_cap(client, db, monkeypatch):
    monkeypatch.setattr(search, "MAX_RANKED", 3)
    ArticleFactory(title="Hydration note", body="<p>Hydration helps.</p>")
    client.get(URL, {"q": "hydration"})  # the site's header and footer, cached
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"q": "hydration"})
    for number in range(6):
        ArticleFactory(title=f"Hydration note {number}", body="<p>Hydration helps.</p>")
    client.get(URL, {"q": "hydration"})

    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, {"q": "hydration"})

    assert "More than 3 results" in response.content.decode()
    assert len(many) == len(few)


def test_title_matches_are_found_through_their_own_index(content):
    queryset = Article.objects.alias(words=search.TitleVector("title")).filter(
        words=SearchQuery("skin", config="english")
    )
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = queryset.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "blog_article_title_search" in plan


@pytest.mark.parametrize("words", ["prp", "vampire facial"])
def test_plain_fallback_puts_a_treatment_first_for_its_name_and_synonyms(prp, words):
    assert search._search_plain(words)[0].title == "PRP skin rejuvenation"
