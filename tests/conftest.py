"""Shared fixtures: paths to ../shared, a temporary database, a scrubbed environment."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# CI runs the property tests on a fixed sequence of examples so that a run is reproducible;
# locally they explore new examples each run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = SHARED / "examples"
DATA = SHARED / "data"


def need(path: Path) -> Path:
    """Skip the calling test, with a reason, when a ../shared path is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside the checkout)")
    return path


@pytest.fixture(autouse=True)
def _scrubbed_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every test gets its own default database and no proxy settings."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NEWSPRISM_DB", str(tmp_path / "default.db"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh SQLite file path for one test."""
    return tmp_path / "test.db"


@pytest.fixture(scope="session")
def lexical_scorer() -> Any:
    """The shipped pair scorer without the cross-encoder feature (loaded once)."""
    from newsprism.compare.scorer import PairScorer

    return PairScorer.load(semantic=False)
