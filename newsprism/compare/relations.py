"""The relation of an aligned pair: same fact, paraphrase, or a conflict on a named slot.

Slots, checked in this order (the first conflict found names the pair's slot):

speaker   the same quoted words (>= :data:`~newsprism.compare.attribution.QUOTE_OVERLAP` of
          the shorter quote's words, in runs of two or more words, one side in quotation marks)
          given to another named speaker, or to a vague source in place of a named one
          (``misattribution``), or attributed in their own sentence on one side and printed bare
          on the other, with nothing next to them naming the speaker (``dropped_attribution``),
          whatever speaker the extractor inherits for the bare quote from the sentences around
          it: :func:`newsprism.compare.attribution.speaker_conflict`.
number    quantities with the same unit and counted noun but different values.
date      calendar dates of the same granularity that nothing on the other side matches
          (the same words, "Friday" and "Friday", never conflict: only their resolution differs).
entity    a name replaced by another name of the same kind at the same place in the
          sentence, neither name appearing on the other side (role swap).
negation  one side negates the words the other side states.

Near misses are not conflicts: a paraphrase that keeps the speaker, an attribution moved to
the sentence next to the quote ("X said on Tuesday. '...'"), two different quotes by one
speaker, the same attribution word for word resolved to two people ("..., he said"), the same
relative date ("today") resolved against two publication dates, numbers in other units or
counting other things, a sentence naming an extra entity that the other merely omits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from typing import Any, Literal, NamedTuple

from newsprism.compare.attribution import (
    QUOTE_OVERLAP,
    WORD,
    Conflict,
    fact_quotes,
    quote_overlap,
    speaker_conflict,
    text_words,
)
from newsprism.compare.features import NEGATOR
from newsprism.extract.entities import keys_match, name_words
from newsprism.extract.entity_rules import HEAD_LABELS
from newsprism.extract.facts import calendar_bounds
from newsprism.extract.quantities import CURRENCY_SYMBOLS, CURRENCY_WORDS, POINTS
from newsprism.extract.quote_cues import QUESTION_WORDS
from newsprism.extract.timex_rules import DAYREF
from newsprism.model import Extraction, Fact, Mention, Quantity, Quote, Timex

#: Relative difference below which two values are the same number (rounding: "$4.5bn" ~ "$4.47bn").
NUMBER_TOLERANCE = 0.02
SLOT_ORDER = ("speaker", "number", "date", "entity", "negation")

_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_AUX = frozenset(
    [
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "yet",
        "still",
        "ever",
        "so",
        "the",
        "a",
        "an",
        "any",
    ]
)


@dataclass(slots=True)
class Relation:
    """The relation of two fact groups and the conflicts behind it."""

    relation: Literal["same", "paraphrase", "conflict"]
    slot: str | None = None
    conflicts: list[Conflict] = field(default_factory=list)


# ---------------------------------------------------------------- helpers


def _span(ex: Extraction, facts: list[int]) -> tuple[int, int]:
    return ex.facts[min(facts)].start, ex.facts[max(facts)].end


def _inside(start: int, end: int, span: tuple[int, int]) -> bool:
    return span[0] <= start and end <= span[1]


# ---------------------------------------------------------------- slots


def _quantities(ex: Extraction, facts: list[int]) -> list[Quantity]:
    return [q for q in ex.quantities if q.sentence in facts]


def _comparable(a: Quantity, b: Quantity) -> bool:
    if a.unit != b.unit:
        return False
    if a.counts and b.counts:
        return a.counts.lower() == b.counts.lower()
    return a.unit is not None  # unitless numbers need the same counted noun


def _around(q: Quantity, ex: Extraction) -> tuple[str, str] | None:
    """The text of a quantity's sentence before and after it, None when it is in no sentence."""
    fact = _fact_of(q, ex)
    return None if fact is None else (fact.text[: q.start - fact.start], fact.text[q.end - fact.start :])


def _fact_of(q: Quantity, ex: Extraction) -> Fact | None:
    """The sentence that holds quantity ``q``, None when its index or offsets do not fit one."""
    fact = ex.facts[q.sentence] if q.sentence is not None and q.sentence < len(ex.facts) else None
    return fact if fact is not None and fact.start <= q.start <= fact.end else None


def _frame(q: Quantity, ex: Extraction) -> tuple[str, str] | None:
    """The words right before and after a quantity in its sentence."""
    around = _around(q, ex)
    if around is None:
        return None
    before, after = text_words(around[0]), text_words(around[1])
    return (before[-1] if before else "", after[0] if after else "")


def _same_frame(a: Quantity, ea: Extraction, b: Quantity, eb: Extraction) -> bool:
    """Two bare quantities (no unit, no counted noun) between the same two words ("2.4 billion were")."""
    if a.unit or b.unit or a.counts or b.counts:
        return False
    fa, fb = _frame(a, ea), _frame(b, eb)
    return fa is not None and fa == fb and all(fa)


#: A bare figure a tally gives ("the death toll ... has risen to five", "the number of cases stands
#: at 88"): the tally's words, up to 60 characters before the figure in its sentence.
_TALLY = re.compile(r"\b((?:death|casualty|injury|vote) toll|toll|tally|number of \w+)\b[^.;,]{0,60}$", re.I)


def _same_tally(a: Quantity, ea: Extraction, b: Quantity, eb: Extraction) -> bool:
    """Two bare figures that one tally gives on both sides ("the death toll ... has risen to
    five" / "the death toll currently stands at two")."""
    if a.unit or b.unit or a.counts or b.counts:
        return False
    around_a, around_b = _around(a, ea), _around(b, eb)
    ta = _TALLY.search(around_a[0]) if around_a else None
    tb = _TALLY.search(around_b[0]) if around_b else None
    return bool(ta and tb and ta.group(1).lower() == tb.group(1).lower())


