"""Ingest assigns near-duplicates and stories, reports flagged articles, and regroup re-clusters."""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

import pytest
from test_group_stories import BRIDGE
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.errors import NotFoundError, StoreError
from newsprism.group.assign import group_pending, regroup
from newsprism.pipeline import ingest
from newsprism.store import Store

EVENTS = {
    "quake": (
        "2024-03-04",
        "A magnitude 6.8 earthquake struck Valoria province, collapsing buildings in the port city of "
        "Serrano. Rescue teams pulled survivors from the rubble as aftershocks shook the coast. Governor "
        "Elena Brask said hospitals in Serrano were overwhelmed and asked the army for tents and water.",
    ),
    "rates": (
        "2024-03-05",
        "The Meridian Reserve Bank raised its benchmark interest rate by half a point to 5.5 percent, "
        "citing stubborn inflation in rents and energy. Governor Tomas Ekland told reporters the bank "
        "would keep borrowing costs high until prices cool, and bond yields climbed after the decision.",
    ),
    "strike": (
        "2024-03-06",
        "Dock workers at the Harlow container terminal walked off the job over pay, halting cargo ships "
        "and stranding freight. The Harlow port union leader Maria Quist said the strike would continue "
        "until the terminal operator doubled its wage offer; shipping lines diverted vessels to Calder.",
    ),
}
OPENERS = ("", "Officials confirmed the news on {day}. ", "Reports emerged early on {day}. ", "On {day}: ")
OUTLETS = ("Meridian Press", "Valley Courier", "Northern Herald", "Global Pulse")


def records() -> list[dict[str, Any]]:
    """Four outlets' versions of three made-up events, a wire copy, an undated and an empty article."""
    out = []
    for name, (day, text) in EVENTS.items():
        sentences = text.split(". ")
        for i, outlet in enumerate(OUTLETS):
            body = OPENERS[i].format(day=day) + ". ".join(sentences[i % 2 :] + sentences[: i % 2])
            out.append({"title": f"{name} report {i}", "body": body, "published": day, "outlet": outlet})
    wire = dict(out[0], outlet="Wire Copy", title="quake report wire", body=out[0]["body"] + " More follows.")
    out.append(wire)
    out.append(
        {"title": "undated", "body": EVENTS["rates"][1] + " Analysts agreed.", "outlet": "Undated Daily"}
    )
    out.append({"title": "tiny", "body": "Read more.", "published": "2024-03-05", "outlet": "Stub"})
    return out


DRAWS = (  # two lottery draws told in the same words: only their numbers tell them apart
    ("2024-03-04", "Monday", "07 14 23 31 42", "07, 14, 23, 31 and 42", "8.4"),
    ("2024-03-05", "Tuesday", "05 11 19 36 44", "05, 11, 19, 36 and 44", "2.7"),
)


def number_records() -> list[dict[str, Any]]:
    """Two articles on each of two lottery draws that share every word but their numbers."""
    out = []
    for day, weekday, numbers, listed, jackpot in DRAWS:
        out.append(
            {
                "title": "Lottery draw",
                "body": f"The Valoria state lottery drew the winning numbers {numbers} on {weekday} night. The "
                f"jackpot of {jackpot} million crowns went to a single ticket sold in Serrano, the lottery "
                "board said.",
                "published": day,
                "outlet": "Meridian Press",
            }
        )
        out.append(
            {
                "title": "Jackpot won",
                "body": f"A single ticket sold in Serrano won the {jackpot} million crown jackpot. The numbers "
                f"drawn by the Valoria state lottery on {weekday} were {listed}, according to the lottery "
                "board.",
                "published": day,
                "outlet": "Valley Courier",
            }
        )
    return out


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    return path


