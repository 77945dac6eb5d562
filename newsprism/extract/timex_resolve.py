"""Normalise a matched temporal expression to a TimeML value against the publication date.

:func:`resolve` takes one :class:`~newsprism.extract.timex_rules.Candidate`, the
publication date (or None), the tense of its clause ("past", "future", "present" or None)
and a per-document :class:`Context` (the last quarter mentioned, for "a year earlier"),
and returns ``(type, value, granularity, end_value)`` or None to drop the match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsprism.extract.numbers import parse_number
from newsprism.extract.timex_rules import MONTH, MONTHS, PARTS_OF_DAY, SEASONS, WEEKDAY, WEEKDAYS, Candidate

Resolved = tuple[str, str, str, str | None]  # type, value, granularity, end_value

_MONTH_RX = re.compile(MONTH)
_WEEKDAY_RX = re.compile(WEEKDAY)
_YEAR_RX = re.compile(r"(?<!\d)(1[6-9]\d\d|20\d\d)(?!\d)")
_DAYNUM_RX = re.compile(r"(?<![\d,])(\d{1,2})(?:st|nd|rd|th)?(?![\d:])")
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
_FIXED_HOLIDAYS = {
    "christmas eve": (12, 24), "christmas": (12, 25), "christmas day": (12, 25), "new year's eve": (12, 31),
    "new year's": (1, 1), "new year's day": (1, 1), "independence day": (7, 4), "valentine's day": (2, 14),
    "halloween": (10, 31), "boxing day": (12, 26), "may day": (5, 1),
}  # fmt: skip
_REFS = {
    "PRESENT_REF": {"right now", "now", "currently", "current", "nowadays", "at present", "presently", "these days"},
    "PAST_REF": {"recently", "more recently", "recent", "formerly", "previously", "the past", "lately",
                 "in the past", "once upon a time"},
}  # fmt: skip


@dataclass(slots=True)
class Context:
    """Per-document state of the resolver: the last quarter mentioned (year, quarter)."""

    last_quarter: tuple[int, int] | None = None


# ---------------------------------------------------------------- calendar helpers


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
    the tense (a past-tense date after dct, a future one before it) and by 2 for a future
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
        if (tense == "past" and delta > 0) or (tense == "future" and delta < 0):
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
    return int(m.group(1)) if m else None


def _weekday_of(text: str) -> int | None:
    m = _WEEKDAY_RX.search(text)
    return WEEKDAYS[m.group(0).lower()] if m else None


def _part_of(text: str) -> str | None:
    low = text.lower()
    for word, code in PARTS_OF_DAY.items():
        if re.search(rf"\b{word}\b", low):
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


def _iso(c: Candidate, *_: object) -> Resolved | None:
    return "DATE", c.text, "day", None


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
        year = pick_year(dct, month, None, "past" if low.startswith("since") else tense)
    return "DATE", f"{year}-{month:02d}", "month", None


def _decade(c: Candidate, *_: object) -> Resolved | None:
    m = re.search(r"(\d{2,4})'?s", c.text)
    if not m:
        return None
    digits = m.group(1)
    if len(digits) == 2:
        digits = ("20" if digits[0] in "012" else "19") + digits
    return "DATE", digits[:3], "other", None


def _year(c: Candidate, *_: object) -> Resolved | None:
    year = _year_of(c.text)
    return ("DATE", f"{year}", "year", None) if year else None


def _quarter(c: Candidate, dct: date | None, tense: str | None, ctx: Context) -> Resolved | None:
    low = c.text.lower()
    m = re.search(r"\b([qh])([1-4])\b", low)
    half = "half" in low or (m is not None and m.group(1) == "h")
    ords = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
    num = int(m.group(2)) if m else next((v for k, v in ords.items() if re.search(rf"\b{k}\b", low)), None)
    year = _year_of(c.text)
    cur_q = (dct.month - 1) // 3 + 1 if dct else None
    if num is None:  # the quarter / the latest quarter / year-earlier quarter
        if half or dct is None or cur_q is None:
            return None
        if re.search(r"year-(earlier|ago)|\bsame\b", low):
            y, q = ctx.last_quarter or ((dct.year, cur_q - 1) if cur_q > 1 else (dct.year - 1, 4))
            y -= 1
        elif "current" in low:
            y, q = dct.year, cur_q
        else:
            y, q = (dct.year, cur_q - 1) if cur_q > 1 else (dct.year - 1, 4)
        ctx.last_quarter = (y, q)
        return "DATE", f"{y}-Q{q}", "other", None
    if half and num > 2:
        return None
    if year is None and dct is not None and cur_q is not None:
        year = dct.year + (-1 if "last year" in low else 1 if "next year" in low else 0)
        here = (dct.month - 1) // 6 + 1 if half else cur_q
        if "year" not in low and tense == "past" and num > here:
            year -= 1  # no forward shift: "the first quarter" in a forecast is this year's
    ystr = str(year) if year else "XXXX"
    if not half and year:
        ctx.last_quarter = (year, num)
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


def _time(c: Candidate, dct: date | None, tense: str | None, ctx: Context) -> Resolved | None:
    low = c.text.lower()
    m = re.search(r"(\d{1,2})(?::(\d\d))?\s*(a\.?m|p\.?m)?", low)
    if low.startswith("noon"):
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
    if base is None:
        base = day(dct) if dct else "XXXX-XX-XX"
    return "TIME", f"{base}T{hh:02d}:{mm:02d}", "time", None


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
            return "DATE", f"{y - 1}-Q{q}", "other", None
    if re.search(r"\bthe (past|last|previous) (year|month|week|decade|century)", low):
        code = _DURATION_CODE[unit]
        return "DURATION", f"P{code[0]}1{code[1]}", "duration", None
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
    return "DATE", f"{year or 'XXXX'}-{code}", "other", None


def _amount(text: str) -> tuple[float | None, str]:
    """(number or None when vague, unit code key) of a duration phrase."""
    unit_m = _UNIT_RX.search(text)
    unit = unit_m.group(1).lower() if unit_m else "year"
    head = _QUANT_HEAD.sub("", text[: unit_m.start()] if unit_m else text).strip(" -").lower()
    head = re.sub(r"\s+(more|additional|full|straight|consecutive|trading|business|working)$", "", head)
    if not head or head in _VAGUE:
        return None, unit
    return parse_number(head), unit


def duration_value(n: float | None, unit: str) -> str:
    """TimeML duration value: P3D, PT5H, PXM, P20Y (decades in years)."""
    t, code = _DURATION_CODE[unit]
    if code == "DE":
        return "PXY" if n is None else f"P{n * 10:g}Y"
    if code == "CE":
        return "PXY" if n is None else f"P{n * 100:g}Y"
    if code == "Q":
        return "PXM" if n is None else f"P{n * 3:g}M"
    if n is None:
        return f"P{t}X{code}"
    if n != int(n):
        lower = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "M")}.get(code)
        if lower:
            rest = round((n - int(n)) * lower[0])
            t2 = "T" if code == "D" else t
            return f"P{t}{int(n)}{code}{'' if t2 == t else t2}{rest}{lower[1]}"
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
    if unit == "year" and ctx.last_quarter and sign < 0 and k == -1:
        y, q = ctx.last_quarter
        return "DATE", f"{y - 1}-Q{q}", "other", None
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


def _ref(c: Candidate, *_: object) -> Resolved | None:
    low = c.text.lower()
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


def _holiday(c: Candidate, dct: date | None, tense: str | None, _: Context) -> Resolved | None:
    low = c.text.lower()
    if low.startswith("thanksgiving"):
        if dct is None:
            return "DATE", "XXXX-11", "month", None
        year = pick_year(dct, 11, 25, tense)
        first = date(year, 11, 1)
        first_thu = first + timedelta(days=(3 - first.weekday()) % 7)
        return "DATE", day(first_thu + timedelta(weeks=3)), "day", None
    fixed = _FIXED_HOLIDAYS.get(low)
    if fixed is None:
        return None
    month, dom = fixed
    year = pick_year(dct, month, dom, tense) if dct else None
    return "DATE", f"{year or 'XXXX'}-{month:02d}-{dom:02d}", "day", None


HANDLERS = {
    "md_range": _md, "dm_range": _md, "md": _md, "dm": _md, "iso": _iso, "my": _my, "month": _month,
    "decade": _decade, "year": _year, "quarter": _quarter, "weekday": _weekday, "relday": _relday,
    "time": _time, "relunit": _relunit, "season": _season, "ago": _ago, "duration": _duration,
    "ref": _ref, "set": _set, "holiday": _holiday,
}  # fmt: skip


def resolve(c: Candidate, dct: date | None, tense: str | None, ctx: Context) -> Resolved | None:
    """(type, value, granularity, end_value) of one candidate, or None to drop it."""
    return HANDLERS[c.rule](c, dct, tense, ctx)
