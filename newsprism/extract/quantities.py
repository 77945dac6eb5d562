"""Numbers of an article with their unit, what they count, and a normalised value.

"220 million times" -> 220000000 "times"; "$5bn" / "5bn dollars" -> 5e9 "USD"; "€3.2m" -> 3.2e6
"EUR"; "10th anniversary" -> 10 "ordinal" counting "anniversary"; "45 per cent" -> 45 "%";
"two-thirds" / "one in three" -> 0.667 / 0.333 "fraction" ("a fifth patient" is a rank, no fraction);
"42 confirmed cases" counts "cases" (the status word skipped). Years, dates and times are left out:
a quantity never overlaps a DATE/TIME timex (computed here when not given), nor is it a list marker.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from newsprism.extract.numbers import DIGIT_NUMBER, ORDINAL_WORD, WORD_NUMBER, ordinal_value, parse_fraction
from newsprism.extract.numbers import parse_number as _parse_number
from newsprism.model import Quantity, Timex

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc

MAX_CHARS = 2_000_000
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "dlrs": "USD", "euro": "EUR", "euros": "EUR",
    "eur": "EUR", "pound": "GBP", "pounds": "GBP", "gbp": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "cny": "CNY", "rmb": "CNY", "rupees": "INR", "roubles": "RUB", "rubles": "RUB",
    "francs": "CHF",
}  # fmt: skip
_SCALE = r"(?:hundred|thousand|million|billion|trillion|bn|mn|mln|tn|trn|m|b|k)"
_SCALE_VALUE = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6}
_SCALE_VALUE |= {"billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12}
_CURRENCY_WORD_RX = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))
_NUM = r"(?:" + DIGIT_NUMBER + r"|(?i:" + WORD_NUMBER + r"))"
POINTS = "percentage points"  # the unit of "3.1 percentage points" (a change of a percent figure)
_PERCENT = r"(?:%|\s*(?i:per\s?cent|percent|percentage points?|pct)\b)"
#: Words of status between a number and what it counts ("42 confirmed cases" counts "cases"): skipped.
STATUS_WORDS = (
    "confirmed", "unconfirmed", "lab-confirmed", "laboratory-confirmed", "suspected", "probable",
    "possible", "presumed", "presumptive", "new", "additional", "fresh", "further", "reported",
    "registered", "recorded", "documented", "known", "active",
)  # fmt: skip
_STATUS = r"(?:\s+(?P<status>" + "|".join(sorted(STATUS_WORDS, key=len, reverse=True)) + r")\b(?=\s+[a-z]))?"
_NOUN = (
    r"(?:" + _STATUS + r"[\s-]+(?P<noun>(?!(?i:of|and|or|to|in|on|at|by|for|the|a|an|from|than|as|is|are|was"
    r"|were|per|next|last|this|each|every|over|after|before|since|until|with|which|up|down|more|less|fewer)\b)[a-z][a-z-]*))?"
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "money",
        re.compile(
            r"(?P<sym>US\$|[$€£¥₹₽])\s?(?P<num>"
            + DIGIT_NUMBER
            + r")(?:\s?(?P<scale>"
            + _SCALE
            + r")\b)?"
            + _NOUN
        ),
    ),
    (
        "money_word",
        re.compile(
            r"(?<![\w.,])(?P<num>"
            + _NUM
            + r")(?:\s?(?P<scale>"
            + _SCALE
            + r")\b)?\s+(?P<cur>(?i:"
            + _CURRENCY_WORD_RX
            + r"))\b"
        ),
    ),
    (
        "ratio",  # "one in three", "9 out of every 10": a fraction
        re.compile(
            r"(?<![\w.,/-])(?P<num>"
            + _NUM
            + r")\s+(?i:in|out\s+of)\s+(?i:every\s+)?(?P<den>"
            + _NUM
            + r")(?![\w/-])(?:\s(?P<scale>(?i:hundred|thousand|million|billion))\b)?"
            + _NOUN
        ),
    ),
    (
        "fraction",
        re.compile(
            r"(?<![\w-])(?P<frac>(?i:(?:one|two|three|four|five|a)[- ](?:half|halves|thirds?|quarters?"
            r"|fourths?|fifths?|tenths?)))\b(?!-\w)" + _NOUN
        ),
    ),
    (
        "ordinal",
        re.compile(r"(?<![\w.,])(?P<ord>\d+(?:st|nd|rd|th)|(?i:" + ORDINAL_WORD + r"))\b" + _NOUN),
    ),
    (
        "number",
        re.compile(
            r"(?<![\w.,/])(?P<num>"
            + _NUM
            + r")(?![\w/])(?:\s?(?P<scale>"
            + _SCALE
            + r")\b)?(?P<pct>"
            + _PERCENT
            + r")?"
            + _NOUN
        ),
    ),
]
#: Nouns after an ordinal that make it a rank worth keeping (others, "first time", are dropped).
_ORDINAL_COUNTS = {"anniversary", "birthday", "term", "round", "place", "session", "summit", "edition"}
_ORDINAL_COUNTS |= {"forum", "meeting", "congress", "largest", "biggest", "consecutive", "straight"}
#: Nouns that are units of measure rather than the thing counted.
UNIT_NOUNS = {
    "times",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "kg",
    "kilograms",
    "tonnes",
}
UNIT_NOUNS |= {
    "tons",
    "barrels",
    "degrees",
    "points",
    "acres",
    "hectares",
    "feet",
    "inches",
    "litres",
    "liters",
}
UNIT_NOUNS |= {"gallons", "pounds-weight", "mph", "square", "cubic", "gigawatts", "megawatts", "kilowatts"}
UNIT_NOUNS |= {"kph"}
_SKIP_NOUNS = {"percent", "per", "cent", "pct"}
#: "/h" right after a distance: a speed ("140 km/h", not "140 km/hr" cut short).
_PER_HOUR = re.compile(r"/h(?![a-z])")


def _scale(word: str | None) -> float:
    return _SCALE_VALUE.get((word or "").lower(), 1.0)


def _excluded(start: int, end: int, blocked: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in blocked)


def _list_marker(text: str, start: int, end: int) -> bool:
    """A "1." or "2)" that opens a line: an enumeration, not a quantity."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and bool(re.match(r"[.)]\s", text[end : end + 2]))


