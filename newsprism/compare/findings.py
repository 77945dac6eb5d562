"""Findings a reader should know, each with its passages and a one-line explanation.

Conflicts (from aligned pairs, see :mod:`newsprism.compare.relations`): one finding per
distorted version of a fact. When several articles carry a fact and one disagrees with the
others, the odd one is flagged (the article in most conflicts; between two, the derived or
the later one) and the reference is the earliest original that disagrees with it.

Within one article: ``unintroduced_speaker``, a quoted person known only by a bare
surname, never introduced by full name.

Between a rewrite and its source: ``added_claim``, an aligned sentence to which the rewrite adds,
in its own words (not inside a quotation), a comparison ("twice as large as any plant"), a
superlative or a judgement that the source's sentence does not make: an invented comparison;
``dropped_hedge``, an aligned sentence the rewrite states as certain where the source hedges it
("may have been linked" / "was caused by").

Across the story: ``unsupported``, a sentence with factual content that no article outside
its own family (copies and rewrites) reports, marked attributed or not and opinion-like
or factual. Questions and headings claim nothing; an article giving the same quoted words
twice to one speaker (reported, then quoted) gets one finding with both passages.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from rapidfuzz import fuzz

from newsprism.clean.pubdate import days_apart
from newsprism.compare.attribution import QUOTE_OVERLAP, Conflict, fact_quotes, same_speaker, same_words
from newsprism.compare.corroboration import article_labels, outlet_known, outlet_label
from newsprism.compare.provenance import whole
from newsprism.compare.relations import ROUNDING, relate
from newsprism.extract.dates import SPEECH_BEFORE
from newsprism.extract.entities import keys_match, name_words
from newsprism.extract.entity_rules import TITLE_ABBREVIATIONS, TITLES
from newsprism.extract.quantities import POINTS
from newsprism.extract.quote_cues import VAGUE_HEADS
from newsprism.extract.timex_rules import PARTS_OF_DAY
from newsprism.model import AlignedPair, Article, Derivation, Extraction, Fact, Finding, Passage, Quote

if TYPE_CHECKING:
    from spacy.tokens import Token

Severity = Literal["high", "medium", "low", "info"]
SEVERITY_RANK: dict[str, int] = {"high": 0, "medium": 1, "low": 2, "info": 3}
KIND_SEVERITY: dict[str, Severity] = {
    "misattribution": "high",
    "number_conflict": "high",
    "negation_conflict": "high",
    "date_conflict": "medium",
    "entity_conflict": "medium",
    "dropped_attribution": "medium",
    "added_claim": "medium",
    "dropped_hedge": "medium",
}
#: Between independent reports, a pair aligned below this score (by shared rare names, not by
#: its wording: "evacuees spent Tuesday night at the shelter" / "Delgado said at the shelter on
#: Wednesday") gives no number, date, entity or negation conflict; shared quoted words still
#: give a misattribution.
WEAK_PAIR = 0.15
#: Every kind of finding the comparison gives (the web's filter offers them).
FINDING_KINDS: tuple[str, ...] = (*KIND_SEVERITY, "updated_figure", "unintroduced_speaker", "unsupported")
#: Sentences shorter than this (words) or with fewer content lemmas carry no checkable claim.
MIN_WORDS = 6
MIN_LEMMAS = 4
#: A speaker named at most this many sentences away from the quote is shown in its passage.
SPEAKER_REACH = 2
#: A sentence this close (rapidfuzz ratio) to the article's title is its headline.
TITLE_RATIO = 90.0
#: Verbs (lemmas) that attribute what a sentence says to someone, outside quotation marks.
ATTRIBUTION_VERBS = frozenset(
    ["say", "tell", "argue", "believe", "suggest", "claim", "report", "state", "add", "insist", "warn"]
)
_QUOTE_MARKS = {'"': None, "“": True, "”": False, "``": True, "''": False}
_OPINION_PHRASES = re.compile(
    r"\b(?:best described as|widely seen as|arguably|undoubtedly|clearly|of course|no doubt|frankly|"
    r"obviously|nobody saw (?:it )?coming|shock (?:upset|defeat|victory|win))\b",
    re.IGNORECASE,
)
EVALUATIVE = frozenset(
    [
        "skillfully",
        "skilfully",
        "brilliantly",
        "masterfully",
        "shrewd",
        "shrewdly",
        "cunning",
        "cunningly",
        "triumph",
        "triumphant",
        "disastrous",
        "disastrously",
        "reckless",
        "recklessly",
        "heroic",
        "heroically",
        "masterful",
        "foolish",
        "foolishly",
        "clumsy",
        "clumsily",
        "indispensable",
        "brilliant",
        "genius",
        "incompetent",
        "shameful",
        "disgraceful",
        "outrageous",
        "stunning",
        "shocking",
        "humiliating",
        "crushing",
        "embarrassing",
        "spectacular",
        "pathetic",
    ]
)
_WORD = re.compile(r"\w+")
#: "twice as large as", "three times as big as"; "as large as any", "as high as ever".
_MULTIPLES = frozenset({"twice", "thrice", "half", "times"})
_ANY = frozenset({"any", "anything", "anyone", "ever", "all"})
#: "twice the size of", "three times the number of".
_SIZE_MULTIPLES = frozenset({"twice", "thrice", "double", "triple", "times"})
_SIZE_NOUNS = frozenset(
    {"size", "number", "amount", "length", "height", "capacity", "scale", "rate", "speed"}
)
#: Closing marks after a sentence's last punctuation, and the marks a statement or question ends in.
_CLOSERS = " \t\n\"'”’»)]"
_STATEMENT_END = (".", "!", "?", "…", ":")


@dataclass(slots=True)
class Context:
    """The story as findings see it: articles, extractions and families by article id."""

    articles: list[Article]
    extractions: list[Extraction]
    edges: list[Derivation]
    order: dict[str, int] = field(default_factory=dict)
    arts: dict[str, Article] = field(default_factory=dict)
    exs: dict[str, Extraction] = field(default_factory=dict)
    derived: set[str] = field(default_factory=set)
    rewritten: set[str] = field(default_factory=set)  # copies and whole rewrites (not partial ones)
    linked: set[frozenset[str]] = field(default_factory=set)  # {source, derived} of each edge
    labels: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.order = {a.id: i for i, a in enumerate(self.articles)}
        self.arts = {a.id: a for a in self.articles}
        self.exs = {e.article_id: e for e in self.extractions}
        self.derived = {e.derived for e in self.edges}
        # an outlet's own later version is its update, not a rewrite whose additions are suspect
        self.rewritten = {
            e.derived for e in self.edges if whole(e) and not self.own_version(e.source, e.derived)
        }
        self.linked = {frozenset((e.source, e.derived)) for e in self.edges}
        self.labels = article_labels(self.articles)

    def own_version(self, a: str, b: str) -> bool:
        """Whether articles ``a`` and ``b`` come from one known outlet (its report and its update)."""
        same = outlet_label(self.arts[a]).casefold() == outlet_label(self.arts[b]).casefold()
        return same and outlet_known(self.arts[a])

    def outlet(self, aid: str) -> str:
        """Reader-facing outlet name of an article, as the dossier labels it (unique in the story)."""
        return self.labels[aid]

    def passage(self, aid: str, facts: list[int]) -> Passage:
        """The body slice covering ``facts`` of article ``aid``."""
        ex = self.exs[aid]
        start, end = ex.facts[min(facts)].start, ex.facts[max(facts)].end
        body = self.arts[aid].body
        return Passage(aid, start, end, body[start:end], self.outlet(aid))

    def seniority(self, aid: str) -> tuple[bool, str, int]:
        """Sort key: originals before derived articles, earlier before later, then input order."""
        day = (self.arts[aid].published.value or "9999")[:10]
        return aid in self.derived, day, self.order[aid]

    def speaker_name(self, aid: str, quote: Quote) -> str:
        """The fullest name the article gives a quote's speaker."""
        if quote.speaker_key:
            for ent in self.exs[aid].entities:
                if ent.key == quote.speaker_key and ent.label == "PERSON":
                    return ent.name
        if quote.vague and quote.speaker:
            return as_common(quote.speaker)
        return quote.speaker or "an unnamed source"


