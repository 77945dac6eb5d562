"""Spelled-out and written numbers: "twenty six", "3,000", "1.5 million", "two-thirds" -> float.

Shared by the date tagger (durations, "two years ago") and the quantity extractor.
"""

from __future__ import annotations

import re

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000,
}  # fmt: skip
FRACTIONS: dict[str, float] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10,
}  # fmt: skip

_CARDINAL_WORDS = sorted([*UNITS, *TENS], key=len, reverse=True)
#: One spelled cardinal: "twenty six", "twenty-six", "one hundred and five", "three".
WORD_NUMBER = (
    r"(?:(?:" + "|".join(_CARDINAL_WORDS) + r")(?:[- ](?:" + "|".join(UNITS) + r"))?"
    r"(?:[- ](?:and[- ])?(?:hundred|thousand|" + "|".join(_CARDINAL_WORDS) + r"))*)"
)
#: A written number: "3,000", "1.5", "45", "5 1/2".
DIGIT_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
ORDINAL_WORD = r"(?:" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r")"

_WORD_RE = re.compile(r"[a-z]+")


def parse_word_number(text: str) -> float | None:
    """Value of a spelled cardinal ("twenty six", "one hundred and five"); None when not one."""
    total = 0.0
    current = 0.0
    seen = False
    for word in _WORD_RE.findall(text.lower()):
        if word == "and":
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """Value of a written ("3,000", "1.5") or spelled ("twelve") number; None when not one."""
    raw = text.strip().lower()
    if not raw:
        return None
    if raw in ("a", "an", "one"):
        return 1.0
    if raw in ("a dozen", "dozen"):
        return 12.0
    frac = re.fullmatch(r"(\d+) (\d)/(\d)", raw)
    if frac:
        return int(frac.group(1)) + int(frac.group(2)) / int(frac.group(3))
    if re.fullmatch(DIGIT_NUMBER, raw):
        return float(raw.replace(",", ""))
    return parse_word_number(raw)


def parse_fraction(text: str) -> float | None:
    """Value of a spelled fraction ("two-thirds", "a quarter", "half"); None when not one."""
    words = _WORD_RE.findall(text.lower())
    if not words:
        return None
    if len(words) == 1 and words[0] == "half":
        return 0.5
    denom = FRACTIONS.get(words[-1])
    if denom is None:
        return None
    numer = parse_number(" ".join(words[:-1])) if words[:-1] else 1.0
    if numer is None:
        return None
    return numer / denom


def ordinal_value(text: str) -> int | None:
    """Value of an ordinal ("10th", "third", "twenty-first"); None when not one."""
    raw = text.strip().lower()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", raw)
    if m:
        return int(m.group(1))
    if raw in ORDINALS:
        return ORDINALS[raw]
    parts = re.split(r"[- ]", raw)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in ORDINALS:
        return TENS[parts[0]] + ORDINALS[parts[1]]
    return None
