"""The distortion benchmark: deterministic generator, labelled edits, evaluation keys."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from random import Random

import pytest
from conftest import DATA, need

from newsprism.errors import InputError
from newsprism.eval import distortions, edits

# A made-up article, written for this test (no corpus text).
PARAGRAPHS = [
    "Harbour officials in Vessen said on Tuesday that the new ferry terminal would open in 2006. "
    "The project cost $45m and employs 320 workers.",
    '"We are proud of what the crews have built here," said port director Maria Lindgren. '
    "The firm behind the terminal, which is based in Norway, expects traffic to grow quickly.",
    "Freight volumes rose 12% last year, the port said. "
    '"The terminal will change the way this town trades with the world," said Tomas Berg, a local councillor. '
    "Ferries will leave for Denmark four times a day.",
    "Critics have said the building is too large for the harbour. "
    "The council approved the plans in a vote on 14 March after a long debate. "
    "Work on a second quay is planned for next year.",
]


def _write_corpus(path: Path, copies: int = 14) -> Path:
    rows = []
    for i in range(copies):
        country = ("Norway", "Sweden", "Finland", "Poland", "Germany")[i % 5]
        text = "\n\n".join(PARAGRAPHS).replace("Vessen", f"Vessen-{i}").replace("Norway", country)
        rows.append({"id": f"doc{i}", "title": f"Ferry terminal {i}", "text": text, "date": "2005-06-01"})
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


# ---------------------------------------------------------------- edit rules


def test_eval_distortions_parse_quote_both_forms() -> None:
    after = '"We will keep the route open all winter," said harbour master Anna Vik, speaking in Oslo.'
    q = edits.parse_quote(after)
    assert q is not None and q.form == "after"
    assert q.text(after, "name") == "Anna Vik"
    assert q.text(after, "tail") == ", speaking in Oslo"
    before = 'Mr Dahl said: "The timetable is final and nobody will change it."'
    q = edits.parse_quote(before)
    assert q is not None and q.form == "before" and q.text(before, "name") == "Mr Dahl"
    assert edits.parse_quote('"It is final," he said.') is None


def test_eval_distortions_split_sentences_keeps_quotes_and_abbreviations() -> None:
    text = 'Mr. Dahl flew to the U.S. on Monday. He said: "It went well. Very well." Then he left.'
    assert edits.split_sentences(text) == [
        "Mr. Dahl flew to the U.S. on Monday.",
        'He said: "It went well. Very well."',
        "Then he left.",
    ]
    # a quotation left open at a sentence end runs on only until the next opening mark
    assert edits.split_sentences('"We tried hard. "Next year will be better," she said.') == [
        '"We tried hard.',
        '"Next year will be better," she said.',
    ]


@pytest.mark.parametrize(
    ("func", "sentence", "check"),
    [
        (
            edits.vague_source,
            '"Prices will fall," says analyst Jan Olsen.',
            lambda new, out: new in edits.VAGUE_SOURCES and " say " in out,
        ),
        (edits.dropped_attribution, '"Prices will fall soon," said Jan Olsen.', lambda new, out: new == out),
        (edits.number_change, "Sales rose 12% to $45m in the year.", lambda new, out: new[0].isdigit()),
        (edits.date_shift, "The vote was held on 14 March after a debate.", lambda new, out: new.isdigit()),
        (edits.negation, "The council approved the plans after a debate.", lambda new, out: "not" in new),
        (edits.negation, "The terminal will open next year.", lambda new, out: new == "will not"),
    ],
)
def test_eval_distortions_edit_puts_new_value_in_span(func, sentence, check) -> None:  # type: ignore[no-untyped-def]
    out, (start, end), old, new = func(sentence, Random(3))
    assert out[start:end] == new and new != old and out != sentence
    assert check(new, out)


def test_eval_distortions_speaker_swap_and_entity_swap() -> None:
    s = '"The route pays for itself," said Maria Lindgren.'
    out, (start, end), old, new = edits.speaker_swap(s, Random(1), ["Maria Lindgren", "Tomas Berg"])
    assert (old, new, out[start:end]) == ("Maria Lindgren", "Tomas Berg", "Tomas Berg")
    s = "The ferry to Norway leaves at noon."
    out, (start, end), old, new = edits.entity_swap(s, Random(1), {"country": ["Denmark", "Norway"]}, s)
    assert (old, new, out[start:end]) == ("Norway", "Denmark", "Denmark")
    # a name inside a longer name is not swapped; a sentence that already negates is not negated
    assert edits.entity_swap("The Norway Line ferry left.", Random(1), {"country": ["Denmark"]}, "") is None
    assert edits.negation("The plan was never approved.", Random(1)) is None


def test_eval_distortions_reorder_moves_attribution() -> None:
    assert edits.reorder("The port said freight volumes rose last year.") == (
        "Freight volumes rose last year, the port said."
    )
    assert edits.reorder('"We are ready," said Anna Vik.') == 'Anna Vik said: "We are ready."'


# ---------------------------------------------------------------- generator


def test_eval_distortions_generate_from_file_is_deterministic(tmp_path: Path) -> None:
    path = _write_corpus(tmp_path / "corpus.jsonl")
    first = distortions.generate(path, n=1, seed=5)
    again = distortions.generate(path, n=1, seed=5)
    assert [asdict(i) for i in first] == [asdict(i) for i in again]
    assert {i.edit for i in first} == {distortions.CLEAN, *distortions.EDIT_TYPES}
    for item in first:
        assert item.rewrite != item.original
        if item.edit == distortions.CLEAN:
            assert item.span is None
            continue
        start, end = item.span
        assert item.rewrite[start:end] == item.new and item.new != item.old
        if item.edit == "unsupported_insert":
            assert item.new not in item.original
        elif item.edit in ("speaker_swap", "number_change", "date_shift", "entity_swap"):
            assert item.old in item.original  # the value the distortion replaced is the article's


def test_eval_distortions_bad_source_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        distortions.generate(tmp_path / "missing.jsonl", n=1)
    assert err.value.code == "E040"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        distortions.generate(bad, n=1)


def test_eval_distortions_bbc_generator_labels_every_edit() -> None:
    need(DATA / "bbc-news" / "bbc_news.jsonl")
    items = distortions.generate("bbc", n=4, seed=11)
    assert [asdict(i) for i in items] == [asdict(i) for i in distortions.generate("bbc", n=4, seed=11)]
    assert [asdict(i) for i in items] != [asdict(i) for i in distortions.generate("bbc", n=4, seed=12)]
    by_type: dict[str, int] = {}
    for item in items:
        by_type[item.edit] = by_type.get(item.edit, 0) + 1
        if item.span is not None:
            assert item.rewrite[item.span[0] : item.span[1]] == item.new
    assert by_type == {t: 4 for t in (distortions.CLEAN, *distortions.EDIT_TYPES)}
    speaker = [i for i in items if i.edit == "speaker_swap"]
    assert all(i.old not in i.rewrite[i.span[0] - 5 : i.span[1] + 5] for i in speaker)


# ---------------------------------------------------------------- evaluation


def test_eval_distortions_evaluate_returns_documented_keys(tmp_path: Path) -> None:
    path = _write_corpus(tmp_path / "corpus.jsonl")
    metrics = distortions.evaluate(path, n=1, seed=5)
    assert set(metrics) >= {
        "per_type",
        "clean",
        "seconds",
        "macro_recall",
        "min_recall",
        "meets_goals",
        "missed_examples",
        "false_examples",
        "false_per_distorted_article",
    }
    assert list(metrics["per_type"]) == list(distortions.EDIT_TYPES)
    for row in metrics["per_type"].values():
        assert row["items"] == 1 and 0 <= row["hits"] <= 1
        assert row["recall"] in (0.0, 1.0)
    assert metrics["clean"]["items"] == 1 and metrics["clean"]["per_article"] >= 0
    assert metrics["seconds"]["total"] > 0
    table = distortions.render(metrics)
    assert table.row_count == len(distortions.EDIT_TYPES) + 2
    json.dumps(metrics)


@pytest.mark.slow
def test_eval_distortions_bbc_finds_speaker_edits() -> None:
    need(DATA / "bbc-news" / "bbc_news.jsonl")
    metrics = distortions.evaluate("bbc", n=5, seed=7)
    assert metrics["per_type"]["speaker_swap"]["recall"] > 0
    assert metrics["per_type"]["vague_source"]["recall"] > 0
    # a bare quote is a dropped attribution even where the extractor inherits a speaker for it
    assert metrics["per_type"]["dropped_attribution"]["recall"] > 0
