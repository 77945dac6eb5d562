"""Normalise a matched temporal expression to a TimeML value against the publication date.

:func:`resolve` takes one :class:`~newsprism.extract.timex_rules.Candidate`, the
publication date (or None), the tense of its clause ("past", "future", "present" or None)
and a per-document :class:`Context` (the last quarter mentioned, for "a year earlier"),
and returns ``(type, value, granularity, end_value)`` or None to drop the match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsprism.extract.numbers import ORDINAL_WORD, ordinal_value, parse_number
from newsprism.extract.timex_rules import (
    DAY_WORD,
    MONTH,
    MONTHS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAY,
    WEEKDAYS,
    Candidate,
)

Resolved = tuple[str, str, str, str | None]  # type, value, granularity, end_value

_MONTH_RX = re.compile(MONTH)
_WEEKDAY_RX = re.compile(WEEKDAY)
_DAY_WORD_RX = re.compile(DAY_WORD)
_YEAR_RX = re.compile(r"(?<!\d)(1[6-9]\d\d|20\d\d|2100)(?!\d)")
_SPELLED_YEAR_RX = re.compile(
    r"\b(seventeen|eighteen|nineteen)[- ](?:hundred(?:[- ]and)?[- ])?([a-z -]+)", re.I
)
_SPELLED_2000_RX = re.compile(r"\btwo thousand(?:[- ](?:and[- ])?[a-z-]+(?:[- ][a-z]+)?)?", re.I)
_DAYNUM_RX = re.compile(r"(?<![\d,])(\d{1,2})(?:st|nd|rd|th)?(?!\d|:\d)")
_UNIT_RX = re.compile(
    r"(second|minute|hour|day|night|weekend|week|month|quarter|year|decade|centur)", re.IGNORECASE
)
_QUANT_HEAD = re.compile(
    r"^(?:(?:about|around|nearly|almost|some|more than|less than|over|at least|at most|just|only|roughly"
    r"|approximately|barely|no more than|up to|within|under|the)\s+)?(?:(?:the\s+)?(?:past|last|next|first"
    r"|coming|latest|previous|final|following|remaining|recent|preceding|initial|ensuing|subsequent|same)\s+)?",
    re.IGNORECASE,
)
_VAGUE = {"a few", "few", "several", "some", "many", "a couple of", "a couple", "couple of", "dozens of"}
_VAGUE |= {"a number of", "recent", "coming"}
_DURATION_CODE = {
    "second": ("T", "S"), "minute": ("T", "M"), "hour": ("T", "H"), "day": ("", "D"), "night": ("", "D"),
    "week": ("", "W"), "weekend": ("", "D"), "month": ("", "M"), "quarter": ("", "Q"), "year": ("", "Y"),
    "decade": ("", "DE"), "centur": ("", "CE"),
}  # fmt: skip
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_REFS = {
    "PRESENT_REF": {"right now", "now", "currently", "current", "nowadays", "at present", "presently", "these days"},
    "PAST_REF": {"recently", "more recently", "recent", "previously", "the past", "lately",
                 "in the past", "once upon a time"},
}  # fmt: skip


@dataclass(slots=True)
class Context:
    """Per-document state of the resolver: the last quarter mentioned (year, quarter) and the
    calendar values resolved so far, in text order (the reference time of "that year"); the caller
    sets ``sentence_names_day`` when the sentence of the expression being resolved names a day."""

    last_quarter: tuple[int, int] | None = None
    history: list[str] = field(default_factory=list)
    sentence_names_day: bool = False

    def last(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """The latest value mentioned so far that matches ``pattern`` (HeidelTime's last-mentioned date)."""
        for value in reversed(self.history):
            m = pattern.match(value)
            if m:
                return m
        return None


# ---------------------------------------------------------------- calendar helpers


def quarter_a_year_before(year: int, quarter: int) -> Resolved:
    """The same quarter one year earlier ("the year-earlier quarter" of 1989-Q3 is 1988-Q3)."""
    return "DATE", f"{year - 1}-Q{quarter}", "other", None


def day(d: date) -> str:
    """ISO day value."""
    return d.isoformat()


def week(d: date) -> str:
    """ISO week value "2023-W42"."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    """(year, month) shifted by n months."""
    idx = year * 12 + (month - 1) + n
    return idx // 12, idx % 12 + 1


def safe_date(y: int, m: int, d: int) -> date | None:
    """A date, or None when the day does not exist."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def pick_year(dct: date, month: int, dom: int | None, tense: str | None) -> int:
    """The year of a month (and day) without a year: nearest to dct, consistent with tense.

    The distance to each candidate year is multiplied by 4 when its direction contradicts
    the tense (a past-tense date after dct, a future one before it; by 50 for "ended", a date
    after "since" / "ended" that cannot lie ahead) and by 2 for a future
    date with no tense (news mostly reports what happened). Calibrated on the TempEval-3
    train split: a hard "past -> not after dct" rule lost dates a few days ahead.
    """
    best, best_cost = dct.year, float("inf")
    for y in (dct.year - 1, dct.year, dct.year + 1):
        if dom is None:
            delta = ((y * 12 + month) - (dct.year * 12 + dct.month)) * 30
        else:
            cand = safe_date(y, month, dom) or safe_date(y, month, 28)
            delta = (cand - dct).days if cand else 0
        factor = 1
        if tense == "ended" and delta > 0:
            factor = 50  # "since March", "the quarter ended Sept. 30": never ahead
        elif (tense in ("past", "ended") and delta > 0) or (tense == "future" and delta < 0):
            factor = 4
        elif tense is None and delta > 0:
            factor = 2
        cost = abs(delta) * factor
        if cost < best_cost:
            best, best_cost = y, cost
    return best


def pick_weekday(dct: date, wd: int, mode: str) -> date:
    """The weekday (1=Monday) relative to dct: mode "past" (on or before), "last" (strictly
    before), "future" (on or after), "next" (strictly after)."""
    diff = wd - dct.isoweekday()
    if mode == "past":
        return dct + timedelta(days=diff if diff <= 0 else diff - 7)
    if mode == "last":
        return dct + timedelta(days=diff if diff < 0 else diff - 7)
    if mode == "future":
        return dct + timedelta(days=diff if diff >= 0 else diff + 7)
    return dct + timedelta(days=diff if diff > 0 else diff + 7)


def _month_of(text: str) -> int | None:
    m = _MONTH_RX.search(text)
    return MONTHS[m.group(0).lower().rstrip(".")] if m else None


def _year_of(text: str) -> int | None:
    m = _YEAR_RX.search(text)
    if m:
        return int(m.group(1))
    m = _SPELLED_YEAR_RX.search(text)
    if m:
        century = parse_number(m.group(1))
        rest = parse_number(m.group(2).replace("oh ", "").replace("oh-", ""))
        return int(century * 100 + rest) if century and rest is not None and rest < 100 else None
    m = _SPELLED_2000_RX.search(text)
    if m:
        n = parse_number(m.group(0))
        return int(n) if n and 2000 <= n < 2100 else None
    return None


def _weekday_of(text: str) -> int | None:
    m = _WEEKDAY_RX.search(text)
    return WEEKDAYS[m.group(0).lower()] if m else None


def _part_of(text: str) -> str | None:
    low = text.lower()
    for word, code in PARTS_OF_DAY.items():
        if re.search(rf"\b{word}s?\b", low):  # "Tuesday nights" too
            return code
    return None


def _modifier(text: str) -> str | None:
    low = text.lower()
    for key, words in (
        ("next", ("next", "coming", "following")),
        ("last", ("last", "past", "previous", "preceding")),
        ("this", ("this", "current", "the same", "that")),
    ):
        if any(re.search(rf"\b{w}\b", low) for w in words):
            return key
    return None


def _weekday_mode(mod: str | None, tense: str | None) -> str:
    if mod == "last":
        return "last"
    if mod == "next":
        return "next"
    return "future" if tense == "future" else "past"


# ---------------------------------------------------------------- rule handlers


def _md(c: Candidate, dct: date | None, tense: str | None, _: Context) -> Resolved | None:
    month = _month_of(c.text)
    after_month = c.text[_MONTH_RX.search(c.text).end() :] if month else c.text  # type: ignore[union-attr]
    days = [int(x) for x in _DAYNUM_RX.findall(after_month if c.rule in ("md", "md_range") else c.text)]
    if not days:  # a spelled ordinal: "March eighth", "the twenty-first of May"
        spelled = _DAY_WORD_RX.search(after_month if c.rule == "md" else c.text)
        days = [ordinal_value(spelled.group(0).replace(" ", "-")) or 0] if spelled else []
    days = [d for d in days if 1 <= d <= 31]
    if month is None or not days:
        return None
    year = _year_of(c.text)
    if year is None and dct is not None:
        mod = _modifier(c.text.split(",")[0]) if _weekday_of(c.text) else None
        year = pick_year(dct, month, days[0], "future" if mod == "next" else tense)
    ystr = f"{year:04d}" if year else "XXXX"
    if year and safe_date(year, month, days[0]) is None:
        return None
    value = f"{ystr}-{month:02d}-{days[0]:02d}"
    if c.rule.endswith("range") and len(days) > 1 and days[1] > days[0]:
        return "DATE", value, "range", f"{ystr}-{month:02d}-{days[1]:02d}"
    return "DATE", value, "day", None


def _weekof(c: Candidate, dct: date | None, tense: str | None, ctx: Context) -> Resolved | None:
    """ "the week of March 6": the ISO week of that day."""
    m = _MONTH_RX.search(c.text)
    got = _md(Candidate(0, 0, "md", c.text[m.start() :]), dct, tense, ctx) if m else None
    if got is None or not got[1][:1].isdigit():
        return got
    y, mo, d = (int(x) for x in got[1].split("-"))
    return "DATE", week(date(y, mo, d)), "other", None


_WEEK_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}


