"""Story features of one article: content terms, entity keys and numbers, with their counts.

Two deterministic paths, chosen by the caller (``StoryClusterer(use_extraction=...)``):

* lexical (default; used by ingest, batch, the ECB+ eval and the benchmark alike): regex
  words of the title and body, casefolded, stop words out, a light plural stemmer; entities
  are runs of capitalised words (``"cap:betty_ford_center"``, plus ``"cap:<last word>"`` of a
  multi-word run so "Lohan" meets "Lindsay Lohan"), possessives folded ("Putin's": ``cap:putin``),
  without date words ("Tuesday", "March") or a lone word the text also writes in lower case (a
  sentence opening with "Robbers"); numbers of two digits or more (``"num:2013"``,
  ``"num:6.1"``): event-specific details that tell two similar events apart.
* extraction: the content lemmas of ``Extraction.facts`` and the canonical ``Entity.key``s
  (weighted by mentions), numbers from the text; falls back to lexical without an extraction.

Term ids are CRC-32 hashes into a fixed space of ``DIM`` buckets, so document frequencies live
in one array whatever the vocabulary, and ids are the same in every process.

Speed: every pass over the text is one C-level ``findall`` counted by ``Counter``; the Python
work is per *distinct* word (stop-word set lookup, a memoised stem only for words ending in "s").
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsprism.extract.entity_rules import TITLE_ABBREVIATIONS as TITLES_BEFORE
from newsprism.model import Article, Extraction

DIM_BITS = 21
DIM = 1 << DIM_BITS
MAX_CHARS = 20_000  # only the first 20k characters of a body count (bounded work per article)
TITLE_WEIGHT = 2

_WORD = re.compile(r"\b[^\W\d_]{3,}(?:['’][^\W\d_]+)*|\b\d{4}\b")
# The same as _WORD on ASCII text, faster: ``\b[a-z]{3,}(?:'[a-z]+)*|\b\d{4}\b`` written to start
# with a character class (the engine skips to the next letter or digit instead of trying a
# boundary at every position); the boundary is the lookbehind after that first character.
_WORD_ASCII = re.compile(r"[a-z0-9](?<!\w[a-z0-9])(?:(?<=[a-z])[a-z]{2,}(?:'[a-z]+)*|(?<=\d)\d{3}\b)")
# ``(?<![\w.,])\d+(?:[.,]\d+)*`` starting with its digit, for the same reason (2x faster)
_NUM = re.compile(r"\d(?<![\w.,]\d)\d*(?:[.,]\d+)*")
_POSSESSIVES = ("'s", "’s")
#: Lower-case words a run of capitalised names may hold ("Bank of Norland", "Ludwig van Beethoven").
_JOINERS = ("of", "de", "du", "la", "van", "von", "al", "bin", "the", "and", "for")
_CAP = re.compile(r"(?:[A-Z][\w’'&-]*)(?:\s+(?:" + "|".join(_JOINERS) + r")?\s*[A-Z][\w’'&-]*)*")
_STOP = frozenset(ENGLISH_STOP_WORDS) | frozenset(
    {
        "said",
        "says",
        "say",
        "told",
        "year",
        "years",
        "new",
        "like",
        "just",
        "also",
        "would",
        "could",
        "reuter",
    }
)


_DATE_WORDS = frozenset(
    {
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun"),
        *("jul", "aug", "sep", "sept", "oct", "nov", "dec", "today", "yesterday", "tomorrow"),
    }
)
_ENTITY_STOP = _STOP | _DATE_WORDS
#: Titles written before a name ("Dr. Osei", "Sen. Hale") and after it ("Jr."): never an entity on their own.
TITLE_ABBREVIATIONS = TITLES_BEFORE | frozenset({"jr", "sr"})
_LONE_STOP = _ENTITY_STOP | TITLE_ABBREVIATIONS  # not keys standing alone (nor a run's last word)
#: Words a run of names cannot end in: a title before the next name, the joining words of _CAP.
_TAIL_STOP = TITLE_ABBREVIATIONS | frozenset(_JOINERS)


@dataclass(slots=True)
class Features:
    """Counts of an article's content terms, entity keys and numbers (hashed by :func:`term_id`)."""

    terms: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)
    numbers: Counter[str] = field(default_factory=Counter)

    @property
    def usable(self) -> bool:
        """Enough content to place the article in a story (at least 3 distinct terms)."""
        return len(self.terms) >= 3


def term_id(term: str) -> int:
    """Stable bucket of a term or entity key in ``[0, DIM)``."""
    return zlib.crc32(term.encode("utf-8")) & (DIM - 1)


def term_ids(terms: Iterable[str]) -> list[int]:
    """:func:`term_id` of each of ``terms`` (the hashing done in C-level maps: faster)."""
    mask = DIM - 1
    return [crc & mask for crc in map(zlib.crc32, map(str.encode, terms))]


