"""Who is speaking: the subject of a cue, its name span, pronoun antecedents, display names, descriptors."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsprism.extract.quote_cues import (
    CREDIT_RE,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    TITLES,
    UNUSABLE_SUBJECTS,
    VAGUE_HEADS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_NAME_DEPS = frozenset({"compound", "flat", "nmod"})
_NP_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod"})
_DESCRIPTOR_PREPS = frozenset({"from", "of", "at", "with"})
#: How far back (characters) a pronoun looks for its antecedent; calibrated on PolNeAR train.
_ANTECEDENT_WINDOW = 2500


@dataclass(slots=True)
class Speaker:
    """A resolved speaker: the mention at the cue, the name span it refers to, and how to show it."""

    local_start: int  # the mention next to the cue (the pronoun itself for "he said")
    local_end: int
    start: int  # the name mention it resolves to (equal to local_* unless a pronoun)
    end: int
    text: str  # the mention text after stripping titles
    is_name: bool  # a proper name (person or organisation), not a common noun phrase
    vague: bool


def subject_of(cue: Token) -> Token | None:
    """The speaker token of a cue verb: its subject, a passive agent, or the subject of the verb it hangs on."""
    verb = cue
    for _ in range(4):
        agent = _agent(verb)
        if agent is not None:
            return agent
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
        if any(child.dep_ == "nsubjpass" for child in verb.children):
            return None  # "it is said that ...", "he was told": no speaker here
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "ADJ"):
            return verb.head  # "the 43-year-old asked": the parser made the speaker the head
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head is not verb.head:
            verb = verb.head.head  # "quoted him as saying", "explained it by saying"
            continue
        if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp") and verb.head is not verb:
            verb = verb.head
            continue
        return None
    return None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def passive_agent(verb: Token) -> Token | None:
    """The ``by X`` of a passive description, also when the parser hung it on the object."""
    found = _agent(verb)
    if found is not None:
        return found
    for tok in verb.subtree:
        if tok.lower_ == "by" and tok.i > verb.i and tok.dep_ in ("prep", "agent"):
            return next((g for g in tok.children if g.dep_ == "pobj"), None)
    return None


def mention_tokens(tok: Token) -> tuple[int, int]:
    """Token range [start, end) of the name or noun phrase headed by ``tok`` (titles kept)."""
    doc = tok.doc
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and tok.ent_iob_ != "O":
        start = tok.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = tok.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if tok.ent_type_ == "PERSON" or tok.pos_ != "PROPN":
            return _strip_possessive(doc, start, end)
    deps = _NAME_DEPS if tok.pos_ == "PROPN" else _NP_DEPS | {"case", "punct"}
    start = tok.i
    while start > 0 and doc[start - 1].dep_ in deps and start <= doc[start - 1].head.i <= tok.i:
        start -= 1
    while start < tok.i and doc[start].dep_ == "punct":
        start += 1
    end = tok.i + 1
    while end < len(doc) and doc[end].dep_ in ("flat", "compound") and doc[end].head.i == tok.i:
        end += 1
    return _strip_possessive(doc, start, end)


def _strip_possessive(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while end - start > 1 and doc[end - 1].tag_ == "POS":
        end -= 1
    return start, end


def clean_name(span: Span) -> tuple[int, int]:
    """Char span of a name without leading titles, adjectives and determiners ("Russian President X" -> X)."""
    tokens = list(span)
    while len(tokens) > 1 and (
        tokens[0].lower_ in TITLES
        or tokens[0].pos_ in ("DET", "ADJ", "PUNCT")
        or tokens[0].ent_type_ == "NORP"
    ):
        tokens.pop(0)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def is_vague(span: Span) -> bool:
    """An unnamed source: "experts", "Russian media", "some observers", "officials"."""
    if any(t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG") for t in span):
        return False
    head = span.root
    return head.lemma_.lower() in VAGUE_HEADS or head.lower_ in VAGUE_HEADS


def vague_text(span: Span) -> str:
    """The vague phrase without its determiner ("Some observers" -> "observers", "some" stays)."""
    tokens = [t for t in span if not (t.dep_ == "det" and t.i != span.root.i)]
    return "".join(t.text_with_ws for t in tokens).strip()


def is_credit(text: str) -> bool:
    """A photo credit or agency line, never a speaker."""
    return bool(CREDIT_RE.search(text))


class NameIndex:
    """Person names of one document, for pronoun antecedents and fullest display names."""

    def __init__(self, doc: Doc, quoted: list[tuple[int, int]]) -> None:
        self.doc = doc
        self._quoted = quoted
        self._quoted_starts = [s for s, _ in quoted]
        spans: list[tuple[int, int]] = []
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not is_credit(ent.text) and not self.in_quote(ent.start_char):
                spans.append(clean_name(ent))
        self.persons = sorted(set(spans))
        self.names: list[tuple[int, int]] = list(self.persons)

    def in_quote(self, char: int) -> bool:
        """Whether ``char`` lies inside quote marks."""
        k = bisect_right(self._quoted_starts, char) - 1
        return k >= 0 and self._quoted[k][0] <= char < self._quoted[k][1]

    def add_name(self, start: int, end: int) -> None:
        """Remember a speaker name the NER missed ("Fallon" tagged as a place)."""
        if (start, end) not in self.names:
            self.names.append((start, end))
            if start not in {s for s, _ in self.persons}:
                self.persons.append((start, end))
                self.persons.sort()

    def antecedent(self, pronoun: Token) -> tuple[int, int] | None:
        """The most recent person mention before ``pronoun`` and outside quotes."""
        limit = pronoun.idx
        best = None
        for start, end in self.persons:
            if end > limit:
                break
            if limit - start <= _ANTECEDENT_WINDOW and not self.in_quote(start):
                best = (start, end)
        return best

    def display(self, start: int, end: int) -> str:
        """The fullest name in the document for the mention ``text[start:end]`` ("Fallon" -> "Theresa Fallon")."""
        text = self.doc.text
        words = text[start:end].split()
        if not words:
            return text[start:end]
        best = words
        for s, e in self.names:
            other = text[s:e].split()
            if len(other) <= len(best) or len(other) > 4:
                continue
            if other[-len(words) :] == words or (
                len(words) == 1 and other[0] == words[0] and len(other) == 2
            ):
                best = other
        return " ".join(best)


def resolve(tok: Token, names: NameIndex) -> Speaker | None:
    """The speaker a subject token stands for, with pronouns and relative pronouns resolved."""
    doc = tok.doc
    lower = tok.lower_
    if lower in UNUSABLE_SUBJECTS:
        return None
    if lower in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        target = tok.head.head
        inner = resolve(target, names) if target.lower_ not in RELATIVE_PRONOUNS else None
        if inner is None:
            return None
        inner.local_start, inner.local_end = tok.idx, tok.idx + len(tok)
        return inner
    if lower in PERSON_PRONOUNS:
        found = names.antecedent(tok)
        if found is None:
            return None
        return Speaker(
            tok.idx, tok.idx + len(tok), found[0], found[1], doc.text[found[0] : found[1]], True, False
        )
    if tok.pos_ == "PRON":
        return Speaker(tok.idx, tok.idx + len(tok), tok.idx, tok.idx + len(tok), tok.text, False, False)
    start, end = mention_tokens(tok)
    span = doc[start:end]
    if is_credit(span.text):
        return None
    is_name = tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON"
    if is_name:
        cs, ce = clean_name(span)
        if tok.ent_type_ in ("PERSON", "") or tok.ent_type_ not in ("ORG", "GPE", "NORP"):
            names.add_name(cs, ce)
        return Speaker(span.start_char, span.end_char, cs, ce, doc.text[cs:ce], True, False)
    vague = is_vague(span)
    text = vague_text(span) if vague else span.text
    return Speaker(span.start_char, span.end_char, span.start_char, span.end_char, text, False, vague)


def descriptor(tok: Token, cue: Token | None) -> str | None:
    """The appositive or affiliation of a named subject ("founder and director of ...", "from the Center ...")."""
    doc = tok.doc
    if cue is not None and tok.i < cue.i:
        between = doc[tok.i + 1 : cue.i].text
        match = re.fullmatch(r"\s*,\s*(.{3,200}?)\s*,\s*", between)
        if match and not any(
            t.pos_ == "VERB" and t.dep_ in ("ROOT", "relcl") for t in doc[tok.i + 1 : cue.i]
        ):
            return match.group(1)
    for child in tok.rights:
        if child.dep_ == "appos" and child.pos_ != "PROPN":
            return _phrase(doc, child.left_edge.i, child.right_edge.i + 1)
        if child.dep_ == "prep" and child.lower_ in _DESCRIPTOR_PREPS:
            return _phrase(doc, child.left_edge.i, child.right_edge.i + 1)
    return None


def _phrase(doc: Doc, start: int, end: int) -> str | None:
    text = doc[start:end].text.strip(" ,;:-–—")
    return text or None
