"""The relation of an aligned pair: same fact, paraphrase, or a conflict on a named slot.

Slots, checked in this order (the first conflict found names the pair's slot):

speaker   the same quoted words (>= :data:`QUOTE_OVERLAP` of the shorter quote's words, in
          runs of two or more words, one side in quotation marks) given to another named
          speaker, or to a vague source in place of a named one (``misattribution``), or
          attributed in their own sentence on one side and printed bare on the other, with
          nothing next to them naming the speaker (``dropped_attribution``), whatever speaker
          the extractor inherits for the bare quote from the sentences around it.
number    quantities with the same unit and counted noun but different values.
date      calendar dates of the same granularity that nothing on the other side matches
          (the same words, "Friday" and "Friday", never conflict: only their resolution differs).
entity    a name replaced by another name of the same kind at the same place in the
          sentence, neither name appearing on the other side (role swap).
negation  one side negates the words the other side states.

Near misses are not conflicts: a paraphrase that keeps the speaker, an attribution moved to
the sentence next to the quote ("X said on Tuesday. '...'"), two different quotes by one
speaker, the same attribution word for word resolved to two people ("..., he said"), the same
relative date ("today") resolved against two publication dates, numbers in other units or
counting other things, a sentence naming an extra entity that the other merely omits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Literal

from rapidfuzz.distance import Levenshtein

from newsprism.extract.entities import canonical_key, keys_match, name_words, strip_title_words
from newsprism.extract.quote_cues import SPEECH_VERBS
from newsprism.model import Extraction, Mention, Quantity, Quote, Timex

#: Share of the shorter quote's words that must recur (in runs of >= 2 words) in the other quote.
QUOTE_OVERLAP = 0.6
#: Quotes shorter than this (in words) are too short to identify ("my old friend").
MIN_QUOTE_WORDS = 4
#: Relative difference below which two values are the same number (rounding: "$4.5bn" ~ "$4.47bn").
NUMBER_TOLERANCE = 0.02
SLOT_ORDER = ("speaker", "number", "date", "entity", "negation")

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_NEGATOR = re.compile(r"\b(?:not|never|no|nobody|nothing|neither|nor|none|cannot)\b|n't\b", re.IGNORECASE)
_AUX = frozenset(
    [
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "yet",
        "still",
        "ever",
        "so",
        "the",
        "a",
        "an",
        "any",
    ]
)


@dataclass(slots=True)
class Conflict:
    """One disagreement between the two sides of an aligned pair."""

    slot: str  # speaker, number, date, entity, negation
    kind: str  # misattribution, dropped_attribution, number_conflict, date_conflict, ...
    a_value: str  # what side a says (speaker, number text, date text, name, clause)
    b_value: str
    a_span: tuple[int, int] | None = None  # body offsets of the slot in article a
    b_span: tuple[int, int] | None = None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Relation:
    """The relation of two fact groups and the conflicts behind it."""

    relation: Literal["same", "paraphrase", "conflict"]
    slot: str | None = None
    conflicts: list[Conflict] = field(default_factory=list)


# ---------------------------------------------------------------- helpers


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def quote_overlap(a: str, b: str) -> float:
    """Share of the shorter text's words found in the longer one in common runs of >= 2 words."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    blocks = SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks()
    covered = sum(bl.size for bl in blocks if bl.size >= 2)
    return covered / min(len(wa), len(wb))


def _quotes(ex: Extraction, facts: list[int]) -> list[tuple[int, Quote]]:
    idx = sorted({qi for f in facts for qi in ex.facts[f].quote_indices})
    return [(qi, ex.quotes[qi]) for qi in idx if qi < len(ex.quotes)]


def same_words(qa: Quote, qb: Quote) -> float:
    """:func:`quote_overlap` of two quotes that can carry the same words, else 0.

    Two reported-speech paraphrases have independent wording, and quotes shorter than
    :data:`MIN_QUOTE_WORDS` are too short to identify.
    """
    if "indirect" == qa.kind == qb.kind:
        return 0.0
    if min(len(_words(qa.text)), len(_words(qb.text))) < MIN_QUOTE_WORDS:
        return 0.0
    return quote_overlap(qa.text, qb.text)


