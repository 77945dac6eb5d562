"""decode_bytes: encodings, mojibake repair, binary and empty refusal, never another exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.errors import InputError
from newsprism.ingest.decode import decode_bytes

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