# ---------------------------------------------------------------- conflicts


@dataclass(slots=True)
class _Instance:
    pair: AlignedPair
    conflict: Conflict

    def side(self, aid: str) -> tuple[list[int], str]:
        """(facts, 'a' or 'b') of article ``aid`` in this pair."""
        return (self.pair.a_facts, "a") if self.pair.a_article == aid else (self.pair.b_facts, "b")

    def other(self, aid: str) -> str:
        return self.pair.b_article if self.pair.a_article == aid else self.pair.a_article


def _odd_one(ctx: Context, instances: list[_Instance]) -> str:
    """The article whose version disagrees with the others."""
    counts: dict[str, int] = defaultdict(int)
    for inst in instances:
        counts[inst.pair.a_article] += 1
        counts[inst.pair.b_article] += 1
    kind = instances[0].conflict.kind
    if kind == "dropped_attribution":
        inst = instances[0]
        speaker_a = inst.conflict.a_value
        return inst.pair.b_article if speaker_a else inst.pair.a_article
    return max(counts, key=lambda aid: (counts[aid], ctx.seniority(aid)))


def conflict_findings(
    ctx: Context, pairs: list[AlignedPair], groups: dict[tuple[str, int], int]
) -> tuple[list[Finding], dict[tuple[str, int], set[str]]]:
    """One finding per distorted version of a fact, and the flagged article ids per fact."""
    by_group: dict[tuple[int, str], list[_Instance]] = defaultdict(list)
    for p in pairs:
        if p.relation != "conflict":
            continue
        rel = relate(ctx.exs[p.a_article], p.a_facts, ctx.exs[p.b_article], p.b_facts)
        gid = groups.get((p.a_article, p.a_facts[0]), -1)
        weak = p.score < WEAK_PAIR and frozenset((p.a_article, p.b_article)) not in ctx.linked
        for c in rel.conflicts:
            if weak and c.slot != "speaker":
                continue  # two reports sharing names, not one statement: their values may differ
            if c.kind == "date_conflict" and _two_statements(ctx, p, c):
                continue
            by_group[(gid, c.kind)].append(_Instance(p, c))
    findings: list[Finding] = []
    flagged: dict[tuple[str, int], set[str]] = defaultdict(set)
    for key in sorted(by_group, key=lambda k: (k[0], k[1])):
        remaining = by_group[key]
        while remaining:
            odd = _odd_one(ctx, remaining)
            mine = [i for i in remaining if odd in (i.pair.a_article, i.pair.b_article)]
            remaining = [i for i in remaining if i not in mine]
            if key[1] == "dropped_attribution" and _publisher_speaks(ctx, odd, mine):
                continue  # "the university said" of the university's own release: its own words
            day = _day(ctx, odd)
            earlier = [i for i in mine if _day(ctx, i.other(odd)) < day]
            updatable = key[1] in ("number_conflict", "date_conflict")
            cue = _update_cue(ctx, odd, earlier) if updatable and earlier else None
            if cue is None:
                findings.append(_flag(ctx, odd, mine, flagged))
                continue
            # a later report's new figure: shown, not flagged; an article of a later day that
            # still prints the old figure against it is the odd one of that pair
            findings.append(_update_finding(ctx, odd, earlier, cue))
            later: dict[str, list[_Instance]] = defaultdict(list)
            for inst in mine:
                if inst not in earlier:
                    later[inst.other(odd)].append(inst)
            findings += [_flag(ctx, stale, insts, flagged) for stale, insts in later.items()]
    return findings, dict(flagged)


def as_common(speaker: str) -> str:
    """A vague source as a sentence inside an explanation writes it: "Prosecutors" -> "prosecutors"
    (its capital came from the start of its sentence; "Russian media" keeps it)."""
    words = speaker.split()
    if words and _common_head(words[0]):
        return speaker[0].lower() + speaker[1:]
    return speaker


def _common_head(word: str) -> bool:
    """Whether a vague source's first word is a common noun ("Prosecutors", "Officials"), not a
    name or a nationality ("Russian" of "Russian media")."""
    low = word.lower()
    return low in VAGUE_HEADS or low.removesuffix("s") in VAGUE_HEADS


def _rewritten_by_another(ctx: Context, a: str, b: str) -> bool:
    """Whether one of ``a`` and ``b`` derives from the other and they are not one known outlet's
    versions (a wire's own update is no rewrite by another)."""
    return frozenset((a, b)) in ctx.linked and not ctx.own_version(a, b)


def _two_statements(ctx: Context, pair: AlignedPair, c: Conflict) -> bool:
    """Whether a date conflict is between the days of two statements ("the ministry said on
    Tuesday" / "the ministry said on Friday") in articles of different days, neither a rewrite of
    the other by another outlet: two briefings, not one event given two dates."""
    a, b = pair.a_article, pair.b_article
    day_a, day_b = _day(ctx, a), _day(ctx, b)
    if not day_a or not day_b or day_a == day_b or c.a_span is None or c.b_span is None:
        return False
    if _rewritten_by_another(ctx, a, b):
        return False  # a rewrite that moves its source's statement to another day
    return all(
        SPEECH_BEFORE.search(ctx.arts[aid].body[max(0, span[0] - 90) : span[0]])
        for aid, span in ((pair.a_article, c.a_span), (pair.b_article, c.b_span))
    )


def _publisher_speaks(ctx: Context, odd: str, instances: list[_Instance]) -> bool:
    """Whether the speaker the others give to ``odd``'s bare sentence is ``odd``'s own publisher
    ("the university said" of the University of Northmoor's press release)."""
    outlet = set(name_words(outlet_label(ctx.arts[odd])))
    for inst in instances:
        speaker = inst.conflict.a_value or inst.conflict.b_value
        words = set(name_words(speaker)) - {"the", "a", "an"}
        if not words or not words <= outlet:
            return False
    return bool(outlet)


