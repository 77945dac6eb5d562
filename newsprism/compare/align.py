"""Fact alignment across the articles of one story.

For every pair of articles, candidate fact pairs come from an inverted index on content
lemmas (weighted by their rarity in the story), entity keys and numbers, capped per fact,
so a large story never scores all pairs. The learned :class:`~newsprism.compare.scorer.PairScorer`
scores the candidates; pairs at or above the acceptance floor are matched one-to-one,
greedily by score, and then grown one-to-many: a fact aligned to one fact of the other
article takes in that fact's neighbour when the merged pair scores higher than either alone
(a rewrite often folds two sentences into one). Each pair gets its relation from
:func:`newsprism.compare.relations.relate`.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from newsprism.compare.attribution import fact_quotes, shared_quote
from newsprism.compare.features import STOP_WORDS, SentenceView, parse_number, view_from_fact
from newsprism.compare.relations import relate
from newsprism.compare.scorer import PairScorer
from newsprism.extract.entities import keys_match
from newsprism.model import AlignedPair, Extraction, Fact

_WORD = re.compile(r"\w+")

#: Candidate partners kept per fact and direction (the index never yields all pairs).
MAX_CANDIDATES = 6
#: Acceptance. The MRPC-trained scorer asks for equivalence, while alignment asks "do they
#: report the same thing": a sentence that adds a detail ("in Vessen", "over the forced
#: removal of ...") scores low on MRPC yet reports the same fact. So a pair is kept when
#: (1) it scores at or above the scorer's threshold, or (2) the smaller fact's
#: rarity-weighted tokens are mostly found in the other (>= SUPPORT_SHARE) and it scores at
#: least CONTAIN_FLOOR, or (3) both share a claim (see :func:`claims`) and it scores at
#: least CLAIM_FLOOR, or (5) both carry the same quoted words (a short bare quotation and the
#: attributed sentence it was cut from score near 0 on MRPC). Calibrated by hand on the
#: bundled demo story and the ../shared/examples pair under both weight sets, lexical and
#: semantic (every true pair kept; the nearest false pairs score 0.04-0.12 with share
#: 0.45-0.48; the one true claim pair inside a long quote scores 0.072 lexical, 0.047 semantic).
SUPPORT_SHARE = 0.5
#: Two sentences one of which holds the other nearly whole are the same text only when the longer
#: adds at most this many words of its own (a dateline or "on Tuesday", not a judgement).
SAME_ADDED_WORDS = 3
CONTAIN_FLOOR = 0.15
#: (4) A fact (of at least CONTAINED_TOKENS index tokens) this much contained in the other is
#: kept whatever its score: a rewrite that folds several sentences into one long sentence
#: scores near 0 on MRPC against each of them. Every pair of the demo story and the example
#: pair with a share >= 0.75 is a true pair.
CONTAINED_SHARE = 0.75
CONTAINED_TOKENS = 5
#: (6) Between a copy or rewrite (REWRITE_SHARE of the shorter article's sentences score at
#: or above the threshold with some sentence of the other), a pair whose sentences differ in
#: one figure is scored again with the figure put back (:func:`figure_swapped`); that score
#: must reach SWAP_FLOOR, and its support share leaves the figure out. Calibrated on a
#: reviewer's trial story (a paraphrased lead with 22% made 42%: 0.37 with the semantic
#: scorer, share 0.55) against ECB+ (independent reports, other facts with another figure:
#: "a 12-year sentence imposed in 1997" / "a five-year heroin rap in 1959" 0.16 with share
#: 0.52; "12 people were injured" / "20 people had been inside" 0.30, share 0.30); between
#: independent reports the MRPC scorer cannot tell such pairs from a changed figure.
SWAP_FLOOR = 0.3
REWRITE_SHARE = 0.3
#: (7) When a sentence is attributed and the pair shares no quoted words, the support share leaves
#: out the attribution frame (the speakers' names and descriptors): "Petra Holm, a climate scientist
#: at the University of Bergen, called the findings sobering" and "Climate scientist Petra Holm of
#: the University of Bergen said the gap was widening" share 0.69 of their tokens, all in the
#: frame. Two direct quotes with no words in common are two statements: only the scorer's
#: threshold aligns them ("Nine years is a serious sentence," said the prosecutor / the judge's
#: "You left a young woman dying ..." shared 0.58 of generic story words at score 0.16). Such a
#: pair must keep FRAME_FREE_FLOOR of its share without the frame whatever it scores (the frame
#: alone lifts the Holm pair to 0.49 lexical, above the threshold).
FRAME_FREE_FLOOR = 0.2
#: Growth rounds: a fact may take in up to this many neighbours of the other article.
GROW_ROUNDS = 2
CLAIM_FLOOR = 0.03
#: Words before and after a predicate within which its claim's names are taken.
CLAIM_BEFORE = 6
CLAIM_AFTER = 3
#: Stems too common to carry a claim (reporting verbs, copulas, light verbs).
GENERIC_STEMS = frozenset(
    [
        "said",
        "says",
        "tell",
        "told",
        "add",
        "added",
        "state",
        "think",
        "belie",
        "sugge",
        "accor",
        "repor",
        "descr",
        "call",
        "also",
        "becom",
        "make",
        "made",
        "would",
        "could",
        "shoul",
        "there",
        "their",
        "about",
        "after",
        "befor",
        "since",
        "while",
        "which",
        "where",
        "being",
        "other",
        "these",
        "those",
        "first",
        "years",
        "month",
        "today",
        "still",
        "year",
        "presi",
        "chanc",
        "minis",
        "leade",
        "chief",
    ]
)
#: A merged (one-to-many) pair must beat the best single pair by this margin.
MERGE_MARGIN = 0.02
#: Texts this close (rapidfuzz ratio, 0..100) are the same sentence.
SAME_RATIO = 92.0
#: Facts with fewer content lemmas than this are not aligned (datelines, "4 min read").
MIN_CONTENT = 2


@dataclass(slots=True)
class StoryIndex:
    """Story-wide rarity weights of index tokens (lemmas, entity keys, numbers)."""

    weights: dict[str, float]

    def weight(self, token: str) -> float:
        """Rarity weight of ``token`` (a token seen once in the story weighs most)."""
        return self.weights.get(token, 1.0)


def _entity_tokens(key: str) -> list[str]:
    """Index tokens for an entity key: persons by their first and last name words, others by their words."""
    kind, _, rest = key.partition(":")
    rest = rest.lstrip("?")
    if kind == "person":
        words = rest.split("_")
        return sorted({"E:" + words[0], "E:" + words[-1]})
    return ["E:" + rest]


def fact_tokens(fact: Fact) -> set[str]:
    """The index tokens of one fact: content lemmas, entity tokens and numbers."""
    tokens = {lem.lower() for lem in fact.lemmas if len(lem) > 1}
    for k in fact.entity_keys:
        tokens.update(_entity_tokens(k))
    tokens.update(f"N:{v:g}" for v in fact.quantities)
    return tokens


def story_index(extractions: list[Extraction]) -> StoryIndex:
    """Rarity weights ``log(1 + N / df)`` of every index token over all facts of the story."""
    df: dict[str, int] = defaultdict(int)
    n = 0
    for ex in extractions:
        for fact in ex.facts:
            n += 1
            for tok in fact_tokens(fact):
                df[tok] += 1
    return StoryIndex({tok: math.log(1.0 + n / c) for tok, c in sorted(df.items())})


def _aligned_fact(fact: Fact) -> bool:
    return len(fact.lemmas) >= MIN_CONTENT


def same_entity(a: str, b: str) -> bool:
    """:func:`keys_match`, or two person keys sharing a surname (a key polluted by a headline word)."""
    if keys_match(a, b):
        return True
    kind_a, _, rest_a = a.partition(":")
    kind_b, _, rest_b = b.partition(":")
    if kind_a != "person" or kind_b != "person":
        return False
    wa, wb = rest_a.lstrip("?").split("_"), rest_b.lstrip("?").split("_")
    return wa[-1] in wb or wb[-1] in wa


def claims(ex: Extraction, fact: Fact) -> list[tuple[str, str, str]]:
    """The claims of a fact: (name, predicate stem, name) triples read off the word order.

    A predicate is a word of four or more letters outside any name, not a stop word nor a
    generic verb; its claim takes the nearest name at most :data:`CLAIM_BEFORE` words
    before it and the nearest name at most :data:`CLAIM_AFTER` words after it ("Russia
    has become ... dependent on China", "Russia far more dependent on China").
    """
    words = [(m.group().lower(), fact.start + m.start()) for m in _WORD.finditer(fact.text)]
    mentions = [m for m in ex.mentions if fact.start <= m.start and m.end <= fact.end]
    owner: dict[int, str] = {}
    for i, (_, off) in enumerate(words):
        for m in mentions:
            if m.start <= off < m.end:
                owner[i] = m.entity_key
                break
    out: list[tuple[str, str, str]] = []
    for i, (w, _) in enumerate(words):
        if i in owner or len(w) < 4 or not w.isalpha() or w in STOP_WORDS or w[:5] in GENERIC_STEMS:
            continue
        left = next((owner[j] for j in range(i - 1, max(i - CLAIM_BEFORE, 0) - 1, -1) if j in owner), None)
        right = next(
            (owner[j] for j in range(i + 1, min(i + CLAIM_AFTER, len(words) - 1) + 1) if j in owner), None
        )
        if left and right and left != right:
            out.append((left, w[:5], right))
    return out


def claim_match(ca: list[tuple[str, str, str]], cb: list[tuple[str, str, str]]) -> bool:
    """Whether two facts make one claim: same predicate stem between matching names."""
    return any(
        pa == pb and same_entity(la, lb) and same_entity(ra, rb) for la, pa, ra in ca for lb, pb, rb in cb
    )


def candidate_pairs(
    ea: Extraction, eb: Extraction, index: StoryIndex, max_candidates: int = MAX_CANDIDATES
) -> list[tuple[int, int]]:
    """Fact pairs worth scoring: each fact's best partners by shared, rarity-weighted tokens."""
    postings: dict[str, list[int]] = defaultdict(list)
    for fact in ea.facts:
        if _aligned_fact(fact):
            for tok in sorted(fact_tokens(fact)):
                postings[tok].append(fact.index)
    overlap: dict[tuple[int, int], float] = defaultdict(float)
    for fact in eb.facts:
        if not _aligned_fact(fact):
            continue
        for tok in fact_tokens(fact):
            w = index.weight(tok)
            for ai in postings.get(tok, ()):
                overlap[(ai, fact.index)] += w
    by_a: dict[int, list[tuple[float, int]]] = defaultdict(list)
    by_b: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (ai, bi), w in overlap.items():
        by_a[ai].append((w, bi))
        by_b[bi].append((w, ai))
    keep: set[tuple[int, int]] = set()
    for ai, lst in by_a.items():
        keep.update((ai, bi) for _, bi in sorted(lst, key=lambda t: (-t[0], t[1]))[:max_candidates])
    for bi, lst in by_b.items():
        keep.update((ai, bi) for _, ai in sorted(lst, key=lambda t: (-t[0], t[1]))[:max_candidates])
    return sorted(keep)


def merged_fact(facts: list[Fact]) -> Fact:
    """One Fact standing for adjacent facts of one article (texts joined, slots united)."""
    facts = sorted(facts, key=lambda f: f.index)
    if len(facts) == 1:
        return facts[0]
    first = facts[0]
    merged = Fact(first.article_id, first.index, first.start, facts[-1].end, " ".join(f.text for f in facts))
    for f in facts:
        merged.entity_keys.extend(k for k in f.entity_keys if k not in merged.entity_keys)
        merged.quote_indices.extend(q for q in f.quote_indices if q not in merged.quote_indices)
        merged.speaker_keys.extend(k for k in f.speaker_keys if k not in merged.speaker_keys)
        merged.timex_values.extend(f.timex_values)
        merged.quantities.extend(f.quantities)
        merged.lemmas.extend(f.lemmas)
    return merged


def _weight(tokens: set[str], index: StoryIndex) -> float:
    """Summed rarity weight of ``tokens``, added in sorted order (a set's order varies from run to run)."""
    return sum(index.weight(t) for t in sorted(tokens))


def _frame(ex: Extraction, fact: Fact) -> set[str]:
    """Index tokens of a fact's attribution frame: its speakers' names and descriptors, and the
    entities named inside them ("University of Bergen" in "a climate scientist at the University
    of Bergen")."""
    out: set[str] = set()
    for _, q in fact_quotes(ex, [fact.index]):
        words = {w.lower() for w in _WORD.findall(f"{q.speaker or ''} {q.descriptor or ''}")}
        out |= words
        keys = [q.speaker_key] if q.speaker_key else []
        keys += [k for k in fact.entity_keys if set(k.partition(":")[2].lstrip("?").split("_")) <= words]
        for k in keys:
            out.update(_entity_tokens(k))
    return out


def support_share(a: Fact, b: Fact, index: StoryIndex, leave_out: set[str] | None = None) -> float:
    """Rarity-weighted share of the smaller fact's tokens found in the other fact, without the
    tokens ``leave_out`` (an attribution frame, :func:`_frame`)."""
    ta, tb = fact_tokens(a) - (leave_out or set()), fact_tokens(b) - (leave_out or set())
    if not ta or not tb:
        return 0.0
    shared = _weight(ta & tb, index)
    return round(shared / min(_weight(ta, index), _weight(tb, index)), 9)


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def same_text(a: str, b: str) -> bool:
    """Whether two sentences are the same text up to case, quote marks and spacing, with the
    same figures ("worth $11bn (£8.5bn)" and "worth $11bn (£6bn)" are not the same text)."""

    def norm(t: str) -> str:
        t = t.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
        return " ".join(t.lower().split())

    na, nb = norm(a), norm(b)
    if _FIGURE.findall(na) != _FIGURE.findall(nb):
        return False
    if fuzz.ratio(na, nb) >= SAME_RATIO:
        return True
    short, long = sorted((na, nb), key=len)
    added = set(_WORD.findall(long)) - set(_WORD.findall(short))  # "In a stunning upset, ..." is no copy
    return (
        len(short) >= 0.8 * len(long)
        and fuzz.partial_ratio(short, long) >= 97.0
        and len(added) <= SAME_ADDED_WORDS
    )


#: At most this many figures differing on each side are put back by :func:`figure_swapped`
#: ("by 52 votes to 48" / "by 58 votes to 42": the tally changed, the sentence the same).
SWAP_FIGURES = 2


def figure_swapped(a: Fact, b: Fact) -> Fact | None:
    """``b`` with the figures it has and ``a`` lacks written as the figures ``a`` has and it
    lacks, in the order they appear; None unless as many figures differ on each side, between 1
    and :data:`SWAP_FIGURES`.

    A rewrite that paraphrases a sentence and changes its number scores low on MRPC, which
    counts a different number as a different statement; scored with the figure put back, the
    pair shows whether it is the same fact, so the changed number can be flagged.
    """
    fa, fb = _FIGURE.findall(a.text), _FIGURE.findall(b.text)
    only_a = list(dict.fromkeys(f for f in fa if f not in fb))
    only_b = list(dict.fromkeys(f for f in fb if f not in fa))
    if not 1 <= len(only_a) <= SWAP_FIGURES or len(only_a) != len(only_b):
        return None
    values = {y: (x, parse_number(x), parse_number(y)) for x, y in zip(only_a, only_b, strict=True)}
    if any(vx is None or vy is None for _, vx, vy in values.values()):
        return None
    figure = re.compile("|".join(rf"(?<![\d.,]){re.escape(y)}(?![\d]|[.,]\d)" for y in values))
    by_value = {vy: vx for _, vx, vy in values.values()}
    return replace(
        b,
        text=figure.sub(lambda m: values[m.group()][0], b.text),
        lemmas=[values[w][0] if w in values else w for w in b.lemmas],
        quantities=[by_value.get(n, n) for n in b.quantities],
    )


def _without_figures(fact: Fact, other: Fact) -> Fact:
    """``fact`` without the figures it shares with ``other`` (lemmas and quantities)."""
    figures = set(_FIGURE.findall(fact.text)) & set(_FIGURE.findall(other.text))
    values = set(other.quantities)
    return replace(
        fact,
        lemmas=[w for w in fact.lemmas if w not in figures],
        quantities=[v for v in fact.quantities if v not in values],
    )


Group = tuple[int, ...]
Kept = list[tuple[Group, Group, float]]


class _Pair:
    """Alignment state of one article pair: views, candidates, kept pairs and used facts."""

    def __init__(
        self,
        ea: Extraction,
        eb: Extraction,
        index: StoryIndex,
        views: dict[tuple[str, Group], SentenceView] | None = None,
    ) -> None:
        self.ea, self.eb, self.index = ea, eb, index
        self.views = {} if views is None else views  # (article id, facts) -> view, shared by a story's pairs
        self.kept: Kept = []
        self.used_a: set[int] = set()
        self.used_b: set[int] = set()
        self.swapped: dict[tuple[int, int], Fact] = {}  # (a, b) -> b with a's figure (figure_swapped)

    def view(self, side: str, idx: Group) -> SentenceView:
        ex = self.ea if side == "a" else self.eb
        key = (ex.article_id, idx)
        if key not in self.views:
            self.views[key] = view_from_fact(merged_fact([ex.facts[i] for i in idx]), ex.quotes)
        return self.views[key]


def _score_many(scorer: PairScorer, jobs: list[tuple[_Pair, list[tuple[Group, Group]]]]) -> list[list[float]]:
    """Score every job's fact-group pairs in one batch (the cross-encoder scores each distinct pair once)."""
    views = [(st.view("a", a), st.view("b", b)) for st, pairs in jobs for a, b in pairs]
    flat = scorer.score(views) if views else []
    out, i = [], 0
    for _, pairs in jobs:
        out.append(flat[i : i + len(pairs)])
        i += len(pairs)
    return out


def _accept(
    score: float, share: float, claim: bool, threshold: float, tokens: int, quote: bool = False
) -> float | None:
    """The greedy ranking key of an acceptable pair, None when the pair is not acceptable."""
    if (
        quote
        or score >= threshold
        or (score >= CONTAIN_FLOOR and share >= SUPPORT_SHARE)
        or (claim and score >= CLAIM_FLOOR)
        or (share >= CONTAINED_SHARE and tokens >= CONTAINED_TOKENS)
    ):
        return max(score, 0.8 * share, 0.5 if claim or quote else 0.0)
    return None


def _covered(fact: Fact, other: Fact, index: StoryIndex) -> bool:
    """Whether most of ``fact``'s rarity-weighted tokens are in ``other`` (a merge candidate)."""
    if not _aligned_fact(fact):
        return False
    mine, theirs = fact_tokens(fact), fact_tokens(other)
    total = _weight(mine, index)
    return total > 0 and round(_weight(mine & theirs, index) / total, 9) >= SUPPORT_SHARE


def _growth_options(st: _Pair) -> list[tuple[int, Group, Group, Group, Group]]:
    """(kept index, merged a, merged b, neighbour-alone a, neighbour-alone b) per free covered neighbour."""
    out = []
    for i, (a, b, _) in enumerate(st.kept):
        other_b = merged_fact([st.eb.facts[j] for j in b])
        other_a = merged_fact([st.ea.facts[j] for j in a])
        for nb in (a[0] - 1, a[-1] + 1):
            if (
                0 <= nb < len(st.ea.facts)
                and nb not in st.used_a
                and _covered(st.ea.facts[nb], other_b, st.index)
            ):
                out.append((i, tuple(sorted((*a, nb))), b, (nb,), b))
        for nb in (b[0] - 1, b[-1] + 1):
            if (
                0 <= nb < len(st.eb.facts)
                and nb not in st.used_b
                and _covered(st.eb.facts[nb], other_a, st.index)
            ):
                out.append((i, a, tuple(sorted((*b, nb))), a, (nb,)))
    return out


def _apply_growth(
    st: _Pair, options: list[tuple[int, Group, Group, Group, Group]], scores: list[float]
) -> bool:
    """Merge a neighbour into a kept pair when the merge beats both single pairs; True if any merged.

    ``scores`` holds the merged pairs' scores, then the neighbour-alone pairs' scores.
    Merges are applied in kept order, each neighbour at most once.
    """
    merged_scores, single_scores = scores[: len(options)], scores[len(options) :]
    best: dict[int, tuple[float, int]] = {}
    for j, (i, *_rest) in enumerate(options):
        gain = merged_scores[j] - max(st.kept[i][2], single_scores[j])
        if gain > MERGE_MARGIN and (i not in best or gain > best[i][0]):
            best[i] = (gain, j)
    changed = False
    for i, (gain_j) in sorted(best.items()):
        j = gain_j[1]
        a, b, _ = st.kept[i]
        ma, mb = options[j][1], options[j][2]
        new_a, new_b = set(ma) - set(a), set(mb) - set(b)
        if new_a & st.used_a or new_b & st.used_b:
            continue
        st.used_a.update(new_a)
        st.used_b.update(new_b)
        st.kept[i] = (ma, mb, merged_scores[j])
        changed = True
    return changed


def _select(st: _Pair, cands: list[tuple[int, int]], scores: list[float], threshold: float) -> None:
    """Accept candidate pairs and match them one-to-one, greedily by ranking key."""
    ea, eb, index = st.ea, st.eb, st.index
    claims_a = {f.index: claims(ea, f) for f in ea.facts}
    claims_b = {f.index: claims(eb, f) for f in eb.facts}
    frames_a = {f.index: _frame(ea, f) for f in ea.facts if f.quote_indices}
    frames_b = {f.index: _frame(eb, f) for f in eb.facts if f.quote_indices}
    accepted = []
    for (a, b), s in zip(cands, scores, strict=True):
        fa, fb = ea.facts[a], eb.facts[b]
        swapped = st.swapped.get((a, b))
        if (
            swapped is not None
        ):  # the figure put back weighs as a rare shared token: leave it out on both sides
            fa, fb = _without_figures(fa, swapped), _without_figures(swapped, fa)
        tokens = min(len(fact_tokens(ea.facts[a])), len(fact_tokens(eb.facts[b])))
        quote = shared_quote(ea, [a], eb, [b])
        framed = not quote and (a in frames_a or b in frames_b)
        if framed:
            qa, qb = fact_quotes(ea, [a]), fact_quotes(eb, [b])
            direct = any(q.kind != "indirect" for _, q in qa) and any(q.kind != "indirect" for _, q in qb)
            if direct and s < threshold:
                continue  # two different direct quotes
        share = support_share(
            fa, fb, index, frames_a.get(a, set()) | frames_b.get(b, set()) if framed else None
        )
        if framed and share < FRAME_FREE_FLOOR:
            continue  # all they share is who said it
        key = _accept(s, share, claim_match(claims_a[a], claims_b[b]), threshold, tokens, quote)
        if key is not None:
            accepted.append((key, s, a, b))
    accepted.sort(key=lambda t: (-t[0], t[2], t[3]))
    for _, s, a, b in accepted:
        if a not in st.used_a and b not in st.used_b:
            st.used_a.add(a)
            st.used_b.add(b)
            st.kept.append(((a,), (b,), s))


def _aligned_pairs(st: _Pair) -> list[AlignedPair]:
    """The kept pairs as AlignedPair with their relation, in ``a`` order."""
    ea, eb = st.ea, st.eb
    out = []
    for a_idx, b_idx, s in sorted(st.kept, key=lambda t: (t[0], t[1])):
        rel = relate(ea, list(a_idx), eb, list(b_idx))
        relation = rel.relation
        if relation == "paraphrase" and same_text(
            merged_fact([ea.facts[i] for i in a_idx]).text, merged_fact([eb.facts[i] for i in b_idx]).text
        ):
            relation = "same"
        out.append(
            AlignedPair(
                ea.article_id, list(a_idx), eb.article_id, list(b_idx), round(s, 4), relation, rel.slot
            )
        )
    return out


def _rewrite_like(st: _Pair, cands: list[tuple[int, int]], scores: list[float], threshold: float) -> bool:
    """Whether at least REWRITE_SHARE of the shorter article's sentences have a partner at or
    above the threshold: a copy or rewrite, where a changed figure is looked for."""
    a_hit = {a for (a, _), s in zip(cands, scores, strict=True) if s >= threshold}
    b_hit = {b for (_, b), s in zip(cands, scores, strict=True) if s >= threshold}
    shorter = min(sum(map(_aligned_fact, st.ea.facts)), sum(map(_aligned_fact, st.eb.facts)))
    return shorter > 0 and min(len(a_hit), len(b_hit)) >= REWRITE_SHARE * shorter


def _rescore_figures(
    states: list[_Pair], cands: list[list[tuple[int, int]]], scores: list[list[float]], scorer: PairScorer
) -> None:
    """Raise a candidate's score below the threshold to its score with one changed figure put
    back (:func:`figure_swapped`, kept in ``_Pair.swapped`` for the support share), in place:
    the pair is then aligned as the same fact and its relation names the number conflict."""
    jobs: list[tuple[int, int, SentenceView, SentenceView]] = []
    for i, (st, c, sc) in enumerate(zip(states, cands, scores, strict=True)):
        if not _rewrite_like(st, c, sc, scorer.threshold):
            continue
        for j, ((a, b), s) in enumerate(zip(c, sc, strict=True)):
            if s >= scorer.threshold:
                continue
            swapped = figure_swapped(st.ea.facts[a], st.eb.facts[b])
            if swapped is not None:
                st.swapped[(a, b)] = swapped
                jobs.append((i, j, st.view("a", (a,)), view_from_fact(swapped, st.eb.quotes)))
    if jobs:
        rescored = scorer.score([(va, vb) for _, _, va, vb in jobs])
        for (i, j, _, _), s in zip(jobs, rescored, strict=True):
            if s >= SWAP_FLOOR:
                scores[i][j] = max(scores[i][j], s)
            else:
                del states[i].swapped[cands[i][j]]


def _align(states: list[_Pair], scorer: PairScorer, max_candidates: int) -> list[AlignedPair]:
    """Align every article pair of ``states``, scoring each phase of all pairs in one batch."""
    cands = [candidate_pairs(st.ea, st.eb, st.index, max_candidates) for st in states]
    scores = _score_many(
        scorer, [(st, [((a,), (b,)) for a, b in c]) for st, c in zip(states, cands, strict=True)]
    )
    _rescore_figures(states, cands, scores, scorer)
    for st, c, sc in zip(states, cands, scores, strict=True):
        _select(st, c, sc, scorer.threshold)
    active = list(states)
    for _ in range(GROW_ROUNDS):
        options = [_growth_options(st) for st in active]
        jobs = [
            (st, [(o[1], o[2]) for o in opts] + [(o[3], o[4]) for o in opts])
            for st, opts in zip(active, options, strict=True)
        ]
        grown = _score_many(scorer, jobs)
        active = [
            st
            for st, opts, sc in zip(active, options, grown, strict=True)
            if opts and _apply_growth(st, opts, sc)
        ]
        if not active:
            break
    return [p for st in states for p in _aligned_pairs(st)]


def align_articles(
    ea: Extraction,
    eb: Extraction,
    scorer: PairScorer,
    index: StoryIndex,
    max_candidates: int = MAX_CANDIDATES,
) -> list[AlignedPair]:
    """Aligned fact pairs between two articles, one-to-one plus adjacent merges, in ``a`` order."""
    return _align([_Pair(ea, eb, index)], scorer, max_candidates)


def align_story(
    extractions: list[Extraction], scorer: PairScorer, max_candidates: int = MAX_CANDIDATES
) -> list[AlignedPair]:
    """Aligned fact pairs for every pair of articles of a story (``a`` before ``b`` in input order).

    Each phase (candidates, then each growth round) is scored in one batch over all pairs.
    """
    index = story_index(extractions)
    views: dict[tuple[str, Group], SentenceView] = {}  # each fact (group) is read once per story
    states = [_Pair(ea, eb, index, views) for i, ea in enumerate(extractions) for eb in extractions[i + 1 :]]
    return _align(states, scorer, max_candidates)
