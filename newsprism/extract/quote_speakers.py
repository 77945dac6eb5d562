"""Who is speaking: the subject of a cue, its name span, pronoun antecedents, display names, descriptors."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import DEP, POS

from newsprism.extract.entities import speaks_as_person
from newsprism.extract.entity_rules import (
    CALENDAR_WORDS,
    HEAD_LABELS,
    HONORIFICS,
    ROLE_WORDS,
    TITLE_ABBREVIATIONS,
)
from newsprism.extract.quote_cues import (
    CREDIT_RE,
    DOCUMENT_HEADS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    REPORT_VERBS,
    SPEECH_VERBS,
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
#: How far (characters) after a person's mention a he/she counts as evidence of that person's gender.
_GENDER_REACH = 150
#: Votes an honorific ("Mr.", "Ms.") is worth against pronoun evidence.
_HONORIFIC_WEIGHT = 3
_POSSESSIVE_RE = re.compile(r"['’]s?\b")
_POSSESSIVE_END_RE = re.compile(r"['’]s?$")
_HONORIFIC_RE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_HE_SHE_RE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_OTHER_GENDER = {"he": "f", "him": "f", "his": "f", "she": "m", "her": "m", "hers": "m"}
#: Affiliations a relative clause after a name gives ("who covers X for the bank Y").
_AFFILIATION_PREPS = frozenset({"for", "at", "with"})


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
        if outer_cue(verb):
            return _outer_speaker(verb.head)
        if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp") and verb.head is not verb:
            verb = verb.head
            continue
        return None
    return None


def outer_cue(verb: Token) -> bool:
    """Whether ``verb`` is a speech verb the parser joined to a reported clause whose subject is a
    thing ("Keller confirmed that the span passed and said ..."): it is the outer speaker's."""
    return (
        verb.dep_ == "conj" and verb.lemma_.lower() in REPORT_VERBS and _outer_speaker(verb.head) is not None
    )


def _outer_speaker(verb: Token) -> Token | None:
    """The subject of the speech verb whose reported clause ``verb`` heads, when ``verb``'s own
    subject is a thing: "Keller confirmed that the span passed and said ...", which the parser
    reads as the span saying."""
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in REPORT_VERBS:
        return None
    inner = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if inner is None or inner.pos_ != "NOUN" or inner.ent_type_ or _speaks(inner):
        return None
    return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)


def _speaks(noun: Token) -> bool:
    """Whether a common noun can be a speaker: a title or role, a vague source ("officials")."""
    lemma = noun.lemma_.lower()
    return (
        noun.lower_ in TITLES
        or lemma in TITLES
        or lemma in ROLE_WORDS
        or lemma in VAGUE_HEADS
        or noun.lower_ in VAGUE_HEADS
    )


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


