"""The same text printed by another publication (a wire story reprinted): its own article.

An article's id is that of its text, so a reprint needs an id of its own. Two printings of one
text are one article when they are the same publication (the same file read twice, one page
fetched twice, one outlet's page at two addresses of its site) and two when they are not: another
web site, another outlet, or, where neither is known, another headline. A reprint keeps its
text; its fingerprint (and so its id) is that of the text and its publication together, so
reading the same reprint again finds it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import NamedTuple

from newsprism.clean.metadata import registered_domain
from newsprism.clean.normalize import article_id, fold_for_compare
from newsprism.model import Article

#: Sources that name no one document (several articles can come from them).
ANONYMOUS_SOURCES = frozenset({"", "-", "stdin", "<stdin>"})


class Publication(NamedTuple):
    """Where a text was printed: the web site (registered domain), the outlet and the headline,
    folded; and the file or address it was read from."""

    site: str
    outlet: str
    title: str
    source: str


def publication(url: str | None, outlet: str | None, title: str | None, source: str = "") -> Publication:
    """The folded publication of an article's address, outlet, headline and source ("" when unknown)."""
    return Publication(
        registered_domain(url) or "",
        fold_for_compare(outlet or ""),
        fold_for_compare(title or ""),
        "" if source in ANONYMOUS_SOURCES else source,
    )


def publication_of(article: Article) -> Publication:
    """The publication of ``article``."""
    return publication(article.url, article.outlet, article.title, article.source)


def other_publication(a: Publication, b: Publication) -> bool:
    """Whether ``a`` and ``b`` print one text as two articles.

    Two known web sites that differ make two; one site makes one (its pages, on any of its hosts)
    unless it names two outlets (an aggregator printing several). Then one source read twice (a
    file edited and read again) is one article; then two known outlets that differ are two; then
    two known headlines that differ (a reprint credited to the wire on both sides, or a file with
    no outlet). What is unknown on either side never tells two printings apart.
    """
    outlets_differ = bool(a.outlet and b.outlet and a.outlet != b.outlet)
    if a.site and b.site:
        return a.site != b.site or outlets_differ
    if a.source and a.source == b.source:
        return False
    if outlets_differ:
        return True
    return bool(a.title and b.title and a.title != b.title)


def same_printing(printings: Iterable[tuple[str, Publication]], mine: Publication) -> str | None:
    """The id of the first of ``printings`` ((id, publication) of one text) that is ``mine``'s
    publication (the same article again), else None."""
    return next((aid for aid, p in printings if not other_publication(p, mine)), None)


def as_reprint(article: Article, original: str) -> Article:
    """``article`` as a reprint of the article ``original`` (an id): the fingerprint and id of its
    text as printed by its publication (its site, outlet and headline)."""
    site, outlet, title, _ = publication_of(article)
    key = "\x00".join((article.fingerprint, site, outlet, title))
    fp = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return replace(article, fingerprint=fp, id=article_id(fp), reprint_of=original)


class Printings:
    """The printings kept so far of each text, read in order, to keep one article per publication:
    :meth:`place` says what a new printing is, :meth:`add` records one kept. A publication is
    worked out (``publication()``) only when a second printing of its text comes."""

    def __init__(self) -> None:
        self._kept: dict[str, list[tuple[str, Callable[[], Publication]]]] = {}
        self._known: dict[str, Publication] = {}  # by id, once worked out

    def first(self, text: str) -> str | None:
        """The id of the first printing kept of ``text``, if any."""
        kept = self._kept.get(text)
        return kept[0][0] if kept else None

    def place(self, text: str, publication: Callable[[], Publication]) -> tuple[str | None, str | None]:
        """(same, original) for a new printing of ``text``: ``same`` is the id of the printing kept
        from its publication (the same article again), else None; ``original``, when it is none of
        them, is the id of the text's first printing (it is a reprint of that), else None."""
        kept = self._kept.get(text)
        if not kept:
            return None, None
        printings = ((aid, self._publication(aid, pub)) for aid, pub in kept)
        same = same_printing(printings, publication())
        return (same, None) if same is not None else (None, kept[0][0])

    def add(self, text: str, aid: str, publication: Callable[[], Publication]) -> None:
        """Record the printing ``aid`` of ``text`` as kept."""
        self._kept.setdefault(text, []).append((aid, publication))

    def _publication(self, aid: str, publication: Callable[[], Publication]) -> Publication:
        if aid not in self._known:
            self._known[aid] = publication()
        return self._known[aid]
