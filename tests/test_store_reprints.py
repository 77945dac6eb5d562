"""A stored text printed by another publication (a wire reprint) is its own article, marked a copy."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from typer.testing import CliRunner
from web_server import live

from newsprism.analysis import analyze_stored
from newsprism.clean.reprints import other_publication, publication
from newsprism.cli import app
from newsprism.pipeline import ingest
from newsprism.store import Store
from newsprism.store.schema import MIGRATIONS
from newsprism.web import create_app

WIRE_TEXT = (
    "Dock workers in Lindqvist voted on Monday to end a nine-day strike, the union said.\n\n"
    '"We have a deal that protects every job," said union leader Marta Olsen.\n\n'
    "The port handles about 4,000 containers a day, according to the harbour authority.\n\n"
    "Shipping lines said the first vessels would berth on Tuesday morning."
)
OWN_TEXT = (
    "The Lindqvist dock strike is over after nine days, union leader Marta Olsen said on Monday.\n\n"
    '"Nobody loses a job under this deal," Olsen told the Harbour Gazette.\n\n'
    "Fishermen in the old harbour said they had lost two weeks of sales."
)


def record(outlet: str, url: str, body: str = WIRE_TEXT, title: str = "Lindqvist dockers end strike") -> dict:
    return {"outlet": outlet, "url": url, "title": title, "published": "2026-03-02", "body": body}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def test_reprints_publication_rule() -> None:
    wire = publication("https://wire.test/a", "Meridian Wire", "Dockers end strike")
    assert other_publication(
        wire, publication("https://gazette.test/b", "Meridian Wire", "Dockers end strike")
    )
    assert not other_publication(
        wire, publication("https://www.wire.test/amp/a", "Meridian Wire", "Strike over")
    )
    assert other_publication(wire, publication(None, "Harbour Gazette", None))
    # credited to the wire on both sides, no address: the headline tells them apart
    assert other_publication(publication(None, "Meridian Wire", "A"), publication(None, "Meridian Wire", "B"))
    # one outlet's site on any of its hosts is one publication; a malformed address is unknown
    assert not other_publication(wire, publication("https://amp.WIRE.test./a", "Meridian Wire", "X"))
    # an aggregator's site printing two outlets' stories holds two printings
    assert other_publication(
        wire, publication("https://news.wire.test/b", "Valley Tribune", "Dockers end strike")
    )
    assert publication("http://[gazette.test/b", "Harbour Gazette", None).site == ""
    # the same file read again with an edited headline is the same article
    same_file = publication(None, "Meridian Wire", "Dockers end strike", "/news/a.txt")
    assert not other_publication(same_file, publication(None, "Meridian Wire", "Strike over", "/news/a.txt"))
    assert other_publication(same_file, publication(None, "Meridian Wire", "Strike over", "/news/b.txt"))
    # nothing known on one side: the same article read again
    assert not other_publication(wire, publication(None, None, None))
    assert not other_publication(publication(None, None, "Dockers end strike"), wire)


def test_reprints_ingest_keeps_each_outlets_printing_once(tmp_path: Path, db_path: Path) -> None:
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            record("Meridian Wire", "https://wire.test/lindqvist"),
            record(
                "Harbour Gazette", "https://gazette.test/news/dockers", title="Strike over at Lindqvist docks"
            ),
            record("Meridian Wire", "https://www.wire.test/amp/lindqvist"),  # the wire's own page again
        ],
    )
    first = ingest([str(feed)], db_path, extract=False, group=False)
    assert len(first.ingested) == 2 and len(first.duplicates) == 1
    with Store.open(db_path) as store:
        rows = store.execute_read("SELECT id, outlet, body, reprint_of FROM articles ORDER BY seq")
    (wire_id, wire_outlet, wire_body, none), (copy_id, copy_outlet, copy_body, of) = rows
    assert (wire_outlet, copy_outlet) == ("Meridian Wire", "Harbour Gazette")
    assert copy_body == wire_body and copy_id != wire_id and none is None and of == wire_id
    assert first.duplicates == [wire_id]  # the wire's AMP page is the wire's article
    assert first.reprints == [(copy_id, wire_id)] and first.to_dict()["reprints"] == [
        {"reprint": copy_id, "of": wire_id}
    ]
    with Store.open(db_path) as store:
        assert (
            store.get_article(copy_id).reprint_of == wire_id and store.get_article(wire_id).reprint_of is None
        )
    shown = CliRunner().invoke(app, ["show", copy_id, "--db", str(db_path)], env={"COLUMNS": "200"})
    assert shown.exit_code == 0 and re.search(
        rf"^same text as +{wire_id} \(stored first", shown.output, re.MULTILINE
    )
    again = ingest([str(feed)], db_path, extract=False, group=False)  # idempotent, ids stable
    assert again.ingested == [] and again.duplicates == [wire_id, copy_id, wire_id]


def test_reprints_a_stored_storys_dossier_marks_the_copy(tmp_path: Path, db_path: Path) -> None:
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            record("Meridian Wire", "https://wire.test/lindqvist"),
            record(
                "Harbour Gazette", "https://gazette.test/dockers", body=OWN_TEXT, title="Dock strike over"
            ),
        ],
    )
    ingest([str(feed)], db_path)
    reprint = write_jsonl(
        tmp_path / "reprint.jsonl", [record("Valley Courier", "https://courier.test/strike")]
    )
    shown = CliRunner().invoke(app, ["ingest", str(reprint), "--db", str(db_path)], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert re.search(r"reprints \(same text, another publication\) +│ +1 ", shown.output)
    with Store.open(db_path) as store:
        stories = {a.story_id for a in store.list_articles()}
    assert len(stories) == 1
    report = analyze_stored(stories.pop(), db_path)
    assert sorted(a.outlet for a in report.articles) == ["Harbour Gazette", "Meridian Wire", "Valley Courier"]
    ids = {a.outlet: a.id for a in report.articles}
    copies = [(d.source, d.derived) for d in report.derivations if d.copy]
    assert copies == [(ids["Meridian Wire"], ids["Valley Courier"])]
    # the copy never counts as a second confirmation of the wire's facts
    members = [{a for a, _ in c.members} for c in report.clusters]
    wire_only = [
        c
        for c, m in zip(report.clusters, members, strict=True)
        if m == {ids["Meridian Wire"], ids["Valley Courier"]}
    ]
    assert wire_only and all(c.independent_sources == 1 for c in wire_only)


def test_reprints_migration_adds_the_column_to_an_older_store(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0].sql)
    conn.execute("INSERT INTO schema_migrations VALUES ('0001_initial', '2026-01-01')")
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO articles(id, fingerprint, body, source, ingested_at) VALUES ('abc', 'abcdef', 'Text.', 'a', 'now')"
    )
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert [tuple(r) for r in store.execute_read("SELECT id, reprint_of FROM articles")] == [
            ("abc", None)
        ]


def test_reprints_the_web_article_page_links_the_original(tmp_path: Path, db_path: Path) -> None:
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        [record("Meridian Wire", "https://wire.test/a"), record("Valley Courier", "https://courier.test/b")],
    )
    summary = ingest([str(feed)], db_path, extract=False, group=False)
    wire_id, copy_id = summary.ingested
    with live(create_app(db_path)) as running, running.client() as client:
        page = client.get(f"/articles/{copy_id}", headers={"accept": "text/html"}).text
        original = client.get(f"/articles/{wire_id}", headers={"accept": "text/html"}).text
        api = client.get(f"/api/articles/{copy_id}").json()
    assert (
        f'<dt>Same text as</dt><dd><a href="/articles/{wire_id}">Meridian Wire</a> <code>{wire_id}</code>'
        in page
    )
    assert "Same text as" not in original
    assert api["article"]["reprint_of"] == wire_id


def test_reprints_a_bad_address_or_an_edited_headline_is_no_reprint(tmp_path: Path, db_path: Path) -> None:
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        [record("Meridian Wire", "https://wire.test/a"), record("Harbour Gazette", "http://[gazette.test/b")],
    )
    summary = ingest([str(feed)], db_path, extract=False, group=False)
    assert summary.exit_code == 0 and len(summary.ingested) == 2 and len(summary.reprints) == 1
    story = tmp_path / "story.txt"
    story.write_text("Dockers end strike\n\n" + WIRE_TEXT, "utf-8")
    first = ingest([str(story)], db_path, extract=False, group=False)
    assert len(first.reprints) == 1  # the wire's text, saved as a file under another headline
    story.write_text("Strike over in Lindqvist\n\n" + WIRE_TEXT, "utf-8")  # only the headline edited
    again = ingest([str(story)], db_path, extract=False, group=False)
    assert again.reprints == [] and again.superseded == [] and again.duplicates == first.ingested


def test_reprints_of_a_since_edited_wire_say_so_in_the_dossier(tmp_path: Path, db_path: Path) -> None:
    wire, courier = (
        record("Meridian Wire", "https://wire.test/a"),
        record("Valley Courier", "https://courier.test/b"),
    )
    wire["published"], courier["published"] = "2026-03-02T08:00:00+00:00", "2026-03-02T10:00:00+00:00"
    ingest([str(write_jsonl(tmp_path / "v1.jsonl", [wire, courier]))], db_path)
    edited = WIRE_TEXT.replace("about 4,000 containers", "about 6,000 containers")  # the wire corrects itself
    correction = record("Meridian Wire", "https://wire.test/a", edited)
    correction["published"] = "2026-03-02T14:00:00+00:00"  # the edit's time, after the reprint's
    second = ingest([str(write_jsonl(tmp_path / "v2.jsonl", [correction]))], db_path)
    assert len(second.superseded) == 1
    with Store.open(db_path) as store:
        current = {a.outlet: a for a in store.list_articles()}
        assert store.edited_originals(current.values()) == {
            current["Valley Courier"].id: current["Meridian Wire"].id
        }
        story = current["Meridian Wire"].story_id
    assert story and current["Valley Courier"].story_id == story
    report = analyze_stored(story, db_path)
    note = "Valley Courier reprints an earlier version of Meridian Wire's article, which Meridian Wire has since edited."
    conflict = next(f for f in report.findings if f.kind == "number_conflict")
    assert conflict.explanation.endswith(note) and conflict.severity == "low"  # the edit, no distortion
    assert conflict.detail["earlier_versions"] == [
        {"reprint": current["Valley Courier"].id, "current": current["Meridian Wire"].id}
    ]
    # the reprint copies the wire's earlier version: the edited wire does not copy its reprint
    assert [(d.source, d.derived, d.copy) for d in report.derivations] == [
        (current["Meridian Wire"].id, current["Valley Courier"].id, True)
    ]
    with live(create_app(db_path)) as running, running.client(timeout=300) as client:
        findings = client.get(f"/api/stories/{story}").json()["findings"]
    assert any(f["kind"] == "number_conflict" and f["explanation"].endswith(note) for f in findings)