@lru_cache(maxsize=1 << 16)  # a word's stem is computed once (bounded memo: the same result)
def _stem(word: str) -> str:
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _words(text: str) -> Counter[str]:
    """Casefolded word counts of ``text`` (words of 3 letters or more, and 4-digit numbers)."""
    text = text.casefold()
    return Counter((_WORD_ASCII if text.isascii() else _WORD).findall(text))


def _terms(counts: Counter[str]) -> Counter[str]:
    """Content words of casefolded word ``counts`` (changed in place): stop words out, plurals folded."""
    for word in _STOP.intersection(counts):
        del counts[word]
    for word in [w for w in counts if w[-1] == "s"]:
        stem = _stem(word)
        if stem != word:
            counts[stem] += counts.pop(word)
    return counts


def lexical_terms(text: str) -> Counter[str]:
    """Content words of ``text``: casefolded, stop words and short words out, plurals folded."""
    return _terms(_words(text))


def lexical_entities(text: str, counts: Counter[str] | None = None) -> Counter[str]:
    """Runs of capitalised words as ``cap:`` keys, possessives folded ("Putin's": ``cap:putin``).

    Not keys: a lone stop word ("The"), date word ("Tuesday", "March") or title ("Dr." of "Dr.
    Osei", :data:`TITLE_ABBREVIATIONS`), and, given ``counts``
    (the casefolded word counts of ``text``), a lone word the text also writes in lower case
    ("Robbers" opening a sentence, "robbers" after). The last word of a multi-word run is a key
    too, so "Lohan" meets "Lindsay Lohan".
    """
    out: Counter[str] = Counter()
    stop, alone = _ENTITY_STOP, _LONE_STOP
    lone: Counter[str] = Counter()  # words standing alone (or after a stop word: "The Hague")
    runs: list[list[str]] = []  # the words of multi-word runs, once per occurrence
    for run, n in Counter(_CAP.findall(text)).items():
        run = run.casefold()
        if " " not in run and "\n" not in run and "\t" not in run:
            word = run.strip("'’-")
            word = word[:-2] if word.endswith(_POSSESSIVES) else word
            if len(word) >= 2 and word not in alone:
                lone[word] += n
            continue
        words = [w for w in (w.strip("'’-") for w in run.split()) if w]
        if "s" in run and ("'s" in run or "’s" in run):
            words = [w[:-2] if w.endswith(_POSSESSIVES) else w for w in words]
        runs += [words] * n
        while words and words[0] in stop:
            words = words[1:]
        while words and words[-1] in _TAIL_STOP:  # "Paul Hale and Dr." of "Paul Hale and Dr. Roca"
            words = words[:-1]
        if len(words) == 1:
            if len(words[0]) >= 2 and words[0] not in alone:
                lone[words[0]] += n
        elif words:
            out["cap:" + "_".join(words)] += n
            if words[-1] not in alone:
                out["cap:" + words[-1]] += n
    get = counts.get if counts is not None else lone.get
    suspects = [w for w, n in lone.items() if get(w, 0) > n]  # written more often than alone
    if suspects:
        capital = Counter(chain.from_iterable(runs))  # capitalised occurrences within runs
        for word in suspects:
            if get(word, 0) > lone[word] + capital[word]:  # some in lower case
                del lone[word]
    for word, n in lone.items():
        out["cap:" + word] += n
    return out


def lexical_numbers(text: str) -> Counter[str]:
    """Numbers of two characters or more as ``num:`` keys (thousands separators dropped)."""
    return Counter(
        ["num:" + (m.replace(",", "") if "," in m else m) for m in _NUM.findall(text) if len(m) > 1]
    )


def lexical_features(article: Article) -> Features:
    """Features of ``article`` from its title and body text alone."""
    body = article.body[:MAX_CHARS]
    title = (article.title or "")[:1000]
    text = f"{title} .\n" * TITLE_WEIGHT + body if title else body  # "." ends a capitalised run
    counts = _words(text)
    entities = lexical_entities(text, counts)  # before _terms changes the counts
    return Features(_terms(counts), entities, lexical_numbers(text))


def extraction_features(article: Article, extraction: Extraction) -> Features:
    """Features from spaCy's reading: fact lemmas and canonical entity keys."""
    terms: Counter[str] = Counter()
    for fact in extraction.facts:
        terms.update(lemma for lemma in fact.lemmas if len(lemma) >= 3 and lemma not in _STOP)
    for key, n in lexical_terms((article.title or "")[:1000]).items():
        terms[key] += TITLE_WEIGHT * n
    entities = Counter({e.key: max(1, e.mentions) for e in extraction.entities})
    return Features(terms, entities, lexical_numbers(article.body[:MAX_CHARS]))


def article_features(
    article: Article, extraction: Extraction | None, use_extraction: bool = False
) -> Features:
    """The features the clusterer uses for ``article`` (see the module docstring for the paths)."""
    if use_extraction and extraction is not None and extraction.facts:
        return extraction_features(article, extraction)
    return lexical_features(article)
