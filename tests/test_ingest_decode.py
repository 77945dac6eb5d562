"""decode_bytes: encodings, mojibake repair, binary and empty refusal, never another exception."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.errors import InputError
from newsprism.ingest.decode import decode_bytes
from newsprism.pipeline import ingest
from newsprism.store import Store

PROSE = "The minister’s “plan” — announced in Zürich — was, she said, «not final»."


def _code(data: bytes, declared: str | None = None) -> str:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "in.txt", declared)
    assert info.value.source == "in.txt"
    return info.value.code


def test_ingest_decode_utf8_and_boms() -> None:
    assert decode_bytes(PROSE.encode("utf-8"), "x") == PROSE
    assert decode_bytes(PROSE.encode("utf-8-sig"), "x") == PROSE
    assert decode_bytes(PROSE.encode("utf-16"), "x") == PROSE  # BOM first, despite the NUL bytes
    assert decode_bytes(PROSE.encode("utf-32"), "x") == PROSE


def test_ingest_decode_repairs_mojibake() -> None:
    original = "The minister’s ‘plan’ — drafted in Zürich — is final."
    garbled = original.encode("utf-8").decode("cp1252").encode("utf-8")
    assert "â€™" in garbled.decode("utf-8")
    assert decode_bytes(garbled, "x") == original
    assert decode_bytes("It’s done.".encode().decode("cp1252").encode(), "x") == "It’s done."
    assert decode_bytes("Zürich’s mayor".encode().decode("latin-1").encode(), "x") == "Zürich’s mayor"


def test_ingest_decode_latin1_without_declaration() -> None:
    text = "Le café était animé à Genève; l'élève a dû répondre."
    assert decode_bytes(text.encode("latin-1"), "x") == text
    assert decode_bytes("Café naïve".encode("latin-1"), "x") == "Café naïve"
    assert decode_bytes("Price: 5 € – “ok”".encode("cp1252"), "x") == "Price: 5 € – “ok”"


def test_ingest_decode_declared_charsets() -> None:
    russian = "Привет, как дела? Всё хорошо, спасибо."
    assert decode_bytes(russian.encode("koi8-r"), "x", declared="koi8-r") == russian
    page = f'<html><head><meta charset="windows-1251"></head><body>{russian}</body></html>'
    assert russian in decode_bytes(page.encode("cp1251"), "x")
    xml = '<?xml version="1.0" encoding="ISO-8859-7"?><rss><title>Αθήνα</title></rss>'
    assert "Αθήνα" in decode_bytes(xml.encode("iso-8859-7"), "x")
    # a wrong declaration falls through to what fits
    assert decode_bytes(PROSE.encode("utf-8"), "x", declared="no-such-charset") == PROSE


def test_ingest_decode_refusals() -> None:
    assert _code(b"") == "E001"
    assert _code(b" \r\n\t ") == "E001"
    assert _code(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == "E002"
    assert _code(b"%PDF-1.7\n%\xe2\xe3") == "E002"
    assert _code(b"PK\x03\x04" + b"x" * 20) == "E002"
    assert _code(b"\x1f\x8b\x08\x00" + b"x" * 20) == "E002"
    assert _code(b"text with a NUL \x00 inside") == "E002"
    assert _code(b"\x01\x02\x03\x04\x05 hi") == "E002"
    assert _code(b"\xef\xbb\xbf\xff\xfe bad utf-8 after BOM") == "E004"


# UTF-8 prose with one stray byte (0xFF before the second euro sign): the reviewer's case.
DAMAGED = (
    (
        "Court backs tariff ruling\n\nJudge Anna Berg said on Monday the €5bn tariff was lawful and that "
        "Norland’s appeal – filed in the third quarter – would fail. The court’s fee of "
    ).encode()
    + b"\xff"
    + "€20 stands.\n".encode()
)


def test_ingest_decode_damaged_utf8_stays_utf8(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A UTF-8 file with one invalid byte is read as UTF-8 (U+FFFD for the byte) and stored, with a warning."""
    path = tmp_path / "damaged.txt"
    path.write_bytes(DAMAGED)
    with caplog.at_level(logging.WARNING, logger="newsprism.ingest.decode"):
        summary = ingest([str(path)], tmp_path / "np.db", extract=False)
    assert summary.exit_code == 0
    with Store.open(tmp_path / "np.db") as store:
        (article,) = store.list_articles()
    assert "the €5bn tariff was lawful and that Norland’s appeal – filed" in article.body
    assert "fee of \ufffd€20 stands." in article.body
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [f"{path}: not valid UTF-8: read as UTF-8 with 1 invalid byte replaced by U+FFFD"]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="newsprism.ingest.decode"):
        text = decode_bytes(b"\xfe" + DAMAGED, "two.txt")
    assert text.startswith("\ufffdCourt") and "Norland’s" in text and "\ufffd€20" in text
    assert caplog.records[0].getMessage() == (
        "two.txt: not valid UTF-8: read as UTF-8 with 2 invalid bytes replaced by U+FFFD"
    )


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "Le café était animé à Genève; l’élève a dû répondre « très vite » — 5 € à payer."),
        ("latin-1", "Die Straße in Zürich ist schön; Grüße aus Köln, über Äpfel und Öl für André."),
        ("mac_roman", "Die Straße in Zürich ist schön; Grüße aus Köln, über Äpfel und Öl für André."),
        ("cp1252", "“Café” – Éric’s “ÉLAN” costs 5 € at Zoë’s. À bientôt, señor Muñoz!"),
        ("cp1253", "Ελλάδα: η Αθήνα είναι η πρωτεύουσα της χώρας, είπε ο υπουργός."),
    ],
)
def test_ingest_decode_other_8bit_encodings_not_taken_for_damaged_utf8(
    encoding: str, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Text in a single-byte encoding is decoded in it, not as UTF-8 with replacement characters."""
    with caplog.at_level(logging.WARNING, logger="newsprism.ingest.decode"):
        assert decode_bytes(text.encode(encoding), "x") == text
    assert not caplog.records


def test_ingest_refusal_hint_fits_every_malformed_format(tmp_path: Path) -> None:
    """E005 refusals of different formats each get the hint of their format (once per distinct hint)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "feed.xml").write_text('<rss version="2.0"><channel></channel></rss>')
    (folder / "y.csv").write_text("a,b\n1,2\n")
    result = CliRunner().invoke(app, ["ingest", "--no-extract", "--db", str(tmp_path / "np.db"), str(folder)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert f"refused E005 {folder / 'feed.xml'}: malformed feed (no entries)" in lines
    assert any(line.startswith(f"refused E005 {folder / 'y.csv'}: malformed CSV (") for line in lines)
    assert [line for line in lines if line.startswith("hint")] == [
        "hint E005: check that the feed is well-formed",
        "hint E005: check that the CSV is well-formed",
    ]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_ingest_decode_never_raises_other_than_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "fuzz")
    except InputError as err:
        assert err.code in {"E001", "E002", "E004"}
    else:
        assert isinstance(text, str)
        assert text.strip()
