"""Fingerprints and ids: stable under whitespace/case/quote style, different for other words."""

from __future__ import annotations

from newsprism.clean import article_id, clean, fingerprint
from newsprism.model import RawDocument

BODY = 'The mayor said "the bridge is safe" and that it\'s open.\n\nTolls end in May.'


def test_clean_text_fingerprint_folds_whitespace_case_and_quotes() -> None:
    base = fingerprint(BODY)
    assert len(base) == 64 and all(c in "0123456789abcdef" for c in base)
    assert (
        fingerprint("  The  mayor said\n“the bridge is safe” and that it’s open.\n\nTolls end in May. ")
        == base
    )
    assert fingerprint(BODY.upper()) == base
    assert fingerprint(BODY.replace("\n\n", "\n")) == base
    assert fingerprint(BODY.replace("safe", "sound")) != base
    assert fingerprint(BODY.replace("May", "June")) != base


def test_clean_text_article_id_is_fingerprint_prefix() -> None:
    fp = fingerprint(BODY)
    assert article_id(fp) == fp[:12]


def test_clean_text_same_article_twice_is_one_id() -> None:
    page = f"Bridge Opens\n\n{BODY}\n"
    a = clean(RawDocument("a.txt", page, "text"))
    b = clean(RawDocument("b.txt", page.replace('"', "“", 1).replace("  ", " ") + "\n\n", "text"))
    assert a.id == b.id and a.fingerprint == b.fingerprint
    assert a.id == article_id(fingerprint(a.body))
    assert a.source == "a.txt" and b.source == "b.txt"