def shared_quote(ea: Extraction, a_facts: list[int], eb: Extraction, b_facts: list[int]) -> bool:
    """Whether the facts carry the same quoted words (>= :data:`QUOTE_OVERLAP`): the same statement."""
    return any(
        same_words(qa, qb) >= QUOTE_OVERLAP
        for _, qa in _quotes(ea, a_facts)
        for _, qb in _quotes(eb, b_facts)
    )


def _span(ex: Extraction, facts: list[int]) -> tuple[int, int]:
    return ex.facts[min(facts)].start, ex.facts[max(facts)].end


def _inside(start: int, end: int, span: tuple[int, int]) -> bool:
    return span[0] <= start and end <= span[1]


def speaker_ids(q: Quote) -> list[str]:
    """Keys a quote's speaker can be matched by: its key and the key of its display name."""
    ids = [q.speaker_key] if q.speaker_key else []
    if q.speaker and not q.vague:
        words = q.speaker.split()
        if words and all(w[:1].isupper() for w in words):
            key = canonical_key(q.speaker, "PERSON")
            if key not in ids:
                ids.append(key)
    return ids


def named(q: Quote) -> bool:
    """Whether the quote has a named (not vague) speaker."""
    return bool(q.speaker) and not q.vague


#: Common nouns one organisation is called by in turn ("the company" ... "the firm").
_ORG_NOUNS = frozenset({"company", "firm", "group", "business", "corporation", "concern"})


def _org_noun(q: Quote) -> bool:
    """Whether the speaker is an organisation called by a common noun ("the firm"), not by name."""
    words = (q.speaker or "").split()
    return bool(words) and all(w.islower() for w in words) and words[-1] in _ORG_NOUNS


def same_speaker(a: Quote, b: Quote) -> bool:
    """Whether two quotes have the same speaker (keys, display names, the same vague phrase, an
    organisation's common nouns: "the company" and "the firm", or a misspelt surname)."""
    if a.vague or b.vague:
        return a.vague and b.vague and name_words(a.speaker or "") == name_words(b.speaker or "")
    if any(keys_match(x, y) for x in speaker_ids(a) for y in speaker_ids(b)):
        return True
    wa, wb = set(name_words(a.speaker or "")), set(name_words(b.speaker or ""))
    if wa and wb and (wa <= wb or wb <= wa):
        return True
    return (_org_noun(a) and _org_noun(b)) or _misspelt(a.speaker or "", b.speaker or "")


def _misspelt(a: str, b: str) -> bool:
    """One person's name spelt two ways: the same first name, surnames one letter apart ("Wetzler", "Welzler")."""
    wa, wb = name_words(a), name_words(b)
    if len(wa) < 2 or len(wb) < 2 or wa[0] != wb[0] or min(len(wa[-1]), len(wb[-1])) < 5:
        return False
    return Levenshtein.distance(wa[-1], wb[-1]) <= 1


#: Cue lemmas whose present forms are safe to read as verbs (not "calls", "reports", "states").
_VERB_ONLY = frozenset(
    str.split(
        "say tell add write think believe argue insist explain warn admit suggest predict estimate "
        "acknowledge concede confirm deny announce reveal stress emphasise emphasize recall observe "
        "conclude assert urge agree testify concur speculate wonder reiterate recount ask declare"
    )
)
_IRREGULAR_CUES = {
    "say": "said",
    "tell": "told",
    "write": "wrote written",
    "think": "thought",
    "feel": "felt",
}


def _forms(lemma: str, verb: bool = False) -> set[str]:
    """Forms of a cue lemma, over-generated: past and -ing forms, and base and -s forms of the
    unambiguous verbs (or of any when ``verb``: a cue the parser read as a verb)."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {stem + "ed", stem + "ing", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    forms.update(_IRREGULAR_CUES.get(lemma, "").split())
    if lemma.endswith("y"):
        forms.add(lemma[:-1] + "ied")
    if verb or lemma in _VERB_ONLY:
        forms |= {lemma, lemma + "s", lemma + "es"}
    return forms


#: Words that attribute a sentence's words to someone: the cue verbs (see :func:`_forms`), "according
#: (to)", and "spoke" ("He spoke to reporters.").
CUE_WORDS = frozenset(
    {f for lemma in SPEECH_VERBS for f in _forms(lemma)}
    | {"according", "reads", "quoted", "speak", "speaks", "spoke", "spoken", "speaking"}
)
_PERSON_PRONOUNS = frozenset({"he", "she", "they", "who", "i", "we"})


def _sentences_of(q: Quote, ex: Extraction) -> list[int]:
    """Indices of the facts (sentences) the quote's words run through."""
    return [f.index for f in ex.facts if f.start < q.end and q.start < f.end] or (
        [q.sentence] if q.sentence is not None and q.sentence < len(ex.facts) else []
    )


