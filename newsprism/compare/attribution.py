"""Who said the quoted words: one statement across articles, its speakers and its attribution.

Two quotes carry the same statement when :data:`QUOTE_OVERLAP` of the shorter one's words recur in
the other in runs of two or more words (:func:`same_words`; :func:`shared_quote` for two fact
groups). :func:`same_speaker` tells whether two quotes have one speaker (keys, display names, the
same vague phrase, an organisation's common nouns, a misspelt surname). :func:`own_attribution`
tells whether a quote's own sentence says who speaks, and :func:`attribution_next_door` where an
article attributes a quote printed bare: in the sentence before or after (``moved``), or as the
continuation of the quotation before it (``continued``).

:func:`speaker_conflict`, the speaker slot of :func:`newsprism.compare.relations.relate`, puts them
together: the same words given to another named speaker, or to a vague source in place of a named
one (``misattribution``), or attributed in their own sentence on one side and printed bare on the
other with nothing next to them naming the speaker (``dropped_attribution``). :class:`Conflict`, the
record every slot returns, is defined here, below :mod:`newsprism.compare.relations`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Literal

from rapidfuzz.distance import Levenshtein

from newsprism.extract.entities import canonical_key, keys_match, name_words, strip_title_words
from newsprism.extract.quote_cues import PERSON_PRONOUNS, SPEECH_VERBS
from newsprism.model import Extraction, Quote

#: Share of the shorter quote's words that must recur (in runs of >= 2 words) in the other quote.
QUOTE_OVERLAP = 0.6
#: Quotes shorter than this (in words) are too short to identify ("my old friend").
MIN_QUOTE_WORDS = 4
#: Two reported-speech paraphrases carry the same words when this share of the shorter one's
#: words recur, and it has at least this many words.
REPORTED_OVERLAP = 0.8
REPORTED_WORDS = 8
#: A shorter reported clause (from :data:`MIN_QUOTE_WORDS` words) printed bare is a dropped
#: attribution only when the bare sentence names something or has a content word this long
#: ("Orvatrelin was generally well tolerated"), not a generic "The meeting was brief".
DISTINCTIVE_LETTERS = 8
#: A word: letters and digits, with the apostrophes inside it ("don't", "Keller’s").
WORD = re.compile(r"\w+(?:['’]\w+)*")


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


def text_words(text: str) -> list[str]:
    """The lower-cased words of ``text``, curly apostrophes made straight."""
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def quote_overlap(a: str, b: str) -> float:
    """Share of the shorter text's words found in the longer one in common runs of >= 2 words."""
    return _runs(a, b, min)


def _shared_share(a: str, b: str) -> float:
    """Share of the longer text's words found in the other in common runs of >= 2 words: both
    texts say the same, nothing more."""
    return _runs(a, b, max)


def _runs(a: str, b: str, size: Callable[[int, int], int]) -> float:
    wa, wb = text_words(a), text_words(b)
    if not wa or not wb:
        return 0.0
    blocks = SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks()
    covered = sum(bl.size for bl in blocks if bl.size >= 2)
    return covered / size(len(wa), len(wb))


def fact_quotes(ex: Extraction, facts: list[int]) -> list[tuple[int, Quote]]:
    """(index, quote) of the quotes in ``facts`` of ``ex``, in index order."""
    idx = sorted({qi for f in facts for qi in ex.facts[f].quote_indices})
    return [(qi, ex.quotes[qi]) for qi in idx if qi < len(ex.quotes)]


def same_words(qa: Quote, qb: Quote) -> float:
    """:func:`quote_overlap` of two quotes that can carry the same words, else 0.

    Two reported-speech paraphrases have independent wording: they carry the same words only
    when nearly all of them recur (:data:`REPORTED_OVERLAP`, from :data:`REPORTED_WORDS` words:
    one report rewritten with another speaker). Quotes shorter than :data:`MIN_QUOTE_WORDS` are
    too short to identify.
    """
    reported = "indirect" == qa.kind == qb.kind
    shorter = min(len(text_words(qa.text)), len(text_words(qb.text)))
    if shorter < (REPORTED_WORDS if reported else MIN_QUOTE_WORDS):
        return 0.0
    overlap = quote_overlap(qa.text, qb.text)
    return overlap if not reported or overlap >= REPORTED_OVERLAP else 0.0


