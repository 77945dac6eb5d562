"""Temporal expressions of an article resolved to the calendar against its publication date.

``extract_timexes(text, dct, doc)`` tags expressions with the rules of
:mod:`newsprism.extract.timex_rules`, decides the tense of each one's clause (from the
spaCy parse when given, else from cheap cues: will/'ll/going to/next vs. past-tense verbs
nearby; a day right after a past reporting verb, "said on Tuesday it would", is the telling's) and
normalises them with :mod:`newsprism.extract.timex_resolve` to TimeML values:
"2023-10-17", "2023-10", "2022", "2023-W42", "2023-Q3", "P3D", "PRESENT_REF", ...
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from newsprism.extract.timex_resolve import Context, resolve
from newsprism.extract.timex_rules import DAYREF, UNIT_SING, WEEKDAYS, Candidate, find_candidates, select
from newsprism.model import Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Cap on the text scanned (characters); longer input is tagged up to this point only.
MAX_CHARS = 2_000_000

_FUTURE = {"will", "'ll", "shall", "should", "wo", "next", "upcoming", "scheduled", "would", "could", "might"}
_FUTURE |= {"due", "expects", "expected", "tomorrow", "coming", "intends", "soon", "resume"}
#: Planning verbs: what was planned or scheduled lies ahead of the planning ("planned to leave on
#: Thursday", "has scheduled a news conference Thursday").
_PLANNING = {"plan", "schedule"}
_FUTURE |= {"planned"}
#: Two-word future cues: "plans to", "set to", "is to", "going to", "were forecast to" (ahead even in
#: past-tense reported speech).
_FUTURE_TO = {"plans", "plan", "set", "is", "are", "going", "aims", "intends", "hopes", "planning"}
_FUTURE_TO |= {"forecast", "forecasted", "projected", "slated", "poised"}
#: "could not be reached Wednesday": a past attempt, not a future event.
_UNREACHED = re.compile(r"\s+not\s+(?:immediately\s+|otherwise\s+)?(?:be\s+)?reached\b", re.IGNORECASE)
_SOON_AS = re.compile(r"\bas (?:soon|early) as\s+(?:on\s+)?$", re.IGNORECASE)
_PAST_IRREGULAR = set(
    [
        "was",
        "were",
        "had",
        "did",
        "said",
        "told",
        "came",
        "went",
        "met",
        "took",
        "made",
        "gave",
        "got",
        "saw",
        "left",
        "began",
        "held",
        "won",
        "lost",
        "fell",
        "rose",
        "sold",
        "bought",
        "paid",
        "spent",
        "sent",
        "led",
        "ran",
        "hit",
        "struck",
        "spoke",
        "wrote",
        "flew",
        "brought",
        "thought",
        "found",
        "kept",
        "became",
        "broke",
        "chose",
        "drove",
        "knew",
        "grew",
        "threw",
        "shot",
        "stood",
        "understood",
        "sat",
        "fought",
        "caught",
        "taught",
        "meant",
        "heard",
        "felt",
        "dealt",
        "ago",
        "earlier",
        "last",
        "yesterday",
        "rang",
        "sang",
        "swam",
        "wore",
        "tore",
        "drew",
        "forgot",
        "froze",
        "hid",
        "slid",
        "stole",
        "woke",
        "withdrew",
        "overtook",
        "undertook",
        "arose",
        "bore",
    ]
)
_NOT_PAST_ED = {
    "need",
    "speed",
    "feed",
    "seed",
    "bed",
    "red",
    "hundred",
    "indeed",
    "united",
    "proceed",
    "shed",
}
_NOT_PAST_ED |= {"succeed", "exceed", "breed", "greed", "weed", "steed", "bleed", "creed", "deed", "freed"}
_WORD = re.compile(r"[A-Za-z']+")
#: What a rate's "a year" follows (TimeML SET: "$33 million a year", "interviews a day", "24 hours a day"):
#: a figure, a large-number word, or a plural count noun (not a verb or pronoun that ends in s).
_RATE_LEAD = re.compile(
    r"(?:\d%?|%|\b(?:times|once|twice|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|percent)"
    r"|\b(?!(?:was|has|is|as|this|its|his|hers|ours|yours|theirs|does|less|unless|always|perhaps|thus|plus"
    r"|us|yes|sometimes|whereas|besides|towards|afterwards|across|nevertheless|regardless)\b)[A-Za-z]*[a-z]s)"
    r"\s*$"
)
_RATE = re.compile(r"(?i:an?)\s+" + UNIT_SING)
_DET_BEFORE = re.compile(
    r"\b(?:a|an|the|its|their|his|her|our|your|this|these|those|still|very|more|most|less|newly|well)\s+$",
    re.IGNORECASE,
)
_AUX_BEFORE = re.compile(r"\b(?:be|been|being|have)\s+$", re.IGNORECASE)
_HAS_BEFORE = re.compile(r"\bhas\s+$", re.IGNORECASE)
_STATE_UNTIL = re.compile(r"\w+\s+until\s+", re.IGNORECASE)
_QUOTE_MARK = re.compile(r"``|''|[\"“”]")
#: A sentence end: ".", "!" or "?" (then closing quotes/brackets) before a space, or a newline; a period
#: after an abbreviation ("Roe vs. Wade", "Birmingham, Ala., killed", "Dr. Slepian") or an initial
#: ("James C. Kopp") ends none (see :func:`_ends_sentence`).
_SENT_END = re.compile(r"[.!?][\"')\]]*\s|\n")
_ABBREV = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|vs|Mr|Mrs|Ms|Dr|St|Mt|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|Rev|Prof|Pres|Jr|Sr"
    r"|Inc|Corp|Co|Ltd|Bros|No|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga"
    r"|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo"
    r"|approx|est|etc|[a-z]\.[a-z])\.$"
)


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Whether a :data:`_SENT_END` match ends a sentence (not a period after an abbreviation)."""
    if m.group(0)[0] != ".":
        return True
    return _ABBREV.search(text, max(0, m.start() - 8), m.start() + 1) is None


