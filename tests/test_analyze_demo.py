"""End to end on the bundled demo story: analyze() finds the planted misattribution; `newsprism demo` ends with the dossier.

Slow: the whole pipeline runs twice on four articles (the compare stage dominates).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.analysis import analyze
from newsprism.cli import app
from newsprism.demo import demo_sources
from newsprism.model import StoryReport

GLOBALPULSE = "04_globalpulse_daily.txt"


@pytest.fixture(scope="module")
def report() -> StoryReport:
    return analyze(demo_sources())


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "160"})


def _file(report: StoryReport, article_id: str) -> str:
    article = next(a for a in report.articles if a.id == article_id)
    return Path(article.source.split("#", 1)[0]).name


@pytest.mark.slow
def test_analyze_demo_finds_the_misattribution_with_both_passages(report: StoryReport) -> None:
    found = [f for f in report.findings if f.kind == "misattribution"]
    assert found, [f.kind for f in report.findings]
    steady = [f for f in found if any("trustworthy partner" in p.text for p in f.passages)]
    assert steady, [f.explanation for f in found]
    files = {_file(report, p.article_id) for p in steady[0].passages}
    assert GLOBALPULSE in files and len(files) == 2
    assert steady[0].severity == "high" and steady[0].explanation


@pytest.mark.slow
def test_analyze_demo_is_one_story(report: StoryReport) -> None:
    files = sorted(_file(report, a.id) for a in report.articles)
    assert len(files) == 4, f"the story grouper split the one demo story; analyze() kept only {files}"


@pytest.mark.slow
def test_analyze_demo_dossier_sections_are_filled(report: StoryReport) -> None:
    assert report.headline
    assert 3 <= len(report.summary) <= 5 and all(line.citations for line in report.summary)
    assert any(c.label == "Meridian Press" for line in report.summary for c in line.citations)
    assert {s.get("speaker") for s in report.speakers} >= {"Lena Ortiz", "Samuel Okafor", "Anton Keller"}
    assert any(d.copy for d in report.derivations)


@pytest.mark.slow
def test_analyze_cli_demo_ends_with_the_dossier(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    start = out.index("the story dossier")
    for section in ("Summary", "Timeline", "Who said what", "Facts x outlets", "Findings", "Derivations"):
        assert section in out[start:], section
    tail = out[out.rindex("Derivations") :]
    assert "copies" in tail or "rewrites" in tail
    assert "misattribution" in out[start:]
