"""One search over whatever the apps register in ``clinic.registries.search_sources``.

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

from clinic.registries import search_sources

MAX_QUERY_LENGTH = 200
SNIPPET_WORDS = 35
# Sentinels ts_headline puts around matches; chosen so they never occur in stored text and
# survive stripping tags and escaping, then become <mark>.
START, STOP = "\x02", "\x03"


@dataclass(frozen=True)
class SearchSource:
    """What an app registers in ``search_sources`` to be found by /search/.

    ``kind`` labels its results ("Article"); ``model`` is searched through ``queryset()``
    (the public rows only). ``fields`` are (field name, weight) pairs, weight "A" to "D",
    the first being the title and the second the summary (the plain fallback ranks them
    3 and 2, the rest 1). ``snippet_field`` gives the highlighted extract; ``tie_break``
    orders results of equal rank. A PostgreSQL GIN index on ``search_vector(fields)`` keeps
    it fast.
    """

    kind: str
    model: type
    fields: tuple
    snippet_field: str
    queryset: object = None  # callable() returning the public rows; the default manager's published()
    tie_break: tuple = ()

    @property
    def title_field(self):
        return self.fields[0][0]

    def public(self):
        return self.queryset() if self.queryset else self.model.objects.published()


def search_vector(fields):
    """The weighted tsvector of ``fields``; the GIN indexes are built on this same expression."""
    vectors = [SearchVector(name, weight=weight, config="english") for name, weight in fields]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


@dataclass
class SearchResult:
    kind: str  # a SearchSource's kind: "Article", "Treatment"…
    pk: int
    title: str
    url: str
    rank: float
    snippet: str = ""  # safe HTML: escaped text with <mark> around matches; see add_snippets()


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
    """Return ranked SearchResults (without snippets) for ``raw_query`` over every registered source."""
    query = clean_query(raw_query)
    if not query:
        return []
    if connection.vendor == "postgresql":
        return _search_postgres(query)
    return _search_plain(query)


def _search_postgres(query, limit=200):
    search_query = _full_text_query(query)
    results = []
    for source in search_sources:
        rows = (
            source.public()
            .annotate(document=search_vector(source.fields))
            .filter(document=search_query)
            .annotate(rank=SearchRank(F("document"), search_query))
            .order_by("-rank", *source.tie_break)
            .only(source.title_field, "slug")[:limit]
        )
        results += [
            SearchResult(source.kind, item.pk, getattr(item, source.title_field), item.get_absolute_url(), item.rank)
            for item in rows
        ]
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
    for source in search_sources:
        field = source.snippet_field
        wanted = [result for result in results if result.kind == source.kind]
        if not wanted:
            continue
        rows = source.model.objects.filter(pk__in=[result.pk for result in wanted])
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
    for source in search_sources:
        fields = [name for name, _ in source.fields]
        ranked = source.public().annotate(rank=_plain_rank(fields, words)).only(source.title_field, "slug")
        for item in ranked.filter(rank__gt=0).order_by("-rank")[:limit]:
            results.append(
                SearchResult(
                    source.kind, item.pk, getattr(item, source.title_field), item.get_absolute_url(), float(item.rank)
                )
            )
    return sorted(results, key=lambda result: -result.rank)