def _quote_frame(q: Quote, ex: Extraction, sentences: list[int]) -> str:
    """The text of ``sentences`` with the quote and every direct or partial quotation in them blanked."""
    if not sentences:
        return ""
    lo, hi = ex.facts[sentences[0]].start, ex.facts[sentences[-1]].end
    chars = [" "] * (hi - lo)  # body offsets kept: the gaps between sentences stay blank
    for i in sentences:
        f = ex.facts[i]
        chars[f.start - lo : f.end - lo] = list(f.text)
    blank = [(q.start, q.end)] + [(o.start, o.end) for o in ex.quotes if o.kind != "indirect"]
    for s, e in blank:
        if s < hi and lo < e:
            for k in range(max(s, lo) - lo, min(e, hi) - lo):
                chars[k] = " "
    return "".join(chars)


def frame_words(q: Quote, ex: Extraction) -> list[str]:
    """The words of the quote's own sentence outside the quoted words ("said", "mr", "varley")."""
    return _words(_quote_frame(q, ex, _sentences_of(q, ex)))


def own_attribution(q: Quote, ex: Extraction) -> bool:
    """Whether the quote's own sentence says who speaks, outside the quoted words.

    A cue word there ("said", "told", "according to", or the verb the extractor took for the
    quote's cue), or the speaker's name hung on the quote by a colon ("Brown: ..."). A bare
    quotation, whose speaker the extractor took from the sentences around it, has none.
    """
    sentences = _sentences_of(q, ex)
    frame = _quote_frame(q, ex, sentences)
    words = _words(frame)
    if CUE_WORDS.intersection(words):
        return True
    if q.cue and _forms(q.cue.split()[0], verb=True).intersection(words):
        return True  # the extractor's own cue in the sentence ("she exclaimed, ...")
    if not words or q.speaker_start is None:
        return False
    lo, hi = ex.facts[sentences[0]].start, ex.facts[sentences[-1]].end
    before = frame[: max(0, q.start - lo)].rstrip(" \"“‘'")
    return lo <= q.speaker_start < hi and before.endswith(":")


def _names_speaker(q: Quote, ex: Extraction, fact: int) -> bool:
    """Whether sentence ``fact`` of ``ex`` names the speaker of ``q`` (by key or by a capitalised name word)."""
    if not 0 <= fact < len(ex.facts) or not q.speaker:
        return False
    text = ex.facts[fact].text
    if q.vague:
        head = name_words(q.speaker)[-1:]
        return bool(head) and head[0] in _words(text)
    ids = speaker_ids(q)
    if any(keys_match(i, k) for i in ids for k in ex.facts[fact].entity_keys):
        return True
    capitalised = {w.casefold() for w in _WORD.findall(text) if w[:1].isupper()}
    words = strip_title_words(name_words(q.speaker))
    return bool(words) and words[-1] in capitalised


def _bare(ex: Extraction, fact: int) -> bool:
    """Whether a sentence is nothing but quoted words (it continues the quotes before it)."""
    f = ex.facts[fact]
    inside = [q for q in ex.quotes if q.kind != "indirect" and q.start < f.end and f.start < q.end]
    if not inside:
        return False
    return not _words(_quote_frame(inside[0], ex, [fact]))