def shared_quote(ea: Extraction, a_facts: list[int], eb: Extraction, b_facts: list[int]) -> bool:
    """Whether the facts carry the same quoted words (>= :data:`QUOTE_OVERLAP`): the same statement."""
    return any(
        same_words(qa, qb) >= QUOTE_OVERLAP
        for _, qa in fact_quotes(ea, a_facts)
        for _, qb in fact_quotes(eb, b_facts)
    )


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
    """Whether the quote has a named speaker: not vague, not a pronoun the extractor could not
    resolve ("she")."""
    return bool(q.speaker) and not q.vague and q.speaker.lower() not in _BARE_PRONOUNS


#: The head words of anonymous sourcing ("two people familiar with the plans", "sources", "a
#: person briefed on the talks"): what they say is a claim, which printed bare becomes a fact.
_ANONYMOUS = re.compile(r"\b(?:people|persons?|sources?|insiders?)\b", re.IGNORECASE)


def anonymous(q: Quote) -> bool:
    """Whether the quote's vague speaker is anonymous sourcing (not "officials" or "experts")."""
    return q.vague and bool(q.speaker and _ANONYMOUS.search(q.speaker))


#: A speaker that is only a pronoun names no one.
_BARE_PRONOUNS = PERSON_PRONOUNS | {"they", "i", "we", "it", "them"}


#: Common nouns one organisation is called by in turn ("the company" ... "the firm").
_ORG_NOUNS = frozenset({"company", "firm", "group", "business", "corporation", "concern"})


def _org_noun(q: Quote) -> bool:
    """Whether the speaker is an organisation called by a common noun ("the firm"), not by name."""
    words = (q.speaker or "").split()
    return bool(words) and all(w.islower() for w in words) and words[-1] in _ORG_NOUNS


def _speaks_for(body: Quote, person: Quote) -> bool:
    """Whether the vague speaker ``body`` ("the port authority") is the organisation the named
    ``person`` is described as belonging to ("chief executive of the port authority")."""
    words = [w for w in name_words(body.speaker or "") if w not in ("a", "an")]
    described = set(name_words(person.descriptor or ""))
    return len(words) >= 2 and set(words) <= described  # a body's name, not "a spokeswoman"


def same_speaker(a: Quote, b: Quote) -> bool:
    """Whether two quotes have the same speaker (keys, display names, the same vague phrase not
    described as speaking for two different bodies, an organisation's common nouns: "the company"
    and "the firm", or a misspelt surname)."""
    if a.vague or b.vague:
        described = a.descriptor and b.descriptor and a.descriptor.casefold() != b.descriptor.casefold()
        return (
            a.vague
            and b.vague
            and not described
            and name_words(a.speaker or "") == name_words(b.speaker or "")
        )
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
    return text_words(_quote_frame(q, ex, _sentences_of(q, ex)))


def own_attribution(q: Quote, ex: Extraction) -> bool:
    """Whether the quote's own sentence says who speaks, outside the quoted words.

    A cue word there ("said", "told", "according to", or the verb the extractor took for the
    quote's cue), or the speaker's name hung on the quote by a colon ("Brown: ..."). A bare
    quotation, whose speaker the extractor took from the sentences around it, has none.
    """
    sentences = _sentences_of(q, ex)
    frame = _quote_frame(q, ex, sentences)
    words = text_words(frame)
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
        return bool(head) and head[0] in text_words(text)
    ids = speaker_ids(q)
    if any(keys_match(i, k) for i in ids for k in ex.facts[fact].entity_keys):
        return True
    capitalised = {w.casefold() for w in WORD.findall(text) if w[:1].isupper()}
    words = strip_title_words(name_words(q.speaker))
    return bool(words) and words[-1] in capitalised


def _bare(ex: Extraction, fact: int) -> bool:
    """Whether a sentence is nothing but quoted words (it continues the quotes before it)."""
    f = ex.facts[fact]
    inside = [q for q in ex.quotes if q.kind != "indirect" and q.start < f.end and f.start < q.end]
    if not inside:
        return False
    return not text_words(_quote_frame(inside[0], ex, [fact]))


