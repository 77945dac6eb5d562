"""The same text printed by another publication (a wire story reprinted): its own article.

An article's id is that of its text, so a reprint needs an id of its own. Two printings of one
text are one article when they are the same publication (the same file read twice, one page
fetched twice) and two when they are not: another web site, another outlet, or, where neither
is known, another headline. A reprint keeps its text; its fingerprint (and so its id) is that
of the text and its publication together, so reading the same reprint again finds it.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import NamedTuple
from urllib.parse import urlsplit

from newsprism.clean.normalize import article_id, fold_for_compare
from newsprism.model import Article


class Publication(NamedTuple):
    """Where a text was printed: the web site (host), the outlet and the headline, folded."""

    host: str
    outlet: str
    title: str


def publication(url: str | None, outlet: str | None, title: str | None) -> Publication:
    """The folded publication of an article's address, outlet and headline ("" when unknown)."""
    host = (urlsplit(url).hostname or "") if url else ""
    return Publication(
        host.removeprefix("www."), fold_for_compare(outlet or ""), fold_for_compare(title or "")
    )


def publication_of(article: Article) -> Publication:
    """The publication of ``article``."""
    return publication(article.url, article.outlet, article.title)


def other_publication(a: Publication, b: Publication) -> bool:
    """Whether ``a`` and ``b`` print one text as two articles.

    Two known web sites decide alone (one site's page at two addresses is one article); then two
    known outlets that differ; then two known headlines that differ (a reprint credited to the
    wire on both sides, or a file with no outlet). What is unknown on either side never tells
    two printings apart.
    """
    if a.host and b.host:
        return a.host != b.host
    if a.outlet and b.outlet and a.outlet != b.outlet:
        return True
    return bool(a.title and b.title and a.title != b.title)


def as_reprint(article: Article, original: str) -> Article:
    """``article`` as a reprint of the article ``original`` (an id): the fingerprint and id of its
    text as printed by its publication."""
    key = "\x00".join((article.fingerprint, *publication_of(article)))
    fp = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return replace(article, fingerprint=fp, id=article_id(fp), reprint_of=original)