def _monthweek(c: Candidate, dct: date | None, tense: str | None, _: Context) -> Resolved | None:
    """ "the last week of March": the ISO week holding the middle day of the month's n-th (or last)
    seven days; the year as for a bare month."""
    month = _month_of(c.text)
    n = next((v for k, v in _WEEK_ORDINALS.items() if re.search(rf"\b{k}\b", c.text, re.I)), None)
    if month is None or n is None:
        return None
    year = _year_of(c.text)
    if year is None and dct is not None:
        year = pick_year(dct, month, None, tense)
    if year is None:
        return "DATE", f"XXXX-{month:02d}", "month", None
    if n > 0:
        mid = date(year, month, 7 * n - 3)
    else:
        y2, m2 = add_months(year, month, 1)
        mid = date(y2, m2, 1) - timedelta(days=4)
    return "DATE", week(mid), "other", None


def _iso(c: Candidate, *_: object) -> Resolved | None:
    return "DATE", c.text, "day", None


def _slash(c: Candidate, dct: date | None, *_: object) -> Resolved | None:
    """US numeric dates: "10/19/87", "10/19/1987"."""
    mo, dom, yr = (int(x) for x in c.text.split("/"))
    if yr < 100:  # two digits: the century that puts it nearest to dct (else 19xx)
        base = dct.year if dct else 1950
        cent = base // 100 * 100
        yr = min((c0 + yr for c0 in (cent - 100, cent, cent + 100)), key=lambda y: abs(y - base))
    got = safe_date(yr, mo, dom)
    return ("DATE", day(got), "day", None) if got else None


