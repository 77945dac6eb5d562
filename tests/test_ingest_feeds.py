"""RSS and Atom feeds: entries as documents, summaries followed to their pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from http_server import LiveServer, Route, fence_connections, serve

from newsprism.ingest import read_sources
from newsprism.model import RawDocument, Refusal
from newsprism.settings import IngestOptions

LOCAL = IngestOptions(allow_private=True, timeout=5.0)
OFFLINE = IngestOptions(fetch_feed_links=False)
LONG = "The reservoir rose for a third day. " * 20


@pytest.fixture
def server() -> Iterator[LiveServer]:
    with serve() as live:
        yield live


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    return fence_connections(monkeypatch)


def rss(items: str, title: str = "Valley Herald") -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>{title}</title><link>https://valley.example/</link><language>en-gb</language>
<description>News</description>{items}</channel></rss>"""


def item(link: str, title: str, summary: str, extra: str = "") -> str:
    return f"""<item><title>{title}</title><link>{link}</link>
<description>{summary}</description><pubDate>Tue, 17 Oct 2023 08:30:00 +0200</pubDate>
<dc:creator>Ana Ruiz</dc:creator><category>Floods</category><category>Weather</category>{extra}</item>"""


def test_ingest_feeds_rss_full_content(tmp_path: Path, connections: list[object]) -> None:
    encoded = f"<content:encoded><![CDATA[<p>{LONG}</p><p>Second paragraph.</p>]]></content:encoded>"
    path = tmp_path / "herald.rss"
    path.write_text(rss(item("https://valley.example/a", "Dam opens", "Short teaser.", encoded)), "utf-8")
    (doc,) = list(read_sources([str(path)], LOCAL))
    assert isinstance(doc, RawDocument)
    assert doc.kind == "html"
    assert "<p>Second paragraph.</p>" in doc.content
    assert doc.source == f"{path}#1"
    assert doc.url == "https://valley.example/a"
    assert doc.meta == {
        "title": "Dam opens",
        "outlet": "Valley Herald",
        "bylines": ["Ana Ruiz"],
        "published": "2023-10-17T06:30:00+00:00",
        "tags": ["Floods", "Weather"],
        "language": "en-gb",
    }
    assert connections == []  # long content: no link fetched


def test_ingest_feeds_summary_only_offline_is_text(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(
        rss(item("https://valley.example/b", "Bridge shut", "The bridge is shut &amp; closed.")), "utf-8"
    )
    (doc,) = list(read_sources([str(path)], OFFLINE))
    assert isinstance(doc, RawDocument)
    assert (doc.kind, doc.content) == ("text", "The bridge is shut & closed.")


def test_ingest_feeds_atom_sniffed_without_extension(tmp_path: Path) -> None:
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Daily</title><id>urn:x</id>
<updated>2023-10-18T10:00:00Z</updated>
<entry><title>Storm nears</title><id>urn:1</id><link href="https://coast.example/storm"/>
<updated>2023-10-18T10:00:00Z</updated><author><name>Li Wei</name></author>
<content type="html">&lt;p&gt;{LONG}&lt;/p&gt;</content></entry></feed>"""
    path = tmp_path / "coast-feed"
    path.write_text(atom, "utf-8")
    (doc,) = list(read_sources([str(path)], OFFLINE))
    assert isinstance(doc, RawDocument)
    assert doc.kind == "html"
    assert doc.meta["outlet"] == "Coast Daily"
    assert doc.meta["bylines"] == ["Li Wei"]
    assert doc.meta["published"] == "2023-10-18T10:00:00+00:00"
    assert doc.url == "https://coast.example/storm"


def test_ingest_feeds_malformed_feed_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text('<?xml version="1.0"?><rss><channel><title>x</titel>&bogus; <', "utf-8")
    (refusal,) = list(read_sources([str(path)], OFFLINE))
    assert isinstance(refusal, Refusal)
    assert refusal.code == "E005"
    assert "malformed feed" in refusal.reason


def test_ingest_feeds_summaries_fetch_linked_pages(server: LiveServer) -> None:
    base = server.base_url
    items = item(f"{base}/a", "Dam opens", "Teaser A.") + item(f"{base}/b", "Bridge shut", "Teaser B.")
    server.routes["/feed"] = Route(rss(items), content_type="application/rss+xml")
    server.routes["/a"] = Route("<html><body><article><p>Full story A.</p></article></body></html>")
    server.routes["/b"] = Route("<html><body><article><p>Full story B.</p></article></body></html>")
    docs = list(read_sources([server.url("/feed")], LOCAL))
    assert server.paths() == ["/feed", "/a", "/b"]
    assert [d.kind for d in docs] == ["html", "html"]
    assert all(isinstance(d, RawDocument) for d in docs)
    assert "Full story A." in docs[0].content  # type: ignore[union-attr]
    assert [d.source for d in docs] == [f"{base}/feed#1", f"{base}/feed#2"]
    assert docs[1].url == f"{base}/b"  # type: ignore[union-attr]
    assert docs[1].meta["title"] == "Bridge shut"  # type: ignore[union-attr]


def test_ingest_feeds_link_fetch_goes_through_guard(tmp_path: Path, connections: list[object]) -> None:
    entries = item("http://169.254.169.254/latest/meta-data/", "Bait", "") + item(
        "http://10.0.0.1/x", "Teaser", "short"
    )
    path = tmp_path / "bait.rss"
    path.write_text(rss(entries), "utf-8")
    empty, refused = list(read_sources([str(path)], IngestOptions()))
    assert isinstance(empty, Refusal)
    assert (empty.source, empty.code) == (f"{path}#1", "E010")
    # a refused link is said, not swapped silently for the entry's 5-character teaser
    assert isinstance(refused, Refusal)
    assert (refused.source, refused.code) == (f"{path}#2", "E010")
    assert refused.reason == "http://10.0.0.1/x: refused address 10.0.0.1 (private)"
    assert connections == []


def test_ingest_feeds_failed_fetch_keeps_summary(server: LiveServer) -> None:
    server.routes["/feed"] = Route(
        rss(item(server.url("/gone"), "Gone", "Teaser kept.")), content_type="application/rss+xml"
    )
    (kept,) = list(read_sources([server.url("/feed")], LOCAL))
    assert isinstance(kept, RawDocument)
    assert (kept.kind, kept.content) == ("text", "Teaser kept.")


def test_ingest_feeds_custom_entities_dropped_not_expanded(tmp_path: Path) -> None:
    feed = """<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY xxe SYSTEM "file:///etc/passwd">
<!ENTITY pw SYSTEM "file:///etc/hostname">
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol9 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<rss version="2.0"><channel><title>&lol9;</title><link>https://x.example/</link>
<item><title>Entry &xxe;</title><link>https://x.example/a</link>
<description>Body &xxe; and &pw; here &amp; there &#169; AT&amp;T</description>
</item></channel></rss>"""
    path = tmp_path / "xxe.rss"
    path.write_text(feed, "utf-8")
    (doc,) = list(read_sources([str(path)], OFFLINE))
    assert isinstance(doc, RawDocument)
    assert doc.meta == {"title": "Entry"}  # outlet "&lol9;" dropped, not kept literally
    assert doc.content == "Body  and  here & there © AT&T"
    assert "root:" not in doc.content and "lol" not in doc.content
