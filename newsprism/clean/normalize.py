"""Text normalisation shared by the cleaner: whitespace, quote styles, fingerprints."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Curly and typographic quotes folded to their ASCII forms (one char -> one char, so
# offsets survive the fold).
QUOTE_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
    }
)
_SPACES = re.compile(r"[^\S\n]+")
_ALL_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def fold_quotes(text: str) -> str:
    """``text`` with curly quotes, primes and guillemets replaced by ASCII quotes (same length)."""
    return text.translate(QUOTE_FOLD)


def tidy_line(line: str) -> str:
    """One line with invisible characters dropped and runs of spaces/tabs collapsed."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def normalise_text(text: str) -> str:
    """NFC text with unified newlines and tidy lines (blank lines kept)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(tidy_line(line) for line in text.split("\n"))


def fold_for_compare(text: str) -> str:
    """The comparison form of a text: NFKC, quotes folded, case folded, one space between words."""
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))
    return _ALL_SPACE.sub(" ", fold_quotes(text).casefold()).strip()


def fingerprint(body: str) -> str:
    """sha256 hex of the normalised body (whitespace, case and quote style folded)."""
    return hashlib.sha256(fold_for_compare(body).encode("utf-8", "surrogatepass")).hexdigest()


def article_id(fp: str) -> str:
    """The short stable article id: the first 12 hex characters of the fingerprint."""
    return fp[:12]
