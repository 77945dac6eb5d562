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


def test_cli_docs_plain_metavars() -> None:
    """Arguments read SRC... or FILE, never a Python type (list[str], path) or Typer's {SRC}."""
    text = (ROOT / "docs" / "cli.md").read_text("utf-8")
    assert "Usage: newsprism analyze [OPTIONS] SRC...\n" in text
    assert "Usage: newsprism eval timex [OPTIONS] FILE\n" in text
    assert "\n  SRC...  Files, directories" in text
    for leak in ("<list[str]>", "<path>", "<str>", "{SRC}", "{FILE}"):
        assert leak not in text


def test_cli_docs_readme_names_every_command() -> None:
    import typer.main

    from newsprism.cli import app

    readme = (ROOT / "README.md").read_text("utf-8")
    group = typer.main.get_command(app)
    for name in group.list_commands(typer.Context(group)):  # type: ignore[attr-defined]
        assert f"newsprism {name}" in readme, f"README.md does not mention `newsprism {name}`"
    assert "--index-url https://download.pytorch.org/whl/cpu" in readme  # torch off this machine
