"""Story clustering: events apart, follow-ups joined, time window, bad dates flagged, bounded cost."""

from __future__ import annotations

import base64
import json
import pickle
import random

import numpy as np
import pytest

from newsprism.group import table
from newsprism.group.features import lexical_features
from newsprism.group.stories import (
    STATE_VERSION,
    StateVersionError,
    StoryClusterer,
    batch_assign,
    cluster_batch,
    split_into_stories,
)
from newsprism.model import Article, DateInference

FLOOD = [
    "Floods in the Tarvel valley forced Governor Ilsa Brandt to evacuate 4,000 residents of Kessin after the "
    "Orrin river burst its banks. Brandt said the Kessin dam held but rescue teams from the Red Cross were "
    "searching flooded farms. The Orrin flood is the worst in the Tarvel valley for forty years.",
    "Rescue teams in Kessin pulled twelve people from flooded homes as the Orrin river kept rising, Governor "
    "Ilsa Brandt said. The Red Cross opened shelters for evacuated residents of the Tarvel valley and warned "
    "that the Kessin dam was under strain from the flood.",
    "Governor Ilsa Brandt toured Kessin by boat as the Orrin flood waters began to fall. The Red Cross said "
    "3,000 evacuated residents of the Tarvel valley could return home within days once the dam is inspected.",
]
MERGER = [
    "Halvard Motors agreed to buy the battery maker Lumacell for 2.1 billion dollars, chief executive Piet "
    "Oduya announced in Sorbury. Oduya said the Lumacell takeover would double Halvard's battery output and "
    "shareholders of Lumacell will receive cash for each share.",
    "Shares of Lumacell jumped 30 percent after Halvard Motors agreed the takeover. Analysts in Sorbury said "
    "Piet Oduya's bid values the battery maker generously, and regulators must approve the Halvard deal.",
]


def art(aid: str, body: str, date: str | None = "2024-03-04", outlet: str = "Courier") -> Article:
    return Article(
        id=aid, fingerprint=aid, source="test", body=body, outlet=outlet, published=DateInference(date)
    )


def test_group_stories_two_events_then_a_follow_up_joins_the_first() -> None:
    c = StoryClusterer(now="2024-03-10")
    a1 = c.add(art("f1", FLOOD[0]))
    m1 = c.add(art("m1", MERGER[0], outlet="Ledger"))
    a2 = c.add(art("f2", FLOOD[1], "2024-03-05", outlet="Ledger"))
    m2 = c.add(art("m2", MERGER[1], "2024-03-05"))
    assert a1.new and m1.new and a1.story_id != m1.story_id
    assert (a2.story_id, a2.new) == ("sf1", False) and a2.score >= c.threshold
    assert m2.story_id == "sm1"
    stories = {s.id: s for s in c.stories()}
    flood = stories["sf1"]
    assert flood.article_ids == ["f1", "f2"] and flood.outlets == ["Courier", "Ledger"]
    assert flood.first_seen.startswith("2024-03-04") and flood.last_seen.startswith("2024-03-05")
    assert any("Brandt" in e or "Kessin" in e or "Orrin" in e for e in flood.label.split("; "))
    words = flood.label.replace(";", " ").casefold().split()
    assert len(words) == len(set(words)), flood.label  # the key phrase does not repeat the entities
    assert set(flood.key_phrase.split()) <= set(words)  # ... though each of its terms is named


def test_group_stories_far_outside_the_window_starts_a_new_story() -> None:
    c = StoryClusterer(now="2024-12-31")
    c.add(art("f1", FLOOD[0], "2024-03-04"))
    late = c.add(art("f3", FLOOD[2], "2024-09-01"))
    assert late.new and late.story_id == "sf3"
    near = c.add(art("f2", FLOOD[1], "2024-09-02"))
    assert near.story_id == "sf3"


def test_group_stories_bad_dates_and_empty_text_are_flagged() -> None:
    c = StoryClusterer(now="2024-03-10")
    undated = c.add(art("u", FLOOD[0], None))
    future = c.add(art("z", FLOOD[1], "2031-01-01"))
    empty = c.add(art("e", "   ", "2024-03-05"))
    assert undated.flags == ("no_date",) and undated.story_id == "su"
    assert future.flags == ("future_date",) and future.story_id == "su"
    assert empty.flags == ("no_text",) and empty.story_id is None
    story = c.stories()[0]
    assert story.first_seen.startswith("2024-03-10")  # the ingest time stands in for the date


def test_group_stories_candidates_stay_bounded() -> None:
    c = StoryClusterer(now="2024-03-10", max_candidates=5, max_postings=4)
    shared = " Governor Ilsa Brandt and the Red Cross in Kessin spoke about the Orrin flood."
    worst = 0
    for i in range(60):
        body = f"Item {i} names person{i} and place{i} beside unique{i} words{i} here{i}." + shared
        worst = max(worst, c.add(art(f"x{i}", body, threshold_date(i))).candidates)
    assert 0 < worst <= 5
    assert max(map(len, _postings(c).values())) == 4


