"""The installed ``newsprism`` console script, run as a real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.demo import demo_sources


def _script() -> str:
    beside = Path(sys.executable).parent / "newsprism"
    found = str(beside) if beside.is_file() else shutil.which("newsprism")
    if not found:
        pytest.skip("the newsprism console script is not installed (pip install -e .)")
    return found


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    return subprocess.run([_script(), *args], input=stdin, capture_output=True, timeout=120, env=env)


def test_cli_script_ingest_json_and_error_line(tmp_path: Path) -> None:
    db = str(tmp_path / "script.db")
    done = _run("ingest", *demo_sources(), "--db", db, "--no-extract", "--json")
    assert done.returncode == 0, done.stderr.decode()
    summary = json.loads(done.stdout)  # stdout is JSON only
    assert len(summary["ingested"]) == 4 and summary["exit_code"] == 0
    listing = json.loads(_run("articles", "--db", db, "--json").stdout)
    assert {a["id"] for a in listing} == set(summary["ingested"])
    missing = _run("show", "0000000000", "--db", db)
    assert missing.returncode == 2 and missing.stdout == b""
    assert missing.stderr.decode().splitlines() == [
        "error E021: article 0000000000 not found in the database",
        "hint: list ids with `newsprism articles`",
    ]


def test_cli_script_stdin_and_partial_refusal(tmp_path: Path) -> None:
    db = str(tmp_path / "stdin.db")
    text = b"Harbor Tribune\n\nPort workers in Lindqvist voted on Monday to end a nine-day strike, the union said.\n"
    piped = _run("ingest", "-", str(tmp_path / "absent.txt"), "--db", db, "--no-extract", stdin=text)
    assert piped.returncode == 1, piped.stderr.decode()
    out = piped.stdout.decode()
    assert "absent.txt" in out and "E007" in out and "Traceback" not in piped.stderr.decode()


def test_cli_script_version() -> None:
    done = _run("--version")
    assert done.returncode == 0 and done.stdout.decode().startswith("newsprism ")
