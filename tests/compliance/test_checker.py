"""How the check reads sentences: denials, quotations, disguises, hashtags, emoji, word senses."""

import pytest

from clinic.compliance import PublicationBlocked, check_text, ensure_publishable
from clinic.compliance.checker import plain_text, sentence_key, sentences

pytestmark = pytest.mark.django_db


def kinds(text):
    return {f.term.kind for f in check_text(text)}


@pytest.mark.parametrize(
    "text",
    [
        "We do not offer Botox.",
        "Results are not guaranteed.",
        "We do not treat under-18s.",
        "PRP is not a cure-all.",
        "Permanent hair reduction needs a course of sessions.",
        "Semi-permanent make-up fades over two years.",
        "Swelling lasts a limited time, usually a day.",
        "Find our pop-up on the Prom this Saturday.",
        "You may hear the term 'baby botox'; it is not something we offer.",
        "Under-18s are not treated at this clinic.",
        "Botox is no longer offered here.",
        "Ask us about a weight-loss plan built around food and support – no injections needed.",
        "The Prom on the Clyde is a short walk from the clinic.",
        "Detoxification is done by your liver and kidneys, not by a drip.",
        "Teeth whitening is a dental treatment; we do not offer it.",
        "We're closed on Friday for staff training.",
        "Lip filler is made of hyaluronic acid and can be dissolved if needed.",
        "We may advise against it if you have recently taken isotretinoin or you scar easily.",
        "Useful to see the two compared rather than one being sold as a miracle.",
        "You may ask for a copy of what we hold about you, or for it to be erased.",
        "Under 18? We do not provide cosmetic injections, fillers or skin boosters to anyone under 18.",
        "Laser hair removal works best on dark hair on lighter skin.",
    ],
)
def test_denials_quotations_and_other_word_senses_are_quiet(text):
    assert kinds(text) == set()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Bottox top-ups every three months.", "prescription_medicine"),
        ("Botux from £149.", "prescription_medicine"),
        ("b0tox specials", "prescription_medicine"),
        ("#babybotox #glowup", "prescription_medicine"),
        ("💉 £99", "prescription_medicine"),
        ("Two areas £160.", "prescription_medicine"),
        ("Mounjaro pens delivered.", "prescription_medicine"),
        ("Kenalog for hay fever.", "prescription_medicine"),
        ("Only 2 slots left this month, so book now!", "pressure"),
        ("Treat your daughter to fuller lips.", "under_18"),
        ("Lose 10 lbs in 4 weeks.", "claim"),
        ("Drop a dress size in one session.", "claim"),
        ("Migraine sufferers: ask about our neuromodulator treatment.", "prescription_medicine"),
        ("NAD+ IV therapy now available.", "prescription_medicine"),
        ("Get your glow back with a vitamin B12 booster jab.", "prescription_medicine"),
        ("Bad filler? Reversal with dissolving enzyme from £120.", "prescription_medicine"),
        ("Vein clinic: microsclerotherapy for thread veins.", "prescription_medicine"),
        ("Our infusions may help the body fight off coronavirus.", "claim"),
        ("50% off filler until Friday only.", "pressure"),
        ("Spaces are filling up quickly for our summer event.", "pressure"),
        ("Mums and daughters day – filler for both of you!", "under_18"),
        ("Getting ready for your debs? Fuller lips for the big night.", "under_18"),
        ("Myers' Cocktail IV – the ultimate pick-me-up.", "prescription_medicine"),
        ("Hay fever relief injection – one visit before summer.", "prescription_medicine"),
        ("Mesotherapy dissolves cellulite completely.", "claim"),
        ("Book two treatments and get the third one free.", "pressure"),
        ("Leaving Cert done? Celebrate with a lip filler package.", "under_18"),
        ("Lip glow-up 💋 #fyp #aesthetics", "under_18"),
        ("Forehead lines? Frown lines? Crow's feet? We treat all three for one price.", "prescription_medicine"),
        ("Our underarm treatment blocks sweat glands for up to six months.", "prescription_medicine"),
        ("Stem cell therapy repairs damaged tissue, with results that last a lifetime.", "claim"),
        ("A weekly B12 shot helps you burn fat faster.", "claim"),
        ("Treat underarm sweating with our prescription treatment, £300.", "prescription_medicine"),
        ("Our HIFU lifts like a surgical facelift.", "claim"),
        ("Carbon laser facial: flawless skin, instantly.", "claim"),
        ("Sixteen and want a glow-up? Skin packages from £50.", "under_18"),
    ],
)
def test_disguises_hashtags_emoji_and_patterns_are_found(text, kind):
    assert kind in kinds(text)


def test_a_denial_reaches_only_its_own_clause():
    assert "prescription_medicine" in kinds("We do not rush you, but Botox is £99.")


def test_a_dash_before_a_small_letter_does_not_end_the_sentence():
    # The areas and the price are one offer, so they are read as one sentence.
    text = "Forehead, frown and crow's feet – all three for £210."
    assert len(sentences(text)) == 1
    assert "prescription_medicine" in kinds(text)
    assert len(sentences("Lip filler – Ask us.")) == 2


def test_a_short_question_is_read_with_the_sentence_that_answers_it():
    text = "Under 18? We do not treat you. Why? Safety first."
    assert [text[a:b].strip() for a, b in sentences(text)] == ["Under 18? We do not treat you.", "Why? Safety first."]
    assert "under_18" in kinds("Under 18? Get 10% off lip filler.")


def test_each_finding_names_the_rule_explains_and_suggests_a_rewrite():
    [finding] = check_text("Guaranteed results.")
    assert finding.cap_rule.startswith("CAP Code")
    assert finding.explanation
    assert finding.suggestion
    assert finding.severity == "high"
    assert check_text("Book now!")[0].severity == "medium"


def test_sentences_are_split_at_stops_lines_and_blocks_and_fingerprinted_as_read():
    text = plain_text("<h2>Botox</h2><p>Dr. Smith sees you. Ask us!</p><img src='x.jpg' alt='b0tox vial'>")
    assert [text[a:b].strip() for a, b in sentences(text)] == ["Botox", "Dr. Smith sees you.", "Ask us!", "b0tox vial"]
    assert sentence_key("Ask about  BOTOX.") == sentence_key("ask about botox")
    assert sentence_key("Ask about Botox.") != sentence_key("Ask about Dysport.")


def test_ensure_publishable_blocks_high_findings_before_a_reply_is_sent():
    with pytest.raises(PublicationBlocked) as blocked:
        ensure_publishable("Our Botox top-up gives guaranteed results, only 3 left")
    assert {f.term.kind for f in blocked.value.findings} == {"prescription_medicine", "claim"}
    assert "Not sent or published" in str(blocked.value)
    assert ensure_publishable("Thank you, we will call you to arrange a consultation.") == []