def _postings(c: StoryClusterer) -> dict[int, list[int]]:
    """Every posting of ``c``: term id -> articles, most recent last (from its saved state)."""
    keys, sizes, flat = (
        np.frombuffer(base64.b64decode(x), dtype=d)
        for x, d in zip(c.to_dict()["postings"], ("<u4", "<i4", "<i4"), strict=True)
    )
    ends = np.cumsum(sizes).tolist()
    return {k: flat[e - n : e].tolist() for k, n, e in zip(keys.tolist(), sizes.tolist(), ends, strict=True)}


def threshold_date(i: int) -> str:
    return f"2024-03-{1 + i % 9:02d}"


def test_group_stories_state_round_trips_and_continues_identically() -> None:
    c = StoryClusterer(now="2024-03-10")
    for i, body in enumerate(FLOOD[:2] + MERGER[:1]):
        c.add(art(f"a{i}", body))
    clone = StoryClusterer.from_dict(json.loads(json.dumps(c.to_dict())))
    pickled = pickle.loads(pickle.dumps(c))
    nxt = art("n", MERGER[1])
    results = [x.add(nxt) for x in (c, clone, pickled)]
    assert results[0] == results[1] == results[2]
    assert c.stories() == clone.stories() == pickled.stories()


def test_group_stories_batch_matches_incremental_on_clear_events() -> None:
    items = [(art(f"f{i}", t), None) for i, t in enumerate(FLOOD)] + [
        (art(f"m{i}", t), None) for i, t in enumerate(MERGER)
    ]
    c = StoryClusterer(now="2024-03-10")
    incremental = {a.id: c.add(a).story_id for a, _ in items}
    batch = {a.article_id: a.story_id for a in batch_assign(items, now="2024-03-10")}
    assert incremental == batch
    assert sorted(len(s.article_ids) for s in cluster_batch(items, now="2024-03-10")) == [2, 3]


def test_group_stories_split_into_stories_groups_indices() -> None:
    articles = [art("m0", MERGER[0]), art("f0", FLOOD[0]), art("m1", MERGER[1]), art("x", "", None)]
    assert split_into_stories(articles) == [[0, 2], [1], [3]]


FIGHTS = [
    "Heavyweight champion Aldo Vance stopped Remi Kasso in the seventh round in Marlow on Saturday to keep his "
    "WBA title. Vance, 34, floored Kasso twice; the referee Jon Pell stopped it after 2:41 of the seventh.",
    "Aldo Vance kept the WBA heavyweight title with a seventh-round stoppage of Remi Kasso in Marlow. Kasso went "
    "down twice before referee Jon Pell waved it off at 2:41, and Vance now has 41 wins.",
    "Heavyweight champion Aldo Vance stopped Tomas Brell in the sixth round in Denholm on Sunday to keep his WBA "
    "title. Brell, 38, was down in the fifth and his trainer Ivo Stahl threw in the towel at 1:12 of the sixth.",
    "Tomas Brell could not take the WBA heavyweight title from Aldo Vance in Denholm: Ivo Stahl threw in the "
    "towel in the sixth round at 1:12 after Brell, 38, had been down in the fifth.",
]


def test_group_stories_two_similar_events_with_the_same_champion_stay_apart() -> None:
    c = StoryClusterer(now="2024-03-10")
    got = [c.add(art(f"b{i}", body)) for i, body in enumerate(FIGHTS)]
    assert [a.story_id for a in got] == ["sb0", "sb0", "sb2", "sb2"]
    assert got[2].new and got[2].score < c.single_threshold  # the second fight resembles the first


def test_group_stories_features_keep_numbers_and_fold_plurals() -> None:
    f = lexical_features(
        art("n", "Quake of magnitude 6.1 hits Qeshm; 4,000 watches and 12 boxes lost in 2013.")
    )
    assert {"num:6.1", "num:4000", "num:12", "num:2013"} <= set(f.numbers)
    assert {"watch", "box", "quake", "qeshm", "2013"} <= set(f.terms) and "cap:qeshm" in f.entities


def test_group_stories_entity_keys_fold_possessives_and_skip_common_words() -> None:
    body = (
        "Robbers held up a jeweller in Varnholt on Tuesday. Police said the robbers fled. Mayor Ilka "
        "Sorensen's office said Sorensen would speak in March; Sorensen’s deputy stayed in Varnholt."
    )
    keys = set(lexical_features(art("e", body)).entities)
    assert {"cap:varnholt", "cap:sorensen", "cap:mayor_ilka_sorensen"} <= keys
    # "Robbers" opens a sentence (the text also writes "robbers"); Tuesday and March are dates
    assert not keys & {"cap:robbers", "cap:tuesday", "cap:march", "cap:sorensen's", "cap:sorensen’s"}


