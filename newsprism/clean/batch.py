"""Clean a batch of documents with page chrome learned from the batch itself."""

from __future__ import annotations

import logging

from newsprism.clean import BoilerplateModel, clean, observe
from newsprism.errors import InputError, NewsprismError
from newsprism.model import Article, RawDocument, Refusal

log = logging.getLogger(__name__)


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
        try:
            article = clean(doc, boilerplate)
        except InputError as exc:
            refusals.append(Refusal(doc.source, exc.code, exc.message))
            continue
        except Exception as exc:  # per-item policy: one broken input must not stop the batch
            log.exception("cleaning %s failed", doc.source)
            error = NewsprismError("E009", doc.source, detail=f"{type(exc).__name__}: {exc}")
            refusals.append(Refusal(doc.source, error.code, error.message))
            continue
        articles.setdefault(article.fingerprint, article)
    return list(articles.values()), refusals
