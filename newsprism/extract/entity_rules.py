"""Rules that correct the small English model on news text: word lists, patterns, pipeline components.

Two pipeline components are added by :func:`install` (called from ``load_nlp``):

- ``newsprism_paragraphs`` (first): a blank line (or a line break before a capitalised line) starts a
  sentence, so neither the parser nor the NER ever runs a sentence or an entity across a paragraph.
- ``entity_ruler`` (before ``ner``): a small gazetteer of names the small model gets wrong in news
  (platforms read as people or places, photo agencies, the Belt and Road programme and forum).

The word lists below drive the mention filters in :mod:`newsprism.extract.entities`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.language import Language

if TYPE_CHECKING:
    from spacy.tokens import Doc


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Entity labels kept as named entities (numbers, dates and times are handled elsewhere).
LABELS: frozenset[str] = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"}
)

#: Titles and roles stripped from the front of person names ("Chinese President Xi Jinping").
TITLES: frozenset[str] = _wordset(
    """president presidents vice premier prime minister ministers secretary chancellor king queen prince
    princess emperor pope chairman chairwoman chairperson chair leader leaders governor senator sen sen.
    representative rep rep. congressman congresswoman mayor general gen gen. admiral colonel col major
    captain lieutenant sergeant commander dr dr. mr mr. mrs mrs. ms ms. miss sir dame lord lady professor
    prof prof. judge justice ambassador envoy spokesman spokeswoman spokesperson ceo cfo coo founder
    director chief head deputy acting foreign defence defense interior state st. saint sheikh ayatollah
    imam rabbi reverend rev rev. father bishop archbishop cardinal chancellor marshal officer commissioner
    councillor councilor mp mep superintendent inspector detective constable coach manager striker
    midfielder defender goalkeeper captain star singer actor actress author writer dictator
    strongman"""
)

#: Role nouns that mark an appositive after a person's name ("Jane Roe, a fellow at ...").
ROLE_WORDS: frozenset[str] = TITLES | _wordset(
    """fellow analyst adviser advisor researcher expert economist lecturer scholar reporter correspondent
    editor official member founder co-founder partner historian professor specialist consultant lawyer
    attorney campaigner activist scientist"""
)

#: Lemmas of verbs that introduce speech; their proper-noun subject is a person.
SPEECH_VERBS: frozenset[str] = _wordset(
    "say tell add argue believe suggest warn note explain write claim insist stress state point"
)

#: Words that name the portfolio in "Minister of Commerce Wang Wentao".
DEPARTMENTS: frozenset[str] = _wordset(
    """affairs commerce trade finance treasury economy economic defence defense foreign home interior
    justice health education state industry energy environment agriculture culture transport labour
    labor security intelligence information communications science technology housing development
    welfare tourism sport sports fisheries"""
)

#: Lower-case words allowed inside a title prefix ("Minister of Commerce", "China's President").
TITLE_GLUE: frozenset[str] = frozenset(
    {"of", "for", "the", "and", "&", "'s", "’s", "former", "then", "late", "senior", "top", "new", "-"}
)

#: Particles allowed in lower case inside a person name.
NAME_PARTICLES: frozenset[str] = frozenset(
    {"de", "da", "di", "del", "della", "der", "den", "van", "von", "ter", "la", "le", "du", "bin", "ibn",
     "al", "el", "y", "abu", "dos", "das", "-", "'", "’"}
)  # fmt: skip

#: Function words ignored when reading initials ("Belt and Road Forum" -> BRF).
INITIAL_STOPWORDS: frozenset[str] = frozenset(
    {"of", "for", "and", "the", "on", "in", "at", "to", "de", "du", "la", "le", "&", "-", "'s", "’s"}
)

#: Weekdays, months and day words: never a named entity.
CALENDAR_WORDS: frozenset[str] = _wordset(
    """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat
    sun january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec today tomorrow yesterday tonight"""
)

#: Photo and wire agencies that appear in credit lines.
CREDIT_AGENCIES: frozenset[str] = frozenset(
    {"getty", "getty images", "afp", "reuters", "ap", "epa", "shutterstock", "alamy", "pa", "anadolu",
     "sipa", "imago", "xinhua", "tass", "sputnik", "bloomberg via getty images"}
)  # fmt: skip

#: A credit line: a photo credit, "via Getty", an agency glued with a slash.
CREDIT_RE = re.compile(
    r"(?:\b(?:Photo(?:graph)?s?|Image|Picture|Credit)s?\s*(?:by\b|:)|©|\bvia Getty\b|\bGetty Images\b"
    r"|/\s*(?:AFP|Reuters|AP|EPA|Getty)\b|\b(?:AFP|Reuters|AP|EPA)\s*/)",
    re.IGNORECASE,
)

#: Head nouns that decide the label of a multi-word name whatever the model said.
HEAD_LABELS: dict[str, str] = {
    **dict.fromkeys(
        _wordset(
            """forum summit conference games olympics war cup championship championships election elections
        festival expo talks referendum olympiad"""
        ),
        "EVENT",
    ),
    **dict.fromkeys(
        _wordset(
            """initiative court centre center institute institution university college school organisation
        organization party council agency ministry department bank fund group committee commission
        association corporation company inc inc. ltd ltd. plc foundation society parliament assembly
        army navy police service board office authority network television tv times post news media press
        journal tribune gazette herald telegraph guardian airlines airways club federation alliance
        coalition movement front"""
        ),
        "ORG",
    ),
    **dict.fromkeys(_wordset("kingdom republic emirate emirates province county"), "GPE"),
}

#: Names the small model mislabels in news text, fixed before the NER runs.
RULER_PATTERNS: list[dict[str, object]] = [
    *(
        {"label": "ORG", "pattern": name}
        for name in (
            "Weibo", "WeChat", "Baidu", "Douyin", "Tencent", "Alibaba", "TikTok", "Telegram", "Twitter",
            "Facebook", "Instagram", "YouTube", "WhatsApp", "Getty Images", "Reuters", "AFP", "Xinhua",
            "Belt and Road Initiative", "BRI", "NATO", "Kremlin",
        )
    ),
    {"label": "EVENT", "pattern": "Belt and Road Forum"},
    {"label": "EVENT", "pattern": "BRF"},
]  # fmt: skip


@Language.component("newsprism_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after a blank line, or after a line break followed by a non-lower-case word."""
    for i in range(len(doc) - 1):
        tok = doc[i]
        if not tok.is_space or "\n" not in tok.text:
            continue
        nxt = doc[i + 1]
        if tok.text.count("\n") >= 2 or not nxt.text[:1].islower():
            nxt.is_sent_start = True
    return doc


