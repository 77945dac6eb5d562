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
    from spacy.tokens import Doc, Span, Token


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

#: Last words of a shop or building's name, never a person's ("Riverside Bakery on Elm Street").
PLACE_NOUNS: frozenset[str] = _wordset(
    """bakery cafe café restaurant hotel store shop market church school hospital pharmacy garage bar pub
    inn mall centre center plaza station library clinic stadium hall theatre theater museum"""
)

#: Forms of address before a name ("Dr.", "Mr"): no role or affiliation of their own.
HONORIFICS: frozenset[str] = _wordset("mr mrs ms miss mx dr sir dame")

#: Titles abbreviated with a period before a name ("Dr. Osei", "Sgt. Hale"): the period ends no
#: sentence, and the title is never an entity on its own.
TITLE_ABBREVIATIONS: frozenset[str] = _wordset(
    """dr mr mrs ms mx prof gov sen rep gen lt sgt st col capt cmdr adm maj cpl pvt rev fr hon supt insp
    det"""
)

#: Role nouns that mark an appositive after a person's name ("Jane Roe, a fellow at ...").
ROLE_WORDS: frozenset[str] = TITLES | _wordset(
    """fellow analyst adviser advisor researcher expert economist lecturer scholar reporter correspondent
    editor official member founder co-founder partner historian professor specialist consultant lawyer
    attorney campaigner activist scientist"""
)

#: More job and role nouns: an appositive needs one of these (or an affiliation) to be a descriptor.
JOB_WORDS: frozenset[str] = ROLE_WORDS | _wordset(
    """diplomat negotiator aide staffer strategist investor entrepreneur owner executive employee worker
    student teacher doctor nurse physician surgeon soldier politician lawmaker legislator candidate nominee
    prosecutor journalist columnist commentator host presenter anchor producer designer engineer architect
    academic physicist chemist biologist economist veteran banker trader broker farmer fisherman pilot
    officer official officials delegate envoy representative adviser advisers advisor emeritus staff
    principal dean provost rector chair co-chair co-director board trustee governor candidate organiser
    organizer coordinator head lead researcher scientist volunteer resident citizen spokesperson
    commissioner auditor regulator analyst chairman champion holder boss winner reviewer cleaner medallist
    medalist runner athlete player footballer cricketer golfer boxer sprinter swimmer skipper chef poet
    playwright composer conductor dancer ballerina filmmaker film-maker broadcaster critic novelist
    musician comedian photographer artist painter sculptor pianist guitarist drummer rapper band"""
)

#: Adjectives that judge a person rather than describe a role: an appositive with one is an opinion.
EVALUATIVE_WORDS: frozenset[str] = _wordset(
    """shrewd shrewder shrewdest brilliant great greatest legendary charismatic assertive ruthless savvy
    visionary heroic beloved notorious infamous formidable tough capable talented gifted skilled skilful
    skillful masterful wise clever smart genius iconic celebrated admired feared hated corrupt incompetent
    dangerous reckless erratic stubborn pragmatic reliable trustworthy steady practical firm calm bold
    fearless courageous brave cunning wily astute canny inspiring inspirational outstanding exceptional
    remarkable extraordinary impressive terrible awful disastrous weak strong powerful mighty good bad
    better worse best worst honest dishonest"""
)

#: Words allowed after "most" in a role ("the most senior official", "the most recent MP").
RANK_WORDS: frozenset[str] = _wordset("senior junior recent")

