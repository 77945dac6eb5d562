"""Every NewsprismError at the CLI boundary: one error line, one hint line, exit 2, no traceback."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.store import SCHEMA_VERSION, Store


def _check(result, code: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"error {code}: ") and lines[1].startswith("hint: ") and len(lines) == 2
    assert "Traceback" not in result.output


def test_cli_errors_unknown_article(db_path: Path) -> None:
    Store.open(db_path).close()
    result = CliRunner().invoke(app, ["show", "deadbeef", "--db", str(db_path), "--json"])
    _check(result, "E021")
    assert "deadbeef" in result.stderr


def test_cli_errors_missing_database_is_not_created(tmp_path: Path) -> None:
    target = tmp_path / "typo.db"
    for args in (["articles"], ["search", "x"], ["show", "abc"]):
        _check(CliRunner().invoke(app, [*args, "--db", str(target)]), "E020")
    assert not target.exists()


def test_cli_errors_newer_schema(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    result = CliRunner().invoke(app, ["articles", "--db", str(db_path)])
    _check(result, "E022")
    assert "upgrade newsprism" in result.stderr


def test_cli_errors_eval_dataset_missing(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "extraction", str(tmp_path / "nowhere"), "--json"])
    _check(result, "E040")


def test_cli_errors_eval_unknown_split_lists_the_splits(tmp_path: Path) -> None:
    tidy = tmp_path / "tiny.timex3.jsonl"
    tidy.write_text('{"doc_id": "d1", "dct": "2013-01-01", "text": "It rained on Monday.", "timexes": []}\n')
    for source in (tidy, tmp_path):  # a JSONL file or the folder holding it
        result = CliRunner().invoke(app, ["eval", "timex", str(source), "--split", "test"])
        _check(result, "E040")
        assert "unknown split 'test'" in result.stderr
        assert result.stderr.splitlines()[1] == "hint: use --split train or heldout"
    stories = CliRunner().invoke(app, ["eval", "stories", str(tidy), "--split", "test"])
    _check(stories, "E040")
    assert stories.stderr.splitlines()[1] == "hint: use --split dev, train or all"
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("", "utf-8")
    paraphrase = CliRunner().invoke(app, ["eval", "paraphrase", str(pairs), "--split", "test"])
    _check(paraphrase, "E040")  # was a traceback (ValueError from the evaluation)
    assert paraphrase.stderr.splitlines()[1] == "hint: use --split dev, train or all"
    attributions = tmp_path / "attributions.jsonl"
    rows = [
        {"article": a, "compartment": c, "text": "x", "attributions": []}
        for a, c in (("1", "dev"), ("2", "train"))
    ]
    attributions.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    quotes = CliRunner().invoke(app, ["eval", "quotes", str(attributions), "--split", "test"])
    _check(quotes, "E040")
    assert "no articles in split 'test'" in quotes.stderr
    assert quotes.stderr.splitlines()[1] == "hint: use --split dev or train"


def test_cli_errors_eval_timex_help_says_folder_or_file() -> None:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["eval", "timex", "--help"])
    assert "FILE  The tidy TempEval-3 folder or JSONL file, or a MEANTIME release folder." in result.stdout


def test_cli_errors_articles_date_not_iso(db_path: Path) -> None:
    Store.open(db_path).close()
    result = CliRunner().invoke(app, ["articles", "--db", str(db_path), "--since", "yesterday"])
    _check(result, "E005")
    assert "--since yesterday" in result.stderr
