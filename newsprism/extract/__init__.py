"""extract stage of newsprism: Article -> Extraction (entities, quotes, dates, quantities, facts).

    >>> from newsprism.extract import extract_articles
    >>> extractions = extract_articles(articles, n_process=2)

The quote, date and quantity extractors are optional siblings (``quotes.py``, ``dates.py``,
``quantities.py``): when one is absent its part of the Extraction stays empty.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
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


def _speaker_key(
    quote: Quote,
    mentions: list[Mention],
    entities: list[Entity],
    describes_org: Callable[[str | None], bool] | None = None,
) -> str | None:
    """The canonical key of a quote's speaker: the mention under its span, else a name match;
    ``describes_org`` tells a descriptor naming an organisation (one word and such a descriptor:
    an organisation's key)."""
    if quote.vague or not quote.speaker:
        return None
    if describes_org is not None and describes_org(quote.descriptor) and len(quote.speaker.split()) == 1:
        return canonical_key(quote.speaker, "ORG")  # "Shelterline, the region's largest charity, said"
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


#: Longest headline + standfirst text parsed as context.
MAX_CONTEXT_CHARS = 5000


def context_text(article: Article) -> str | None:
    """The headline and standfirst joined for parsing (where full names are often introduced), or None."""
    parts = [p.strip() for p in (article.title, article.standfirst) if p and p.strip()]
    return "\n\n".join(parts)[:MAX_CONTEXT_CHARS] if parts else None


def _context(article: Article) -> Doc | None:
    """The parsed headline and standfirst of one article (the one-article path)."""
    text = context_text(article)
    return load_nlp()(text) if text is not None else None


def extract_article(article: Article, doc: Doc | None = None, context: Doc | None = None) -> Extraction:
    """The structured reading of one article.

    ``doc`` is its parsed body and ``context`` its parsed :func:`context_text` when already at hand
    (as :func:`extract_articles` has them); either is parsed here when missing.
    """
    _check(article)
    if doc is None:
        doc = load_nlp()(article.body)
    if context is None:
        context = _context(article)
    mentions, entities = extract_entities(doc, context)
    quotes: list[Quote] = []
    if (extract_quotes := _optional("quotes", "extract_quotes")) is not None:
        quotes = extract_quotes(doc)
        describes_org = _optional("quote_speakers", "describes_organisation")
        for q in quotes:
            q.speaker_key = _speaker_key(q, mentions, entities, describes_org)
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


def extract_articles(
    articles: list[Article],
    n_process: int = 1,
    batch_size: int = 16,
    progress: Callable[[int], None] | None = None,
) -> list[Extraction]:
    """Extract many articles, parsing them with ``nlp.pipe``; results in input order.

    ``progress(n)`` is called as articles are done with the number extracted so far. Raises
    InputError (E033) before any work when a body is longer than MAX_BODY_CHARS.
    """
    for article in articles:
        _check(article)
    nlp = load_nlp()
    pairs = nlp.pipe(_texts(articles), as_tuples=True, batch_size=batch_size, n_process=n_process)
    out: list[Extraction] = []
    body: tuple[Doc, int] | None = None
    for doc, (i, part) in pairs:
        if part == "context":  # always right after its article's body: nlp.pipe keeps the order
            assert body is not None and body[1] == i
            out.append(extract_article(articles[i], body[0], doc))
            body = None
        else:
            if body is not None:
                out.append(extract_article(articles[body[1]], body[0]))  # no headline or standfirst
            body = (doc, i)
        if progress is not None:
            progress(len(out))
    if body is not None:
        out.append(extract_article(articles[body[1]], body[0]))
        if progress is not None:
            progress(len(out))
    return out


def _texts(articles: list[Article]) -> Iterator[tuple[str, tuple[int, str]]]:
    """Each body, then its headline + standfirst when it has one, tagged (index, part) for ``nlp.pipe``."""
    for i, article in enumerate(articles):
        yield article.body, (i, "body")
        if (text := context_text(article)) is not None:
            yield text, (i, "context")
