"""Deterministic text edits for the distortion benchmark: paraphrase rules and labelled distortions.

Everything works on plain sentences with a :class:`random.Random` the caller seeds, and never
looks at newsprism's own extraction (the benchmark must not share the detector's blind spots).

Paraphrase rules (meaning kept): synonym swaps from :data:`SYNONYMS`, clause reordering
("X said Y" <-> "Y, X said", and a direct quote before or after its speaker), dropping a
sentence and merging two adjacent sentences (the last two are done by the generator).

Distortions (one per rewrite, each returns the edited sentence, the span of the new value
inside it, the old and the new value): :func:`speaker_swap`, :func:`vague_source`,
:func:`dropped_attribution`, :func:`number_change`, :func:`date_shift`, :func:`entity_swap`,
:func:`negation`; :func:`unsupported_sentence` writes a sentence to insert.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from random import Random


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


#: An edit applied to one sentence: (new sentence, (start, end) of the new value in it, old, new).
Edit = tuple[str, tuple[int, int], str, str]

ABBREVIATIONS = frozenset(
    _split(
        "mr mrs ms dr st jr sr inc co corp ltd no vs gen gov sen rep prof mt jan feb mar apr jun jul aug sep "
        "sept oct nov dec u.s u.k e.g i.e etc approx dept est fig"
    )
)
_BOUNDARY = re.compile(r"[.!?][\"”']?(?=\s+[\"“]?[A-Z0-9])")
_QUOTE_CHARS = '"“”'

# ---------------------------------------------------------------- sentences


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph: split after . ! ? before a capital, never inside a quotation
    or after an abbreviation ("Mr.", "U.S.", "Feb.") or an initial ("J.")."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        end = m.end()
        piece = paragraph[start:end]
        if m.group()[0] == ".":
            word = re.search(r"([\w.]+)\.[\"”']?$", piece)
            token = word.group(1).lower() if word else ""
            if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        unclosed = (piece.count('"') % 2) or piece.count("“") != piece.count("”")
        if unclosed and not paragraph[end:].lstrip().startswith(('"', "“")):
            continue  # inside a quotation (one left open runs on to the next quotation mark)
        out.append(piece.strip())
        start = end
    rest = paragraph[start:].strip()
    if rest:
        out.append(rest)
    return out


def has_quote(sentence: str) -> bool:
    """Whether a sentence holds a quotation mark."""
    return any(c in sentence for c in _QUOTE_CHARS)


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


#: Sentence-initial words that are lower-cased when the sentence moves inside another one.
FUNCTION_WORDS = frozenset(
    _split(
        "the a an it its this that these those there they their he she his her we our some many most "
        "all both each such one two three several sales profits shares prices"
    )
)


def lower_first(text: str) -> str:
    """``text`` with its first word lower-cased when it is a common function word ("The" -> "the")."""
    word = re.match(r"[A-Za-z]+", text)
    if word and word.group().lower() in FUNCTION_WORDS and not word.group().isupper():
        return text[:1].lower() + text[1:]
    return text


# ---------------------------------------------------------------- names and quotes

HONORIFICS = frozenset(_split("Mr Mrs Ms Miss Dr Sir Lord Lady Dame Prof"))
#: Capitalised words that are never (part of) a person's name.
NON_PERSON = (
    frozenset(
        _split("""The A An He She It They We I You This That These Those But And In On At Its Their His Her Our
    Bank Group Council Party Ministry Association Union Office Department Commission Committee Agency
    Street House Court League Club United City Corp Inc Ltd News Times Post Journal Research Institute
    University College Foundation Capital Securities Partners Fund Markets Brothers Board Company
    Corporation International Association Federation Service Services Government Police Labour Tory
    Tories Conservatives Democrats Republicans Liberal Reuters BBC Office Airways Motors Holdings Trust
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mrs""")
    )
    - HONORIFICS
)
_CAP = re.compile(r"^(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")
CUES = ("said", "says", "added", "explained", "warned", "insisted", "argued", "admitted")


def person_name(tokens: list[str]) -> list[str] | None:
    """The trailing person name of a phrase's words ("economy minister Heizo Takenaka" -> the last two).

    A name is an honorific and a surname ("Mr Smith") or two capitalised words; None when the
    phrase does not end in one.
    """
    if len(tokens) < 2 or not _CAP.match(tokens[-1]):
        return None
    if tokens[-2] not in HONORIFICS and not _CAP.match(tokens[-2]):
        return None
    name = tokens[-2:]
    if any(t in NON_PERSON for t in name) or any(t.upper() == t for t in name):
        return None
    return name


@dataclass(slots=True)
class QuoteSentence:
    """A sentence made of one direct quote and its speaker, with offsets into the sentence.

    ``form`` is ``after`` ('"...," said X.') or ``before`` ('X said: "..."'). ``who`` spans the
    descriptor and the name; ``tail`` an appositive after the name (", economist at ...").
    """

    form: str
    quote: tuple[int, int]
    cue: tuple[int, int]
    who: tuple[int, int]
    name: tuple[int, int]
    tail: tuple[int, int]

    def text(self, sentence: str, part: str) -> str:
        start, end = getattr(self, part)
        return sentence[start:end]


_AFTER = re.compile(r"^([\"“][^\"“”]{12,}?[,?!][\"”])\s+(.+?)\.$")
_BEFORE = re.compile(r"^([^\"“”]+?)\s+(" + "|".join(CUES) + r")(?::|,)?\s+([\"“][^\"“”]{12,}[\"”])$")


def _who(
    sentence: str, start: int, end: int
) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]] | None:
    """(who, name, tail) spans of the speaker phrase ``sentence[start:end]``, or None."""
    phrase = sentence[start:end]
    comma = phrase.find(", ")
    who_end = start + (comma if comma >= 0 else len(phrase))
    tail = (who_end, end) if comma >= 0 else (end, end)
    words = list(re.finditer(r"\S+", sentence[start:who_end]))
    if not words or len(words) > 7:
        return None
    name = person_name([w.group() for w in words])
    if name is None:
        return None
    name_start = start + words[-len(name)].start()
    return (start, who_end), (name_start, who_end), tail


def parse_quote(sentence: str) -> QuoteSentence | None:
    """The quote and named speaker of a '"...," said X.' or 'X said: "..."' sentence, else None."""
    m = _AFTER.match(sentence)
    if m:
        rest_start, rest = m.start(2), m.group(2)
        q = (m.start(1), m.end(1))
        first = rest.split(" ", 1)[0]
        if first in CUES and " " in rest:
            spans = _who(sentence, rest_start + len(first) + 1, m.end(2))
            cue = (rest_start, rest_start + len(first))
        else:
            last = rest.rsplit(" ", 1)[-1]
            if last not in CUES or " " not in rest:
                return None
            spans = _who(sentence, rest_start, m.end(2) - len(last) - 1)
            if spans is None or spans[2][0] != spans[2][1]:
                return None
            cue = (m.end(2) - len(last), m.end(2))
        if spans is None:
            return None
        return QuoteSentence("after", q, cue, *spans)
    m = _BEFORE.match(sentence)
    if m:
        spans = _who(sentence, m.start(1), m.end(1))
        tail = spans is not None and spans[2][0] != spans[2][1]
        if spans is None or (tail and not sentence[: m.end(1)].endswith(",")):
            return None
        return QuoteSentence("before", (m.start(3), m.end(3)), (m.start(2), m.end(2)), *spans)
    return None


def persons(sentences: list[str]) -> list[str]:
    """Distinct speaker names of the quote sentences, in order of appearance."""
    out: list[str] = []
    for s in sentences:
        q = parse_quote(s)
        if q is not None and (name := q.text(s, "name")) not in out:
            out.append(name)
    return out


def _requote(quote: str, end_mark: str) -> str:
    """A quotation with its closing punctuation set to ``end_mark`` ("," or ".") unless ? or !."""
    inner, close = quote[:-1].rstrip(), quote[-1]
    if inner[-1:] in "?!":
        return inner + close
    if inner[-1:] in ",.":
        inner = inner[:-1]
    return inner + end_mark + close


# ---------------------------------------------------------------- paraphrase rules

#: Meaning-keeping word swaps (lower-case forms; sentence-initial capitals are kept). Verbs keep
#: their tense; no counted nouns, no speech verbs, no negators, no evaluative words.
SYNONYMS: dict[str, str] = {
    "began": "started",
    "started": "began",
    "quickly": "rapidly",
    "rapidly": "quickly",
    "currently": "at present",
    "recently": "lately",
    "company": "firm",
    "main": "principal",
    "important": "significant",
    "significant": "important",
    "showed": "indicated",
    "wants": "wishes",
    "tried": "attempted",
    "despite": "in spite of",
    "because of": "owing to",
    "in order to": "to",
    "as well as": "and",
    "a number of": "several",
    "more than": "over",
    "expected": "anticipated",
    "received": "obtained",
    "needed": "required",
    "rose": "climbed",
    "fell": "dropped",
    "jumped": "surged",
    "surged": "jumped",
    "huge": "vast",
    "difficult": "hard",
    "boosted": "lifted",
    "launched": "introduced",
    "although": "though",
    "chief executive": "boss",
    "big": "large",
    "biggest": "largest",
    "largest": "biggest",
    "bought": "purchased",
    "help": "aid",
}
_SYNONYM_RE = {w: re.compile(r"(?<![\w'-])" + re.escape(w) + r"(?![\w'-])", re.IGNORECASE) for w in SYNONYMS}


def swap_synonyms(sentence: str, rng: Random, most: int = 2) -> tuple[str, list[str]]:
    """``sentence`` with up to ``most`` table words replaced by their synonym, and the swaps made."""
    found = [w for w in SYNONYMS if _SYNONYM_RE[w].search(sentence)]
    rng.shuffle(found)
    done: list[str] = []
    for word in found[:most]:
        m = _SYNONYM_RE[word].search(sentence)
        if m is None or any(c in m.group() for c in "0123456789"):
            continue
        repl = SYNONYMS[word]
        if m.group()[0].isupper():
            if m.start() != 0:
                continue  # a name ("Rose", "Big Ben"), not the word
            repl = upper_first(repl)
        sentence = sentence[: m.start()] + repl + sentence[m.end() :]
        done.append(f"{word}->{SYNONYMS[word]}")
    return sentence, done


_SAID_CLAUSE = re.compile(r"^([A-Z][^,\"“”]{1,40}?) said (?:that )?([^\"“”]{20,})\.$")
_CLAUSE_SAID = re.compile(r"^([^\"“”]{20,}), ([A-Za-z][^,\"“”]{1,40}?) said\.$")


def reorder(sentence: str) -> str | None:
    """The same sentence with its attribution moved ("X said Y." <-> "Y, X said."), or None."""
    q = parse_quote(sentence)
    if q is not None:
        if q.tail[0] != q.tail[1]:
            return None
        who = sentence[q.who[0] : q.who[1]]
        quote = q.text(sentence, "quote")
        if q.form == "after":
            return f"{upper_first(who)} said: {_requote(quote, '.')}"
        words = who.split()
        if len(words) > 2 and words[1][:1].islower():
            who = who[:1].lower() + who[1:]
        return f"{_requote(quote, ',')} said {who}."
    if has_quote(sentence):
        return None
    m = _SAID_CLAUSE.match(sentence)
    if m and len(m.group(1).split()) <= 6:
        return f"{upper_first(m.group(2))}, {lower_first(m.group(1))} said."
    m = _CLAUSE_SAID.match(sentence)
    if m and len(m.group(2).split()) <= 6:
        return f"{upper_first(m.group(2))} said {lower_first(m.group(1))}."
    return None


def merge(first: str, second: str) -> str | None:
    """Two adjacent sentences joined into one ("A. The B." -> "A, and the B."), or None."""
    if not first.endswith(".") or has_quote(first) or has_quote(second):
        return None
    if len(first.split()) + len(second.split()) > 45:
        return None
    return f"{first[:-1]}, and {lower_first(second)}"


# ---------------------------------------------------------------- speaker distortions

#: Made-up speakers for a swap when the article quotes nobody else.
MADE_UP_PEOPLE = (
    "Daniel Harper",
    "Sarah Collins",
    "Mark Jennings",
    "Helen Price",
    "Thomas Weller",
    "Anna Lindqvist",
    "Peter Okafor",
    "Claire Donnelly",
)
VAGUE_SOURCES = ("officials", "experts", "state media", "analysts", "sources")


def _surname(name: str) -> str:
    return name.split()[-1]


def speaker_swap(sentence: str, rng: Random, others: list[str]) -> Edit | None:
    """The quote given to another named person: one of ``others`` (the article's other speakers)
    whose surname the sentence does not hold, else a made-up full name."""
    q = parse_quote(sentence)
    if q is None:
        return None
    old = q.text(sentence, "name")
    pool = [p for p in others if _surname(p) != _surname(old) and _surname(p) not in sentence]
    if not pool:
        pool = [p for p in MADE_UP_PEOPLE if _surname(p) not in sentence]
    new = rng.choice(pool)
    start, end = q.name
    return sentence[:start] + new + sentence[end:], (start, start + len(new)), old, new


#: Speaker edits that remove the appositive leave sentences whose appositive is at most this long
#: (a longer one carries facts of its own: removing it would be more than a change of speaker).
MAX_TAIL_WORDS = 8


def _short_tail(sentence: str, q: QuoteSentence) -> bool:
    return len(sentence[q.tail[0] : q.tail[1]].split()) <= MAX_TAIL_WORDS


def vague_source(sentence: str, rng: Random) -> Edit | None:
    """The named speaker (with descriptor and appositive) replaced by a vague source ("officials")."""
    q = parse_quote(sentence)
    if q is None or not _short_tail(sentence, q):
        return None
    new = rng.choice(VAGUE_SOURCES)
    start = q.who[0]
    end = q.tail[1] if q.tail[1] > q.tail[0] else q.who[1]
    if q.form == "before":
        new = upper_first(new)
        end = q.cue[0] - 1
    old = sentence[start:end]
    edited = sentence[:start] + new + sentence[end:]
    cue_shift = len(new) - len(old)
    cue_start = q.cue[0] + (cue_shift if q.cue[0] >= end else 0)
    if edited[cue_start : cue_start + 4] == "says":
        edited = edited[:cue_start] + "say" + edited[cue_start + 4 :]
        if cue_start < start:
            start -= 1
    return edited, (start, start + len(new)), old, new


def dropped_attribution(sentence: str, rng: Random) -> Edit | None:
    """The quote left standing alone: its cue and speaker removed."""
    q = parse_quote(sentence)
    if q is None or not _short_tail(sentence, q):
        return None
    new = _requote(q.text(sentence, "quote"), ".")
    return new, (0, len(new)), sentence, new


# ---------------------------------------------------------------- numbers

_NUMBER = re.compile(
    r"(?<![\w.,/:$£€-])(?P<cur>[$£€])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<unit>%|bn\b|m\b|(?:\s(?:billion|million|mln|bln|per cent|percent|pct|pc)\b))?(?![\w/]|[.,]\d)"
)
_MONTH_NAMES = _split("January February March April May June July August September October November December")
_MONTH_ABBR = _split("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec")
_MONTH_WORD = "|".join(_MONTH_NAMES + _MONTH_ABBR)
FACTORS = (2.0, 3.0, 0.5, 1.5, 4.0)


def _format(value: float, like: str) -> str:
    decimals = len(like.split(".")[1]) if "." in like else 0
    text = f"{value:,.{decimals}f}" if "," in like else f"{value:.{decimals}f}"
    return text


def number_candidates(sentence: str) -> list[re.Match[str]]:
    """Quantities worth changing: with a currency, a unit or a counted noun; no years, dates or tiny counts."""
    out = []
    for m in _NUMBER.finditer(sentence):
        num = m.group("num")
        value = float(num.replace(",", ""))
        before, after = sentence[: m.start()], sentence[m.end() :]
        if re.search(rf"(?:{_MONTH_WORD})\.?\s$", before) or re.match(rf"\s(?:{_MONTH_WORD})\b", after):
            continue
        bare = not m.group("cur") and not m.group("unit")
        if bare and (
            re.fullmatch(r"(?:1[89]|20)\d\d", num) or not re.match(r"\s[a-z]{3,}", after) or value < 2
        ):
            continue
        if value == 0 or (m.group("unit") == "m" and not m.group("cur")):
            continue  # "100m" without a currency is a distance (a race), not a sum
        if re.search(r"\S\s[A-Z][\w&]*\s$", before):
            continue  # part of a name ("BBC News 24", "Channel 4")
        out.append(m)
    return out


def number_change(sentence: str, rng: Random) -> Edit | None:
    """One quantity multiplied by a factor (2, 3, 0.5, 1.5 or 4), written in the same style."""
    cands = number_candidates(sentence)
    if not cands:
        return None
    m = rng.choice(cands)
    num = m.group("num")
    value = float(num.replace(",", ""))
    factors = list(FACTORS)
    rng.shuffle(factors)
    for f in factors:
        new_num = _format(value * f, num)
        new_value = float(new_num.replace(",", ""))
        if new_value <= 0 or abs(new_value - value) <= 0.05 * value:
            continue
        if m.group("unit") == "%" and new_value > 100 >= value:
            continue
        if re.search(r"(?<![\d.,])" + re.escape(new_num) + r"(?![\d])", sentence):
            continue
        start, end = m.span("num")
        return sentence[:start] + new_num + sentence[end:], (start, start + len(new_num)), num, new_num
    return None


# ---------------------------------------------------------------- dates

WEEKDAYS = _split("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_DATE_PATTERNS = (
    ("weekday", re.compile(r"\b(?P<w>" + "|".join(WEEKDAYS) + r")\b")),
    (
        "day_month",
        re.compile(r"(?<![-–/\w])(?P<d>[1-9]|[12]\d|3[01]) (?P<m>" + "|".join(_MONTH_NAMES) + r")\b"),
    ),
    (
        "month_day",
        re.compile(r"\b(?P<m>" + _MONTH_WORD + r")\.? (?P<d>[1-9]|[12]\d|3[01])\b(?![\d,.]\d|[-–/])"),
    ),
    ("month_year", re.compile(r"\b(?P<m>" + "|".join(_MONTH_NAMES) + r") (?P<y>(?:19|20)\d\d)\b")),
    (
        "year",
        re.compile(r"\b(?:in|since|by|until|from|before|after|of) (?P<y>(?:19[5-9]|20[0-2])\d)\b(?![/-])"),
    ),
)


def date_candidates(sentence: str) -> list[tuple[str, re.Match[str]]]:
    """Dates of a sentence worth shifting: weekdays, day + month, month + year, "in 1998"."""
    out: list[tuple[str, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DATE_PATTERNS[1:] + _DATE_PATTERNS[:1]:
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append(m.span())
            out.append((kind, m))
    return out


def date_shift(sentence: str, rng: Random) -> Edit | None:
    """One date moved: a weekday by 2-4 days, a day of the month by 2-6 days, a month or a year by 1-3."""
    cands = date_candidates(sentence)
    if not cands:
        return None
    kind, m = rng.choice(cands)
    step = rng.choice((2, 3, 4)) * rng.choice((1, -1))
    if kind == "weekday":
        group, new = "w", WEEKDAYS[(WEEKDAYS.index(m.group("w")) + step) % 7]
        if new in sentence:
            return None
    elif kind in ("day_month", "month_day"):
        day = int(m.group("d"))
        new_day = day + step if 1 <= day + step <= 28 else day - step
        group, new = "d", str(max(1, min(28, new_day)))
    elif kind == "month_year":
        group, new = "m", _MONTH_NAMES[(_MONTH_NAMES.index(m.group("m")) + step) % 12]
    else:
        group, new = "y", str(int(m.group("y")) - abs(step) + 1)
    start, end = m.span(group)
    old = m.group(group)
    if new == old or re.search(rf"(?<!\d){new}(?!\d)", sentence[: m.start()] + sentence[m.end() :]):
        return None  # the new value must not be in the sentence already
    return sentence[:start] + new + sentence[end:], (start, start + len(new)), old, new


# ---------------------------------------------------------------- entities

#: Hand-written gazetteer: names of one category replace each other (same entity type).
GAZETTEER: dict[str, tuple[str, ...]] = {
    "country": (
        *_split("""Britain France Germany Italy Spain Japan China India Russia Brazil Canada Australia Mexico
        Ireland Scotland Wales Sweden Norway Poland Greece Turkey Iran Iraq Israel Egypt Nigeria Kenya
        Argentina Indonesia Pakistan Switzerland Belgium Austria Portugal Denmark Finland Ukraine"""),
        "South Africa",
        "South Korea",
        "Saudi Arabia",
        "New Zealand",
        "the Netherlands",
    ),
    "city": (
        *_split("""London Paris Berlin Tokyo Washington Moscow Beijing Madrid Rome Brussels Dublin Edinburgh
        Manchester Glasgow Sydney Chicago Frankfurt Geneva Mumbai Shanghai Toronto Liverpool Birmingham
        Milan Amsterdam Boston Seoul Cardiff Belfast Leeds"""),
        "New York",
        "Los Angeles",
        "Hong Kong",
    ),
    "company": (
        *_split("""Microsoft Google Apple Sony Nintendo IBM Intel Yahoo Vodafone Tesco Barclays HSBC Shell Ford
        Toyota Nissan Boeing Airbus Nokia Samsung Philips Siemens Disney AOL eBay Amazon Fiat Volkswagen
        Renault Unilever Texaco Chrysler Exxon Mobil Chevron"""),
        "General Motors",
        "Time Warner",
        "Deutsche Bank",
        "British Airways",
        "General Electric",
    ),
    "institution": (
        "the European Union",
        "the United Nations",
        "Nato",
        "the World Bank",
        "the IMF",
        "the WTO",
        "Opec",
        "the Bank of England",
        "the Federal Reserve",
        "the European Commission",
    ),
}
_BARE = {name: name.removeprefix("the ") for names in GAZETTEER.values() for name in names}


_ENTITY_RE = {
    name: re.compile(r"(?<![\w-])" + re.escape(_BARE[name]) + r"(?![\w-])(?! [A-Z])") for name in _BARE
}
#: Capitalised words that may precede a name without being part of it.
_LEAD_WORDS = frozenset(_split("The In At On From To For And But With By Of Both Like Unlike Across Outside"))


def _standalone(text: str, m: re.Match[str]) -> bool:
    """Whether a gazetteer match is a name of its own, not part of a longer name ("Bank of England")."""
    before = re.search(r"(\S+) $", text[: m.start()])
    if before is None:
        return True
    word = before.group(1)
    if re.search(r"[A-Z]\w* of $", text[: m.start()]):
        return False  # "Bank of England", "Gangs of New York"
    return not word[:1].isupper() or word in _LEAD_WORDS or word.endswith((".", ",", ":"))


def _matches(name: str, text: str) -> list[re.Match[str]]:
    return [m for m in _ENTITY_RE[name].finditer(text) if _standalone(text, m)]


def entities_in(text: str) -> list[tuple[str, str]]:
    """(category, name) of the gazetteer names that occur in ``text`` as names of their own."""
    out = []
    for category, names in GAZETTEER.items():
        for name in names:
            if _matches(name, text):
                out.append((category, name))
    return out


def entity_swap(sentence: str, rng: Random, pool: dict[str, list[str]], article: str) -> Edit | None:
    """A gazetteer name that occurs once in the sentence replaced by another of its category from
    ``pool`` (names seen in other articles) that the article never mentions."""
    cands = []
    for category, name in entities_in(sentence):
        matches = _matches(name, sentence)
        if len(matches) == 1:
            cands.append((category, name, matches[0]))
    if not cands:
        return None
    category, name, m = rng.choice(cands)
    the = sentence[: m.start()].endswith(("the ", "The "))
    options = [
        o
        for o in pool.get(category, [])
        if o != name and o.startswith("the ") == the and not _ENTITY_RE[o].search(article)
    ]
    if not options:
        return None
    new = _BARE[rng.choice(options)]
    start, end = m.span()
    return sentence[:start] + new + sentence[end:], (start, start + len(new)), m.group(), new


# ---------------------------------------------------------------- negation

NEGATOR = re.compile(r"\b(?:not|never|no|nobody|nothing|neither|nor|none|cannot)\b|n't\b", re.IGNORECASE)
_AUX_VERB = re.compile(
    r"\b(?P<v>is|was|are|were|will|would|could|should|can|may|might|must|has|have|had)\b (?P<next>[a-z]+)"
)
#: Past-tense verbs negated with "did not" + base form.
PAST_TENSE: dict[str, str] = {
    "rose": "rise",
    "fell": "fall",
    "grew": "grow",
    "won": "win",
    "lost": "lose",
    "made": "make",
    "took": "take",
    "gave": "give",
    "sold": "sell",
    "bought": "buy",
    "paid": "pay",
    "met": "meet",
    "found": "find",
    "became": "become",
    "held": "hold",
    "agreed": "agree",
    "decided": "decide",
    "increased": "increase",
    "reached": "reach",
    "improved": "improve",
    "helped": "help",
    "allowed": "allow",
    "wanted": "want",
    "received": "receive",
    "jumped": "jump",
    "climbed": "climb",
    "dropped": "drop",
    "launched": "launch",
    "accepted": "accept",
    "approved": "approve",
    "signed": "sign",
    "raised": "raise",
}
_PAST_RE = re.compile(r"(?<![\w'-])(?P<v>" + "|".join(PAST_TENSE) + r")(?![\w'-])")
_NO_NOT_AFTER = frozenset({"to", "not", "no", "never", "been", "being"})
_PERFECT_SKIP = re.compile(r"^(?:a|an|the|to|no|been|\d)")


def negation(sentence: str, rng: Random) -> Edit | None:
    """The first finite verb of a sentence with no negation negated ("was" -> "was not", "can" ->
    "cannot", "rose" -> "did not rise"); ``rng`` is unused (kept for a uniform signature)."""
    del rng
    if NEGATOR.search(sentence):
        return None
    options = []
    for m in _AUX_VERB.finditer(sentence):
        verb, nxt = m.group("v"), m.group("next")
        if nxt in _NO_NOT_AFTER and not (verb in ("has", "have", "had") and nxt == "been"):
            continue
        if verb in ("has", "have", "had") and not (nxt == "been" or nxt.endswith(("ed", "en", "wn"))):
            continue
        if verb == "can":
            options.append((m.start("v"), m.end("v"), "can", "cannot"))
        else:
            options.append((m.start("v"), m.end("v"), verb, f"{verb} not"))
    for m in _PAST_RE.finditer(sentence):
        if (
            m.start() > 0
            and sentence[m.start() - 1] == " "
            and sentence[: m.start()]
            .rstrip()
            .endswith(
                tuple(
                    f" {a}" for a in ("the", "a", "an", "its", "their", "has", "have", "had", "was", "were")
                )
            )
        ):
            continue  # a participle or an adjective, not a finite verb
        if sentence[m.end() :].startswith(" by "):
            continue  # a passive participle
        verb = m.group("v")
        new = "did not " + PAST_TENSE[verb]
        options.append((m.start(), m.end(), verb, new))
    if not options:
        return None
    start, end, old, new = min(options)
    return sentence[:start] + new + sentence[end:], (start, start + len(new)), old, new


# ---------------------------------------------------------------- unsupported sentences

OPINION_TEMPLATES = (
    "{e} is widely seen as the real winner of the whole affair.",
    "The episode is undoubtedly a triumph for {e} and a blow to its rivals.",
    "Few would deny that {e} has handled the situation shrewdly from the start.",
    "{e} is best described as the most influential player in this dispute.",
)
FACTUAL_TEMPLATES = (
    "{e} held private talks about the matter with several partners last month.",
    "{e} had been preparing for this outcome for more than two years.",
    "{e} has already hired outside advisers to review the decision.",
    "Staff linked to {e} were briefed on the plans at a meeting earlier this week.",
)


def unsupported_sentence(rng: Random, names: list[str]) -> tuple[str, str] | None:
    """An opinion-like or factual claim about one of ``names`` (entities of the story), and its kind."""
    if not names:
        return None
    name = rng.choice(names)
    opinion = rng.random() < 0.5
    template = rng.choice(OPINION_TEMPLATES if opinion else FACTUAL_TEMPLATES)
    text = template.format(e=name)
    return upper_first(text), "opinion" if opinion else "factual"
