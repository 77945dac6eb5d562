"""The bundled demo story: its files, and ingesting it to show what newsprism finds."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.model import Article, Extraction, StoryReport
from newsprism.pipeline import IngestSummary, Progress, ingest
from newsprism.store import Store

DEMO_DIR = Path(__file__).resolve().parent / "data" / "demo"
MANIFEST = DEMO_DIR.parent / "demo_manifest.json"  # beside the story, so `analyze DIR` reads articles only


@dataclass(slots=True)
class DemoResult:
    """What ingesting the demo story found: its articles (in file order) and their extractions."""

    summary: IngestSummary
    articles: list[Article] = field(default_factory=list)
    extractions: dict[str, Extraction | None] = field(default_factory=dict)
    story: str | None = None
    db: str | None = None  # None when a temporary database was used
    report: StoryReport | None = None  # the story dossier (None without extraction or compare stage)


def demo_sources() -> list[str]:
    """The demo story's article files (sorted; hidden files excluded)."""
    return sorted(str(p) for p in DEMO_DIR.iterdir() if p.is_file() and not p.name.startswith("."))


def demo_manifest() -> dict[str, object]:
    """The demo's manifest (story line, per-file roles, planted findings), or {} when absent."""
    return json.loads(MANIFEST.read_text("utf-8")) if MANIFEST.is_file() else {}


def run_demo(
    db: Path | None = None, *, extract: bool = True, progress: Progress | None = None, compare: bool = False
) -> DemoResult:
    """Ingest the demo story into ``db`` (a fresh temporary database when None) and read back what was found.

    With ``compare`` (and extraction), ``result.report`` is the story dossier of the demo articles.
    """
    if db is not None:
        result = _collect(ingest(demo_sources(), db, extract=extract, progress=progress), db, keep=True)
    else:
        with tempfile.TemporaryDirectory(prefix="newsprism-demo-") as tmp:
            path = Path(tmp) / "demo.db"
            result = _collect(
                ingest(demo_sources(), path, extract=extract, progress=progress), path, keep=False
            )
    if compare and extract:
        result.report = demo_report(result)
    return result


def demo_report(result: DemoResult) -> StoryReport | None:
    """The dossier of the demo's extracted articles (None when the compare stage is not installed)."""
    from newsprism.analysis import compare_articles, compare_available

    pairs = [(a, x) for a in result.articles if (x := result.extractions.get(a.id)) is not None]
    if len(pairs) < 2 or not compare_available():
        if len(pairs) >= 2:
            result.summary.warnings.append("dossier skipped: the compare stage is not installed")
        return None
    report = compare_articles([a for a, _ in pairs], [x for _, x in pairs])
    if result.story and not report.story_id:
        report.story_id = "demo"
    return report


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
