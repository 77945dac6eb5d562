"""Entity mentions merged into canonical entities, and the cross-article keys that match them.

Mentions come from spaCy's NER (plus the news entity ruler of :mod:`entity_rules`), corrected by
rules: spans trimmed to the name (titles, "the", possessives, bullets cut; hyphenated words kept
whole), photo credits and glued tag strips dropped, calendar words dropped, acronyms never persons,
a person needs a proper noun and no digit, a lone heading line is not a person, head nouns fix the
label ("... Summit" is an EVENT), acronyms defined in parentheses joined to their long form, and a
surname or a name seen once as a person is a person everywhere in the article.

Keys
----
A key is ``<kind>:<words>``: ``kind`` is ``person``, ``org``, ``place`` (GPE, LOC, FAC), ``group``
(NORP), ``event``, ``work``, ``law`` or ``product``; ``words`` is the name casefolded, accents
stripped, dots, possessives, a leading "the" and (for persons) titles removed, joined with ``_``.

Persons: a name of two or more words keeps its words in order (``person:xi_jinping``,
``person:vladimir_putin``). A bare one-word name is a surname whose full name the article did not
give: ``person:?xi``. :func:`keys_match` lets ``person:?xi`` match any full key whose first or last
word is ``xi`` (family name first or last), and two full keys match when their first and last words
agree (middle names differ). Other kinds match on equal words whatever the kind (the small model
confuses ORG, EVENT and FAC), or when one is the acronym of the other (``org:icc`` and
``org:international_criminal_court``; ``place:us`` and ``place:united_states``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.symbols import PROPN

from newsprism.extract.entity_labels import (
    demonyms,
    platform_spans,
    relabel_uncued_persons,
    unify_labels,
)
from newsprism.extract.entity_rules import (
    CALENDAR_WORDS,
    CREDIT_AGENCIES,
    DEPARTMENTS,
    HEAD_LABELS,
    HEADLINE_VERBS,
    HONORIFICS,
    INITIAL_STOPWORDS,
    LABELS,
    NAME_PARTICLES,
    PLACE_NOUNS,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLE_GLUE,
    TITLES,
    credit_tail,
    head_label,
    initials,
    is_acronym,
    is_glued_line,
    is_role_descriptor,
)
from newsprism.extract.quote_cues import TITLES as PERSON_TITLES
from newsprism.model import Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

KINDS: dict[str, str] = {
    "PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group",
    "EVENT": "event", "WORK_OF_ART": "work", "LAW": "law", "PRODUCT": "product",
}  # fmt: skip

_WORD_RE = re.compile(r"\w+(?:[-']\w+)*")


def name_words(name: str) -> list[str]:
    """Normalised words of a name: casefold, no accents, no dots, no possessive, no leading "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").casefold().replace(".", "")
    text = re.sub(r"'s?(?=\s|$)", "", text)
    words = _WORD_RE.findall(text)
    while len(words) > 1 and words[0] == "the":
        words = words[1:]
    return words


def strip_title_words(words: list[str]) -> list[str]:
    """Drop a leading title or role ("president xi jinping" -> "xi jinping"); keeps at least one word."""
    last = -1
    for i, word in enumerate(words[:-1]):
        if word in TITLES or word in DEPARTMENTS:
            last = i
    return words[last + 1 :]


def canonical_key(name: str, label: str) -> str:
    """The cross-article key of an entity name with its spaCy label (see the module docstring)."""
    kind = KINDS.get(label, label.lower())
    words = name_words(name)
    if kind != "person":
        return f"{kind}:{'_'.join(words)}"
    words = strip_title_words(words)
    if len(words) == 1:
        return f"person:?{words[0]}"
    return f"person:{'_'.join(words)}"


def _split(key: str) -> tuple[str, str]:
    kind, _, rest = key.partition(":")
    return kind, rest


def _initials(rest: str) -> str:
    return "".join(w[0] for w in rest.split("_") if w and w not in INITIAL_STOPWORDS)