def _day(ctx: Context, aid: str) -> str:
    return (ctx.arts[aid].published.value or "")[:10]


def _flag(
    ctx: Context, odd: str, instances: list[_Instance], flagged: dict[tuple[str, int], set[str]]
) -> Finding:
    """The conflict finding of ``odd`` against the others of ``instances``; marks the facts flagged."""
    for inst in instances:
        for f in inst.side(odd)[0]:
            flagged[(odd, f)].add(odd)
        other = inst.other(odd)
        for f in inst.side(other)[0]:
            flagged[(other, f)].add(odd)
    return _conflict_finding(ctx, odd, instances)


#: Words by which a report gives a figure as the latest one ("has now killed three people").
_UPDATE_CUE = re.compile(
    r"\b(?:now|so far|as of|latest|up from|down from|has (?:risen|climbed|grown|increased) to|"
    r"(?:rose|climbed|grew) to|revised|(?:initial|earlier|preliminary|first) (?:estimate|figure|count)|"
    r"(?:was|were|has been|had been) (?:corrected|updated|confirmed))\b",
    re.IGNORECASE,
)


def _update_cue(ctx: Context, odd: str, instances: list[_Instance]) -> str | None:
    """The words by which ``odd`` gives its figure as an update ("now", "has risen to"), when every
    other side of ``instances`` is of an earlier day and either an independent report (no
    derivation edge with ``odd``) or an earlier version by the same outlet (a wire's update). The
    cue is read in the aligned sentence, or in any sentence of ``odd`` that prints the new figure
    ("The toll has risen to 27" in the lead, "Vasko said 27 people were dead" further down)."""
    day = _day(ctx, odd)
    for inst in instances:
        other = inst.other(odd)
        if _rewritten_by_another(ctx, odd, other) or not day or not _day(ctx, other):
            return None  # (the caller passes earlier days only)
    ex = ctx.exs[odd]
    figure = (
        instances[0].conflict.a_value if instances[0].side(odd)[1] == "a" else instances[0].conflict.b_value
    )
    texts = [ex.facts[f].text for f in instances[0].side(odd)[0]]
    printed = re.compile(r"(?<![\w.,])" + re.escape(figure) + r"(?![\w]|[.,]\d)") if figure else None
    texts += [f.text for f in ex.facts if printed and printed.search(f.text) and f.text not in texts]
    for text in texts:
        if m := _UPDATE_CUE.search(text):
            return m.group()
    return None


def _update_finding(ctx: Context, odd: str, instances: list[_Instance], cue: str) -> Finding:
    """A low finding: a later independent report (or the outlet's own later version) updates a
    figure or a date (the conflict's passages)."""
    finding = _conflict_finding(ctx, odd, instances)
    ref = str(finding.detail["reference_id"])
    finding.kind, finding.severity = "updated_figure", "low"
    what = "an updated figure" if finding.detail["slot"] == "number" else "an update"
    finding.explanation = (
        f'{ctx.outlet(odd)}, a later report, gives "{finding.detail["value"]}" where {ctx.outlet(ref)} '
        f'gave "{finding.detail["reference_value"]}": {what} ("{cue}"), not a contradiction.'
    )
    return finding


def _value_of(inst: _Instance, aid: str) -> str:
    """The value article ``aid`` gives in the conflict of ``inst``."""
    return inst.conflict.a_value if inst.side(aid)[1] == "a" else inst.conflict.b_value


def _conflict_finding(ctx: Context, odd: str, instances: list[_Instance]) -> Finding:
    ref_inst = min(instances, key=lambda i: ctx.seniority(i.other(odd)))
    ref = ref_inst.other(odd)
    odd_facts, odd_side = ref_inst.side(odd)
    ref_facts, _ = ref_inst.side(ref)
    c = ref_inst.conflict
    odd_value, ref_value = (c.a_value, c.b_value) if odd_side == "a" else (c.b_value, c.a_value)
    detail = {
        "slot": c.slot,
        "article_id": odd,
        "reference_id": ref,
        "agreeing_with_reference": sorted(
            {i.other(odd) for i in instances if _value_of(i, i.other(odd)).casefold() == ref_value.casefold()}
            - {ref},
            key=ctx.order.__getitem__,
        ),
        "value": odd_value,
        "reference_value": ref_value,
        **_oriented(c.detail, odd_side),
    }
    if c.slot == "speaker":
        detail["speaker_keys"] = [k for k in (detail.get("a_speaker_key"), detail.get("b_speaker_key")) if k]
        odd_facts = _with_speaker(ctx, odd, odd_facts, detail.get("a_quote"))
        ref_facts = _with_speaker(ctx, ref, ref_facts, detail.get("b_quote"))
    explanation = _explain(ctx, c, odd, ref, odd_facts, ref_facts, odd_side, odd_value, ref_value)
    severity: Severity = "medium" if c.detail.get("conversion") else KIND_SEVERITY.get(c.kind, "medium")
    if c.kind == "dropped_attribution" and _UNPROVEN.search(ctx.passage(ref, ref_facts).text):
        severity = "high"  # an allegation its source marks as unproven, printed as fact
        explanation += " The source gives it as an unproven allegation."
    return Finding(
        kind=c.kind,
        severity=severity,
        explanation=explanation,
        passages=[ctx.passage(odd, odd_facts), ctx.passage(ref, ref_facts)],
        detail=detail,
    )


#: Words by which a source marks a claim as unproven ("alleged", "offered no evidence").
_UNPROVEN = re.compile(
    r"\b(?:alleg(?:e|es|ed|ing|ation|ations)|unproven|unsubstantiated|unverified|unconfirmed|"
    r"without (?:providing |offering |giving )?(?:any )?(?:evidence|proof)|"
    r"(?:offered|gave|provided|presented|produced|cited|showed) no (?:evidence|proof))\b",
    re.IGNORECASE,
)


def _oriented(detail: dict[str, Any], odd_side: str) -> dict[str, Any]:
    """A conflict's detail with ``a_*`` for the finding's article and ``b_*`` for its reference."""
    if odd_side == "a":
        return dict(detail)
    swap = {"a_": "b_", "b_": "a_"}
    return {swap.get(k[:2], "") + k[2:] if k[:2] in swap else k: v for k, v in detail.items()}


def _with_speaker(ctx: Context, aid: str, facts: list[int], span: list[int] | None) -> list[int]:
    """``facts`` widened to the sentence naming the speaker of the quote at ``span`` when that is a
    neighbouring sentence ('"Every handshake ...," he went on.' after '... Ortiz said.'), so the
    passage shows who is quoted."""
    q = _quote_at(ctx, aid, facts, span)
    named = _fact_of(ctx.exs[aid], q.speaker_start) if q and q.speaker_start is not None else None
    if named is None or named.index in facts:
        return facts
    lo, hi = min(named.index, *facts), max(named.index, *facts)
    return list(range(lo, hi + 1)) if hi - lo <= SPEAKER_REACH else facts


