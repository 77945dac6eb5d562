"""Clean a batch of documents with page chrome learned from the batch itself."""

from __future__ import annotations

import logging
from functools import partial
from typing import NamedTuple

import newsprism.clean as cleaning
from newsprism.clean import BoilerplateModel, observe
from newsprism.clean.reprints import Printings, as_reprint, publication_of
from newsprism.errors import InputError, NewsprismError, shown_source
from newsprism.model import Article, RawDocument, Refusal

log = logging.getLogger(__name__)


def clean_or_refusal(doc: RawDocument, boilerplate: BoilerplateModel) -> Article | Refusal:
    """``doc`` cleaned, or the Refusal that says why it could not be (one broken input, not the batch)."""
    try:
        return cleaning.clean(doc, boilerplate)  # looked up at call time: a test may replace it
    except InputError as exc:
        return Refusal(shown_source(doc.source), exc.code, exc.message)
    except Exception as exc:  # per-item policy: one broken input must not stop the batch
        log.exception("cleaning %s failed", doc.source)
        error = NewsprismError("E009", doc.source, detail=f"{type(exc).__name__}: {exc}")
        return Refusal(error.source, error.code, error.message)


class Batch(NamedTuple):
    """A cleaned batch: its articles, the refusals, and the inputs read once as repeats of a kept
    article, as ``(source, id of the article it repeats)``."""

    articles: list[Article]
    refusals: list[Refusal]
    repeats: list[tuple[str, str]]


def clean_batch(
    docs: list[RawDocument], boilerplate: BoilerplateModel, *, keep_copies: bool = False
) -> Batch:
    """The articles of ``docs`` (first of each fingerprint, in order), the refusals of the rest and
    the repeats dropped.

    ``boilerplate`` first observes every document, so chrome repeated across the batch's pages of
    one outlet is removed. One broken input becomes a Refusal; the others go on. With
    ``keep_copies``, the same text printed by another publication (another web site, outlet or
    headline: a wire story printed elsewhere, even when both credit the wire) is kept too, as a
    reprint with its own id (:func:`~newsprism.clean.reprints.as_reprint`); the same article
    read twice (one file copied) is still kept once.
    """
    for doc in docs:
        observe(boilerplate, doc)
    articles: list[Article] = []
    printings = Printings()
    refusals: list[Refusal] = []
    repeats: list[tuple[str, str]] = []
    for doc in docs:
        item = clean_or_refusal(doc, boilerplate)
        if isinstance(item, Refusal):
            refusals.append(item)
            continue
        text, first = item.fingerprint, printings.first(item.fingerprint)
        if first is not None and not keep_copies:
            repeats.append((item.source, first))
            continue
        same, original = printings.place(text, partial(publication_of, item))
        if same is not None:
            repeats.append((item.source, same))
            continue
        if original is not None:
            item = as_reprint(item, original)
        printings.add(text, item.id, partial(publication_of, item))
        articles.append(item)
    return Batch(articles, refusals, repeats)
