"""An outlet's name on a line of its own in a text file's header block (after the byline or date
line) is read as the outlet and leaves the body; a one-line headline stays the title."""

from __future__ import annotations

import pytest

from newsprism.clean import clean
from newsprism.clean.metadata import header_outlet, infer_outlet
from newsprism.model import Article, RawDocument

LEDE = (
    "Flood water closed the Orwin valley road on Sunday after the Brenn river rose four feet overnight, "
    "county officials said, and about 300 homes were left without power."
)
SECOND = (
    "Crews from the Orwin public works office began clearing mud from the road on Monday, though a "
    "county engineer said the bridge at Calder Mill would stay shut until it was inspected."
)
HEADLINE = "Flood shuts Orwin valley road"


def _article(text: str, **meta: str) -> Article:
    return clean(RawDocument("story.txt", text, "text", meta=dict(meta)))


def _reasons(article: Article) -> dict[str, str]:
    return {block.text: block.reason for block in article.removed}


@pytest.mark.parametrize(
    "header",
    [
        "By Mara Tollens, Coastwire\nPublished March 9, 2025\nOrwin Valley Ledger",  # after the date
        "By Mara Tollens\nOrwin Valley Ledger\nMarch 9, 2025",  # between byline and date
        "By Mara Tollens\n\nOrwin Valley Ledger\n\nMarch 9, 2025",  # blank lines between
    ],
)
def test_outlet_line_after_the_byline_is_the_outlet(header: str) -> None:
    article = _article(f"{HEADLINE}\n\n{header}\n\n{LEDE}\n\n{SECOND}\n")
    assert article.outlet == "Orwin Valley Ledger"
    assert article.outlet_evidence == "header line 'Orwin Valley Ledger'"
    assert article.title == HEADLINE
    assert article.body.startswith(LEDE)
    assert _reasons(article)["Orwin Valley Ledger"] == "outlet name"
    assert article.published is not None and article.published.value == "2025-03-09"


def test_outlet_line_named_by_a_staff_byline_and_a_wire_copy() -> None:
    staff = _article(f"{HEADLINE}\n\nBy Brenn Staff\nBrenn Now\nMarch 9, 2025\n\n{LEDE}\n\n{SECOND}\n")
    assert staff.outlet == "Brenn Now" and staff.body.startswith(LEDE)
    wire = _article(
        f"{HEADLINE}\n\nBy Mara Tollens\nMarch 9, 2025\nOrwin Valley Ledger\n\n"
        f"ORWIN, March 9 (Coastwire) - {LEDE}\n\n{SECOND}\n"
    )
    assert wire.outlet == "Orwin Valley Ledger"  # the outlet printing the wire copy, not the agency
    assert wire.outlet_evidence == "header line 'Orwin Valley Ledger'; wire: Coastwire"
    assert wire.body.startswith(LEDE)


def test_outlet_line_given_outlet_wins_and_the_line_still_leaves() -> None:
    text = f"{HEADLINE}\n\nBy Mara Tollens\nOrwin Valley Ledger\nMarch 9, 2025\n\n{LEDE}\n\n{SECOND}\n"
    article = _article(text, outlet="Valley Syndicate")
    assert article.outlet == "Valley Syndicate" and article.body.startswith(LEDE)
    # a known outlet's own name on that line leaves too, newspaper word or not
    plain = f"{HEADLINE}\n\nBy Mara Tollens\nOrwin Wire\nMarch 9, 2025\n\n{LEDE}\n\n{SECOND}\n"
    assert _article(plain, outlet="Orwin Wire").body.startswith(LEDE)
    assert _article(plain).body.startswith("Orwin Wire")  # unknown, no newspaper word: kept


def test_outlet_line_spelling_the_url_domain() -> None:
    text = f"{HEADLINE}\n\nBy Mara Tollens\nOrwin Valley Ledger\n\n{LEDE}\n"
    outlet, evidence = infer_outlet({}, "https://orwinvalleyledger.example/a", text)
    assert outlet == "Orwin Valley Ledger"
    assert evidence == "header line 'Orwin Valley Ledger', URL domain orwinvalleyledger.example"


@pytest.mark.parametrize(
    "headline",
    ["Times Square Reopens To Crowds", "Daily Post Office Closures", "Will The Orwin Gazette Close?"],
)
def test_one_line_headline_with_a_newspaper_word_stays_the_title(headline: str) -> None:
    article = _article(f"{headline}\n\nBy Mara Tollens\nMarch 9, 2025\n\n{LEDE}\n\n{SECOND}\n")
    assert article.title == headline
    assert article.outlet is None and article.body.startswith(LEDE)


def test_question_headline_then_outlet_line() -> None:
    head = ["Will the road reopen?", "By Mara Tollens", "Orwin Valley Ledger", "March 9, 2025", LEDE]
    assert header_outlet(head) == (2, "Orwin Valley Ledger")


@pytest.mark.parametrize(
    "head",
    [
        # no byline or date line before it: a section label or the headline itself
        ["Orwin Valley Ledger", HEADLINE, LEDE],
        [HEADLINE, "Weekend Times Special", "By Mara Tollens", LEDE],
        # a role, a person's name, a subhead: no outlet
        [HEADLINE, "By Mara Tollens", "Senior Correspondent", "March 9, 2025", LEDE],
        [HEADLINE, "March 9, 2025", "Mara Tollens", LEDE],
        [HEADLINE, "By Mara Tollens", "Orwin Valley Ledger is closing its print edition.", LEDE],
        # past the lede: body text
        [HEADLINE, "By Mara Tollens", LEDE, "Orwin Valley Ledger"],
    ],
)
def test_not_an_outlet_line(head: list[str]) -> None:
    assert header_outlet(head) is None
