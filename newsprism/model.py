"""The one vocabulary of newsprism: plain dataclasses passed from stage to stage.

ingest -> RawDocument | Refusal
clean  -> Article (with RemovedBlock audit trail and DateInference)
extract-> Extraction (Mention, Entity, Quote, Timex, Quantity, Fact)
group  -> DuplicateLink, Story
compare-> AlignedPair, Finding, Derivation, FactCluster, SummaryLine (Citation), StoryReport

Every type is JSON-serialisable through :func:`to_dict` and rebuilt with
:func:`from_dict`; offsets are character offsets into ``Article.body``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, TypeVar

T = TypeVar("T")

# ---------------------------------------------------------------- ingest


@dataclass(slots=True)
class RawDocument:
    """What a reader hands to the cleaner: content plus whatever metadata came with it.

    ``kind`` says how to clean ``content``: ``html`` through trafilatura, ``text``
    line by line, ``record`` when the body is already clean (JSON/CSV columns).
    ``meta`` holds reader-supplied fields (title, outlet, byline, published,
    section, tags, language) which win over inferred ones.
    """

    source: str
    content: str
    kind: Literal["html", "text", "record"]
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Refusal:
    """An input that was not ingested, with a stable code and a one-line reason."""

    source: str
    code: str
    reason: str


# ---------------------------------------------------------------- clean


@dataclass(slots=True)
class RemovedBlock:
    """A piece of page chrome the cleaner removed, kept so a user can audit it."""

    text: str
    reason: str
    line: int | None = None


@dataclass(slots=True)
class DateInference:
    """The publication date and how it was found (``metadata``, ``text`` or ``none``)."""

    value: str | None  # ISO date "YYYY-MM-DD" or datetime
    method: Literal["metadata", "text", "none"] = "none"
    confidence: float = 0.0
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """One clean article: body without chrome, metadata, and the audit trail."""

    id: str  # short stable id derived from the fingerprint
    fingerprint: str  # sha256 of the normalised body (a reprint's: of body and publication)
    source: str  # path, URL or "stdin" it was read from
    body: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    bylines: list[str] = field(default_factory=list)
    published: DateInference = field(default_factory=lambda: DateInference(None))
    section: str | None = None
    standfirst: str | None = None
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    removed: list[RemovedBlock] = field(default_factory=list)
    outlet_evidence: str | None = None
    ingested_at: str | None = None
    story_id: str | None = None
    reprint_of: str | None = None  # the article whose text this one reprints (another publication)


# ---------------------------------------------------------------- extract


@dataclass(slots=True)
class Mention:
    """One entity mention in an article body."""

    text: str
    label: str  # PERSON, ORG, GPE, NORP, LOC, EVENT, FAC, ...
    start: int
    end: int
    entity_key: str  # canonical key shared across articles


@dataclass(slots=True)
class Entity:
    """A canonical entity inside one article, with its key for cross-article matching."""

    key: str
    name: str
    label: str
    aliases: list[str] = field(default_factory=list)
    descriptor: str | None = None  # "founder and director of CREAS in Brussels"
    mentions: int = 0


@dataclass(slots=True)
class Quote:
    """A direct, partial or reported quotation and who it is attributed to."""

    text: str
    start: int
    end: int
    kind: Literal["direct", "partial", "indirect"]
    speaker: str | None = None  # display name, or the vague phrase ("Russian media")
    speaker_key: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    vague: bool = False
    descriptor: str | None = None
    cue: str | None = None
    told: str | None = None  # outlet that was told ("told Newsweek")
    sentence: int | None = None  # index of the fact/sentence the quote starts in


@dataclass(slots=True)
class Timex:
    """A temporal expression resolved to a TimeML value against the publication date."""

    text: str
    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str  # TimeML value: 2023-10-17, 2023-10, 2022, P3D, PRESENT_REF ...
    granularity: Literal["day", "month", "year", "range", "duration", "time", "other"] = "day"
    end_value: str | None = None  # for ranges ("October 17-18")
    sentence: int | None = None


@dataclass(slots=True)
class Quantity:
    """A number with its unit and what it counts, normalised."""

    text: str
    start: int
    end: int
    value: float
    unit: str | None = None  # "USD", "%", "times", "people", "ordinal" ...
    counts: str | None = None  # the noun it counts, e.g. "anniversary", "views"
    sentence: int | None = None


@dataclass(slots=True)
class Fact:
    """One sentence-level claim of an article with its slots: the unit of alignment."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    entity_keys: list[str] = field(default_factory=list)
    quote_indices: list[int] = field(default_factory=list)  # into Extraction.quotes
    speaker_keys: list[str] = field(default_factory=list)
    timex_values: list[str] = field(default_factory=list)
    quantities: list[float] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)  # content-word lemmas


