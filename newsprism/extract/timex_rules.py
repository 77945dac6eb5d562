"""The temporal-expression patterns (HeidelTime-style): regexes that find candidate spans.

Each rule has a name; :func:`find_candidates` returns every match of every rule and
:func:`select` keeps the longest non-overlapping ones. Normalisation lives in
:mod:`newsprism.extract.timex_resolve`. Month and weekday names are matched case-sensitively
(so "may" and "march" the verbs are not dates); every other word case-insensitively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.extract.numbers import DIGIT_NUMBER, ORDINAL_WORD, WORD_NUMBER

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}  # fmt: skip
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "tonight": "NI", "midday": "MI", "mid-afternoon": "AF",
}  # fmt: skip

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?|JANUARY|FEBRUARY|MARCH|APRIL|JUNE"
    r"|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
#: A month standing alone: full names and dotted abbreviations only ("Jan" alone is a name).
MONTH_BARE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
#: A spelled day of the month in a transcript: "March eighth", "the twenty-first of May".
DAY_WORD = (
    r"(?i:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second"
    r"|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth"
    r"|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)(?![\w-])"
)
DAY_ANY = r"(?:" + DAY + "|" + DAY_WORD + ")"
#: A year: 1600-2099, and 2100 (projections "by 2100"; not a 24-hour clock time "2100 GMT").
YEAR_DIGITS = r"(?:1[6-9]\d\d|20\d\d|2100(?!\s*(?:GMT|UTC|[Hh]ours|[Hh]rs)\b))(?![\d%])"
_TENS_W = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNIT_W = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN_W = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
#: A spelled year of a broadcast transcript: "nineteen ninety-six", "nineteen oh five".
SPELLED_YEAR = (
    r"(?i:(?:seventeen|eighteen|nineteen)[- ](?:hundred(?:[- ]and)?[- ])?(?:oh[- ]"
    + _UNIT_W
    + "|"
    + _TENS_W
    + r"(?:[- ]"
    + _UNIT_W
    + r")?|"
    + _TEEN_W
    + r"|"
    + _UNIT_W
    + r")(?![- ](?:"
    + _UNIT_W
    + r"|hundred|thousand|million)\b))"
)
#: "the year two thousand (and one)": only after "the year" (a bare "two thousand" is a count).
SPELLED_2000 = r"(?i:two thousand(?:(?:[- ]and)?[- ](?:" + _TENS_W + r"(?:[- ]" + _UNIT_W + r")?|" + _TEEN_W
SPELLED_2000 += r"|" + _UNIT_W + r"))?)"
YEAR = r"(?:" + YEAR_DIGITS + "|" + SPELLED_YEAR + ")"
PART = r"(?i:morning|afternoon|evening|night)"
UNIT = (
    r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|quarters?|years?|decades?"
    r"|centuries|century)"
)
UNIT_SING = r"(?i:second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century)"
QUANT = (
    r"(?:(?:"
    + DIGIT_NUMBER
    + r"|(?i:"
    + WORD_NUMBER
    + r"))[\s-](?i:and[\s-]a[\s-]half)|"
    + DIGIT_NUMBER
    + r"(?: \d/\d)?|(?i:"
    + WORD_NUMBER
    + r")|(?i:a|an|a few|few|several|some|many"
    r"|a couple of|a couple|couple of|a dozen|dozens of|a number of|a half|one and a half))"
)
APPROX = r"(?i:about|around|nearly|almost|some|more than|less than|over|at least|at most|just|only|roughly"
APPROX += r"|approximately|barely|no more than|up to|within|under|the)"
SPAN_MOD = r"(?i:the\s+)?(?i:past|last|next|first|coming|latest|previous|final|following|remaining|recent"
SPAN_MOD += r"|preceding|initial|ensuing|subsequent|same)"
ORD = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th)"
REL = r"(?i:this past|this coming|this|last|next|past|previous|coming|current|the current|the past|the coming"
REL += r"|the previous|the next|the last|the same|that|the following|the preceding)"
EDGE = r"(?i:early|late|mid|earlier|later|the end of|the start of|the beginning of|the middle of|end of"
EDGE += r"|start of|beginning of|middle of|the rest of|the first half of|the second half of)"
ZONE = r"(?:\s+(?:EST|EDT|GMT|UTC|ET|PST|PDT|CST|CDT|BST|CET|CEST|MSK|\(\d{4} GMT\)|local time))?"
CLOCK = (
    r"(?:\d{1,2}(?::[0-5]\d)?\s*(?i:a\.m\.?|p\.m\.?|am\b|pm\b)|\d{1,2}:[0-5]\d(?![\d:])|(?i:noon|midnight)"
    r"|(?:\d{1,2}|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))(?:\s+(?i:o'clock))?"
    r"\s+(?i:in the (?:morning|afternoon|evening)|at night)|(?:\d{1,2}|(?i:one|two|three|four|five|six|seven"
    r"|eight|nine|ten|eleven|twelve))\s+(?i:o'clock)"
    r"|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?i:a\.m\.?|p\.m\.?))"
)
DAYREF = r"(?:" + WEEKDAY + r"|(?i:today|yesterday|tomorrow|tonight)|" + MONTH + r"\s+" + DAY + r")"

#: Holidays with a computable date (see timex_resolve.HOLIDAYS).
HOLIDAY = (
    r"Christmas(?:\s+(?:Day|Eve))?|New Year's(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Independence Day"
    r"|Valentine's Day|Halloween|Boxing Day|May Day|Labor Day|Labour Day|Memorial Day|Veterans Day"
    r"|Veterans' Day|Easter(?:\s+(?:Sunday|Monday))?|Good Friday|Palm Sunday|Ash Wednesday|Mother's Day"
    r"|Father's Day|Election Day|Martin Luther King(?: Jr\.)? Day|Presidents' Day|Columbus Day"
    r"|Bastille Day|Remembrance Day|All Saints' Day"
)

RULES: list[tuple[str, str]] = [
    (
        "md_range",
        MONTH + r"\s+" + DAY + r"\s*(?:-|–|—|(?i:to|through|and))\s*" + DAY + r"(?:,?\s+" + YEAR + ")?",
    ),
    ("dm_range", DAY + r"\s*(?:-|–|—|(?i:to|and))\s*" + DAY + r"\s+" + MONTH + r"(?:,?\s+" + YEAR + ")?"),
    (
        "md",
        r"(?:(?:(?i:this coming|this|next|last)\s+)?"
        + WEEKDAY
        + r",?\s+)?(?:(?i:early|late|mid)[\s-])?"
        + MONTH
        + r"\s+"
        + DAY_ANY
        + r"(?:,?\s+"
        + YEAR
        + ")?",
    ),
    (
        "dm",
        r"(?:"
        + WEEKDAY
        + r",?\s+)?(?i:the\s+)?"
        + DAY_ANY
        + r"\s+(?i:of\s+)?"
        + MONTH
        + r"(?:,?\s+"
        + YEAR
        + ")?",
    ),
    ("slash", r"(?<![\d/.])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:1[6-9]\d\d|20\d\d|\d\d)(?![\d/])"),
    ("weekof", r"(?i:the\s+)?(?i:week)\s+(?i:of)\s+" + MONTH + r"\s+" + DAY + r"(?:,?\s+" + YEAR + ")?"),
    (  # "the last week of March": a week of a month
        "monthweek",
        r"(?i:the\s+)?(?i:first|second|third|fourth|last|final)\s+(?i:week)\s+(?i:of|in)\s+"
        + MONTH_BARE
        + r"(?:,?\s+"
        + YEAR
        + r")?(?![\w.]*\s*\d)",
    ),
    ("iso", r"(?<![\d-])" + YEAR_DIGITS + r"-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d-])"),
    ("my", r"(?:" + EDGE + r"[\s-]+)?" + MONTH + r",?\s+(?i:of\s+)?" + YEAR),
    (
        "month",
        r"(?:(?:"
        + EDGE
        + r"|(?i:this|last|next|this coming|this past|past|since))[\s-]+)?"
        + MONTH_BARE
        + r"(?:\s+(?i:this|last|next)\s+(?i:year))?(?![\w.]*\s*\d)",
    ),
    ("decade", r"(?:(?i:the)\s+)?(?:" + EDGE + r"[\s-]+)?(?:(?:1[6-9]|20)\d0|'\d0)'?s\b"),
    (
        "decade",
        r"(?i:the)\s+(?:" + EDGE + r"[\s-]+)?(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties"
        r"|nineties)",
    ),
    (
        "decade",
        r"(?:(?i:the)\s+)?(?:" + EDGE + r"[\s-]+)?(?:1\d|2[01]|(?i:" + ORDINAL_WORD + r"))(?:st|nd|rd|th)?"
        r"[- ](?i:century)",
    ),
    (
        "year",
        r"(?<![\d$£€,.])(?:(?:" + EDGE + r"|(?i:fiscal|calendar|the year))[\s-]+)?" + YEAR + r"(?!,\d)",
    ),
    ("year", r"(?i:the year)\s+" + SPELLED_2000),
    ("year", r"(?<=(?:since|until|after) )'\d\d|(?<=(?:in|by) )'\d\d(?![\w'])"),  # "since '82"
    (
        "quarter",
        r"(?:(?i:the)\s+)?(?:(?i:last|next|this) year's\s+|(?i:year-ago|year-earlier)\s+)?(?:"
        + YEAR
        + r"(?:'s)?\s+)?(?:(?i:fiscal|calendar)\s+)?(?:"
        + ORD
        + r"|(?i:final|latest|last|current|past|previous|same|year-earlier|year-ago|recent|fiscal|this|next"
        + r"|coming|that))(?:[\s-]+(?i:fiscal))?[\s-]+(?i:quarter|half)(?:\s+(?i:of\s+)?(?:"
        + YEAR
        + r"|(?i:this|last|next) year|(?i:the|this|that) (?:fiscal |calendar )?year(?![-\w])|(?i:fiscal\s+)?"
        + YEAR
        + r"))?",
    ),
    ("quarter", r"(?i:the)\s+(?i:quarter)(?![-\w]|\s+(?i:of|century|point|percent|mile))"),
    ("quarter", r"\b[QH][1-4](?:\s+" + YEAR + r")?\b"),
    ("quarter", r"(?i:the)\s+(?:" + YEAR_DIGITS + r"|(?i:latest|current))\s+(?i:quarter|period)"),
    (
        "weekday",
        r"(?:(?i:last|next|this|this coming|coming|this past|past|early|late|earlier|later)\s+)?"
        + WEEKDAY
        + r"(?:'s)?(?:\s+"
        + PART
        + r")?",
    ),
    ("weekday", r"(?:(?i:late|early)\s+)?" + PART + r"\s+(?i:of\s+)?" + WEEKDAY),
    (
        "relday",
        r"(?:(?i:early|late|earlier|later)\s+)?(?i:today|tomorrow|yesterday|tonight)(?:'s)?(?:\s+"
        + PART
        + ")?",
    ),
    ("relday", r"(?i:the day (?:before yesterday|after tomorrow))"),
    ("relday", r"(?:(?i:early|late|earlier|later)\s+)?(?i:this|last|tomorrow|yesterday)\s+" + PART),
    ("relday", r"(?i:(?:mid-?afternoon|midday)(?:\s+(?:yesterday|today|tomorrow))?)"),
    ("time", CLOCK + ZONE + r"(?:,?\s+" + DAYREF + r")?"),
    ("time", r"(?i:noon|midnight)\s+" + WEEKDAY),
    ("time", r"(?<!\()(?:[01]\d|2[0-3])[0-5]\d\s+(?:UTC|GMT)(?!\))"),  # "0800 UTC"
    (
        "anaphor",
        r"(?:(?i:earlier|later|early|late)\s+)?(?i:that(?!\s+day)|the same|the following|the previous"
        r"|the preceding"
        r"|the prior)\s+(?i:day|morning|afternoon|evening|night|week|month|year)(?![-\w])",
    ),
    ("anaphor", r"(?i:earlier|later|early|late)\s+(?i:that)\s+(?i:day)(?![-\w])"),
    # postposed "the year before", "the day earlier" closing a phrase (not "the day before the vote")
    (
        "anaphor",
        r"(?i:the)\s+(?i:day|week|month|year)\s+(?i:before|previous|earlier|prior)(?=\s*(?:[.,;:!?)'\"]|``|$))",
    ),
    ("anaphor", r"(?i:the next)\s+(?i:day|morning|afternoon|evening|night)(?![-\w])"),
    # the day of a market report: "ended the day at", "for the day," (not "for the day of work"),
    # "the start of the day" (not the idiom "at the end of the day")
    (
        "anaphor",
        r"(?:(?<=(?i:end|for) )|(?<=(?i:ended) )|(?<=(?i:ending|finish) )|(?<=(?i:finished) ))(?i:the day)"
        r"(?![-\w]|\s+(?i:of|when|before|after|that)\b)",
    ),
    ("anaphor", r"(?i:the (?:start|beginning) of the day)(?![-\w])"),
    ("anaphor", r"(?i:the)\s+(?i:full|entire|whole)\s+(?:(?i:fiscal|calendar)\s+)?(?i:year)(?![-\w])"),
    (
        "yearback",
        r"(?i:the)\s+(?i:same|comparable|corresponding)\s+(?i:period|month|quarter|week|day|time)"
        r"(?:\s+(?i:of|in))?\s+(?i:last year|a year (?:ago|earlier|before)"
        r"|the (?:previous|prior|preceding) year|the year before)",
    ),
    (
        "relunit",
        r"(?:(?:"
        + EDGE
        + r")\s+)?"
        + REL
        + r"\s+(?:(?i:fiscal|calendar)\s+)?"
        + r"(?i:week|weekend|month|year|decade|century|season)",
    ),
    ("relunit", r"(?:" + EDGE + r"\s+)?(?i:the)\s+(?i:year|week|month|weekend|fiscal year)(?![-\w])"),
    ("relunit", r"(?i:year-end|year end|year-earlier|year-ago)(?!\s+(?:period|quarter|level|figure))"),
    ("relunit", r"(?i:the)\s+(?i:year-earlier|year-ago|same)\s+(?i:period|quarter)"),
    (
        "season",
        r"(?:(?:"
        + EDGE
        + r"|"
        + REL
        + r"|(?i:the))\s+)(?i:spring|summer|fall|autumn|winter)(?:\s+(?i:of\s+)?"
        + YEAR
        + ")?",
    ),
    ("season", r"(?i:spring|summer|fall|autumn|winter)\s+(?i:of\s+)?" + YEAR),
    # a bare season ("their autumn meetings"), not "spring"/"fall" (verbs, nouns) nor a name ("Winter Olympics")
    ("season", r"(?i:summer|autumn|winter)(?![-\w]|\s+[A-Z])"),
    (
        "ago",
        r"(?:"
        + APPROX
        + r"\s+)?"
        + QUANT
        + r"[\s-]+"
        + UNIT
        + r"(?:\s+(?i:and a half))?\s+(?i:ago|earlier|later|before|after|from now|hence|back)(?![-\w])",
    ),
    (
        "duration",
        r"(?:" + APPROX + r"\s+)?(?:" + SPAN_MOD + r"\s+)?" + QUANT + r"(?:\s+(?i:more|additional|full|"
        r"straight|consecutive|trading|business|working))?[\s-]+"
        + UNIT
        + r"(?:\s+(?i:and a half)|[\s-]+(?i:old|long))?(?![-\w])",
    ),
    ("duration", r"(?:" + SPAN_MOD + r"\s+)?(?i:few|several|many|recent|coming)\s+" + UNIT + r"(?![-\w])"),
    ("duration", r"(?:" + SPAN_MOD + r"\s+)?(?i:decade|century)(?![-\w])"),
    ("duration", SPAN_MOD + r"\s+(?i:days|weeks|months|years|decades)(?![-\w])"),
    ("duration", r"(?i:the)\s+(?i:days|weeks|months|years|decades)\s+(?i:ahead|to come)"),
    (
        "duration",
        r"(?<![\w-])(?i:days|weeks|months|years|decades|centuries)(?:\s+(?i:ago))?(?![-\w])"
        r"(?!\s+(?:of|old|earlier|later|before|after)\b)",
    ),
    ("duration", r"(?i:half an hour|a half-hour|half a day|a while|a long time|an hour and a half)"),
    # an unquantified "-long" adjective: "a day-long meeting" (P1D), "a decades-long dispute" (PXY)
    ("duration", r"(?i:(?:hour|day|week|month|year|decade|centur(?:y|ie))s?-long)"),
    ("ref", r"(?i:right now|now|currently|current|nowadays|at present|presently|these days)"),
    ("ref", r"(?i:recently|more recently|the past|lately|recent)"),
    ("ref", r"(?i:the near future|the future|from time to time|someday)"),
    # "in the near term", "for the long term" (FUTURE_REF as "the near future"); not the adjective
    # "the long-term partnership"
    ("ref", r"(?i:the (?:near|short|medium|long)(?: term|-term(?=\s*[.,;:!?'\"”)]|``|$)))"),
    # "may soon seek", "very soon": not "soon after", "as soon as Tuesday" (a signal), "soon-to-open"
    (
        "ref",
        r"(?<!\bas )(?i:as soon as possible|(?:very\s+)?soon)(?![-\w]|\s+(?i:after|afterwards|thereafter|as)\b)",
    ),
    ("set", r"(?i:every|each|per)\s+(?:(?i:other)\s+)?(?:" + UNIT_SING + "|" + WEEKDAY + "|" + MONTH + ")"),
    ("set", r"(?i:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|bimonthly)"),
    ("set", r"(?i:once|twice|three times|\d+ times)\s+(?i:a|an|per)\s+" + UNIT_SING),
    ("set", WEEKDAY + r"s(?:\s+" + PART + r"s?)?"),
    ("set", WEEKDAY + r"\s+" + PART + r"s"),  # "Tuesday nights": a recurring time of a weekday
    (
        "holiday",
        r"(?:(?i:last|next|this|this past|this coming)\s+)?(?:" + HOLIDAY + r")(?:\s+(?i:week|weekend))?"
        r"(?:,?\s+" + YEAR + r")?",
    ),
]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One rule match: span, rule name and matched text."""

    start: int
    end: int
    rule: str
    text: str


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])" + pattern + r"(?![\w])")


COMPILED: list[tuple[str, re.Pattern[str]]] = [(name, _compile(p)) for name, p in RULES]


def find_candidates(text: str) -> list[Candidate]:
    """Every match of every rule (overlapping), in rule order."""
    out: list[Candidate] = []
    for name, rx in COMPILED:
        for m in rx.finditer(text):
            start, end = m.span()
            # trim trailing spaces/hyphens a greedy optional group may leave
            while end > start and text[end - 1] in " -\t":
                end -= 1
            if end > start:
                out.append(Candidate(start, end, name, text[start:end]))
    return out


def select(cands: list[Candidate]) -> list[Candidate]:
    """The longest non-overlapping candidates (ties: earlier rule wins), sorted by start."""
    order = {name: i for i, (name, _) in enumerate(RULES)}
    ranked = sorted(cands, key=lambda c: (-(c.end - c.start), order[c.rule], c.start))
    taken: list[Candidate] = []
    for c in ranked:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)