def _my(c: Candidate, *_: object) -> Resolved | None:
    month, year = _month_of(c.text), _year_of(c.text)
    if month is None or year is None:
        return None
    return "DATE", f"{year}-{month:02d}", "month", None


def _month(c: Candidate, dct: date | None, tense: str | None, _: Context) -> Resolved | None:
    month = _month_of(c.text)
    if month is None:
        return None
    low = c.text.lower()
    if low in ("may", "march") and c.text[0].isupper() and c.start == 0:
        return None
    if dct is None:
        return "DATE", f"XXXX-{month:02d}", "month", None
    if "last year" in low:
        year = dct.year - 1
    elif "next year" in low:
        year = dct.year + 1
    elif "this year" in low or low.startswith("this "):
        year = dct.year
    elif re.match(r"(this past|past|last)\b", low):
        year = dct.year if month < dct.month else dct.year - 1
    elif low.startswith(("next", "this coming")):
        year = dct.year if month > dct.month else dct.year + 1
    else:
        year = pick_year(dct, month, None, "ended" if low.startswith("since") else tense)
    return "DATE", f"{year}-{month:02d}", "month", None


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}  # fmt: skip


def _decade(c: Candidate, *_: object) -> Resolved | None:
    low = c.text.lower()
    cent = re.search(r"(\d{1,2})(?:st|nd|rd|th)|(" + ORDINAL_WORD + r")[- ]century", low)
    if cent and "centur" in low:  # "the 20th century" -> 19
        n = int(cent.group(1)) if cent.group(1) else ordinal_value(cent.group(2))
        return ("DATE", f"{n - 1:02d}", "other", None) if n else None
    word = next((v for k, v in _DECADE_WORDS.items() if k in low), None)
    if word is not None:  # "the nineties": the 1990s
        return "DATE", f"19{word}", "other", None
    m = re.search(r"(\d{2,4})'?s", c.text)
    if not m:
        return None
    digits = m.group(1)
    if len(digits) == 2:
        digits = ("20" if digits[0] in "012" else "19") + digits
    return "DATE", digits[:3], "other", None


def _year(c: Candidate, dct: date | None, *_: object) -> Resolved | None:
    year = _year_of(c.text)
    short = re.fullmatch(r"'(\d\d)", c.text)
    if short:  # "since '82": the latest century that puts it at most ten years after dct
        n = int(short.group(1))  # without dct, the strptime %y pivot: '69-'99 are 1900s
        if dct is None:
            year = (1900 if n >= 69 else 2000) + n
        else:
            year = max((y for y in (1900 + n, 2000 + n) if y <= dct.year + 10), default=1800 + n)
    if year is None:
        return None
    half = re.search(r"\b(first|second) half\b", c.text, re.IGNORECASE)
    if half:  # "the second half of 1988"
        return "DATE", f"{year}-H{1 if half.group(1).lower() == 'first' else 2}", "other", None
    return "DATE", f"{year}", "year", None


