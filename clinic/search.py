"""One search over whatever the apps register in ``clinic.registries.search_sources``.

On PostgreSQL: full-text search with the English configuration over a stored, GIN-indexed
``search_document`` column (title weighted above summary above body) that a trigger keeps
current on every write, bulk ones included (see ``install_document_trigger``). Results are
ranked with ``ts_rank`` on that column; a source may lift rows whose title (or synonyms)
match, so a treatment's own page comes first for its name. With no full-text match, titles
and synonyms are matched by trigram similarity (pg_trgm) and a "did you mean" is offered.
Counting and ranking read only the stored vectors, and stop at MAX_RANKED recent matches
(plus title matches) per source; snippets (``ts_headline`` over text made from HTML, the
costly part) are made for the page shown only.

Elsewhere (the SQLite demo): a plain substring match that still ranks title matches first
and highlights the matched words.
"""

import difflib
import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, Func, Q, Value, When
from django.db.models.functions import Greatest
from django.utils.html import escape
from django.utils.safestring import mark_safe

from clinic.registries import search_sources

MAX_QUERY_LENGTH = 200
SNIPPET_WORDS = 35
# Sentinels ts_headline puts around matches; chosen so they never occur in stored text and
# survive unescaping and escaping, then become <mark>.
START, STOP = "\x02", "\x03"
FRAGMENT_DELIMITER = " … "
# Matches beyond this many per source are not counted, and only this many recent ones (plus
# every title match) are ranked: see SearchResults._candidates().
MAX_RANKED = 200
# Rows found by similar spelling when nothing matched word for word: a few, best first.
FUZZY_LIMIT = 10
SIMILARITY = "0.5"


class StoredSearchDocument(SearchVectorField):
    """The tsvector the database keeps for a row; read by the database, never by Python.

    Selecting it would send every row's vector to Python on every page that loads the
    model, so it is selected as NULL: filters and ranks still use the column. Writes of
    NULL (``save()`` sends the field) are harmless: the trigger recomputes it.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("null", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("help_text", "Kept current by the database for site search.")
        super().__init__(*args, **kwargs)

    def select_format(self, compiler, sql, params):
        return "NULL", []


# HTML to the text a reader sees, with block elements kept apart: a heading, list item or
# paragraph that does not end in punctuation gets a full stop, block tags become spaces,
# inline tags vanish (so "<b>PRP</b>s" stays one word). PostgreSQL (the trigger and the
# snippets) and Python (the SQLite fallback) apply the same three patterns.
_INLINE = r"a|abbr|b|cite|code|em|i|mark|q|s|small|span|strong|sub|sup|u"
_BLOCK_ENDS = r"h[1-6]|p|li|dt|dd|td|th|caption|figcaption|blockquote"
_BLOCKS = (
    r"address|article|aside|blockquote|caption|dd|div|dl|dt|figcaption|figure|h[1-6]|li|ol|p|pre|section"
    r"|table|tbody|td|tfoot|th|thead|tr|ul"
)
UNPUNCTUATED_BLOCK_END = rf"([^.!?:;…\s>])((?:\s|&nbsp;|</(?:{_INLINE})>)*)(</(?:{_BLOCK_ENDS})>)"
BLOCK_TAG = rf"<(?:/?(?:{_BLOCKS})(?:\s[^>]*)?|br\s*/?|hr\s*/?)>"
ANY_TAG = r"<[^>]*>"

SEARCH_TEXT_FUNCTION = rf"""
CREATE OR REPLACE FUNCTION clinic_search_text(html text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT btrim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(coalesce(html, ''),
        '{UNPUNCTUATED_BLOCK_END}', '\1.\2\3', 'gi'),
        '{BLOCK_TAG}', ' ', 'gi'),
        '{ANY_TAG}', '', 'g'),
        '\s+', ' ', 'g'))
$$
"""


def search_text(markup):
    """Python's twin of the SQL ``clinic_search_text()``, plus unescaping: plain text with blocks kept apart."""
    text = re.sub(UNPUNCTUATED_BLOCK_END, r"\1.\2\3", markup or "", flags=re.IGNORECASE)
    text = re.sub(BLOCK_TAG, " ", text, flags=re.IGNORECASE)
    text = re.sub(ANY_TAG, "", text)
    return " ".join(html.unescape(text).split())


