"""Pair features for "do these two sentences report the same thing?".

A :class:`SentenceView` is a light, comparable reading of one sentence, built either
from a spaCy span (:func:`view_from_doc`) or from an extracted :class:`~newsprism.model.Fact`
(:func:`view_from_fact`). :func:`pair_features` turns two views into the numbers the
learned scorer (:mod:`newsprism.compare.scorer`) weighs. Every feature is symmetric in
``a`` and ``b`` and lies in a small, bounded range. The features, in :data:`FEATURE_NAMES`
order:

Lexical overlap (content-word lemmas: no stop words, no punctuation, lower case)
    ``jaccard``       |A∩B| / |A∪B| of the content-lemma sets.
    ``contain_min``   |A∩B| / max(|A|,|B|): how much of the *longer* sentence is covered.
    ``contain_max``   |A∩B| / min(|A|,|B|): how much of the *shorter* one is covered
                      (containment both ways, stored symmetrically as min and max).
    ``idf_jaccard``, ``idf_contain_min``, ``idf_contain_max``: the same, each lemma
                      weighted by its IDF over the MRPC training sentences (the table is
                      shipped in ``data/models/pair_scorer.json`` without its hapaxes;
                      a lemma not in the table gets the IDF of a hapax).
    ``idf_unmatched`` log(1 + IDF mass of the content lemmas found in only one sentence) / 3:
                      new facts are carried by rare words.
    ``bigram_jaccard``Jaccard of the all-lemma bigram sets (word order, phrases).
    ``lcs_share``     longest common run of tokens / length of the shorter sentence
                      (copied clauses, wire rewrites).
    ``lcseq``         longest common token subsequence / length of the longer sentence.
    ``edit_sim``      1 - normalised Levenshtein distance between the lemma sequences.
    ``ngram{n}_min``, ``ngram{n}_max`` (n = 1..4): share of one sentence's word n-grams
                      (surface words, lower case) found in the other, the lower and the
                      higher of the two directions (BLEU-like precision and recall).
    ``bleu_min``, ``bleu_max``: BLEU-like score of one lemma sequence against the other
                      (geometric mean of the add-one smoothed, clipped n-gram precisions,
                      n = 1..4), the lower and the higher of the two directions.
    ``char3_jaccard`` Jaccard of the character trigram sets (morphology, spelling variants).
    ``unmatched_min``, ``unmatched_max``: log(1 + number of content lemmas of each sentence
                      missing from the other), lower and higher.
    ``length_diff``   log(1 + |difference in word count|).
    ``length_min``, ``length_max``: log(1 + word count) of the shorter and the longer
                      sentence (capped at 5): MRPC's annotators forgive less in long pairs.
    ``idf_unmatched_max`` log(1 + IDF mass of the content lemmas of one sentence missing from
                      the other) / 3, the higher of the two directions (what the richer one adds).
    ``content_bigram_jaccard`` Jaccard of the content-lemma bigram sets (stop words skipped,
                      so "approved the flats" and "approved flats" share "approve flat").
Surface similarity (rapidfuzz, lower-cased text, scaled to 0..1)
    ``fuzz_ratio``, ``fuzz_token_sort``, ``fuzz_token_set``, ``fuzz_partial``.
    ``length_ratio``  shorter / longer, in tokens.
Slots (named entities, numbers, dates, quotations, negation)
    ``ent_shared``    entities of one sentence matched in the other (token-subset match,
                      so "Smith" matches "John Smith"), averaged over both directions.
    ``ent_mismatch``  entities of either sentence matched nowhere in the other (count, ≤ 5).
    ``num_shared``    numbers present in both (relative tolerance 0.5 %), count ≤ 5.
    ``num_mismatch``  numbers present in only one sentence, count ≤ 5.
    ``num_conflict``  1 when both carry numbers and neither number set contains the other.
    ``date_shared``   date expressions in both (normalised text or TimeML value).
    ``date_mismatch`` date expressions in only one sentence, count ≤ 5.
    ``quote_overlap`` Jaccard of the words inside quotation marks (0 when neither quotes).
    ``neg_mismatch``  1 when exactly one of the sentences is negated.
    ``cap_mismatch_max`` capitalised words (names, not the first word) of one sentence absent
                      from the other's words, the higher count of the two directions, ≤ 5.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq, Levenshtein

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Span

    from newsprism.model import Fact, Quote

#: Entity labels compared as names (dates, times and quantities are separate slots).
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
DATE_LABELS = frozenset({"DATE", "TIME"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "neither", "nor", "none", "cannot"})
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve"
WORD_NUMBERS = {w: float(i) for i, w in enumerate(_NUMBER_WORDS.split())}
_STOP_TEXT = (
    "a an the and or but if of at by for with about against between into through during before after "
    "above below to from up down in out on off over under again further then once here there when where "
    "why how all any both each few more most other some such only own same so than too very s t can will "
    "just don should now i me my we our you your he him his she her it its they them their what which who "
    "whom this that these those am is are was were be been being have has had having do does did doing "
    "would could also 's 've 're 'll 'd said say says"
)
STOP_WORDS = frozenset(_STOP_TEXT.split())
_TOKEN = re.compile(r"\w+(?:[.,']\w+)*|[^\w\s]")
_QUOTED = re.compile(r"[\"“”]([^\"“”]{1,600})[\"“”]")
#: Negating words in raw text (straight or curly apostrophe); also the negation-conflict detector's.
NEGATOR = re.compile(r"\b(?:not|never|no|nobody|nothing|neither|nor|none|cannot)\b|n['’]t\b", re.IGNORECASE)
_NUMBER = re.compile(r"^[-+]?\$?\d[\d,]*(?:\.\d+)?%?$")
MAX_COUNT = 5.0


@dataclass(slots=True)
class SentenceView:
    """A light, comparable reading of one sentence.

    Treat a view as read-only once it has been scored: the per-sentence parts of the pair
    features are computed on first use and kept in ``profile``.
    """

    text: str
    lemmas: list[str] = field(default_factory=list)  # every word token, lower-cased lemma
    content_lemmas: list[str] = field(default_factory=list)  # lemmas minus stop words and punctuation
    entities: list[str] = field(default_factory=list)  # lower-cased names or entity keys
    numbers: list[float] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)  # lower-cased date text or TimeML value
    quoted: list[str] = field(default_factory=list)  # lower-cased words inside quotation marks
    negated: bool = False
    profile: _Profile | None = field(default=None, init=False, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class _Profile:
    """The per-sentence parts of the pair features, computed once per view."""

    words: list[str]  # surface word tokens, lower case
    capitalised: frozenset[str]  # lower-cased capitalised words after the first word
    word_ngrams: tuple[frozenset[tuple[str, ...]], ...]  # n = 1..4
    char3: frozenset[str]
    lemma_counts: tuple[Counter[tuple[str, ...]], ...]  # n = 1..4, for BLEU
    content: frozenset[str]
    content_bigrams: frozenset[tuple[str, str]]


def _profile(view: SentenceView) -> _Profile:
    if view.profile is None:
        raw = [w for w in _TOKEN.findall(view.text) if w[0].isalnum()]
        words = [w.lower() for w in raw]
        low = view.text.lower()
        lem, con = view.lemmas, view.content_lemmas
        view.profile = _Profile(
            words=words,
            capitalised=frozenset(w.lower() for w in raw[1:] if w[0].isupper()),
            word_ngrams=tuple(frozenset(_ngrams(words, n)) for n in (1, 2, 3, 4)),
            char3=frozenset(low[i : i + 3] for i in range(len(low) - 2)),
            lemma_counts=tuple(Counter(_ngrams_seq(lem, n)) for n in (1, 2, 3, 4)),
            content=frozenset(con),
            content_bigrams=frozenset(pairwise(con)),
        )
    return view.profile


@dataclass(frozen=True, slots=True)
class Idf:
    """Inverse document frequencies of lemmas; ``default`` for lemmas not in ``weights``."""

    weights: Mapping[str, float]
    default: float

    def mass(self, words: Iterable[str]) -> float:
        """Sum of the IDF of ``words``."""
        return sum(self.weights.get(w, self.default) for w in sorted(words))


UNIFORM = Idf({}, 1.0)


def compute_idf(sentences: Iterable[list[str]], min_df: int = 2) -> Idf:
    """IDF (``log((n + 1) / (df + 1)) + 1``) of the lemmas of ``sentences``, one list each.

    Lemmas seen in fewer than ``min_df`` sentences are left out of the table; the
    ``default`` weight, given to every lemma not in it, is the IDF of a hapax.
    """
    df: dict[str, int] = {}
    n = 0
    for lemmas in sentences:
        n += 1
        for w in set(lemmas):
            df[w] = df.get(w, 0) + 1
    weights = {w: round(math.log((n + 1) / (c + 1)) + 1, 4) for w, c in sorted(df.items()) if c >= min_df}
    return Idf(weights, round(math.log((n + 1) / 2) + 1, 4))


# ---------------------------------------------------------------- building views


def parse_number(text: str) -> float | None:
    """A float from "1,200", "$2.5", "40%" or "three"; None when ``text`` is not a number."""
    t = text.strip().lower()
    if t in WORD_NUMBERS:
        return WORD_NUMBERS[t]
    if not _NUMBER.match(t):
        return None
    try:
        return float(t.replace(",", "").replace("$", "").rstrip("%"))
    except ValueError:
        return None


def quoted_words(text: str) -> list[str]:
    """Lower-cased words that appear between quotation marks in ``text``."""
    words: list[str] = []
    for m in _QUOTED.finditer(text):
        words.extend(w.lower() for w in _TOKEN.findall(m.group(1)) if w[0].isalnum())
    return words


def _is_content(lemma: str) -> bool:
    return lemma not in STOP_WORDS and any(c.isalnum() for c in lemma)


def view_from_doc(span: Span) -> SentenceView:
    """A view of one parsed sentence (or whole ``Doc``) from the spaCy pipeline."""
    lemmas: list[str] = []
    content: list[str] = []
    numbers: list[float] = []
    negated = False
    tokens = list(span)
    for i, tok in enumerate(tokens):
        if tok.is_punct or tok.is_space:
            continue
        lemma = (tok.lemma_ or tok.text).lower()
        lemmas.append(lemma)
        if not tok.is_stop and _is_content(lemma):
            content.append(lemma)
        if tok.dep_ == "neg" or lemma in NEGATIONS:
            negated = True
        if tok.ent_type_ in DATE_LABELS:
            continue
        value = parse_number(tok.text) if (tok.like_num or tok.text.lower() in WORD_NUMBERS) else None
        if value is not None:
            nxt = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
            numbers.append(value * SCALES.get(nxt, 1.0))
    entities = [e.text.lower() for e in span.ents if e.label_ in NAME_LABELS]
    dates = [e.text.lower() for e in span.ents if e.label_ in DATE_LABELS]
    return SentenceView(
        text=span.text,
        lemmas=lemmas,
        content_lemmas=content,
        entities=entities,
        numbers=numbers,
        dates=dates,
        quoted=quoted_words(span.text),
        negated=negated,
    )


def entity_name(key: str) -> str:
    """The lower-cased name of an entity key, its kind dropped ("place:new_york" -> "new york").

    Training views hold entity names, not keys: without the kind, one name labelled two ways
    ("place:oslo", "org:oslo") still matches. A bare surname loses its mark ("person:?xi" -> "xi").
    """
    name = key.partition(":")[2] or key
    return name.lstrip("?").replace("_", " ").lower()


#: spaCy's lemmas of the function words whose lemma is not the word (tallied on MRPC training parses;
#: ambiguous words such as "'s", "her" and "us" are left as they are).
_FUNCTION_LEMMAS = {
    **dict.fromkeys(("is", "are", "was", "were", "been", "being", "am", "'re", "'m"), "be"),
    **dict.fromkeys(("has", "had", "'ve"), "have"),
    **dict.fromkeys(("did", "does", "done", "doing"), "do"),
    "n't": "not", "ca": "can", "wo": "will", "'ll": "will", "'d": "would",
    "him": "he", "them": "they", "me": "i",
}  # fmt: skip


@cache
def _tokenizer() -> Tokenizer:
    """spaCy's English tokenizer alone (no tagger, parser or NER): the training parse's tokens."""
    import spacy

    return spacy.blank("en").tokenizer


def _align(words: list[str], lemmas: list[str]) -> list[tuple[int, int]]:
    """(word index, lemma index) pairs of an order-keeping alignment of words to their lemmas.

    One to one when the counts agree, else the longest alignment pairing words and lemmas
    that begin with the same letter ("fell" and "fall").
    """
    if len(words) == len(lemmas):
        return list(enumerate(range(len(lemmas))))
    n, m = len(words), len(lemmas)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            same = words[i][:1] == lemmas[j][:1]
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + 1 if same else 0)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if words[i][:1] == lemmas[j][:1] and best[i][j] == best[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def _lemma_sequence(text: str, fact_lemmas: list[str]) -> tuple[list[str], list[str]]:
    """(every word of ``text`` as its lemma, the content lemmas), as :func:`view_from_doc` lists them.

    ``text`` is tokenized by spaCy's tokenizer, without a parse. The words that gave ``fact_lemmas``
    (not stop words, alphabetic or number-like, see ``extract.facts``) take those lemmas
    (:func:`_align`), function words take :data:`_FUNCTION_LEMMAS`, the rest stay as written.
    Content lemmas follow the training rule: no spaCy stop word, and :func:`_is_content`.
    """
    toks = [t for t in _tokenizer()(text) if not (t.is_punct or t.is_space)]
    lemmas = [_FUNCTION_LEMMAS.get(t.lower_.replace("’", "'"), t.lower_) for t in toks]
    slots = [i for i, t in enumerate(toks) if not t.is_stop and (t.is_alpha or t.like_num)]
    for k, j in _align([lemmas[i] for i in slots], fact_lemmas):
        lemmas[slots[k]] = fact_lemmas[j]
    content = [lem for t, lem in zip(toks, lemmas, strict=True) if not t.is_stop and _is_content(lem)]
    return lemmas, content


def view_from_fact(fact: Fact, quotes: list[Quote] | None = None) -> SentenceView:
    """A view of an extracted fact, without re-parsing its text, as close as it gets to :func:`view_from_doc`'s.

    Lemmas and content lemmas come from ``fact.lemmas`` placed on the text's tokens
    (:func:`_lemma_sequence`), or from the lower-cased words when the extractor left them empty.
    Entities are the names of ``fact.entity_keys`` (:func:`entity_name`). ``quotes`` is the
    article's ``Extraction.quotes``: the direct and partial ones listed in ``fact.quote_indices``
    or overlapping the fact's span add their words to ``quoted`` (training views see only words
    between quotation marks, so reported speech is left out). Numbers and dates are the
    extractor's quantities and TimeML values.
    """
    lemmas = [lem.lower() for lem in fact.lemmas]
    if lemmas:
        words, content = _lemma_sequence(fact.text, lemmas)
    else:
        words = [w.lower() for w in _TOKEN.findall(fact.text) if w[0].isalnum()]
        content = [w for w in words if _is_content(w)]
    quoted = quoted_words(fact.text)
    for i, q in enumerate(quotes or []):
        if q.kind != "indirect" and (i in fact.quote_indices or (q.start < fact.end and q.end > fact.start)):
            quoted.extend(w.lower() for w in _TOKEN.findall(q.text) if w[0].isalnum())
    return SentenceView(
        text=fact.text,
        lemmas=words,
        content_lemmas=content,
        entities=list(dict.fromkeys(entity_name(k) for k in fact.entity_keys)),
        numbers=list(fact.quantities),
        dates=[v.lower() for v in fact.timex_values],
        quoted=sorted(set(quoted)),
        negated=bool(NEGATOR.search(fact.text)),
    )


# ---------------------------------------------------------------- features

FEATURE_NAMES: tuple[str, ...] = (
    "jaccard",
    "contain_min",
    "contain_max",
    "idf_jaccard",
    "idf_contain_min",
    "idf_contain_max",
    "idf_unmatched",
    "bigram_jaccard",
    "lcs_share",
    "lcseq",
    "edit_sim",
    "ngram1_min",
    "ngram1_max",
    "ngram2_min",
    "ngram2_max",
    "ngram3_min",
    "ngram3_max",
    "ngram4_min",
    "ngram4_max",
    "bleu_min",
    "bleu_max",
    "char3_jaccard",
    "unmatched_min",
    "unmatched_max",
    "length_diff",
    "length_min",
    "length_max",
    "idf_unmatched_max",
    "content_bigram_jaccard",
    "fuzz_ratio",
    "fuzz_token_sort",
    "fuzz_token_set",
    "fuzz_partial",
    "length_ratio",
    "ent_shared",
    "ent_mismatch",
    "num_shared",
    "num_mismatch",
    "num_conflict",
    "date_shared",
    "date_mismatch",
    "quote_overlap",
    "neg_mismatch",
    "cap_mismatch_max",
)


def _ratio(num: float, den: float) -> float:
    return num / den if den > 0 else 0.0


def _longest_run(a: list[str], b: list[str]) -> int:
    """Length of the longest common contiguous run of tokens (dynamic programming)."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best = cur[j]
        prev = cur
    return best


