"""Bytes to text for every reader: refuse binary, find the encoding, repair mojibake.

Order: byte-order mark; then the declared charset (the HTTP header passed in, else a
``<meta charset>`` / ``http-equiv`` tag or an XML declaration in the first bytes); then
strict UTF-8; then damaged UTF-8 (at least twice as many valid multi-byte characters as
invalid bytes: those become U+FFFD, with a logged warning naming the source and the count);
then charset-normalizer's best guess. The text then goes through ``ftfy.fix_text`` so
that double-encoded UTF-8 ("â€™") becomes what was meant ("’").
ftfy is configured not to straighten curly quotes, widen/narrow characters or unescape
HTML entities: decoding must not change what the author wrote.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

import ftfy

from newsprism.errors import InputError

log = logging.getLogger(__name__)

# Known binary signatures, refused before any decoding (gzip is allowed only as WARC,
# which the WARC reader sees before this function does).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x7fELF", "executable"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"wOFF", "font"),
    (b"OggS", "Ogg media"),
)

# UTF-32 marks first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_HEAD = 4096

# Share of control characters above which a "text" is taken for binary data. Plain
# prose has none; 10% leaves room for a few stray form feeds or escape sequences.
_MAX_CONTROL_SHARE = 0.10
# Share of invalid UTF-8 sequences tolerated (replaced by U+FFFD) when no encoding fits:
# a damaged byte or a cut-off last character, not a text in an unknown encoding.
_MAX_REPLACED_SHARE = 0.001
# A text that is not valid UTF-8 is still read as UTF-8 when it has at least this many
# valid multi-byte characters per invalid byte: in other 8-bit encodings accented letters
# are followed by ASCII, which makes nearly every non-ASCII byte invalid UTF-8.
_MIN_VALID_PER_INVALID = 2
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_ESCAPED = re.compile("[\udc80-\udcff]")

# WHATWG: these labels mean windows-1252 on the web; UTF-16/32 without a BOM are not
# trusted (an ASCII page declaring utf-16 would decode to CJK garbage).
_AS_CP1252 = {"ascii", "latin_1", "iso8859_1", "cp1252"}
_UNTRUSTED = {"utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"}

_FIX = ftfy.TextFixerConfig(
    unescape_html=False, fix_character_width=False, uncurl_quotes=False, explain=False
)
# ftfy costs about 1 µs per character, so it only sees lines that may need it: a C1
# control, or a UTF-8 lead byte read as Latin-1 / windows-1252 (Â-ß, à-ï, ð-ô) followed
# by as many characters as continuation bytes become ("Ã©", "â€™", "Ð¿"). Legitimate
# text ("café»") rarely matches. ftfy works line by line itself, so fixing only those
# lines gives its result; every line is NFC-normalised as ftfy would.
_CONT = (
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_SUSPECT = re.compile(
    f"[\u0080-\u009f]|[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}"
)


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` starts with (``"PNG image"``, ...), else None."""
    return next((name for magic, name in _MAGIC if data.startswith(magic)), None)


def declared_charset(data: bytes) -> str | None:
    """The charset an XML declaration or a ``<meta>`` tag in the first bytes declares."""
    head = data[:_HEAD]
    found = _XML_DECL.match(head) or _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


def charset_from_content_type(value: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header value."""
    if not value:
        return None
    found = re.search(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", value, re.I)
    return found.group(1) if found else None


def _codec_candidates(label: str | None) -> list[str]:
    if not label:
        return []
    try:
        name = codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return []
    if name in _UNTRUSTED:
        return []
    if name in _AS_CP1252:
        return ["cp1252", "latin_1"]
    return [name]


def _guess(data: bytes) -> str | None:
    """charset-normalizer's pick; among equally clean decodings windows-1252 wins."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    cleanest = min(m.chaos for m in matches)
    best = [m for m in matches if m.chaos == cleanest]
    for match in best:
        if match.encoding in ("utf_8", "ascii", "cp1252"):
            return match.encoding
    return best[0].encoding


def _utf8_counts(data: bytes) -> tuple[int, int]:
    """(valid non-ASCII characters, invalid bytes) of ``data`` read as UTF-8."""
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(escaped))
    return len(escaped) - len(escaped.encode("ascii", errors="ignore")) - bad, bad


def _replaced_utf8(data: bytes, source: str, bad: int) -> str:
    """``data`` as UTF-8 with its ``bad`` invalid bytes replaced by U+FFFD, logged as a warning."""
    log.warning(
        "%s: not valid UTF-8: read as UTF-8 with %d invalid byte%s replaced by U+FFFD",
        source,
        bad,
        "" if bad == 1 else "s",
    )
    return data.decode("utf-8", errors="replace")


def _mostly_utf8(data: bytes, source: str) -> str:
    """UTF-8 with a few bad bytes replaced (a damaged file), else E004."""
    _good, bad = _utf8_counts(data)
    if bad > _MAX_REPLACED_SHARE * len(data):
        raise InputError("E004", source, detail=f"no text encoding fits the bytes ({bad} invalid as UTF-8)")
    return _replaced_utf8(data, source, bad)


def _decode(data: bytes, source: str, declared: str | None) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError("E004", source, detail=f"invalid {codec} after its byte-order mark") from exc
    if b"\x00" in data:
        raise InputError("E002", source, detail="NUL bytes")
    candidates = [*_codec_candidates(declared), *_codec_candidates(declared_charset(data)), "utf_8"]
    for codec in dict.fromkeys(candidates):
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    good, bad = _utf8_counts(data)
    if good >= _MIN_VALID_PER_INVALID * bad:
        return _replaced_utf8(data, source, bad)
    guess = _guess(data)
    if guess is None:
        return _mostly_utf8(data, source)
    try:
        return data.decode(guess)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError("E004", source, detail=f"guessed {guess} but {exc.__class__.__name__}") from exc


def repair_text(text: str) -> str:
    """Mojibake repaired (ftfy on the lines that show its signs), line breaks as "\\n", NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _SUSPECT.search(text):
        lines = text.splitlines(keepends=True)
        text = "".join(ftfy.fix_text(line, _FIX) if _SUSPECT.search(line) else line for line in lines)
    return unicodedata.normalize("NFC", text)


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode untrusted bytes to repaired text; raises InputError E001, E002 or E004.

    ``declared`` is a charset from outside the bytes (an HTTP Content-Type header).
    """
    if not data.strip():
        raise InputError("E001", source)
    kind = binary_kind(data)
    if kind:
        raise InputError("E002", source, detail=kind)
    text = _decode(data, source, declared)
    if "\x00" in text:
        raise InputError("E002", source, detail="NUL characters")
    controls = len(_CONTROL.findall(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError("E002", source, detail=f"{controls} control characters in {len(text)}")
    text = repair_text(text)
    if not text.strip():
        raise InputError("E001", source)
    return text
