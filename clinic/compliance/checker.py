"""The advertising-rules check: reads text sentence by sentence and reports risky wording.

In the UK the Advertising Standards Authority treats a clinic's website as advertising.
The CAP Code forbids advertising prescription-only medicines to the public (12.12), asks
for evidence behind claims (3.7, 12.1), forbids misleading text (3.1, 3.3) and pressure
to decide (3.31, 8.x), and keeps cosmetic-intervention ads away from under-18s (12.25).

``check`` is pure (text and terms in, findings out) so tests and the evaluation script
call it directly. A term is a phrase or a regular expression; on top of matching it the
check reads each sentence: a denial ("we do not offer …", "results are not guaranteed"),
a quotation discussed as a word ("the term 'baby botox'"), a sentence about the rules
themselves, or another sense of a word ("on the Prom", "semi-permanent make-up") is not
a finding. Look-alike characters, spaced or dotted spellings, misspelt medicine names and
hashtags are read as the words they stand for.
"""

import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

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

# What each rule means, the CAP Code rule it comes from, and a lawful way to say it.
RULES = {
    "prescription_medicine": {
        "cap_rule": "CAP Code 12.12",
        "explanation": "Prescription-only medicines may not be advertised to the public, by name, by a "
        "nickname, or by hints that point to them (a number of “areas”, a syringe beside a price).",
        "suggestion": "Describe the concern and the consultation instead, e.g. “Book a consultation to "
        "discuss treatments for lines and wrinkles with our prescriber.”",
    },
    "claim": {
        "cap_rule": "CAP Code 3.1, 3.7, 12.1",
        "explanation": "A claim about what a treatment achieves or how safe it is needs robust evidence; "
        "absolute words (guaranteed, permanent, cure, the only) mislead unless the clinic can prove them.",
        "suggestion": "Say what the treatment may help with and what studies found, e.g. “Many patients see "
        "an improvement after a course; results vary and we discuss risks at consultation.”",
    },
    "pressure": {
        "cap_rule": "CAP Code 3.31, 8.x; cosmetic interventions guidance",
        "explanation": "Time limits, scarcity and prize-style offers rush people into a medical decision, "
        "which the advertising rules for cosmetic treatments do not allow.",
        "suggestion": "Give the price plainly with no deadline, e.g. “Treatments start at £…; book a "
        "consultation when it suits you.”",
    },
    "under_18": {
        "cap_rule": "CAP Code 12.25, 5.x",
        "explanation": "Advertising for cosmetic treatments must not be aimed at, or appeal to, under-18s "
        "(school events, teenagers, parents buying for children).",
        "suggestion": "Address adults only, e.g. “Treatments are for adults aged 18 and over.”",
    },
}

# --- Reading text ---------------------------------------------------------------

BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "blockquote", "section", "article", "figcaption", "dt", "dd", "hr", "details", "summary",
}  # fmt: skip


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(f"\n{alt}\n")

    def handle_endtag(self, tag):
        self.parts.append("\n" if tag in BLOCK_TAGS else " " if tag in {"span", "a", "strong", "em"} else "")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(value):
    """The text a reader sees in a (possibly rich-text) value, blocks on their own lines.

    Read with a real HTML parser: block tags end a line (so headings and list items are
    separate sentences), image descriptions are read too, entities are decoded.
    """
    value = value or ""
    if "<" not in value:
        return html.unescape(value).strip()
    parser = _TextExtractor()
    parser.feed(value)
    parser.close()
    return re.sub(r"[ \t]*\n[\s]*", "\n", "".join(parser.parts)).strip()


