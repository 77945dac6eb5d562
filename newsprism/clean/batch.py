"""Clean a batch of documents with page chrome learned from the batch itself."""

from __future__ import annotations

import hashlib
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
    docs: list[RawDocument], boilerplate: BoilerplateModel, *, keep_copies: bool = False
) -> tuple[list[Article], list[Refusal]]:
    """The articles of ``docs`` (first of each fingerprint, in order) and the refusals of the rest.

    ``boilerplate`` first observes every document, so chrome repeated across the batch's pages of
    one outlet is removed. One broken input becomes a Refusal; the others go on. With
    ``keep_copies``, the same text printed as another article (another title, outlet, address or
    date: a wire story printed elsewhere, even when both credit the wire) is kept too, under its
    own id (:func:`copy_id`); the same article read twice (one file copied) is still kept once.
    """
    for doc in docs:
        observe(boilerplate, doc)
    articles: dict[tuple[str, str], Article] = {}
    texts: set[str] = set()  # fingerprints kept
    refusals: list[Refusal] = []
    for doc in docs:
        item = clean_or_refusal(doc, boilerplate)
        if isinstance(item, Refusal):
            refusals.append(item)
            continue
        publication = "\x00".join(
            (item.title or "", item.outlet or "", item.url or "", item.published.value or "")
        )
        if item.fingerprint not in texts:
            texts.add(item.fingerprint)
        elif keep_copies and (item.fingerprint, publication) not in articles:
            item.id = copy_id(item.fingerprint, publication)
        else:
            continue
        articles[(item.fingerprint, publication)] = item
    return list(articles.values()), refusals


def copy_id(fp: str, publication: str) -> str:
    """The id of a copy of the text ``fp`` printed as ``publication`` (an article id is that of
    its text; a copy elsewhere needs its own)."""
    return cleaning.article_id(hashlib.sha256(f"{fp}\x00{publication}".encode()).hexdigest())