#: Comparatives, no counted nouns: "a third bigger" stays a fraction (when no doc tags the word).
_COMPARATIVES = {"higher", "lower", "bigger", "larger", "smaller", "greater", "cheaper", "dearer"}
_COMPARATIVES |= {"longer", "shorter", "faster", "slower", "wider", "heavier", "better", "worse"}
#: Verbs often right after a share of people ("a third said", "two in five support").
_VERBS = {"said", "say", "says", "think", "believe", "want", "support", "oppose", "agree", "disagree"}
#: "a fifth patient", "a third term": an ordinal before a singular noun, not a fifth of something.
_ORDINAL_FRACTION = re.compile(r"(?i:a)\s+(?i:third|fourth|fifth|tenth)")
#: Tags of a counted noun (spaCy's Penn tags): a noun, or an adjective used as one ("42 confirmed dead").
_NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS", "JJ"}


def _tag_lookup(doc: Doc | None, text: str) -> Callable[[int], str | None]:
    """The tag of the token of ``doc`` that starts at a character offset of ``text`` (None when
    there is no such token, or no tagged doc of that text)."""
    if doc is None or not doc.has_annotation("TAG") or doc.text[: len(text)] != text:
        return lambda offset: None
    starts: dict[int, str] = {}

    def tag(offset: int) -> str | None:
        if not starts:
            starts.update((t.idx, t.tag_) for t in doc)
        return starts.get(offset)

    return tag


def _nounish(word: str, tag: str | None) -> bool:
    """Whether ``word`` (tagged ``tag`` when a doc is at hand) can be what a number counts."""
    if tag is not None:
        return tag in _NOUN_TAGS
    word = word.lower()
    return word not in _COMPARATIVES and word not in _VERBS and not word.endswith(("ly", "ed"))