_CURRENCIES = frozenset({*CURRENCY_SYMBOLS.values(), *CURRENCY_WORDS.values()})
#: Words that round a figure ("about 4,200"), shared by conversions and estimates.
ROUNDING = ("about", "around", "roughly", "some", "nearly", "almost", "approximately")
_HEDGE = r"(?:(?:" + "|".join(ROUNDING) + r"|or|c\.)\s+)?"
#: Between an amount and its conversion: "$11bn (£8.5bn)", "£6bn (about $11bn)"; between two
#: conversions in one bracket: "(£8.5bn; €10bn)".
_OPENS = re.compile(r"\s*\(\s*" + _HEDGE)
_NEXT = re.compile(r"\s*[;,/]\s*" + _HEDGE)
#: After a conversion: the bracket closes, or another conversion follows.
_CLOSES = re.compile(r"\s*[);,/]")
#: Two outlets' conversions of one amount differ by the exchange rate of the day; beyond this
#: relative gap a conversion and another outlet's own figure are a conflict.
CONVERSION_TOLERANCE = 0.15


def _conversion(q: Quantity, ex: Extraction, quantities: list[Quantity]) -> bool:
    """A currency amount in brackets right after an amount in another currency (one of
    ``quantities``, those of its sentences): a conversion ("$11bn (£8.5bn)", "(£8.5bn; €10bn)"),
    whose value is the writer's exchange rate, not a claim of the source. "$11bn (£8.5bn of it
    in fines)" holds no conversion."""
    if q.unit not in _CURRENCIES or q.sentence is None or q.sentence >= len(ex.facts):
        return False
    fact = ex.facts[q.sentence]
    if not _CLOSES.match(fact.text, q.end - fact.start):
        return False
    for o in quantities:
        if o.sentence != q.sentence or o.end > q.start or o.unit not in _CURRENCIES or o.unit == q.unit:
            continue
        gap = fact.text[o.end - fact.start : q.start - fact.start]
        if _OPENS.fullmatch(gap) or (_NEXT.fullmatch(gap) and _conversion(o, ex, quantities)):
            return True
    return False


def _same_value(x: float, y: float, tolerance: float = NUMBER_TOLERANCE) -> bool:
    return abs(x - y) <= tolerance * max(abs(x), abs(y), 1e-9)


#: Words before a figure that make it a bound or an estimate ("above 7 percent", "roughly 4,200"):
#: such a figure agrees with any value on its side of the bound, or within APPROXIMATE_TOLERANCE.
_LOWER_BOUND = re.compile(
    r"\b(?:above|over|more than|greater than|higher than|at least|exceeding|upwards of)$"
)
_UPPER_BOUND = re.compile(r"\b(?:below|under|less than|fewer than|lower than|at most|up to|no more than)$")
_APPROXIMATE = re.compile(
    r"\b(?:" + "|".join(ROUNDING) + r"|close to|an estimated|just over|just under|more or less)$"
)
APPROXIMATE_TOLERANCE = 0.1


def _qualifier(q: Quantity, ex: Extraction) -> str:
    """What the words before ``q`` make of it: a "lower" or "upper" bound, "about" a figure, or ""."""
    around = _around(q, ex)
    if around is None:
        return ""
    before = " ".join(around[0].lower().split()[-3:]).rstrip(" $€£")
    if _LOWER_BOUND.search(before):
        return "lower"
    if _UPPER_BOUND.search(before):
        return "upper"
    return "about" if _APPROXIMATE.search(before) else ""


def _agree(qa: Quantity, ka: str, qb: Quantity, kb: str) -> bool:
    """Whether a bound or an estimate (``ka``, ``kb``: :func:`_qualifier`) on one side admits the
    other side's value. Two bounds the same way ("more than 300" / "more than 600") are compared
    as figures."""
    if ka == kb != "about":
        return False
    for q, kind, other in ((qa, ka, qb), (qb, kb, qa)):
        if (
            (kind == "lower" and other.value >= q.value)
            or (kind == "upper" and other.value <= q.value)
            or (kind == "about" and _same_value(q.value, other.value, APPROXIMATE_TOLERANCE))
        ):
            return True
    return False


