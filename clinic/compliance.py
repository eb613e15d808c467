"""The advertising-rules check and the content-health reports behind the compliance dashboard.

In the UK the Advertising Standards Authority treats a clinic's website as advertising:
prescription-only medicines may not be promoted to the public, strong claims need strong
evidence, pressure selling and appeals to under-18s are out. ``check`` finds risky wording
in public text; ``record_findings`` stores what it finds for one object so staff see it on
the admin form and the dashboard, and can acknowledge a finding with a reason.

The check runs when staff save in the admin (``clinic.admin.ComplianceCheckedAdmin``),
never from ``Model.save()`` or signals: imports and data migrations stay fast and quiet,
and findings always belong to an edit a person made.
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils.html import strip_tags

# Characters people swap in to slip past filters ("B0tox", "b@by b0t0x"). Digits are only
# read as letters inside a word that has letters, so "only 3 left" keeps its number.
LOOK_ALIKES = str.maketrans(
    {
        "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
        # Cyrillic and Greek letters drawn like Latin ones.
        "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
        "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
        "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
        "υ": "u", "χ": "x",
    }
)  # fmt: skip
DIGIT_LOOK_ALIKES = {digit: LOOK_ALIKES[ord(digit)] for digit in "013457"}
NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|a\W{0,3}few)"
# Between the letters of a term: up to three dots, dashes, spaces or similar, so that
# "b.o.t.o.x", "b o t o x" and "anti wrinkle" match while words stay words.
GAP = r"[\W_]{0,3}"
# A whole word only: "tox" must not match "toxin-free", "detox" or "protocol".
START, END = r"(?<![^\W_])", r"(?![^\W_])"

RULE_EXPLANATIONS = {
    "prescription_medicine": "Prescription-only medicines may not be advertised to the public, by name or "
    "by a nickname that points to them.",
    "claim": "Claims like this need strong evidence the clinic holds; the advertising rules treat them as "
    "misleading otherwise.",
    "pressure": "Advertising for cosmetic procedures must not rush people into a decision.",
    "under_18": "Advertising for cosmetic procedures must not be aimed at, or appeal to, under-18s.",
}


@dataclass(frozen=True)
class Finding:
    """One term found in one location: where, the words as written, and the term's rule."""

    location: str
    words: str
    term: object  # a ComplianceTerm (saved or not), or anything with its attributes

    @property
    def explanation(self):
        return self.term.explanation or RULE_EXPLANATIONS.get(self.term.kind, "")


def plain_text(value):
    """The text a reader sees in a (possibly rich-text) value: tags removed, entities decoded."""
    # Tags become spaces so "<p>Bo</p><p>tox</p>" stays two words.
    return html.unescape(strip_tags(re.sub(r"<", " <", value or ""))).strip()


def normalise(text):
    """``text`` folded for matching, and for each folded character the index it came from.

    Case is folded, accents and compatibility forms (full-width letters, ligatures) are
    reduced to plain letters, invisible characters dropped, and look-alike characters in
    words read as the letters they imitate. The index map lets a finding quote the
    original words rather than the folded ones.
    """
    chars, origins = [], []
    for index, char in enumerate(text):
        for folded in unicodedata.normalize("NFKD", char).casefold():
            category = unicodedata.category(folded)
            if category == "Mn" or category == "Cf":  # accents; zero-width spaces and joiners
                continue
            chars.append(folded)
            origins.append(index)
    folded = "".join(chars)

    def unmask(match):
        word = match.group()
        return word.translate(LOOK_ALIKES) if any(c.isalpha() for c in word) else word

    # A "word" here is a run of letters, digits, @ and $; only those with a letter are unmasked.
    folded = re.sub(r"[\w@$]+", unmask, folded)
    return folded, origins


def term_pattern(phrase):
    """A compiled regex for a term's phrase, tolerant of spacing, punctuation and plurals."""
    folded, _ = normalise(phrase)
    parts = []
    for piece in re.findall(r"#|[^\W_]", folded):
        if piece == "#":
            parts.append(NUMBER)
        elif piece in DIGIT_LOOK_ALIKES:
            # Text has "18s" read as "i8s"; a digit in a term matches either form.
            parts.append(f"[{piece}{DIGIT_LOOK_ALIKES[piece]}]")
        else:
            parts.append(re.escape(piece))
    if not parts:
        return None
    return re.compile(START + GAP.join(parts) + r"(?:e?s)?" + END)


def _spaced_plausibly(matched, phrase_words):
    """Whether a match's spaces fall where the term's words divide, or spell a word out letter by letter.

    Punctuation inside a word is always seen through ("bo-tox", "b.o.t.o.x"), but a space is
    only when every piece is a single letter ("b o t o x"); otherwise "to x-ray" would be "tox".
    """
    chunks = matched.split()
    if len(chunks) <= phrase_words:
        return True
    return all(len(re.sub(r"[\W_]", "", chunk)) <= 1 for chunk in chunks)


