"""Article records: JSON, JSON Lines, CSV; column aliases, metadata, per-line refusals."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

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


def test_ingest_records_escaped_mojibake_repaired_in_fields(tmp_path: Path) -> None:
    # JSON \u escapes become text only after decoding, so the bytes-level repair never saw them
    # (the first lines of the BBC News dataset carry "(\u00c2\u00a3600m)").
    path = tmp_path / "bbc.jsonl"
    path.write_text(
        '{"text": "Profits rose to \\u00c2\\u00a3600m, it\\u00e2\\u0080\\u0099s said", '
        '"title": "It\\u00e2\\u0080\\u0099s up", "source": "Caf\\u00c3\\u00a9 Daily", '
        '"authors": ["Jos\\u00c3\\u00a9 Ruiz"]}\n'
        '{"html": "<p>\\u00c2\\u00a35 fee</p>", "byline": "Ren\\u00c3\\u00a9e Li"}\n'
    )
    text, page = _read(path)
    assert isinstance(text, RawDocument)
    assert text.content == "Profits rose to £600m, it’s said"
    assert text.meta == {"title": "It’s up", "outlet": "Café Daily", "bylines": ["José Ruiz"]}
    assert isinstance(page, RawDocument)
    assert (page.kind, page.content, page.meta) == ("html", "<p>£5 fee</p>", {"bylines": ["Renée Li"]})


def test_ingest_records_wrong_typed_fields_named(tmp_path: Path) -> None:
    path = tmp_path / "typed.jsonl"
    path.write_text(
        '{"body": 12345}\n{"text": ["list"]}\n{"html": {"a": 1}}\n{"body": "Fine body.", "url": 7}\n'
    )
    number, listed, obj, url = _read(path)
    assert isinstance(number, Refusal)
    assert (number.source, number.code) == (f"{path}#1", "E006")
    assert "field 'body' is a number, not text" in number.reason
    assert isinstance(listed, Refusal)
    assert "field 'text' is a list, not text" in listed.reason
    assert isinstance(obj, Refusal)
    assert "field 'html' is an object, not text" in obj.reason
    assert isinstance(url, Refusal)
    assert (url.source, url.code) == (f"{path}#4", "E005")
    assert "field 'url' is a number, not text" in url.reason


def test_ingest_records_articles_not_a_list_refused(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.json"
    path.write_text('{"articles": "notalist"}')
    (refusal,) = _read(path)
    assert isinstance(refusal, Refusal)
    assert (refusal.source, refusal.code) == (str(path), "E005")
    assert "field 'articles' is text, not a list of records" in refusal.reason
    single = tmp_path / "single.json"
    single.write_text('{"body": "An article about articles.", "articles": 3}')
    (doc,) = _read(single)
    assert isinstance(doc, RawDocument)
    assert doc.content == "An article about articles."


def test_ingest_records_unreadable_date_dropped_with_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "dates.jsonl"
    path.write_text(
        '{"body": "Body.", "published": "not a date at all"}\n{"body": "B.", "date": "2023-10-17"}\n'
    )
    with caplog.at_level(logging.WARNING, logger="newsprism.ingest.records"):
        bad, good = _read(path)
    assert isinstance(bad, RawDocument)
    assert "published" not in bad.meta
    assert good.meta == {"published": "2023-10-17"}  # type: ignore[union-attr]
    (warning,) = [r.getMessage() for r in caplog.records]
    assert warning == f"{path}#1: field 'published' value 'not a date at all' is not a readable date; dropped"