def number_conflict(
    ea: Extraction, a_facts: list[int], eb: Extraction, b_facts: list[int]
) -> Conflict | None:
    """Two comparable quantities (same unit and counted noun) with different values, else None.

    A bracketed conversion into another currency (:func:`_conversion`) conflicts only beyond
    :data:`CONVERSION_TOLERANCE` (two outlets convert "$11bn" at the rates of their days), and the
    conflict says so (``detail["conversion"]``): a writer's conversion, not the source's figure.
    """
    qa_list, qb_list = _quantities(ea, a_facts), _quantities(eb, b_facts)
    converted: dict[int, bool] = {}  # id of a quantity -> whether it is a conversion, found once

    def conversion_of(q: Quantity, ex: Extraction, quantities: list[Quantity]) -> bool:
        if id(q) not in converted:
            converted[id(q)] = _conversion(q, ex, quantities)
        return converted[id(q)]

    unit_changed = unit_swapped(qa_list, qb_list) or status_changed(ea, qa_list, eb, qb_list)
    if unit_changed is not None:
        return unit_changed
    kind = {id(q): _qualifier(q, ea) for q in qa_list} | {id(q): _qualifier(q, eb) for q in qb_list}

    def paired(q: Quantity, others: list[Quantity]) -> bool:
        return any(_same_value(q.value, o.value) for o in others)

    def matched(x: Quantity, y: Quantity) -> bool:
        """``x`` (side a) and ``y`` (side b) agree: the same value, or a bound or estimate that
        admits the other, neither having its own figure on the other side ("some $113bn" is
        that $113bn, not the $119bn beside it)."""
        if _same_value(x.value, y.value):
            return True
        return not paired(x, qb_list) and not paired(y, qa_list) and _agree(x, kind[id(x)], y, kind[id(y)])

    for qa in qa_list:
        for qb in qb_list:
            if _same_value(qa.value, qb.value):
                continue
            if (
                not _comparable(qa, qb)
                and not _same_frame(qa, ea, qb, eb)
                and not _same_tally(qa, ea, qb, eb)
            ):
                continue
            if _counts_other_things(qa, ea, qb, eb):
                continue
            conversion = conversion_of(qa, ea, qa_list) or conversion_of(qb, eb, qb_list)
            if conversion and _same_value(qa.value, qb.value, CONVERSION_TOLERANCE):
                continue
            a_matched = any(matched(qa, o) for o in qb_list if _comparable(qa, o) or not qa.unit)
            b_matched = any(matched(o, qb) for o in qa_list if _comparable(qb, o) or not qb.unit)
            if not a_matched and not b_matched:
                extra = {"conversion": True} if conversion else {}
                found = _figures_differ(qa, qb, qa.value, qb.value, unit=qa.unit, counts=qa.counts, **extra)
                lasting = duration_conflict(ea, a_facts, eb, b_facts)
                if lasting is not None:  # "12 years and a $24 million fine" / "eight years and $2.38 million"
                    found.detail["also"] = {"a": lasting.a_value, "b": lasting.b_value}
                return found
    return swapped_figures(ea, qa_list, eb, qb_list) or duration_conflict(ea, a_facts, eb, b_facts)


#: "<noun> of <what>" right after a count ("three counts of securities fraud").
_OF_WHAT = re.compile(
    r"^[ -]*(?:[\w'’-]+\s+)?of\s+(?:the\s+|a\s+|an\s+)?([\w'’-]+)(?:\s+([\w'’-]+))?", re.IGNORECASE
)


def _of_what(q: Quantity, ex: Extraction) -> set[str]:
    """The words that say what a count is of ("three counts of securities fraud": securities,
    fraud), empty when no "of" follows it."""
    around = _around(q, ex)
    m = _OF_WHAT.match(around[1]) if around else None
    return {_stem(w.lower()) for w in m.groups() if w} - {"and", "or"} if m else set()


def _counts_other_things(qa: Quantity, ea: Extraction, qb: Quantity, eb: Extraction) -> bool:
    """Whether two counts of one noun count different things ("three counts of securities fraud"
    / "two counts of money laundering")."""
    if not qa.counts or not qb.counts:
        return False  # a sum or a share: "of" says whose ("$2.4 million of investors' money")
    of_a, of_b = _of_what(qa, ea), _of_what(qb, eb)
    return bool(of_a and of_b and not of_a & of_b)


#: What a count's words say of its cases: confirmed, or only suspected ("260 cases remain suspected").
_STATUS = re.compile(
    r"^[ -]*(?:[\w'’]+[ -]+){0,5}?(?P<status>(?:un)?confirmed|suspected|probable|possible|presumed|presumptive)\b",
    re.IGNORECASE,
)


def _status(q: Quantity, ex: Extraction) -> str | None:
    """ "confirmed" or "suspected" (any unconfirmed status) for a count whose next words say so."""
    around = _around(q, ex)
    m = _STATUS.match(around[1]) if around else None
    if m is None:
        return None
    return "confirmed" if m.group("status").lower() == "confirmed" else "suspected"


def status_changed(
    ea: Extraction, qa_list: list[Quantity], eb: Extraction, qb_list: list[Quantity]
) -> Conflict | None:
    """The same count told as confirmed on one side and suspected on the other ("260 confirmed
    cases" / "260 cases remain suspected"), else None."""
    for qa in qa_list:
        status_a = _status(qa, ea)
        if status_a is None:
            continue
        for qb in qb_list:
            if _same_value(qa.value, qb.value) and (status_b := _status(qb, eb)) and status_b != status_a:
                return _figures_differ(qa, qb, qa.value, qb.value, a_status=status_a, b_status=status_b)
    return None


#: Units one figure can be swapped between ("3.1 percent" / "3.1 percentage points", "120 km/h" /
#: "120 mph", "$24 million" / "€24 million"): a group name per unit; currencies are ISO codes.
_UNIT_GROUPS = {
    unit: group
    for group, units in (
        ("percent", ("%", POINTS)),
        ("distance or speed", ("km", "kilometres", "kilometers", "miles", "km/h", "mph", "kph")),
        ("length", ("metres", "meters", "feet", "inches")),
        ("weight", ("kg", "kilograms", "tonnes", "tons", "pounds-weight")),
        ("volume", ("litres", "liters", "gallons")),
        ("area", ("acres", "hectares")),
    )
    for unit in units
}
_CURRENCY_CODE = re.compile(r"[A-Z]{3}")


def _unit_group(unit: str | None) -> str | None:
    if unit is None:
        return None
    return "currency" if _CURRENCY_CODE.fullmatch(unit) else _UNIT_GROUPS.get(unit)


def unit_swapped(qa_list: list[Quantity], qb_list: list[Quantity]) -> Conflict | None:
    """The same figure in another unit of its kind ("fell 3.1 percent" / "fell 3.1 percentage
    points", "120 km/h" / "120 mph", "$24 million" / "€24 million"), neither side giving it in
    the other's unit too, else None."""

    def given(q: Quantity, unit: str | None, quantities: list[Quantity]) -> bool:
        return any(o.unit == unit and _same_value(o.value, q.value) for o in quantities)

    for qa in qa_list:
        group = _unit_group(qa.unit)
        if group is None:
            continue
        for qb in qb_list:
            if (
                qb.unit != qa.unit
                and _unit_group(qb.unit) == group
                and _same_value(qa.value, qb.value)
                and not given(qa, qa.unit, qb_list)
                and not given(qb, qb.unit, qa_list)
            ):
                return _figures_differ(qa, qb, qa.value, qb.value, unit=qa.unit, b_unit=qb.unit)
    return None


