"""Story features of one article: content terms, entity keys and numbers, with their counts.

Two deterministic paths, chosen by the caller (``StoryClusterer(use_extraction=...)``):

* lexical (default; used by ingest, batch, the ECB+ eval and the benchmark alike): regex
  words of the title and body, casefolded, stop words out, a light plural stemmer; entities
  are runs of capitalised words (``"cap:betty_ford_center"``, plus ``"cap:<last word>"`` of a
  multi-word run so "Lohan" meets "Lindsay Lohan"); numbers of two digits or more
  (``"num:2013"``, ``"num:6.1"``): event-specific details that tell two similar events apart.
* extraction: the content lemmas of ``Extraction.facts`` and the canonical ``Entity.key``s
  (weighted by mentions), numbers from the text; falls back to lexical without an extraction.

Term ids are CRC-32 hashes into a fixed space of ``DIM`` buckets, so document frequencies live
in one array whatever the vocabulary, and ids are the same in every process.

Speed: every pass over the text is one C-level ``findall`` counted by ``Counter``; the Python
work is per *distinct* word (stop-word set lookup, a stem only for words ending in "s").
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass, field

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsprism.model import Article, Extraction

DIM_BITS = 21
DIM = 1 << DIM_BITS
MAX_CHARS = 20_000  # only the first 20k characters of a body count (bounded work per article)
TITLE_WEIGHT = 2

_WORD = re.compile(r"\b[^\W\d_]{3,}(?:['’][^\W\d_]+)*|\b\d{4}\b")
_WORD_ASCII = re.compile(r"\b[a-z]{3,}(?:'[a-z]+)*|\b\d{4}\b")  # the same on ASCII text, faster
_NUM = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
_CAP = re.compile(r"(?:[A-Z][\w’'&-]*)(?:\s+(?:of|de|du|la|van|von|al|bin|the|and|for)?\s*[A-Z][\w’'&-]*)*")
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


def lexical_terms(text: str) -> Counter[str]:
    """Content words of ``text``: casefolded, stop words and short words out, plurals folded."""
    text = text.casefold()
    counts = Counter((_WORD_ASCII if text.isascii() else _WORD).findall(text))
    for word in _STOP.intersection(counts):
        del counts[word]
    for word in [w for w in counts if w[-1] == "s"]:
        stem = _stem(word)
        if stem != word:
            counts[stem] += counts.pop(word)
    return counts


def lexical_entities(text: str) -> Counter[str]:
    """Runs of capitalised words as ``cap:`` keys (a lone stop word such as "The" is not one)."""
    out: Counter[str] = Counter()
    stop = _STOP
    for run, n in Counter(_CAP.findall(text)).items():
        if " " not in run and "\n" not in run and "\t" not in run:
            word = run.strip("'’-").casefold()
            if len(word) >= 2 and word not in stop:
                out["cap:" + word] += n
            continue
        words = [w for w in (w.strip("'’-").casefold() for w in run.split()) if w]
        while words and words[0] in stop:
            words = words[1:]
        if not words or (len(words) == 1 and (len(words[0]) < 2 or words[0] in stop)):
            continue
        out["cap:" + "_".join(words)] += n
        if len(words) > 1 and words[-1] not in stop:
            out["cap:" + words[-1]] += n
    return out


def lexical_numbers(text: str) -> Counter[str]:
    """Numbers of two characters or more as ``num:`` keys (thousands separators dropped)."""
    out: Counter[str] = Counter()
    for num, n in Counter(_NUM.findall(text)).items():
        if len(num) >= 2:
            out["num:" + num.replace(",", "")] += n
    return out


def lexical_features(article: Article) -> Features:
    """Features of ``article`` from its title and body text alone."""
    body = article.body[:MAX_CHARS]
    title = (article.title or "")[:1000]
    text = f"{title} .\n" * TITLE_WEIGHT + body if title else body  # "." ends a capitalised run
    return Features(lexical_terms(text), lexical_entities(text), lexical_numbers(text))


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