def install(nlp: Language) -> Language:
    """Add the paragraph-boundary component and the news entity ruler to ``nlp`` (idempotent)."""
    if "newsprism_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("newsprism_paragraphs", first=True)
    if "entity_ruler" not in nlp.pipe_names and "ner" in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
        ruler.add_patterns(RULER_PATTERNS)  # type: ignore[attr-defined]
    return nlp


def head_label(words: list[str]) -> str | None:
    """The label implied by the head noun of a multi-word name ("Belt and Road Summit" -> EVENT)."""
    if len(words) < 2:
        return None
    return HEAD_LABELS.get(words[-1].lower())


def initials(words: list[str]) -> str:
    """Upper-case initials of the capitalised words, skipping function words."""
    return "".join(w[0].upper() for w in words if w.lower() not in INITIAL_STOPWORDS and w[:1].isalpha())


def is_acronym(text: str) -> bool:
    """An all-capitals token of 2-8 letters ("BRI", "ICC", "U.S."): never a person."""
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def credit_tail(line: str) -> int | None:
    """Offset in ``line`` where a photo credit starts (at the start of its word), or None."""
    match = CREDIT_RE.search(line)
    if match is None:
        return None
    start = match.start()
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    return start


def is_glued_line(line: str) -> bool:
    """A tag strip glued without separators ("BeijingBelt and Road ForumChinaGlobal South")."""
    return len(re.findall(r"[a-z]{3}[A-Z][a-z]", line)) >= 2 and not line.rstrip().endswith((".", '"', "”"))
