"""Label corrections over an article's entity candidates: places, platforms, one label per name.

The small model reads an unfamiliar one-word name as a person ("in Vessen", "before leaving Valmora",
"on Kestrel") and gives one name different labels in different sentences ("Valmoria" PRODUCT here,
FAC there). Three passes over the candidates of :mod:`newsprism.extract.entities` fix that:

- :func:`platform_spans`: the head of "the <adj> platform / network / app / site X" is an ORG, found
  even when the NER missed it;
- :func:`relabel_uncued_persons`: a one-word "person" with no person cue (no full name, no title, never
  the subject of a speech verb) is a place after a locative ("in", "into", "leaving", "visit to",
  "returned from") and an ORG after "on" in a sentence about posts and views;
- :func:`unify_labels`: one surface form gets one label in an article: the root of a demonym the
  article uses ("Valmorian" -> "Valmoria", "Drevian" -> "Drevia") is a GPE, a demonym is a NORP, any
  other name takes the majority label, ties broken by :data:`LABEL_PRIORITY` (GPE and ORG before
  PRODUCT and FAC).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Protocol

from newsprism.extract.entity_rules import (
    LOCATIVE_WORDS,
    MOTION_WORDS,
    PLATFORM_CUES,
    PLATFORM_WORDS,
    SPEECH_VERBS,
    TITLES,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Tie-break of the majority vote: earlier wins.
LABEL_PRIORITY: tuple[str, ...] = (
    "GPE", "ORG", "LOC", "NORP", "EVENT", "LAW", "PERSON", "FAC", "PRODUCT", "WORK_OF_ART",
)  # fmt: skip
#: Shortest demonym root taken from a shared prefix ("Chin-a" / "Chin-ese").
MIN_ROOT = 4
#: What a country name may add to the shared stem, and what its demonym may add.
COUNTRY_TAILS = frozenset({"", "a", "y", "o", "e"})
DEMONYM_SUFFIXES = frozenset({"", "n", "an", "ian", "ean", "ese", "i", "ish"})
#: Labels a demonym root keeps (a continent is not made a country).
ROOT_KEEPS = frozenset({"GPE", "LOC"})
#: Endings of a demonym ("Valmorian", "Gibraltarians", "Chinese", "Israeli"): such a name is NORP.
DEMONYM_ENDINGS = ("an", "ans", "ese", "ish", "i", "is")
#: Labels the small model gives to names it does not know; the passes below may correct them.
UNSURE_LABELS = frozenset({"PERSON", "FAC", "PRODUCT"})
#: Tokens looked back for "the" before a platform noun ("the Drevian state platform").
PLATFORM_REACH = 4


class Candidate(Protocol):
    """What the passes read and write on a candidate mention (``entities._Cand``)."""

    start: int
    end: int
    label: str
    title: str | None
    group: int


def _text(doc: Doc, c: Candidate) -> str:
    return doc[c.start : c.end].text


def _prev(doc: Doc, i: int) -> Token | None:
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return doc[j] if j >= 0 and "\n" not in doc[j].text else None


# ---------------------------------------------------------------- platforms


def platform_name(doc: Doc, noun: int) -> tuple[int, int] | None:
    """Token span of X in "the <adj> platform X" when ``doc[noun]`` is the platform noun, else None."""
    tok = doc[noun]
    if tok.lower_ not in PLATFORM_WORDS or tok.pos_ != "NOUN":
        return None
    j = noun - 1
    while j >= 0 and noun - j <= PLATFORM_REACH and doc[j].lower_ != "the":
        if doc[j].pos_ not in {"ADJ", "PROPN", "NOUN"} or "\n" in doc[j].text:
            return None
        j -= 1
    if j < 0 or doc[j].lower_ != "the":
        return None
    e = noun + 1
    while e < len(doc) and e - noun <= 3 and doc[e].pos_ == "PROPN" and doc[e].text[:1].isupper():
        e += 1
    return (noun + 1, e) if e > noun + 1 else None


def platform_spans(doc: Doc, cands: list[Candidate]) -> list[tuple[int, int]]:
    """Token spans of every X in "the <adj> platform X" that is not part of an acronym definition."""
    out = []
    for i in range(1, len(doc) - 1):
        span = platform_name(doc, i)
        if span is not None and not any(
            c.group >= 0 and c.start < span[1] and c.end > span[0] for c in cands
        ):
            out.append(span)
    return out


# ---------------------------------------------------------------- persons without a cue


def _locative(doc: Doc, start: int) -> bool:
    """Whether the name at ``start`` follows a locative ("in X", "leaving X", "a visit to X").

    A possessive is not a place ("in Anderson's hometown", "in Paula's mind").
    """
    prev = _prev(doc, start)
    if prev is None or (start + 1 < len(doc) and doc[start + 1].tag_ == "POS"):
        return False
    if prev.lower_ in LOCATIVE_WORDS:
        return True
    if prev.lower_ in {"to", "from"}:
        before = _prev(doc, prev.i)
        return before is not None and before.lemma_.lower() in MOTION_WORDS
    return False


def _on_platform(doc: Doc, start: int) -> bool:
    """Whether the name at ``start`` follows "on" in a sentence about views, posts or shares."""
    prev = _prev(doc, start)
    if prev is None or prev.lower_ != "on":
        return False
    sent = doc[start].sent
    return any(t.lemma_.lower() in PLATFORM_CUES for t in sent)


def _cued(doc: Doc, c: Candidate) -> bool:
    """Whether one mention shows it is a person: a title, a speech verb, "Mr", a possessive of a person."""
    if c.title is not None:
        return True
    prev = _prev(doc, c.start)
    if prev is not None and prev.lower_.rstrip(".") in TITLES:
        return True
    root = doc[c.start : c.end].root
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ in SPEECH_VERBS


def person_words(doc: Doc, cands: list[Candidate], context: list[str]) -> set[str]:
    """Words of the multi-word person names of the article and of its headline and standfirst."""
    names = [_text(doc, c) for c in cands if c.label == "PERSON" and c.end - c.start >= 2] + context
    return {w for name in names for w in name.split()}


def relabel_uncued_persons(doc: Doc, cands: list[Candidate], context: list[str]) -> None:
    """One-word names with no person cue: ORG when an organisation of the article ends in it
    ("Rovers" after "Harrowgate Rovers"), GPE after a locative (persons only), ORG after "on" in a
    sentence about views and posts (persons, facilities and products: "viewed 2m times on Kestrel")."""
    full = person_words(doc, cands, context)
    org_tails = {doc[c.end - 1].text for c in cands if c.label == "ORG" and c.end - c.start >= 2}
    by_text: dict[str, list[Candidate]] = {}
    for c in cands:
        if c.label in UNSURE_LABELS and c.end - c.start == 1 and c.group < 0:
            by_text.setdefault(_text(doc, c), []).append(c)
    for text, group in by_text.items():
        if text in full or any(_cued(doc, c) for c in group):
            continue
        if text in org_tails:  # "took Rovers up" after "Harrowgate Rovers": the club
            for c in group:
                c.label = "ORG"
        elif any(c.label == "PERSON" and _locative(doc, c.start) for c in group):
            for c in group:
                if c.label == "PERSON":
                    c.label = "GPE"
        elif any(_on_platform(doc, c.start) for c in group):
            for c in group:
                c.label = "ORG"


# ---------------------------------------------------------------- one label per name


def demonyms(*docs: Doc | None) -> set[str]:
    """Capitalised nationality words of the docs ("Valmorian", "Drevian", "Chinese")."""
    out: set[str] = set()
    for doc in docs:
        if doc is None:
            continue
        for tok in doc:
            if (
                tok.text[:1].isupper()
                and tok.is_alpha
                and (
                    tok.ent_type_ == "NORP"
                    or (tok.tag_ == "JJ" and tok.lower_.endswith(("an", "ese", "ish")))
                )
            ):
                out.add(tok.text)
    return out


def is_demonym_root(name: str, nationalities: set[str]) -> bool:
    """Whether ``name`` is the country of one of the demonyms ("Valmoria" of "Valmorian").

    The two share a stem of at least :data:`MIN_ROOT` letters; the country ends the stem with
    nothing or a country ending ("Russia-", "Chin-a", "Ital-y", "Mexic-o", "Ukrain-e") and the
    demonym with a demonym ending ("-n", "-ese", "-ian", "-i"; "German" of "Germany"). Plurals and
    demonyms themselves ("Indians", "Briton") are not roots.
    """
    if name.endswith(DEMONYM_ENDINGS) and name in nationalities:
        return False
    low = name.lower()
    for dem in nationalities:
        d = dem.lower()
        shared = 0
        for a, b in zip(d, low, strict=False):
            if a != b:
                break
            shared += 1
        if shared < MIN_ROOT:
            continue
        tail, suffix = low[shared:], d[shared:]
        if suffix.endswith("s") and len(suffix) > 1:  # "Gibraltarians"
            suffix = suffix[:-1]
        if suffix in DEMONYM_SUFFIXES and tail in COUNTRY_TAILS and (suffix or tail == "y"):
            return True
    return False


def unify_labels(doc: Doc, cands: list[Candidate], nationalities: set[str], context: list[str]) -> None:
    """Give every non-person surface form one label: GPE for a demonym root, else the majority."""
    full = person_words(doc, cands, context)
    by_text: dict[str, list[Candidate]] = {}
    for c in cands:
        if c.group < 0:
            by_text.setdefault(_text(doc, c), []).append(c)
    for text, group in by_text.items():
        labels = Counter(c.label for c in group)
        if "PERSON" in labels and (text in full or any(_cued(doc, c) for c in group)):
            continue  # a person name: persons are spread by entities._propagate_persons
        label = min(labels, key=lambda lab: (-labels[lab], _rank(lab)))
        if "NORP" in labels and text in nationalities and text.endswith(DEMONYM_ENDINGS):
            label = "NORP"
        elif label not in ROOT_KEEPS and " " not in text and is_demonym_root(text, nationalities):
            label = "GPE"
        for c in group:
            c.label = label


def _rank(label: str) -> int:
    return LABEL_PRIORITY.index(label) if label in LABEL_PRIORITY else len(LABEL_PRIORITY)