def _figures_differ(
    qa: Quantity | Timex, qb: Quantity | Timex, a_number: float, b_number: float, **detail: Any
) -> Conflict:
    """The number conflict of ``qa`` (side a) and ``qb`` (side b), a quantity or a duration, with
    more ``detail``."""
    return _between("number", qa, qb, {"a_number": a_number, "b_number": b_number, **detail})


def _between(slot: str, a: Quantity | Timex, b: Quantity | Timex, detail: dict[str, Any]) -> Conflict:
    """The ``slot`` conflict ("number", "date") of the expressions ``a`` and ``b``: their texts
    and body spans."""
    return Conflict(
        slot, f"{slot}_conflict", a.text, b.text, (a.start, a.end), (b.start, b.end), detail=detail
    )


#: Labels of the names a figure can be told of (a person, a party, a country).
OWNER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def _owners(ex: Extraction, quantities: list[Quantity]) -> dict[int, str]:
    """The name each quantity is told of, as its last word: the one named last before it in its
    sentence ("Okafor received 20,109 votes, or 52.4 percent": "okafor"), by ``id`` of the quantity."""
    out = {}
    for q in quantities:
        fact = _fact_of(q, ex)
        if fact is None:
            continue
        before = [
            m for m in ex.mentions if m.label in OWNER_LABELS and fact.start <= m.start and m.end <= q.start
        ]
        words = name_words(max(before, key=lambda m: m.start).text) if before else []
        if words:
            out[id(q)] = words[-1].lower()  # the small model labels one name differently in two articles
    return out


def swapped_figures(
    ea: Extraction, qa_list: list[Quantity], eb: Extraction, qb_list: list[Quantity]
) -> Conflict | None:
    """The same two figures given to two people or bodies the other way round ("Okafor 52.4
    percent, Haskell 47.6 percent" / "Okafor 47.6 percent, Haskell 52.4 percent"), else None: the
    conflict of the first one's figure."""
    if len(qa_list) < 2 or len(qb_list) < 2:
        return None  # a swap takes two figures on each side
    owners_a, owners_b = _owners(ea, qa_list), _owners(eb, qb_list)
    for qa in qa_list:
        for qb in qb_list:
            oa, ob = owners_a.get(id(qa)), owners_b.get(id(qb))
            if not oa or oa != ob or _same_value(qa.value, qb.value):
                continue
            if not _comparable(qa, qb):
                continue
            back_a = any(
                _same_value(o.value, qb.value) and _owned_by_other(owners_a.get(id(o)), oa) for o in qa_list
            )
            back_b = any(
                _same_value(o.value, qa.value) and _owned_by_other(owners_b.get(id(o)), ob) for o in qb_list
            )
            if back_a and back_b:
                return _figures_differ(qa, qb, qa.value, qb.value, unit=qa.unit, swapped=True)
    return None


def _owned_by_other(owner: str | None, of: str) -> bool:
    return owner is not None and owner != of


_PERIOD = re.compile(r"^(PT?)(\d+(?:\.\d+)?)([YMWDHS])$")


def _durations(ex: Extraction, facts: list[int]) -> list[tuple[str, float, Timex]]:
    """(unit, amount, timex) of the simple durations of the facts ("18 years" -> ("PY", 18.0))."""
    out = []
    for t in ex.timexes:
        m = _PERIOD.match(t.value) if t.sentence in facts and t.type == "DURATION" else None
        if m:
            out.append((m.group(1) + m.group(3), float(m.group(2)), t))
    return out


def duration_conflict(
    ex_a: Extraction, a_facts: list[int], ex_b: Extraction, b_facts: list[int]
) -> Conflict | None:
    """Two durations in the same unit with different amounts, neither matched on the other side."""
    da, db = _durations(ex_a, a_facts), _durations(ex_b, b_facts)
    for ua, va, ta in da:
        for ub, vb, tb in db:
            if ua != ub or _same_value(va, vb):
                continue
            if any(u == ua and _same_value(va, v) for u, v, _ in db) or any(
                u == ub and _same_value(vb, v) for u, v, _ in da
            ):
                continue
            return _figures_differ(ta, tb, va, vb, unit=ta.value[: len(ua) - 1] + ua[-1], counts=None)
    return None


class _Dated(NamedTuple):
    """A calendar date of a fact: the timex, its first and last day (to its range's end), unit."""

    timex: Timex
    first: date
    last: date
    unit: str


#: A time of day whose words name its day ("9:40 p.m. Tuesday", "Tuesday night", "tonight"):
#: compared by that day. A bare clock time ("at 6 a.m.") takes its day from context, a guess.
_NAMED_DAY = re.compile(r"(?<![\w'])(?:" + DAYREF + r"|(?i:last night)|\d{4}-\d{2}-\d{2})(?!\w)")


def _dates(ex: Extraction, facts: list[int]) -> list[_Dated]:
    """The calendar dates of ``facts``: DATE values, and the day of a TIME that names its day."""
    out = []
    for t in ex.timexes:
        if t.sentence not in facts or t.granularity == "duration":
            continue
        if t.type == "TIME" and _NAMED_DAY.search(t.text):
            bounds = calendar_bounds(t.value[:10])
        elif t.type == "DATE":
            bounds = calendar_bounds(t.value)
        else:
            continue
        if bounds is not None:
            end = calendar_bounds(t.end_value) if t.end_value else None
            out.append(_Dated(t, bounds[0], end[1] if end else bounds[1], bounds[2]))
    return out