def _quarter(c: Candidate, dct: date | None, tense: str | None, ctx: Context) -> Resolved | None:
    low = c.text.lower()
    m = re.search(r"\b([qh])([1-4])\b", low)
    half = "half" in low or (m is not None and m.group(1) == "h")
    ords = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
    num = int(m.group(2)) if m else next((v for k, v in ords.items() if re.search(rf"\b{k}\b", low)), None)
    year = _year_of(c.text)
    cur_q = (dct.month - 1) // 3 + 1 if dct else None
    if num is None and year is not None and re.search(r"\b(last|final)\b", low):
        num = 2 if half else 4  # "the last half of 1989"
    if num is None and year is not None:  # "the 1988 quarter", "the 1989 period"
        if "period" in low or ctx.last_quarter is None:
            return ("DATE", str(year), "year", None) if "period" in low else None
        return "DATE", f"{year}-Q{ctx.last_quarter[1]}", "other", None
    if num is None:  # the quarter / the latest quarter / year-earlier quarter
        if half or dct is None or cur_q is None:
            return None
        if re.search(r"year-(earlier|ago)|\bsame\b", low):  # compared with the quarter reported on
            y, q = ctx.last_quarter or ((dct.year, cur_q - 1) if cur_q > 1 else (dct.year - 1, 4))
            return quarter_a_year_before(y, q)
        if "current" in low or re.search(r"\bthis[\s-]+quarter", low):
            y, q = dct.year, cur_q
        elif re.search(r"\b(?:next|coming)[\s-]+quarter", low):
            y, q = (dct.year, cur_q + 1) if cur_q < 4 else (dct.year + 1, 1)
        elif re.search(r"\bthat[\s-]+quarter", low) and ctx.last_quarter:
            y, q = ctx.last_quarter
        else:
            y, q = (dct.year, cur_q - 1) if cur_q > 1 else (dct.year - 1, 4)
        ctx.last_quarter = (y, q)
        return "DATE", f"{y}-Q{q}", "other", None
    if half and num > 2:
        return None
    if year is None and dct is not None and cur_q is not None:
        year = dct.year + (
            -1 if re.search(r"last year|year-(ago|earlier)", low) else 1 if "next year" in low else 0
        )
        here = (dct.month - 1) // 6 + 1 if half else cur_q
        if "year" not in low and tense == "past" and num > here:
            year -= 1  # no forward shift: "the first quarter" in a forecast is this year's
    ystr = str(year) if year else "XXXX"
    if not half and year and not re.search(r"last year|year-(ago|earlier)", low):
        ctx.last_quarter = (year, num)  # the quarter reported on (a year-ago one is only compared)
    return "DATE", f"{ystr}-{'H' if half else 'Q'}{num}", "other", None


def _weekday(c: Candidate, dct: date | None, tense: str | None, _: Context) -> Resolved | None:
    wd = _weekday_of(c.text)
    if wd is None:
        return None
    part = _part_of(c.text)
    suffix = f"T{part}" if part else ""
    if dct is None:
        return ("TIME" if part else "DATE"), f"XXXX-WXX-{wd}{suffix}", "time" if part else "day", None
    d = pick_weekday(dct, wd, _weekday_mode(_modifier(c.text), tense))
    return ("TIME" if part else "DATE"), day(d) + suffix, "time" if part else "day", None


def _relday(c: Candidate, dct: date | None, *_: object) -> Resolved | None:
    low = c.text.lower()
    offset = -2 if "before yesterday" in low else 2 if "after tomorrow" in low else 0
    if not offset:
        offset = -1 if "yesterday" in low or low.startswith(("last night", "late last", "early last")) else 0
        offset = 1 if "tomorrow" in low else offset
    part = _part_of(c.text)
    if "midday" in low:
        part = None
    if dct is None:
        ref = "PAST_REF" if offset < 0 else "FUTURE_REF" if offset > 0 else "PRESENT_REF"
        return "DATE", ref, "other", None
    value = day(dct + timedelta(days=offset))
    if "midday" in low:
        return "TIME", value + "T12:00", "time", None
    if part:
        return "TIME", value + f"T{part}", "time", None
    return "DATE", value, "day", None


_CLOCK_WORD = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
    r"(?=(?: o'clock)?\s+(?:in|at|o'clock|[ap]\.m))"
)
_CLOCK_PART = re.compile(r"(?:o'clock)?\s*(in the (morning|afternoon|evening)|at night)")


_UTC = re.compile(r"\b(?:UTC|GMT)\b")


_LAST_CLOCK = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})")


def _overnight(base: str, hh: int, mm: int, ctx: Context, dct: date) -> str:
    """The day after ``base`` when a bare clock time would run the story's clock back: "orders at
    9:40 p.m. Tuesday ... said at a 6 a.m. briefing" is Wednesday's 6 a.m. (never after ``dct``)."""
    prev = _LAST_CLOCK.match(ctx.history[-1]) if ctx.history else None
    d = safe_date(*(int(x) for x in base.split("-")))
    if prev is None or d is None or prev.group(1) != base or d >= dct:
        return base
    return day(d + timedelta(days=1)) if (int(prev.group(2)), int(prev.group(3))) > (hh, mm) else base