def _ngrams_seq(words: list[str], n: int) -> zip[tuple[str, ...]]:
    return zip(*(words[i:] for i in range(n)), strict=False)


def _ngrams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return set(_ngrams_seq(words, n))


def _bleu_pair(pa: _Profile, pb: _Profile, len_a: int, len_b: int) -> tuple[float, float]:
    """BLEU-like scores of lemma sequence a against b and of b against a.

    Each is the geometric mean of the add-one smoothed, clipped n-gram precisions (n = 1..4);
    the clipped match count is the same both ways, only the denominators differ. An empty
    sequence scores 0.
    """
    log_a = log_b = 0.0
    for n, ca, cb in zip((1, 2, 3, 4), pa.lemma_counts, pb.lemma_counts, strict=True):
        small, large = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
        matched = sum(min(c, large[g]) for g, c in small.items() if g in large)
        log_a += math.log((matched + 1) / (max(len_a - n + 1, 0) + 1))
        log_b += math.log((matched + 1) / (max(len_b - n + 1, 0) + 1))
    return (math.exp(log_a / 4) if len_a else 0.0), (math.exp(log_b / 4) if len_b else 0.0)


def _surface_features(pa: _Profile, pb: _Profile) -> dict[str, float]:
    """Word n-gram, character trigram, length and capitalisation features of the raw texts."""
    feats: dict[str, float] = {}
    for n, ga, gb in zip((1, 2, 3, 4), pa.word_ngrams, pb.word_ngrams, strict=True):
        shared = len(ga & gb)
        ra, rb = _ratio(shared, len(ga)), _ratio(shared, len(gb))
        feats[f"ngram{n}_min"], feats[f"ngram{n}_max"] = min(ra, rb), max(ra, rb)
    feats["char3_jaccard"] = _ratio(len(pa.char3 & pb.char3), len(pa.char3 | pb.char3))
    feats["length_diff"] = math.log1p(abs(len(pa.words) - len(pb.words)))
    wa, wb = pa.word_ngrams[0], pb.word_ngrams[0]
    missing = max(sum((w,) not in wb for w in pa.capitalised), sum((w,) not in wa for w in pb.capitalised))
    feats["cap_mismatch_max"] = min(float(missing), MAX_COUNT)
    return feats


