"""Word lists for quote attribution: cue verbs, vague sources, titles, pronouns, photo credits.

Calibrated by reading the PolNeAR *train* compartment's most frequent cues and sources; dev was not
used to choose words.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Verbs (lemmas) that introduce a direct quote or a reported clause.
SPEECH_VERBS: frozenset[str] = _words(
    """say tell add state declare explain note write tweet post remark reply respond answer ask
    claim insist argue contend maintain suggest warn caution believe think feel predict estimate
    acknowledge admit concede confirm deny announce report reveal disclose stress emphasize emphasise
    point hail describe call praise criticize criticise accuse allege charge complain lament
    recall observe comment conclude assert affirm vow promise pledge urge demand agree counter
    quip joke boast brag testify concur reason speculate worry fear hope expect
    express recount wonder muse reiterate blast slam mock label dub characterize characterise
    interpret signal indicate continue greet welcome"""
)

#: Verbs whose complement clause is reported speech or belief ("X believes that ...").
REPORT_VERBS: frozenset[str] = SPEECH_VERBS - frozenset(
    {"call", "hail", "praise", "label", "dub", "describe", "greet", "welcome"}
)

#: Verbs that describe a person or thing in someone's words ("described as ... by X", "hailed X as").
DESCRIBE_VERBS: frozenset[str] = frozenset(
    {
        "describe",
        "call",
        "hail",
        "label",
        "dub",
        "characterize",
        "characterise",
        "praise",
        "brand",
        "greet",
        "welcome",
    }
)

#: Verbs (lemmas) that withhold the speech verb they govern ("declined to say", "refused to confirm").
REFUSAL_VERBS: frozenset[str] = _words("decline refuse fail avoid hesitate evade dodge sidestep")

#: Words that make a complement clause an indirect question ("did not say whether ...", "asked how ...").
QUESTION_WORDS: frozenset[str] = _words("whether if how what when why where who whom which")

#: Nouns right before a colon that introduce a cited text rather than speech ("with the hashtag: ...").
LABEL_NOUNS: frozenset[str] = _words(
    """hashtag headline title slogan caption tagline motto banner phrase term label subject line"""
)

#: Head lemmas of documents: a document speaks ("the memo said") but is no unnamed person.
DOCUMENT_HEADS: frozenset[str] = _words(
    """memo memorandum statement letter filing document release email e-mail transcript report reports
    study poll survey"""
)

#: Head lemmas of unnamed, vague sources (documents among them).
VAGUE_HEADS: frozenset[str] = DOCUMENT_HEADS | _words(
    """expert observer official analyst source critic some many others people media insider diplomat
    commentator economist scholar researcher supporter opponent aide adviser advisor strategist
    lawmaker politician voter resident witness activist leader pundit academic specialist watcher
    authority spokesman spokeswoman spokesperson person prosecutor investigator regulator police
    detective"""
)

#: Head lemmas of a person described by what they do ("one hardware engineer"): unnamed, so vague.
PERSON_NOUNS: frozenset[str] = _words(
    """engineer worker employee staffer manager executive lawyer attorney teacher nurse doctor
    physician student investor trader banker farmer driver owner consultant contractor technician
    programmer developer designer scientist officer soldier veteran volunteer parent mother father
    neighbor neighbour customer shopper passenger patient victim survivor relative friend colleague
    coworker co-worker employer member organizer organiser"""
)

#: Words dropped from the front of a name ("President Xi Jinping" -> "Xi Jinping").
TITLES: frozenset[str] = _words(
    """president mr mr. mrs mrs. ms ms. dr dr. sen sen. senator rep rep. representative gov gov.
    governor prime minister secretary chancellor judge justice general gen gen. professor prof prof.
    leader former vice chairman chairwoman chair ceo director ambassador mayor speaker king queen
    prince princess pope sir dame lord lady rev rev. reverend st. candidate nominee premier councillor
    councilor councilman councilwoman commissioner chief lt. col. capt. sgt. maj. cpl. pvt. adm. cmdr.
    supt. det. inspector coach dean bishop cardinal rabbi imam sheikh cfo coo cto"""
)

#: Third-person pronouns resolved to the most recent person.
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her"})
#: Relative pronouns resolved to the noun they modify ("Smith, who said ...").
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that"})
#: Pronouns that are never a usable speaker on their own.
UNUSABLE_SUBJECTS: frozenset[str] = frozenset({"it", "this", "both", "there", "what", "all", "each", "one"})

#: Photo credit / caption markers: a mention matching this is never a speaker.
CREDIT_RE = re.compile(
    r"(?i)\b(getty|images|photo|photograph|afp|reuters/|ap photo|contributor|credit|courtesy|shutterstock|"
    r"xinhua/|pool/|file photo)\b|/|©"
)

#: Quote marks: openers, closers, and the ambiguous straight mark.
OPEN_MARKS = "“„«"
CLOSE_MARKS = "”»"
STRAIGHT_MARK = '"'
ALL_MARKS = OPEN_MARKS + CLOSE_MARKS + STRAIGHT_MARK + "‘’'"
