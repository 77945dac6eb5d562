"""Ingest runs the real extraction stage and saves it; a later run fills missing extractions."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.pipeline import ingest
from newsprism.store import Store

pytest.importorskip("newsprism.extract.facts")

REPORT = """Harbor Tribune

Port workers in Lindqvist voted on Monday to end a nine-day strike, the union said.

"We have a deal that protects every job," said union leader Marta Olsen.

The port authority said ships would start loading again within two days.
"""


def test_pipeline_extract_saved_and_filled_later(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "strike.txt"
    path.write_text(REPORT, "utf-8")
    bare = ingest([str(path)], db_path, extract=False)
    (article_id,) = bare.ingested
    with Store.open(db_path) as store:
        assert store.get_extraction(article_id) is None
    filled = ingest([str(path)], db_path)  # a duplicate, but its extraction was missing
    assert filled.duplicates == [article_id] and filled.extracted == [article_id]
    assert filled.warnings == []
    with Store.open(db_path) as store:
        extraction = store.get_extraction(article_id)
        assert extraction is not None and extraction.article_id == article_id
        speakers = [q.speaker for q in extraction.quotes]
        assert any(s and "Olsen" in s for s in speakers), speakers
        rows = store.execute_read("SELECT speaker FROM quotes WHERE article_id = ?", (article_id,))
        assert [r[0] for r in rows] == speakers
    again = ingest([str(path)], db_path)
    assert again.extracted == []  # nothing left to extract


def test_pipeline_extract_reports_each_article_as_it_is_done() -> None:
    from newsprism.extract import extract_articles
    from newsprism.model import Article

    body = "The port of Soria reopened on Monday. Harbour master Lena Ortiz greeted the first ship."
    arts = [Article(id=f"a{n}", fingerprint=f"f{n}", source=f"{n}.txt", body=body) for n in range(3)]
    calls: list[tuple[int, int]] = []
    out = extract_articles(arts, batch_size=1, progress=lambda n: calls.append((n, len(calls))))
    assert [e.article_id for e in out] == ["a0", "a1", "a2"]
    counts = [n for n, _ in calls]
    assert counts == sorted(counts) and counts[-1] == 3
    assert {1, 2} <= set(counts)  # not only once at the end: a bar moves article by article