def _parse_dct(dct: str | None) -> date | None:
    if not dct:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(dct))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 400)
    s = lo
    for m in _SENT_END.finditer(text, lo, start):
        if _ends_sentence(text, m):
            s = m.end()
    hi = min(len(text), end + 400)
    m = next((x for x in _SENT_END.finditer(text, end, hi) if _ends_sentence(text, x)), None)
    return s, (m.start() + 1 if m else hi)


def _quoted_bounds(text: str, start: int, end: int, s: int, e: int) -> tuple[int, int]:
    """The quotation around [start, end) inside the sentence [s, e), else the sentence: the tense of
    a quote is its speaker's, not the reporting verb's ("'He will leave Thursday,' Castro said")."""
    marks = [m.start() for m in _QUOTE_MARK.finditer(text, s, e)]
    before = [p for p in marks if p < start]
    after = [p for p in marks if p >= end]
    if len(before) % 2 == 1 and after:
        return before[-1], after[0]
    return s, e


#: Speech verbs of an attribution after the clause ("Results would be announced on Friday, he said").
_ATTRIBUTING = frozenset(
    ["said", "added", "told", "stated", "wrote", "noted", "explained", "insisted", "warned"]
)
#: What stands between a clause and its trailing attribution: a comma (or closing quote) and a short subject.
_TRAILING = re.compile(r"[,\"”’']\s+(?:[\w.'’-]+\s+){1,4}$")