BRIDGE = [  # one event told from two sides (first two), then by an article that tells both
    "The Kessel bridge in Varnholt collapsed into the Mure river on Monday evening, injuring 14 people. Mayor "
    "Ilka Sorensen said rescue divers pulled three cars from the water and ambulances took the injured to the "
    "Varnholt general hospital. Sorensen closed the riverside roads for the night.",
    "Engineers blamed corroded steel cables for the fall of the Kessel bridge in Varnholt. Pavel Dunst of the "
    "Mure river authority said the 1962 span had failed two inspections, in 2019 and 2022, and that repairs "
    "were postponed for lack of money. Dunst wants every bridge of the same design checked.",
    "The Kessel bridge in Varnholt fell into the Mure river on Monday evening, injuring 14 people; rescue "
    "divers pulled three cars from the water and ambulances took the injured to the Varnholt general hospital, "
    "Mayor Ilka Sorensen said. Pavel Dunst of the Mure river authority blamed corroded steel cables: the 1962 "
    "span had failed inspections in 2019 and 2022 and repairs were postponed for lack of money. Sorensen "
    "closed the riverside roads for the night.",
]


def test_group_stories_two_sides_of_one_event_merge_when_an_article_tells_both() -> None:
    c = StoryClusterer(now="2024-03-10")
    first = [c.add(art(f"b{i}", body)) for i, body in enumerate(BRIDGE[:2])]
    assert [a.new for a in first] == [True, True] and first[1].score < c.single_threshold
    assert c.moved_articles() == {} and c.changed_story_ids() == ["sb0", "sb1"]
    both = c.add(art("b2", BRIDGE[2]))
    # b2 joins one side; the two sides' centroids then agree and the smaller story moves
    assert both.story_id == "sb1" and c.moved_articles() == {"b0": "sb1"}
    assert c.changed_story_ids() == ["sb1"] and len(c) == 1
    assert [s.article_ids for s in c.stories()] == [["b1", "b2", "b0"]]
    assert c.story("sb0") == c.story("sb1")  # the merged id names the story it is part of
    clone = StoryClusterer.from_dict(json.loads(json.dumps(c.to_dict())))
    assert clone.stories() == c.stories() and clone.story("sb0").id == "sb1"
    nxt = art("b3", BRIDGE[0].replace("Monday evening", "Monday night"), "2024-03-05")
    assert clone.add(nxt) == c.add(nxt)
    items = [(art(f"b{i}", body), None) for i, body in enumerate(BRIDGE)]
    assert {a.story_id for a in batch_assign(items, now="2024-03-10")} == {"sb1"}  # final ids
    apart = StoryClusterer(now="2024-03-10", merge_threshold=2.0)  # never merge: two stories stay
    assert [apart.add(a).story_id for a, _ in items] == ["sb0", "sb1", "sb1"] and len(apart) == 2


def test_group_stories_old_state_versions_are_refused() -> None:
    state = StoryClusterer(now="2024-03-10", use_extraction=True).to_dict()
    with pytest.raises(StateVersionError, match="version 1") as err:
        StoryClusterer.from_dict({**state, "version": 1})
    assert err.value.found == 1 and err.value.options["use_extraction"] is True
    assert isinstance(err.value, ValueError)  # callers that catch ValueError still refuse it
    with pytest.raises(StateVersionError, match="version None"):
        StoryClusterer.from_dict({"vectors": []})


def _grown() -> StoryClusterer:
    """A clusterer with merged stories, dropped vectors and postings of one and of many articles."""
    c = StoryClusterer(now="2024-03-10", max_postings=3)
    for i, body in enumerate(FLOOD * 7 + MERGER + BRIDGE + FIGHTS):  # a flood story of > MAX_MEMBERS
        c.add(art(f"g{i}", body, threshold_date(i)))
    return c


