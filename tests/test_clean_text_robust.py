"""clean() on arbitrary input: only InputError may come out, and it is deterministic."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.clean import clean
from newsprism.errors import InputError
from newsprism.model import Article, RawDocument

# Lines that look like the things the cleaner hunts for, mixed with arbitrary text.
_PIECES = st.sampled_from(
    [
        "By Jane Doe",
        "Updated Oct 17, 2023 at 5:00 AM",
        "• Newsletter delivered",
        "About the writer",
        "Click here.",
        "ELDHAM (Wire) - Text",
        "On Tuesday, it happened on October 17-18 and February 30, 2024.",
        "Photo: A/AFP",
        "X is committed to journalism.",
        "AbcDef (G)HijKlm",
        "",
        "\n",
        "  ",
    ]
)
_TEXT = st.lists(st.one_of(st.text(max_size=120), _PIECES), max_size=25).map("\n".join)


def _try(doc: RawDocument) -> Article | None:
    try:
        return clean(doc)
    except InputError as exc:
        assert exc.code in {"E003", "E005", "E006"}
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=_TEXT, kind=st.sampled_from(["text", "record"]))
def test_clean_text_never_raises_anything_but_input_error(content: str, kind: str) -> None:
    doc = RawDocument("fuzz.txt", content, kind)  # type: ignore[arg-type]
    article = _try(doc)
    if article is not None:
        assert article.body.strip()
        again = _try(RawDocument("fuzz.txt", content, kind))  # type: ignore[arg-type]
        assert again is not None and again.body == article.body and again.removed == article.removed


def test_clean_text_rejects_unknown_kind_and_oversized_input() -> None:
    with pytest.raises(InputError) as info:
        clean(RawDocument("x.bin", "text", "pdf"))  # type: ignore[arg-type]
    assert info.value.code == "E008"
    with pytest.raises(InputError) as info:
        clean(RawDocument("big.txt", "a" * 10_000_001, "text"))
    assert info.value.code == "E003" and "big.txt" in info.value.message


def test_clean_text_long_line_is_handled_quickly() -> None:
    line = ("Word" * 5000 + " ") * 20
    article = clean(RawDocument("long.txt", f"Title Here\n\n{line}\n", "text"))
    assert article.body


def test_clean_text_runs_in_two_worker_processes() -> None:
    from concurrent.futures import ProcessPoolExecutor

    from newsprism.clean.boilerplate import BoilerplateModel

    model = BoilerplateModel(min_pages=1)
    model.observe("Herald", ["Herald footer line, all rights reserved"])
    docs = [
        RawDocument(
            f"d{i}.txt",
            f"Story {i} Title\n\nParagraph {i} says the bridge opened today.\n\nHerald footer line, all rights reserved\n",
            "text",
            meta={"outlet": "Herald"},
        )
        for i in range(4)
    ]
    with ProcessPoolExecutor(max_workers=2) as pool:
        remote = list(pool.map(clean, docs, [model] * len(docs)))
    assert remote == [clean(d, model) for d in docs]
    assert all("footer" not in a.body for a in remote)