def _entity_match(name: str, others: list[str]) -> bool:
    words = set(name.replace("_", " ").replace(":", " ").split())
    for other in others:
        ow = set(other.replace("_", " ").replace(":", " ").split())
        if name == other or (words and ow and (words <= ow or ow <= words)):
            return True
    return False


def _num_in(x: float, values: list[float]) -> bool:
    return any(abs(x - v) <= 0.005 * max(abs(x), abs(v)) for v in values)


def _slot_features(a: SentenceView, b: SentenceView) -> dict[str, float]:
    ea, eb = sorted(set(a.entities)), sorted(set(b.entities))
    a_in_b = sum(_entity_match(e, eb) for e in ea)
    b_in_a = sum(_entity_match(e, ea) for e in eb)
    ent_shared = (_ratio(a_in_b, len(ea)) + _ratio(b_in_a, len(eb))) / 2 if ea and eb else 0.0
    ent_mismatch = (len(ea) - a_in_b) + (len(eb) - b_in_a)
    na, nb = sorted(set(a.numbers)), sorted(set(b.numbers))
    a_nums = sum(_num_in(x, nb) for x in na)
    b_nums = sum(_num_in(x, na) for x in nb)
    num_conflict = float(bool(na and nb and a_nums < len(na) and b_nums < len(nb)))
    da, db = set(a.dates), set(b.dates)
    qa, qb = set(a.quoted), set(b.quoted)
    return {
        "ent_shared": ent_shared,
        "ent_mismatch": min(float(ent_mismatch), MAX_COUNT),
        "num_shared": min(float(a_nums), MAX_COUNT),
        "num_mismatch": min(float(len(na) - a_nums + len(nb) - b_nums), MAX_COUNT),
        "num_conflict": num_conflict,
        "date_shared": min(float(len(da & db)), MAX_COUNT),
        "date_mismatch": min(float(len(da ^ db)), MAX_COUNT),
        "quote_overlap": _ratio(len(qa & qb), len(qa | qb)),
        "neg_mismatch": float(a.negated != b.negated),
    }


