"""The health-data guard: words in a comment that look like health details, medicines or contact details.

Comments are public, so a patient who writes "I have lupus and take methotrexate" or adds
their phone number is about to publish special-category data (UK GDPR art. 9) or contact
details. The guard does not refuse anything: it finds the words so the moderation queue
can highlight them, the moderators' email can leave the text out, and a moderator can
redact and approve in one step. Plain word lists and patterns: it is a prompt for a
person, not a decision.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

REDACTED = "[removed]"

CONDITIONS = [
    r"lupus", r"diabet\w*", r"cancer", r"tumou?r", r"chemo\w*", r"hiv", r"hepatitis", r"epilep\w*",
    r"pregnan\w*", r"breast ?feeding", r"miscarriage", r"depress\w*", r"anxiety", r"bipolar", r"psoria\w*",
    r"eczema", r"rheumatoid arthritis", r"arthritis", r"multiple sclerosis", r"crohn'?s", r"colitis",
    r"thyroid", r"hypothyroid\w*", r"keloid\w*", r"autoimmune", r"blood clots?", r"anaemi\w*", r"asthma",
    r"heart (?:condition|disease|attack)", r"high blood pressure", r"stroke", r"herpes", r"cold sores?",
    r"allerg\w*", r"diagnos\w*", r"my (?:gp|doctor|consultant|dermatologist)",
]  # fmt: skip
MEDICINES = [
    r"methotrexate", r"warfarin", r"apixaban", r"rivaroxaban", r"aspirin", r"clopidogrel", r"isotretinoin",
    r"roaccutane", r"accutane", r"metformin", r"insulin", r"prednisolone", r"steroids?", r"hydroxychloroquine",
    r"antibiotics?", r"doxycycline", r"lymecycline", r"tretinoin", r"antidepressants?", r"sertraline",
    r"fluoxetine", r"citalopram", r"levothyroxine", r"the pill", r"hrt", r"blood thinners?", r"ozempic",
    r"wegovy", r"mounjaro", r"semaglutide", r"tirzepatide", r"i(?:'m| am) on \w+", r"i take \w+",
    r"taking \w+ for",
]  # fmt: skip
CONTACT = [
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # an email address
    r"(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b",  # a UK phone number
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b",  # a UK postcode
]

KINDS = {
    "health": ("health details", CONDITIONS),
    "medicine": ("medicines", MEDICINES),
    "contact": ("contact details", CONTACT),
}
PATTERNS = {
    kind: re.compile(r"(?<![\w@])(?:" + "|".join(words) + r")(?![\w@])", re.IGNORECASE)
    for kind, (_label, words) in KINDS.items()
}


@dataclass(frozen=True)
class Match:
    kind: str
    start: int
    end: int
    words: str


def find(text):
    """Every stretch of ``text`` that looks like health, medicine or contact details, in order, not overlapping."""
    found = [
        Match(kind, m.start(), m.end(), m.group(0))
        for kind, pattern in PATTERNS.items()
        for m in pattern.finditer(text or "")
    ]
    found.sort(key=lambda match: (match.start, -match.end))
    kept, end = [], -1
    for match in found:
        if match.start >= end:
            kept.append(match)
            end = match.end
    return kept


def kinds(text):
    """The labels of what ``text`` seems to carry, e.g. ["health details", "medicines"]; [] when nothing."""
    present = {match.kind for match in find(text)}
    return [label for kind, (label, _words) in KINDS.items() if kind in present]


def highlight(text):
    """``text`` escaped, with the flagged words in ``<mark>``; safe to put in a page."""
    parts, position = [], 0
    for match in find(text):
        parts.append(escape(text[position : match.start]))
        parts.append(f'<mark class="health-flag" title="{KINDS[match.kind][0]}">{escape(match.words)}</mark>')
        position = match.end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece of the text is escaped above)


def redact(text):
    """``text`` with every flagged stretch replaced by ``REDACTED``."""
    parts, position = [], 0
    for match in find(text):
        parts.append(text[position : match.start])
        parts.append(REDACTED)
        position = match.end
    parts.append(text[position:])
    return "".join(parts)