def _time(c: Candidate, dct: date | None, tense: str | None, ctx: Context) -> Resolved | None:
    low = c.text.lower()
    spelled = _CLOCK_WORD.search(low)
    if spelled:  # "four in the morning", "ten o'clock"
        low = low[: spelled.start()] + str(int(parse_number(spelled.group(1)) or 0)) + low[spelled.end() :]
    part = _CLOCK_PART.search(low)
    if part and not re.search(r"[ap]\.?m", low):  # "4 in the morning" -> 4 a.m., "8 at night" -> 8 p.m.
        suffix = " a.m." if part.group(2) == "morning" else " p.m."
        low = low[: part.start()].rstrip() + suffix + low[part.end() :]
    elif re.search(r"o'clock", low):
        low = re.sub(r"\s*o'clock", ":00", low)
    m = re.search(r"(\d{1,2})(?::(\d\d))?\s*(a\.?m|p\.?m)?", low)
    military = re.match(r"(\d\d)(\d\d)\s", low)  # "0800 UTC"
    if military:
        hh, mm = int(military.group(1)), int(military.group(2))
    elif low.startswith("noon"):
        hh, mm = 12, 0
    elif low.startswith("midnight"):
        hh, mm = 24, 0
    elif m:
        hh, mm = int(m.group(1)), int(m.group(2) or 0)
        if m.group(3) and m.group(3).startswith("p") and hh < 12:
            hh += 12
        elif m.group(3) and m.group(3).startswith("a") and hh == 12:
            hh = 0
        if hh > 24 or (not m.group(3) and not m.group(2)):
            return None
    else:
        return None
    rest = c.text[m.end() :] if m and not low.startswith(("noon", "midnight")) else c.text
    base: str | None = None
    if _weekday_of(rest) or _month_of(rest) or re.search(r"today|yesterday|tomorrow|tonight", rest, re.I):
        sub = Candidate(0, 0, "md" if _month_of(rest) else "weekday", rest.strip(" ,"))
        handler = _md if _month_of(rest) else _weekday if _weekday_of(rest) else _relday
        got = handler(sub, dct, tense, ctx)
        base = got[1][:10] if got else None
    if base is None:  # a bare clock time: on the day last mentioned, else the publication day
        last = ctx.last(_LAST_DAY)
        base = last.group(0) if last else day(dct) if dct else "XXXX-XX-XX"
        if last and dct and tense != "ended" and not ctx.sentence_names_day:
            base = _overnight(base, hh, mm, ctx, dct)
    # ISO 8601: a clock time stated in UTC/GMT ends in Z ("10:35 a.m. (0735 GMT)" is a local time)
    zone = "Z" if _UTC.search(re.sub(r"\([^)]*\)", "", c.text)) else ""
    return "TIME", f"{base}T{hh:02d}:{mm:02d}{zone}", "time", None


