"""extract stage of newsprism: Article -> Extraction (entities, quotes, dates, quantities, facts).

    >>> from newsprism.extract import extract_articles
    >>> extractions = extract_articles(articles, n_process=2)

The quote, date and quantity extractors are optional siblings (``quotes.py``, ``dates.py``,
``quantities.py``): when one is absent its part of the Extraction stays empty.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from newsprism.errors import InputError
from newsprism.extract.entities import canonical_key, extract_entities, keys_match, name_words
from newsprism.extract.facts import build_facts, build_timeline, sentence_spans
from newsprism.extract.nlp import load_nlp
from newsprism.model import Article, Entity, Extraction, Mention, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["MAX_BODY_CHARS", "canonical_key", "extract_article", "extract_articles", "keys_match"]

#: Longest body extracted (spaCy's own limit is 1,000,000 characters; news articles are < 100,000).
MAX_BODY_CHARS = 500_000


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """``newsprism.extract.<module>.<name>`` when that module exists, else None."""
    full = f"newsprism.extract.{module}"
    try:
        mod = importlib.import_module(full)
    except ModuleNotFoundError as exc:
        if exc.name == full:
            return None
        raise
    return getattr(mod, name, None)


def _check(article: Article) -> None:
    if len(article.body) > MAX_BODY_CHARS:
        raise InputError("E033", article.id, detail=str(len(article.body)), limit=MAX_BODY_CHARS)


def _speaker_key(quote: Quote, mentions: list[Mention], entities: list[Entity]) -> str | None:
    """The canonical key of a quote's speaker: the mention under its span, else a name match."""
    if quote.vague or not quote.speaker:
        return None
    if quote.speaker_start is not None and quote.speaker_end is not None:
        for m in mentions:
            if m.start < quote.speaker_end and m.end > quote.speaker_start and m.label == "PERSON":
                return m.entity_key
        for m in mentions:
            if m.start < quote.speaker_end and m.end > quote.speaker_start:
                return m.entity_key
    words = quote.speaker.split()
    if not words or not all(w[:1].isupper() for w in words):
        return None
    key = canonical_key(quote.speaker, "PERSON")
    for ent in entities:
        if ent.label == "PERSON" and keys_match(key, ent.key):
            return ent.key
    for ent in entities:
        if ent.label != "PERSON" and name_words(ent.name) == name_words(quote.speaker):
            return ent.key
    return key


def _context(article: Article) -> Doc | None:
    """The parsed headline and standfirst, where full names are often introduced."""
    parts = [p.strip() for p in (article.title, article.standfirst) if p and p.strip()]
    if not parts:
        return None
    return load_nlp()("\n\n".join(parts)[:5000])


def extract_article(article: Article, doc: Doc | None = None) -> Extraction:
    """The structured reading of one article; ``doc`` is its parsed body when already at hand."""
    _check(article)
    if doc is None:
        doc = load_nlp()(article.body)
    mentions, entities = extract_entities(doc, _context(article))
    quotes: list[Quote] = []
    if (extract_quotes := _optional("quotes", "extract_quotes")) is not None:
        quotes = extract_quotes(doc)
        for q in quotes:
            q.speaker_key = _speaker_key(q, mentions, entities)
    timexes = []
    if (extract_timexes := _optional("dates", "extract_timexes")) is not None:
        timexes = extract_timexes(article.body, article.published.value, doc)
    quantities = []
    if (extract_quantities := _optional("quantities", "extract_quantities")) is not None:
        quantities = extract_quantities(article.body, doc, timexes=timexes)
    facts = build_facts(article.id, doc, sentence_spans(doc), mentions, quotes, timexes, quantities)
    return Extraction(
        article_id=article.id,
        mentions=mentions,
        entities=entities,
        quotes=quotes,
        timexes=timexes,
        quantities=quantities,
        facts=facts,
        timeline=build_timeline(article.id, facts, timexes),
    )


def extract_articles(articles: list[Article], n_process: int = 1, batch_size: int = 16) -> list[Extraction]:
    """Extract many articles, parsing them with ``nlp.pipe``; results in input order.

    Raises InputError (E033) before any work when a body is longer than MAX_BODY_CHARS.
    """
    for article in articles:
        _check(article)
    nlp = load_nlp()
    pairs = nlp.pipe(
        ((a.body, i) for i, a in enumerate(articles)),
        as_tuples=True,
        batch_size=batch_size,
        n_process=n_process,
    )
    return [extract_article(articles[i], doc) for doc, i in pairs]