def attribution_next_door(said: Quote, ex: Extraction, bare: Quote) -> Literal["moved", "continued"] | None:
    """Where the article of the unattributed quote ``bare`` attributes it, if not in its own sentence.

    ``moved``: the sentence before (past a run of bare quotations: ``X said on Tuesday. "..."
    "..."``), the one after, or the quote's own sentence names ``said``'s speaker, or quotes
    that speaker, or the extractor's speaker is that one and the sentence before has a cue
    and a pronoun ("He spoke to reporters."). ``continued``: the sentence before holds an
    attributed quotation that the bare one continues (``"...," Ortiz said. "..."``): the words
    are someone's, compared as any other attribution. None: nothing attributes them.
    """
    sentences = _sentences_of(bare, ex)
    if not sentences:
        return None
    if any(_names_speaker(said, ex, i) for i in sentences) or _names_speaker(said, ex, sentences[-1] + 1):
        return "moved"
    k = sentences[0] - 1
    while k >= 0 and _bare(ex, k):
        k -= 1
    if k < 0:
        return None
    before = [q for q in ex.quotes if q.sentence == k]
    if _names_speaker(said, ex, k) or any(q.speaker and same_speaker(said, q) for q in before):
        return "moved"
    words = _words(ex.facts[k].text)
    pronoun_cue = any(w in CUE_WORDS for w in words) and any(w in _PERSON_PRONOUNS for w in words)
    if bare.speaker and same_speaker(said, bare) and pronoun_cue:
        return "moved"
    if any(q.kind != "indirect" and own_attribution(q, ex) for q in before):
        return "continued"
    return None


def _mentions_speaker(q: Quote, ex: Extraction, facts: list[int]) -> bool:
    """Whether the facts name ``q``'s speaker (then a missing or other speaker may be a parse slip)."""
    ids = speaker_ids(q)
    keys = [k for f in facts for k in ex.facts[f].entity_keys]
    return any(keys_match(i, k) for i in ids for k in keys)


# ---------------------------------------------------------------- slots


def speaker_conflict(
    ea: Extraction, a_facts: list[int], eb: Extraction, b_facts: list[int]
) -> Conflict | None:
    """Misattribution or dropped attribution of the same quoted words, else None."""
    best: tuple[float, Conflict] | None = None
    quotes_a, quotes_b = [q for _, q in _quotes(ea, a_facts)], [q for _, q in _quotes(eb, b_facts)]
    # a quote printed the same way on both sides is agreed on: pairing it with another quote of the
    # sentence that contains its words ('he said ... "not an easy issue"') compares two attributions
    agreed_a = {id(qa) for qa in quotes_a if any(_twins(qa, ea, qb, eb) for qb in quotes_b)}
    agreed_b = {id(qb) for qb in quotes_b if any(_twins(qa, ea, qb, eb) for qa in quotes_a)}
    for qa in quotes_a:
        for qb in quotes_b:
            if id(qa) in agreed_a or id(qb) in agreed_b:
                continue
            overlap = same_words(qa, qb)
            if overlap < QUOTE_OVERLAP:
                continue
            conflict = _speaker_pair(qa, qb, ea, a_facts, eb, b_facts, overlap)
            if conflict is not None and (best is None or overlap > best[0]):
                best = (overlap, conflict)
    return best[1] if best else None


def _twins(qa: Quote, ea: Extraction, qb: Quote, eb: Extraction) -> bool:
    """The same words of the same kind, framed word for word alike, or both attributed in their own
    sentence (or both not) to the same speaker."""
    if qa.kind != qb.kind or _words(qa.text) != _words(qb.text):
        return False
    if frame_words(qa, ea) == frame_words(qb, eb):
        return True
    return bool(qa.speaker and qb.speaker and same_speaker(qa, qb)) and (
        own_attribution(qa, ea) == own_attribution(qb, eb)
    )


