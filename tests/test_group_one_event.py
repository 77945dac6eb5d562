"""Coverage of one event is one story by default (what ``analyze`` splits on); other stories stay apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES, need

from newsprism.analysis import analyze_all, read_articles
from newsprism.demo import demo_sources
from newsprism.group.stories import split_into_stories
from newsprism.model import Article, DateInference

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


@pytest.mark.parametrize("undated_first", [True, False])
def test_group_an_undated_article_joins_its_event_whatever_the_ingest_time(undated_first: bool) -> None:
    from newsprism.group.stories import StoryClusterer

    dated, undated, later = _event_articles()
    clusterer = StoryClusterer()
    order = [undated, dated] if undated_first else [dated, undated]
    assignments = [clusterer.add(a, now="2026-11-24T00:00:00+00:00") for a in order]
    assert assignments[0].story_id == assignments[1].story_id
    assert "no_date" in next(x.flags for x in assignments if x.article_id == undated.id)
    (story,) = clusterer.stories()
    assert story.first_seen.startswith("2023-10-17") and story.last_seen.startswith("2023-10-17")
    # the undated article did not stretch the story to its ingest time: a same-topic article
    # dated long after is not pulled in by the window
    far = clusterer.add(later, now="2026-11-24T00:00:00+00:00")
    assert far.story_id != story.id


EVENT = """Valmorian President Anton Keller arrived in Soria on Tuesday for the Amber Coast Trade Forum,
his first trip abroad since the Tribunal for Regional Justice ordered his arrest. Keller is due to meet
Drevian Chancellor Mira Hollis on Wednesday. Samuel Okafor of the Harlow Institute said Valmoria had
become heavily dependent on Drevia for its grain sales since the border closures."""

REWRITE = """Anton Keller, the Valmorian president, landed in Soria for the Amber Coast Trade Forum and met
Drevian Chancellor Mira Hollis. Okafor from the Harlow Institute suggests that Valmoria has become
dependent on Drevia for grain sales since the border closures, despite the Tribunal for Regional
Justice warrant for Keller's arrest."""


def _event_articles() -> tuple[Article, Article, Article]:
    """One event reported on 2023-10-17, an undated rewrite of it, and the same text dated 2024-06-01."""

    def article(aid: str, body: str, date: str | None) -> Article:
        published = DateInference(date, "metadata", 1.0) if date else DateInference(None)
        return Article(id=aid, fingerprint=aid * 4, source=f"/in/{aid}.txt", body=body, published=published)

    return (
        article("dated", EVENT, "2023-10-17"),
        article("undated", REWRITE, None),
        article("later", EVENT, "2024-06-01"),
    )