def _compatible(a: _Dated, b: _Dated) -> bool:
    """The two dates share a day: one contains the other (a month its days, a quarter its months)
    or the ranges overlap."""
    return a.first <= b.last and b.first <= a.last


def date_conflict(ea: Extraction, a_facts: list[int], eb: Extraction, b_facts: list[int]) -> Conflict | None:
    """Dates of the same granularity on both sides that nothing on the other side matches, else None."""
    da, db = _dates(ea, a_facts), _dates(eb, b_facts)
    # the same words on both sides ("today", "yesterday") are one expression, whatever their
    # resolution against two publication dates: the resolver's doubt, not the reporters'
    for ta in list(da):
        twin = next((tb for tb in db if text_words(tb.timex.text) == text_words(ta.timex.text)), None)
        if twin is not None:
            da.remove(ta)
            db.remove(twin)
    lone_a = [t for t in da if not any(_compatible(t, o) for o in db)]
    lone_b = [t for t in db if not any(_compatible(t, o) for o in da)]
    for dated_a in lone_a:
        for dated_b in lone_b:
            if dated_a.unit == dated_b.unit:
                ta, tb = dated_a.timex, dated_b.timex
                return _between("date", ta, tb, {"a_date": ta.value, "b_date": tb.value})
    return None


def _tokens(ex: Extraction, facts: list[int]) -> list[tuple[str, int, int, bool]]:
    """(lower-cased word, start, end, capitalised) of the facts' words, in body offsets."""
    out = []
    for f in sorted(facts):
        fact = ex.facts[f]
        for m in WORD.finditer(fact.text):
            word = m.group()
            bare = _POSSESSIVE.sub("", word)  # "Turkey's" is the word "Turkey" for the names on it
            out.append(
                (
                    bare.lower().replace("’", "'"),
                    fact.start + m.start(),
                    fact.start + m.start() + len(bare),
                    word[0].isupper(),
                )
            )
    return out


def _kind(key: str) -> str:
    kind = key.partition(":")[0]
    return "org" if kind in {"org", "event"} else kind


def _covering(mentions: list[Mention], toks: list[tuple[str, int, int, bool]]) -> Mention | None:
    """The one mention covering a replaced run of words, but for at most two titles or articles."""
    for m in mentions:
        inside = [t for t in toks if m.start <= t[1] and t[2] <= m.end]
        outside = [t for t in toks if not (m.start <= t[1] and t[2] <= m.end)]
        if inside and len(outside) <= 2 and all(t[3] or t[0] in {"the", "a", "an"} for t in outside):
            return m
    return None


def _mentions_in(mentions: list[Mention], toks: list[tuple[str, int, int, bool]]) -> list[Mention]:
    return [m for m in mentions if toks and toks[0][1] <= m.start and m.end <= toks[-1][2] + 2]


def _one_each(
    ma: list[Mention],
    ta: list[tuple[str, int, int, bool]],
    mb: list[Mention],
    tb: list[tuple[str, int, int, bool]],
) -> tuple[Mention | None, Mention | None]:
    """A replaced block holding exactly one mention on each side, of the same kind and at the same
    offset in the block ("giant Intel recently" / "giant Tesco lately"): a name swapped next to a
    paraphrased word."""
    ina, inb = _mentions_in(ma, ta), _mentions_in(mb, tb)
    if len(ina) != 1 or len(inb) != 1 or len(ta) > 6 or len(tb) > 6:
        return None, None
    pos_a = next((k for k, t in enumerate(ta) if t[1] >= ina[0].start), -1)
    pos_b = next((k for k, t in enumerate(tb) if t[1] >= inb[0].start), -1)
    if pos_a != pos_b and len(ta) - pos_a != len(tb) - pos_b:
        return None, None
    return ina[0], inb[0]


def _speaker_mention(m: Mention, ex: Extraction, facts: list[int]) -> bool:
    """Whether mention ``m`` is (part of) the speaker of a quote of the facts."""
    return any(
        q.speaker_start is not None
        and q.speaker_end is not None
        and m.start < q.speaker_end
        and q.speaker_start < m.end
        for _, q in fact_quotes(ex, facts)
    )


#: Words that many names share ("Hospital", "University", "National"): no sign of one name.
_GENERIC_NAME_WORDS = frozenset(HEAD_LABELS) | frozenset(
    [
        "hospital",
        "clinic",
        "airport",
        "station",
        "stadium",
        "bridge",
        "river",
        "street",
        "road",
        "port",
        "harbour",
        "harbor",
        "general",
        "national",
        "international",
        "central",
        "st",
        "saint",
        "new",
        "north",
        "south",
        "east",
        "west",
        "royal",
        "city",
        "state",
    ]
)


def _distinctive(name: str) -> set[str]:
    """The words of a name that tell it from others of its kind."""
    return set(name_words(name)) - _GENERIC_NAME_WORDS