def normalise(text):
    """``text`` folded for matching, and for each folded character the index it came from.

    Case is folded, accents and compatibility forms (full-width letters, ligatures) are
    reduced to plain letters, invisible characters dropped, and look-alike characters in
    words read as the letters they imitate. The index map lets a finding quote the
    original words rather than the folded ones.
    """
    chars, origins = [], []
    for index, char in enumerate(text):
        if char in "’‘`´":
            char = "'"
        for folded in unicodedata.normalize("NFKD", char).casefold():
            category = unicodedata.category(folded)
            if category == "Mn" or category == "Cf":  # accents; zero-width spaces and joiners
                continue
            chars.append(folded)
            origins.append(index)
    folded = "".join(chars)

    def unmask(match):
        word = match.group()
        if not any(c.isalpha() for c in word) or re.fullmatch(r"\d+[a-z]{1,3}|[a-z]{1,3}\d{1,3}", word):
            return word  # numbers, "18s", "16th", "10kg", and names like "B12", "Q10" keep their digits
        return word.translate(LOOK_ALIKES)

    # A "word" here is a run of letters, digits, @ and $; only those with a letter are unmasked.
    folded = re.sub(r"[\w@$]+", unmask, folded)
    return folded, origins


ABBREVIATIONS = r"(?<!\bdr)(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bst)(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\bno)"
SENTENCE_END = re.compile(
    ABBREVIATIONS + r"[.!?…]+[\"”’')\]]*(?=\s+|$)|\n+|(?<=\s)[•·▪]\s|\s[-–—]\s(?=(?-i:[A-Z]))", re.IGNORECASE
)