def keys_match(a: str, b: str) -> bool:
    """Whether two canonical keys (possibly from different articles) name the same entity."""
    if a == b:
        return True
    kind_a, rest_a = _split(a)
    kind_b, rest_b = _split(b)
    if (kind_a == "person") != (kind_b == "person"):
        return False
    if kind_a == "person":
        if rest_a.startswith("?") and rest_b.startswith("?"):
            return False
        if rest_a.startswith("?") or rest_b.startswith("?"):
            bare, full = (rest_a[1:], rest_b) if rest_a.startswith("?") else (rest_b[1:], rest_a)
            words = full.split("_")
            return bare in (words[0], words[-1])
        wa, wb = rest_a.split("_"), rest_b.split("_")
        return wa[0] == wb[0] and wa[-1] == wb[-1]
    if rest_a == rest_b:
        return True
    for short, long in ((rest_a, rest_b), (rest_b, rest_a)):
        if "_" not in short and 2 <= len(short) <= 8 and long.count("_") >= 1 and _initials(long) == short:
            return True
    return False


# ---------------------------------------------------------------- mentions


@dataclass(slots=True)
class _Cand:
    """A candidate mention: token span [start, end) of the doc, its label and rule flags."""

    start: int
    end: int
    label: str
    title: str | None = None  # a title stripped from the front of the span
    standalone: bool = False  # the mention is the whole line (a heading)
    group: int = -1  # acronym group id, -1 if none