def entity_conflict(
    ea: Extraction, a_facts: list[int], eb: Extraction, b_facts: list[int]
) -> Conflict | None:
    """A name replaced by another name of the same kind in the same place of the sentence, else None."""
    ta, tb = _tokens(ea, a_facts), _tokens(eb, b_facts)
    if not ta or not tb:
        return None
    sa, sb = _span(ea, a_facts), _span(eb, b_facts)
    ma = [m for m in ea.mentions if _inside(m.start, m.end, sa)]
    mb = [m for m in eb.mentions if _inside(m.start, m.end, sb)]
    keys_a, keys_b = [m.entity_key for m in ma], [m.entity_key for m in mb]
    # speakers are the speaker slot's business: two quotes by two people are not a swap
    ma = [m for m in ma if not _speaker_mention(m, ea, a_facts)]
    mb = [m for m in mb if not _speaker_mention(m, eb, b_facts)]
    sm = SequenceMatcher(None, [t[0] for t in ta], [t[0] for t in tb], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "replace":
            continue
        mention_a, mention_b = _covering(ma, ta[i1:i2]), _covering(mb, tb[j1:j2])
        if (mention_a is None or mention_b is None) and i2 - i1 == j2 - j1 and sm.ratio() >= 0.6:
            mention_a, mention_b = _one_each(ma, ta[i1:i2], mb, tb[j1:j2])
        if mention_a is None or mention_b is None:
            continue
        ka, kb = mention_a.entity_key, mention_b.entity_key
        if _kind(ka) != _kind(kb) or keys_match(ka, kb):
            continue
        wa, wb = _distinctive(mention_a.text), _distinctive(mention_b.text)
        if not wa or not wb or wa & wb:
            continue  # one name, written two ways ("Harrowfield General Hospital" / "Harrowfield Hospital")
        if any(keys_match(ka, k) for k in keys_b) or any(keys_match(kb, k) for k in keys_a):
            continue  # both names on both sides: reordered, not swapped
        return Conflict(
            "entity",
            "entity_conflict",
            mention_a.text,
            mention_b.text,
            (mention_a.start, mention_a.end),
            (mention_b.start, mention_b.end),
            detail={"a_key": ka, "b_key": kb},
        )
    return None


#: Irregular past forms to their base ("made" ~ "did not make"); regular ones share a 5-letter stem.
_IRREGULAR = dict(
    pair.split(":")
    for pair in str.split(
        "made:make took:take taken:take lost:lose won:win gave:give given:give went:go gone:go came:come "
        "saw:see seen:see got:get said:say told:tell found:find left:leave held:hold kept:keep met:meet "
        "paid:pay sold:sell bought:buy brought:bring thought:think knew:know known:know ran:run "
        "began:begin begun:begin became:become felt:feel stood:stand fell:fall fallen:fall rose:rise "
        "risen:rise led:lead meant:mean sent:send spent:spend built:build set:set put:put cut:cut "
        "hit:hit let:let struck:strike won't:will wrote:write written:write drove:drive chose:choose "
        "chosen:choose broke:break broken:break spoke:speak spoken:speak grew:grow grown:grow "
        "threw:throw thrown:throw did:do done:do had:have has:have was:be were:be is:be are:be"
    )
)


def _stem(word: str) -> str:
    return _IRREGULAR.get(word, word)[:5]


#: Verbs that negate the verb they govern: "refused to concede" denies "conceded".
_REFUSING = re.compile(r"\b(?:refus|declin|fail)(?:e|es|ed|ing|s)?\s+to\b", re.IGNORECASE)


def _negated_words(text: str) -> list[tuple[int, int, list[str]]]:
    """Each negator's span (a "not", or a refusing verb: "refused to") and the next content words
    after it (up to three)."""
    out = []
    for m in sorted([*NEGATOR.finditer(text), *_REFUSING.finditer(text)], key=lambda m: m.start()):
        after = [w for w in text_words(text[m.end() :])[:5] if w not in _AUX][:3]
        out.append((m.start(), m.end(), after))
    return out


def _side_stems(ex: Extraction, facts: list[int], text: str) -> set[str]:
    """Stems of a side's words and of its lemmas ("made" gives "made" and "make")."""
    return {_stem(w) for w in text_words(text)} | {
        _stem(w.lower()) for f in facts for w in ex.facts[f].lemmas
    }


#: Mention labels that can be the subject a negation is about.
SUBJECT_LABELS = frozenset({"PERSON", "ORG"})


def _subject_before(ex: Extraction, facts: list[int], text: str, at: int) -> str | None:
    """The entity key of the person or organisation named last before ``text[at]`` (``text`` is
    the facts' joined text), or None when none is named there."""
    span = _span(ex, facts)
    best, key = -1, None
    for m in ex.mentions:
        if m.label in SUBJECT_LABELS and _inside(m.start, m.end, span):
            found = text.rfind(m.text, 0, at)
            if found > best:
                best, key = found, m.entity_key
    return key


def _word_at(text: str, stem: str) -> int | None:
    """Offset of the first word of ``text`` whose stem is ``stem``."""
    for m in WORD.finditer(text):
        if _stem(m.group().lower()) == stem:
            return m.start()
    return None


def _other_subject(ex: Extraction, facts: list[int], text: str, stem: str) -> str | None:
    at = _word_at(text, stem)
    return None if at is None else _subject_before(ex, facts, text, at)


def negation_conflict(
    ea: Extraction, a_facts: list[int], eb: Extraction, b_facts: list[int]
) -> Conflict | None:
    """One side negates the words the other side states, else None.

    Each negator is judged on the word it negates: the conflict needs that word (or its lemma)
    on the other side with no negator of its own ("neither ... nor" on both sides is agreement).
    """
    sa, sb = _span(ea, a_facts), _span(eb, b_facts)
    texts = {
        "a": " ".join(ea.facts[f].text for f in sorted(a_facts)),
        "b": " ".join(eb.facts[f].text for f in sorted(b_facts)),
    }
    opposites = {side: _opposite_verbs(texts[side], texts[other]) for side, other in (("a", "b"), ("b", "a"))}
    negs = {
        side: _negated_words(texts[side]) + _opposite_words(texts[side], texts[other]) + opposites[side]
        for side, other in (("a", "b"), ("b", "a"))
    }
    negated = {side: {_stem(after[0]) for _, _, after in negs[side] if after} for side in ("a", "b")}
    if not negs["a"] and not negs["b"]:
        return None
    stems = {"a": _side_stems(ea, a_facts, texts["a"]), "b": _side_stems(eb, b_facts, texts["b"])}
    for neg_side, other in (("a", "b"), ("b", "a")):
        for s, e, after in negs[neg_side]:
            if not after:
                continue
            word = _stem(after[0])
            if word not in stems[other] or word in negated[other]:
                continue
            if len(negs[neg_side]) <= len(negs[other]):
                continue  # as many negators on the other side: the negation moved, not added
            if _refusal(after) or (_REFUSING.match(texts[neg_side], s) and word in _REFUSED):
                continue  # "would not say whether ...", "declined to comment": no statement to negate
            exs_facts = {"a": (ea, a_facts), "b": (eb, b_facts)}
            if _other_quotes(exs_facts[neg_side], texts[neg_side], s, exs_facts[other], texts[other], word):
                continue
            subject = _subject_before(*exs_facts[neg_side], texts[neg_side], s)
            other_subject = _other_subject(*exs_facts[other], texts[other], word)
            if subject and other_subject and not keys_match(subject, other_subject):
                continue  # said of someone else ("Ebbers pleaded not guilty" / "Myers pleaded guilty")
            conflict = _negation(
                neg_side, texts[neg_side], s, e, after[0], sa if neg_side == "a" else sb, a_facts, b_facts
            )
            said = next((o[2][1] for o in opposites[neg_side] if o[0] == s), None)
            if said is not None:  # an opposite word: what each side says, not a clause
                conflict.detail["opposite"] = {neg_side: texts[neg_side][s:e], other: said}
            return conflict
    return None


#: Stems of the verbs a refusal negates ("would not say whether", "won't disclose how many"):
#: the speaker states nothing, so there is nothing to contradict ("has not commented" is a
#: statement: that the speaker has said nothing).
_REFUSED = frozenset(["say", "said", "confi", "discl", "revea", "speci", "discu", "answe"])


def _refusal(after: list[str]) -> bool:
    """Whether a negator's next words refuse to say something ("not say whether ...")."""
    return len(after) > 1 and _stem(after[0]) in _REFUSED and after[1] in QUESTION_WORDS


def _direct_quote_at(ex: Extraction, facts: list[int], text: str, at: int) -> Quote | None:
    """The direct (or partial) quote of ``facts`` holding ``text[at]`` (``text``: the facts' joined text)."""
    body_at = _span(ex, facts)[0] + at
    return next(
        (q for _, q in fact_quotes(ex, facts) if q.kind != "indirect" and q.start <= body_at < q.end), None
    )


def _other_quotes(
    neg: tuple[Extraction, list[int]],
    neg_text: str,
    at: int,
    other: tuple[Extraction, list[int]],
    other_text: str,
    stem: str,
) -> bool:
    """Whether the negator at ``neg_text[at]`` and the word it negates on the other side stand in
    two different direct quotes ("We were not fighting it" / "Today we got to fight it"): words
    said at other moments, not one statement turned round."""
    where = _word_at(other_text, stem)
    if where is None:
        return False
    q_neg, q_other = _direct_quote_at(*neg, neg_text, at), _direct_quote_at(*other, other_text, where)
    return (
        q_neg is not None and q_other is not None and quote_overlap(q_neg.text, q_other.text) < QUOTE_OVERLAP
    )


def _negation(
    neg_side: str,
    text: str,
    s: int,
    e: int,
    word: str,
    side_span: tuple[int, int],
    a_facts: list[int],
    b_facts: list[int],
) -> Conflict:
    """The negation conflict of the negator (or negating word) at ``text[s:e]`` on ``neg_side``."""
    end = min(len(text), e + 40)
    clause = text[s:end]
    if end < len(text) and text[end].isalnum():  # cut at a word's end, not inside a word
        clause = clause.rsplit(" ", 1)[0] + " …"
    clause = re.split(r"[.;](?:\s|$)", clause)[0].strip()
    a_value, b_value = (clause, "") if neg_side == "a" else ("", clause)
    span = (side_span[0] + s, side_span[0] + e) if len(a_facts if neg_side == "a" else b_facts) == 1 else None
    return Conflict(
        "negation",
        "negation_conflict",
        a_value,
        b_value,
        span if neg_side == "a" else None,
        span if neg_side == "b" else None,
        detail={"negated_side": neg_side, "negated_word": word},
    )


#: Prefixes that make an adjective its opposite ("unlawful", "illegal", "invalid", "nonbinding").
_NEGATING_PREFIXES = ("non", "un", "in", "il", "im", "ir")
#: Endings of the adjectives such a prefix turns round; other words only look prefixed ("inside").
_ADJECTIVE_ENDINGS = ("ful", "al", "able", "ible", "ent", "ant", "ive", "ous", "id", "ic")
#: Participles turn round with "un" only ("unchanged"; "imposed" is no opposite of "posed").
_PARTICIPLE_ENDINGS = ("ed", "ing")
#: Prefixed words that are no opposite of the word without the prefix.
_NOT_OPPOSITES = frozenset(
    [
        "immigrant",
        "indifferent",
        "immigrants",
        "invaluable",
        "infamous",
        "inflammable",
        "impassive",
        "incorporated",
        "uncovered",
        "unveiled",
        "unleashed",
        "unloaded",
        "unlocked",
        "unfolded",
        "unpacked",
        "unearthed",
        "unravelled",
        "unraveled",
        "unseated",
        "unwrapped",
        "unsealed",
        "unplugged",
        "unwound",
    ]
)


#: (negative, positive) wordings that state opposites: the negative one negates the positive one
#: ("voted against" / "voted for", "rejected" / "approved", "fell" / "rose").
_OPPOSITE_VERBS = tuple(
    (re.compile(neg, flags), re.compile(pos, flags))
    for neg, pos, flags in (
        (
            r"\bvot(?:e|es|ed|ing)\s+against\b",
            r"\bvot(?:e|es|ed|ing)\s+(?:for|in\s+favou?r\s+of)\b",
            re.IGNORECASE,
        ),
        (
            r"\breject(?:s|ed|ing)?\b",
            r"\b(?:(?:approv|endors)(?:e|es|ed|ing)|(?:accept|adopt)(?:s|ed|ing)?)\b",
            re.IGNORECASE,
        ),
        (
            r"\boppos(?:e|es|ed|ing)\b",
            r"\b(?:support(?:s|ed|ing)?|backed|favou?r(?:s|ed|ing))\b",
            re.IGNORECASE,
        ),
        (  # lower case only: "Rose Ng", "Niagara Falls" are names
            r"\b(?:fell|falls?|falling|fallen|dropped|declined|decreased|slipped|slumped|plunged|shrank)\b",
            r"\b(?:rose|rises?|rising|risen|increased|climbed|jumped|grew|gained|surged|soared)\b",
            0,
        ),
        (r"\bacquitt(?:ed|al)\b", r"\bconvict(?:ed|ion)\b", re.IGNORECASE),
        (r"\bden(?:y|ies|ied|ying)\b", r"\b(?:admit(?:s|ted|ting)?|confirm(?:s|ed|ing)?)\b", re.IGNORECASE),
    )
)


def _opposite_verbs(text: str, other: str) -> list[tuple[int, int, list[str]]]:
    """The wordings of ``text`` that state the opposite of one ``other`` prints ("voted against"
    where the other says "voted for", :data:`_OPPOSITE_VERBS`), as :func:`_negated_words`
    entries: the span and [the other's first word, the other's wording]; not when either text
    prints both."""
    out = []
    for neg, pos in _OPPOSITE_VERBS:
        said = pos.search(other)
        if said is None or pos.search(text) or neg.search(other):
            continue
        for m in neg.finditer(text):
            mine, theirs = _word_before(text, m.start()), _word_before(other, said.start())
            if mine and theirs and _stem(mine) != _stem(theirs):
                continue  # said of something else ("temperatures rising" / "species will fall")
            out.append((m.start(), m.end(), [said.group().split()[0].lower(), said.group()]))
    return out


#: Words skipped back from a verb to the word it is said of ("Rents have risen": "rents").
_VERB_AUX = _AUX | {"to", "also", "not", "being"}


def _word_before(text: str, at: int) -> str | None:
    """The last word before ``text[at]`` that is no auxiliary (lower case), None at the start."""
    for word in reversed(text_words(text[:at])[-4:]):
        if word not in _VERB_AUX:
            return word
    return None


def _opposite_words(text: str, other: str) -> list[tuple[int, int, list[str]]]:
    """The words of ``text`` that negate by a prefix a word ``other`` prints ("unlawful" against
    "lawful"), as :func:`_negated_words` entries: the word's span and its plain word; not when
    either text prints both words."""
    words, other_words = set(text_words(text)), set(text_words(other))
    out = []
    for m in WORD.finditer(text):
        word = m.group().lower()
        prefix = next((p for p in _NEGATING_PREFIXES if word.startswith(p)), "")
        base = word[len(prefix) :]
        endings = _ADJECTIVE_ENDINGS + (_PARTICIPLE_ENDINGS if prefix == "un" else ())
        if not prefix or len(base) < 5 or not base.endswith(endings) or word in _NOT_OPPOSITES:
            continue
        if base in other_words and word not in other_words and base not in words:
            out.append((m.start(), m.end(), [base]))
    return out


#: Who a finding was made in: an animal or lab model, or people. "In mice" printed as "in humans" is
#: the classic distortion of a health story.
_MODELS = re.compile(
    r"\b(?:mice|mouse|rats?|rodents?|monkeys?|primates?|(?:lab|laboratory) animals|animal (?:models?|studies|"
    r"tests|experiments)|cell cultures|petri dish(?:es)?)\b",
    re.I,
)
_PEOPLE = re.compile(r"\b(?:humans?|people|patients|volunteers|adults)\b", re.I)


def population_conflict(
    ea: Extraction, a_facts: list[int], eb: Extraction, b_facts: list[int]
) -> Conflict | None:
    """One side tells of an animal or lab model where the other tells of people, else None."""
    ta = " ".join(ea.facts[f].text for f in sorted(a_facts))
    tb = " ".join(eb.facts[f].text for f in sorted(b_facts))
    for model_text, people_text, side in ((ta, tb, "a"), (tb, ta, "b")):
        model = _MODELS.search(model_text)
        people = _PEOPLE.search(people_text)
        if model and people and not _MODELS.search(people_text) and not _PEOPLE.search(model_text):
            a_value, b_value = (
                (model.group(), people.group()) if side == "a" else (people.group(), model.group())
            )
            return Conflict(
                "entity", "entity_conflict", a_value, b_value, None, None, detail={"population": True}
            )
    return None


CHECKS = (
    speaker_conflict,
    number_conflict,
    date_conflict,
    entity_conflict,
    negation_conflict,
    population_conflict,
)


def relate(ea: Extraction, a_facts: list[int], eb: Extraction, b_facts: list[int]) -> Relation:
    """The relation of facts ``a_facts`` of ``ea`` and ``b_facts`` of ``eb`` (already aligned).

    Returns ``conflict`` with every conflict found (slot of the first in :data:`SLOT_ORDER`),
    else ``paraphrase``; :mod:`newsprism.compare.align` upgrades near-identical text to ``same``.
    """
    conflicts = [c for check in CHECKS if (c := check(ea, a_facts, eb, b_facts)) is not None]
    if conflicts:
        return Relation("conflict", conflicts[0].slot, conflicts)
    return Relation("paraphrase")