def check(text_by_location, terms):
    """Findings for ``terms`` in ``{location: text}``; pure, so tests can call it directly.

    One finding per term and location, quoting every distinct spelling found there. Where
    a longer term covers a shorter one of the same rule ("baby botox" and "botox"), only
    the longer is reported.
    """
    compiled = [
        (term, term_pattern(term.phrase), len(re.findall(r"[^\W_]+|#", normalise(term.phrase)[0]))) for term in terms
    ]
    findings = []
    for location, text in text_by_location.items():
        text = plain_text(text)
        if not text:
            continue
        folded, origins = normalise(text)
        hits = []  # (start, end, term, original words)
        for term, pattern, phrase_words in compiled:
            if pattern is None:
                continue
            for match in pattern.finditer(folded):
                if not _spaced_plausibly(match.group(), phrase_words):
                    continue
                start, end = origins[match.start()], origins[match.end() - 1] + 1
                hits.append((start, end, term, text[start:end]))
        hits.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
        kept = []
        for hit in hits:
            covered = any(
                other[0] <= hit[0] and hit[1] <= other[1] and other[2].kind == hit[2].kind and other[2] is not hit[2]
                for other in kept
            )
            if not covered:
                kept.append(hit)
        by_term = {}
        for _, _, term, words in kept:
            spellings = by_term.setdefault(id(term), (term, []))[1]
            if words not in spellings:
                spellings.append(words)
        for term, spellings in by_term.values():
            findings.append(Finding(location=location, words=", ".join(spellings)[:300], term=term))
    return findings


def active_terms():
    from clinic.models import ComplianceTerm

    return list(ComplianceTerm.objects.filter(is_active=True))


def record_findings(obj, text_by_location):
    """Recheck ``obj`` and store its findings; returns the object's current findings.

    A finding still present (same location and term) keeps its row, so an acknowledgement
    survives later edits; findings whose wording has gone are deleted.
    """
    from django.contrib.contenttypes.models import ContentType

    from clinic.models import ComplianceFinding

    found = {(f.location, f.term.pk): f for f in check(text_by_location, active_terms())}
    content_type = ContentType.objects.get_for_model(obj)
    with transaction.atomic():
        existing = {
            (row.location, row.term_id): row
            for row in ComplianceFinding.objects.filter(content_type=content_type, object_id=obj.pk)
        }
        stale = [row.pk for key, row in existing.items() if key not in found]
        ComplianceFinding.objects.filter(pk__in=stale).delete()
        for key, finding in found.items():
            row = existing.get(key)
            if row is None:
                ComplianceFinding.objects.create(
                    content_type=content_type,
                    object_id=obj.pk,
                    location=finding.location,
                    words=finding.words,
                    term=finding.term,
                )
            elif row.words != finding.words:
                row.words = finding.words
                row.save(update_fields=["words"])
    return list(
        ComplianceFinding.objects.filter(content_type=content_type, object_id=obj.pk).select_related(
            "term", "acknowledged_by"
        )
    )


# --- Content health ------------------------------------------------------------

REVIEW_WINDOW_DAYS = 30
IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT_RE = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
HREF_RE = re.compile(r"""<a\b[^>]*\bhref\s*=\s*(?:"(/[^"]*)"|'(/[^']*)')""", re.IGNORECASE)