def _alnum(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _trim(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """Cut spaces, punctuation, bullets, a leading "the" and a trailing possessive from a token span."""
    while s < e and (doc[s].is_space or not _alnum(doc[s].text) or doc[s].lower_ == "the"):
        s += 1
    while s < e and (doc[e - 1].is_space or not _alnum(doc[e - 1].text) or doc[e - 1].tag_ == "POS"):
        e -= 1
    return s, e


def _pieces(doc: Doc, s: int, e: int) -> list[tuple[int, int]]:
    """Split a token span at line breaks, then trim each piece."""
    out, begin = [], s
    for i in range(s, e + 1):
        if i == e or "\n" in doc[i].text:
            ts, te = _trim(doc, begin, i)
            if ts < te:
                out.append((ts, te))
            begin = i + 1
    return out


def _snap(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """Extend over hyphenated word parts ("Kim Jong" + "-un") and repair names cut after "and"/"for"."""
    while (
        e + 1 < len(doc) and not doc[e - 1].whitespace_ and doc[e].text == "-"
        and not doc[e].whitespace_ and doc[e + 1].is_alpha
    ):  # fmt: skip
        e += 2
    if doc[e - 1].lower_ in {"and", "of", "for", "&"}:
        while (
            e < len(doc)
            and not doc[e].is_space
            and (
                doc[e].text[:1].isupper()
                or (
                    doc[e].lower_ in {"and", "of", "for", "&"}
                    and e + 1 < len(doc)
                    and doc[e + 1].text[:1].isupper()
                )
            )
        ):
            e += 1
        while e > s + 1 and doc[e - 1].lower_ in {"and", "of", "for", "&"}:
            e -= 1
    return s, e


def _titleish(doc: Doc, i: int, lo: int, hi: int) -> bool:
    """Whether token i can sit in a title prefix ("Chinese", "China 's", "of", "Minister")."""
    tok = doc[i]
    low = tok.lower_
    if low in TITLES or low in DEPARTMENTS or low in TITLE_GLUE or tok.tag_ == "JJ":
        return True
    nxt = doc[i + 1].lower_ if i + 1 < hi else ""
    return bool(tok.text[:1].isupper() and (nxt in {"'s", "’s"} or nxt in TITLES) and lo <= i)


def _strip_title(doc: Doc, s: int, e: int) -> tuple[int, str | None]:
    """Move the start past a leading title ("Russian President Vladimir Putin" -> "Vladimir Putin")."""
    last = -1
    for i in range(s, e):
        if not _titleish(doc, i, s, e):
            break
        if doc[i].lower_ in TITLES or doc[i].lower_ in DEPARTMENTS:
            last = i
    if last < 0:
        return s, None
    return last + 1, doc[s : last + 1].text


def _title_before(doc: Doc, s: int) -> str | None:
    """A title written just before a name ("the Minister of Commerce" Wang Wentao), or None."""
    i = s - 1
    if i < 0 or not (doc[i].lower_ in TITLES or doc[i].lower_ in DEPARTMENTS):
        return None
    while i - 1 >= 0 and "\n" not in doc[i - 1].text and _titleish(doc, i - 1, 0, s):
        i -= 1
    while i < s and doc[i].lower_ in TITLE_GLUE:
        i += 1
    if not any(doc[k].lower_ in TITLES for k in range(i, s)):
        return None
    return doc[i:s].text


def _line(body: str, start: int, end: int) -> tuple[int, str]:
    ls = body.rfind("\n", 0, start) + 1
    le = body.find("\n", end)
    return ls, body[ls : le if le >= 0 else len(body)]


def _credit(body: str, text: str, start: int, end: int) -> bool:
    """Part of a photo credit: a slash-glued agency, an agency in brackets, or the tail of a credit line."""
    if "/" in text or body[start - 1 : start] == "/" or body[end : end + 1] == "/":
        return True
    if text.lower() in CREDIT_AGENCIES and (body[start - 1 : start] in "([" or body[end : end + 1] in ")]"):
        return True
    ls, line = _line(body, start, end)
    tail = credit_tail(line)
    return tail is not None and start >= ls + tail


def _valid_person(span: Span) -> bool:
    """A person needs a proper noun, no digit, capitalised words (particles aside), not a calendar word."""
    words = [t for t in span if not t.is_space and _alnum(t.text)]
    if not words or any(ch.isdigit() for ch in span.text):
        return False
    if not any(t.pos_ == "PROPN" for t in words):
        return False
    if span.text.lower() in CREDIT_AGENCIES:
        return False
    return all(
        t.text[:1].isupper()
        or t.lower_ in NAME_PARTICLES
        or (t.i > span.start and not t.nbor(-1).whitespace_)
        for t in words
    )


def _relabel(span: Span, label: str) -> str:
    words = [t.text for t in span if _alnum(t.text)]
    if label == "PERSON" and len(words) == 1 and is_acronym(words[0]):
        return "ORG"
    if label == "LAW":
        return label
    found = head_label(words)
    if found is None and label == "ORG" and speaks_as_person(span):
        return "PERSON"
    return found or label


def _person_shaped(span: Span) -> bool:
    """Two or three capitalised words, none all capitals: the shape of a person's name."""
    words = [t for t in span if _alnum(t.text)]
    return 2 <= len(words) <= 3 and all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in words)


def speaks_as_person(span: Span) -> bool:
    """A name the model took for an organisation that speaks of itself as "he" or "she": two or
    three capitalised words, the subject of a speech verb, after a title ("Governor Helena Marsh
    said") or with a he/she subject in the clause it says ("Harald Nygaard, a retired fisherman,
    said he feared for the fjord")."""
    if not _person_shaped(span) or not _speaker(span):
        return False
    if span.start > 0 and span.doc[span.start - 1].lower_ in PERSON_TITLES:
        return True  # "Governor Helena Marsh said": a title is given to people
    verb = span.root.head
    return any(
        t.lower_ in {"he", "she"} and t.dep_ in {"nsubj", "nsubjpass"}
        for child in verb.children
        if child.dep_ == "ccomp"
        for t in child.subtree
    )


def _is_role(span: Span) -> bool:
    """A span made only of titles and portfolios ("Minister of Commerce"): a role, not an entity."""
    words = [t.lower_ for t in span if _alnum(t.text)]
    return all(w in TITLES or w in DEPARTMENTS or w in TITLE_GLUE for w in words)


def _candidates(doc: Doc) -> list[_Cand]:
    """NER mentions, trimmed, split at line breaks, filtered and relabelled by the rules."""
    body = doc.text
    out: list[_Cand] = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        for s, e in _pieces(doc, ent.start, ent.end):
            cand = _clean(doc, body, s, e, ent.label_)
            if cand is not None:
                out.append(cand)
    return out


def _clean(doc: Doc, body: str, s: int, e: int, label: str) -> _Cand | None:
    """One trimmed token span through the filters; None when it is not an entity mention."""
    s, e = _snap(doc, s, e)
    span = doc[s:e]
    text = span.text
    start, end = span.start_char, span.end_char
    _, line = _line(body, start, end)
    if len(text) < 2 or not any(ch.isalpha() for ch in text) or text.lower() in CALENDAR_WORDS:
        return None
    if _credit(body, text, start, end) or is_glued_line(line) or _is_role(span):
        return None
    label = _relabel(span, label)
    title = None
    if label == "PERSON":
        s, title = _strip_title(doc, s, e)
        s, e = _cut_headline_verb(doc, s, e)
        span = doc[s:e]
        if s >= e or not _valid_person(span):
            return None
    standalone = line.strip(" \t•*-–.:") == span.text
    return _Cand(s, e, label, title, standalone)


def _headline_verb(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.lower_ in HEADLINE_VERBS


def _cut_headline_verb(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """Cut title-case headline verbs off a name ("Keller Heads" -> "Keller", "Visits Eldham" -> "Eldham")."""
    while e - s >= 2 and _headline_verb(doc[s]):
        s += 1
    for i in range(s + 1, e):
        if _headline_verb(doc[i]):
            return s, i
    return s, e


def _overlay(cands: list[_Cand], new: _Cand) -> None:
    """Add ``new``, dropping the candidates it overlaps."""
    cands[:] = [c for c in cands if c.end <= new.start or c.start >= new.end]
    cands.append(new)


def _acronyms(doc: Doc, cands: list[_Cand]) -> None:
    """Tie "Long Form (LF)" definitions together and mark every occurrence of both forms."""
    group = 0
    for i in range(1, len(doc) - 2):
        if doc[i].text != "(" or doc[i + 2].text != ")" or not _defined_acronym(doc[i + 1].text):
            continue
        acr = "".join(ch for ch in doc[i + 1].text if ch.isupper())  # "BoN": the initials B, N
        first = _long_form_start(doc, i, acr)
        if first is None:
            continue
        words = [t.text for t in doc[first:i]]
        seen = [c.label for c in cands if c.start < i and c.end > first and c.label != "PERSON"]
        label = head_label(words) or _first_head(words) or (max(seen, key=seen.count) if seen else "ORG")
        for s, e in _occurrences(doc, [doc[first:i].text, doc[i + 1].text]):
            _overlay(cands, _Cand(s, e, label, group=group))
        group += 1


def _defined_acronym(text: str) -> bool:
    """An acronym in a definition's parentheses: all capitals ("ICC"), or mixed case with two
    capitals or more and a capital first ("BoN" for Bank of Norland)."""
    if is_acronym(text):
        return True
    capitals = sum(ch.isupper() for ch in text)
    return 2 <= len(text) <= 8 and text.isalpha() and text[0].isupper() and capitals >= 2


def _first_head(words: list[str]) -> str | None:
    if len(words) >= 3 and words[1].lower() in {"of", "for", "on"}:
        return HEAD_LABELS.get(words[0].lower())
    return None


def _long_form_start(doc: Doc, paren: int, acr: str) -> int | None:
    """Token index where the words whose initials spell ``acr`` start, right before ``paren``."""
    letters = ""
    j = paren - 1
    while j >= 0 and paren - j <= 16:
        tok = doc[j]
        if "\n" in tok.text or (tok.is_punct and tok.text not in {"-", "&"}):
            return None
        if tok.lower_ not in INITIAL_STOPWORDS:
            if not tok.text[:1].isupper():
                return None
            letters = tok.text[0].upper() + letters
            if letters == acr:
                return j
            if len(letters) >= len(acr):
                return None
        j -= 1
    return None


def _occurrences(doc: Doc, names: list[str]) -> list[tuple[int, int]]:
    """Token spans of every whole-word occurrence of ``names`` in the doc."""
    out, text = [], doc.text
    for name in names:
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and span.text == name:
                out.append((span.start, span.end))
    return out


def _propagate_persons(doc: Doc, cands: list[_Cand]) -> None:
    """A person's full name, surname or one-word name is a person wherever it appears as a proper noun."""
    persons = [doc[c.start : c.end] for c in cands if c.label == "PERSON"]
    full = {p.text for p in persons if len(p) >= 2}
    names = {p[-1].text for p in persons if len(p) >= 2 and len(p[-1].text) >= 3}
    names |= {p.text for p in persons if len(p) == 1}
    for c in cands:
        text = doc[c.start : c.end].text
        if c.label != "PERSON" and c.group < 0 and (text in full or text in names):
            c.label = "PERSON"
    covered = {i for c in cands for i in range(c.start, c.end)}
    for s, e in _occurrences(doc, sorted(full, key=len, reverse=True)):
        if not covered.intersection(range(s, e)):
            cands.append(_Cand(s, e, "PERSON"))
            covered.update(range(s, e))
    for s, e in _occurrences(doc, sorted(names)):
        if e == s + 1 and s not in covered and doc[s].pos_ == "PROPN":
            cands.append(_Cand(s, e, "PERSON"))
            covered.add(s)


def _recover_persons(doc: Doc, cands: list[_Cand]) -> None:
    """Names the NER missed: two or three capitalised proper nouns set off by a role appositive
    ("Theresa Fallon, founder and director of ...") or the subject of a speech verb ("Jane Roe said")."""
    covered = {i for c in cands for i in range(c.start, c.end)}
    propn = PROPN
    pos = doc.to_array("POS")
    i = 0
    while i < len(doc):
        if pos[i] != propn or (i + 1 < len(doc) and pos[i + 1] != propn):
            i += 1
            continue
        e = i
        while e < len(doc) and e - i < 3 and _name_token(doc[e]) and e not in covered:
            e += 1
        if e - i >= 2 and (_role_appositive(doc, e) or _speaker(doc[i:e])):
            cands.append(_Cand(i, e, "PERSON"))
            covered.update(range(i, e))
        i = max(e, i + 1)


#: Lower-case words at which the model runs a person's name into a place ("running down Amina
#: Roper on Harbor Road" tagged as one ORG).
_PLACE_PREPS = frozenset({"on", "in", "at", "near", "outside"})
_STREET_WORDS = frozenset({"road", "street", "avenue", "lane", "boulevard", "highway", "bridge", "square"})


def _split_person_at_place(doc: Doc, cands: list[_Cand]) -> None:
    """Cut a name the model ran on into a place ("Amina Roper on Harbor Road") at the preposition,
    when the part before it is a person's name of the article, or has a name's shape before a
    street: a person, then a place."""
    persons = {doc[c.start : c.end].text for c in cands if c.label == "PERSON"}
    for c in list(cands):
        if c.label == "PERSON" or c.group >= 0:
            continue
        cut = next((i for i in range(c.start + 2, c.end - 1) if doc[i].lower_ in _PLACE_PREPS), None)
        if cut is None:
            continue
        street = doc[c.end - 1].lower_ in _STREET_WORDS
        left = doc[c.start : cut]
        shaped = _person_shaped(left) and not any(
            t.lower_ in HEAD_LABELS or t.lower_ in PLACE_NOUNS for t in left
        )
        if not (left.text in persons or (street and shaped)):
            continue
        place = _Cand(cut + 1, c.end, "FAC" if street else "GPE")
        c.end, c.label = cut, "PERSON"
        cands.append(place)


def _relabel_named_persons(doc: Doc, cands: list[_Cand]) -> None:
    """A two- or three-word name the model took for an organisation is a person when it is followed
    by ", who" or its last word alone is the subject of a speech verb elsewhere ("Marta Ilves, who
    heads the board, ..." / "Ilves said"); a name with an organisation's head noun stays as it is."""
    speakers = {t.text for t in doc if t.pos_ == "PROPN" and _speaker(doc[t.i : t.i + 1])}
    for c in cands:
        span = doc[c.start : c.end]
        if (
            c.label != "ORG"
            or c.group >= 0
            or not _person_shaped(span)
            or any(t.lower_ in HEAD_LABELS for t in span)
        ):
            continue
        after = doc[c.end : c.end + 2]
        if [t.text for t in after] == [",", "who"] or span[-1].text in speakers:
            c.label = "PERSON"


def _name_token(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper


def _role_appositive(doc: Doc, end: int) -> bool:
    seg = _appositive(doc, end)
    return (
        seg is not None
        and any(t.lower_ in ROLE_WORDS for t in seg[:6] if not t.is_space)
        and is_role_descriptor(seg)
    )


def _descriptor(doc: Doc, end: int) -> str | None:
    """The appositive after a name when it names a role or affiliation (not an opinion), else None."""
    seg = _appositive(doc, end)
    return seg.text if seg is not None and is_role_descriptor(seg) else None


def _speaker(span: Span) -> bool:
    head = span.root
    return head.dep_ == "nsubj" and head.head.lemma_ in SPEECH_VERBS


# ---------------------------------------------------------------- merging


def _person_groups(doc: Doc, cands: list[_Cand]) -> dict[int, int]:
    """Index of each person candidate -> index of the candidate holding its full name."""
    persons = [k for k, c in enumerate(cands) if c.label == "PERSON"]
    fulls = [k for k in persons if cands[k].end - cands[k].start >= 2]
    owner: dict[int, int] = {}
    for k in fulls:
        words = name_words(doc[cands[k].start : cands[k].end].text)
        owner[k] = next(
            (j for j in fulls if j in owner and owner[j] == j and _same_person(doc, cands[j], words)), k
        )
    for k in persons:
        if k in owner:
            continue
        bare = name_words(doc[cands[k].start].text)[:1]
        for pos in (-1, 0):  # surname (last word) first, then a family name written first
            hits = [j for j in fulls if name_words(doc[cands[j].start : cands[j].end].text)[pos:][:1] == bare]
            before = [j for j in hits if cands[j].start < cands[k].start]
            pick = before[-1] if before else (hits[0] if hits else None)
            if pick is not None:
                owner[k] = owner[pick]
                break
        else:
            owner[k] = k
    return owner


def _same_person(doc: Doc, cand: _Cand, words: list[str]) -> bool:
    other = name_words(doc[cand.start : cand.end].text)
    return other[0] == words[0] and other[-1] == words[-1]


def _appositive(doc: Doc, end: int) -> Span | None:
    """The noun phrase set off by commas after a name ("Neil Thomas, Fellow for ... ,"), or None."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    i = j = end + 1
    depth = 0
    while j < len(doc):
        tok = doc[j]
        if (j > i and tok.is_sent_start) or (depth == 0 and tok.text in {",", ";", ":"}):
            break
        if "\n" in tok.text or tok.text in {'"', "“", "”"} or j - i > 30:
            return None
        depth += (tok.text == "(") - (tok.text == ")")
        j += 1
    while j > i and ((doc[j - 1].is_punct and doc[j - 1].text != ")") or doc[j - 1].is_space):
        j -= 1
    seg = doc[i:j]
    if len(seg) < 2 or seg[0].pos_ in {"VERB", "AUX", "PRON", "CCONJ", "SCONJ", "PART", "ADP"}:
        return None
    if seg[0].lower_ in {"who", "which", "that", "whose", "where", "when", "and", "but"}:
        return None
    if any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in seg):
        return None
    if all(t.pos_ in {"PROPN", "PUNCT", "CCONJ", "SPACE"} for t in seg):
        return None
    return seg


def _merge(
    doc: Doc, cands: list[_Cand], context: list[tuple[str, str | None]]
) -> tuple[list[Mention], list[Entity]]:
    """Group candidates into entities (persons by name, others by name and acronym) and key them."""
    cands.sort(key=lambda c: c.start)
    owner = _person_groups(doc, cands)
    groups: dict[str, list[int]] = {}
    for k, c in enumerate(cands):
        if c.label == "PERSON":
            gid = f"p{owner[k]}"
        elif c.group >= 0:
            gid = f"a{c.group}"
        else:
            gid = "n" + "_".join(name_words(doc[c.start : c.end].text))
        groups.setdefault(gid, []).append(k)
    _join_initials(doc, cands, groups)
    entities, key_of = [], {}
    for members in sorted(groups.values(), key=lambda m: cands[m[0]].start):
        entity = _entity(doc, [cands[k] for k in members], context)
        entities.append(entity)
        for k in members:
            key_of[k] = entity.key
    mentions = [
        Mention(doc[c.start : c.end].text, c.label, doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1]),
                key_of[k])
        for k, c in enumerate(cands)
    ]  # fmt: skip
    return mentions, _dedupe_keys(entities)


def _join_initials(doc: Doc, cands: list[_Cand], groups: dict[str, list[int]]) -> None:
    """Join an undefined acronym ("BRI") to a multi-word name of the article with those initials."""
    for gid, members in list(groups.items()):
        text = doc[cands[members[0]].start : cands[members[0]].end].text
        if cands[members[0]].label == "PERSON" or not is_acronym(text) or gid not in groups:
            continue
        letters = text.replace(".", "").replace("&", "")
        for other, its in groups.items():
            span = doc[cands[its[0]].start : cands[its[0]].end]
            if (
                other != gid
                and len(span) >= 2
                and cands[its[0]].label != "PERSON"
                and initials([t.text for t in span]) == letters
            ):
                groups[other] = sorted(its + groups.pop(gid))
                break


def _entity(doc: Doc, members: list[_Cand], context: list[tuple[str, str | None]]) -> Entity:
    names = [doc[c.start : c.end].text for c in members]
    labels = [c.label for c in members]
    label = max(dict.fromkeys(labels), key=labels.count)
    name = max(dict.fromkeys(names), key=lambda n: (len(n.split()), names.count(n)))
    descriptor = next((d for c in members if c.label == "PERSON" and (d := _descriptor(doc, c.end))), None)
    if descriptor is None and label == "PERSON":
        titles = (c.title or _title_before(doc, c.start) for c in members)
        descriptor = next((t for t in titles if t and t.lower().rstrip(".") not in HONORIFICS), None)
    if label == "PERSON" and len(name.split()) == 1:
        bare = canonical_key(name, "PERSON")
        full = next(((n, t) for n, t in context if keys_match(bare, canonical_key(n, "PERSON"))), None)
        if full is not None:
            name, descriptor = full[0], descriptor or full[1]
    aliases = sorted({n for n in names if n != name})
    return Entity(canonical_key(name, label), name, label, aliases, descriptor, len(members))


def _dedupe_keys(entities: list[Entity]) -> list[Entity]:
    """Two groups that ended with one key (e.g. "Russia" GPE twice) become one entity."""
    by_key: dict[str, Entity] = {}
    for ent in entities:
        if ent.key in by_key:
            kept = by_key[ent.key]
            kept.mentions += ent.mentions
            kept.aliases = sorted(set(kept.aliases) | set(ent.aliases) | ({ent.name} - {kept.name}))
            kept.descriptor = kept.descriptor or ent.descriptor
        else:
            by_key[ent.key] = ent
    return list(by_key.values())


def _clean_candidates(
    doc: Doc, people: list[tuple[str, str | None]] | None = None, context: Doc | None = None
) -> list[_Cand]:
    """Candidates through every rule; ``people`` and ``context`` come from the headline and standfirst."""
    cands = _candidates(doc)
    _acronyms(doc, cands)
    for s, e in platform_spans(doc, cands):
        _overlay(cands, _Cand(s, e, "ORG"))
    _recover_persons(doc, cands)
    _split_person_at_place(doc, cands)
    _relabel_named_persons(doc, cands)
    _propagate_persons(doc, cands)
    names = [n for n, _ in people or []]
    relabel_uncued_persons(doc, cands, names)
    unify_labels(doc, cands, demonyms(doc, context), names)
    return [c for c in cands if not _lone_heading(doc, c, cands)]


def _context_people(context: Doc | None) -> list[tuple[str, str | None]]:
    """Full person names (with a title, if any) introduced in the headline or standfirst, titled first."""
    if context is None:
        return []
    people = [
        (context[c.start : c.end].text, c.title or _title_before(context, c.start))
        for c in _clean_candidates(context)
        if c.label == "PERSON" and c.end - c.start >= 2
    ]
    return sorted(people, key=lambda p: p[1] is None)


def extract_entities(doc: Doc, context: Doc | None = None) -> tuple[list[Mention], list[Entity]]:
    """Mentions (char spans into ``doc.text``) and the article's canonical entities, in text order.

    ``context`` is the parsed headline and standfirst: a full name introduced there completes a bare
    surname of the body ("Putin" -> Vladimir Putin), and its nationality words make "Valmoria" a place.
    Mentions are only taken from ``doc``.
    """
    people = _context_people(context)
    return _merge(doc, _clean_candidates(doc, people, context), people)


def _lone_heading(doc: Doc, cand: _Cand, cands: list[_Cand]) -> bool:
    """A person only ever written as a whole line of its own ("Uncommon Knowledge") is a heading."""
    if cand.label != "PERSON" or not cand.standalone:
        return False
    text = doc[cand.start : cand.end].text
    return not any(doc[c.start : c.end].text == text and not c.standalone for c in cands)
