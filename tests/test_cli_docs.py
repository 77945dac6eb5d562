"""docs/cli.md is generated from the Typer app's help and must not drift from it."""

from __future__ import annotations

import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_cli_docs_up_to_date() -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "gen_cli_docs.py"))
    expected = script["render"]()
    actual = (ROOT / "docs" / "cli.md").read_text("utf-8")
    assert actual == expected, "docs/cli.md is out of date: run python scripts/gen_cli_docs.py"


def test_cli_docs_cover_every_command() -> None:
    text = (ROOT / "docs" / "cli.md").read_text("utf-8")
    for command in ("ingest", "articles", "show", "search", "demo", "eval extraction", "eval quotes"):
        assert f"`newsprism {command}`" in text
