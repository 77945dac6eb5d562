"""`newsprism analyze` / `newsprism story` refuse bad input with one line, a hint and exit status 2.

One refused input is reported as its own error (code, message, hint); several are listed on
stderr before one summary error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "160"})


def test_analyze_cli_errors_nothing_readable(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["analyze", str(empty), "--format", "json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error E001: {empty}: empty input\nhint: the file or response has no bytes\n"


def test_analyze_cli_errors_unknown_format(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path), "--format", "pdf"])
    assert result.exit_code == 2 and "pdf" in result.stderr


def test_analyze_cli_errors_story_without_database(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["story", "all", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert result.stderr.startswith("error E020:") and "none.db" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_analyze_cli_errors_unknown_story(runner: CliRunner, db_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Harbor Tribune\n\nPort workers voted on Monday to end a strike, the union said.\n", "utf-8"
    )
    assert runner.invoke(app, ["ingest", str(article), "--db", str(db_path), "--no-extract"]).exit_code == 0
    result = runner.invoke(app, ["story", "no-such-story", "--db", str(db_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error E050: story no-such-story not found")
    assert "list stories with `newsprism stories`" in result.stderr
    # an article id where a story id belongs: the hint names the article's story
    ids = runner.invoke(app, ["articles", "--db", str(db_path), "--json"]).stdout
    aid = json.loads(ids)[0]["id"] if ids.lstrip().startswith("[") else json.loads(ids)["items"][0]["id"]
    result = runner.invoke(app, ["story", aid[:8], "--db", str(db_path)])
    hint = re.search(rf"hint: {aid[:8]} begins article id {aid}; its story is (\S+)\n", result.stderr)
    assert result.exit_code == 2 and hint, result.stderr
    assert runner.invoke(app, ["story", hint.group(1), "--db", str(db_path)]).exit_code == 0
    whole = runner.invoke(app, ["story", aid, "--db", str(db_path)])
    assert f"hint: {aid} is an article id; its story is {hint.group(1)}" in whole.stderr
    assert "hint: list stories" in runner.invoke(app, ["story", aid[:3], "--db", str(db_path)]).stderr


@pytest.mark.parametrize(
    ("make", "code", "message", "hint"),
    [
        (lambda d: str(d / "missing.txt"), "E007", "not found", "check the path"),
        (lambda d: _file(d / "empty.txt", b""), "E001", "empty input", "the file or response has no bytes"),
        (
            lambda d: _file(d / "blob.bin", bytes(range(256)) * 4),
            "E002",
            "binary content (NUL bytes)",
            "give an HTML, text, JSON, CSV, feed or WARC file",
        ),
        (
            lambda d: "http://127.0.0.1:9/story",
            "E010",
            "refused address 127.0.0.1 (loopback)",
            "pass --allow-private to fetch private or loopback hosts",
        ),
        (
            lambda d: _folder(d / "nothing"),
            "E008",
            "a folder with no file matching *",
            "newsprism ingest --help",
        ),
        (lambda d: "ftp://example.org/a.html", "E014", "unsupported URL scheme 'ftp'", "only http and https"),
        (lambda d: "-", "E001", "stdin: empty input", "the file or response has no bytes"),
    ],
)
def test_analyze_cli_errors_one_refusal_is_its_own_error(
    runner: CliRunner, tmp_path: Path, make: Callable[[Path], str], code: str, message: str, hint: str
) -> None:
    source = make(tmp_path)
    result = runner.invoke(app, ["analyze", source], input=b"")
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith(f"error {code}") and "E006" not in lines[0] and message in lines[0]
    assert lines[1].startswith("hint: ") and hint in lines[1]
    assert "no article body" not in lines[1]


def test_analyze_cli_errors_several_refusals_listed_then_one_error(runner: CliRunner, tmp_path: Path) -> None:
    empty = _file(tmp_path / "empty.txt", b"")
    missing = str(tmp_path / "missing.txt")
    result = runner.invoke(app, ["analyze", empty, missing])
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[:2] == [f"refused E001 {empty}: empty input", f"refused E007 {missing}: not found"]
    assert "hint E001: the file or response has no bytes" in lines and "hint E007: check the path" in lines
    assert (
        lines[-2] == f"error E006: {empty}, {missing}: no usable article text (2 inputs refused: E001, E007)"
    )
    assert lines[-1] == "hint: fix or remove the refused inputs listed above"


def test_analyze_cli_errors_output_checked_before_reading(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "report.md"
    # a missing input would fail with E007 if the output were checked only after the analysis
    result = runner.invoke(app, ["analyze", str(tmp_path / "missing.txt"), "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"error E053: {target}: cannot write the report (No such file or directory)"
    )
    folder = runner.invoke(app, ["story", "all", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path)])
    assert folder.exit_code == 2 and folder.stderr.startswith(f"error E053: {tmp_path}: cannot write")


def test_analyze_cli_errors_story_too_large(
    runner: CliRunner, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a", "b", "c"):
        _file(
            tmp_path / f"{name}.txt", f"Harbor Tribune\n\nPort workers in {name} voted on Monday.\n".encode()
        )
    ingested = runner.invoke(
        app, ["ingest", str(tmp_path), "--glob", "*.txt", "--db", str(db_path), "--no-extract"]
    )
    assert ingested.exit_code == 0, ingested.output
    monkeypatch.setattr("newsprism.analysis.MAX_STORY_ARTICLES", 2)
    result = runner.invoke(app, ["story", "all", "--db", str(db_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error E051: story all: 3 articles, more than the 2 compared at once\n")


def _file(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def _folder(path: Path) -> str:
    path.mkdir()
    return str(path)


def test_analyze_cli_errors_refusal_hint_keeps_its_fields(runner: CliRunner, tmp_path: Path) -> None:
    """The hint of a re-raised refusal is filled from its message ({kind} of E005 here)."""
    bad = _file(tmp_path / "bad.json", b'{"title": ')
    result = runner.invoke(app, ["analyze", bad])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error E005: {bad}: malformed JSON (")
    assert result.stderr.endswith("\nhint: check that the JSON is well-formed\n")
