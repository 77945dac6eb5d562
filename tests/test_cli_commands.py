"""The Typer commands, in-process: tables by default, JSON only with --json, exit codes 0/1/2."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.demo import demo_sources
from tests.conftest import DATA, need

REPORT = """Harbor Tribune

Port workers in Lindqvist voted on Monday to end a nine-day strike, the union said.

"We have a deal that protects every job," said union leader Marta Olsen.

Click here to subscribe to our newsletter.

The port authority said ships would start loading again within two days.
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "200"})


@pytest.fixture
def loaded(runner: CliRunner, db_path: Path) -> Path:
    result = runner.invoke(app, ["ingest", *demo_sources(), "--db", str(db_path), "--no-extract"])
    assert result.exit_code == 0, result.output
    return db_path


def _table_rows(stdout: str) -> dict[str, str]:
    """A two-column Rich table printed on stdout as {first cell: second cell}."""
    cells = [line.split("│") for line in stdout.splitlines() if line.count("│") == 3]
    return {row[1].strip(): row[2].strip() for row in cells}


def test_cli_commands_ingest_table_and_json(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    report = tmp_path / "strike.txt"
    report.write_text(REPORT, "utf-8")
    twin = tmp_path / "twin.txt"
    twin.write_text(REPORT, "utf-8")
    table = runner.invoke(app, ["ingest", str(report), str(twin), "--db", str(db_path), "--no-extract"])
    assert table.exit_code == 0, table.output
    rows = _table_rows(table.stdout)
    assert rows["ingested"] == "1" and rows["repeated within these inputs"] == "1"
    assert rows["already stored (same text)"] == "0" and rows["refused"] == "0"
    again = runner.invoke(app, ["ingest", str(report), "--db", str(db_path), "--no-extract"])
    rows = _table_rows(again.stdout)
    assert rows["ingested"] == "0" and rows["already stored (same text)"] == "1"
    again = runner.invoke(app, ["ingest", str(report), "--db", str(db_path), "--no-extract", "--json"])
    data = json.loads(again.stdout)
    assert again.exit_code == 0 and data["ingested"] == [] and len(data["duplicates"]) == 1


def test_cli_commands_exit_codes_and_refusal_lines(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(REPORT, "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = ["--db", str(db_path), "--no-extract"]
    some = runner.invoke(app, ["ingest", str(good), str(empty), *db])
    assert some.exit_code == 1
    refusal_lines = [line for line in some.stderr.splitlines() if line.startswith("refused")]
    assert len(refusal_lines) == 1 and "E001" in refusal_lines[0] and "empty.txt" in refusal_lines[0]
    assert "refused E" not in some.stdout  # refusals go to stderr, as with analyze and batch
    assert runner.invoke(app, ["ingest", str(empty), *db]).exit_code == 2
    capped = runner.invoke(app, ["ingest", str(good), "--max-bytes", "64", *db])
    assert capped.exit_code == 2 and "E003" in capped.stderr and "good.txt" in capped.stderr
    assert "hint E003: raise it with --max-bytes" in capped.stderr
    loopback = runner.invoke(app, ["ingest", "http://127.0.0.1:9/story", *db])
    assert loopback.exit_code == 2
    assert "refused E010 http://127.0.0.1:9/story: refused address 127.0.0.1 (loopback)" in loopback.stderr
    assert "hint E010: pass --allow-private" in loopback.stderr
    as_json = runner.invoke(app, ["ingest", str(empty), str(tmp_path / "nope.html"), *db, "--json"])
    assert as_json.exit_code == 2
    refused = json.loads(as_json.stdout)["refused"]
    assert [(r["code"], Path(r["source"]).name) for r in refused] == [
        ("E001", "empty.txt"),
        ("E007", "nope.html"),
    ]


def test_cli_commands_articles(runner: CliRunner, loaded: Path) -> None:
    listing = json.loads(runner.invoke(app, ["articles", "--db", str(loaded), "--json"]).stdout)
    assert len(listing) == 4 and all("body" not in a and a["body_chars"] > 100 for a in listing)
    herald = runner.invoke(app, ["articles", "--db", str(loaded), "--outlet", "northern herald", "--json"])
    assert [a["outlet"] for a in json.loads(herald.stdout)] == ["Northern Herald"]
    table = runner.invoke(app, ["articles", "--db", str(loaded), "--limit", "2"])
    assert table.exit_code == 0 and "2 of 4 articles" in table.stdout


def test_cli_commands_show(runner: CliRunner, loaded: Path) -> None:
    listing = json.loads(runner.invoke(app, ["articles", "--db", str(loaded), "--json"]).stdout)
    herald = next(a for a in listing if a["outlet"] == "Northern Herald")
    shown = json.loads(runner.invoke(app, ["show", herald["id"][:8], "--db", str(loaded), "--json"]).stdout)
    assert shown["article"]["id"] == herald["id"] and shown["superseded_by"] is None
    assert shown["article"]["removed"] and shown["extraction"] is None
    text = runner.invoke(app, ["show", herald["id"], "--db", str(loaded), "--removed"])
    assert text.exit_code == 0
    assert "Nadia Petrov" in text.stdout and "removed chrome" in text.stdout
    reasons = {r["reason"] for r in shown["article"]["removed"]}
    assert any(reason in text.stdout for reason in reasons)


def test_cli_commands_search(runner: CliRunner, loaded: Path) -> None:
    hits = json.loads(runner.invoke(app, ["search", "Keller", "--db", str(loaded), "--json"]).stdout)
    assert hits and hits[0]["rank"] == 1 and "[Keller]" in " ".join(h["snippet"] for h in hits)
    for nasty in ['"AND (', "*", "NEAR(", "-"]:
        result = runner.invoke(app, ["search", nasty, "--db", str(loaded), "--json"])
        assert result.exit_code == 0, result.output
        assert isinstance(json.loads(result.stdout), list)
    table = runner.invoke(app, ["search", "Keller", "--db", str(loaded)])
    assert table.exit_code == 0 and "Keller" in table.stdout


def test_cli_commands_demo_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demo", "--no-extract", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["articles"]) == 4 and data["db"] is None
    assert [Path(a["source"]).name.split("#")[0] for a in data["articles"]] == [
        Path(s).name for s in demo_sources()
    ]


def test_cli_commands_demo_keeps_db_when_asked(runner: CliRunner, db_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--no-extract", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "Northern Herald" in result.stdout and "chrome removed" in result.stdout
    listing = json.loads(runner.invoke(app, ["articles", "--db", str(db_path), "--json"]).stdout)
    assert len(listing) == 4


def test_cli_commands_show_superseded_version(runner: CliRunner, tmp_path: Path, db_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(REPORT, "utf-8")
    db = ["--db", str(db_path), "--no-extract", "--json"]
    old = json.loads(runner.invoke(app, ["ingest", str(story), *db]).stdout)["ingested"][0]
    story.write_text(REPORT.replace("two days", "three days"), "utf-8")
    edited = json.loads(runner.invoke(app, ["ingest", str(story), *db]).stdout)
    assert edited["ingested"] == [] and edited["superseded"][0]["old"] == old
    new = edited["superseded"][0]["new"]
    listing = json.loads(runner.invoke(app, ["articles", "--db", str(db_path), "--json"]).stdout)
    assert [a["id"] for a in listing] == [new]
    shown = runner.invoke(app, ["show", old, "--db", str(db_path)])
    assert shown.exit_code == 0 and f"a newer version is {new}" in shown.stdout
    as_json = json.loads(runner.invoke(app, ["show", new, "--db", str(db_path), "--json"]).stdout)
    assert as_json["supersedes"] == old and as_json["superseded_by"] is None


def test_cli_commands_untrusted_text_is_inert(runner: CliRunner, db_path: Path) -> None:
    from newsprism.model import Article
    from newsprism.store import Store

    hostile = Article(
        id="evil00000001",
        fingerprint="e" * 64,
        source="evil.txt",
        title="[bold red]Breaking[/bold red]",
        body="Text with \x1b[2J\x1b]0;owned\x07 escapes and \u202eoverride, hid\u200bden\ufeff.",
        outlet="[link=http://x.test]Outlet[/link]",
    )
    with Store.open(db_path) as store:
        store.add_articles([hostile])
    for args in (["show", "evil"], ["articles"], ["search", "escapes"]):
        out = runner.invoke(app, [*args, "--db", str(db_path)]).stdout
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    shown = runner.invoke(app, ["show", "evil", "--db", str(db_path)]).stdout
    assert "[bold red]Breaking[/bold red]" in shown  # printed literally, never as markup
    assert "hidden." in shown  # zero-width marks and BOMs are not shown either (as in the dossier)


def test_cli_commands_demo_refuses_json_with_serve(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demo", "--serve", "--json", "--port", "0"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "Invalid value for '--json': cannot be combined with --serve" in result.stderr
    helped = runner.invoke(app, ["demo", "--help"])
    assert "Then open" not in helped.stdout and "serve the demo story in the web UI" in helped.stdout


def test_cli_commands_show_merges_repeated_date_evidence(
    runner: CliRunner, tmp_path: Path, db_path: Path
) -> None:
    report = tmp_path / "vote.txt"
    report.write_text(
        "Harbor Tribune\n\nPort workers will vote on Tuesday to end a strike, the union said.\n\n"
        "The union said on Tuesday that talks would resume tomorrow.\n\nManagers said tomorrow would decide it.\n",
        "utf-8",
    )
    assert runner.invoke(app, ["ingest", str(report), "--db", str(db_path), "--no-extract"]).exit_code == 0
    listing = json.loads(runner.invoke(app, ["articles", "--db", str(db_path), "--json"]).stdout)
    article = json.loads(
        runner.invoke(app, ["show", listing[0]["id"], "--db", str(db_path), "--json"]).stdout
    )
    evidence = article["article"]["published"]["evidence"]
    assert len(evidence) > len(set(evidence))  # the JSON keeps every occurrence
    text = runner.invoke(app, ["show", listing[0]["id"], "--db", str(db_path)]).stdout
    for item in set(evidence):
        n = evidence.count(item)
        assert text.count(item) == 1 and (f"{item} ×{n}" in text) == (n > 1)


def test_cli_commands_stories_strip_terminal_escapes(runner: CliRunner, db_path: Path) -> None:
    from newsprism.model import Article
    from newsprism.store import Store

    outlet = "Daily\x1b]0;PWNED\x1b\\\x1b[2J"
    hostile = Article(
        id="evil00000002",
        fingerprint="f" * 64,
        source="evil.txt",
        title="Port strike \x1b[31mends\x1b[0m in Lindqvist",
        body=REPORT,
        outlet=outlet,
    )
    with Store.open(db_path) as store:
        store.add_articles([hostile])
    regrouped = runner.invoke(app, ["regroup", "--db", str(db_path)])
    assert regrouped.exit_code == 0, regrouped.output
    assert "regrouped 1 article into 1 story:" in regrouped.stdout  # not "1 articles into 1 stories"
    listed = runner.invoke(app, ["stories", "--db", str(db_path)])
    assert listed.exit_code == 0, listed.output
    assert "\x1b" not in listed.stdout and "\x07" not in listed.stdout
    assert "Daily]0;PWNED\\[2J" in listed.stdout  # shown, with its control characters removed
    assert json.loads(runner.invoke(app, ["stories", "--db", str(db_path), "--json"]).stdout)[0][
        "outlets"
    ] == [outlet]  # JSON keeps the stored value
    searched = runner.invoke(app, ["search", "\x1b[2Jstrike", "--db", str(db_path)])
    assert (
        searched.exit_code == 0 and "\x1b" not in searched.stdout and "search: [2Jstrike" in searched.stdout
    )
    missing = runner.invoke(app, ["show", "\x1b[2Jnope", "--db", str(db_path)])
    assert missing.exit_code == 2 and "\x1b" not in missing.stderr and "[2Jnope" in missing.stderr


def test_cli_commands_articles_dates_are_normalised(runner: CliRunner, loaded: Path) -> None:
    def ids(*args: str) -> list[str]:
        result = runner.invoke(app, ["articles", "--db", str(loaded), "--json", *args])
        assert result.exit_code == 0, result.output
        return [a["id"] for a in json.loads(result.stdout)]

    every = ids()
    assert len(every) == 4  # three published 2025-06-10, one 2025-06-12
    assert ids("--since", "2025-6-1") == ids("--since", "2025-06-01") == every
    assert len(ids("--until", "2025-6-11")) == 3 and len(ids("--since", "2025-06-11T08:00")) == 1
    assert ids("--since", "2025-06") == ids("--until", "2025") == every  # as the web API takes them


def test_cli_commands_articles_date_range_says_what_it_leaves_out(
    runner: CliRunner, loaded: Path, tmp_path: Path
) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text(
        "Harbour workers end strike\n\nThe harbour workers of Soria went back to work.", "utf-8"
    )
    assert runner.invoke(app, ["ingest", str(undated), "--db", str(loaded), "--no-extract"]).exit_code == 0
    shown = runner.invoke(app, ["articles", "--db", str(loaded), "--since", "2025-06-11"])
    assert shown.exit_code == 0, shown.output
    assert "1 of 1 articles in the date range" in shown.stdout
    assert "1 undated article is in no date range" in shown.stdout
    plain = runner.invoke(app, ["articles", "--db", str(loaded)])
    assert "5 of 5 articles" in plain.stdout and "undated" not in plain.stdout
    reversed_range = runner.invoke(
        app, ["articles", "--db", str(loaded), "--since", "2025-07", "--until", "2025-6"]
    )
    assert reversed_range.exit_code == 2 and reversed_range.stdout == ""
    assert reversed_range.stderr.splitlines() == [
        "error E024: --since 2025-07 --until 2025-06: reversed date range (since 2025-07 is after until "
        "2025-06: no date is in that range)",
        "hint: swap the two dates",
    ]
    # instants compare as instants: 12:00+02:00 is 10:00 UTC, before 11:00 UTC
    zoned = ["--since", "2025-06-10T12:00+02:00", "--until", "2025-06-10T11:00Z"]
    assert runner.invoke(app, ["articles", "--db", str(loaded), *zoned]).exit_code == 0
    # a range within one period is no reversed range: June 11 to the end of June
    assert (
        runner.invoke(
            app, ["articles", "--db", str(loaded), "--since", "2025-06-11", "--until", "2025-06"]
        ).exit_code
        == 0
    )


@pytest.mark.parametrize(
    ("args", "detail"),
    [
        (["--since", "yesterday"], "--since yesterday: malformed date (not an ISO date)"),
        (["--since", "2025-13-45"], "--since 2025-13-45: malformed date (month must be in 1..12)"),
        (["--until", "2025-02-30"], "--until 2025-02-30: malformed date (day is out of range for month)"),
    ],
)
def test_cli_commands_articles_bad_date_is_an_error(
    runner: CliRunner, loaded: Path, args: list[str], detail: str
) -> None:
    result = runner.invoke(app, ["articles", "--db", str(loaded), *args])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"error E005: {detail}",
        f"hint: give {args[0]} as YYYY-MM-DD, YYYY-MM or YYYY, optionally with a time (2025-06-01T14:30)",
    ]


def test_cli_commands_piped_tables_keep_words_and_figures(runner: CliRunner) -> None:
    piped = CliRunner(env={"COLUMNS": None})  # not a terminal, no $COLUMNS: Rich alone would take 80
    demo = piped.invoke(app, ["demo", "--no-extract"])
    assert demo.exit_code == 0, demo.output
    for source in demo_sources():
        assert Path(source).name in demo.stdout  # file names are never split mid-word
    attributions = need(DATA / "polnear" / "polnear_attributions.jsonl")
    args = ["eval", "quotes", str(attributions), "--split", "dev", "--limit", "3"]
    scored = piped.invoke(app, args)
    assert scored.exit_code == 0, scored.output
    rows = [line for line in scored.stdout.splitlines() if line.startswith("│")]
    assert len(rows) == 4 and "…" not in scored.stdout
    for row in rows:
        cells = [c.strip() for c in row.strip("│").split("│")]
        assert all(re.fullmatch(r"\d\.\d{3}", c) for c in cells[4:]), row
    assert "content F1" in scored.stdout and "speaker F1" in scored.stdout  # headers whole too


def test_cli_commands_batch_summary_is_readable(runner: CliRunner, tmp_path: Path) -> None:
    shard = tmp_path / "shard.jsonl"
    records = [{"id": f"r{i}", "title": f"Strike vote {i}", "text": REPORT} for i in range(2)]
    shard.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    result = runner.invoke(
        app, ["batch", str(shard), "-o", str(tmp_path / "out"), "--no-extract", "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    timing = next(line for line in result.stdout.splitlines() if line.startswith("time: "))
    assert re.fullmatch(r"time: shards \d+\.\d s, reduce \d+\.\d s, load \d+\.\d s, total \d+\.\d s", timing)
    assert "{" not in result.stdout and "seconds" not in result.stdout


def _sigint_delivered() -> None:
    """In the child: SIGINT neither ignored (a test run started in a shell's background ignores it)
    nor blocked, as in a terminal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def test_cli_commands_ingest_interrupted_says_so(tmp_path: Path, db_path: Path) -> None:
    report = tmp_path / "strike.txt"
    report.write_text(REPORT, "utf-8")
    script = Path(sys.executable).parent / "newsprism"
    if not script.is_file():
        pytest.skip("the newsprism console script is not installed (pip install -e .)")
    first = subprocess.run(
        [str(script), "ingest", str(report), "--db", str(db_path), "--no-extract"], capture_output=True
    )
    assert first.returncode == 0, first.stderr
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists()  # the store is closed
    # reading '-' waits on a stdin that never ends: Ctrl-C comes in the middle of the ingest
    process = subprocess.Popen(
        [str(script), "ingest", "-", "--db", str(db_path), "--no-extract"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_sigint_delivered,
    )
    try:
        deadline = time.monotonic() + 60
        while not wal.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # the ingest has opened the store
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130 and out == b"", err.decode(errors="replace")[-2000:]
    assert "newsprism ingest: interrupted; articles stored so far are kept" in err.decode().splitlines()
    assert b"Traceback" not in err
    listing = CliRunner().invoke(app, ["articles", "--db", str(db_path), "--json"])
    assert len(json.loads(listing.stdout)) == 1