def _quote_at(ctx: Context, aid: str, facts: list[int], span: list[int] | None) -> Quote | None:
    if not span:
        return None
    for qi in sorted({q for f in facts for q in ctx.exs[aid].facts[f].quote_indices}):
        q = ctx.exs[aid].quotes[qi]
        if [q.start, q.end] == list(span):
            return q
    return None


#: TimeML's parts of the day as a reader says them ("AF" -> "afternoon"): the first word of each code.
_DAY_PARTS = {code: word for word, code in reversed(PARTS_OF_DAY.items())}


def _shown_date(value: str | None) -> str | None:
    """A date value as a reader reads it: "2025-09-14TAF" -> "2025-09-14 afternoon"."""
    if value and len(value) == 13 and value[10] == "T" and value[11:] in _DAY_PARTS:
        return f"{value[:10]} {_DAY_PARTS[value[11:]]}"
    return value


def _explain(
    ctx: Context,
    c: Conflict,
    odd: str,
    ref: str,
    odd_facts: list[int],
    ref_facts: list[int],
    odd_side: str,
    odd_value: str,
    ref_value: str,
) -> str:
    o, r = ctx.outlet(odd), ctx.outlet(ref)
    if c.slot == "speaker":
        words = c.detail.get("words", "")
        ref_side = "b" if odd_side == "a" else "a"
        q_ref = _quote_at(ctx, ref, ref_facts, c.detail.get(f"{ref_side}_quote"))
        q_odd = _quote_at(ctx, odd, odd_facts, c.detail.get(f"{odd_side}_quote"))
        ref_name = ctx.speaker_name(ref, q_ref) if q_ref and q_ref.speaker else as_common(ref_value)
        odd_name = ctx.speaker_name(odd, q_odd) if q_odd and q_odd.speaker else as_common(odd_value)
        says = "reports" if c.detail.get("reported") else "quotes"
        if c.kind == "dropped_attribution":
            if not odd_value:
                return f'{o} prints "{words}" without saying who said it; {r} {says} {ref_name} saying it.'
            return f'{r} prints "{words}" without saying who said it; {o} attributes it to {odd_name}.'
        return f'{o} gives "{words}" to {odd_name}; {r} {says} {ref_name} saying it.'
    if c.slot == "number":
        converted = " (in a currency conversion, the writer's own sum)" if c.detail.get("conversion") else ""
        if c.detail.get("b_unit") in ("%", POINTS):
            converted = " (a change in percent is no change in percentage points)"
        elif c.detail.get("b_unit"):
            converted = " (the same figure in another unit)"
        if c.detail.get("a_status"):
            odd_status = c.detail["a_status" if odd_side == "a" else "b_status"]
            ref_status = c.detail["b_status" if odd_side == "a" else "a_status"]
            return f'{o} gives "{odd_value}" as {odd_status} where {r} gives it as {ref_status}.'

        also = c.detail.get("also")
        if also:
            ref_side = "b" if odd_side == "a" else "a"
            converted += f', and "{also[odd_side]}" where it reports "{also[ref_side]}"'
        return f'{o} reports "{odd_value}" where {r} reports "{ref_value}"{converted}.'
    if c.slot == "date":
        odd_date = _shown_date(c.detail.get("a_date" if odd_side == "a" else "b_date"))
        ref_date = _shown_date(c.detail.get("b_date" if odd_side == "a" else "a_date"))
        return f'{o} dates it "{odd_value}" ({odd_date}); {r} says "{ref_value}" ({ref_date}).'
    if c.slot == "entity":
        return f"{o} names {odd_value} where {r} names {ref_value}."
    opposite = c.detail.get("opposite")
    if opposite:
        ref_side = "b" if odd_side == "a" else "a"
        return f'{o} says "{opposite[odd_side]}" where {r} says "{opposite[ref_side]}".'
    clause = odd_value or ref_value
    if odd_value:
        return f'{o} negates what {r} states ("{clause}").'
    return f'{o} states what {r} negates ("{clause}").'


# ---------------------------------------------------------------- unintroduced speakers


def unintroduced_findings(ctx: Context) -> list[Finding]:
    """Quoted speakers known in an article only by a bare surname, never by full name.

    A bare name that is the first word of an organisation named in full in any article of the
    story ("Calder said" after "developed by Calder Biosciences") is that organisation, introduced.
    """
    out: list[Finding] = []
    org_heads = _org_heads(ctx)
    for ex in ctx.extractions:
        aid = ex.article_id
        full_keys = [
            e.key for e in ex.entities if e.key.startswith("person:") and not e.key.startswith("person:?")
        ]
        seen: set[str] = set()
        for q in ex.quotes:
            key = q.speaker_key
            if not key or not key.startswith("person:?") or q.vague or key in seen:
                continue
            if key.removeprefix("person:?") in org_heads:
                continue
            if any(keys_match(key, k) for k in full_keys) or _named_in_full(
                ctx.arts[aid].body, q.speaker or ""
            ):
                continue
            seen.add(key)
            out.append(_unintroduced(ctx, aid, q, key))
    return out


def _named_in_full(body: str, name: str) -> bool:
    """Whether the body writes a given name before the bare ``name`` somewhere ("Ana Petrik, 54,
    was asleep": a name the model did not tag), not a title ("Mr Petrik") or a sentence's first word."""
    if not name or " " in name.strip():
        return False
    for m in re.finditer(r"\b([A-Z][a-z]+) " + re.escape(name.strip()) + r"\b", body):
        first = m.group(1).lower()
        if first not in TITLES and first not in TITLE_ABBREVIATIONS and first not in _NOT_GIVEN_NAMES:
            return True
    return False


#: Capitalised words before a surname that are no given name ("The Petrik house", "Later Petrik said").
_NOT_GIVEN_NAMES = frozenset(
    str.split(
        """the a an dear when but and as if then so later yesterday today tonight earlier meanwhile now
        asked speaking still also here there instead afterwards finally first last next while after
        before since although though however indeed again once only even outside inside"""
    )
)


def _org_heads(ctx: Context) -> set[str]:
    """First words of the organisations named in full (two words or more) in the story's articles:
    one article's ORG outweighs the model's PERSON for the same name in another article."""
    orgs = {e.key.split(":", 1)[1] for ex in ctx.extractions for e in ex.entities if e.key.startswith("org:")}
    return {name.split("_")[0] for name in orgs if "_" in name}


def _fact_of(ex: Extraction, offset: int) -> Fact | None:
    for f in ex.facts:
        if f.start <= offset < f.end:
            return f
    return None