def partition(mapping: dict[str, str | None]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for aid, sid in mapping.items():
        if sid is not None:
            groups.setdefault(sid, set()).add(aid)
    return {frozenset(g) for g in groups.values()}


def test_pipeline_stories_ingest_assigns_and_reports(tmp_path: Path, db_path: Path) -> None:
    rows = records()
    summary = ingest([str(write_jsonl(tmp_path / "a.jsonl", rows))], db_path, extract=False)
    assert summary.grouping is not None and len(summary.grouping.assignments) == len(rows)
    data = summary.to_dict()["stories"]
    flagged = {f["flags"][0] for f in data["flagged"]}
    assert flagged == {"no_text", "no_date"}
    assert any("no usable text" in w for w in summary.warnings)
    assert any("undated" in w for w in summary.warnings)
    with Store.open(db_path) as store:
        by_title = {a.title: a for a in store.list_articles(100)}
        stories = store.list_stories(100)
        assert by_title["tiny"].story_id is None and store.story_flags(by_title["tiny"].id) == ["no_text"]
        for name in EVENTS:  # each event's four outlets land in one story
            sids = {by_title[f"{name} report {i}"].story_id for i in range(4)}
            assert len(sids) == 1 and None not in sids
        quake = store.get_story(by_title["quake report 0"].story_id or "")
        assert set(quake.outlets) >= set(OUTLETS) and len(quake.article_ids) == 5
        assert {a.id for a in store.story_articles(quake.id)} == set(quake.article_ids)
        links = store.duplicates_of(by_title["quake report wire"].id)
        assert [(x.a, x.b) for x in links] == [
            (by_title["quake report 0"].id, by_title["quake report wire"].id)
        ]
        assert links[0].jaccard >= 0.8
        assert len({s.id for s in stories}) == len(stories) == 3
        # the undated copy of the rates report has no date to compare: it joins its event anyway
        assert by_title["undated"].story_id == by_title["rates report 0"].story_id


def test_pipeline_stories_state_persists_across_ingests(tmp_path: Path, db_path: Path) -> None:
    rows = records()
    ingest([str(write_jsonl(tmp_path / "a.jsonl", rows[:6]))], db_path, extract=False)
    again = ingest([str(write_jsonl(tmp_path / "a.jsonl", rows[:6]))], db_path, extract=False)
    assert again.grouping is not None and again.grouping.assignments == []  # nothing grouped twice
    later = ingest([str(write_jsonl(tmp_path / "b.jsonl", rows[6:12]))], db_path, extract=False)
    assert later.grouping is not None and len(later.grouping.assignments) == 6
    with Store.open(db_path) as store:
        by_title = {a.title: a.story_id for a in store.list_articles(100)}
    # rates report 2 and 3 came in the second ingest and joined the story started in the first
    assert by_title["rates report 3"] == by_title["rates report 0"]


def test_pipeline_stories_ungrouped_articles_are_picked_up(tmp_path: Path, db_path: Path) -> None:
    """Articles stored without grouping (as after a crash before the group commit) are grouped next."""
    rows = records()[:8]
    first = ingest([str(write_jsonl(tmp_path / "a.jsonl", rows))], db_path, extract=False, group=False)
    assert first.grouping is None
    with Store.open(db_path) as store:
        assert len(store.ungrouped_ids()) == 8
        report = group_pending(store, chunk=3)
        assert len(report.assignments) == 8 and store.ungrouped_ids() == []
        assert len(partition(store.story_assignments())) == 2


def test_pipeline_stories_cli_regroup_and_listing(tmp_path: Path, db_path: Path) -> None:
    ingest([str(write_jsonl(tmp_path / "a.jsonl", records()))], db_path, extract=False)
    with Store.open(db_path) as store:
        before = store.story_assignments()
    runner = CliRunner()
    result = runner.invoke(app, ["regroup", "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    with Store.open(db_path) as store:
        after = store.story_assignments()
        assert store.ungrouped_ids() == []
    assert report["articles"] == len(before) and report["changed"] == sum(
        before[k] != after[k] for k in before
    )
    assert partition(after) == partition(before)  # same stories, and the ids were kept
    listed = runner.invoke(app, ["stories", "--db", str(db_path), "--json", "--limit", "2"])
    assert listed.exit_code == 0, listed.output
    items = json.loads(listed.stdout)
    assert len(items) == 2 and all(i["articles"] == len(i["article_ids"]) >= 1 for i in items)
    text = runner.invoke(app, ["stories", "--db", str(db_path)])
    assert text.exit_code == 0 and "stories" in text.stdout


def test_pipeline_stories_commits_write_changed_stories_and_save_state_geometrically(
    tmp_path: Path, db_path: Path
) -> None:
    rows = records() + number_records()
    ingest([str(write_jsonl(tmp_path / "a.jsonl", rows))], db_path, extract=False, group=False)
    with Store.open(db_path) as store:
        report = group_pending(store, chunk=1)
        assert len(report.assignments) == len(rows) and store.ungrouped_ids() == []
        # one article read per step, but the state is saved less and less often as it grows
        assert 1 < report.commits < len(rows) - 5
        stored = {s.id: s for s in store.list_stories(100)}
        _, clusterer = store.load_group_state()
    assert clusterer is not None and clusterer.article_count == len(rows) - 1  # all but the no_text one
    final = clusterer.stories()
    # only the stories changed since the previous commit were written, yet the rows are all current
    assert len(final) <= report.stories_written < len(final) * report.commits
    assert set(stored) == {s.id for s in final}
    for story in final:
        got = stored[story.id]
        assert (got.label, got.key_entities, got.key_phrase, got.outlets) == (
            story.label,
            story.key_entities,
            story.key_phrase,
            story.outlets,
        )
        assert (got.first_seen, got.last_seen, set(got.article_ids)) == (
            story.first_seen,
            story.last_seen,
            set(story.article_ids),
        )


def test_pipeline_stories_a_merge_moves_the_stored_articles_of_the_smaller_story(
    tmp_path: Path, db_path: Path
) -> None:
    rows = [{"body": body, "published": "2024-03-04", "outlet": OUTLETS[i]} for i, body in enumerate(BRIDGE)]
    ingest([str(write_jsonl(tmp_path / "a.jsonl", rows[:2]))], db_path, extract=False)
    with Store.open(db_path) as store:
        first = store.story_assignments()
        assert len(set(first.values())) == 2 and store.count_stories() == 2
    later = ingest([str(write_jsonl(tmp_path / "b.jsonl", rows[2:]))], db_path, extract=False)
    with Store.open(db_path) as store:
        after = store.story_assignments()
        (story,) = store.list_stories(10)
        assert set(after.values()) == {story.id} and set(story.article_ids) == set(after)
        assert store.count_stories() == 1 and store.ungrouped_ids() == []
        gone = (set(first.values()) - {story.id}).pop()  # the merged-away story is no longer shown
        with pytest.raises(NotFoundError):
            store.get_story(gone)
    assert later.grouping is not None and [a.story_id for a in later.grouping.assignments] == [story.id]


def test_pipeline_stories_regroup_rebuilds_an_unreadable_state(tmp_path: Path, db_path: Path) -> None:
    ingest([str(write_jsonl(tmp_path / "a.jsonl", records()))], db_path, extract=False)
    with Store.open(db_path) as store:
        before = store.story_assignments()
        _write_state(store, {"version": 1})  # a state saved by an older newsprism
        with pytest.raises(StoreError):
            store.load_group_state()
        report = regroup(store)
        assert report.articles == len(before) and store.load_group_state()[1] is not None
        assert partition(store.story_assignments()) == partition(before)


def _write_state(store: Store, state: dict[str, Any]) -> None:
    """Overwrite the saved story state with ``state`` (compressed JSON, as the store keeps it)."""
    with store.transaction():
        store.connection.execute(
            "UPDATE group_state SET blob = ? WHERE name = 'stories'",
            (zlib.compress(json.dumps(state).encode("utf-8")),),
        )


def _store_state_version(db_path: Path, version: int) -> None:
    """Make the saved story state look written by a newsprism whose state version was ``version``."""
    with Store.open(db_path) as store:
        (blob,) = store.execute_read("SELECT blob FROM group_state WHERE name = 'stories'")[0]
        _write_state(store, {**json.loads(zlib.decompress(blob)), "version": version})
        with pytest.raises(StoreError):
            store.load_group_state()


def test_pipeline_stories_ingest_rebuilds_a_state_of_another_version(tmp_path: Path, db_path: Path) -> None:
    rows = records()
    late = rows.pop(1)  # a quake report that arrives after the upgrade
    ingest([str(write_jsonl(tmp_path / "a.jsonl", rows))], db_path, extract=False)
    with Store.open(db_path) as store:
        before = store.story_assignments()
        stories_before = store.count_stories()
    _store_state_version(db_path, 3)
    result = CliRunner().invoke(
        app, ["ingest", str(write_jsonl(tmp_path / "b.jsonl", [late])), "--db", str(db_path), "--no-extract"]
    )
    assert result.exit_code == 0, result.output
    notices = [line for line in result.output.splitlines() if "rebuilt" in line]
    assert len(notices) == 1 and "state version 3" in notices[0] and "regroup" in notices[0]
    with Store.open(db_path) as store:
        after = store.story_assignments()
        assert store.ungrouped_ids() == [] and store.count_stories() == stories_before
        _, clusterer = store.load_group_state()  # saved again in the current format
        assert clusterer is not None and clusterer.article_count == len(after) - 1  # "tiny": no text
        quake = next(aid for aid in before if store.get_article(aid).title == "quake report 0")
    (new,) = set(after) - set(before)
    assert after[new] is not None and after[new] == after[quake]  # grouped with its event
    assert partition({k: after[k] for k in before}) == partition(before)  # nothing lost or regrouped
    again = ingest([str(write_jsonl(tmp_path / "c.jsonl", [dict(late, title="quake again")]))], db_path)
    assert again.grouping is not None and again.grouping.rebuilt is None  # rebuilt once, then incremental
    assert not any("rebuilt" in w for w in again.warnings)


def test_pipeline_stories_version_rebuild_reports_the_waiting_articles(tmp_path: Path, db_path: Path) -> None:
    rows = records()
    ingest([str(write_jsonl(tmp_path / "a.jsonl", rows[:4]))], db_path, extract=False)
    _store_state_version(db_path, 2)
    summary = ingest([str(write_jsonl(tmp_path / "b.jsonl", rows[4:]))], db_path, extract=False)
    report = summary.grouping
    assert report is not None and report.rebuilt is not None and report.rebuilt_from == 2
    assert report.rebuilt.articles == len(rows) and len(report.assignments) == len(rows) - 4
    assert report.to_dict()["rebuilt"]["from_version"] == 2
    assert set(report.flagged()) == {"no_text", "no_date"}  # the waiting articles' flags are still told
    assert sum("rebuilt" in w for w in summary.warnings) == 1
