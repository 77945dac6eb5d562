"""A title before a name ("Dr. Nwosu", "Sen. Hale") is no entity of a story and no keyword of its label."""

from __future__ import annotations

from newsprism.group.features import lexical_entities
from newsprism.group.stories import StoryClusterer
from newsprism.model import Article, DateInference

CLINIC = [
    "Dr. Amara Nwosu opened the new malaria clinic in Tembeni on Monday. Dr. Nwosu said the clinic would "
    "test 300 children a week. Sen. Paul Hale and Dr. Ines Roca joined Dr. Nwosu at the opening, and Mr. Hale "
    "promised funds for a second clinic in Tembeni.",
    "The Tembeni malaria clinic tested its first 300 children this week, Dr. Nwosu said. Dr. Roca said the "
    "clinic had enough malaria tests for a month. Sen. Hale visited the Tembeni clinic again on Friday.",
]


def _art(aid: str, body: str, day: str) -> Article:
    return Article(
        id=aid, fingerprint=aid, source="test", body=body, outlet="Courier", published=DateInference(day)
    )


def test_group_title_labels_titles_are_no_entities() -> None:
    keys = lexical_entities(CLINIC[0])
    assert {"cap:dr", "cap:sen", "cap:mr"}.isdisjoint(keys)
    assert keys["cap:nwosu"] == 3 and "cap:amara_nwosu" in keys and "cap:tembeni" in keys
    # nor the end of a run of names ("Paul Hale and Dr." of "Sen. Paul Hale and Dr. Ines Roca")
    assert "cap:paul_hale" in keys and "cap:ines_roca" in keys
    assert not [k for k in keys if k.endswith(("_dr", "_and"))]
    # a title without a full stop starts a run of names: the name is kept
    assert "cap:nwosu" in lexical_entities("Dr Amara Nwosu opened the clinic.")


def test_group_title_labels_story_label_has_no_title() -> None:
    c = StoryClusterer(now="2024-05-10")
    first = c.add(_art("c1", CLINIC[0], "2024-05-06"))
    assert c.add(_art("c2", CLINIC[1], "2024-05-08")).story_id == first.story_id
    (story,) = c.stories()
    parts = story.label.split("; ")
    assert not {"Dr", "Sen", "Mr"} & set(parts), story.label
    assert "Nwosu" in parts, story.label
    assert not any(k in {"cap:dr", "cap:sen", "cap:mr"} for k in story.key_entities)
