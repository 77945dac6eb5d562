"""Stop 16: who-said-what names the articles that carry a speaker's quotes (one outlet, several
articles), a closing promo above a glued tag line is removed, "Today" ending a name is no date."""

from __future__ import annotations

import json
import re

from newsprism.clean.text import clean_text
from newsprism.compare.story import speakers_table
from newsprism.extract.dates import extract_timexes
from newsprism.model import Article, DateInference, Extraction, Quote, StoryReport
from newsprism.report import build_dossier, render

FIRST, SECOND = "19bd6f8a5213", "1bb7a828f24a"


def _article(aid: str, date: str) -> Article:
    return Article(
        id=aid,
        fingerprint=aid * 2,
        source=f"/in/{aid}.txt",
        body="x" * 400,
        title=f"Story {aid}",
        outlet="Caldera Wire",
        published=DateInference(date, "metadata", 1.0),
    )


def _report(second_quotes: list[Quote]) -> StoryReport:
    """Two articles of one outlet; Ilse Varga quoted in the first, ``second_quotes`` in the second."""
    articles = [_article(FIRST, "2025-03-11"), _article(SECOND, "2025-03-14")]
    exs = [
        Extraction(
            FIRST, quotes=[Quote("We are treating this seriously", 0, 30, "direct", "Ilse Varga", "p:iv")]
        ),
        Extraction(SECOND, quotes=second_quotes),
    ]
    return StoryReport("Outbreak", articles, speakers=speakers_table(articles, exs, []))


def _brenner_cell(out: str, fmt: str) -> str:
    """The outlets cell of Tomas Brenner's row in a rendered table."""
    if fmt == "md":
        return next(line for line in out.splitlines() if line.startswith("| Tomas Brenner")).split(" | ")[3]
    if fmt == "html":
        row = re.search(r"Tomas Brenner</td>(.*?)</tr>", out, re.S)
        assert row
        return re.findall(r"<td>(.*?)</td>", row.group(1))[-2]
    lines = out.splitlines()  # text: the rows of the speaker table, the outlets column
    i = next(n for n, line in enumerate(lines) if "Tomas Brenner" in line)
    return " ".join(line.split("│")[4].strip() for line in lines[i : i + 2])


def test_stop16_speaker_row_lists_only_the_articles_quoting_the_speaker() -> None:
    brenner = Quote("The water hypothesis is strong", 0, 30, "direct", "Tomas Brenner", "p:tb")
    report = _report([brenner])
    rows = {r["speaker"]: r for r in report.speakers}
    assert rows["Tomas Brenner"]["article_ids"] == [SECOND]
    assert rows["Tomas Brenner"]["outlets"] == ["Caldera Wire"]
    varga, tb = sorted(build_dossier(report).speakers, key=lambda r: r.name)
    assert (tb.name, tb.outlets) == ("Tomas Brenner", ["Caldera Wire · 1bb7a8"])
    assert tb.quotes == ["“The water hypothesis is strong”"]  # one article: no per-quote label
    assert varga.outlets == ["Caldera Wire · 19bd6f"]
    for fmt in ("md", "html", "text"):
        cell = _brenner_cell(render(report, fmt, width=160), fmt)
        assert "1bb7a8" in cell and "19bd6f" not in cell, (fmt, cell)
    data = json.loads(render(report, "json"))
    (row,) = [r for r in data["speakers"] if r["speaker"] == "Tomas Brenner"]
    assert row["article_ids"] == [SECOND] and [q["article_id"] for q in row["quotes"]] == [SECOND]


def test_stop16_speaker_quoted_in_both_articles_of_one_outlet_lists_both() -> None:
    both = Quote("We are treating this seriously", 0, 30, "direct", "Ilse Varga", "p:iv")
    report = _report([both])
    (varga,) = build_dossier(report).speakers
    assert varga.outlets == ["Caldera Wire · 19bd6f", "Caldera Wire · 1bb7a8"]
    assert varga.quotes == ["“We are treating this seriously” (Caldera Wire · 19bd6f, Caldera Wire · 1bb7a8)"]


def test_stop16_stored_row_without_article_ids_takes_the_quotes_articles() -> None:
    """A report stored before rows named their articles: the quotes' article ids, not the outlet's first."""
    report = _report([])
    quote = {"text": "The water hypothesis is strong", "article_id": SECOND, "kind": "direct"}
    report.speakers = [{"speaker": "Tomas Brenner", "quotes": [quote], "outlets": ["Caldera Wire"]}]
    (row,) = build_dossier(report).speakers
    assert row.outlets == ["Caldera Wire · 1bb7a8"]


def test_stop16_stored_row_without_article_ids_falls_back_to_the_outlet() -> None:
    report = _report([])
    report.speakers = [{"speaker": "Old Row", "quotes": ["words"], "outlets": ["Caldera Wire"]}]
    (row,) = build_dossier(report).speakers
    assert row.outlets == ["Caldera Wire · 19bd6f"]  # no article named: the outlet's first article


BODY = (
    "Housing & Money\nRent law passes in Carrowmoor\nNovember 22, 2026 | 3 min read\n\n"
    "The Carrowmoor Regional Assembly on Thursday passed the Fair Tenancy Bill by 52 votes to 48.\n\n"
    "The law takes effect on March 1, 2027.\n\n"
)
TAGS = "CarrowmoorFair Tenancy BillHousingRent law passes in CarrowmoorRenters\n"


def _kept(text: str) -> list[str]:
    return [line.text for line in clean_text(text).lines if line.reason is None]


def test_stop16_closing_promo_above_a_tag_line_is_removed() -> None:
    text = BODY + "Stay tuned to PropertyPulse Today for more updates.\n\n" + TAGS
    result = clean_text(text)
    reasons = {line.text[:20]: line.reason for line in result.lines}
    assert reasons["Stay tuned to Proper"] == "closing promo"
    assert reasons["CarrowmoorFair Tenan"] == "tag line"
    assert _kept(text)[-1] == "The law takes effect on March 1, 2027."
    assert "Fair Tenancy Bill" in result.tags


def test_stop16_promo_inside_the_body_and_a_tagless_ending_are_kept() -> None:
    inside = (
        BODY + "Stay tuned to PropertyPulse Today for more updates.\n\nRenters groups welcomed the vote.\n"
    )
    assert "Stay tuned to PropertyPulse Today for more updates." in _kept(inside)
    assert _kept(inside)[-1] == "Renters groups welcomed the vote."
    plain = BODY + "Renters groups welcomed the vote.\n\n" + TAGS
    assert _kept(plain)[-1] == "Renters groups welcomed the vote."


def _dates(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in extract_timexes(text, "2026-11-22")]


def test_stop16_today_ending_a_name_is_no_date() -> None:
    assert _dates("Stay tuned to PropertyPulse Today for more updates.") == []
    assert _dates("The figures were first reported by USA Today.") == []
    assert _dates("Britain Today's editor declined to comment.") == []
    assert _dates("The ruling was covered by USA TODAY on Monday.") == [("Monday", "2026-11-16")]


def test_stop16_sentence_initial_and_lower_case_today_stay_dates() -> None:
    assert _dates("Today, the council voted.") == [("Today", "2026-11-22")]
    assert _dates("The bill passed. Today the council meets.") == [("Today", "2026-11-22")]
    assert _dates("The council voted today.") == [("today", "2026-11-22")]
    assert _dates("It said so.\nToday the mayor spoke.") == [("Today", "2026-11-22")]