def _unintroduced(ctx: Context, aid: str, q: Quote, key: str) -> Finding:
    ex = ctx.exs[aid]
    at = q.speaker_start if q.speaker_start is not None else q.start
    fact = _fact_of(ex, at) or ex.facts[q.sentence or 0]
    passages = [ctx.passage(aid, [fact.index])]
    name = q.speaker or key.split("?", 1)[-1].title()
    role = f" ({q.descriptor})" if q.descriptor else ""
    intro = None
    for other in sorted(ctx.extractions, key=lambda e: ctx.seniority(e.article_id)):
        if other.article_id == aid:
            continue
        for ent in other.entities:
            if ent.label == "PERSON" and not ent.key.startswith("person:?") and keys_match(key, ent.key):
                intro = (other, ent)
                break
        if intro:
            break
    detail = {"speaker": name, "speaker_keys": [key], "descriptor": q.descriptor}
    if intro is None:
        explanation = (
            f'{ctx.outlet(aid)} quotes "{name}"{role} without ever giving a full name; '
            "no other article introduces this speaker either."
        )
        severity: Severity = "medium"
    else:
        other, ent = intro
        mention = next((m for m in other.mentions if m.entity_key == ent.key), None)
        ofact = _fact_of(other, mention.start) if mention else None
        if ofact is not None:
            passages.append(ctx.passage(other.article_id, [ofact.index]))
        desc = f", {ent.descriptor}" if ent.descriptor else ""
        explanation = (
            f'{ctx.outlet(aid)} quotes "{name}"{role} without ever giving a full name; '
            f"{ctx.outlet(other.article_id)} introduces {ent.name}{desc}."
        )
        severity = "low"
        detail["full_name"] = ent.name
        detail["speaker_keys"] = [key, ent.key]
    return Finding("unintroduced_speaker", severity, explanation, passages, detail)


# ---------------------------------------------------------------- unsupported


def _attribution(ex: Extraction, fact: Fact, cue: bool) -> str | None:
    """Who a sentence attributes its content to: its quotes' speaker ("Experts (vague)" for a
    vague one), "" for an attribution verb with no speaker found, None when unattributed."""
    for qi in fact.quote_indices:
        q = ex.quotes[qi]
        if q.speaker:
            return f"{q.speaker} (a vague source)" if q.vague else q.speaker
    return "" if cue else None


def read_sentence(text: str) -> tuple[bool, list[str], bool]:
    """Whether a sentence has a verb (a claim, not a heading or a dateline), its opinion cues,
    and whether it attributes what it says (an attribution verb or "according to" outside quotes).

    Opinion cues: comparisons ("a shrewder negotiator than", "more assertive ... than", "more
    than any wildfire", "the most homes since", "unlike any"), superlatives, evaluative words and
    phrases ("best described as", "skillfully").
    """
    return read_sentences([text])[0]


def read_sentences(texts: list[str]) -> list[tuple[bool, list[str], bool]]:
    """:func:`read_sentence` of many sentences, parsed in one ``nlp.pipe`` pass."""
    from newsprism.extract.nlp import load_nlp

    out = []
    for text, doc in zip(texts, load_nlp().pipe(texts), strict=True):
        tokens = list(doc)
        has_verb = any(t.pos_ in {"VERB", "AUX"} for t in tokens)
        out.append((has_verb, opinion_cues(tokens, text), attribution_cue(tokens)))
    return out


def attribution_cue(tokens: list[Token]) -> bool:
    """Whether parsed ``tokens`` hold an attribution verb (:data:`ATTRIBUTION_VERBS`, as a verb,
    not "member states") or "according to" outside quotation marks (not a quoted hashtag)."""
    inside = False
    for i, tok in enumerate(tokens):
        if tok.text in _QUOTE_MARKS:
            mark = _QUOTE_MARKS[tok.text]
            inside = (not inside) if mark is None else mark
            continue
        if inside:
            continue
        if tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in ATTRIBUTION_VERBS:
            return True
        if tok.lower_ == "according" and i + 1 < len(tokens) and tokens[i + 1].lower_ == "to":
            return True
    return False


def opinion_cues(tokens: list[Token], text: str) -> list[str]:
    """Opinion markers among parsed ``tokens`` of ``text`` (see :func:`read_sentence`)."""
    cues: list[str] = []
    for i, tok in enumerate(tokens):
        if tok.tag_ in {"JJR", "RBR"} and tok.lower_ not in {"more", "less", "fewer"} | {"earlier", "later"}:
            than = next(
                (j for j in range(i + 1, min(i + 8, len(tokens))) if tokens[j].lower_ == "than"), None
            )
            if than is not None and not _measure(tokens[than + 1 : than + MEASURE_REACH + 1]):
                cues.append(f"{tok.text} ... than")
        elif tok.lower_ in {"more", "less"} and i + 1 < len(tokens) and tokens[i + 1].tag_ in {"JJ", "RB"}:
            if any(t.lower_ == "than" for t in tokens[i + 2 : i + 8]):
                cues.append(f"{tok.text} {tokens[i + 1].text} ... than")
        elif tok.lower_ in {"more", "less", "fewer"} and (cue := _than_any(tokens, i)):
            cues.append(cue)
        elif tok.lower_ in {"most", "least"} and i + 1 < len(tokens) and tokens[i + 1].tag_ in {"JJ", "RB"}:
            cues.append(f"{tok.text} {tokens[i + 1].text}")
        elif (
            tok.lower_ in {"most", "fewest", "least"}
            and i
            and tokens[i - 1].lower_ == "the"
            and any(t.lower_ == "since" for t in tokens[i + 1 : i + 6])
        ):
            cues.append(f"the {tok.text} ... since")  # "the most homes since 2012"
        elif tok.lower_ == "unlike" and i + 1 < len(tokens) and tokens[i + 1].lower_ in _ANY:
            cues.append(f"{tok.text} {tokens[i + 1].text}")  # "unlike any fire before it"
        elif (
            tok.tag_ in {"JJS", "RBS"}
            and tok.is_alpha  # the tagger gives "€" JJS now and then
            and tok.lower_ not in {"most", "least", "latest", "earliest"}
        ) or tok.lower_ in EVALUATIVE:
            cues.append(tok.text)
        elif tok.lower_ == "as" and i + 2 < len(tokens) and tokens[i + 1].tag_ in {"JJ", "RB"}:
            before, after = (
                tokens[i - 1].lower_ if i else "",
                tokens[i + 3].lower_ if i + 3 < len(tokens) else "",
            )
            if tokens[i + 2].lower_ == "as" and (before in _MULTIPLES or after in _ANY):
                lead = f"{tokens[i - 1].text} " if before in _MULTIPLES else ""
                cues.append(f"{lead}as {tokens[i + 1].text} as")
        elif _size_multiple(tokens, i):
            cues.append(f"{tok.text} the {tokens[i + 2].text} of")  # "twice the size of"
    cues.extend(m.group() for m in _OPINION_PHRASES.finditer(text))
    return cues


