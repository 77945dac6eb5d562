"""WARC and WARC.gz archives written with warcio: pages kept, the rest skipped, damage reported."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.ingest import read_sources
from newsprism.model import RawDocument, Refusal
from newsprism.settings import IngestOptions

OFFLINE = IngestOptions(fetch_feed_links=False)


def _page(n: int) -> bytes:
    return f"<html><body><h1>Story {n}</h1><p>{'Water rose again. ' * 40}</p></body></html>".encode()


def build_warc(gzip: bool) -> bytes:
    """warcinfo, 3 HTML pages, one 404, one image, one request record, one text/plain page."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))

    def response(url: str, status: str, ctype: str, body: bytes) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )
        rec.rec_headers.replace_header("WARC-Date", "2023-10-19T06:00:00Z")
        writer.write_record(rec)

    for n in range(3):
        response(f"https://news.example/{n}", "200 OK", "text/html; charset=utf-8", _page(n))
    response("https://news.example/gone", "404 Not Found", "text/html", b"<p>gone</p>")
    response("https://news.example/pic.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
    get = b"GET /0 HTTP/1.1\r\nHost: news.example\r\n\r\n"
    req = writer.create_warc_record(
        "https://news.example/0", "request", payload=io.BytesIO(get), length=len(get)
    )
    writer.write_record(req)
    response(
        "https://news.example/plain",
        "200 OK",
        "text/plain; charset=latin-1",
        "Café au lait.".encode("latin-1"),
    )
    return out.getvalue()


def _read(path: Path, options: IngestOptions = OFFLINE) -> list[RawDocument | Refusal]:
    return list(read_sources([str(path)], options))


def test_ingest_warc_pages_kept_rest_skipped(tmp_path: Path) -> None:
    for name, gz in (("crawl.warc", False), ("crawl.warc.gz", True)):
        path = tmp_path / name
        path.write_bytes(build_warc(gz))
        docs = _read(path)
        assert all(isinstance(d, RawDocument) for d in docs), docs
        assert [d.url for d in docs] == [  # type: ignore[union-attr]
            "https://news.example/0",
            "https://news.example/1",
            "https://news.example/2",
            "https://news.example/plain",
        ]
        assert [d.kind for d in docs] == ["html", "html", "html", "text"]  # type: ignore[union-attr]
        assert "<h1>Story 1</h1>" in docs[1].content  # type: ignore[union-attr]
        assert docs[3].content == "Café au lait."  # type: ignore[union-attr]
        assert docs[0].meta == {"crawled": "2023-10-19T06:00:00+00:00"}  # type: ignore[union-attr]
        assert "published" not in docs[0].meta  # type: ignore[union-attr]
        assert docs[0].source == f"{path}#2"


def test_ingest_warc_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "archive.bin"
    path.write_bytes(build_warc(True))
    assert len([d for d in _read(path) if isinstance(d, RawDocument)]) == 4


PAGES = [
    "https://news.example/0",
    "https://news.example/1",
    "https://news.example/2",
    "https://news.example/plain",
]


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("fraction", [0.03, 0.1, 0.4, 0.5, 0.75, 0.97])
def test_ingest_warc_truncated_keeps_good_records(tmp_path: Path, gz: bool, fraction: float) -> None:
    data = build_warc(gz)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data[: int(len(data) * fraction)])
    out = _read(path)
    assert isinstance(out[-1], Refusal), out
    assert (out[-1].source, out[-1].code) == (str(path), "E015")
    good = out[:-1]
    assert all(isinstance(d, RawDocument) for d in good)
    assert [d.url for d in good] == PAGES[: len(good)]  # type: ignore[union-attr]
    if fraction >= 0.5:
        assert len(good) >= 2


def test_ingest_warc_malformed_after_good_records(tmp_path: Path) -> None:
    path = tmp_path / "damaged.warc"
    path.write_bytes(build_warc(False) + b"NOT A WARC RECORD\r\n\r\n" + b"junk " * 50)
    out = _read(path)
    assert len([d for d in out if isinstance(d, RawDocument)]) == 4
    assert isinstance(out[-1], Refusal)
    assert out[-1].code in ("E005", "E015")
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"this is not an archive at all\n" * 5)
    (refusal,) = _read(garbage)
    assert isinstance(refusal, Refusal)
    assert refusal.code == "E005"


def test_ingest_warc_oversized_record_refused_alone(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(build_warc(False))
    out = _read(path, IngestOptions(max_bytes=200, fetch_feed_links=False))
    assert [o.code for o in out if isinstance(o, Refusal)] == ["E003", "E003", "E003"]
    assert [d.url for d in out if isinstance(d, RawDocument)] == ["https://news.example/plain"]