def test_group_stories_state_arrays_are_base64_and_round_trip_exactly() -> None:
    c = _grown()
    state = c.to_dict()
    assert state["version"] == STATE_VERSION
    for key in ("owner", "parent"):
        assert isinstance(state[key], str)
    assert all(isinstance(x, str) for x in (*state["df"], *state["vectors"], *state["postings"]))
    assert all(isinstance(s["terms"], str) for s in state["stories"])
    clone = StoryClusterer.from_dict(json.loads(json.dumps(state)))
    # every packed vector, centroid, count and posting is the same, byte for byte
    assert clone._vecs == c._vecs and clone._owner == c._owner and clone._parent == c._parent
    assert [s.terms for s in clone._stories] == [s.terms for s in c._stories]
    assert [s.norm for s in clone._stories if s.terms] == [s.norm for s in c._stories if s.terms]
    assert (clone._df == c._df).all() and clone._n == c._n
    assert _postings(clone) == _postings(c)
    assert (clone._post_keys == c._posting_arrays()[0]).all() and (
        clone._post_arts == c._posting_arrays()[1]
    ).all()
    assert {1, 3} <= set(map(len, _postings(c).values()))  # postings of one article and full ones
    assert any(not v for v in c._vecs) and len(c) < len(c._stories)  # dropped vectors, merges
    assert clone.to_dict() == state and clone.stories() == c.stories()
    for i, body in enumerate(MERGER + FLOOD):
        nxt = art(f"n{i}", body, "2024-03-06")
        assert clone.add(nxt) == c.add(nxt)
    assert clone.to_dict() == c.to_dict()


def test_group_stories_postings_table_matches_a_dict_of_lists() -> None:
    """The sorted table (merged at random points) gives the postings a dict of capped lists gives."""
    rng = random.Random(7)
    keys, arts = np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int32)
    recent: dict = {}
    reference: dict[int, list[int]] = {}
    for a in range(3000):
        top = rng.sample(range(400), 12) if a % 3 else [2**32 - 1, 0, *rng.sample(range(1, 50), 5)]
        query = np.array([*rng.sample(range(420), 12), 2**32 - 1], dtype=np.int64)
        want = [x for k in query.tolist() for x in reference.get(k, [])]
        assert table.lookup(keys, arts, recent, query, 5) == want
        table.insert(recent, top, a, 5)
        for k in top:
            reference[k] = [*reference.get(k, []), a][-5:]
        if rng.random() < 0.02:
            keys, arts = table.merge(keys, arts, recent, 5)
            recent = {}
    keys, arts = table.merge(keys, arts, recent, 5)
    assert keys.tolist() == sorted(k for k, v in reference.items() for _ in v)
    assert arts.tolist() == [x for k in sorted(reference) for x in reference[k]]


def test_group_stories_state_with_postings_in_first_seen_order_loads() -> None:
    """A state saved before the sorted postings (keys in the order first seen) loads the same."""
    c = _grown()
    state = c.to_dict()
    want = _postings(c)
    order = list(want)
    random.Random(3).shuffle(order)
    lists = [want[k] for k in order]
    old = {
        **state,
        "postings": [
            base64.b64encode(np.array(x, dtype=d).tobytes()).decode("ascii")
            for x, d in (
                (order, "<u4"),
                (list(map(len, lists)), "<i4"),
                ([a for p in lists for a in p], "<i4"),
            )
        ],
    }
    clone = StoryClusterer.from_dict(json.loads(json.dumps(old)))
    assert _postings(clone) == want and clone.to_dict() == state
    pickled = pickle.loads(pickle.dumps(c))
    for i, body in enumerate(MERGER + FLOOD):
        nxt = art(f"n{i}", body, "2024-03-06")
        assert clone.add(nxt) == c.add(nxt) == pickled.add(nxt)


@pytest.mark.parametrize(
    "field, value",
    [
        ("owner", "not base64!"),
        ("owner", "AAA="),
        ("vectors", ["", "AQAAAA==", ""]),
        ("vectors", ["/////w==", "", ""]),
        ("postings", [1, 2, 3]),
    ],
)
def test_group_stories_malformed_state_arrays_are_refused(field: str, value: object) -> None:
    state = _grown().to_dict()
    with pytest.raises(ValueError):
        StoryClusterer.from_dict({**state, field: value})


def test_group_stories_changed_ids_name_what_to_write() -> None:
    c = StoryClusterer(now="2024-03-10")
    assert c.changed_story_ids() == []
    c.add(art("f0", FLOOD[0]))
    c.add(art("m0", MERGER[0]))
    assert c.changed_story_ids() == ["sf0", "sm0"] and c.changed_story_ids() == []  # cleared by the call
    c.add(art("m1", MERGER[1], "2024-03-05"))
    c.add(art("e", "  "))  # no usable text: no story changes
    assert c.changed_story_ids() == ["sm0"] and c.article_count == 3
    assert [c.story(s.id) for s in c.stories()] == c.stories()
    assert c.story("sm0").article_ids == ["m0", "m1"]
    clone = StoryClusterer.from_dict(json.loads(json.dumps(c.to_dict())))
    pickled = pickle.loads(pickle.dumps(c))
    for x in (clone, pickled):
        assert x.changed_story_ids() == [] and x.story("sm0") == c.story("sm0")
        x.add(art("f1", FLOOD[1], "2024-03-05"))
        assert x.changed_story_ids() == ["sf0"]
    with pytest.raises(KeyError):
        c.story("nope")