def _overlap_features(a: SentenceView, b: SentenceView, idf: Idf) -> dict[str, float]:
    """Content-lemma overlap, plain and IDF-weighted, and lemma-sequence features."""
    pa, pb = _profile(a), _profile(b)
    ca, cb = pa.content, pb.content
    shared, union = ca & cb, ca | cb
    w_shared, w_a, w_b, w_union = (idf.mass(s) for s in (shared, ca, cb, union))
    ba, bb = pa.lemma_counts[1].keys(), pb.lemma_counts[1].keys()
    cba, cbb = pa.content_bigrams, pb.content_bigrams
    la, lb = len(a.lemmas), len(b.lemmas)
    bleu_ab, bleu_ba = _bleu_pair(pa, pb, la, lb)
    return {
        "jaccard": _ratio(len(shared), len(union)),
        "contain_min": _ratio(len(shared), max(len(ca), len(cb))),
        "contain_max": _ratio(len(shared), min(len(ca), len(cb))),
        "idf_jaccard": _ratio(w_shared, w_union),
        "idf_contain_min": _ratio(w_shared, max(w_a, w_b)),
        "idf_contain_max": _ratio(w_shared, min(w_a, w_b)),
        "idf_unmatched": math.log1p(w_union - w_shared) / 3.0,
        "idf_unmatched_max": math.log1p(max(w_a, w_b) - w_shared) / 3.0,
        "bigram_jaccard": _ratio(len(ba & bb), len(ba | bb)),
        "content_bigram_jaccard": _ratio(len(cba & cbb), len(cba | cbb)),
        "lcs_share": _ratio(_longest_run(a.lemmas, b.lemmas), min(la, lb)),
        "lcseq": _ratio(LCSseq.similarity(a.lemmas, b.lemmas), max(la, lb)),
        "edit_sim": Levenshtein.normalized_similarity(a.lemmas, b.lemmas),
        "unmatched_min": math.log1p(min(len(ca - cb), len(cb - ca))),
        "unmatched_max": math.log1p(max(len(ca - cb), len(cb - ca))),
        "length_ratio": _ratio(min(la, lb), max(la, lb)),
        "length_min": min(math.log1p(min(la, lb)), MAX_COUNT),
        "length_max": min(math.log1p(max(la, lb)), MAX_COUNT),
        "bleu_min": min(bleu_ab, bleu_ba),
        "bleu_max": max(bleu_ab, bleu_ba),
    }