def _than_any(tokens: list[Token], i: int) -> str | None:
    """The cue of "more than any wildfire", "more homes than any other fire", "fewer ... than ever"
    at ``tokens[i]`` ("more", "less", "fewer"), or None ("more than 400 homes": a measure)."""
    for j in range(i + 1, min(i + 6, len(tokens) - 1)):
        if tokens[j].is_punct:
            return None
        if tokens[j].lower_ == "than":
            if tokens[j + 1].lower_ not in _ANY:
                return None
            gap = " ... " if j > i + 1 else " "
            return f"{tokens[i].text}{gap}than {tokens[j + 1].text}"
    return None


def _size_multiple(tokens: list[Token], i: int) -> bool:
    """Whether ``tokens[i]`` starts "twice the size of", "three times the number of"."""
    word = tokens[i]
    return (
        word.lower_ in _SIZE_MULTIPLES
        and word.pos_ != "VERB"  # "plans to double the number of nurses": a plan, no comparison
        and (word.lower_ != "times" or (i > 0 and tokens[i - 1].like_num))  # not "at times the speed of"
        and i + 3 < len(tokens)
        and tokens[i + 1].lower_ == "the"
        and tokens[i + 2].lower_ in _SIZE_NOUNS
        and tokens[i + 3].lower_ == "of"
    )


#: Words after "than" searched for a figure ("higher than the roughly $85,000 figure").
MEASURE_REACH = 4


def _measure(tokens: list[Token]) -> bool:
    """Whether the words after "than" hold a figure ("longer than 800 metres", "higher than the
    roughly $85,000"): a measurement, not an opinion."""
    return any(t.like_num or t.text in {"$", "£", "€"} for t in tokens)


def cue_kind(cue: str) -> str:
    """The kind of an opinion cue of :func:`opinion_cues`: "comparison" ("larger ... than",
    "twice as large as", "twice the size of", "more than any", "the most ... since", "unlike
    any"), "judgement" (an evaluative word or phrase) or
    "superlative"."""
    low = cue.lower()
    if low.endswith((" than", " as", " of", " since")) or " than " in low or low.startswith("unlike "):
        return "comparison"
    if low in EVALUATIVE or _OPINION_PHRASES.fullmatch(low):
        return "judgement"
    return "superlative"


#: A quotation: in double quotes, guillemets, or single quotes (not an apostrophe inside a word).
_QUOTED_SPAN = re.compile(r"[\"“«][^\"“”«»]*[\"”»]|(?<!\w)['‘][^'‘’\n]{2,300}['’](?!\w)")


Rewritten = list[tuple[str, list[int], str, list[int]]]


def _rewritten_pairs(ctx: Context, pairs: list[AlignedPair]) -> Rewritten:
    """(source, its facts, derived, its facts) of every aligned pair between a rewrite (or copy)
    and its source, whatever the pair's relation (a word changed in a near-identical sentence
    counts most)."""
    edges = {(e.source, e.derived) for e in ctx.edges}
    found: list[tuple[str, list[int], str, list[int]]] = []
    for p in pairs:
        for src, s_facts, der, d_facts in (
            (p.a_article, p.a_facts, p.b_article, p.b_facts),
            (p.b_article, p.b_facts, p.a_article, p.a_facts),
        ):
            if (src, der) in edges:
                found.append((src, s_facts, der, d_facts))
    return found


#: Words that hedge a claim: a possibility, a plan, an expectation or an upper bound, not a fact
#: ("may" in lower case: "May 3" is a date).
_HEDGE = re.compile(
    r"\b(?:(?-i:may)|might|could|possibly|probably|likely|perhaps|potentially|reportedly|allegedly|alleged|"
    r"suspected|apparently|preliminary|(?:appears?|appeared|seems?|seemed|believed|thought|expects?|"
    r"expected|anticipated|projected|forecast|predicted|estimated|plans?|planned|aims?|aimed|hopes?|hoped|"
    r"intends?|intended|proposes?|proposed) to|(?:is|are|be) (?:expected|scheduled|anticipated|projected|forecast|predicted)|"
    r"up to|as many as|as much as)\b",
    re.IGNORECASE,
)
#: ... and words that keep a figure an estimate: a rewrite that has one still hedges.
_ESTIMATE = re.compile(
    r"\b(?:" + "|".join((*ROUNDING, "estimated", "an estimate", "more or less")) + r")\b", re.IGNORECASE
)
#: Words shown after a hedge in a finding's explanation.
HEDGE_CONTEXT_WORDS = 4


def rewrite_findings(ctx: Context, pairs: list[AlignedPair]) -> list[Finding]:
    """What a rewrite changes in the sentences it takes from its source: an added comparison or
    judgement, a hedge dropped, a speaker given another organisation."""
    rewritten = _rewritten_pairs(ctx, pairs)
    return [
        *_added_claims(ctx, rewritten),
        *_dropped_hedges(ctx, rewritten),
        *_dropped_hedges(ctx, _later_pairs(ctx, pairs), rewrites=False),
        *_swapped_affiliations(ctx, rewritten),
    ]


def _later_pairs(ctx: Context, pairs: list[AlignedPair]) -> Rewritten:
    """(earlier, its facts, later, its facts) of every aligned pair between two articles of
    different days that no derivation edge links, as :func:`_rewritten_pairs` gives them."""
    out: Rewritten = []
    for p in pairs:
        if (
            p.relation not in ("paraphrase", "conflict")
            or frozenset((p.a_article, p.b_article)) in ctx.linked
        ):
            continue
        day_a, day_b = _day(ctx, p.a_article), _day(ctx, p.b_article)
        if day_a and day_b and day_a < day_b:
            out.append((p.a_article, p.a_facts, p.b_article, p.b_facts))
        elif day_a and day_b and day_b < day_a:
            out.append((p.b_article, p.b_facts, p.a_article, p.a_facts))
    return out


def _dropped_hedges(ctx: Context, rewritten: Rewritten, rewrites: bool = True) -> list[Finding]:
    """Aligned sentences a rewrite states as certain where its source hedges them ("may have been
    linked" / "was caused by", "expects to cut up to 1,200 jobs" / "will cut 1,200 jobs"): the
    source's sentence has a hedge outside quotation marks, the rewrite's sentence none. With
    ``rewrites`` False the pairs are (earlier, later) independent reports: a low finding."""
    out: list[Finding] = []
    flagged: set[tuple[str, tuple[int, ...]]] = set()
    for src, s_facts, der, d_facts in rewritten:
        source, rewrite = ctx.passage(src, s_facts), ctx.passage(der, d_facts)
        said = _QUOTED_SPAN.sub(" ", source.text)
        hedges = list(_HEDGE.finditer(said))
        told = _QUOTED_SPAN.sub(" ", rewrite.text)
        if not hedges or _HEDGE.search(told) or _ESTIMATE.search(told) or (der, tuple(d_facts)) in flagged:
            continue
        flagged.add((der, tuple(d_facts)))
        hedge = hedges[0]
        after = said[hedges[-1].end() :].split()[:HEDGE_CONTEXT_WORDS]
        shown = " ".join([said[hedge.start() : hedges[-1].end()], *after]).rstrip(".,;:")
        relation = "which it rewrites" if rewrites else "an earlier report"
        explanation = (
            f'{ctx.outlet(der)} states as certain what {ctx.outlet(src)}, {relation}, hedges ("{shown} ...").'
        )
        out.append(
            Finding(
                "dropped_hedge",
                KIND_SEVERITY["dropped_hedge"] if rewrites else "low",
                explanation,
                [rewrite, source],
                {"hedge": hedge.group(), "source": src},
            )
        )
    return out