def _speaker_pair(
    qa: Quote,
    qb: Quote,
    ea: Extraction,
    a_facts: list[int],
    eb: Extraction,
    b_facts: list[int],
    overlap: float,
) -> Conflict | None:
    short = qa.text if len(qa.text) <= len(qb.text) else qb.text
    detail: dict[str, Any] = {
        "words": short.strip(' .,"“”'),
        "overlap": round(overlap, 3),
        "a_quote": [qa.start, qa.end],
        "b_quote": [qb.start, qb.end],
        "a_speaker_key": qa.speaker_key,
        "b_speaker_key": qb.speaker_key,
        "a_vague": qa.vague,
        "b_vague": qb.vague,
    }

    def spk_span(q: Quote) -> tuple[int, int] | None:
        return (q.speaker_start, q.speaker_end) if q.speaker_start is not None and q.speaker_end else None

    own_a, own_b = own_attribution(qa, ea), own_attribution(qb, eb)
    if not own_a and not own_b:
        return None  # both take the speaker from the text around: the resolution differs, not the report
    if own_a and own_b and frame_words(qa, ea) == frame_words(qb, eb):
        return None  # word for word the same attribution ("..., he said"): resolved differently, not reported
    if own_a != own_b:
        # one side says who speaks in the quote's own sentence, the other prints the words bare
        said, bare, bare_ex = (qa, qb, eb) if own_a else (qb, qa, ea)
        where = attribution_next_door(said, bare_ex, bare) if said.speaker else "moved"
        if where == "moved" or (where == "continued" and not bare.speaker):
            return None
        if where is None:
            if bare.speaker:
                detail["inferred_speaker"] = bare.speaker
            return Conflict(
                "speaker",
                "dropped_attribution",
                (qa.speaker or "") if own_a else "",
                (qb.speaker or "") if own_b else "",
                spk_span(qa) if own_a else None,
                spk_span(qb) if own_b else None,
                detail=detail,
            )
    if named(qa) and named(qb):
        if same_speaker(qa, qb) or _mentions_speaker(qa, eb, b_facts) or _mentions_speaker(qb, ea, a_facts):
            return None
        kind = "misattribution"
    elif named(qa) != named(qb) and (qa.vague or qb.vague):
        if _mentions_speaker(
            qa if named(qa) else qb, eb if named(qa) else ea, b_facts if named(qa) else a_facts
        ):
            return None
        kind = "misattribution"
        detail["vague"] = True
    else:
        return None  # a cue on both sides: one speaker the extractor could not name ("it was confirmed")
    return Conflict(
        "speaker", kind, qa.speaker or "", qb.speaker or "", spk_span(qa), spk_span(qb), detail=detail
    )


def _quantities(ex: Extraction, facts: list[int]) -> list[Quantity]:
    return [q for q in ex.quantities if q.sentence in facts]


def _comparable(a: Quantity, b: Quantity) -> bool:
    if a.unit != b.unit:
        return False
    if a.counts and b.counts:
        return a.counts.lower() == b.counts.lower()
    return a.unit is not None  # unitless numbers need the same counted noun


def _frame(q: Quantity, ex: Extraction) -> tuple[str, str] | None:
    """The words right before and after a quantity in its sentence."""
    if q.sentence is None or q.sentence >= len(ex.facts):
        return None
    fact = ex.facts[q.sentence]
    before, after = _words(fact.text[: q.start - fact.start]), _words(fact.text[q.end - fact.start :])
    return (before[-1] if before else "", after[0] if after else "")


def _same_frame(a: Quantity, ea: Extraction, b: Quantity, eb: Extraction) -> bool:
    """Two bare quantities (no unit, no counted noun) between the same two words ("2.4 billion were")."""
    if a.unit or b.unit or a.counts or b.counts:
        return False
    fa, fb = _frame(a, ea), _frame(b, eb)
    return fa is not None and fa == fb and all(fa)


def _same_value(x: float, y: float) -> bool:
    return abs(x - y) <= NUMBER_TOLERANCE * max(abs(x), abs(y), 1e-9)


def number_conflict(
    ea: Extraction, a_facts: list[int], eb: Extraction, b_facts: list[int]
) -> Conflict | None:
    """Two comparable quantities (same unit and counted noun) with different values, else None."""
    qa_list, qb_list = _quantities(ea, a_facts), _quantities(eb, b_facts)
    for qa in qa_list:
        for qb in qb_list:
            if _same_value(qa.value, qb.value):
                continue
            if not _comparable(qa, qb) and not _same_frame(qa, ea, qb, eb):
                continue
            a_matched = any(
                _same_value(qa.value, o.value) for o in qb_list if _comparable(qa, o) or not qa.unit
            )
            b_matched = any(
                _same_value(qb.value, o.value) for o in qa_list if _comparable(qb, o) or not qb.unit
            )
            if not a_matched and not b_matched:
                return Conflict(
                    "number",
                    "number_conflict",
                    qa.text,
                    qb.text,
                    (qa.start, qa.end),
                    (qb.start, qb.end),
                    detail={"a_number": qa.value, "b_number": qb.value, "unit": qa.unit, "counts": qa.counts},
                )
    return duration_conflict(ea, a_facts, eb, b_facts)


_PERIOD = re.compile(r"^(PT?)(\d+(?:\.\d+)?)([YMWDHS])$")


