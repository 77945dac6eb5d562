"""The bundled demo story: its files, and ingesting it to show what newsprism finds."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.model import Article, Extraction
from newsprism.pipeline import IngestSummary, Progress, ingest
from newsprism.store import Store

DEMO_DIR = Path(__file__).resolve().parent / "data" / "demo"
MANIFEST = "manifest.json"


@dataclass(slots=True)
class DemoResult:
    """What ingesting the demo story found: its articles (in file order) and their extractions."""

    summary: IngestSummary
    articles: list[Article] = field(default_factory=list)
    extractions: dict[str, Extraction | None] = field(default_factory=dict)
    story: str | None = None
    db: str | None = None  # None when a temporary database was used


def demo_sources() -> list[str]:
    """The demo story's article files (sorted; the manifest and hidden files excluded)."""
    return sorted(
        str(p)
        for p in DEMO_DIR.iterdir()
        if p.is_file() and p.name != MANIFEST and not p.name.startswith(".")
    )


def demo_manifest() -> dict[str, object]:
    """The demo's manifest.json (story line and per-file roles), or {} when absent."""
    path = DEMO_DIR / MANIFEST
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


def run_demo(db: Path | None = None, *, extract: bool = True, progress: Progress | None = None) -> DemoResult:
    """Ingest the demo story into ``db`` (a fresh temporary database when None) and read back what was found."""
    if db is not None:
        return _collect(ingest(demo_sources(), db, extract=extract, progress=progress), db, keep=True)
    with tempfile.TemporaryDirectory(prefix="newsprism-demo-") as tmp:
        path = Path(tmp) / "demo.db"
        return _collect(ingest(demo_sources(), path, extract=extract, progress=progress), path, keep=False)


def _collect(summary: IngestSummary, db: Path, *, keep: bool) -> DemoResult:
    order = {source: i for i, source in enumerate(demo_sources())}
    ids = [*summary.ingested, *(new for _, new in summary.superseded), *summary.duplicates]
    story = demo_manifest().get("story")
    result = DemoResult(summary, story=str(story) if story else None, db=str(db) if keep else None)
    with Store.open(db, readonly=True) as store:
        articles = [store.get_article(i) for i in dict.fromkeys(ids)]
        result.articles = sorted(
            articles, key=lambda a: (order.get(_file_of(a.source), len(order)), a.source, a.id)
        )
        result.extractions = {a.id: store.get_extraction(a.id) for a in result.articles}
    return result


def _file_of(source: str) -> str:
    """The file a source names: records of one file are ``path#n``."""
    return source.split("#", 1)[0]