def _descriptor_orgs(ex: Extraction, quote: Quote) -> dict[str, str]:
    """Entity key -> name of the organisations named in a quote's speaker descriptor ("of the
    Progressive Alliance", "Civic Union minister")."""
    descriptor = quote.descriptor or ""
    return {m.entity_key: m.text for m in ex.mentions if m.label == "ORG" and m.text in descriptor}


def _swapped_affiliations(ctx: Context, rewritten: Rewritten) -> list[Finding]:
    """Aligned sentences where a rewrite gives a speaker its source also names another
    organisation in the descriptor ("Housing Minister Aoife Brannock of the Progressive Alliance"
    / "Civic Union minister Aoife Brannock"), neither passage naming the other's organisation."""
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for src, s_facts, der, d_facts in rewritten:
        source, rewrite = ctx.passage(src, s_facts), ctx.passage(der, d_facts)
        for _, qs in fact_quotes(ctx.exs[src], s_facts):
            theirs = _descriptor_orgs(ctx.exs[src], qs) if qs.speaker_key else {}
            for _, qd in fact_quotes(ctx.exs[der], d_facts) if theirs else ():
                if qs.speaker_key != qd.speaker_key or (der, qs.speaker_key) in seen:
                    continue
                ours = _descriptor_orgs(ctx.exs[der], qd)
                if not ours or theirs.keys() & ours.keys():
                    continue
                if any(n in rewrite.text for n in theirs.values()) or any(
                    n in source.text for n in ours.values()
                ):
                    continue
                seen.add((der, qs.speaker_key))
                explanation = (
                    f"{ctx.outlet(der)} ties {qd.speaker} to {' and '.join(ours.values())}; "
                    f"{ctx.outlet(src)}, which it rewrites, to {' and '.join(theirs.values())}."
                )
                detail = {
                    "speaker": qd.speaker,
                    "a_value": ", ".join(ours.values()),
                    "b_value": ", ".join(theirs.values()),
                }
                out.append(
                    Finding(
                        "entity_conflict",
                        KIND_SEVERITY["entity_conflict"],
                        explanation,
                        [rewrite, source],
                        detail,
                    )
                )
    return out


def _added_claims(ctx: Context, rewritten: Rewritten) -> list[Finding]:
    """Aligned sentences to which a rewrite adds, outside any quotation, a kind of opinion cue
    (comparison, superlative, judgement) that its source's sentence does not have. A sentence
    that also changes a figure or a name gets both findings: the added comparison is a second,
    separate distortion ("12 years, the harshest sentence in the state's history")."""
    texts = [
        ctx.passage(aid, facts).text
        for src, sf, der, df in rewritten
        for aid, facts in ((src, sf), (der, df))
    ]
    distinct = list(dict.fromkeys(texts))  # a source passage is often in several pairs: parsed once
    reading = dict(zip(distinct, read_sentences(distinct) if distinct else [], strict=True))
    out: list[Finding] = []
    flagged: set[tuple[str, tuple[int, ...]]] = set()
    for k, (src, s_facts, der, d_facts) in enumerate(rewritten):
        own = {w.casefold() for w in _WORD.findall(_QUOTED_SPAN.sub(" ", texts[2 * k + 1]))}  # outside quotes
        kinds = {cue_kind(c) for c in reading[texts[2 * k]][1]}
        added = [
            c
            for c in reading[texts[2 * k + 1]][1]
            if cue_kind(c) not in kinds and _WORD.findall(c)[0].casefold() in own
        ]
        if not added or (der, tuple(d_facts)) in flagged:
            continue
        flagged.add((der, tuple(d_facts)))
        what = {"comparison": "a comparison", "superlative": "a superlative", "judgement": "a judgement"}
        explanation = (
            f'{ctx.outlet(der)} adds {what[cue_kind(added[0])]} ("{added[0]}") that {ctx.outlet(src)}, '
            "which it rewrites, does not make."
        )
        passages = [ctx.passage(der, d_facts), ctx.passage(src, s_facts)]
        out.append(
            Finding(
                "added_claim",
                KIND_SEVERITY["added_claim"],
                explanation,
                passages,
                {"cues": added, "source": src},
            )
        )
    return out


def _repeated(ctx: Context, aid: str, copies: list[str]) -> str:
    """ " (repeated by X, which copies or rewrites it)", or "(also in Y, which it copies or
    rewrites)" for the articles ``aid`` derives from; "" without copies."""
    sources = {e.source for e in ctx.edges if e.derived == aid}
    later = [ctx.outlet(c) for c in copies if c not in sources]
    earlier = [ctx.outlet(c) for c in copies if c in sources]
    parts = []
    if later:
        verb = "copies or rewrites" if len(later) == 1 else "copy or rewrite"
        parts.append(f"repeated by {', '.join(later)}, which {verb} it")
    if earlier:
        parts.append(f"also in {', '.join(earlier)}, which it copies or rewrites")
    return f" ({'; '.join(parts)})" if parts else ""


def _has_content(article: Article, fact: Fact) -> bool:
    """Whether a sentence can carry a checkable claim: long enough, a statement, not the headline.

    A question ("Will the port reopen?") asks rather than claims; a paragraph of its own with no
    sentence-final mark is a heading, a caption or a list item ("## What to expect").
    """
    words = _WORD.findall(fact.text)
    if len(words) < MIN_WORDS or len(fact.lemmas) < MIN_LEMMAS:
        return False
    end = fact.text.rstrip(_CLOSERS)
    if end.endswith("?"):
        return False
    if not end.endswith(_STATEMENT_END) and _own_paragraph(article.body, fact.start, fact.end):
        return False
    title = (article.title or "").strip()
    return not (title and fuzz.ratio(title.lower(), fact.text.lower()) >= TITLE_RATIO)


def _own_paragraph(body: str, start: int, end: int) -> bool:
    """Whether ``body[start:end]`` is a line of its own (only spaces between it and the line breaks)."""
    while start > 0 and body[start - 1] in " \t":
        start -= 1
    while end < len(body) and body[end] in " \t":
        end += 1
    return (start == 0 or body[start - 1] == "\n") and (end == len(body) or body[end] == "\n")


