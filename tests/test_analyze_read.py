"""analyze's in-memory reading: no database, duplicates kept once, refusals returned, clear errors."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newsprism.analysis import analyze_all, read_articles
from newsprism.demo import demo_sources
from newsprism.errors import InputError

REPORT = """Harbor Tribune

Port workers in Lindqvist voted on Monday to end a nine-day strike, the union said.

"We have a deal that protects every job," said union leader Marta Olsen.
"""


def test_analyze_read_demo_in_memory_without_a_database(tmp_path: Path) -> None:
    articles, refusals = read_articles(demo_sources())
    assert refusals == []
    assert [a.outlet for a in articles][:3] == ["Meridian Press", "Valley Courier", "Northern Herald"]
    assert len(articles) == 4 and all(a.body for a in articles)
    assert not Path(os.environ["NEWSPRISM_DB"]).exists()


def test_analyze_read_same_article_twice_is_one(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text(REPORT, "utf-8")
    second = tmp_path / "copy.txt"
    shutil.copy(first, second)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    articles, refusals = read_articles([str(first), str(second), str(empty)])
    assert len(articles) == 1 and articles[0].source == str(first)
    assert [(Path(r.source).name, r.code) for r in refusals] == [("empty.txt", "E001")]


def test_analyze_read_a_wire_copy_printed_elsewhere_is_its_own_article(tmp_path: Path) -> None:
    wire = tmp_path / "wire.txt"
    wire.write_text(REPORT, "utf-8")
    reprint = tmp_path / "reprint.txt"  # the same text under another outlet's headline
    reprint.write_text(REPORT.replace("Harbor Tribune", "Lindqvist dockers end strike"), "utf-8")
    articles, _ = read_articles([str(wire), str(reprint), str(wire)])
    assert [Path(a.source).name for a in articles] == ["wire.txt", "reprint.txt"]  # the file read twice: once
    assert articles[0].body == articles[1].body and articles[0].id != articles[1].id
    assert articles[1].reprint_of == articles[0].id and articles[0].reprint_of is None
    assert read_articles([str(wire), str(reprint)])[0][1].id == articles[1].id  # its id is stable


def test_analyze_nothing_readable_is_one_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError) as caught:
        analyze_all([str(empty), str(tmp_path / "missing.txt")])
    assert caught.value.code == "E006"
    assert "empty.txt" in caught.value.message and "E007" in caught.value.message


def test_analyze_package_function_is_callable_after_submodule_import() -> None:
    import newsprism
    import newsprism.analysis  # the submodule must not shadow the function

    assert callable(newsprism.analyze)
    assert newsprism.analyze.__module__ == "newsprism"


def test_analyze_scorer_choice_reaches_the_comparison(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsprism.cli import app
    from newsprism.compare import semantic
    from newsprism.errors import DependencyError

    lexical = analyze_all(demo_sources(), semantic=False).reports[0]
    assert any(f.kind == "misattribution" for f in lexical.findings)
    if not semantic.available():  # asking for the cross-encoder without the extra is E031
        with pytest.raises(DependencyError) as missing:
            analyze_all(demo_sources(), semantic=True)
        assert missing.value.code == "E031"
    out = tmp_path / "lexical.json"
    done = CliRunner().invoke(app, ["analyze", *demo_sources(), "--lexical", "-f", "json", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert '"misattribution"' in out.read_text("utf-8")


def test_analyze_reports_its_progress_stage_by_stage() -> None:
    seen: list[tuple[str, int, int | None]] = []
    result = analyze_all(demo_sources(), semantic=False, progress=lambda *a: seen.append(a))
    stages = list(dict.fromkeys(name for name, _, _ in seen))
    assert stages == ["reading", "extracting", "comparing"]
    extracting = [(done, total) for name, done, total in seen if name == "extracting"]
    assert extracting[-1] == (4, 4) and len({d for d, _ in extracting}) >= 2  # article by article
    assert seen[-1] == ("comparing", len(result.reports), len(result.reports))
