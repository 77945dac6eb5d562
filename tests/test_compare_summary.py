"""The cited summary: each outlet's citation shows the words it reports the lead with."""

from __future__ import annotations

from newsprism.compare.summary import summary_lines
from newsprism.model import Article, DateInference, Extraction, Fact, FactCluster


def _extraction(aid: str, sentences: list[str]) -> Extraction:
    facts, start = [], 0
    for i, text in enumerate(sentences):
        facts.append(Fact(aid, i, start, start + len(text), text))
        start += len(text) + 1
    return Extraction(aid, facts=facts)


def test_compare_summary_cites_the_run_of_sentences_closest_to_the_lead() -> None:
    # the second outlet's facts in the cluster come from two aligned pairs far apart: its
    # citation shows the sentence that reports the lead, not both paragraphs joined
    wire = _extraction(
        "wire", ["The trial results were presented on Sunday at the Vessen cardiology meeting."]
    )
    daily = _extraction(
        "daily",
        [
            "Dr. Ama Osei said in a phone interview that the effect appeared early.",
            "The pill is taken once a day.",
            "The company did not give a price.",
            "Results were presented at the cardiology meeting in Vessen on Sunday.",
            "They were also published in a medical journal.",
        ],
    )
    articles = [
        Article(
            id=k, fingerprint=k, source=f"{k}.txt", body="", outlet=k, published=DateInference("2026-03-09")
        )
        for k in ("wire", "daily")
    ]
    cluster = FactCluster(
        0,
        wire.facts[0].text,
        members=[("wire", 0), ("daily", 0), ("daily", 3), ("daily", 4)],
        outlets=["wire", "daily"],
        independent_sources=2,
    )
    (line,) = summary_lines([cluster], articles, [wire, daily])
    cite = next(c for c in line.citations if c.article_id == "daily")
    assert cite.own_words == (
        "Results were presented at the cardiology meeting in Vessen on Sunday. "
        "They were also published in a medical journal."
    )