def install_document_trigger(schema_editor, table, weighted_columns):
    """Create (or replace) the trigger filling ``table.search_document``, then fill existing rows.

    ``weighted_columns`` are (column, weight, is_html) triples; HTML columns are read as
    ``clinic_search_text()``. The trigger runs on insert and on any update of those
    columns, so saves, ``bulk_create``, ``update()`` and raw SQL all keep it current.
    Migrations pass their own frozen column lists. PostgreSQL only.
    """
    parts = []
    for column, weight, is_html in weighted_columns:
        value = f"clinic_search_text(NEW.{column})" if is_html else f"coalesce(NEW.{column}, '')"
        parts.append(f"setweight(to_tsvector('english'::regconfig, {value}), '{weight}')")
    columns = ", ".join([column for column, _weight, _html in weighted_columns] + ["search_document"])
    schema_editor.execute(SEARCH_TEXT_FUNCTION)
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION {table}_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.search_document := {" || ".join(parts)};
            RETURN NEW;
        END
        $$
        """
    )
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_document ON {table}")
    schema_editor.execute(
        f"CREATE TRIGGER {table}_search_document BEFORE INSERT OR UPDATE OF {columns} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_search_document()"
    )
    # Setting the column to NULL fires the trigger, which computes it.
    schema_editor.execute(f"UPDATE {table} SET search_document = NULL")  # noqa: S608 — a migration's own table name


def drop_document_trigger(schema_editor, table):
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_document ON {table}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_search_document()")


@dataclass(frozen=True)
class SearchSource:
    """What an app registers in ``search_sources`` to be found by /search/.

    ``kind`` labels its results ("Article"); ``model`` is searched through ``queryset()``
    (the public rows only) and must have a ``search_document`` (a ``StoredSearchDocument``
    kept by ``install_document_trigger``). ``fields`` are (field name, weight) pairs,
    weight "A" to "D", the first being the title and the second the summary, as the
    trigger weights them (the plain fallback ranks them 3 and 2, the rest 1).
    ``snippet_field`` (HTML) gives the highlighted extract; ``tie_break`` orders results of
    equal rank. ``title_boost`` is added to the rank of rows whose A-weighted fields
    (title, synonyms) contain every word searched: a treatment's page outranks articles
    about it. ``similar_fields`` are matched by spelling when no row matches word for word.
    """

    kind: str
    model: type
    fields: tuple
    snippet_field: str
    queryset: object = None  # callable() returning the public rows; the default manager's published()
    tie_break: tuple = ()
    title_boost: float = 0.0
    similar_fields: tuple = ()

    @property
    def title_field(self):
        return self.fields[0][0]

    def public(self):
        return self.queryset() if self.queryset else self.model.objects.published()


def search_vector(fields):
    """The weighted tsvector of ``fields`` computed on the fly (migration clinic 0007 indexed it)."""
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
    spellings: str = ""  # for rows found by similar spelling: the words that matched


def clean_query(raw):
    """The query as searched: whitespace collapsed and length capped; '' when there is nothing to search."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


class TitleVector(Func):
    """The words of a title alone; articles' titles have a GIN index on this very expression (blog 0013)."""

    template = "to_tsvector('english'::regconfig, COALESCE(%(expressions)s, ''))"
    output_field = SearchVectorField()


class TitleDocument(Func):
    """The A-weighted part of the stored document: title, and synonyms where a source has them."""

    template = "ts_filter(%(expressions)s, '{a}')"
    output_field = SearchVectorField()


class WordSimilar(Func):
    """``query <% text``: a word of ``text`` is spelt like ``query`` (pg_trgm's threshold); uses a trigram index."""

    template = "%(expressions)s"
    arg_joiner = " <%% "
    output_field = BooleanField()


