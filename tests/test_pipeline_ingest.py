"""End-to-end ingest from Python: readers -> boilerplate -> cleaner -> store, batch by batch."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsprism.demo import demo_sources
from newsprism.pipeline import IngestSummary, ingest
from newsprism.settings import IngestOptions
from newsprism.store import Store

REPORT = """Harbor Tribune

Port workers in Lindqvist voted on Monday to end a nine-day strike, the union said.

"We have a deal that protects every job," said union leader Marta Olsen, who read the result aloud.

The port authority said ships would start loading again within two days.
"""


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return str(path)


def test_pipeline_ingest_demo_story_then_again_is_duplicates(db_path: Path) -> None:
    first = ingest(demo_sources(), db_path, extract=False)
    assert len(first.ingested) == len(demo_sources()) == 4
    assert first.refusals == [] and first.exit_code == 0
    again = ingest(demo_sources(), db_path, extract=False)
    assert again.ingested == [] and sorted(again.duplicates) == sorted(first.ingested)
    assert again.exit_code == 0
    with Store.open(db_path) as store:
        assert store.count_articles() == 4
        outlets = {a.outlet for a in store.list_articles()}
        assert {"Meridian Press", "Valley Courier", "Northern Herald"} <= outlets
        # boilerplate counts were not doubled by the second run
        pages = store.boilerplate_counts()[1]
        assert sum(pages.values()) <= 4


def test_pipeline_ingest_bad_inputs_are_refused_and_batch_goes_on(tmp_path: Path, db_path: Path) -> None:
    good = write(tmp_path / "in" / "report.txt", REPORT)
    empty = tmp_path / "in" / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "in" / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    missing = str(tmp_path / "in" / "missing.txt")
    summary = ingest([good, str(empty), str(binary), missing], db_path, extract=False, batch_size=2)
    assert len(summary.ingested) == 1
    refused = {r.source: r.code for r in summary.refusals}
    assert refused == {str(empty): "E001", str(binary): "E002", missing: "E007"}
    assert all(r.source in r.reason for r in summary.refusals)  # each line names its input
    assert summary.exit_code == 1
    with Store.open(db_path) as store:
        assert store.count_articles() == 1
        assert {r.source for r in store.refusals()} == set(refused)


def test_pipeline_ingest_exit_code_all_refused_or_nothing(tmp_path: Path, db_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert ingest([str(empty)], db_path, extract=False).exit_code == 2
    assert ingest([], db_path, extract=False).exit_code == 2
    assert IngestSummary(ingested=["a"]).exit_code == 0


def test_pipeline_ingest_edited_file_supersedes(tmp_path: Path, db_path: Path) -> None:
    path = write(tmp_path / "story.txt", REPORT)
    first = ingest([path], db_path, extract=False)
    write(tmp_path / "story.txt", REPORT.replace("two days", "three days"))
    second = ingest([path], db_path, extract=False)
    assert second.ingested == [] and len(second.superseded) == 1
    old, new = second.superseded[0]
    assert old == first.ingested[0] and new != old
    with Store.open(db_path) as store:
        assert [a.id for a in store.list_articles()] == [new]
        assert "three days" in store.get_article(new).body
        assert store.superseded_by(old) == new


def test_pipeline_ingest_stdin_and_progress(tmp_path: Path, db_path: Path) -> None:
    calls: list[tuple[int, int | None, str]] = []
    files = [write(tmp_path / f"{n}.txt", REPORT.replace("nine-day", f"{n + 2}-day")) for n in range(3)]
    summary = ingest(files, db_path, extract=False, progress=lambda *a: calls.append(a))
    assert len(summary.ingested) == 3
    assert calls == [(1, 3, files[0]), (2, 3, files[1]), (3, 3, files[2])]
    piped = ingest(
        ["-"], db_path, extract=False, stdin=io.BytesIO(REPORT.replace("Monday", "Sunday").encode())
    )
    assert len(piped.ingested) == 1


def test_pipeline_ingest_stored_progress_counts_each_document_once(tmp_path: Path, db_path: Path) -> None:
    files = [write(tmp_path / f"{n}.txt", REPORT.replace("nine-day", f"{n + 2}-day")) for n in range(3)]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    twin = write(tmp_path / "twin.txt", REPORT.replace("nine-day", "2-day"))  # the text of 0.txt again
    sources = [files[0], str(empty), files[1], twin, files[2]]
    read: list[int] = []
    stored: list[tuple[int, int | None, str]] = []
    summary = ingest(
        sources,
        db_path,
        batch_size=2,
        progress=lambda done, total, source: read.append(done),
        stored=lambda *a: stored.append(a),
    )
    assert len(summary.extracted) == 3 and len(summary.refusals) == 1 and len(summary.duplicates) == 1
    assert read == [1, 2, 3, 4, 5]
    # the slower stage counts every document once, refusals and duplicates included, as each is done
    assert [done for done, _, _ in stored] == [1, 2, 3, 4, 5]
    assert {source for _, _, source in stored} == set(sources)
    assert all(total == 5 for _, total, _ in stored)


def test_pipeline_ingest_glob_option(tmp_path: Path, db_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", REPORT)
    write(tmp_path / "d" / "b.md", REPORT.replace("Monday", "Friday"))
    summary = ingest([str(tmp_path / "d")], db_path, IngestOptions(patterns=("*.txt",)), extract=False)
    assert len(summary.ingested) == 1


def test_pipeline_ingest_unexpected_cleaner_failure_is_one_refusal(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injection: the real cleaner, made to crash on one named input."""
    import newsprism.clean as clean_module

    real_clean = clean_module.clean
    poison = write(tmp_path / "poison.txt", REPORT.replace("Monday", "Tuesday"))

    def crashing(doc, boilerplate):  # type: ignore[no-untyped-def]
        if doc.source == poison:
            raise RuntimeError("boom")
        return real_clean(doc, boilerplate)

    monkeypatch.setattr(clean_module, "clean", crashing)
    good = write(tmp_path / "good.txt", REPORT)
    summary = ingest([poison, good], db_path, extract=False)
    assert len(summary.ingested) == 1
    assert [(r.source, r.code) for r in summary.refusals] == [(poison, "E009")]
    assert "boom" in summary.refusals[0].reason
