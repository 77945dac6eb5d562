"""Files, stdin, directories and globs: kinds by extension and sniffing, bounded reads."""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path

import pytest

from newsprism.ingest import expand_sources, read_sources
from newsprism.ingest.dirs import walk_dir
from newsprism.model import RawDocument, Refusal
from newsprism.settings import IngestOptions

OFFLINE = IngestOptions(fetch_feed_links=False)
HTML = "<!doctype html><html><head><title>T</title></head><body><p>Flood waters receded.</p></body></html>"


def _read(*sources: str | Path, options: IngestOptions = OFFLINE) -> list[RawDocument | Refusal]:
    return list(read_sources([str(s) for s in sources], options))


def _tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".git").mkdir()
    (root / "z.html").write_text(HTML)
    (root / "b" / "2.txt").write_text("Second.")
    (root / "b" / "1.html").write_text(HTML)
    (root / "a" / "3.md").write_text("Third.")
    (root / ".hidden.html").write_text(HTML)
    (root / ".git" / "x.html").write_text(HTML)


def test_ingest_files_kinds_by_extension(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(HTML)
    (tmp_path / "p.htm").write_text(HTML)
    (tmp_path / "n.txt").write_text("Plain <b>not html</b> text.")
    (tmp_path / "n.md").write_text("# Title\n\nBody.")
    docs = _read(tmp_path / "p.html", tmp_path / "p.htm", tmp_path / "n.txt", tmp_path / "n.md")
    assert [(d.kind, Path(d.source).name) for d in docs] == [  # type: ignore[union-attr]
        ("html", "p.html"),
        ("html", "p.htm"),
        ("text", "n.txt"),
        ("text", "n.md"),
    ]
    assert docs[2].content == "Plain <b>not html</b> text."  # type: ignore[union-attr]


def test_ingest_files_unknown_extension_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page.php").write_text(HTML)
    (tmp_path / "notes").write_text("Just words on a line.\nAnother line.")
    (tmp_path / "dump.data").write_text('{"body": "Record body.", "title": "R"}\n{"body": "Two."}\n')
    kinds = [d.kind for d in _read(tmp_path / "page.php", tmp_path / "notes", tmp_path / "dump.data")]  # type: ignore[union-attr]
    assert kinds == ["html", "text", "record", "record"]


def test_ingest_files_refusals(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (tmp_path / "big.txt").write_text("word " * 1000)
    out = _read(
        tmp_path / "missing.html",
        tmp_path / "empty.txt",
        tmp_path / "image.html",
        tmp_path / "big.txt",
        options=IngestOptions(max_bytes=1000),
    )
    assert all(isinstance(r, Refusal) for r in out)
    assert [r.code for r in out] == ["E007", "E001", "E002", "E003"]  # type: ignore[union-attr]
    assert out[0].reason == f"{tmp_path / 'missing.html'}: not found"  # type: ignore[union-attr]
    assert "1000-byte cap" in out[3].reason  # type: ignore[union-attr]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_ingest_files_special_file_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (refusal,) = _read(fifo)
    assert isinstance(refusal, Refusal)
    assert refusal.code == "E008"


def test_ingest_files_latin1_and_mojibake_files(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes(
        "Le café était animé à Genève, où l'élève a dû répondre.".encode("latin-1")
    )
    (tmp_path / "moji.txt").write_bytes("It’s “done”".encode().decode("cp1252", "ignore").encode())
    latin, moji = _read(tmp_path / "latin.txt", tmp_path / "moji.txt")
    assert latin.content == "Le café était animé à Genève, où l'élève a dû répondre."  # type: ignore[union-attr]
    assert moji.content.startswith("It’s “done")  # type: ignore[union-attr]


def test_ingest_files_directory_walk_sorted_hidden_skipped(tmp_path: Path) -> None:
    _tree(tmp_path / "d")
    root = tmp_path / "d"
    expected = [root / "z.html", root / "a" / "3.md", root / "b" / "1.html", root / "b" / "2.txt"]
    expected = sorted(expected, key=lambda p: p.relative_to(root).parts)
    assert expand_sources([str(root)]) == [str(p) for p in expected]
    docs = _read(root)
    assert [d.source for d in docs] == [str(p) for p in expected]
    only_html = IngestOptions(patterns=("*.html",), fetch_feed_links=False)
    assert expand_sources([str(root)], only_html) == [str(root / "b" / "1.html"), str(root / "z.html")]


def test_ingest_files_glob_and_passthrough(tmp_path: Path) -> None:
    _tree(tmp_path / "d")
    pattern = str(tmp_path / "d" / "**" / "*.html")
    assert expand_sources([pattern, "-", "https://x.example/a", "nope.txt"]) == [
        str(tmp_path / "d" / "b" / "1.html"),
        str(tmp_path / "d" / "z.html"),
        "-",
        "https://x.example/a",
        "nope.txt",
    ]
    (nothing,) = _read(str(tmp_path / "d" / "*.pdf"))
    assert isinstance(nothing, Refusal)
    assert nothing.code == "E007"
    (empty_dir,) = _read(tmp_path / "d" / "a", options=IngestOptions(patterns=("*.html",)))
    assert isinstance(empty_dir, Refusal)
    assert empty_dir.code == "E008"


def test_ingest_files_stdin_sniffed_and_bounded() -> None:
    (doc,) = read_sources(["-"], OFFLINE, stdin=io.BytesIO(HTML.encode()))
    assert isinstance(doc, RawDocument)
    assert (doc.source, doc.kind) == ("stdin", "html")
    (text,) = read_sources(["-"], OFFLINE, stdin=io.BytesIO(b"Plain words."))
    assert text.kind == "text"  # type: ignore[union-attr]
    (big,) = read_sources(["-"], IngestOptions(max_bytes=10), stdin=io.BytesIO(b"x" * 11))
    assert isinstance(big, Refusal)
    assert big.code == "E003"


def test_ingest_files_bad_input_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "ok.html").write_text(HTML)
    out = _read(tmp_path / "gone.html", tmp_path / "ok.html", "ftp://x/y", tmp_path / "ok.html")
    assert [type(o).__name__ for o in out] == ["Refusal", "RawDocument", "Refusal", "RawDocument"]


def test_ingest_files_folder_docs_skipped_unless_named(tmp_path: Path) -> None:
    folder = tmp_path / "coverage"
    folder.mkdir()
    for name in ("a.txt", "README.md", "LICENSE", "Licence.txt", "changelog.md", "readme_notes.txt"):
        (folder / name).write_text(
            "Ministers met on Tuesday to agree the harbour budget.\n", encoding="utf-8"
        )
    kept = [str(folder / "a.txt"), str(folder / "readme_notes.txt")]
    assert expand_sources([str(folder)]) == kept
    assert expand_sources([str(folder / "*")]) == kept
    assert expand_sources([str(folder / "README.md")]) == [str(folder / "README.md")]


def test_ingest_files_walk_skips_symlinks_leaving_the_folder(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("Private notes outside the folder.")
    folder = tmp_path / "coverage"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Ministers met on Tuesday.")
    (folder / "pw.txt").symlink_to(outside)
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "sub" / "again.txt").symlink_to(folder / "a.txt")  # stays inside: read
    skipped: list[tuple[str, str]] = []
    assert walk_dir(str(folder), skipped=skipped) == [
        str(folder / "a.txt"),
        str(folder / "sub" / "again.txt"),
    ]
    assert skipped == [
        (str(folder / "loop.txt"), "symlink loop"),
        (str(folder / "pw.txt"), f"symlink leaves the folder (points to {outside.resolve()})"),
    ]
    with caplog.at_level(logging.WARNING, logger="newsprism.ingest.dirs"):
        walk_dir(str(folder))  # no list to collect them: logged
    assert [r.getMessage() for r in caplog.records] == [f"{p}: skipped, {why}" for p, why in skipped]
    docs = _read(folder)
    refused = [(d.source, d.code, d.reason) for d in docs if isinstance(d, Refusal)]
    assert refused == [(p, "E016", f"{p}: skipped ({why})") for p, why in skipped]  # reported, not silent
    read = [d for d in docs if isinstance(d, RawDocument)]
    assert [d.source for d in read] == [str(folder / "a.txt"), str(folder / "sub" / "again.txt")]
    assert all("Private notes" not in d.content for d in read)
    (named,) = _read(folder / "pw.txt")  # named on the command line: read where it points
    assert isinstance(named, RawDocument)
    assert named.content == "Private notes outside the folder."
