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
    err = piped.stderr.decode()
    assert "absent.txt" in err and "E007" in err and "Traceback" not in err
    assert "refused E007" not in piped.stdout.decode()  # refusals go to stderr


def test_cli_script_version() -> None:
    done = _run("--version")
    assert done.returncode == 0 and done.stdout.decode().startswith("newsprism ")


OLD_PYTHON = '#!/bin/sh\nif [ "$1" = "-V" ]; then echo "Python 3.9.2"; exit 0; fi\nexit 1\n'


@pytest.mark.parametrize("where", ["PYTHON", ".venv"])
def test_cli_script_bootstrap_refuses_old_python(tmp_path: Path, where: str) -> None:
    """scripts/bootstrap stops with one line, before pip, on a Python older than 3.11 (given or in .venv)."""
    root = Path(__file__).resolve().parent.parent
    (tmp_path / "scripts").mkdir()
    shutil.copy(root / "scripts" / "bootstrap", tmp_path / "scripts" / "bootstrap")
    old = tmp_path / ".venv" / "bin" / "python" if where == ".venv" else tmp_path / "python3.9"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text(OLD_PYTHON)
    old.chmod(0o755)
    env = {"PATH": os.environ["PATH"], "PYTHON": str(old)}
    result = subprocess.run(
        ["bash", str(tmp_path / "scripts" / "bootstrap")], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Python >= 3.11" in lines[0] and "Python 3.9.2" in lines[0]
    assert (tmp_path / ".venv").exists() == (where == ".venv")  # no virtualenv made from the old Python
