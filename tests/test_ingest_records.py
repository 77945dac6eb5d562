"""Article records: JSON, JSON Lines, CSV; column aliases, metadata, per-line refusals."""

from __future__ import annotations

import json
from pathlib import Path

from newsprism.ingest import read_sources
from newsprism.model import RawDocument, Refusal
from newsprism.settings import IngestOptions

OFFLINE = IngestOptions(fetch_feed_links=False)


def _read(path: Path) -> list[RawDocument | Refusal]:
    return list(read_sources([str(path)], OFFLINE))


def test_ingest_records_json_array_with_aliases(tmp_path: Path) -> None:
    records = [
        {
            "Title": "Dam opens",
            "TEXT": "  The dam opened.  ",
            "url": "https://a.example/1",
            "site": "Valley Herald",
            "authors": ["Ana Ruiz", "Li Wei"],
            "pubdate": "Tue, 17 Oct 2023 08:30:00 +0200",
            "category": "Local",
            "keywords": "floods; dams",
            "lang": "en",
        },
        {"content": "Second body.", "byline": "Ana Ruiz and Li Wei", "date": "2023-10-18", "tags": "a, b"},
        {"html": "<p>Only HTML.</p>", "published": "17 October 2023"},
        {"title": "No text at all"},
        ["not", "an", "object"],
    ]
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(records))
    first, second, third, empty, bad = _read(path)
    assert isinstance(first, RawDocument)
    assert (first.kind, first.content, first.source) == ("record", "The dam opened.", f"{path}#1")
    assert first.url == "https://a.example/1"
    assert first.meta == {
        "title": "Dam opens",
        "outlet": "Valley Herald",
        "bylines": ["Ana Ruiz", "Li Wei"],
        "published": "2023-10-17T08:30:00+02:00",
        "section": "Local",
        "tags": ["floods", "dams"],
        "language": "en",
    }
    assert isinstance(second, RawDocument)
    assert second.meta == {"bylines": ["Ana Ruiz", "Li Wei"], "published": "2023-10-18", "tags": ["a", "b"]}
    assert isinstance(third, RawDocument)
    assert (third.kind, third.meta) == ("html", {"published": "2023-10-17"})
    assert isinstance(empty, Refusal)
    assert (empty.source, empty.code) == (f"{path}#4", "E006")
    assert isinstance(bad, Refusal)
    assert (bad.source, bad.code) == (f"{path}#5", "E005")


def test_ingest_records_articles_object_and_single_object(tmp_path: Path) -> None:
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"articles": [{"body": "One."}, {"body": "Two."}], "count": 2}))
    single = tmp_path / "single.json"
    single.write_text(json.dumps({"body": "Alone.", "published": 1697531400}))
    assert [d.content for d in _read(wrapped)] == ["One.", "Two."]  # type: ignore[union-attr]
    (alone,) = _read(single)
    assert alone.meta == {"published": "2023-10-17T08:30:00+00:00"}  # type: ignore[union-attr]


def test_ingest_records_jsonl_bad_line_refused_alone(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"body": "First."}\n\n{"body": "Broken\n{"body": "Third.", "author": "Doe, Jane"}\n[1, 2]\n'
    )
    out = _read(path)
    assert [type(o).__name__ for o in out] == ["RawDocument", "Refusal", "RawDocument", "Refusal"]
    assert (out[1].source, out[1].code) == (f"{path}:3", "E005")
    assert "malformed JSON line" in out[1].reason  # type: ignore[union-attr]
    assert out[2].source == f"{path}#3"
    assert out[2].meta == {"bylines": ["Doe, Jane"]}  # type: ignore[union-attr]
    assert out[3].source == f"{path}:5"


def test_ingest_records_ndjson_extension(tmp_path: Path) -> None:
    path = tmp_path / "x.ndjson"
    path.write_text('{"body": "A."}\n{"body": "B."}\n')
    assert [d.kind for d in _read(path)] == ["record", "record"]  # type: ignore[union-attr]


def test_ingest_records_malformed_json_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[{"body": "unterminated"')
    (refusal,) = _read(path)
    assert isinstance(refusal, Refusal)
    assert (refusal.source, refusal.code) == (str(path), "E005")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    (nested,) = _read(deep)
    assert isinstance(nested, Refusal)
    assert nested.code == "E005"


def test_ingest_records_csv_with_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(
        "Title,Body,Outlet,Authors,Published,Tags\n"
        'Dam opens,"The dam opened, finally.",Valley Herald,Ana Ruiz; Li Wei,2023-10-17T08:30:00Z,floods;dams\n'
        "Too,many,fields,in,this,row,here\n"
        ',"Multi-line\nbody.",Coast Daily,,,\n',
        "utf-8",
    )
    first, bad, third = _read(path)
    assert isinstance(first, RawDocument)
    assert first.content == "The dam opened, finally."
    assert first.meta["bylines"] == ["Ana Ruiz", "Li Wei"]
    assert first.meta["published"] == "2023-10-17T08:30:00+00:00"
    assert first.meta["tags"] == ["floods", "dams"]
    assert isinstance(bad, Refusal)
    assert (bad.source, bad.code) == (f"{path}:3", "E005")
    assert "7 fields where the header has 6" in bad.reason
    assert isinstance(third, RawDocument)
    assert (third.content, third.source, third.meta) == (
        "Multi-line\nbody.",
        f"{path}#3",
        {"outlet": "Coast Daily"},
    )


def test_ingest_records_csv_without_body_column(tmp_path: Path) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("a,b\n1,2\n")
    (refusal,) = _read(path)
    assert isinstance(refusal, Refusal)
    assert refusal.code == "E005"


def test_ingest_records_empty_collections_refused(tmp_path: Path) -> None:
    for name, content in (("a.json", "[]"), ("b.json", '{"articles": []}'), ("c.csv", "title,body\n")):
        (tmp_path / name).write_text(content)
        (refusal,) = _read(tmp_path / name)
        assert isinstance(refusal, Refusal)
        assert (refusal.source, refusal.code) == (str(tmp_path / name), "E006")