def attribution_next_door(said: Quote, ex: Extraction, bare: Quote) -> Literal["moved", "continued"] | None:
    """Where the article of the unattributed quote ``bare`` attributes it, if not in its own sentence.

    ``moved``: the quote's own sentence or the sentence before (past a run of bare quotations:
    ``X said on Tuesday. "..." "..."``) names ``said``'s speaker, or quotes that speaker, or the
    extractor's speaker is that one and the sentence before has a cue and a pronoun ("He spoke
    to reporters."). ``continued``: the sentence before holds an attributed quotation that the
    bare one continues (``"...," Ortiz said. "..."``): the words are someone's, compared as any
    other attribution, whoever the next sentence names (often the next speaker, introduced in
    the next paragraph). Else ``moved`` when the sentence after gives the words to ``said``'s
    speaker (``"..." Okafor said so on Monday.``, :func:`_speaks_in`), and None: nothing
    attributes them (``"..." Okafor voted against it.`` names an actor, not a speaker).
    """
    sentences = _sentences_of(bare, ex)
    if not sentences:
        return None
    if any(_names_speaker(said, ex, i) for i in sentences):
        return "moved"
    k = sentences[0] - 1
    while k >= 0 and _bare(ex, k):
        k -= 1
    before = [q for q in ex.quotes if q.sentence == k] if k >= 0 else []
    if k >= 0 and (_names_speaker(said, ex, k) or any(q.speaker and same_speaker(said, q) for q in before)):
        return "moved"
    words = text_words(ex.facts[k].text) if k >= 0 else []
    pronoun_cue = any(w in CUE_WORDS for w in words) and any(w in _PERSON_PRONOUNS for w in words)
    if bare.speaker and same_speaker(said, bare) and pronoun_cue:
        return "moved"
    if any(q.kind != "indirect" and own_attribution(q, ex) for q in before):
        return "continued"
    return "moved" if _speaks_in(said, ex, sentences[-1] + 1) else None


#: Nouns that give words to the person named with them ("That was the view of Okafor").
VIEW_NOUNS = frozenset({"view", "views", "words", "opinion", "verdict", "remarks", "comments"})


#: Words by which a sentence that names a speaker gives them words: cues and nouns of opinion.
_SPEAKING_WORDS = CUE_WORDS | VIEW_NOUNS


def _speaks_in(said: Quote, ex: Extraction, fact: int) -> bool:
    """Whether sentence ``fact`` of ``ex`` names ``said``'s speaker as speaking: with a cue
    ("Okafor said so"), a noun of opinion (:data:`VIEW_NOUNS`) or a quote the extractor gives
    that speaker there. A sentence that names the speaker doing something else ("Okafor voted
    against it") attributes no words to them."""
    if not _names_speaker(said, ex, fact):
        return False
    if _SPEAKING_WORDS.intersection(text_words(ex.facts[fact].text)):
        return True
    return any(q.sentence == fact and q.speaker and same_speaker(said, q) for q in ex.quotes)


def _claim_facts(said: Quote, ex: Extraction, facts: list[int]) -> list[int]:
    """The facts that carry ``said``'s reported words: each with at least half the share of them
    the best one has. A neighbour aligned with them that only names the speaker ("Harrowgate
    voted against it") is not where the words are printed."""
    shares = [_runs(said.text, ex.facts[f].text, lambda a, b: a) for f in facts]
    best = max(shares, default=0.0)
    return [f for f, share in zip(facts, shares, strict=True) if share >= best / 2]


def _mentions_speaker(q: Quote, ex: Extraction, facts: list[int]) -> bool:
    """Whether the facts name ``q``'s speaker (then a missing or other speaker may be a parse slip)."""
    ids = speaker_ids(q)
    keys = [k for f in facts for k in ex.facts[f].entity_keys]
    return any(keys_match(i, k) for i in ids for k in keys)


# ---------------------------------------------------------------- the speaker slot


def speaker_conflict(
    ea: Extraction, a_facts: list[int], eb: Extraction, b_facts: list[int]
) -> Conflict | None:
    """Misattribution or dropped attribution of the same quoted words, else None."""
    best: tuple[float, Conflict] | None = None
    quotes_a, quotes_b = [q for _, q in fact_quotes(ea, a_facts)], [q for _, q in fact_quotes(eb, b_facts)]
    # a quote printed the same way on both sides is agreed on: pairing it with another quote of the
    # sentence that contains its words ('he said ... "not an easy issue"') compares two attributions
    twins = [(qa, qb) for qa in quotes_a for qb in quotes_b if _twins(qa, ea, qb, eb)]
    agreed_a, agreed_b = {id(qa) for qa, _ in twins}, {id(qb) for _, qb in twins}
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
    if best is None and not (quotes_a and quotes_b):
        return _reported_as_fact(ea, a_facts, quotes_a, eb, b_facts, quotes_b)
    return best[1] if best else None


#: Cue verbs of an accusation: what even a vague source ("prosecutors alleged") says is theirs to prove.
_ALLEGING = re.compile(r"^(?:alleg|accus|charg|claim)", re.IGNORECASE)