def _relunit(c: Candidate, dct: date | None, tense: str | None, ctx: Context) -> Resolved | None:
    low = c.text.lower()
    unit_m = _UNIT_RX.search(low)
    if unit_m is None:
        return None
    unit = unit_m.group(1)
    mod = _modifier(low)
    if re.search(r"year-(earlier|ago)", low):
        mod, unit = "last", "year"
        if ctx.last_quarter and dct:
            y, q = ctx.last_quarter
            return quarter_a_year_before(y, q)
    if low in ("the year", "the month", "the week") and tense == "duration":
        return "DURATION", f"P1{unit[0].upper()}", "duration", None
    if dct is None:
        ref = {"last": "PAST_REF", "next": "FUTURE_REF"}.get(mod or "", "PRESENT_REF")
        return "DATE", ref, "other", None
    step = {"last": -1, "next": 1}.get(mod or "", 0)
    if unit == "year" or "year-end" in low:
        return "DATE", str(dct.year + step), "year", None
    if unit == "month":
        y, m = add_months(dct.year, dct.month, step)
        return "DATE", f"{y}-{m:02d}", "month", None
    if unit == "week":
        return "DATE", week(dct + timedelta(weeks=step)), "other", None
    if unit == "weekend":
        mode = "last" if step < 0 else "next" if step > 0 or tense == "future" else "past"
        if mode == "past" and tense is None and 2 <= dct.isoweekday() <= 5:
            mode = "future"  # "what is at stake this weekend", said midweek: the coming one
        sat = pick_weekday(dct, 6, mode)
        return "DATE", week(sat) + "-WE", "other", None
    if unit == "decade":
        return "DATE", str(dct.year // 10 + step), "other", None
    if unit == "centur":
        return "DATE", f"{dct.year // 100 + step:02d}", "other", None
    if unit == "day":
        return "DATE", day(dct + timedelta(days=step)), "day", None
    return None


def _season(c: Candidate, dct: date | None, tense: str | None, _: Context) -> Resolved | None:
    low = c.text.lower()
    code = next((v for k, v in SEASONS.items() if k in low), None)
    if code is None:
        return None
    year = _year_of(c.text)
    if year is None and dct is not None:
        year = dct.year
        start = _SEASON_START[code]
        mod = _modifier(low)
        if mod == "last" and start > dct.month:
            year -= 1
        elif mod == "next" and start <= dct.month:
            year += 1
        elif mod is None and tense == "past" and start > dct.month:
            year -= 1
        elif mod is None and tense == "future" and start + 2 < dct.month:
            year += 1  # "will be held in the spring", said in August: the next one
    return "DATE", f"{year or 'XXXX'}-{code}", "other", None


def _amount(text: str) -> tuple[float | None, str]:
    """(number or None when vague, unit code key) of a duration phrase."""
    unit_m = _UNIT_RX.search(text)
    unit = unit_m.group(1).lower() if unit_m else "year"
    head = _QUANT_HEAD.sub("", text[: unit_m.start()] if unit_m else text).strip(" -").lower()
    head = re.sub(r"\s+(more|additional|full|straight|consecutive|trading|business|working)$", "", head)
    if not head or head in _VAGUE:
        return None, unit
    half = 0.5 if unit_m and re.match(r"s?\s+and a half\b", text[unit_m.end() :]) else 0.0
    m = re.fullmatch(r"(?:(.+?)[\s-]+and[\s-]+)?(?:a|one)[\s-]+half", head)
    if m:  # "one and a half", "a half"
        head, half = m.group(1) or "", 0.5
    n = parse_number(head) if head else 0.0
    return (n + half if n is not None else None), unit


def duration_value(n: float | None, unit: str) -> str:
    """TimeML duration value: P3D, PT5H, PXM, P20Y (decades in years)."""
    t, code = _DURATION_CODE[unit]
    if code == "DE":
        return "PXY" if n is None else f"P{n * 10:g}Y"
    if code == "CE":
        return "PXY" if n is None else f"P{n * 100:g}Y"
    if code == "Q":
        return "PXM" if n is None else f"P{n:g}Q"
    if n is None:
        return f"P{t}X{code}"
    if n != int(n):
        lower = {"year": (12, "M"), "day": (24, "H"), "hour": (60, "M"), "minute": (60, "S")}.get(unit)
        if lower:
            rest = round((n - int(n)) * lower[0])
            t2 = "T" if unit == "day" else t
            whole = f"{int(n)}{code}" if int(n) else ""
            return f"P{t}{whole}{'' if t2 == t else t2}{rest}{lower[1]}"
    if code == "D" and unit == "weekend":
        return f"P{2 * n:g}D"
    return f"P{t}{n:g}{code}"


def _duration(c: Candidate, dct: date | None, tense: str | None, ctx: Context) -> Resolved | None:
    low = c.text.lower()
    if low in ("a while", "a long time"):
        return "DURATION", "PXX", "duration", None
    if "half an hour" in low or "half-hour" in low:
        return "DURATION", "PT30M", "duration", None
    if low == "half a day":
        return "DURATION", "PT12H", "duration", None
    if low == "an hour and a half":
        return "DURATION", "PT1H30M", "duration", None
    # "day-long": one unit; "decades-long": an unknown number ("a decades-long feud": the article is the feud's)
    long_m = re.fullmatch(r"(?:an?\s+)?(\w+?)(s?)-long", low)
    if long_m:
        unit = _UNIT_RX.match(long_m.group(1))
        n = None if long_m.group(2) or long_m.group(1) == "centurie" else 1.0
        return ("DURATION", duration_value(n, unit.group(1)), "duration", None) if unit else None
    n, unit = _amount(low)
    if n is None and not re.search(r"few|several|some|many|couple|dozens|number|recent|coming|s\b", low):
        return None
    return "DURATION", duration_value(n, unit), "duration", None


def _ago(c: Candidate, dct: date | None, tense: str | None, ctx: Context) -> Resolved | None:
    low = c.text.lower()
    direction = re.search(r"(ago|earlier|later|before|after|from now|hence|back)$", low)
    word = direction.group(1) if direction else "ago"
    n, unit = _amount(low[: direction.start()] if direction else low)
    if word in ("before", "after", "later"):
        return "DURATION", duration_value(n, unit), "duration", None
    sign = 1 if word in ("from now", "hence") else -1
    if dct is None or n is None or n != int(n):
        return "DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", "other", None
    k = int(n) * sign
    if word == "earlier" and unit in ("day", "night", "week", "weekend", "month"):
        anchored = _from_reference(k, unit, ctx)
        if anchored is not None:
            return anchored
    if unit == "year" and ctx.last_quarter and sign < 0 and k == -1:
        y, q = ctx.last_quarter
        return quarter_a_year_before(y, q)
    if unit in ("day", "night"):
        return "DATE", day(dct + timedelta(days=k)), "day", None
    if unit in ("week", "weekend"):
        return "DATE", week(dct + timedelta(weeks=k)), "other", None
    if unit == "month":
        y, m = add_months(dct.year, dct.month, k)
        return "DATE", f"{y}-{m:02d}", "month", None
    if unit == "quarter":
        y, m = add_months(dct.year, dct.month, 3 * k)
        return "DATE", f"{y}-Q{(m - 1) // 3 + 1}", "other", None
    if unit == "year":
        return "DATE", str(dct.year + k), "year", None
    if unit == "decade":
        return "DATE", str((dct.year + 10 * k) // 10), "other", None
    if unit == "centur":
        return "DATE", f"{(dct.year + 100 * k) // 100:02d}", "other", None
    return "DATE", day(dct), "day", None  # hours/minutes ago: today


def _from_reference(k: int, unit: str, ctx: Context) -> Resolved | None:
    """ "two days earlier", "a month earlier": k units from the reference time (the date last mentioned),
    as TimeML and HeidelTime anchor "earlier" (while "ago" counts from the publication date); None when
    no date of that granularity was mentioned yet. Years stay with the caller: "a year earlier" in
    an earnings report compares with the period reported on, not with the last date named."""
    if unit == "month":
        m = ctx.last(_LAST_MONTH)
        if m is None:
            return None
        y, mo = add_months(int(m.group(1)), int(m.group(2)), k)
        return "DATE", f"{y}-{mo:02d}", "month", None
    m = ctx.last(_LAST_DAY)
    base = safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    if base is None:
        return None
    if unit in ("week", "weekend"):
        return "DATE", week(base + timedelta(weeks=k)), "other", None
    return "DATE", day(base + timedelta(days=k)), "day", None


def _ref(c: Candidate, dct: date | None, tense: str | None, _: Context) -> Resolved | None:
    low = c.text.lower()
    if low.endswith("soon") and tense in ("past", "ended"):
        return None  # "he was soon released": a past sequence, no reference to the future
    for value, words in _REFS.items():
        if low in words:
            return "DATE", value, "other", None
    return "DATE", "FUTURE_REF", "other", None


def _set(c: Candidate, *_: object) -> Resolved | None:
    low = c.text.lower()
    wd, month = _weekday_of(c.text), _month_of(c.text)
    if wd:
        part = _part_of(c.text)
        return "SET", f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""), "other", None
    if month:
        return "SET", f"XXXX-{month:02d}", "other", None
    adverbs = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
               "bimonthly": "P2M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P3M"}  # fmt: skip
    if low in adverbs:
        return "SET", adverbs[low], "other", None
    unit_m = _UNIT_RX.search(low)
    if unit_m is None:
        return None
    n = 2 if "other" in low else 1
    return "SET", duration_value(n, unit_m.group(1).lower()), "other", None


