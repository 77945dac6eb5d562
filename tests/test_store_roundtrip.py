"""Every Article field and every Extraction survive a trip through the SQLite store."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.model import (
    Article,
    DateInference,
    Entity,
    Extraction,
    Fact,
    Quote,
    RemovedBlock,
    TimelineEntry,
    Timex,
)
from newsprism.store import Store


def full_article(body: str = "Keller landed in Soria on Tuesday, officials said.") -> Article:
    fingerprint = hashlib.sha256(body.encode()).hexdigest()
    return Article(
        id=fingerprint[:12],
        fingerprint=fingerprint,
        source="/data/story/03_herald.txt",
        body=body,
        title="Keller lands in Soria",
        outlet="Northern Herald",
        url="https://herald.test/world/keller",
        bylines=["Nadia Petrov", "Jonas Weller"],
        published=DateInference("2025-06-10", "text", 0.8, ["On Tuesday", "June 10-11"]),
        section="World",
        standfirst="The president arrived for the forum.",
        tags=["Soria", "Amber Coast Trade Forum (ACTF)"],
        language="en",
        removed=[
            RemovedBlock("Click here to subscribe", "click-here notice", 14),
            RemovedBlock("Photo: X", "credit"),
        ],
        outlet_evidence="a reporter for Northern Herald",
        ingested_at="2025-06-11T08:00:00+00:00",
        story_id="story-1",
    )


def test_store_roundtrip_every_article_field(db_path: Path) -> None:
    article = full_article()
    with Store.open(db_path) as store:
        assert store.add_articles([article]) == ["ingested"]
    with Store.open(db_path, readonly=True) as store:
        assert store.get_article(article.id) == article
        assert store.get_article(article.id[:6]) == article
        assert store.list_articles() == [article]


def test_store_roundtrip_sets_ingested_at_when_missing(db_path: Path) -> None:
    article = full_article()
    article.ingested_at = None
    with Store.open(db_path) as store:
        store.add_articles([article])
        stored = store.get_article(article.id)
    assert stored.ingested_at and stored.ingested_at.startswith("20")


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    body=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200),
    title=st.none() | _text,
    bylines=st.lists(_text, max_size=3),
    tags=st.lists(_text, max_size=3),
    removed=st.lists(st.builds(RemovedBlock, _text, _text, st.none() | st.integers(0, 10_000)), max_size=3),
)
def test_store_roundtrip_any_text(
    tmp_path: Path,
    body: str,
    title: str | None,
    bylines: list[str],
    tags: list[str],
    removed: list[RemovedBlock],
) -> None:
    article = full_article(body)
    article.title, article.bylines, article.tags, article.removed = title, bylines, tags, removed
    with Store.open(Path(tempfile.mkdtemp(dir=tmp_path)) / "one.db") as store:
        store.add_articles([article])
        assert store.get_article(article.id) == article


def test_store_roundtrip_extraction_and_query_rows(db_path: Path) -> None:
    article = full_article()
    extraction = Extraction(
        article_id=article.id,
        entities=[Entity("anton_keller", "Anton Keller", "PERSON", ["Keller"], "President of Valmoria", 3)],
        quotes=[
            Quote("a reliable partner", 10, 28, "partial", "Soria media", None, vague=True),
            Quote("We came to build", 40, 56, "direct", "Anton Keller", "anton_keller", 0, 6, cue="said"),
        ],
        timexes=[Timex("Tuesday", 30, 37, "DATE", "2025-06-10")],
        facts=[Fact(article.id, 0, 0, 50, "Keller landed.", entity_keys=["anton_keller"])],
        timeline=[TimelineEntry("2025-06-10", 0, "Keller landed.", ["anton_keller"], article.id)],
    )
    with Store.open(db_path) as store:
        store.add_articles([article])
        assert store.get_extraction(article.id) is None
        store.save_extraction(extraction)
        store.save_extraction(extraction)  # replacing is idempotent
        assert store.get_extraction(article.id) == extraction
        speakers = store.execute_read(
            "SELECT speaker, vague FROM quotes WHERE article_id = ? ORDER BY idx", (article.id,)
        )
        assert [tuple(r) for r in speakers] == [("Soria media", 1), ("Anton Keller", 0)]
        keyed = store.execute_read("SELECT article_id FROM entities WHERE key = 'anton_keller'")
        assert [r[0] for r in keyed] == [article.id]
        assert store.missing_extractions([article.id, "nope"]) == ["nope"]


def test_store_roundtrip_boilerplate_counts_and_refusals(db_path: Path) -> None:
    from newsprism.model import Refusal

    with Store.open(db_path) as store:
        store.save_boilerplate_counts([("Herald", "k1", 3), ("Herald", "k2", 1)], {"Herald": 4})
        store.save_boilerplate_counts([("Herald", "k1", 5)], {"Herald": 6})
        store.log_refusal(Refusal("bad.bin", "E002", "bad.bin: binary content"))
    with Store.open(db_path) as store:
        lines, pages = store.boilerplate_counts()
        assert sorted(lines) == [("Herald", "k1", 5), ("Herald", "k2", 1)]
        assert pages == {"Herald": 6}
        assert store.refusals() == [Refusal("bad.bin", "E002", "bad.bin: binary content")]
        assert store.observed(["h1"]) == set()
        store.mark_observed(["h1", "h1"])
        assert store.observed(["h1", "h2"]) == {"h1"}
