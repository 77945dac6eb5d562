"""Publication date: from metadata, else inferred from date clues in the text.

Clues are explicit full dates ("March 21, 2023", also in removed captions), datelines
("Updated Oct 17, 2023 at 5:00 AM"), day ranges ("October 17-18"), month-day mentions,
weekday mentions ("On Tuesday, X landed") and "today"/"tomorrow"/"yesterday". Month-day
mentions and ranges take the year of the nearest full date. Each candidate day D is scored
by how many clues it is consistent with (weights below); the best D wins.

Full dates and weekdays alone never date an article: a full date may be historical ("born on
20 February 1951", "until 15 July 2006") and a weekday does not say which week. The best D
must agree with a yearless range or month-day mention in a past or future sentence, or with
"tomorrow"/"today" pointing into one; otherwise the article stays undated.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from newsprism.model import DateInference

_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
FULL_DATE = re.compile(
    rf"\b{_MONTH} (?P<day>\d{{1,2}}){_ORD},? {_YEAR}\b"
    rf"|\b(?P<day2>\d{{1,2}}){_ORD} (?P<mon2>[A-Z][a-z]+)\.?,? (?P<year2>(?:19|20)\d\d)\b"
    r"|\b(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)\b"
)
_RANGE = re.compile(rf"\b{_MONTH} (?P<d1>\d{{1,2}}){_ORD} ?(?:-|–|—|to|and) ?(?P<d2>\d{{1,2}}){_ORD}\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH} (?P<day>\d{{1,2}}){_ORD}\b(?![-–,]? ?\d)")
_WEEKDAY = re.compile(
    r"\b(?P<mod>last |next |this )?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_RELATIVE = re.compile(r"\b(?P<rel>today|tomorrow|yesterday|tonight)\b", re.I)
_FUTURE = re.compile(
    r"\b(?:will|shall|is set to|are set to|is due to|are due to|to attend|to be held|scheduled|"
    r"upcoming|expected to|plans to|ahead of|next)\b",
    re.I,
)
_PAST = re.compile(r"\b(?:was|were|had|did|held|attended|took place|last|ago|\w{3,}ed)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“'‘])")

# Weights (calibrated on the two example articles and the unit fixtures): a day range is
# the strongest anchor, then each weekday mention, month-day mentions, relative words.
W_RANGE = 2.0
W_WEEKDAY = 1.0
W_MONTH_DAY = 1.0
W_RELATIVE = 0.5
W_AFTER_FULL = 0.5  # D is not before a past full date
W_YEAR = 0.5  # D is in the anchor year
WINDOW = 7  # days around a mention where candidates are tried
MAX_CLUES = 200
MAX_SENTENCE_CHARS = 1000  # longer "sentences" are not prose; their tail is not searched
MAX_SCAN_CHARS = 300_000


@dataclass(slots=True)
class Clue:
    """One date clue found in the text."""

    kind: str  # full, range, month_day, weekday, relative, dateline
    text: str
    tense: str  # past, future, unknown
    pos: int
    start: date | None = None
    end: date | None = None
    month: int = 0
    day: int = 0
    day2: int = 0
    weekday: int = -1
    offset: int = 0


def days_apart(a: str, b: str) -> int | None:
    """Days between the dates of two ISO values (a month "2027-06" counts as its 15th); None when
    either is unreadable."""
    try:
        first, second = (date.fromisoformat(v if len(v) != 7 else f"{v}-15") for v in (a[:10], b[:10]))
    except ValueError:
        return None
    return abs((first - second).days)


def published_from_meta(value: Any) -> str | None:
    """An ISO date or datetime string from a metadata value (str, date, datetime); None if unreadable."""
    if isinstance(value, datetime):
        return (
            value.isoformat(timespec="seconds")
            if value.time() != datetime.min.time()
            else value.date().isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    text = value.strip()
    with contextlib.suppress(TypeError, ValueError, IndexError):
        return published_from_meta(parsedate_to_datetime(text))  # RFC 2822, as in feeds
    try:
        return published_from_meta(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    full = FULL_DATE.search(text)
    if full and (found := _full_date(full)):
        return found.isoformat()
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"PARSERS": ["timestamp", "custom-formats", "absolute-time"], "REQUIRE_PARTS": ["year"]},
    )
    return published_from_meta(parsed) if parsed else None


def infer_published(meta: dict[str, Any], texts: list[tuple[str, str]]) -> DateInference:
    """The publication date: ``meta["published"]`` if readable, else inferred from ``texts``.

    ``texts`` are (text, kind) pairs in page order; kind ``dateline`` marks date lines the
    cleaner removed (their date is taken as is), anything else is searched for clues.
    """
    given = published_from_meta(meta.get("published"))
    if given:
        return DateInference(given, "metadata", 1.0, [f"metadata: {meta.get('published')}"])
    clues = find_clues(texts)
    datelines = [c for c in clues if c.kind == "dateline" and c.start]
    if datelines:
        chosen = next(
            (c for c in datelines if c.text.lower().startswith(("published", "posted"))), datelines[0]
        )
        assert chosen.start is not None
        timed = None if _UPDATED.search(chosen.text) else dateline_time(chosen.text, chosen.start)
        value = timed or chosen.start.isoformat()
        return DateInference(value, "text", 0.95, [f"dateline '{chosen.text}'"])
    return _best_day(clues)


#: A date line giving the time of an edit: its day stands for the publication day, its time does not.
_UPDATED = re.compile(r"\b(?:updated|modified|edited|revised|corrected)\b", re.I)
#: UTC offsets (hours) of the zone abbreviations a date line prints.
ZONES = {
    "UTC": 0.0,
    "GMT": 0.0,
    "Z": 0.0,
    "EDT": -4.0,
    "EST": -5.0,
    "CDT": -5.0,
    "CST": -6.0,
    "MDT": -6.0,
    "MST": -7.0,
    "PDT": -7.0,
    "PST": -8.0,
    "AKDT": -8.0,
    "AKST": -9.0,
    "HST": -10.0,
    "BST": 1.0,
    "CET": 1.0,
    "CEST": 2.0,
}
#: Zones named without saying whether daylight time applies: resolved on the day.
REGION_ZONES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
_CLOCK = re.compile(
    r"(?<![\w:.])(?P<h>\d{1,2})(?:[:.](?P<m>\d\d)(?::(?P<s>\d\d))?)?(?!\d)\s*"
    r"(?P<ampm>[ap]\.? ?m\b\.?)?\s*\(?(?P<zone>(?:UTC|GMT) ?[+-]\d{1,2}(?::?\d\d)?|[+-]\d\d:?\d\d\b|[A-Z]{1,4}\b)?",
    re.I,
)
_ISO_TIME = re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)")


def dateline_time(text: str, day: date) -> str | None:
    """``day`` at the time and zone a date line prints ("October 15, 2025 11:45 AM EDT" ->
    "2025-10-15T11:45:00-04:00"), or an ISO datetime with offset it holds; None when the line has
    no time or the time has no known zone (a local time without a zone is not a point in time)."""
    if len(text) > 200:
        return None
    iso = _ISO_TIME.search(text)
    if iso:
        with contextlib.suppress(ValueError):
            found = datetime.fromisoformat(iso.group(0).replace("Z", "+00:00").replace(" ", "T"))
            if found.date() == day and found.tzinfo is not None:
                return found.isoformat(timespec="seconds")
    rest = FULL_DATE.sub(lambda m: " " * len(m.group(0)), text)
    for m in _CLOCK.finditer(rest):
        if not (m.group("m") or m.group("ampm")):
            continue
        hour, minute, second = int(m.group("h")), int(m.group("m") or 0), int(m.group("s") or 0)
        ampm = (m.group("ampm") or "").lower()[:1]
        if ampm and not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "p" else 0) if ampm else hour
        if hour > 23 or minute > 59 or second > 59:
            return None
        zone = _zone(m.group("zone") or "", day, time(hour, minute, second))
        if zone is None:
            return None
        return datetime.combine(day, time(hour, minute, second), zone).isoformat(timespec="seconds")
    return None


def _zone(name: str, day: date, clock: time) -> timezone | None:
    """The fixed offset of a zone abbreviation or numeric offset ("EDT", "+0530", "GMT+1")."""
    text = name.upper().replace(" ", "")
    if text in ZONES:
        return timezone(timedelta(hours=ZONES[text]))
    if text in REGION_ZONES:
        with contextlib.suppress(Exception):  # no time zone database
            from zoneinfo import ZoneInfo

            offset = datetime.combine(day, clock, ZoneInfo(REGION_ZONES[text])).utcoffset()
            return timezone(offset) if offset is not None else None
        return None
    m = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d\d)?", text)
    if not m or int(m.group(2)) > 14 or int(m.group(3) or 0) > 59:
        return None
    minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
    return timezone(timedelta(minutes=minutes if m.group(1) == "+" else -minutes))


def find_clues(texts: list[tuple[str, str]]) -> list[Clue]:
    """All date clues in ``texts`` (bounded to ``MAX_CLUES``), with positions in page order."""
    clues: list[Clue] = []
    base = 0
    for text, kind in texts:
        if base > MAX_SCAN_CHARS:
            break
        # a date line is one clue: "8:15 p.m. MDT" is not split after "p.m."
        parts = [(0, text[:MAX_SENTENCE_CHARS])] if kind == "dateline" else _sentences(text[:MAX_SCAN_CHARS])
        for sentence_start, full_sentence in parts:
            sentence = full_sentence[:MAX_SENTENCE_CHARS]
            tense = _tense(sentence)
            pos = base + sentence_start
            clues.extend(_sentence_clues(sentence, tense, pos, dateline=kind == "dateline"))
            if len(clues) >= MAX_CLUES:
                return clues[:MAX_CLUES]
        base += len(text) + 2
    return clues


def _sentences(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for match in _SENTENCE.finditer(text):
        out.append((start, text[start : match.start()]))
        start = match.end()
    out.append((start, text[start:]))
    return out


def _tense(sentence: str) -> str:
    if _FUTURE.search(sentence):
        return "future"
    return "past" if _PAST.search(sentence) else "unknown"


def _sentence_clues(sentence: str, tense: str, pos: int, dateline: bool) -> list[Clue]:
    clues: list[Clue] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        return all(m.end() <= a or m.start() >= b for a, b in taken)

    for m in FULL_DATE.finditer(sentence):
        found = _full_date(m)
        if found:
            kind = "dateline" if dateline else "full"
            clues.append(
                Clue(
                    kind,
                    m.group(0) if not dateline else sentence.strip(),
                    tense,
                    pos + m.start(),
                    found,
                    found,
                )
            )
            taken.append(m.span())
    for m in _RANGE.finditer(sentence):
        if free(m):
            month = _MONTHS[m.group("mon")[:3].lower()]
            d1, d2 = int(m.group("d1")), int(m.group("d2"))
            if 1 <= d1 < d2 <= 31:
                clues.append(Clue("range", m.group(0), tense, pos + m.start(), month=month, day=d1, day2=d2))
                taken.append(m.span())
    for m in _MONTH_DAY.finditer(sentence):
        if free(m) and 1 <= int(m.group("day")) <= 31:
            month = _MONTHS[m.group("mon")[:3].lower()]
            clues.append(
                Clue("month_day", m.group(0), tense, pos + m.start(), month=month, day=int(m.group("day")))
            )
    for m in _WEEKDAY.finditer(sentence):
        mod = (m.group("mod") or "").strip()
        wd_tense = "future" if mod == "next" or (tense == "future" and mod != "last") else "past"
        clue = Clue(
            "weekday",
            m.group(0).strip(),
            wd_tense,
            pos + m.start(),
            weekday=_WEEKDAYS.index(m.group("wd").lower()),
        )
        clue.offset = 1 if mod in ("last", "next") else 0
        clues.append(clue)
    for m in _RELATIVE.finditer(sentence):
        rel = m.group("rel").lower()
        offset = {"tomorrow": 1, "yesterday": -1}.get(rel, 0)
        clues.append(Clue("relative", m.group(0), tense, pos + m.start(), offset=offset))
    return clues


def _full_date(m: re.Match[str]) -> date | None:
    try:
        if m.group("iy"):
            return date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        if m.group("year"):
            return date(int(m.group("year")), _MONTHS[m.group("mon")[:3].lower()], int(m.group("day")))
        name = m.group("mon2").lower()
        if name not in _MONTH_NAMES:
            return None
        return date(int(m.group("year2")), _MONTHS[name[:3]], int(m.group("day2")))
    except (ValueError, KeyError):
        return None


_MONTH_NAMES = (
    frozenset(_MONTHS)
    | frozenset(
        ["sept", "january", "february", "march", "april", "june", "july", "august", "september", "october"]
    )
    | frozenset(["november", "december"])
)


def _resolve(clues: list[Clue]) -> None:
    """Give month-day mentions and ranges the year of the nearest full date."""
    fulls = [c for c in clues if c.kind == "full" and c.start]
    for clue in clues:
        if clue.kind not in ("range", "month_day") or not fulls:
            continue
        nearest = min(fulls, key=lambda f: (abs(f.pos - clue.pos), f.pos))
        assert nearest.start is not None
        try:
            clue.start = date(nearest.start.year, clue.month, clue.day)
            clue.end = date(nearest.start.year, clue.month, clue.day2 or clue.day)
        except ValueError:
            clue.start = clue.end = None


def _best_day(clues: list[Clue]) -> DateInference:
    _resolve(clues)
    dated = [c for c in clues if c.start is not None]
    if not dated:
        return DateInference(None, "none", 0.0, [f"{c.kind} '{c.text}' (no year)" for c in clues[:10]])
    candidates = sorted(
        {c.start + timedelta(days=k) for c in dated if c.start for k in range(-WINDOW, WINDOW + 1)}
        | {c.end + timedelta(days=k) for c in dated if c.end for k in range(-WINDOW, WINDOW + 1)}
    )
    anchor_year = _anchor_year(clues)
    possible = sum(_weight(c) for c in clues) + (W_YEAR if anchor_year else 0.0)
    scored = sorted((-_score(d, clues, anchor_year)[0], d) for d in candidates)
    best_score, best = -scored[0][0], scored[0][1]
    evidence = _score(best, clues, anchor_year)[1]
    if not _anchored(best, clues):
        return DateInference(
            None,
            "none",
            0.0,
            [
                "undated: no past or future range, month-day or relative word agrees "
                f"(best guess {best.isoformat()})",
                *evidence,
            ],
        )
    confidence = round(min(0.9, best_score / possible), 2) if possible else 0.0
    return DateInference(best.isoformat(), "text", confidence, evidence)


def _anchored(day: date, clues: list[Clue]) -> bool:
    """Whether ``day`` agrees with a tense-bearing yearless mention (range, month-day) or a
    relative word: the only clues that tie the text to its own publication date."""
    ranges = [c for c in clues if c.kind in ("range", "month_day") and c.start and c.end]
    return any(
        _gain(day, c, ranges) > 0
        for c in clues
        if c.kind == "relative" or (c.kind in ("range", "month_day") and c.tense != "unknown")
    )


def _anchor_year(clues: list[Clue]) -> int | None:
    fulls = [c for c in clues if c.kind == "full" and c.start]
    anchored = [c for c in clues if c.kind in ("range", "month_day") and c.start]
    if anchored:
        return anchored[0].start.year if anchored[0].start else None
    return max(f.start.year for f in fulls if f.start) if fulls else None


def _weight(clue: Clue) -> float:
    return {
        "range": W_RANGE,
        "weekday": W_WEEKDAY,
        "month_day": W_MONTH_DAY,
        "relative": W_RELATIVE,
        "full": W_AFTER_FULL,
    }.get(clue.kind, 0.0)


def _score(day: date, clues: list[Clue], anchor_year: int | None) -> tuple[float, list[str]]:
    """The score of ``day`` as the publication date and its evidence, one line per distinct clue
    (a clue the text gives twice is one line, "×2", counted twice)."""
    total = 0.0
    ranges = [c for c in clues if c.kind in ("range", "month_day") and c.start and c.end]
    lines: dict[str, int] = {}
    for clue in clues:
        gain = _gain(day, clue, ranges)
        if gain > 0:
            total += gain
            line = f"{clue.kind} '{clue.text}' ({clue.tense}): +{gain:.2f}"
            lines[line] = lines.get(line, 0) + 1
    evidence = [f"{line} ×{n}" if n > 1 else line for line, n in lines.items()]
    if anchor_year is not None and day.year == anchor_year:
        total += W_YEAR
        evidence.append(f"year {anchor_year} of the nearest full date: +{W_YEAR:.2f}")
    return total, evidence


def _gain(day: date, clue: Clue, ranges: list[Clue]) -> float:
    if clue.kind == "full" and clue.start:
        ok = day <= clue.start if clue.tense == "future" else day >= clue.start
        return W_AFTER_FULL if ok else 0.0
    if clue.kind in ("range", "month_day") and clue.start and clue.end:
        weight = _weight(clue)
        if clue.tense == "future":  # upcoming: D is on or just before it, or inside it
            gap = 0 if clue.start <= day <= clue.end else (clue.start - day).days
        elif clue.tense == "past":  # done: D is on or just after it
            gap = 0 if clue.start <= day <= clue.end else (day - clue.end).days
        else:
            gap = (
                0
                if clue.start <= day <= clue.end
                else min(abs((clue.start - day).days), abs((day - clue.end).days))
            )
        return weight * (1 - gap / (WINDOW + 1)) if 0 <= gap <= WINDOW else 0.0
    if clue.kind == "weekday":
        if clue.tense == "future":
            k = (clue.weekday - day.weekday()) % 7
        else:
            k = (day.weekday() - clue.weekday) % 7
        if clue.offset and k == 0:
            k = 7
        k = max(0, k - clue.offset)
        # same-day reporting is the common case: an exact weekday match counts fully,
        # an earlier day of the past week only half, fading with distance
        return W_WEEKDAY if k == 0 else W_WEEKDAY * 0.5 * (1 - k / 7)
    if clue.kind == "relative":
        target = day + timedelta(days=clue.offset)
        hit = any(r.start and r.end and r.start <= target <= r.end for r in ranges if r.tense != "past")
        return W_RELATIVE if hit else 0.0
    return 0.0