class SearchResults:
    """Ranked results over every source, fetched a page at a time (a Paginator's object_list).

    ``count()`` reads, per source, the ids of the most recent matches (at most
    MAX_RANKED + 1); a slice ranks those (and, past MAX_RANKED, every title match) in the
    database and reads title and slug of the rows up to its end. At most three queries per
    source, however many rows match. With nothing matching word for word, ``fuzzy`` holds
    rows with similar titles and ``suggestion`` a corrected query ("did you mean").
    """

    def __init__(self, query):
        self.query = query
        self.search_query = _full_text_query(query)
        self.fuzzy = None
        self.suggestion = ""
        self.is_capped = False
        self._count = None
        self._recent = {}

    def _matching(self, source):
        return source.public().filter(search_document=self.search_query)

    def count(self):
        if self._count is None:
            for source in search_sources:
                recent = self._matching(source).order_by(*source.tie_break, "-pk").values_list("pk", flat=True)
                self._recent[source.kind] = list(recent[: MAX_RANKED + 1])
            # Counting stops at MAX_RANKED: past that, reading every match costs more than it tells.
            counts = [len(pks) for pks in self._recent.values()]
            self.is_capped = any(count > MAX_RANKED for count in counts)
            self._count = sum(min(count, MAX_RANKED) for count in counts)
            if not self._count:
                self.fuzzy = _similar(self.query)
                self.suggestion = _suggestion(self.query, [result.spellings for result in self.fuzzy])
                self._count = len(self.fuzzy)
        return self._count

    def __len__(self):
        return self.count()

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        if not self.count() or self.fuzzy is not None:
            return (self.fuzzy or [])[start:stop]
        results = []
        for source in search_sources:
            results += self._ranked(source, stop)
        # Stable: equal ranks keep each source's tie-break and the sources' registry order.
        return sorted(results, key=lambda result: -result.rank)[start:stop]

    def _candidates(self, source):
        """The ids worth ranking: the MAX_RANKED most recent matches, and as many title matches.

        Ranking reads each candidate's stored vector; bounding the candidates keeps a common
        word as quick with ten thousand articles as with a hundred. Titles are searched
        through their own small index (``TitleVector``), so an older article with the word in
        its title is still ranked. The title matches are taken as the index finds them, not
        newest first: sorting them would mean reading every one (a word in thousands of
        titles), where unsorted the reading stops at MAX_RANKED. They are asked for whatever
        the number of matches, so a search costs the same queries at any size.
        """
        recent = self._recent[source.kind]
        titled = (
            source.public()
            .alias(title_words=TitleVector(source.title_field))
            .filter(title_words=self.search_query)
            .order_by()
            .values_list("pk", flat=True)
        )
        return {*recent[:MAX_RANKED], *titled[:MAX_RANKED]}

    def _ranked(self, source, limit):
        rank = SearchRank(F("search_document"), self.search_query, normalization=Value(32))
        if source.title_boost:
            # ts_rank normalised by 32 stays below 1, so a boost of 1 or more puts these first.
            rank = rank + Case(
                When(title_document=self.search_query, then=Value(float(source.title_boost))),
                default=Value(0.0),
                output_field=FloatField(),
            )
        rows = (
            self._matching(source)
            .filter(pk__in=self._candidates(source))
            .alias(title_document=TitleDocument("search_document"))
            .annotate(rank=rank)
            .order_by("-rank", *source.tie_break, "pk")
            .only(source.title_field, "slug")[:limit]
        )
        return [
            SearchResult(source.kind, item.pk, getattr(item, source.title_field), item.get_absolute_url(), item.rank)
            for item in rows
        ]


def search(raw_query):
    """Ranked SearchResults (without snippets) for ``raw_query`` over every registered source.

    On PostgreSQL a lazy ``SearchResults``; elsewhere a list.
    """
    query = clean_query(raw_query)
    if not query:
        return []
    if connection.vendor == "postgresql":
        return SearchResults(query)
    return _search_plain(query)


def _full_text_words(query):
    # "platelet-rich" would only match the hyphenated spelling; as two words it matches both.
    return re.sub(r"(\w)-(?=\w)", r"\1 ", query)


def _full_text_query(query):
    return SearchQuery(_full_text_words(query), search_type="websearch", config="english")


def _similar(query):
    """Rows whose title or synonyms are spelt like ``query`` (pg_trgm word similarity), best first."""
    with connection.cursor() as cursor:
        # pg_trgm's default (0.6) misses a dropped letter in a short word ("exosme").
        cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)", [SIMILARITY])
    results = []
    for source in search_sources:
        names = [source.title_field, *source.similar_fields]
        close = Q()
        for name in names:
            close |= Q(WordSimilar(Value(query), name))
        similarities = [TrigramWordSimilarity(Value(query), name) for name in names]
        similarity = Greatest(*similarities) if len(similarities) > 1 else similarities[0]
        rows = (
            source.public()
            .filter(close)
            # Boosted as full-text ranks are: a misspelt treatment name still brings its page first.
            .annotate(rank=similarity + Value(source.title_boost))
            .order_by("-rank", *source.tie_break, "pk")
            .only(*names, "slug")[:FUZZY_LIMIT]
        )
        for item in rows:
            result = SearchResult(
                source.kind, item.pk, getattr(item, source.title_field), item.get_absolute_url(), item.rank
            )
            result.spellings = " ".join(getattr(item, name) or "" for name in names)
            results.append(result)
    return sorted(results, key=lambda result: -result.rank)[:FUZZY_LIMIT]


def _suggestion(query, titles):
    """``query`` with each word replaced by the closest word of ``titles``; '' when nothing changes."""
    vocabulary = {word.lower() for title in titles for word in re.findall(r"\w+", title) if len(word) > 2}
    words = []
    for word in query.split():
        close = difflib.get_close_matches(word.lower(), vocabulary, n=1, cutoff=0.75)
        words.append(close[0] if close and word.lower() not in vocabulary else word)
    suggestion = " ".join(words)
    return suggestion if suggestion.lower() != query.lower() else ""


def _words(query):
    return [word for word in re.split(r"\W+", query) if len(word) > 1][:10]


