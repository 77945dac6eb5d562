"""MEANTIME (CAT XML) read as timex evaluation documents: text rebuilt from tokens, spans, the DCT."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.eval.meantime import is_meantime, load_docs, read_document
from newsprism.eval.timex import evaluate
from tests.conftest import DATA, need

# sentence 0 headline, 1 dateline (the creation time), 2-3 body, 7 past the annotated part
WORDS = [
    (0, "Markets"), (0, "close"), (0, "early"),
    (1, "March"), (1, "04"), (1, ","), (1, "2008"),
    (2, "Trading"), (2, "stopped"), (2, "on"), (2, "Tuesday"), (2, ","), (2, "``"), (2, "at"),
    (2, "noon"), (2, "''"), (2, ","), (2, "officials"), (2, "said"), (2, "."),
    (3, "The"), (3, "index"), (3, "fell"), (3, "3"), (3, "%"), (3, "("), (3, "$"), (3, "5"), (3, ")"),
    (3, "last"), (3, "week"), (3, "and"), (3, "did"), (3, "n't"), (3, "recover"), (3, "."),
    (7, "It"), (7, "will"), (7, "reopen"), (7, "tomorrow"), (7, "."),
]  # fmt: skip


def _xml(
    words: list[tuple[int, str]], timexes: list[tuple[str, str, str, list[int]]], doc_id: str = "42"
) -> str:
    tokens = "".join(
        f'<token number="{i}" sentence="{s}" t_id="{i + 1}">{w}</token>\n' for i, (s, w) in enumerate(words)
    )
    marks = "".join(
        f'<TIMEX3 functionInDocument="{fn}" m_id="{n}" type="{typ}" value="{value}">'
        + "".join(f'<token_anchor t_id="{t}"/>' for t in ids)
        + "</TIMEX3>\n"
        for n, (fn, typ, value, ids) in enumerate(timexes)
    )
    return f'<?xml version="1.0" ?><Document doc_id="{doc_id}" doc_name="x" lang="en">\n{tokens}<Markables>\n{marks}</Markables>\n</Document>\n'


def _release(tmp_path: Path, xml: str) -> Path:
    folder = tmp_path / "meantime" / "intra-doc_annotation" / "corpus_stock"
    folder.mkdir(parents=True)
    (folder / "42_Markets_close_early.xml").write_text(xml, encoding="utf-8")
    return tmp_path / "meantime"


TIMEXES = [
    ("CREATION_TIME", "DATE", "2008-03-04", [4, 5, 6, 7]),
    ("NONE", "DATE", "2008-03-04", [11]),
    ("NONE", "TIME", "2008-03-04T12:00", [15]),
    ("NONE", "DATE", "2008-W09", [30, 31]),
]


def test_meantime_text_spans_and_dct(tmp_path: Path) -> None:
    (doc,) = load_docs(_release(tmp_path, _xml(WORDS, TIMEXES)))
    assert doc["doc_id"] == "meantime_42"
    assert doc["dct"] == "2008-03-04"
    # the dateline is the DCT, not text; the headline is its own paragraph; words are spaced as printed
    assert doc["text"] == (
        "Markets close early\n\nTrading stopped on Tuesday, ``at noon'', officials said. "
        "The index fell 3% ($5) last week and didn't recover."
    )
    assert [(t["text"], t["value"]) for t in doc["timexes"]] == [
        ("Tuesday", "2008-03-04"),
        ("noon", "2008-03-04T12:00"),
        ("last week", "2008-W09"),
    ]
    assert all(doc["text"][t["start"] : t["end"]] == t["text"] for t in doc["timexes"])


def test_meantime_unannotated_sentences_are_left_out(tmp_path: Path) -> None:
    (doc,) = load_docs(_release(tmp_path, _xml(WORDS, TIMEXES)))
    assert "tomorrow" not in doc["text"]  # sentence 7: past the annotated part, it would only be spurious


def test_meantime_quirky_creation_values(tmp_path: Path) -> None:
    # the dateline's printed date wins over a misstated creation value
    misstated = [("CREATION_TIME", "DATE", "2008-03-14", [4, 5, 6, 7]), *TIMEXES[1:]]
    (doc,) = load_docs(_release(tmp_path / "m", _xml(WORDS, misstated)))
    assert doc["dct"] == "2008-03-04"
    # a day-month-year creation value is read as meant when the dateline is no plain date
    words = [(s, "4/3/2008") if (s, w) == (1, "March") else (s, w) for s, w in WORDS]
    turned = [("CREATION_TIME", "DATE", "04-03-2008", [4, 5, 6, 7]), *TIMEXES[1:]]
    (doc,) = load_docs(_release(tmp_path / "a", _xml(words, turned)))
    assert doc["dct"] == "2008-03-04"
    # an unannotated "Month DD , YYYY" dateline is the DCT and is left out of the text
    (doc,) = load_docs(_release(tmp_path / "b", _xml(WORDS, TIMEXES[1:])))
    assert doc["dct"] == "2008-03-04"
    assert "March" not in doc["text"]


def test_meantime_scored_by_eval_timex(tmp_path: Path) -> None:
    release = _release(tmp_path, _xml(WORDS, TIMEXES))
    assert is_meantime(release) and is_meantime(release / "intra-doc_annotation")
    m = evaluate(release)
    assert (m["n_docs"], m["n_gold"]) == (1, 3)
    assert m["relaxed"]["recall"] == pytest.approx(1.0)  # Tuesday, noon and last week are all found


@pytest.mark.parametrize(
    ("content", "reason"),
    [("<Document", "not CAT XML"), ('<?xml version="1.0" ?><Corpus/>', "not a <Document")],
)
def test_meantime_bad_file_is_e040(tmp_path: Path, content: str, reason: str) -> None:
    release = _release(tmp_path, content)
    with pytest.raises(InputError) as err:
        load_docs(release)
    assert err.value.code == "E040"
    assert reason in str(err.value)
    with pytest.raises(InputError):
        read_document(next(release.rglob("*.xml")))


def test_meantime_empty_release_is_e040(tmp_path: Path) -> None:
    (tmp_path / "intra-doc_annotation" / "corpus_x").mkdir(parents=True)
    with pytest.raises(InputError, match="no CAT XML"):
        load_docs(tmp_path)


@pytest.mark.shared
def test_meantime_release_reads_whole() -> None:
    folder = need(DATA / "meantime" / "intra-doc_annotation").parent
    docs = load_docs(folder)
    assert len(docs) == 120
    assert all(d["dct"] and len(d["dct"]) == 10 for d in docs)  # every document has its DCT
    gold = [(d, t) for d in docs for t in d["timexes"]]
    assert len(gold) == 368  # 488 TIMEX3 with tokens less 118 creation times and 2 datelines tagged as dates
    assert all(d["text"][t["start"] : t["end"]] == t["text"] for d, t in gold)