def unsupported_findings(
    ctx: Context,
    groups: dict[tuple[str, int], int],
    family: dict[str, int],
    covered: set[tuple[str, int]],
) -> list[Finding]:
    """Sentences with content that no article outside their own family reports."""
    members: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for node, gid in groups.items():
        members[gid].append(node)
    reported: set[int] = set()  # groups already reported through one family member
    figures = {ex.article_id: _figures(ex, ctx.arts[ex.article_id].published.value) for ex in ctx.extractions}
    figured: dict[tuple[Any, ...], set[int]] = defaultdict(set)  # figure -> families printing it
    for aid, by_sentence in figures.items():
        for found in by_sentence.values():
            for figure in found:
                figured[figure].add(family[aid])
    candidates: list[tuple[str, Fact, list[str]]] = []
    by_figure: set[tuple[str, int]] = set()  # supported by a figure, unless they judge or compare
    for ex in sorted(ctx.extractions, key=lambda e: ctx.seniority(e.article_id)):
        aid = ex.article_id
        for fact in ex.facts:
            node = (aid, fact.index)
            if node in covered or not _has_content(ctx.arts[aid], fact):
                continue
            if any(figured[f] - {family[aid]} for f in figures[aid].get(fact.index, ())):
                by_figure.add(node)  # another source prints the same figure ("about 45,000 homes")
            gid = groups.get(node)
            copies: list[str] = []
            if gid is not None:
                fams = {family[a] for a, _ in members[gid]}
                if len(fams) > 1 or gid in reported or any(m in covered for m in members[gid]):
                    continue
                reported.add(gid)
                copies = sorted({a for a, _ in members[gid]} - {aid}, key=ctx.order.__getitem__)
            candidates.append((aid, fact, copies))
    restated = _restatements(ctx, candidates)
    candidates = [c for c in candidates if (c[0], c[1].index) in restated]
    out = []
    readings = read_sentences([fact.text for _, fact, _ in candidates]) if candidates else []
    for (aid, fact, copies), (has_verb, cues, cue) in zip(candidates, readings, strict=True):
        ex = ctx.exs[aid]
        if not has_verb or ((aid, fact.index) in by_figure and not cues):
            continue
        speaker = _attribution(ex, fact, cue)
        attributed, opinion = speaker is not None, bool(cues)
        # a rewrite's own unattributed claim (a judgement, or a fact its source does not give) is
        # what content farms invent: medium; elsewhere a lone report is low
        severity: Severity = (
            "medium"
            if not attributed and (aid in ctx.rewritten or (opinion and aid in ctx.derived))
            else "low"
        )
        what = "attributed" + (f" to {speaker}" if speaker else "") if attributed else "unattributed"
        nature = f'opinion-like: "{cues[0]}"' if opinion else "factual"
        also = _repeated(ctx, aid, copies)
        again = restated[(aid, fact.index)]
        repeat = " It gives the same quoted words again in another sentence." if again else ""
        if (aid, fact.index) in by_figure:
            repeat += " Another source prints its figure, not this claim."
        explanation = (
            f"Only {ctx.outlet(aid)}{also} says this ({what}, {nature}); no other source supports it.{repeat}"
        )
        detail = {"attributed": attributed, "speaker": speaker or None, "opinion": opinion, "cues": cues}
        detail["also_in"] = copies
        detail["restated_in"] = again
        passages = [ctx.passage(aid, [i]) for i in (fact.index, *again)]
        out.append(Finding("unsupported", severity, explanation, passages, detail))
    return out


#: A figure that supports a sentence elsewhere: a count of a named thing above this (small counts
#: such as "two people" or "four votes" are too common to tie two sentences together).
MIN_FIGURE = 12
#: ... or a day or month this many days or more from the article's own date ("June 2027"; the
#: days around publication are in every article of a story).
MIN_DATE_DISTANCE = 31


def _figures(ex: Extraction, published: str | None) -> dict[int, set[tuple[Any, ...]]]:
    """The distinctive figures of each sentence: (value, unit, counted noun) of counts and the
    TimeML value of days and months far from ``published``."""
    out: dict[int, set[tuple[Any, ...]]] = defaultdict(set)
    for q in ex.quantities:
        if q.sentence is not None and q.counts and (q.value > MIN_FIGURE or q.value != int(q.value)):
            out[q.sentence].add((round(q.value, 6), q.unit or "", q.counts.casefold()))
    for t in ex.timexes:
        if (
            t.sentence is not None
            and t.type == "DATE"
            and t.granularity in ("day", "month")
            and (days_apart(t.value, published or "") or 0) >= MIN_DATE_DISTANCE
        ):
            out[t.sentence].add(("date", t.value))
    return out


def _restatements(
    ctx: Context, candidates: list[tuple[str, Fact, list[str]]]
) -> dict[tuple[str, int], list[int]]:
    """The candidates that stay, each with the later sentences of its article that restate it.

    An article often gives a claim twice, in reported speech and then in the quote itself
    ('Fallon added that Xi is "handcuffed to ..."' / '"Xi is handcuffed to ...," Fallon said'):
    sentences of one article alone giving the same quoted words to the same speaker make one
    finding, at the first.
    """
    kept: dict[tuple[str, int], list[int]] = {}
    alone = {(aid, fact.index) for aid, fact, copies in candidates if not copies}
    for aid, fact, _ in candidates:
        ex = ctx.exs[aid]
        first = None
        if (aid, fact.index) in alone:  # a sentence that other articles repeat keeps its own finding
            first = next(
                (k for k in kept if k[0] == aid and k in alone and _restates(ex, k[1], fact.index)), None
            )
        if first is not None:
            kept[first].append(fact.index)
        else:
            kept[(aid, fact.index)] = []
    return kept


def _restates(ex: Extraction, a: int, b: int) -> bool:
    """Whether sentences ``a`` and ``b`` give the same quoted words to the same named speaker."""
    quotes_a = [q for _, q in fact_quotes(ex, [a])]
    quotes_b = [q for _, q in fact_quotes(ex, [b])]
    return any(
        qa.speaker and qb.speaker and same_speaker(qa, qb) and same_words(qa, qb) >= QUOTE_OVERLAP
        for qa in quotes_a
        for qb in quotes_b
    )


def summed_up(severity: str, kind: str) -> bool:
    """Findings a dossier sums up in one line unless all are asked for: low-severity single-outlet
    sentences."""
    return severity == "low" and kind == "unsupported"


def rank(findings: list[Finding], order: dict[str, int]) -> list[Finding]:
    """Findings by severity (within one, those :func:`summed_up` last, so the findings a dossier
    lists are numbered without gaps), then by the position of their first passage (article order,
    offset)."""

    def key(f: Finding) -> tuple[int, bool, int, int, str]:
        p = f.passages[0] if f.passages else None
        return (
            SEVERITY_RANK.get(f.severity, 9),
            summed_up(f.severity, f.kind),
            order.get(p.article_id, 1 << 30) if p else 1 << 30,
            p.start if p else 0,
            f.kind,
        )

    return sorted(findings, key=key)