def months_before(day, months):
    """The same day ``months`` earlier (clamped to the month's end): 31 August − 6 → 28/29 February."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable


def review_window(today=None):
    """(today, the last day counted as "due soon")."""
    from django.utils import timezone

    today = today or timezone.localdate()
    return today, today + timedelta(days=REVIEW_WINDOW_DAYS)


def images_without_alt(rich_html):
    """How many <img> tags in sanitised rich text have no description."""
    count = 0
    for tag in IMG_RE.findall(rich_html or ""):
        alt = ALT_RE.search(tag)
        if not alt or not (alt.group(1) or alt.group(2) or "").strip():
            count += 1
    return count


def internal_links(rich_html):
    """Every site-relative href ("/…") in rich text, in order, without repeats."""
    seen = []
    for match in HREF_RE.finditer(rich_html or ""):
        href = html.unescape(match.group(1) or match.group(2))
        if href.startswith("//"):  # protocol-relative: another site
            continue
        if href not in seen:
            seen.append(href)
    return seen


def _link_problem(path, public):
    """Why a site-relative link is broken ("missing page", "unpublished page"), or None when it works."""
    from django.conf import settings
    from django.urls import Resolver404, resolve

    bare = path.split("#", 1)[0].split("?", 1)[0] or "/"
    if bare.startswith((settings.MEDIA_URL, settings.STATIC_URL)):
        return None  # files, not pages
    try:
        match = resolve(bare)
    except Resolver404:
        return None if bare in public["redirects"] else "missing page"
    slug = match.kwargs.get("slug")
    checks = {
        "blog:article_detail": "articles",
        "treatments:treatment_detail": "treatments",
        "clinic:page_detail": "pages",
        "clinic:practitioner_detail": "practitioners",
    }
    kind = checks.get(match.view_name)
    if kind and slug not in public[kind]:
        if slug in public["all_" + kind]:
            return "unpublished page"
        return None if bare in public["redirects"] else "missing page"
    return None


def dashboard_report(today=None):
    """Everything the compliance dashboard lists, in a fixed number of queries.

    Rich text is read once per model and scanned in Python (alt text, links), and every
    link is checked against sets of slugs fetched up front, so the cost does not grow
    with the number of rows or links.
    """
    from django.conf import settings

    from blog.models import Article
    from clinic.models import ComplianceFinding, Page, Practitioner, Redirect
    from treatments.models import RICH_SECTIONS, Comparison, Treatment

    today, due_by = review_window(today)
    price_cutoff = months_before(today, settings.PRICE_CONFIRMATION_MONTHS)

    open_findings = list(
        ComplianceFinding.objects.open()
        .select_related("term", "content_type")
        .prefetch_related("content_object")
        .order_by("content_type", "object_id", "location")
    )
    acknowledged = list(
        ComplianceFinding.objects.filter(acknowledged_at__isnull=False)
        .select_related("term", "content_type", "acknowledged_by")
        .prefetch_related("content_object")
        .order_by("-acknowledged_at")[:20]
    )

    articles = list(
        Article.objects.select_related("author", "medical_reviewer").only(
            "pk", "title", "slug", "status", "published_at", "body", "cover", "cover_alt", "author__name",
            "author__is_active", "medical_reviewer__name", "next_review_due_on",
        )
    )  # fmt: skip
    treatments = list(
        Treatment.objects.select_related("medical_reviewer").only(
            "pk", "name", "slug", "is_published", "price_from", "price_confirmed_on", "hero_image",
            "hero_image_alt", "next_review_due_on", "medical_reviewer__name", *RICH_SECTIONS,
        )
    )  # fmt: skip
    pages = list(Page.objects.only("pk", "title", "slug", "is_published", "body"))
    comparisons = list(Comparison.objects.select_related("treatment_a", "treatment_b").exclude(verdict=""))

    def review_rows(items):
        rows = []
        for item in items:
            due = item.next_review_due_on
            if due and due <= due_by:
                rows.append({"item": item, "due": due, "overdue": due < today})
        return rows

    review_due = sorted(review_rows(articles) + review_rows(treatments), key=lambda row: row["due"])

    rich_texts = (
        [(article, "Body", article.body) for article in articles]
        + [
            (treatment, Treatment._meta.get_field(name).verbose_name.capitalize(), getattr(treatment, name))
            for treatment in treatments
            for name in RICH_SECTIONS
        ]
        + [(page, "Body", page.body) for page in pages]
        + [(comparison, "Verdict", comparison.verdict) for comparison in comparisons]
    )

    missing_alt = [{"item": a, "where": "Cover image"} for a in articles if a.cover and not a.cover_alt.strip()] + [
        {"item": t, "where": "Hero image"} for t in treatments if t.hero_image and not t.hero_image_alt.strip()
    ]
    for item, where, text in rich_texts:
        count = images_without_alt(text)
        if count:
            missing_alt.append({"item": item, "where": f"{where}: {count} image{'s' if count != 1 else ''}"})

    public = {
        "articles": set(Article.objects.published().values_list("slug", flat=True)),
        "all_articles": {a.slug for a in articles},
        "treatments": {t.slug for t in treatments if t.is_published},
        "all_treatments": {t.slug for t in treatments},
        "pages": {p.slug for p in pages if p.is_published},
        "all_pages": {p.slug for p in pages},
        "practitioners": set(Practitioner.objects.active().values_list("slug", flat=True)),
        "all_practitioners": set(Practitioner.objects.values_list("slug", flat=True)),
        "redirects": set(Redirect.objects.values_list("old_path", flat=True)),
    }
    broken_links = []
    for item, where, text in rich_texts:
        for href in internal_links(text):
            problem = _link_problem(href, public)
            if problem:
                broken_links.append({"item": item, "where": where, "href": href, "problem": problem})

    return {
        "today": today,
        "due_by": due_by,
        "open_findings": open_findings,
        "acknowledged": acknowledged,
        "review_due": review_due,
        "price_months": settings.PRICE_CONFIRMATION_MONTHS,
        "prices_unconfirmed": [
            t
            for t in treatments
            if t.price_from is not None and (t.price_confirmed_on is None or t.price_confirmed_on < price_cutoff)
        ],
        "without_reviewer": [a for a in articles if a.medical_reviewer_id is None]
        + [t for t in treatments if t.medical_reviewer_id is None],
        "missing_alt": missing_alt,
        "broken_links": broken_links,
        # The author is required, so "without author" means one patients cannot see: a
        # practitioner since hidden from the site (e.g. left the clinic).
        "without_author": [a for a in articles if a.author_id is None or not a.author.is_active],
    }
