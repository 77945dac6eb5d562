"""Clean a batch of documents with page chrome learned from the batch itself."""

from __future__ import annotations

import logging

import newsprism.clean as cleaning
from newsprism.clean import BoilerplateModel, observe
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


def clean_batch(
    docs: list[RawDocument], boilerplate: BoilerplateModel
) -> tuple[list[Article], list[Refusal]]:
    """The articles of ``docs`` (first of each fingerprint, in order) and the refusals of the rest.

    ``boilerplate`` first observes every document, so chrome repeated across the batch's pages of
    one outlet is removed. One broken input becomes a Refusal; the others go on.
    """
    for doc in docs:
        observe(boilerplate, doc)
    articles: dict[str, Article] = {}
    refusals: list[Refusal] = []
    for doc in docs:
        item = clean_or_refusal(doc, boilerplate)
        if isinstance(item, Refusal):
            refusals.append(item)
        else:
            articles.setdefault(item.fingerprint, item)
    return list(articles.values()), refusals