def _durations(ex: Extraction, facts: list[int]) -> list[tuple[str, float, Timex]]:
    """(unit, amount, timex) of the simple durations of the facts ("18 years" -> ("PY", 18.0))."""
    out = []
    for t in ex.timexes:
        m = _PERIOD.match(t.value) if t.sentence in facts and t.type == "DURATION" else None
        if m:
            out.append((m.group(1) + m.group(3), float(m.group(2)), t))
    return out


def duration_conflict(
    ex_a: Extraction, a_facts: list[int], ex_b: Extraction, b_facts: list[int]
) -> Conflict | None:
    """Two durations in the same unit with different amounts, neither matched on the other side."""
    da, db = _durations(ex_a, a_facts), _durations(ex_b, b_facts)
    for ua, va, ta in da:
        for ub, vb, tb in db:
            if ua != ub or _same_value(va, vb):
                continue
            if any(u == ua and _same_value(va, v) for u, v, _ in db) or any(
                u == ub and _same_value(vb, v) for u, v, _ in da
            ):
                continue
            return Conflict(
                "number",
                "number_conflict",
                ta.text,
                tb.text,
                (ta.start, ta.end),
                (tb.start, tb.end),
                detail={
                    "a_number": va,
                    "b_number": vb,
                    "unit": ta.value[: len(ua) - 1] + ua[-1],
                    "counts": None,
                },
            )
    return None


def _dates(ex: Extraction, facts: list[int]) -> list[Timex]:
    return [
        t
        for t in ex.timexes
        if t.sentence in facts and t.type == "DATE" and _ISO.match(t.value) and t.granularity != "duration"
    ]


def _date_range(t: Timex) -> tuple[str, str]:
    end = t.end_value if t.end_value and _ISO.match(t.end_value) else t.value
    return t.value, end


def _compatible(a: Timex, b: Timex) -> bool:
    """Same date up to granularity (a month contains its days) or inside the other's range."""
    a0, a1 = _date_range(a)
    b0, b1 = _date_range(b)
    for x in (a0, a1):
        for y in (b0, b1):
            if x.startswith(y) or y.startswith(x):
                return True
    return (a0 <= b0 <= a1) or (b0 <= a0 <= b1)


def date_conflict(ea: Extraction, a_facts: list[int], eb: Extraction, b_facts: list[int]) -> Conflict | None:
    """Dates of the same granularity on both sides that nothing on the other side matches, else None."""
    da, db = _dates(ea, a_facts), _dates(eb, b_facts)
    # the same words on both sides ("today", "yesterday") are one expression, whatever their
    # resolution against two publication dates: the resolver's doubt, not the reporters'
    for ta in list(da):
        twin = next((tb for tb in db if _words(tb.text) == _words(ta.text)), None)
        if twin is not None:
            da.remove(ta)
            db.remove(twin)
    lone_a = [t for t in da if not any(_compatible(t, o) for o in db)]
    lone_b = [t for t in db if not any(_compatible(t, o) for o in da)]
    for ta in lone_a:
        for tb in lone_b:
            if len(ta.value) == len(tb.value):
                return Conflict(
                    "date",
                    "date_conflict",
                    ta.text,
                    tb.text,
                    (ta.start, ta.end),
                    (tb.start, tb.end),
                    detail={"a_date": ta.value, "b_date": tb.value},
                )
    return None


def _tokens(ex: Extraction, facts: list[int]) -> list[tuple[str, int, int, bool]]:
    """(lower-cased word, start, end, capitalised) of the facts' words, in body offsets."""
    out = []
    for f in sorted(facts):
        fact = ex.facts[f]
        for m in _WORD.finditer(fact.text):
            word = m.group()
            bare = _POSSESSIVE.sub("", word)  # "Turkey's" is the word "Turkey" for the names on it
            out.append(
                (
                    bare.lower().replace("’", "'"),
                    fact.start + m.start(),
                    fact.start + m.start() + len(bare),
                    word[0].isupper(),
                )
            )
    return out


def _kind(key: str) -> str:
    kind = key.partition(":")[0]
    return "org" if kind in {"org", "event"} else kind


