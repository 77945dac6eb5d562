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


def test_compare_summary_sums_up_a_contradicted_fact_from_the_articles_that_agree() -> None:
    # a content farm's changed figure must not drop the story's main fact from the summary
    lead = "The central bank raised its main rate by 50 basis points to 6.25 percent on Wednesday."
    exs = [
        _extraction("wire", [lead]),
        _extraction("copy", [lead]),
        _extraction("farm", [lead.replace("6.25", "6.75")]),
    ]
    articles = [
        Article(
            id=k, fingerprint=k, source=f"{k}.txt", body="", outlet=k, published=DateInference("2026-03-09")
        )
        for k in ("wire", "copy", "farm")
    ]
    members = [("wire", 0), ("copy", 0), ("farm", 0)]
    agreed = FactCluster(0, lead, members=members, independent_sources=1, conflicting=["farm"])
    (line,) = summary_lines([agreed], articles, exs)
    assert line.text == lead and [c.article_id for c in line.citations] == ["wire", "copy"]
    # the contradicted version is never the line, nor a lone article's
    farm_led = FactCluster(1, exs[2].facts[0].text, members=members, conflicting=["farm"])
    lone = FactCluster(2, lead, members=[("wire", 0), ("farm", 0)], conflicting=["farm"])
    assert summary_lines([farm_led, lone], articles, exs) == []