def add_snippets(results, raw_query, *, full_text=None):
    """Fill in the highlighted snippet of each of ``results`` (the page shown: headlines are costly).

    ``full_text`` picks PostgreSQL's headlines or the plain highlighter; by default, whichever
    the database supports. One query per source with results on the page.
    """
    query = clean_query(raw_query)
    results = list(results)
    if not results or not query:
        return results
    if full_text is None:
        full_text = connection.vendor == "postgresql"
    for source in search_sources:
        field_name = source.snippet_field
        wanted = [result for result in results if result.kind == source.kind]
        if not wanted:
            continue
        rows = source.model.objects.filter(pk__in=[result.pk for result in wanted])
        if full_text:
            extracts = _headlines(source.model, field_name, [result.pk for result in wanted], query)
            for result in wanted:
                result.snippet = _snippet_from_headline(*extracts.get(result.pk, ("", "", "")))
        else:
            texts = dict(rows.values_list("pk", field_name))
            for result in wanted:
                result.snippet = _highlight(search_text(texts.get(result.pk)), _words(query))
    return results


def _headlines(model, field_name, pks, query):
    """{pk: (ts_headline, first words, last words)} of the text of ``field_name`` (HTML) of rows ``pks``.

    The text is made once per row (OFFSET 0 stops PostgreSQL inlining it three times):
    turning HTML into text costs more than the headline itself.
    """
    quote = connection.ops.quote_name
    options = ", ".join(
        [f"StartSel={START}", f"StopSel={STOP}", f"MaxWords={SNIPPET_WORDS}", "MinWords=15", "MaxFragments=2"]
        + [f'FragmentDelimiter="{FRAGMENT_DELIMITER}"']
    )
    table, column = quote(model._meta.db_table), quote(model._meta.get_field(field_name).column)
    sql = f"""
        SELECT id, ts_headline('english'::regconfig, text, websearch_to_tsquery('english'::regconfig, %s), %s),
               left(text, 60), right(text, 60)
        FROM (SELECT {quote(model._meta.pk.column)} AS id, clinic_search_text({column}) AS text
              FROM {table} WHERE {quote(model._meta.pk.column)} = ANY(%s) OFFSET 0) AS texts
    """  # noqa: S608 — names from the model's own metadata, quoted; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [_full_text_words(query), options, list(pks)])
        return {pk: extract for pk, *extract in cursor.fetchall()}


def _snippet_from_headline(headline, opening, closing):
    """Escape a ts_headline of plain text; ellipses where it starts or ends inside the text."""
    text = " ".join(html.unescape(headline or "").split())
    if not text:
        return ""
    bare = text.replace(START, "").replace(STOP, "")
    opening = " ".join(html.unescape(opening or "").split())
    if not opening.startswith(bare[: min(len(bare), len(opening), 30)]):
        text = "… " + text
    closing = " ".join(html.unescape(closing or "").split())
    ending = closing.rstrip(".!?…:;,)\"'”’ ")
    tail = bare[-min(len(bare), len(ending), 30) :]
    if ending.endswith(tail):
        # ts_headline ends on a word: the text's own closing punctuation is put back.
        text += closing[len(ending) :].rstrip()
    else:
        text += " …"
    return mark_safe(escape(text).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 — escaped above


def _highlight(text, words, *, before=80, length=260):
    """Escape ``text`` (plain) and wrap each of ``words`` in <mark>, around the first match, cut between words."""
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    first = pattern.search(text)
    start = 0
    if first and first.start() > before:
        start = text.find(" ", first.start() - before) + 1
    end = start + length
    if end < len(text):
        end = text.rfind(" ", start, end + 1)
        if end <= start:  # one very long word
            end = start + length
    cut = ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")
    parts, position = [], 0
    for match in pattern.finditer(cut):
        parts.append(escape(cut[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(cut[position:]))
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


def _plain_title_boost(source, words):
    """``source.title_boost`` (scaled past any word score) where the title or synonyms hold every word."""
    if not source.title_boost:
        return Value(0)
    everywhere = Q()
    for name in (source.title_field, *source.similar_fields):
        every = Q()
        for word in words:
            every &= Q(**{f"{name}__icontains": word})
        everywhere |= every
    return Case(When(everywhere, then=Value(int(100 * source.title_boost))), default=Value(0))


def _search_plain(query, limit=200):
    words = _words(query)
    if not words:
        return []
    results = []
    for source in search_sources:
        fields = [name for name, _ in source.fields]
        rank = _plain_rank(fields, words) + _plain_title_boost(source, words)
        ranked = source.public().annotate(rank=rank).only(source.title_field, "slug")
        for item in ranked.filter(rank__gt=0).order_by("-rank", *source.tie_break)[:limit]:
            results.append(
                SearchResult(
                    source.kind, item.pk, getattr(item, source.title_field), item.get_absolute_url(), float(item.rank)
                )
            )
    return sorted(results, key=lambda result: -result.rank)