def _build(
    kind: str, m: re.Match[str], tag_at: Callable[[int], str | None] = lambda offset: None
) -> tuple[float, str | None, str | None] | None:
    g = m.groupdict()
    noun = g.get("noun")
    if noun and g.get("status") and not _nounish(noun, tag_at(m.start("noun"))):
        noun = None  # "42 confirmed cases" counts "cases"; "12 confirmed quickly" counts nothing
    if kind == "money":
        num = _parse_number(g["num"])
        return (num * _scale(g["scale"]), CURRENCY_SYMBOLS[g["sym"]], noun) if num is not None else None
    if kind == "money_word":
        num = _parse_number(g["num"])
        cur = CURRENCY_WORDS[g["cur"].lower()]
        return (num * _scale(g["scale"]), cur, None) if num is not None else None
    if kind == "ratio":
        num, den = _parse_number(g["num"]), _parse_number(g["den"])
        if num is None or den is None or not 0 < num < den * _scale(g["scale"]):
            return None
        return num / (den * _scale(g["scale"])), "fraction", noun
    if kind == "fraction":
        if noun and _ORDINAL_FRACTION.fullmatch(g["frac"]) and _nounish(noun, tag_at(m.start("noun"))):
            return None  # "a fifth patient died": the fifth one, not a fifth of them
        val = parse_fraction(g["frac"])
        return (val, "fraction", noun) if val is not None else None
    if kind == "ordinal":
        val = ordinal_value(g["ord"])
        if val is None or (noun or "").lower() not in _ORDINAL_COUNTS:
            return None
        return float(val), "ordinal", noun
    num = _parse_number(g["num"])
    if num is None:
        return None
    value = num * _scale(g["scale"])
    if noun and (noun.lower() in _SKIP_NOUNS or noun.endswith("ed")):
        noun = None  # "45 per cent backed": a verb, not the thing counted
    if g.get("pct"):  # "percentage points" is its own unit: 3.1 points is no 3.1 percent
        return value, POINTS if "point" in g["pct"].lower() else "%", noun
    if noun is None and g["num"].lower() in ("one", "a", "an"):
        return None  # "one of the", "one" as a pronoun
    return value, noun.lower() if noun else None, noun


def extract_quantities(
    text: str, doc: Doc | None = None, timexes: list[Timex] | None = None
) -> list[Quantity]:
    """Quantities of ``text`` as sorted, disjoint spans (number + unit, not the counted noun).

    ``doc`` (the parsed ``text``), when given, tells a counted noun from a verb or an adverb after a
    status word ("42 confirmed cases") or a fraction word ("a fifth patient"); ``timexes`` (from :func:`extract_timexes`) are
    computed without a DCT when not given, and no quantity overlaps a DATE, TIME or DURATION.
    """
    text = text[:MAX_CHARS]
    if timexes is None:
        from newsprism.extract.dates import extract_timexes

        timexes = extract_timexes(text, None)
    blocked = [(t.start, t.end) for t in timexes if t.type in ("DATE", "TIME", "DURATION", "SET")]
    found: list[tuple[int, int, Quantity]] = []
    taken: list[tuple[int, int]] = []
    tag_at = _tag_lookup(doc, text)
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            start = m.start()
            g = m.groupdict()
            end = m.start("status") if g.get("status") else m.start("noun") if g.get("noun") else m.end()
            while end > start and text[end - 1] in " -\u00a0":
                end -= 1
            if kind == "ordinal":
                end = m.end("ord")
            if kind in ("money_word",):
                end = m.end()
            if end <= start or _excluded(start, end, blocked) or _excluded(start, end, taken):
                continue
            if kind == "number" and _list_marker(text, start, end):
                continue
            built = _build(kind, m, tag_at)
            if built is None:
                continue
            value, unit, noun = built
            if kind == "number" and unit is None and re.fullmatch(r"(?:1[6-9]|20)\d\d", m.group("num")):
                continue  # a bare year-like number with nothing counted
            if kind == "number" and unit not in ("%", POINTS) and noun:
                unit = noun.lower() if noun.lower() in UNIT_NOUNS else None
                if unit:
                    end, noun = m.end("noun"), None
                    if unit in ("km", "kilometres", "kilometers") and _PER_HOUR.match(text, end):
                        unit, end = "km/h", end + 2  # "140 km/h": a speed
            taken.append((start, end))
            found.append((start, end, Quantity(text[start:end], start, end, float(value), unit, noun)))
    out = [q for _, _, q in sorted(found, key=lambda x: x[0])]
    for first, second in pairwise(out):  # "between 2 and 3 percent", "2-3%": one unit for both
        if (
            first.unit is None
            and second.unit
            and _RANGE_JOIN.fullmatch(text[first.end : second.start])
            and not _SCALED.search(second.text)  # "2 to 3 million dollars": the first end is no $2
        ):
            first.unit = second.unit
    return out


#: What joins the two ends of a range of one unit ("2 and 3 percent", "1.5 to 1.8%", "2-3%").
_RANGE_JOIN = re.compile(r"\s*(?:-|–|to|and)\s*")
_SCALED = re.compile(r"\d\s?" + _SCALE + r"\b", re.IGNORECASE)