def _cues(text: str, start: int, end: int, perfect: bool = True) -> Iterator[tuple[int, str, int]]:
    """(distance, "past" or "future", offset) of each tense cue of the clause around [start, end);
    with ``perfect`` False, a participle after "has" ("has continued") is no past cue."""
    s, e = _quoted_bounds(text, start, end, *_sentence_bounds(text, start, end))
    for m in _WORD.finditer(text, s, e):
        if start <= m.start() < end:
            continue
        w = m.group(0).lower()
        if (w in _FUTURE_TO and text[m.end() : m.end() + 4] == " to ") or w in _FUTURE:
            if w in ("could", "might") and _UNREACHED.match(text, m.end()):
                continue
            kind = "future"
        elif w in _PAST_IRREGULAR or (w.endswith("ed") and len(w) > 4 and w not in _NOT_PAST_ED):
            if _AUX_BEFORE.search(text, max(s, m.start() - 8), m.start()):
                continue  # "will be held": a participle after be/have carries no tense
            if not perfect and _HAS_BEFORE.search(text, max(s, m.start() - 5), m.start()):
                continue
            if w not in _PAST_IRREGULAR and _DET_BEFORE.search(text, max(s, m.start() - 12), m.start()):
                continue  # "a still unspecified date": an adjective, not a verb
            kind = "past"
        else:
            continue
        if (
            kind == "past"
            and m.start() >= end
            and w in _ATTRIBUTING
            and _TRAILING.search(text, end, m.start())
        ):
            continue  # "... on Friday, he said": the attribution's tense is not the clause's
        dist = m.start() - end if m.start() >= end else start - m.end()
        # an explicit future marker outweighs a nearby participle
        yield (dist - 5 if kind == "future" else dist), kind, m.start()


def cue_tense(text: str, start: int, end: int) -> str | None:
    """Tense of the clause around [start, end) from surface cues: "past", "future" or None."""
    if _SOON_AS.search(text, max(0, start - 20), start):
        return "future"  # "as early as Tuesday": the next one
    best: tuple[int, str] | None = None
    for dist, kind, _ in _cues(text, start, end):
        if best is None or dist < best[0]:
            best = (dist, kind)
    return best[1] if best else None


def _has_past_cue(text: str, start: int, end: int) -> bool:
    """Whether the clause around [start, end) has a simple past-tense cue (the present perfect "has
    continued" is none, nor the state just before the date: "closed until Friday")."""
    cues = _cues(text, start, end, perfect=False)
    return any(kind == "past" and not _STATE_UNTIL.fullmatch(text, at, start) for _, kind, at in cues)


def _governing_verb(tok: Token) -> Token | None:
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _main_clause_verb(verb: Token, start: int, end: int) -> Token:
    """The reporting verb for a modifier the parse hangs on its complement clause though it stands
    before that clause's subject ("said on Tuesday it would cut": "on Tuesday" is the saying's, not
    the cutting's); else ``verb``. A "that" before the modifier keeps it in the clause."""
    head = verb.head
    if verb.dep_ != "ccomp" or head is verb or head.pos_ not in ("VERB", "AUX") or head.i >= start:
        return verb
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    marks = [c for c in verb.children if c.dep_ == "mark" and c.i < start]
    if subjects and all(c.i >= end for c in subjects) and not marks:
        return head
    return verb


#: Verbs whose present tense puts the infinitive they govern ahead ("expect it to ease on Tuesday").
_EXPECTING = frozenset({"expect", "hope", "plan", "intend", "aim", "want"})


def _expected_now(verb: Token) -> bool:
    """Whether ``verb`` is an infinitive ("to ease") governed by a verb of expectation in the
    present tense ("we expect it to", "is expected to"), not a past one ("had expected it to")."""
    if verb.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    head = verb.head
    if head is verb or head.lemma_ not in _EXPECTING:
        return False
    if head.tag_ in ("VBP", "VBZ"):
        return True
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    return head.tag_ == "VBN" and any(a.tag_ in ("VBP", "VBZ") for a in auxes)