def _covering(mentions: list[Mention], toks: list[tuple[str, int, int, bool]]) -> Mention | None:
    """The one mention covering a replaced run of words, but for at most two titles or articles."""
    for m in mentions:
        inside = [t for t in toks if m.start <= t[1] and t[2] <= m.end]
        outside = [t for t in toks if not (m.start <= t[1] and t[2] <= m.end)]
        if inside and len(outside) <= 2 and all(t[3] or t[0] in {"the", "a", "an"} for t in outside):
            return m
    return None


def _mentions_in(mentions: list[Mention], toks: list[tuple[str, int, int, bool]]) -> list[Mention]:
    return [m for m in mentions if toks and toks[0][1] <= m.start and m.end <= toks[-1][2] + 2]


def _one_each(
    ma: list[Mention],
    ta: list[tuple[str, int, int, bool]],
    mb: list[Mention],
    tb: list[tuple[str, int, int, bool]],
) -> tuple[Mention | None, Mention | None]:
    """A replaced block holding exactly one mention on each side, of the same kind and at the same
    offset in the block ("giant Intel recently" / "giant Tesco lately"): a name swapped next to a
    paraphrased word."""
    ina, inb = _mentions_in(ma, ta), _mentions_in(mb, tb)
    if len(ina) != 1 or len(inb) != 1 or len(ta) > 6 or len(tb) > 6:
        return None, None
    pos_a = next((k for k, t in enumerate(ta) if t[1] >= ina[0].start), -1)
    pos_b = next((k for k, t in enumerate(tb) if t[1] >= inb[0].start), -1)
    if pos_a != pos_b and len(ta) - pos_a != len(tb) - pos_b:
        return None, None
    return ina[0], inb[0]


def _speaker_mention(m: Mention, ex: Extraction, facts: list[int]) -> bool:
    """Whether mention ``m`` is (part of) the speaker of a quote of the facts."""
    return any(
        q.speaker_start is not None
        and q.speaker_end is not None
        and m.start < q.speaker_end
        and q.speaker_start < m.end
        for _, q in _quotes(ex, facts)
    )


