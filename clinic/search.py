"""One search over articles and treatments.

On PostgreSQL: full-text search with the English configuration, title weighted above
summary above body, ranked, with highlighted snippets, served by GIN expression indexes
(see the migrations named ``search_index``). Elsewhere (the SQLite demo): a plain
substring match that still ranks title matches first and highlights the matched words.
"""

import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, Q, Value, When
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from blog.models import Article
from treatments.models import RICH_SECTIONS, Treatment

MAX_QUERY_LENGTH = 200
SNIPPET_WORDS = 35
# Sentinels ts_headline puts around matches; chosen so they never occur in stored text and
# survive stripping tags and escaping, then become <mark>.
START, STOP = "\x02", "\x03"

ARTICLE_FIELDS = (("title", "A"), ("excerpt", "B"), ("body", "C"))
TREATMENT_FIELDS = (("name", "A"), ("summary", "B"), *((section, "C") for section in RICH_SECTIONS))


def search_vector(fields):
    """The weighted tsvector of ``fields``; the GIN indexes are built on this same expression."""
    vectors = [SearchVector(name, weight=weight, config="english") for name, weight in fields]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


@dataclass
class SearchResult:
    kind: str  # "Article" or "Treatment"
    pk: int
    title: str
    url: str
    rank: float
    snippet: str = ""  # safe HTML: escaped text with <mark> around matches; see add_snippets()


# Where each kind's snippet comes from.
SNIPPET_SOURCES = {"Article": (Article, "body"), "Treatment": (Treatment, "overview")}
HEADLINE_OPTIONS = {
    "config": "english",
    "start_sel": START,
    "stop_sel": STOP,
    "max_words": SNIPPET_WORDS,
    "min_words": 15,
    "max_fragments": 2,
}


def clean_query(raw):
    """The query as searched: whitespace collapsed and length capped; '' when there is nothing to search."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def _snippet_from_headline(headline):
    text = " ".join(html.unescape(strip_tags(headline or "")).split())
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 — escaped above


def search(raw_query):
    """Return ranked SearchResults (without snippets) for ``raw_query`` over public articles and treatments."""
    query = clean_query(raw_query)
    if not query:
        return []
    if connection.vendor == "postgresql":
        return _search_postgres(query)
    return _search_plain(query)


def _search_postgres(query, limit=200):
    search_query = _full_text_query(query)
    articles = (
        Article.objects.published()
        .annotate(document=search_vector(ARTICLE_FIELDS))
        .filter(document=search_query)
        .annotate(rank=SearchRank(F("document"), search_query))
        .order_by("-rank", "-published_at")
        .only("title", "slug")[:limit]
    )
    treatments = (
        Treatment.objects.published()
        .annotate(document=search_vector(TREATMENT_FIELDS))
        .filter(document=search_query)
        .annotate(rank=SearchRank(F("document"), search_query))
        .order_by("-rank")
        .only("name", "slug")[:limit]
    )
    results = [
        SearchResult("Article", item.pk, item.title, item.get_absolute_url(), item.rank) for item in articles
    ] + [SearchResult("Treatment", item.pk, item.name, item.get_absolute_url(), item.rank) for item in treatments]
    return sorted(results, key=lambda result: -result.rank)


def _full_text_query(query):
    return SearchQuery(query, search_type="websearch", config="english")


def _words(query):
    return [word for word in re.split(r"\W+", query) if len(word) > 1][:10]


def add_snippets(results, raw_query, *, full_text=None):
    """Fill in the highlighted snippet of each of ``results`` (the page shown: headlines are costly).

    ``full_text`` picks PostgreSQL's headlines or the plain highlighter; by default, whichever
    the database supports.
    """
    query = clean_query(raw_query)
    if not results or not query:
        return results
    if full_text is None:
        full_text = connection.vendor == "postgresql"
    for kind, (model, field) in SNIPPET_SOURCES.items():
        wanted = [result for result in results if result.kind == kind]
        if not wanted:
            continue
        rows = model.objects.filter(pk__in=[result.pk for result in wanted])
        if full_text:
            headlines = dict(
                rows.annotate(headline=SearchHeadline(field, _full_text_query(query), **HEADLINE_OPTIONS)).values_list(
                    "pk", "headline"
                )
            )
            for result in wanted:
                result.snippet = _snippet_from_headline(headlines.get(result.pk))
        else:
            texts = dict(rows.values_list("pk", field))
            for result in wanted:
                result.snippet = _highlight(texts.get(result.pk), _words(query))
    return results


def _highlight(text, words):
    """Escape ``text`` (plain) and wrap each occurrence of ``words`` in <mark>, around the first match."""
    text = " ".join(html.unescape(strip_tags(text or "")).split())
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    if first:
        start = max(first.start() - 80, 0)
        text = ("…" if start else "") + text[start : start + 260]
    parts, position = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 — every piece is escaped


def _plain_rank(fields, words):
    """3 for a title match, 2 for the summary, 1 for the body, added up over the words."""
    title, summary, *body = fields
    whens = []
    for word in words:
        whens.append(Case(When(**{f"{title}__icontains": word}, then=Value(3)), default=Value(0)))
        whens.append(Case(When(**{f"{summary}__icontains": word}, then=Value(2)), default=Value(0)))
        body_match = Q()
        for name in body:
            body_match |= Q(**{f"{name}__icontains": word})
        whens.append(Case(When(body_match, then=Value(1)), default=Value(0)))
    total = whens[0]
    for when in whens[1:]:
        total = total + when
    return total


def _search_plain(query, limit=200):
    words = _words(query)
    if not words:
        return []
    results = []
    sources = (
        ("Article", Article.objects.published(), [name for name, _ in ARTICLE_FIELDS], "title"),
        ("Treatment", Treatment.objects.published(), [name for name, _ in TREATMENT_FIELDS], "name"),
    )
    for kind, queryset, fields, title_field in sources:
        ranked = queryset.annotate(rank=_plain_rank(fields, words)).only(title_field, "slug")
        for item in ranked.filter(rank__gt=0).order_by("-rank")[:limit]:
            results.append(
                SearchResult(kind, item.pk, getattr(item, title_field), item.get_absolute_url(), float(item.rank))
            )
    return sorted(results, key=lambda result: -result.rank)