def sentences(text):
    """(start, end) spans of the sentences in ``text``: split at full stops, ?, !, line breaks and bullets."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if text[start : match.end()].strip():
            spans.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    # A short question ("Under 18?", "Forehead lines? Frown lines?") is read with the sentence
    # that answers it: "Under 18? We do not treat you" is a denial, not an invitation.
    merged = []
    for span in spans:
        if merged and _short_question(text[merged[-1][0] : merged[-1][1]]) and merged[-1][1] == span[0]:
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def _short_question(chunk):
    """Whether ``chunk`` ends in one or more questions of at most four words each."""
    pieces = [piece for piece in re.split(r"\?", chunk.strip()) if piece.strip()]
    return chunk.strip().endswith("?") and all(len(piece.split()) <= 4 for piece in pieces)


def sentence_key(sentence):
    """A short fingerprint of a sentence, the same however it is spaced, cased or disguised."""
    folded, _ = normalise(sentence)
    return hashlib.sha256(" ".join(re.findall(r"[^\W_]+|[£%💉#]", folded)).encode()).hexdigest()[:32]


# --- Terms ------------------------------------------------------------------------


def term_pattern(term):
    """A compiled regex for a term: its pattern as written, or its phrase made tolerant.

    A phrase matches whole words, ignoring case, spacing, punctuation inside words and
    look-alike characters, plus a plural "s"; ``#`` stands for any number.
    """
    if getattr(term, "is_pattern", False):
        try:
            return re.compile(term.phrase)
        except re.error:
            return None
    folded, _ = normalise(term.phrase)
    parts = []
    for piece in re.findall(r"#|[^\W_]", folded):
        if piece == "#":
            parts.append(NUMBER)
        elif piece in DIGIT_LOOK_ALIKES:
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


def _collapse(word):
    return re.sub(r"(.)\1+", r"\1", word)


def _close(word, name):
    """Whether ``word`` is a misspelling of the medicine ``name`` ("bottox", "botux", "ozzempic", "monjaro")."""
    if word == name or word[0] != name[0] or abs(len(word) - len(name)) > 2:
        return word == name
    if _collapse(word) == _collapse(name):
        return True
    allowed = 1 if len(name) < 9 else 2
    # Damerau-Levenshtein distance, stopping early once it is over the limit.
    previous2, previous = None, list(range(len(name) + 1))
    for i, a in enumerate(word, 1):
        current = [i]
        for j, b in enumerate(name, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if previous2 is not None and i > 1 and j > 1 and a == name[j - 2] and word[i - 2] == b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        if min(current) > allowed:
            return False
        previous2, previous = previous, current
    return previous[-1] <= allowed


# Words that are near a medicine's name but English ("boxes" is not "botox").
NOT_MISSPELLINGS = {"detox", "botany", "wegovy"}


# --- Reading sentences -------------------------------------------------------------

# A denial before the words negates them: "we do not offer Botox", "results are not
# guaranteed", "there are no limited-time offers". "Don't miss out" is not a denial.
NEGATION = re.compile(
    r"(?<![^\W_])(?:not|no|never|cannot|can't|cant|won't|don't|doesn't|didn't|isn't|aren't|wasn't|"
    r"nor|neither|none|nothing|nobody|no\W?one|avoid|refuse|unable|without\W+(?:any|offering|using|selling)|"
    r"rather\W+than|instead\W+of)"
    r"(?![^\W_])(?!\W+(?:only|just|miss|wait|delay|hesitate|forget|lose|leave it)\b)"
)
CLAUSE_BREAK = re.compile(r"[;:]|\bbut\b|\bhowever\b|\bwhereas\b|\byet\b")
NEGATION_WINDOW_WORDS = 9
# A denial just after the words: "under-18s are not treated", "Botox is no longer offered here".
AFTER_DENIAL = re.compile(
    r"\W*(?:[^\W_]+\W+){0,3}?(?:not|never|cannot|can't|won't|isn't|aren't|no\W+longer)\W+(?:[^\W_]+\W+)?"
    r"(?:treated|offered|available|used|suitable|advertised|prescribed|sold|stocked|provided|accepted|eligible|"
    r"permitted|allowed|seen|booked|book|receive|have|provide|offer|treat|sell|prescribe|stock|advertise)\b"
)
# Asking about a patient's medicines ("you have recently taken …") promotes none of them.
MEDICAL_HISTORY = re.compile(
    r"\b(?:(?:have|has|had)\W+(?:recently\W+|ever\W+|previously\W+|already\W+)?(?:taken|used|been\W+(?:taking|using|on))|"
    r"(?:are|were|is)\W+(?:currently\W+|already\W+)?(?:taking|using)|if\W+you\W+(?:take|use))\W+(?:[^\W_]+\W+)?$"
)
# A denial inside a long match, just before its last word, denies the medicine the match ends on.
INNER_DENIAL = re.compile(r"(?<![^\W_])(?:no|not|without|never|non)\W+(?:[^\W_]+\W+){0,2}[^\W_]+\W*$")
# A sentence about the rules themselves, or sending people elsewhere, promotes nothing.
META = re.compile(
    r"\b(?:asa|mhra|cap code|advertising (?:rules|standards)|the law|illegal|unlawful|against the rules|"
    r"banned|forbid\w*|not allowed|(?:see|ask|speak to|talk to) (?:your|a) (?:gp|doctor|pharmacist))\b"
)
NEGATIVE_CLAIM = re.compile(r"(?:no|zero|without|non)\b")
HEDGE = re.compile(r"\b(?:may|might|could|can|helps?|helping|aims?|designed|some|often|usually|gradually)\b")
HEDGED_VERBS = re.compile(
    r"(?:rebuild|regrow|regenerat|restor|renew|revers|remov|clear|reduc|eliminat|eras|instant|repair|results?\b)"
)
QUOTE_CUES = re.compile(r"\b(?:term|word|phrase|called|known as|so-called|nickname|heard|searches|means|refers?)\b")
QUOTED = re.compile(r"[\"“”„«»']([^\"“”„«»']{1,60})[\"“”„«»']")
HASHTAG = re.compile(r"#([^\W_][\w]*)")


@dataclass(frozen=True)
class Finding:
    """One risky piece of wording in one sentence of one location, with the rule it breaks."""

    location: str
    words: str
    term: object  # a ComplianceTerm (saved or not), or anything with its attributes
    sentence: str = ""
    sentence_key: str = ""

    @property
    def kind(self):
        return self.term.kind

    @property
    def severity(self):
        return self.term.severity

    @property
    def cap_rule(self):
        return getattr(self.term, "cap_rule", "") or RULES.get(self.term.kind, {}).get("cap_rule", "")

    @property
    def explanation(self):
        return self.term.explanation or RULES.get(self.term.kind, {}).get("explanation", "")

    @property
    def suggestion(self):
        return getattr(self.term, "suggestion", "") or RULES.get(self.term.kind, {}).get("suggestion", "")


def _starts_negated(term):
    return bool(re.match(r"\W*(?:no|zero|without|non)\b", term.phrase.lower()))


def _negated(folded_sentence, start, end, term):
    """Whether a denial governs the words at ``start`` (in the same clause, a few words before)."""
    if _starts_negated(term) or NEGATIVE_CLAIM.match(folded_sentence[start:end]):
        return False  # "no downtime", "no risk" are themselves the claim
    if term.kind in ("prescription_medicine", "under_18") and INNER_DENIAL.search(folded_sentence[start:end]):
        return True  # "a weight-loss plan … with no injections", "a programme without jabs"
    if term.kind in ("prescription_medicine", "under_18") and AFTER_DENIAL.match(
        CLAUSE_BREAK.split(folded_sentence[end:])[0]
    ):
        return True  # "under-18s are not treated here", "Botox is no longer offered"
    before = folded_sentence[:start]
    if term.kind == "prescription_medicine" and MEDICAL_HISTORY.search(before[-60:]):
        return True  # "if you have recently taken isotretinoin": a question about history, not an offer
    clause = CLAUSE_BREAK.split(before)[-1]
    words = re.findall(r"[^\W_]+(?:'[a-z]+)?", clause)
    if term.kind != "under_18":  # "we do not offer … to anyone under 18": the age is the denial's object
        words = words[-NEGATION_WINDOW_WORDS:]
    return bool(NEGATION.search(" ".join(words)))


def _hedged(folded_sentence, start, end, term):
    """Whether a claim about an effect is hedged ("may help restore", "can reduce") rather than promised."""
    if term.kind != "claim" or not HEDGED_VERBS.match(folded_sentence[start:end]):
        return False
    clause = CLAUSE_BREAK.split(folded_sentence[:start])[-1]
    return bool(HEDGE.search(" ".join(clause.split()[-6:])))


def _quoted_as_a_word(folded_sentence, start, end):
    for match in QUOTED.finditer(folded_sentence):
        if match.start() <= start and end <= match.end():
            return bool(QUOTE_CUES.search(folded_sentence)) or bool(NEGATION.search(folded_sentence))
    return False


def _hashtag_hits(folded, compiled):
    """Terms inside hashtags written as one word: "#babybotox", "#antiwrinkle", "#teenskin"."""
    hits = []
    for match in HASHTAG.finditer(folded):
        body = match.group(1)
        for term, pattern, _words in compiled:
            phrase = re.sub(r"[\W_]", "", normalise(term.phrase)[0]) if not getattr(term, "is_pattern", False) else ""
            hashtag_form = getattr(term, "hashtag", "") or phrase
            if len(hashtag_form) >= 4 and hashtag_form in body and not pattern.fullmatch("#" + body):
                hits.append((match.start(), match.end(), term))
    return hits


def _fuzzy_hits(folded, compiled):
    """Misspelt names of medicines ("bottox", "botux", "ozzempic"), for single-word medicine terms."""
    names = [
        (term, normalise(term.phrase)[0])
        for term, _pattern, words in compiled
        if term.kind == "prescription_medicine"
        and not getattr(term, "is_pattern", False)
        and words == 1
        and len(term.phrase) >= 5
        and term.phrase.isalpha()
    ]
    hits = []
    for match in re.finditer(r"[a-z]{4,}", folded):
        word = match.group()
        if word in NOT_MISSPELLINGS:
            continue
        for term, name in names:
            if word != name and _close(word, name):
                hits.append((match.start(), match.end(), term))
                break
    return hits


def check(text_by_location, terms, exceptions=()):
    """Findings for ``terms`` in ``{location: text}``; pure, so tests can call it directly.

    One finding per term and sentence, quoting the words as written. Where a longer match
    of the same rule covers a shorter one ("baby botox" and "botox"), only the longer is
    reported. ``exceptions`` are compiled regexes for other senses of words; matches inside
    them are ignored (``EXCEPTIONS`` below is always applied).
    """
    compiled = []
    for term in terms:
        pattern = term_pattern(term)
        if pattern is not None:
            compiled.append((term, pattern, len(re.findall(r"[^\W_]+|#", normalise(term.phrase)[0]))))
    all_exceptions = [*EXCEPTIONS, *exceptions]
    findings = []
    for location, value in text_by_location.items():
        text = plain_text(value)
        if not text:
            continue
        for s_start, s_end in sentences(text):
            sentence = text[s_start:s_end]
            folded, origins = normalise(sentence)
            if not folded.strip():
                continue
            excepted = [(m.start(), m.end()) for rx in all_exceptions for m in rx.finditer(folded)]
            is_meta = bool(META.search(folded))
            hits = []
            for term, pattern, phrase_words in compiled:
                for match in pattern.finditer(folded):
                    if match.end() == match.start():
                        continue
                    if not getattr(term, "is_pattern", False) and not _spaced_plausibly(match.group(), phrase_words):
                        continue
                    hits.append((match.start(), match.end(), term))
            hits += _hashtag_hits(folded, compiled)
            hits += _fuzzy_hits(folded, compiled)
            kept = []
            # Longest first; on the same words a named phrase reads better than a pattern.
            ordered = sorted(hits, key=lambda hit: (hit[0], -(hit[1] - hit[0]), getattr(hit[2], "is_pattern", False)))
            for start, end, term in ordered:
                if any(a <= start and end <= b for a, b in excepted):
                    continue
                if (
                    _negated(folded, start, end, term)
                    or _hedged(folded, start, end, term)
                    or _quoted_as_a_word(folded, start, end)
                ):
                    continue
                if is_meta and term.kind in ("prescription_medicine", "under_18"):
                    continue
                covered = any(
                    o_start <= start and end <= o_end and o_term.kind == term.kind for o_start, o_end, o_term in kept
                )
                if not covered:
                    kept.append((start, end, term))
            seen = set()
            for start, end, term in kept:
                key = id(term)
                if key in seen:
                    continue
                seen.add(key)
                words = sentence[origins[start] : origins[end - 1] + 1].strip()
                findings.append(
                    Finding(
                        location=location,
                        words=words[:300],
                        term=term,
                        sentence=sentence.strip()[:1000],
                        sentence_key=sentence_key(sentence),
                    )
                )
    return findings


# Other senses of words the terms use; a match wholly inside one of these is not a finding.
EXCEPTIONS = [
    re.compile(r"\b(?:on|along|down|by|at) the prom\b|\bprom(?:enade)?\s+(?:in|at)\s+[a-z]+bello\b"),
    re.compile(r"\bpromenade\b"),
    re.compile(r"\bthe prom (?:on|in|at|by|along|near) the (?!night|day|big|evening|weekend)[a-z]+"),
    re.compile(r"\blast(?:s|ed|ing)?\s+(?:for\s+)?(?:only\s+)?a\s+limited\s+time\b"),
    re.compile(r"\bfor a limited time\b(?=.{0,20}\b(?:after|afterwards|following)\b)"),
    re.compile(r"\bpermanent(?:ly)?\W+hair\W+reduction\b|\bsemi\W?permanent\b|\bpermanent\W+make\W?up\b"),
    re.compile(r"\b(?:toxin|toxins)\W*free\b"),
    re.compile(
        r"\b(?:data|information|details|records?|account|copy|it|them)\W+(?:[^\W_]+\W+){0,3}erased\b|\berasure\b"
    ),
    re.compile(r"\bcure\W+time\b|\bcured\W+(?:meat|ham|resin)\b"),
]