def _easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, dom = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, dom + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (n=-1: last) ISO weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = add_months(year, month, 1)
    end = date(last[0], last[1], 1) - timedelta(days=1)
    return end - timedelta(days=(end.isoweekday() - weekday) % 7)


def _election_day(year: int) -> date:
    return _nth_weekday(year, 11, 1, 1) + timedelta(days=1)


_HOLIDAYS: dict[str, object] = {
    "christmas eve": (12, 24), "christmas": (12, 25), "christmas day": (12, 25), "new year's eve": (12, 31),
    "new year's": (1, 1), "new year's day": (1, 1), "independence day": (7, 4), "valentine's day": (2, 14),
    "halloween": (10, 31), "boxing day": (12, 26), "may day": (5, 1), "veterans day": (11, 11),
    "veterans' day": (11, 11), "bastille day": (7, 14), "remembrance day": (11, 11),
    "all saints' day": (11, 1),
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
    "labour day": (9, 1, 1), "memorial day": (5, 1, -1), "mother's day": (5, 7, 2), "father's day": (6, 7, 3),
    "martin luther king day": (1, 1, 3), "martin luther king jr. day": (1, 1, 3),
    "presidents' day": (2, 1, 3),
    "columbus day": (10, 1, 2), "election day": _election_day,
    "easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2, "palm sunday": -7,
    "ash wednesday": -46,
}  # fmt: skip


def holiday_date(name: str, year: int) -> date | None:
    """The date of a named holiday in a year (fixed, n-th weekday, Easter-based); None when unknown."""
    rule = _HOLIDAYS.get(name.lower())
    if isinstance(rule, int):
        return _easter(year) + timedelta(days=rule)
    if isinstance(rule, tuple) and len(rule) == 2:
        return safe_date(year, rule[0], rule[1])
    if isinstance(rule, tuple):
        return _nth_weekday(year, *rule)
    return rule(year) if callable(rule) else None


_HOLIDAY_NAME = re.compile(
    r"^(?:(?:last|next|this|this past|this coming)\s+)?(.+?)(?:\s+(?:week|weekend))?$", re.I
)