@dataclass(slots=True)
class TimelineEntry:
    """A dated event of one article: value, the sentence and the entities in it."""

    value: str
    sentence: int
    text: str
    entity_keys: list[str] = field(default_factory=list)
    article_id: str | None = None
    phrase: str = ""  # the date as the article words it ("last year"), when known


@dataclass(slots=True)
class Extraction:
    """The structured reading of one article."""

    article_id: str
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)


# ---------------------------------------------------------------- group


@dataclass(slots=True)
class DuplicateLink:
    """Two articles that are near-copies, with the estimated Jaccard similarity."""

    a: str
    b: str
    jaccard: float


@dataclass(slots=True)
class Story:
    """A group of articles about one event."""

    id: str
    label: str
    key_entities: list[str] = field(default_factory=list)
    key_phrase: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    article_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- compare


@dataclass(slots=True)
class Passage:
    """Evidence: a span of one article's body."""

    article_id: str
    start: int
    end: int
    text: str
    outlet: str | None = None


@dataclass(slots=True)
class AlignedPair:
    """Two facts (or one fact and a merged group) that report the same thing."""

    a_article: str
    a_facts: list[int]
    b_article: str
    b_facts: list[int]
    score: float
    relation: Literal["same", "paraphrase", "conflict"]
    slot: str | None = None  # speaker, number, date, entity, negation


@dataclass(slots=True)
class Finding:
    """Something a reader should know, with the passages that show it."""

    kind: str  # misattribution, number_conflict, date_conflict, entity_conflict, negation,
    # unsupported, unintroduced_speaker, ...
    severity: Literal["high", "medium", "low", "info"]
    explanation: str
    passages: list[Passage] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Derivation:
    """Article ``derived`` rewrites (or copies) article ``source``."""

    source: str
    derived: str
    score: float
    copy: bool = False
    aligned_share: float = 0.0
    order_preserved: float = 0.0
    pairs: list[tuple[int, int]] = field(default_factory=list)
    not_before: str | None = None  # a day ``derived`` reports as past: it announces it (source), done
    same_share: float | None = None  # share of the aligned pairs that are the same text; None: unknown


@dataclass(slots=True)
class FactCluster:
    """Aligned facts across articles with their independent-source count."""

    id: int
    text: str
    members: list[tuple[str, int]] = field(default_factory=list)  # (article_id, fact index)
    outlets: list[str] = field(default_factory=list)
    independent_sources: int = 1
    conflicting: list[str] = field(default_factory=list)  # article ids in conflict


@dataclass(slots=True)
class Citation:
    """One article's report of a summary point, as the summary cites it."""

    article_id: str
    label: str  # the outlet label shown, unique within the story
    own_words: str | None = None  # the article's own sentence when it is not the lead's wording
    said_by: list[str] = field(default_factory=list)  # the other speaker(s) it gives the words to


@dataclass(slots=True)
class SummaryLine:
    """One point of a story's summary: a cluster's lead sentence and the articles that report it."""

    text: str
    cluster_id: int  # the FactCluster it summarises
    citations: list[Citation] = field(default_factory=list)
    said_by: list[str] = field(default_factory=list)  # who speaks the lead's quote, when it does not say


@dataclass(slots=True)
class StoryReport:
    """The story dossier."""

    headline: str
    articles: list[Article] = field(default_factory=list)
    summary: list[SummaryLine] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    speakers: list[dict[str, Any]] = field(default_factory=list)
    clusters: list[FactCluster] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    derivations: list[Derivation] = field(default_factory=list)
    story_id: str | None = None


# ---------------------------------------------------------------- (de)serialisation


@cache
def _adapter(cls: type) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


def to_dict(obj: Any) -> dict[str, Any]:
    """A JSON-ready dict of any model object."""
    return _adapter(type(obj)).dump_python(obj, mode="json")


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a model object of type ``cls`` from :func:`to_dict` output."""
    return _adapter(cls).validate_python(data)