def _alleges(q: Quote) -> bool:
    """Whether a vague source accuses ("Prosecutors alleged that ..."): printed bare, the accusation
    becomes a fact."""
    return bool(q.vague and q.cue and _ALLEGING.match(q.cue))


def _reported_as_fact(
    ea: Extraction,
    a_facts: list[int],
    quotes_a: list[Quote],
    eb: Extraction,
    b_facts: list[int],
    quotes_b: list[Quote],
) -> Conflict | None:
    """A named person's (or anonymous sources': :func:`anonymous`) reported words on one side
    printed on the other as a bare statement, its
    sentences with no quote, no cue and no mention of the speaker where the words are printed
    (:func:`_claim_facts`) ("Osei said the city never
    studied a cheaper repair" / "The city never studied a cheaper repair"): a dropped attribution.
    A reported clause shorter than :data:`REPORTED_WORDS` counts when the bare sentence is
    distinctive (:func:`_distinctive`)."""
    for said, said_ex, bare_ex, bare_facts, a_side in (
        *((q, ea, eb, b_facts, True) for q in quotes_a),
        *((q, eb, ea, a_facts, False) for q in quotes_b),
    ):
        if said.kind != "indirect" or not (named(said) or anonymous(said) or _alleges(said)):
            continue
        if not own_attribution(said, said_ex):
            continue
        bare = " ".join(bare_ex.facts[f].text for f in bare_facts)
        words = text_words(bare)
        reported = text_words(said.text)
        size = len(reported)
        if size < MIN_QUOTE_WORDS or CUE_WORDS.intersection(set(words) - set(reported)):
            continue  # a cue of its own ("..., officials said"), not one of the reported words ("expected")
        if size < REPORTED_WORDS and not _distinctive(bare_ex, bare_facts):
            continue
        claim = _claim_facts(said, bare_ex, bare_facts)
        if _shared_share(said.text, " ".join(bare_ex.facts[f].text for f in claim)) < REPORTED_OVERLAP:
            continue
        if _mentions_speaker(said, bare_ex, claim):
            continue  # "In Osei's view, ..." (naming him in a sentence of its own is no attribution)
        span = (
            (said.speaker_start, said.speaker_end)
            if said.speaker_start is not None and said.speaker_end
            else None
        )
        detail: dict[str, Any] = {"words": said.text.strip(' .,"“”'), "reported": True}
        return Conflict(
            "speaker",
            "dropped_attribution",
            (said.speaker or "") if a_side else "",
            "" if a_side else (said.speaker or ""),
            span if a_side else None,
            None if a_side else span,
            detail=detail,
        )
    return None


def _distinctive(ex: Extraction, facts: list[int]) -> bool:
    """Whether the facts name something (an entity) or have a long content word
    (:data:`DISTINCTIVE_LETTERS`): words too particular to be written alike by chance."""
    return any(
        ex.facts[f].entity_keys
        or any(len(w) >= DISTINCTIVE_LETTERS and w.isalpha() for w in ex.facts[f].lemmas)
        for f in facts
    )


def _twins(qa: Quote, ea: Extraction, qb: Quote, eb: Extraction) -> bool:
    """The same words of the same kind, framed word for word alike, or both attributed in their own
    sentence (or both not) to the same speaker."""
    if qa.kind != qb.kind or text_words(qa.text) != text_words(qb.text):
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
    if "indirect" == qa.kind == qb.kind:
        detail["reported"] = True

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
        if detail.get("reported") and not all((q.speaker_key or "").startswith("person:") for q in (qa, qb)):
            return None  # reported by a person on one side, by a paper or agency on the other
        kind = "misattribution"
    elif named(qa) != named(qb) and (qa.vague or qb.vague):
        if (qa.speaker or "").casefold() == (qb.speaker or "").casefold():
            return None  # the same words for the speaker on both sides ("Diplomats said" / "diplomats said")
        if detail.get("reported") and not ((qa if named(qa) else qb).speaker_key or "").startswith("person:"):
            return None  # reported speech: only a person's words given to "officials" are a swap
        if _mentions_speaker(
            qa if named(qa) else qb, eb if named(qa) else ea, b_facts if named(qa) else a_facts
        ):
            return None
        if _speaks_for(qb if named(qa) else qa, qa if named(qa) else qb):
            return None  # "the port authority" for its chief executive: vaguer, not someone else
        kind = "misattribution"
        detail["vague"] = True
    else:
        return None  # a cue on both sides: one speaker the extractor could not name ("it was confirmed")
    return Conflict(
        "speaker", kind, qa.speaker or "", qb.speaker or "", spk_span(qa), spk_span(qb), detail=detail
    )
