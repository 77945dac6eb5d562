"""Coverage of one event is one story by default (what ``analyze`` splits on); other stories stay apart."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, need

from newsprism.analysis import analyze_all, read_articles
from newsprism.demo import demo_sources
from newsprism.group.stories import split_into_stories

UNRELATED = {
    "wildfire.txt": """Wildfire forces evacuation of hill villages near Tarsk

Firefighters battled a wildfire in the Brenn hills on Thursday as strong winds pushed the flames
toward the villages of Olmo and Vessa. The regional fire chief, Dana Kirov, said 300 residents had
been moved to a sports hall in Tarsk.

Two water-bombing planes joined the ground crews in the afternoon, and the main road to Olmo was
closed. "The wind is our enemy tonight," Kirov said. No injuries were reported, but at least a
dozen barns and a small winery burned.
""",
    "cup_final.txt": """Halden Rovers win the Northern Cup on penalties

Halden Rovers beat Marsh City 4-3 on penalties to lift the Northern Cup on Saturday after a 1-1
draw at Kelby Park. Striker Jonas Pike put Rovers ahead before the break and Marsh City levelled
through Amir Sato late in the second half.

Rovers goalkeeper Tom Varga saved two penalties in the shoot-out. "This club has waited eleven
years for a trophy," manager Ruth Ellery said. Around 28,000 fans watched the final.
""",
}


def unrelated(tmp_path: Path) -> list[str]:
    """Two short articles on two events unrelated to each other and to the demo or the examples."""
    paths = []
    for name, text in UNRELATED.items():
        path = tmp_path / name
        path.write_text(text, "utf-8")
        paths.append(str(path))
    return paths


def stories_of(sources: list[str]) -> set[frozenset[str]]:
    """The sources of each story ``analyze`` would compare (its reader and its default split)."""
    articles, refusals = read_articles(sources)
    assert refusals == [] and len(articles) == len(sources)
    file_of = {a.id: a.source.partition("#")[0] for a in articles}  # "feed.json#1": its file
    return {frozenset(file_of[articles[i].id] for i in group) for group in split_into_stories(articles)}


def apart(*groups: list[str]) -> set[frozenset[str]]:
    return {frozenset(g) for g in groups}


def test_group_one_event_demo_is_one_story_and_unrelated_ones_stay_apart(tmp_path: Path) -> None:
    demo, (fire, cup) = demo_sources(), unrelated(tmp_path)
    assert stories_of(demo) == apart(demo)
    assert stories_of([fire, cup]) == apart([fire], [cup])
    assert stories_of([fire, *demo, cup]) == apart(demo, [fire], [cup])


def test_group_one_event_examples_pair_is_one_story_and_unrelated_ones_stay_apart(tmp_path: Path) -> None:
    pair = sorted(str(p) for p in need(EXAMPLES).glob("0*.txt"))
    fire, cup = unrelated(tmp_path)
    assert len(pair) == 2 and stories_of(pair) == apart(pair)
    assert stories_of([fire, *pair, cup]) == apart(pair, [fire], [cup])


def test_group_one_event_analyze_gives_one_dossier_for_the_examples_pair() -> None:
    pair = sorted(str(p) for p in need(EXAMPLES).glob("0*.txt"))
    result = analyze_all(pair)
    assert len(result.reports) == 1 and len(result.reports[0].articles) == 2