#: Title-case verbs of headlines ("Keller Heads to Soria", "Putin Slams West"): never part of a name.
#: Verbs that are also common surnames (Banks, Wells, Marks, Burns, Waits, Hurts, Brooks) are left out.
HEADLINE_VERBS: frozenset[str] = _wordset(
    """heads says said slams visits meets warns vows urges calls hits lands arrives returns faces seeks
    wins loses backs blasts rejects denies admits claims insists signs unveils announces launches defends
    attacks praises criticises criticizes condemns welcomes hails pledges promises threatens orders bans
    blocks quits resigns leaves joins tells asks talks touts eyes mulls plans weighs sees gets takes makes
    gives goes comes flies travels hosts greets thanks names picks fires hires sues probes accuses blames
    defies dismisses downplays doubles steps speaks responds reacts rallies confirms reveals expects wants
    needs agrees refuses fails tries opens closes ends starts begins holds keeps puts sets shows turns
    wraps courts woos snubs skips cancels delays extends cuts raises lifts drops ditches scraps lashes
    fumes hits jets heads arrives departs dodges ducks embraces"""
)

#: Prepositions after which a name with no person cue is a place ("in Vessen", "across Drevia").
LOCATIVE_WORDS: frozenset[str] = _wordset(
    "in into inside outside near across throughout around within leaving left entering entered"
)

#: Words before "to" / "from" that make it a movement ("visit to X", "returned from X", "heads to X").
MOTION_WORDS: frozenset[str] = _wordset(
    """visit trip travel go fly head return move come journey flight way arrive flee drive sail deport
    expel evacuate export import ship route road tour mission delegation relocate emigrate migrate"""
)

#: Nouns naming a service: "the Drevian platform Kestrel", "the social network X" make X an ORG.
PLATFORM_WORDS: frozenset[str] = _wordset(
    "platform platforms network app application site website service messenger channel portal outlet"
)

#: Lemmas that make "on X" a platform ("viewed 180 million times on X", "posted on X").
PLATFORM_CUES: frozenset[str] = _wordset(
    """view post share trend stream upload watch tweet hashtag follower app platform video account like
    repost comment livestream download"""
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


_AFFILIATION_PREPS = frozenset({"of", "at", "with", "from", "for"})


def is_role_descriptor(seg: Span) -> bool:
    """Whether an appositive names a role or an affiliation ("founder and director of CREAS",
    "a senior fellow at the Harlow Institute") rather than judging the person.

    Refused: a comparison ("a shrewder negotiator than any ...", "a more assertive leader than Mao";
    "more than 20 years" is a quantity, not a comparison), a superlative ("the best", "most"; "the
    most senior" is a rank), an evaluative adjective ("a brilliant strategist"), and a phrase with
    neither a role noun nor an affiliation ("of" / "at" / "with" a name or an organisation).
    """
    toks = [t for t in seg if not t.is_space]
    for k, tok in enumerate(toks):
        low = tok.lower_
        after = toks[k + 1] if k + 1 < len(toks) else None
        if low == "than" and not (after is not None and (after.like_num or after.pos_ == "NUM")):
            return False
        if tok.tag_ in {"JJS", "RBS"} or low in {"most", "least", "best", "worst"}:
            rank = after is not None and (after.lower_ in RANK_WORDS or after.text == "-")
            if not rank:
                return False
        if tok.pos_ == "ADJ" and low in EVALUATIVE_WORDS:
            return False
    return any(_role_noun(t) for t in toks) or any(
        t.lower_ in _AFFILIATION_PREPS and k + 1 < len(toks) and _affiliated(toks[k + 1 :])
        for k, t in enumerate(toks)
    )


def _role_noun(tok: Token) -> bool:
    low = tok.lower_
    if low in JOB_WORDS or low.rstrip("s") in JOB_WORDS:
        return True
    return tok.pos_ == "NOUN" and low.endswith(("ist", "ian", "maker"))


def _affiliated(rest: list[Token]) -> bool:
    """The words after a preposition start with a name or an organisation ("of the Harlow Institute")."""
    for tok in rest[:4]:
        if tok.ent_type_ in {"ORG", "GPE", "NORP", "FAC"} or (tok.pos_ == "PROPN" and tok.text[:1].isupper()):
            return True
        if tok.lower_ in HEAD_LABELS:
            return True
        if tok.pos_ not in {"DET", "ADJ"}:
            return False
    return False