def _holiday(c: Candidate, dct: date | None, tense: str | None, _: Context) -> Resolved | None:
    low = re.sub(r",?\s+\d{4}$", "", c.text.lower())
    name_m = _HOLIDAY_NAME.match(low)
    name = name_m.group(1) if name_m else low
    if holiday_date(name, 2000) is None:
        return None
    year = _year_of(c.text)
    if year is None and dct is not None:
        mod = _modifier(low.split(name)[0]) if not low.startswith(name) else None
        dates = [(y, holiday_date(name, y)) for y in (dct.year - 1, dct.year, dct.year + 1)]
        if mod == "last" or (mod is None and "past" in low):
            year = max(y for y, d in dates if d and d < dct)
        elif mod == "next" or "coming" in low:
            year = min(y for y, d in dates if d and d > dct)
        else:
            this = holiday_date(name, dct.year) or dct
            year = pick_year(dct, this.month, this.day, tense)
    when = holiday_date(name, year) if year else None
    if when is None:
        return "DATE", "XXXX-XX-XX", "day", None
    if low.endswith(" weekend"):
        return "DATE", week(when) + "-WE", "other", None
    if low.endswith(" week"):
        return "DATE", week(when), "other", None
    return "DATE", day(when), "day", None


_LAST_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LAST_MONTH = re.compile(r"(\d{4})-(\d{2})")
_LAST_YEAR = re.compile(r"(\d{4})")


def _anaphor(c: Candidate, dct: date | None, tense: str | None, ctx: Context) -> Resolved | None:
    """ "that year", "the following month", "later that day", "the next morning", "the day before":
    relative to the last date mentioned in the text (the reference time), else to dct."""
    low = c.text.lower()
    step = (
        1
        if re.search(r"following|next|after", low)
        else -1
        if re.search(r"previous|preceding|prior|before|\searlier$", low)
        else 0
    )
    units = re.findall(r"\b(day|morning|afternoon|evening|night|week|month|year)\b", low)
    unit_word = units[-1] if units else "day"
    if unit_word == "year":
        m = ctx.last(_LAST_YEAR)
        year = int(m.group(1)) if m else dct.year if dct else None
        return ("DATE", f"{year + step}", "year", None) if year else ("DATE", "XXXX", "year", None)
    if unit_word == "month":
        m = ctx.last(_LAST_MONTH)
        ym = (int(m.group(1)), int(m.group(2))) if m else (dct.year, dct.month) if dct else None
        if ym is None:
            return "DATE", "XXXX-XX", "month", None
        y, mo = add_months(ym[0], ym[1], step)
        return "DATE", f"{y}-{mo:02d}", "month", None
    m = ctx.last(_LAST_DAY)
    base = safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else dct
    if base is None:
        return "DATE", "XXXX-XX-XX", "day", None
    if unit_word == "week":
        return "DATE", week(base + timedelta(weeks=step)), "other", None
    value = day(base + timedelta(days=step))
    part = _part_of(unit_word)
    return ("TIME", f"{value}T{part}", "time", None) if part else ("DATE", value, "day", None)


_LAST_CALENDAR = re.compile(r"(\d{4})(-(?:Q[1-4]|H[12]|\d{2}(?:-\d{2})?))?$")


def _yearback(c: Candidate, dct: date | None, tense: str | None, ctx: Context) -> Resolved | None:
    """ "the same month a year ago", "the same period last year": the period last mentioned (or
    the quarter of an earnings report), one year back; else just last year."""
    unit = re.search(r"(period|month|quarter|week|day|time)", c.text.lower())
    kind = unit.group(1) if unit else "period"
    if kind in ("period", "quarter") and ctx.last_quarter:
        y, q = ctx.last_quarter
        return quarter_a_year_before(y, q)
    m = ctx.last(_LAST_CALENDAR)
    if m is None:
        return ("DATE", str(dct.year - 1), "year", None) if dct else ("DATE", "PAST_REF", "other", None)
    rest = m.group(2) or ""
    if kind == "month":
        rest = rest[:3] if re.fullmatch(r"-\d{2}(?:-\d{2})?", rest) else ""
    return "DATE", f"{int(m.group(1)) - 1}{rest}", "other" if "Q" in rest or "H" in rest else "month", None


HANDLERS = {
    "md_range": _md, "dm_range": _md, "md": _md, "dm": _md, "iso": _iso, "slash": _slash, "weekof": _weekof,
    "monthweek": _monthweek,
    "my": _my, "month": _month,
    "decade": _decade, "year": _year, "quarter": _quarter, "weekday": _weekday, "relday": _relday,
    "time": _time, "relunit": _relunit, "season": _season, "ago": _ago, "duration": _duration,
    "ref": _ref, "set": _set, "holiday": _holiday, "anaphor": _anaphor, "yearback": _yearback,
}  # fmt: skip


def resolve(c: Candidate, dct: date | None, tense: str | None, ctx: Context) -> Resolved | None:
    """(type, value, granularity, end_value) of one candidate, or None to drop it; calendar
    values are remembered in ``ctx`` as reference times for later anaphoric expressions."""
    got = HANDLERS[c.rule](c, dct, tense, ctx)
    if got is not None and got[0] in ("DATE", "TIME") and got[1][:1].isdigit():
        ctx.history.append(got[1])
    return got
