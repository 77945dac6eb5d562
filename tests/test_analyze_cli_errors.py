"""`newsprism analyze` / `newsprism story` refuse bad input with one line, a hint and exit status 2."""

from __future__ import annotations

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
    assert (
        result.stderr.startswith("error E006:") and "empty.txt" in result.stderr and "hint:" in result.stderr
    )


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