def _named_with_of(tok: Token, end: int) -> bool:
    """Whether the entity ending at ``end`` goes on past ``tok`` with an "of" phrase of it: an
    organisation's whole name ("the Castavian Chamber of Industry"), not a name and its affiliation."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and c.right_edge.i < end for c in tok.rights)


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
        if tok.ent_type_ == "PERSON" or tok.pos_ != "PROPN" or _named_with_of(tok, end):
            return _strip_possessive(doc, start, end)
    deps = _NAME_DEPS if tok.pos_ == "PROPN" else _NP_DEPS | {"case", "punct"}
    start = tok.i
    while start > 0:
        prev = doc[start - 1]
        if prev.dep_ in deps and start <= prev.head.i <= tok.i:
            start -= 1
        elif (
            tok.pos_ != "PROPN" and prev.dep_ == "case" and prev.head.dep_ == "poss" and prev.head.head == tok
        ):
            start = prev.head.left_edge.i  # "the district attorney's office": the owner too
        else:
            break
    while start < tok.i and doc[start].dep_ == "punct":
        start += 1
    end = tok.i + 1
    while end < len(doc) and doc[end].dep_ in ("flat", "compound") and doc[end].head.i == tok.i:
        end += 1
    return _strip_possessive(doc, start, end)


def _strip_possessive(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while end - start > 1 and doc[end - 1].tag_ == "POS":
        end -= 1
    while start >= 2 and _hyphen_joins(doc, start):  # "Marsh-Ibarra": both halves of the name
        start -= 2
    return start, end


def _hyphen_joins(doc: Doc, start: int) -> bool:
    """Whether ``doc[start]`` is the second half of a hyphenated name ("Marsh-Ibarra", no spaces)."""
    hyphen, first = doc[start - 1], doc[start - 2]
    return (
        hyphen.text == "-"
        and not hyphen.whitespace_
        and not first.whitespace_
        and first.text[:1].isupper()
        and doc[start].text[:1].isupper()
    )


def clean_name(span: Span) -> tuple[int, int]:
    """Char span of a name without leading titles, adjectives and determiners ("Russian President X" -> X)."""
    tokens = list(span)
    while len(tokens) > 1 and (
        tokens[0].lower_ in TITLES
        or tokens[0].lower_ in CALENDAR_WORDS  # "On Monday Marcus Tennant said": not his name
        or tokens[0].pos_ in ("DET", "ADJ", "PUNCT")
        or tokens[0].ent_type_ == "NORP"
    ):
        tokens.pop(0)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def is_vague(span: Span) -> bool:
    """An unnamed source: "experts", "Russian media", "some observers", "officials", a document ("the
    memo"), a person described by what they do ("one hardware engineer", "a nurse who ...")."""
    if any(t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG") for t in span):
        return False
    head = span.root
    lemma = head.lemma_.lower()
    return (
        lemma in VAGUE_HEADS
        or head.lower_ in VAGUE_HEADS
        or _described_person(head)
        or _people_of_a_kind(head)
    )


def _people_of_a_kind(head: Token) -> bool:
    """A plural agent noun ("Fishers in the archipelago say", "Residents said"): a group, no one named."""
    return head.tag_ == "NNS" and head.pos_ == "NOUN" and head.lemma_.lower().endswith(_AGENT_ENDINGS)


#: Endings of nouns for people by what they do ("fisher", "prosecutor", "economist", "resident").
_AGENT_ENDINGS = ("er", "or", "ist", "ant", "ent", "ian")


def _described_person(head: Token) -> bool:
    """Whether a common noun stands for an unnamed person: a person noun, or one a "who" clause follows."""
    if head.pos_ != "NOUN":
        return False
    return head.lemma_.lower() in PERSON_NOUNS or any(
        c.dep_ == "relcl" and any(g.lower_ == "who" and g.dep_ == "nsubj" for g in c.children)
        for c in head.rights
    )


def vague_text(span: Span) -> str:
    """The vague phrase without its determiner ("Some observers" -> "observers", "some" stays)."""
    tokens = [t for t in span if not (t.dep_ == "det" and t.i != span.root.i)]
    return "".join(t.text_with_ws for t in tokens).strip()


def is_credit(text: str) -> bool:
    """A photo credit or agency line, never a speaker."""
    return bool(CREDIT_RE.search(text))


class NameIndex:
    """Person names of one document, for pronoun antecedents and fullest display names."""

    def __init__(self, doc: Doc, quoted: list[tuple[int, int]], text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        self._quoted = quoted
        self._quoted_starts = [s for s, _ in quoted]
        spans: list[tuple[int, int]] = []
        for ent in doc.ents:
            person = ent.label_ == "PERSON" or (ent.label_ == "ORG" and speaks_as_person(ent))
            if person and not is_credit(ent.text) and not self.in_quote(ent.start_char):
                spans.append(clean_name(ent))
        spans += self._bare_surnames(spans)
        self.persons = sorted(set(spans))
        self.names: list[tuple[int, int]] = list(self.persons)
        self._genders: dict[str, str] | None = None
        self._people: dict[tuple[int, int], str] = {}
        #: Unnamed people who speak ("One hardware engineer ... said"): start -> (end, shown text, vague)
        self.described: dict[int, tuple[int, str, bool]] = self._described_speakers()
        self._described_starts = sorted(self.described)

    def _bare_surnames(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Untagged mentions of a named person's surname on their own ("Marsh spoke to Vance" after
        "Helen Marsh", the model tagging only "Vance"): a subject a later "she" may refer to."""
        surnames = {w[-1] for s, e in spans if len(w := self.text[s:e].split()) > 1}
        found = []
        for tok in self.doc:
            if (
                tok.text in surnames
                and tok.ent_iob_ == "O"
                and tok.pos_ == "PROPN"
                and not self.in_quote(tok.idx)
            ):
                near = tok.doc[max(tok.i - 1, 0) : tok.i + 2]
                if all(t.i == tok.i or t.pos_ != "PROPN" for t in near):
                    found.append((tok.idx, tok.idx + len(tok)))
        return found

    def _described_speakers(self) -> dict[int, tuple[int, str, bool]]:
        """Singular common nouns naming a person that are the subject of a speech verb, outside quotes."""
        doc = self.doc
        if not len(doc):
            return {}
        strings = doc.vocab.strings
        cols = doc.to_array([DEP, POS])
        hits = numpy.flatnonzero((cols[:, 0] == strings["nsubj"]) & (cols[:, 1] == strings["NOUN"]))
        found: dict[int, tuple[int, str, bool]] = {}
        for i in hits.tolist():
            tok = doc[i]
            if tok.tag_ != "NN" or tok.head.lemma_.lower() not in SPEECH_VERBS or self.in_quote(tok.idx):
                continue
            span = doc[slice(*mention_tokens(tok))]
            lemma = tok.lemma_.lower()
            if not (_described_person(tok) or lemma in VAGUE_HEADS) or lemma in _NOT_PEOPLE | TITLES:
                continue  # "the senator" is someone named before; "the memo" is no one
            if any(t.pos_ == "PROPN" for t in span):
                continue
            vague = is_vague(span)
            found[span.start_char] = (span.end_char, vague_text(span) if vague else span.text, vague)
        return found

    def in_quote(self, char: int) -> bool:
        """Whether ``char`` lies inside quote marks."""
        k = bisect_right(self._quoted_starts, char) - 1
        return k >= 0 and self._quoted[k][0] <= char < self._quoted[k][1]

    def add_name(self, start: int, end: int) -> None:
        """Remember a speaker name the NER missed ("Fallon" tagged as a place)."""
        if (start, end) not in self.names:
            self.names.append((start, end))
            self._people.clear()
            self._genders = None  # counted by person keys, which the new name may change
            if start not in {s for s, _ in self.persons}:
                self.persons.append((start, end))
                self.persons.sort()

    def antecedent(self, pronoun: Token) -> tuple[int, int] | None:
        """The most recent person mention before ``pronoun``, outside quotes, not of the other gender.

        A person's gender comes from the article itself (see :meth:`gender`); unknown fits both.
        A possessive mention ("Mr Brown's Budget") is taken only when no other fits: the speaker
        of "..., he said" is the one who spoke before, not the owner of a thing named since. Within
        one sentence the subject goes before an object ("Marsh spoke to Vance. ..., she said": Marsh).
        """
        limit = pronoun.idx
        other = _OTHER_GENDER.get(pronoun.lower_)
        k = bisect_right(self.persons, (limit, limit)) - 1
        possessive: tuple[int, int] | None = None
        found: tuple[int, int] | None = None
        while k >= 0:
            start, end = self.persons[k]
            k -= 1
            if limit - start > _ANTECEDENT_WINDOW:
                break
            if end > limit or self.in_quote(start):
                continue
            if other is None or self.gender(start, end) != other:
                if not self.possessive(start, end):
                    found = self._subject_before(k, start, end, other)
                    break
                possessive = possessive or (start, end)
        found = found or possessive
        described = self._described_antecedent(limit, other)
        if described is not None and (found is None or described[0] > found[0]):
            return described
        return found

    def _subject_before(self, k: int, start: int, end: int, other: str | None) -> tuple[int, int]:
        """The mention ``text[start:end]`` (``persons[k + 1]``), or, when it is no subject, a person
        before it in its sentence who is one and fits the pronoun ("Marsh" of "Marsh spoke to Vance")."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.root.dep_ in _SUBJECT_DEPS:
            return start, end
        floor = span.sent.start_char
        while k >= 0 and self.persons[k][0] >= floor:
            s, e = self.persons[k]
            k -= 1
            if e > start or self.in_quote(s) or self.possessive(s, e):
                continue
            if other is not None and self.gender(s, e) == other:
                continue
            earlier = self.doc.char_span(s, e, alignment_mode="expand")
            if earlier is not None and earlier.root.dep_ in _SUBJECT_DEPS:
                return s, e
        return start, end

    def _described_antecedent(self, limit: int, other: str | None) -> tuple[int, int] | None:
        """The most recent unnamed person who spoke before ``limit`` ("One hardware engineer ... said")."""
        k = bisect_right(self._described_starts, limit) - 1
        while k >= 0:
            start = self._described_starts[k]
            k -= 1
            if limit - start > _ANTECEDENT_WINDOW:
                return None
            end = self.described[start][0]
            if end <= limit and (other is None or self._described_gender(start, end) != other):
                return start, end
        return None

    def _described_gender(self, start: int, end: int) -> str | None:
        """``m``, ``f`` or None for an unnamed person: "spokeswoman", or a he/she right after the mention
        with no named person between ("One engineer, who asked not to be named because she ...")."""
        head = self.text[start:end].split()[-1].lower()
        if head.endswith("woman"):
            return "f"
        if head.endswith("man"):
            return "m"
        for match in _HE_SHE_RE.finditer(self.text, end, end + _GENDER_REACH):
            k = bisect_right(self.persons, (match.start(), match.start())) - 1
            if k >= 0 and self.persons[k][0] >= end:
                return None  # a named person came between: the pronoun may be theirs
            if not self.in_quote(match.start()):
                return "m" if match.group().lower() == "he" else "f"
        return None

    def possessive(self, start: int, end: int) -> bool:
        """Whether the mention ``text[start:end]`` is possessive ("Gordon Brown's", "Brown’s budget")."""
        return self.text[max(start, end - 2) : end] in ("'s", "’s") or bool(
            _POSSESSIVE_RE.match(self.text, end)
        )

    def gender(self, start: int, end: int) -> str | None:
        """``m``, ``f`` or None for the person named ``text[start:end]``, from this article's own evidence.

        Evidence: an honorific before any mention of the same person ("Mr.", "Mrs.", "Ms."), and
        he/she pronouns that follow a mention of that person closely with no other person between.
        Kept per person, not per surname: "She" after the daughter says nothing of her father.
        """
        if self._genders is None:
            self._genders = self._count_genders()
        return self._genders.get(self._person(start, end))

    def _count_genders(self) -> dict[str, str]:
        text, persons = self.text, sorted(set(self.persons))
        votes: dict[str, list[int]] = {}
        for start, end in persons:
            honorific = _HONORIFIC_RE.search(text, max(0, start - 6), start)
            if honorific is not None:
                tally = votes.setdefault(self._person(start, end), [0, 0])
                tally[honorific.group(1).lower() != "mr"] += _HONORIFIC_WEIGHT
        starts = [s for s, _ in persons]
        for match in _HE_SHE_RE.finditer(text):
            at = match.start()
            k = bisect_right(starts, at) - 1
            if k < 0 or self.in_quote(at):
                continue
            start, end = persons[k]
            if end > at or at - end > _GENDER_REACH:
                continue
            d = bisect_right(self._described_starts, at) - 1
            if d >= 0 and self._described_starts[d] >= end:
                continue  # an unnamed person came between ("One nurse, who said she ..."): theirs
            key = self._person(start, end)
            if k > 0 and start - persons[k - 1][1] < _GENDER_REACH and self._person(*persons[k - 1]) != key:
                continue  # two people close together: the pronoun could be either
            votes.setdefault(key, [0, 0])[match.group().lower() == "she"] += 1
        return {key: ("m" if m > f else "f") for key, (m, f) in votes.items() if m != f}

    def display(self, start: int, end: int) -> str:
        """The fullest name in the document for the mention ``text[start:end]`` ("Fallon" -> "Theresa Fallon").

        When several people share the name ("Amina Roper", her father "Daniel Roper"), a bare
        "Roper" is the one named last before the mention (the first named when none is before).
        """
        words = self.text[start:end].split()
        if not words:
            return self.text[start:end]
        fuller = self._fuller(words)
        if len({(o[0], o[-1]) for _, o in fuller}) > 1:  # two people of that name: the nearest before
            before = [(s, o) for s, o in fuller if s < start]
            _, near = max(before, key=lambda f: f[0]) if before else fuller[0]
            fuller = [(s, o) for s, o in fuller if (o[0], o[-1]) == (near[0], near[-1])]
        best = words
        for _, other in fuller:
            if len(other) > len(best):
                best = other
        return " ".join(best)

    def _fuller(self, words: list[str]) -> list[tuple[int, list[str]]]:
        """Mentions (start, words) of a longer name that ``words`` may stand for ("Roper": "Daniel Roper")."""
        found = []
        for s, e in self.names:
            other = self.text[s:e].split()
            if len(words) < len(other) <= 4 and (
                other[-len(words) :] == words
                or (len(words) == 1 and other[0] == words[0] and len(other) == 2)
            ):
                found.append((s, other))
        return sorted(found, key=lambda f: f[0])

    def _person(self, start: int, end: int) -> str:
        """Who the mention ``text[start:end]`` names, as a key for gender evidence: the first and last
        word of the nearest longer name before it ("Roper" after "Daniel Roper": "daniel roper") or
        right after it, else of its own words: a bare surname named in full only much later may be
        someone else of that name (the daughter "Roper" before her father "Daniel Roper")."""
        key = self._people.get((start, end))
        if key is None:
            words = _POSSESSIVE_END_RE.sub("", self.text[start:end]).split()
            fuller = self._fuller(words)
            before = [o for s, o in fuller if s < start]
            soon = [o for s, o in fuller if end <= s < end + _GENDER_REACH]
            if before or soon:  # "Mr. Brandt presented the budget, and Ivo Brandt said": one man
                words = before[-1] if before else soon[0]
            key = f"{words[0]} {words[-1]}".lower() if len(words) > 1 else "".join(words).lower()
            self._people[(start, end)] = key
        return key


def resolve(tok: Token, names: NameIndex, document: bool = False) -> Speaker | None:
    """The speaker a subject token stands for, with pronouns and relative pronouns resolved.

    ``document``: the cue sits right after a quote, where "it" is a document speaking ("..., it
    reads"); it is then kept, marked vague.
    """
    doc = tok.doc
    lower = tok.lower_
    if document and lower == "it":
        return Speaker(tok.idx, tok.idx + len(tok), tok.idx, tok.idx + len(tok), tok.text, False, True)
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
        if found is None:  # no person to refer to: the pronoun itself is all we know
            return Speaker(tok.idx, tok.idx + len(tok), tok.idx, tok.idx + len(tok), tok.text, False, False)
        if found[0] in names.described:  # "One hardware engineer ... said ...", then "she said"
            _, shown, vague = names.described[found[0]]
            return Speaker(tok.idx, tok.idx + len(tok), found[0], found[1], shown, False, vague)
        return Speaker(
            tok.idx, tok.idx + len(tok), found[0], found[1], names.text[found[0] : found[1]], True, False
        )
    if tok.pos_ == "PRON":
        return Speaker(tok.idx, tok.idx + len(tok), tok.idx, tok.idx + len(tok), tok.text, False, False)
    named = _appositive_name(tok)
    if named is not None:  # "Its spokeswoman, Lena Ostrow, said": the name, not the role
        return resolve(named, names, document)
    start, end = mention_tokens(tok)
    span = doc[start:end]
    if is_credit(span.text):
        return None
    is_name = tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON"
    if is_name:
        cs, ce = clean_name(span)
        cs = max(cs, doc[_org_start(tok, start)].idx)  # "Tech giant Corvantis Systems": the name only
        if tok.ent_type_ in ("PERSON", "") or tok.ent_type_ not in ("ORG", "GPE", "NORP"):
            names.add_name(cs, ce)
        return Speaker(span.start_char, span.end_char, cs, ce, names.text[cs:ce], True, False)
    vague = is_vague(span)
    text = vague_text(span) if vague else span.text
    return Speaker(span.start_char, span.end_char, span.start_char, span.end_char, text, False, vague)


#: Head nouns of a descriptor that make the name it describes an organisation's, not a person's.
ORG_NOUNS = frozenset(w for w, label in HEAD_LABELS.items() if label == "ORG") | frozenset(
    str.split(
        """charity charities union firm hospital trust watchdog regulator lender insurer retailer
        manufacturer maker carrier operator broadcaster newspaper publisher nonprofit non-profit
        organisation organization think-tank campaign"""
    )
)
#: Words at which a descriptor's head noun phrase ends ("chief executive of the company": executive).
_HEAD_ENDS = frozenset(str.split("of for at in on with from by to who which that whose and or based , ( ; :"))


def describes_organisation(descriptor: str | None) -> bool:
    """Whether a speaker's descriptor calls it an organisation: the head noun of its first noun
    phrase is an organisation's ("the region's largest homelessness charity"), not a person's role
    ("the union's leader", "chief executive of the company")."""
    words: list[str] = []
    for w in re.findall(r"[\w'’-]+|[,(;:]", (descriptor or "").lower()):
        if w in _HEAD_ENDS:
            break
        words.append(w)
    return bool(words) and words[-1] in ORG_NOUNS


def _org_start(tok: Token, start: int) -> int:
    """Where an organisation's name starts in its mention from token ``start``: after the common words
    before it ("Tech giant Corvantis Systems" -> "Corvantis Systems")."""
    if tok.ent_type_ not in ("ORG", "GPE") or tok.ent_iob_ == "O":
        return start
    doc, first = tok.doc, tok.i
    while first > start and doc[first].ent_iob_ == "I":
        first -= 1
    for k in range(first - 1, start - 1, -1):
        t = doc[k]
        if t.ent_iob_ == "O" and (t.is_lower or t.pos_ in ("NOUN", "ADJ", "DET")):
            return k + 1
    return start


#: Vague heads that are no single person a "he" or "she" could refer to.
_NOT_PEOPLE = DOCUMENT_HEADS | frozenset({"media", "some", "many", "others", "people", "authority"})

#: Role nouns of a title written before a name that the title lists lack.
_ROLE_NOUNS = frozenset(
    {
        "executive",
        "sheriff",
        "coroner",
        "warden",
        "clerk",
        "treasurer",
        "administrator",
        "prosecutor",
        "solicitor",
        "barrister",
        "detective",
        "sergeant",
    }
)
#: Entity types an affiliation before a title may be written with ("Northfork Power Co. spokesman").
_AFFILIATION_ENTS = frozenset({"ORG", "GPE", "NORP", "FAC"})


def _appositive_name(tok: Token) -> Token | None:
    """The person named in apposition to a common-noun subject ("its spokeswoman, Lena Ostrow,")."""
    if tok.pos_ != "NOUN":
        return None
    for child in tok.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ == "PERSON":
            return child
    return None


def descriptor(tok: Token, cue: Token | None) -> str | None:
    """The appositive or affiliation of a named subject ("founder and director of ...", "from the Center ..."),
    or the role a name stands in apposition to ("Its spokeswoman, Lena Ostrow, said": "Its spokeswoman")."""
    doc = tok.doc
    if _appositive_name(tok) is not None:
        return _phrase(doc, tok.left_edge.i, tok.i + 1)
    if cue is not None and tok.i < cue.i:
        between = doc[tok.i + 1 : cue.i].text
        match = re.fullmatch(r"\s*,\s*(.{3,200}?)\s*,\s*", between)
        words = [t for t in doc[tok.i + 1 : cue.i] if not t.is_punct and not t.is_space]
        clause = any(t.pos_ == "VERB" and t.dep_ in ("ROOT", "relcl") for t in words)
        doing = bool(words) and words[0].tag_ in ("VBG", "VBN")  # "launching the report ...": no role
        if match and not clause and not doing:
            return match.group(1)
    name_end = mention_tokens(tok)[1]  # "of Industry" inside "the Chamber of Industry" is its name
    for child in tok.rights:
        if child.dep_ == "appos" and child.pos_ != "PROPN" and not child.like_num:  # "Doyle, 67,": an age
            return _phrase(doc, child.left_edge.i, _past_dangling(doc, child.right_edge.i + 1))
        if child.dep_ == "prep" and child.lower_ in _DESCRIPTOR_PREPS and child.i >= name_end:
            return _phrase(doc, child.left_edge.i, _past_dangling(doc, child.right_edge.i + 1))
        if child.dep_ == "relcl":
            found = _relative_affiliation(child)
            if found is not None:
                return found
    title = _title_before(tok)
    if title is not None and title.lower().rstrip(".") in HONORIFICS:
        title = None  # "Dr. Helena Marsh": a form of address, no affiliation
    if (
        title is not None
        and cue is not None
        and not any(t.ent_type_ in _AFFILIATION_ENTS for t in doc[tok.left_edge.i : tok.i])
    ):
        at = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "at" and c.i < tok.i), None)
        obj = next((c for c in at.children if c.dep_ == "pobj"), None) if at is not None else None
        if obj is not None and obj.ent_type_ == "ORG":  # "At the Alliance, ..., spokesperson Nunez said"
            return f"{title} at {doc[at.i + 1 : mention_tokens(obj)[1]].text}"
    return title if title is not None or cue is None else _introduction(tok)


def vague_descriptor(tok: Token) -> str | None:
    """What a vague speaker's noun says of whom it speaks for: "for the League Managers Association"
    in "a spokeswoman for the League ...", "familiar with the talks" in "a person familiar with ..."."""
    doc = tok.doc
    for child in tok.rights:
        if (child.dep_ == "prep" and child.lower_ in _DESCRIPTOR_PREPS | {"for"}) or child.dep_ in (
            "amod",
            "acl",
        ):
            return _phrase(doc, child.left_edge.i, _past_dangling(doc, child.right_edge.i + 1))
    return None


def _introduction(tok: Token) -> str | None:
    """The title or appositive written where the person ``tok`` names was mentioned before ("Deputy
    District Attorney Carlos Ruiz had asked ...", then "Ruiz said"): the nearest such mention of that
    name, so that of "Daniel Roper, the victim's father" for a later "Roper" and not his daughter's."""
    if tok.ent_type_ != "PERSON" and tok.pos_ != "PROPN":  # "Ruiz said" may go untagged: the names decide
        return None
    doc = tok.doc
    start = mention_tokens(tok)[0]
    cs, ce = clean_name(doc[start : tok.i + 1])
    words = doc.text[cs:ce].split()
    earlier = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.end > start:
            continue
        es, ee = clean_name(ent)
        other = doc.text[es:ee].split()
        if max(len(words), 2) <= len(other) <= 4 and other[-len(words) :] == words:
            earlier.append((ent, (other[0], other[-1])))
    if not earlier:
        return None
    person = earlier[-1][1]
    for ent, who in reversed(earlier):
        if who == person and (found := descriptor(ent.root, None)) is not None:
            return found
    return None


def _relative_affiliation(clause: Token) -> str | None:
    """The organisation a "who" clause ties a person to ("who covers Corvantis for the investment bank
    Halden & Co.": "the investment bank Halden & Co.")."""
    if not any(c.dep_ == "nsubj" and c.lower_ == "who" for c in clause.children):
        return None
    doc = clause.doc
    for prep in clause.children:
        if prep.dep_ != "prep" or prep.lower_ not in _AFFILIATION_PREPS:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and any(t.ent_type_ == "ORG" for t in obj.subtree):
            return _phrase(doc, obj.left_edge.i, obj.right_edge.i + 1)
    return None


def _past_dangling(doc: Doc, end: int) -> int:
    """The end of a phrase cut after its preposition ("a spokesman for" + "Northfork Power Co." when
    the parser hung the name elsewhere): through the entity that follows."""
    if end >= len(doc) or doc[end - 1].pos_ != "ADP" or doc[end].ent_iob_ != "B":
        return end
    end += 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end


def _title_before(tok: Token) -> str | None:
    """The role written before a name ("Aqualis chief executive Marcus Tennant": "Aqualis chief
    executive"; "Chinese President Xi Jinping": "Chinese President"), when it holds a role word."""
    if tok.ent_type_ != "PERSON":
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    first, floor = start, tok.sent.start
    while first > floor:
        t = doc[first - 1]
        if t.ent_type_ in ("DATE", "TIME") or (t.ent_type_ == "PERSON" and not _title_entity(t)):
            break
        affiliation = t.ent_type_ in _AFFILIATION_ENTS and t.ent_iob_ != "O"  # "Northfork Power Co."
        # "national spokesperson", "club president": a modifier of a word already taken
        modifier = (t.pos_, t.dep_) in (("ADJ", "amod"), ("NOUN", "compound")) and first <= t.head.i < tok.i
        # "Secretary-General": a hyphen inside one title word
        hyphen = t.text == "-" and not t.whitespace_ and first - 2 >= floor and not doc[first - 2].whitespace_
        if not (affiliation or modifier or hyphen or (t.is_alpha and (_is_role(t) or t.text[:1].isupper()))):
            break
        first -= 1
    words = doc[first:start]
    return _phrase(doc, first, start) if any(_is_role(t) for t in words) else None


def _title_entity(tok: Token) -> bool:
    """Whether ``tok`` lies in a person entity that is a title ending in a role word ("Grant County
    Sheriff" tagged as a person before "Tom Bauer")."""
    doc = tok.doc
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return _is_role(doc[end - 1])


def _is_role(tok: Token) -> bool:
    return tok.lower_ in TITLES or tok.lower_ in ROLE_WORDS or tok.lower_ in _ROLE_NOUNS


def _phrase(doc: Doc, start: int, end: int) -> str | None:
    text = doc[start:end].text.strip(" ,;:-–—")
    return text or None


def _np_part(tok: Token) -> bool:
    """A word that may sit inside a speaker's noun phrase ("the", "former", "Sen.", "Trump", "'s")."""
    return (
        tok.pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM")
        or tok.tag_ in ("POS", "VBN")  # "Trump's", "retired neurosurgeon Ben Carson"
        or tok.ent_type_ in _NAME_ENTS
        or (tok.is_title and tok.is_alpha and tok.pos_ != "VERB")
    )


_NAME_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_HEAD_POS = frozenset({"PROPN", "NOUN"})
#: Most tokens between a speaker's head and its cue in ``"...," NAME, DESCRIPTOR, said``.
_APPOSITIVE_REACH = 25


def _np_head(tokens: list[Token], k: int) -> tuple[Token | None, int]:
    """The head (last noun or name) of the noun phrase starting at ``tokens[k]``, and the index after it."""
    if k < len(tokens) and tokens[k].pos_ == "PRON" and tokens[k].lower_ not in UNUSABLE_SUBJECTS - {"it"}:
        return tokens[k], k + 1
    head, end = None, k
    for j in range(k, len(tokens)):
        tok = tokens[j]
        if tok.is_space:
            continue
        if (
            tok.text == "."
            and j > k
            and tokens[j - 1].lower_ in TITLE_ABBREVIATIONS
            and not tokens[j - 1].whitespace_
        ):
            continue  # the period of "Sgt." inside "Sgt. Ana Ruiz"
        if not _np_part(tok):
            break
        if tok.is_punct:
            continue  # a period tagged as a proper noun is never the head
        if tok.pos_ in _HEAD_POS or tok.ent_type_ in _NAME_ENTS or tok.is_title:
            if tok.ent_type_ in ("DATE", "TIME"):
                break
            head, end = tok, j + 1
        elif head is not None and tok.pos_ == "DET":
            break
    return head, end


def frame_speaker(frame: list[Token], cue: Token) -> Token | None:
    """The speaker in the words after a closing mark, by word order rather than by the parse.

    ``"...," said Larry Noble, an attorney`` gives Noble, ``"...," added another New Hampshire
    Republican`` Republican, ``"...," Gene Sperling, a top adviser, said`` Sperling, ``"...," he
    said`` he. The small model often parses these inverted or appositive frames wrongly.
    """
    words = [t for t in frame if not (t.is_punct or t.is_space)]
    if not words:
        return None
    if words[0].i == cue.i:  # cue first: the noun phrase right after it
        k = frame.index(cue) + 1
        while k < len(frame) and frame[k].is_space:
            k += 1
        head, _ = _np_head(frame, k)
        return head
    k = frame.index(words[0])
    head, end = _np_head(frame, k)
    if head is None or cue.i <= head.i or cue.i - head.i > _APPOSITIVE_REACH:
        return None
    between = [t for t in frame[end:] if t.i < cue.i]
    if not between:
        return head
    if between[-1].pos_ in ("PROPN", "PRON"):
        return None  # another name right before the cue is its subject: leave it to the parse
    if between[0].text == "," and between[-1].text == ",":
        return head  # an appositive or a relative clause between commas
    if any(t.pos_ in ("VERB", "AUX") or t.text in (".", "!", "?", ";") for t in between):
        return None
    return head
