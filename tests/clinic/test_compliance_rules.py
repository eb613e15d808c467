"""The advertising-rules check itself, against the seeded starting set of terms."""

import pytest

from clinic.compliance import active_terms
from clinic.compliance.checker import check
from clinic.compliance.dashboard import months_before
from clinic.models import ComplianceTerm

pytestmark = pytest.mark.django_db


def found(text, location="Body"):
    return [(f.location, f.words, f.term.phrase) for f in check({location: text}, active_terms())]


@pytest.mark.parametrize(
    ("text", "words", "phrase"),
    [
        ("Ask about Botox today.", "Botox", "botox"),
        ("We use Azzalure and Bocouture.", "Azzalure", "azzalure"),
        ("Dysport or Xeomin?", "Dysport", "dysport"),
        ("Our anti-wrinkle injections", "anti-wrinkle injections", "anti-wrinkle injection"),
        ("Fancy a little tox?", "tox", "tox"),
        ("Results guaranteed.", "guaranteed", "guaranteed"),
        ("A permanent fix", "permanent", "permanent"),
        ("It will cure acne", "cure", "cure"),
        ("No downtime at all", "No downtime", "no downtime"),
        ("Completely pain free", "pain free", "pain-free"),
        ("A risk-free procedure", "risk-free", "risk-free"),
        ("A miracle serum", "miracle", "miracle"),
        ("Exosomes rebuilds skin", "rebuilds skin", "rebuilds"),
        ("For a limited time only", "limited time", "limited time"),
        ("Only 3 left this month", "Only 3 left", "only # left"),
        ("Book now before prices rise", "Book now before", "book now before"),
        ("Offer ends Friday", "Offer ends", "offer ends"),
        ("Perfect for teens", "teens", "teen"),
        ("Glow for prom", "prom", "prom"),
        ("Offers for under 18s", "under 18s", "under 18"),
        ("Back-to-school glow", "Back-to-school", "back to school"),
    ],
)
def test_each_rule_flags_offending_text_with_the_words_as_written(text, words, phrase):
    # The researched set may report the same words under a broader pattern of the same rule.
    kind = ComplianceTerm.objects.get(phrase=phrase).kind
    assert ("Body", words, kind) in [(f.location, f.words, f.term.kind) for f in check({"Body": text}, active_terms())]


@pytest.mark.parametrize(
    "text",
    [
        "B0tox",
        "b.o.t.o.x",
        "b o t o x",
        "BOTOX",
        "Bо\u200btox",  # Cyrillic o and a zero-width space
        "Ｂｏｔｏｘ",  # full-width letters
        "b0t0x!",
        "bo-tox",
    ],
)
def test_evasions_are_seen_through(text):
    assert [phrase for _, _, phrase in found(text)] == ["botox"]


@pytest.mark.parametrize(
    "text",
    [
        "Our toxin-free protocol suits sensitive skin.",
        "A gentle detox of your routine.",
        "We promise to explain every step; your data is secure.",
        "Redness settles in 2 days; 3 sessions a course; results after 4–6 weeks.",
        "Before the X-ray, talk to x-ray staff. Go to x-ray.",
        "Curettage and thirteen others.",
        "Exosome therapy supports the skin's own repair.",
    ],
)
def test_ordinary_clinical_wording_is_not_flagged(text):
    assert found(text) == []


def test_clean_text_has_no_findings_and_rich_text_is_read_as_shown():
    assert found("<p>PRP uses your own plasma.</p>") == []
    assert found("<p>Ask about <strong>Bo</strong><em>tox</em></p>") != []


def test_longer_term_covers_the_shorter_one_and_findings_are_one_per_term_and_sentence():
    result = check({"Title": "Baby Botox", "Body": "Botox, BOTOX and b.o.t.o.x. Ask about botox."}, active_terms())
    assert [(f.location, f.words, f.term.phrase) for f in result] == [
        ("Title", "Baby Botox", "baby botox"),
        ("Body", "Botox", "botox"),
        ("Body", "botox", "botox"),
    ]
    assert result[1].sentence == "Botox, BOTOX and b.o.t.o.x."
    assert result[1].cap_rule == "CAP Code 12.12"
    assert "consultation" in result[1].suggestion
    assert "prescription-only" in result[0].explanation


def test_inactive_terms_are_not_checked():
    from clinic.models import ComplianceTerm

    ComplianceTerm.objects.filter(phrase__contains="miracle").update(is_active=False)
    assert found("A miracle serum") == []


def test_months_before_clamps_to_the_end_of_the_month():
    from datetime import date

    assert months_before(date(2025, 8, 31), 6) == date(2025, 2, 28)
    assert months_before(date(2025, 3, 15), 6) == date(2024, 9, 15)
