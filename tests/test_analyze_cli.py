"""`newsprism analyze` and `newsprism story` on two short articles: formats, --output, refusals, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.analysis import analyze
from newsprism.cli import app
from newsprism.model import StoryReport, from_dict
from newsprism.report.jsonout import render_json
from newsprism.store import Store

FIRST = """Port workers in Lindqvist voted on Monday to end a nine-day strike, the union said.

"We have a deal that protects every job and every pension," said union leader Marta Olsen.

The port authority said ships would start loading again within two days.

About 1,200 workers took part in the vote.
"""

SECOND = """Dock workers in Lindqvist ended their nine-day strike on Monday after a vote, the union said.

"We have a deal that protects every job and every pension," said port director Erik Lund.

Ships will start loading again within two days, according to the port authority.

About 1,200 workers took part in the vote.
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "160"})


@pytest.fixture
def coverage(tmp_path: Path) -> Path:
    folder = tmp_path / "strike"
    folder.mkdir()
    records = [
        {"outlet": "Harbor Tribune", "title": "Port strike ends", "published": "2025-03-03", "body": FIRST},
        {"outlet": "Coastal Daily", "title": "Dock strike over", "published": "2025-03-04", "body": SECOND},
    ]
    (folder / "strike.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", "utf-8")
    return folder


def test_analyze_cli_json_is_the_report_and_nothing_else(runner: CliRunner, coverage: Path) -> None:
    result = runner.invoke(app, ["analyze", str(coverage), "--format", "json", "--one-story"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    report = from_dict(StoryReport, json.loads(result.stdout))
    assert {a.outlet for a in report.articles} == {"Harbor Tribune", "Coastal Daily"}
    misattributed = [f for f in report.findings if f.kind == "misattribution"]
    assert misattributed and {p.outlet for p in misattributed[0].passages} == {
        "Harbor Tribune",
        "Coastal Daily",
    }
    assert result.stdout == render_json(analyze([str(coverage)], split=False))  # same input, same bytes


def test_analyze_cli_html_to_file_with_refusals_on_stderr(
    runner: CliRunner, coverage: Path, tmp_path: Path
) -> None:
    (coverage / "empty.txt").write_bytes(b"")
    out = tmp_path / "dossier.html"
    result = runner.invoke(app, ["analyze", str(coverage), "-f", "html", "-o", str(out), "--one-story"])
    assert result.exit_code == 1  # one input refused, the rest analysed
    assert result.stdout == ""
    assert (
        "refused E001" in result.stderr and "empty.txt" in result.stderr and f"wrote {out}" in result.stderr
    )
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "Coastal Daily" in page
    assert "http://" not in page and "https://" not in page


def test_analyze_cli_names_an_input_read_once_as_a_repeat(runner: CliRunner, coverage: Path) -> None:
    lines = (coverage / "strike.jsonl").read_text("utf-8")
    (coverage / "again.jsonl").write_text(
        lines.splitlines()[0] + "\n", "utf-8"
    )  # the Tribune's record again (read first: a folder is read in name order)
    result = runner.invoke(app, ["analyze", str(coverage), "--format", "json", "--one-story"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["articles"]) == 2
    assert re.search(
        r"read once \S*strike\.jsonl#1: the same article as \S*again\.jsonl#1 \(\w{12}\)", result.stderr
    )
    twice = str(coverage / "again.jsonl")
    result = runner.invoke(
        app, ["analyze", twice, twice, str(coverage / "strike.jsonl"), "-f", "json", "--one-story"]
    )
    assert re.search(r"read once \S*again\.jsonl#1: given more than once\n", result.stderr), result.stderr


def test_analyze_cli_text_and_markdown_sections(runner: CliRunner, coverage: Path) -> None:
    text = runner.invoke(app, ["analyze", str(coverage / "strike.jsonl")])
    assert text.exit_code == 0, text.output
    for section in ("Summary", "Timeline", "Who said what", "Facts x outlets", "Findings", "Derivations"):
        assert section in text.stdout
    assert "Marta Olsen" in text.stdout
    md = runner.invoke(app, ["analyze", str(coverage), "--format", "md", "--one-story"])
    assert (
        md.stdout.startswith("# ") and "| speaker | affiliation | quotes | outlets | conflicts |" in md.stdout
    )


def test_analyze_cli_story_too_far(runner: CliRunner, coverage: Path) -> None:
    result = runner.invoke(app, ["analyze", str(coverage), "--story", "9", "--one-story"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error E052: --story 9: only 1 story found in the sources\n")


def test_analyze_cli_story_from_the_store(runner: CliRunner, coverage: Path, db_path: Path) -> None:
    ingested = runner.invoke(app, ["ingest", str(coverage), "--db", str(db_path)])
    assert ingested.exit_code == 0, ingested.output
    result = runner.invoke(app, ["story", "all", "--db", str(db_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    stored = from_dict(StoryReport, json.loads(result.stdout))
    fresh = analyze([str(coverage)], split=False)
    assert sorted(a.id for a in stored.articles) == sorted(a.id for a in fresh.articles)
    assert sorted(f.kind for f in stored.findings) == sorted(f.kind for f in fresh.findings)
    with Store.open(db_path, readonly=True) as store:
        stories = store.list_stories()
    if stories:  # the ingest grouped the articles: the story's own id gives its dossier
        biggest = max(stories, key=lambda st: (len(st.article_ids), st.id))
        by_id = runner.invoke(app, ["story", biggest.id, "--db", str(db_path), "--format", "json"])
        assert by_id.exit_code == 0, by_id.output
        data = json.loads(by_id.stdout)
        assert data["story_id"] == biggest.id
        assert sorted(a["id"] for a in data["articles"]) == sorted(biggest.article_ids)


EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "examples"


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="shared examples not present")
def test_analyze_cli_collapses_low_single_outlet_findings(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["analyze", str(EXAMPLES), "--format", "json"]).stdout)
    low = [f for f in data["findings"] if f["severity"] == "low" and f["kind"] == "unsupported"]
    assert len(low) >= 10 and len(data["findings"]) > len(low)  # JSON keeps every finding
    outlets = {a["id"]: a["outlet"] or Path(a["source"]).stem for a in data["articles"]}
    counts: dict[str, int] = {}
    for f in low:
        label = outlets[f["passages"][0]["article_id"]]
        counts[label] = counts.get(label, 0) + 1
    line = (
        f"{len(low)} more sentences are reported by one independent source only (low severity): "
        + ", ".join(f"{name} {n}" for name, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    )
    hidden = low[0]["passages"][0]["text"][:40]
    for fmt in ("text", "md", "html"):
        short = runner.invoke(app, ["analyze", str(EXAMPLES), "--format", fmt])
        assert short.exit_code == 0, short.output
        flat = " ".join(short.stdout.split()).replace("\\_", "_")
        assert line in flat and "--all-findings" in flat, fmt
        assert " ".join(hidden.split()) not in flat.replace("\\", ""), fmt
        full = runner.invoke(app, ["analyze", str(EXAMPLES), "--format", fmt, "--all-findings"])
        flat = " ".join(full.stdout.split()).replace("\\", "")
        assert "reported by one independent source only" not in flat, fmt
        assert " ".join(hidden.split()) in flat and "unattributed, factual" in flat, fmt
        last = f"| {len(data['findings'])} | low |" if fmt == "md" else f"{len(data['findings'])}. "
        assert last in flat, fmt