def entity_conflict(
    ea: Extraction, a_facts: list[int], eb: Extraction, b_facts: list[int]
) -> Conflict | None:
    """A name replaced by another name of the same kind in the same place of the sentence, else None."""
    ta, tb = _tokens(ea, a_facts), _tokens(eb, b_facts)
    if not ta or not tb:
        return None
    sa, sb = _span(ea, a_facts), _span(eb, b_facts)
    ma = [m for m in ea.mentions if _inside(m.start, m.end, sa)]
    mb = [m for m in eb.mentions if _inside(m.start, m.end, sb)]
    keys_a, keys_b = [m.entity_key for m in ma], [m.entity_key for m in mb]
    # speakers are the speaker slot's business: two quotes by two people are not a swap
    ma = [m for m in ma if not _speaker_mention(m, ea, a_facts)]
    mb = [m for m in mb if not _speaker_mention(m, eb, b_facts)]
    sm = SequenceMatcher(None, [t[0] for t in ta], [t[0] for t in tb], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "replace":
            continue
        mention_a, mention_b = _covering(ma, ta[i1:i2]), _covering(mb, tb[j1:j2])
        if (mention_a is None or mention_b is None) and i2 - i1 == j2 - j1 and sm.ratio() >= 0.6:
            mention_a, mention_b = _one_each(ma, ta[i1:i2], mb, tb[j1:j2])
        if mention_a is None or mention_b is None:
            continue
        ka, kb = mention_a.entity_key, mention_b.entity_key
        if _kind(ka) != _kind(kb) or keys_match(ka, kb):
            continue
        wa, wb = set(name_words(mention_a.text)), set(name_words(mention_b.text))
        if wa & wb:
            continue
        if any(keys_match(ka, k) for k in keys_b) or any(keys_match(kb, k) for k in keys_a):
            continue  # both names on both sides: reordered, not swapped
        return Conflict(
            "entity",
            "entity_conflict",
            mention_a.text,
            mention_b.text,
            (mention_a.start, mention_a.end),
            (mention_b.start, mention_b.end),
            detail={"a_key": ka, "b_key": kb},
        )
    return None


#: Irregular past forms to their base ("made" ~ "did not make"); regular ones share a 5-letter stem.
_IRREGULAR = dict(
    pair.split(":")
    for pair in str.split(
        "made:make took:take taken:take lost:lose won:win gave:give given:give went:go gone:go came:come "
        "saw:see seen:see got:get said:say told:tell found:find left:leave held:hold kept:keep met:meet "
        "paid:pay sold:sell bought:buy brought:bring thought:think knew:know known:know ran:run "
        "began:begin begun:begin became:become felt:feel stood:stand fell:fall fallen:fall rose:rise "
        "risen:rise led:lead meant:mean sent:send spent:spend built:build set:set put:put cut:cut "
        "hit:hit let:let struck:strike won't:will wrote:write written:write drove:drive chose:choose "
        "chosen:choose broke:break broken:break spoke:speak spoken:speak grew:grow grown:grow "
        "threw:throw thrown:throw did:do done:do had:have has:have was:be were:be is:be are:be"
    )
)


def _stem(word: str) -> str:
    return _IRREGULAR.get(word, word)[:5]


def _negated_words(text: str) -> list[tuple[int, int, list[str]]]:
    """Each negator's span and the next content words after it (up to three)."""
    out = []
    for m in _NEGATOR.finditer(text):
        after = [w for w in _words(text[m.end() :])[:5] if w not in _AUX][:3]
        out.append((m.start(), m.end(), after))
    return out


def _side_stems(ex: Extraction, facts: list[int], text: str) -> set[str]:
    """Stems of a side's words and of its lemmas ("made" gives "made" and "make")."""
    return {_stem(w) for w in _words(text)} | {_stem(w.lower()) for f in facts for w in ex.facts[f].lemmas}


def negation_conflict(
    ea: Extraction, a_facts: list[int], eb: Extraction, b_facts: list[int]
) -> Conflict | None:
    """One side negates the words the other side states, else None.

    Each negator is judged on the word it negates: the conflict needs that word (or its lemma)
    on the other side with no negator of its own ("neither ... nor" on both sides is agreement).
    """
    sa, sb = _span(ea, a_facts), _span(eb, b_facts)
    texts = {
        "a": " ".join(ea.facts[f].text for f in sorted(a_facts)),
        "b": " ".join(eb.facts[f].text for f in sorted(b_facts)),
    }
    negs = {"a": _negated_words(texts["a"]), "b": _negated_words(texts["b"])}
    if not negs["a"] and not negs["b"]:
        return None
    stems = {"a": _side_stems(ea, a_facts, texts["a"]), "b": _side_stems(eb, b_facts, texts["b"])}
    negated = {side: {_stem(after[0]) for _, _, after in negs[side] if after} for side in ("a", "b")}
    for neg_side, other in (("a", "b"), ("b", "a")):
        for s, e, after in negs[neg_side]:
            if not after:
                continue
            word = _stem(after[0])
            if word not in stems[other] or word in negated[other]:
                continue
            if len(negs[neg_side]) <= len(negs[other]):
                continue  # as many negators on the other side: the negation moved, not added
            neg_text = texts[neg_side]
            clause = neg_text[s : min(len(neg_text), e + 40)].split(".")[0].strip()
            a_value, b_value = (clause, "") if neg_side == "a" else ("", clause)
            base = sa[0] if neg_side == "a" else sb[0]
            span = (base + s, base + e) if len(a_facts if neg_side == "a" else b_facts) == 1 else None
            return Conflict(
                "negation",
                "negation_conflict",
                a_value,
                b_value,
                span if neg_side == "a" else None,
                span if neg_side == "b" else None,
                detail={"negated_side": neg_side, "negated_word": after[0]},
            )
    return None


CHECKS = (speaker_conflict, number_conflict, date_conflict, entity_conflict, negation_conflict)


def relate(ea: Extraction, a_facts: list[int], eb: Extraction, b_facts: list[int]) -> Relation:
    """The relation of facts ``a_facts`` of ``ea`` and ``b_facts`` of ``eb`` (already aligned).

    Returns ``conflict`` with every conflict found (slot of the first in :data:`SLOT_ORDER`),
    else ``paraphrase``; :mod:`newsprism.compare.align` upgrades near-identical text to ``same``.
    """
    conflicts = [c for check in CHECKS if (c := check(ea, a_facts, eb, b_facts)) is not None]
    if conflicts:
        return Relation("conflict", conflicts[0].slot, conflicts)
    return Relation("paraphrase")