def pair_features(a: SentenceView, b: SentenceView, idf: Idf | None = None) -> dict[str, float]:
    """The features of one sentence pair, keyed by :data:`FEATURE_NAMES`.

    ``idf`` weighs lemmas; None uses the table shipped with the scorer.
    """
    if idf is None:
        from newsprism.compare.scorer import shipped_idf

        idf = shipped_idf()
    ta, tb = a.text.lower(), b.text.lower()
    feats = _overlap_features(a, b, idf)
    feats["fuzz_ratio"] = fuzz.ratio(ta, tb) / 100.0
    feats["fuzz_token_sort"] = fuzz.token_sort_ratio(ta, tb) / 100.0
    feats["fuzz_token_set"] = fuzz.token_set_ratio(ta, tb) / 100.0
    feats["fuzz_partial"] = fuzz.partial_ratio(ta, tb) / 100.0
    feats.update(_surface_features(_profile(a), _profile(b)))
    feats.update(_slot_features(a, b))
    return feats


def feature_vector(a: SentenceView, b: SentenceView, idf: Idf | None = None) -> list[float]:
    """:func:`pair_features` as a list in :data:`FEATURE_NAMES` order."""
    feats = pair_features(a, b, idf)
    return [feats[name] for name in FEATURE_NAMES]