def doc_tense(doc: Doc, start: int, end: int) -> str | None:
    """Tense of the verb governing the span in a spaCy parse: "past", "future" or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governing_verb(span.root)
    if verb is None:
        return None
    verb = _main_clause_verb(verb, span.start, span.end)
    if _expected_now(verb):
        return "future"  # "we now expect it to ease on Tuesday"
    if verb.lemma_ in _PLANNING and verb.dep_ not in ("acl", "advcl", "amod"):
        return "future"  # not a participle of another clause: "a service planned for Saturday was canceled"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "'ll", "shall", "wo"} or any(
        a.lower_ == "going" and a.nbor(1).lower_ == "to" for a in auxes if a.i + 1 < len(doc)
    ):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and (words & {"has", "have", "had"} or not auxes):
        return "past"
    return None


#: A target noun or participle: the date it names lies ahead whatever the tense of the verb that set
#: it ("has set an action date of Oct. 14", "a hearing scheduled for May 3").
_TARGET = r"(?:action|due|target|deadline) date(?: of| is)?|deadline(?: of)?|(?:scheduled|set|slated) for"
_DEADLINE = re.compile(
    r"\b(?:payable|effective|until|till|by|record|expires?|due|" + _TARGET + r")\s+(?:on\s+)?$", re.IGNORECASE
)
_DUE = re.compile(r"\b(?:payable|effective|expires?|due|" + _TARGET + r")\s+(?:on\s+)?$", re.IGNORECASE)
_ENDED = re.compile(r"\b(?:ended|since)\s+(?:on\s+)?$", re.IGNORECASE)


#: A past reporting verb right before a day ("said on Tuesday it would ...", "announced Tuesday that
#: it will ...", "told reporters on Friday", "said in a statement on Monday"): the day is the telling's.
SPEECH_BEFORE = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bto )\b(?:said|announced|stated|reported|confirmed|added|warned"
    r"|wrote|declared|disclosed|revealed|noted|explained|insisted|acknowledged|admitted|claimed|argued"
    r"|indicated|signaled|signalled|promised|pledged|vowed|threatened|predicted|agreed|decided|voted"
    r"|told(?:\s+(?:the\s+)?(?:[A-Z][\w.'&-]*|reporters|journalists|analysts|investors|lawmakers"
    r"|employees|staff|workers|shareholders|them|him|her|us|me)){1,4})"
    r"(?:,?\s+(?:in|at)\s+(?:a|an|the|his|her|its|their)\s+[\w-]+(?:\s+(?:statement|release|conference"
    r"|briefing|interview|filing|call))?)?,?\s+(?:on\s+)?$"
)
#: What follows a day that opens the reported clause as its subject ("said Friday would be the last").
_DAY_AS_SUBJECT = re.compile(
    r"(?:'s|’s)|\s+(?:will|would|could|might|may|should|is|was|has|had|marks?|remains?)\b", re.IGNORECASE
)


def _speech_tense(c: Candidate, text: str) -> str | None:
    """Past for a day named right after a past reporting verb ("Corvantis said on Tuesday it would
    cut jobs"): the reported clause's "would" / "will" is not the day's tense. None otherwise."""
    if c.rule not in ("weekday", "md", "dm") or _DAY_AS_SUBJECT.match(text, c.end):
        return None
    lo, _ = _sentence_bounds(text, c.start, c.end)
    return "past" if SPEECH_BEFORE.search(text[max(lo, c.start - 90) : c.start]) else None


#: A weekday right after a clock time, past "local time" ("at 3:42 a.m. local time on Monday"): the
#: time's day, though the expression ends before it.
_DAY_AFTER_TIME = re.compile(
    r"\s*(?:\(?\s*local time\s*\)?\s*,?\s*)?(?:on\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


def _event_day_tense(c: Candidate, text: str, ref: date | None) -> str | None:
    """A weekday naming an event in the possessive ("Sunday's election", "Friday's match") is the
    nearest such day to the publication date, whatever the tense of the clause around it ("will
    take office after winning Sunday's election", published on Monday: the day before)."""
    if c.rule != "weekday" or ref is None or not re.match(r"['’]s\b", text[c.end : c.end + 3]):
        return None
    wd = WEEKDAYS.get(c.text.lower())
    if wd is None:
        return None
    back = (ref.isoweekday() - wd) % 7
    return "past" if back <= 7 - back else "future"


def _deadline_tense(c: Candidate, text: str) -> str | None:
    """A calendar date after a deadline word ("payable Dec. 1", "effective Feb. 1", "by May") lies
    ahead ("future"); after "ended" / "since" it cannot lie ahead ("ended"). A weekday lies ahead
    only after a due word ("expires Friday"), "until" in a sentence with no past-tense cue
    ("closed until Friday"), or "by" in a clause told in the future or with no past cue ("hope to
    reopen by Friday"; not "By Friday, 31 had died"). None when no such word precedes it."""
    if c.rule not in ("md", "dm", "md_range", "dm_range", "month", "time", "weekday"):
        return None
    before = text[max(0, c.start - 25) : c.start]
    if c.rule == "weekday":
        # "expires Friday", "closed until Friday" (unless the sentence is told in the past: "Until
        # Friday, it had ...", "kept closed until Friday, when it reopened"); but "by Wednesday"
        # may close a past count
        if re.search(r"\buntil\s+$", before, re.I):
            return None if _has_past_cue(text, c.start, c.end) else "future"
        if re.search(
            r"\bby\s+$", before, re.I
        ):  # "hope to reopen by Friday", "rain expected by Friday could"
            future = cue_tense(text, c.start, c.end) == "future" or not _has_past_cue(text, c.start, c.end)
            return "future" if future else None
        return "future" if _DUE.search(before) else None
    if _DEADLINE.search(before):
        return "future"
    return "ended" if _ENDED.search(before) else None


#: The rest of a quoted title after its first words: more capitalised words, then the closing quote.
_TITLE_END = re.compile(r"(?:\s+[A-Z][\w'.-]*)*[,.]?(?:''|[\"”])")


#: "Today" as the last word of a name ("USA Today", "PropertyPulse Today's report"), and the
#: capitalised word on the same line right before it (no sentence end in between).
_NAMED_TODAY = re.compile(r"(?:Today|TODAY)(?:['’]s)?")
_CAPITALISED_BEFORE = re.compile(r"\b[A-Z][\w&'’-]*[^\S\n]+$")


def _keep(c: Candidate, text: str) -> bool:
    """Context filters that drop false positives a regex alone cannot see."""
    before = text[max(0, c.start - 20) : c.start].lower()
    after = text[c.end : c.end + 60]
    if c.rule == "year":
        dated = re.search(  # "the 1992 protests", "in 1998 expires": a year, not a count
            r"(?:\bthe|\bfiscal|\bcalendar|\bits|\btheir|\bhis|\bher|post|pre|mid|\bin|\bsince|\bduring"
            r"|\buntil|\bthrough|\bbefore|\bafter)[\s-]*$",
            before,
        ) or re.match(r"(?i:fiscal|calendar)\b", c.text)
        if (
            not dated
            and re.match(r"\s+(?!years?\b)[a-z]+s\b", after)
            and not re.match(r"\s+(?:was|has|is|as|his|this|its|does|says|goes|plans|its)\b", after)
        ):
            return False  # "2000 people", but "the 1992 protests", "fiscal 1989 sales"
        if re.search(r"(?:no\.|#|flight|route|number|about|some|nearly|than)\s*$", before):
            return False
    if c.rule == "duration" and re.search(r"old$", c.text):
        return False  # ages ("6-year-old") are not annotated as durations
    if (
        c.rule == "duration"
        and re.search(r"quarters?$", c.text, re.I)
        and not re.search(r"consecutive|straight|successive", c.text, re.I)
        and re.match(r",?\s+of\b", after)
    ):
        return False  # fractions: "more than a quarter of the market", "or about a quarter, of its dealers"
    if c.rule == "month" and c.text in ("May", "March"):
        return bool(
            re.search(r"(?:in|since|by|until|of|from|through|during|on|before|after|mid-?)\s*$", before)
        )
    if (
        c.text[0].isupper()
        and re.search(r"(?:``|[\"“])$", before)
        and c.rule in ("relunit", "time", "relday")
        and _TITLE_END.match(after)
    ):
        return False  # a quoted title: ABC's "This Week With Ann Lee" (not a quote opening: ``Today, I ...)
    if (
        c.text.lower() == "a second"
        and re.match(r"\s+\w", after)
        and not re.match(r"\s+(?:or|and|later|earlier|ago|before|after|to|of)\b", after, re.IGNORECASE)
    ):
        return False  # the ordinal: "a second betrayal", "A second A380 landed"
    if c.rule == "ref" and re.match(r"-[a-z]", after):
        return False  # a prefix: "the now-cancelled deal"
    if _NAMED_TODAY.fullmatch(c.text) and _CAPITALISED_BEFORE.search(text, max(0, c.start - 40), c.start):
        return False  # a name: "USA Today", "PropertyPulse Today" (but "Today, ..." opening a sentence)
    if c.rule == "relday" and c.text.lower() == "today's" and re.search(r"\b(?:in|of|for)\s+$", before):
        return False  # generic "in today's world", "many of today's computers"
    return not (
        c.rule == "ref" and c.text.lower() == "current" and re.match(r"\s+(?:account|affairs)", after)
    )


_TRAIL_SIGNAL = re.compile(r"\s+(?:later|before|after)$", re.IGNORECASE)
#: Leading words outside a TimeML extent: prepositions ("within a week", "since March", "over the past
#: year") and focus particles ("only six months", "just over an hour", "barely a month"), which are
#: no TIMEX3 modifier (TimeBank/AQUAINT train: 0 extents start with "only"/"just", 7 exclude them).
_LEAD_TRIM = re.compile(
    r"(?:only|just|merely|barely|even)\s+(?:(?:within|since|over(?=\s+the\b))\s+)?"
    r"|(?:within|since|over(?=\s+the\b))\s+",
    re.IGNORECASE,
)


def _trim(c: Candidate) -> Candidate:
    """The TimeML extent of a match: no leading preposition ("within a week", "over the past year",
    "since March"), no article before a hyphenated adjective ("the 30-year bond"), no possessive."""
    start, end, txt = c.start, c.end, c.text
    lead = _LEAD_TRIM.match(txt)
    if lead is None and c.rule in ("duration", "quarter"):
        lead = re.match(r"(?i:the)\s+(?=\S+-\w+$)", txt)
    if lead and lead.end() < len(txt):
        start, txt = start + lead.end(), txt[lead.end() :]
    if txt.endswith(("'s", "’s")) and len(txt) > 2:
        end, txt = end - 2, txt[:-2]
    return c if start == c.start and end == c.end else Candidate(start, end, c.rule, txt)


#: A day named in a sentence: a weekday, today / yesterday / tomorrow / tonight, a month and day.
_DAYREF = re.compile(r"(?<![\w'])" + DAYREF + r"(?!\w)")
_MONTH_VALUE = re.compile(r"(?:\d{4}|XXXX)(-\d{2})")


def _month_before(out: list[Timex], c: Candidate, text: str) -> Timex | None:
    """The yearless month just before an anaphoric year ("March" of "March of that year"), else None."""
    if c.rule != "anaphor" or not out or not re.search(r"\byear$", c.text, re.IGNORECASE):
        return None
    month = out[-1]
    if _MONTH_VALUE.fullmatch(month.value) and re.fullmatch(r"\s+of\s+", text[month.end : c.start], re.I):
        return month
    return None


def _year_of_month(out: list[Timex], text: str) -> list[Timex]:
    """A month followed by "of" and a year ("October of next year", "March of that year", two
    timexes in TimeML) takes that year, which the month alone could only guess."""
    for i in range(len(out) - 1):
        month, year = out[i], out[i + 1]
        m = _MONTH_VALUE.fullmatch(month.value)
        if (
            m
            and re.fullmatch(r"\d{4}", year.value)
            and re.fullmatch(r"\s+of\s+", text[month.end : year.start], re.IGNORECASE)
        ):
            out[i] = replace(month, value=year.value + m.group(1))
    return out


#: "since" right before a date: the start of a span up to now, not the time a text goes on about.
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)


def extract_timexes(text: str, dct: str | None, doc: Doc | None = None) -> list[Timex]:
    """Temporal expressions of ``text`` with TimeML values resolved against ``dct``.

    ``dct`` is the publication date ("YYYY-MM-DD" or a datetime string); when None, relative
    expressions get PRESENT_REF / PAST_REF / FUTURE_REF or X-filled values. ``doc`` is the
    spaCy parse of the same text, used for tense when given. Spans are sorted and disjoint.
    """
    text = text[:MAX_CHARS]
    ref = _parse_dct(dct)
    ctx = Context()
    out: list[Timex] = []
    for c in select(find_candidates(text)):
        if not _keep(c, text):
            continue
        c = _trim(c)
        tense = _deadline_tense(c, text) or _speech_tense(c, text) or _event_day_tense(c, text, ref)
        if tense is None and doc is not None:
            tense = doc_tense(doc, c.start, c.end)
        if tense is None:
            tense = cue_tense(text, c.start, c.end)
        if c.rule == "time":
            lo, hi = _sentence_bounds(text, c.start, c.end)
            days = _DAYREF.finditer(text, lo, hi)
            ctx.sentence_names_day = any(not c.start <= m.start() < c.end for m in days)
        of_month = _month_before(out, c, text)
        if of_month and ctx.history and ctx.history[-1] == of_month.value:
            ctx.history.pop()  # "March of that year": the year named before, not March's own guess
        named = _DAY_AFTER_TIME.match(text, c.end) if c.rule == "time" else None
        got = resolve(replace(c, text=f"{c.text} {named.group(1)}") if named else c, ref, tense, ctx)
        if got is None:
            continue
        if of_month and re.fullmatch(r"\d{4}", got[1]):  # the month, now of that year, is the reference
            ctx.history.append(got[1] + of_month.value[-3:])
        elif _SINCE.search(text, max(0, c.start - 12), c.start) and ctx.history and ctx.history[-1] == got[1]:
            ctx.history.pop()  # "the worst quarter since 2009": where a span starts, no reference time
        typ, value, gran, end_value = got
        before = text[max(0, c.start - 5) : c.start].lower()
        if (
            c.rule == "relunit"
            and c.text.lower() in ("the year", "the month", "the week")
            and "for" in before
        ):
            typ, value, gran = "DURATION", "P1" + c.text.lower()[4].upper(), "duration"
        lead = text[max(0, c.start - 30) : c.start]
        if typ == "DURATION" and _RATE.fullmatch(c.text) and _RATE_LEAD.search(lead):
            typ, gran = "SET", "other"  # a rate: "twice a week", "$5 a year", "hundreds of interviews a day"
        signal = _TRAIL_SIGNAL.search(c.text) if typ == "DURATION" else None
        if signal:  # "three days later", "90 days after": the duration; the word is a TimeML signal
            c = Candidate(c.start, c.start + signal.start(), c.rule, c.text[: signal.start()])
        out.append(Timex(c.text, c.start, c.end, typ, value, gran, end_value))  # type: ignore[arg-type]
    return _year_of_month(out, text)
