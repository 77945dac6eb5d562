"""Every serialisable model type survives to_dict -> JSON -> from_dict unchanged."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsprism import model
from newsprism.model import from_dict, to_dict

SAMPLES = [
    model.RawDocument("a.txt", "Body", "text", url="https://x.test/a", meta={"title": "T", "tags": ["a"]}),
    model.Refusal("b.bin", "E002", "b.bin: binary content"),
    model.RemovedBlock("Click here", "click-here notice", 12),
    model.DateInference("2023-10-17", "text", 0.8, ["On Tuesday"]),
    model.Article(
        id="abc",
        fingerprint="f" * 64,
        source="a.txt",
        body="Body text.",
        title="T",
        outlet="Harbor Tribune",
        bylines=["A B"],
        published=model.DateInference("2023-10-17", "metadata", 1.0),
        tags=["x", "y"],
        removed=[model.RemovedBlock("x", "y")],
    ),
    model.Mention("Xi", "PERSON", 0, 2, "person:xi_jinping"),
    model.Entity("person:xi_jinping", "Xi Jinping", "PERSON", ["Xi"], "Chinese leader", 3),
    model.Quote(
        "my old friend", 10, 23, "direct", speaker="Xi Jinping", speaker_key="person:xi_jinping", cue="hail"
    ),
    model.Timex("tomorrow", 0, 8, "DATE", "2023-10-18"),
    model.Quantity("45%", 0, 3, 45.0, "%"),
    model.Fact("abc", 0, 0, 10, "Body text.", entity_keys=["k"], quantities=[1.0]),
    model.TimelineEntry("2023-10-18", 0, "Body", ["k"], "abc"),
    model.Extraction("abc", quotes=[model.Quote("q", 0, 1, "partial")]),
    model.DuplicateLink("a", "b", 0.91),
    model.Story("s1", "Xi / Putin", ["person:xi_jinping"], article_ids=["a"]),
    model.Passage("abc", 0, 4, "Body", "Harbor Tribune"),
    model.AlignedPair("a", [1], "b", [2, 3], 0.9, "conflict", "speaker"),
    model.Finding(
        "misattribution", "high", "quote given to another speaker", [model.Passage("a", 0, 1, "x")]
    ),
    model.Derivation("a", "b", 0.8, pairs=[(0, 1), (2, 3)]),
    model.FactCluster(1, "text", [("a", 0), ("b", 2)], ["X", "Y"], 2),
    model.StoryReport("Headline", findings=[model.Finding("unsupported", "low", "only one source")]),
]


@pytest.mark.parametrize("obj", SAMPLES, ids=lambda o: type(o).__name__)
def test_model_roundtrip_every_type(obj: object) -> None:
    data = json.loads(json.dumps(to_dict(obj)))
    assert from_dict(type(obj), data) == obj


@given(
    body=st.text(max_size=200),
    tags=st.lists(st.text(max_size=20), max_size=5),
    title=st.one_of(st.none(), st.text(max_size=50)),
)
def test_model_article_roundtrip_any_text(body: str, tags: list[str], title: str | None) -> None:
    art = model.Article(id="i", fingerprint="f", source="s", body=body, tags=tags, title=title)
    assert from_dict(model.Article, json.loads(json.dumps(to_dict(art)))) == art
