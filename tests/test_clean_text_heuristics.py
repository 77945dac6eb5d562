"""Each scraped-text heuristic on small made-up pages, with near misses that must stay."""

from __future__ import annotations

import pytest

from newsprism.clean import clean
from newsprism.clean.text import clean_text, is_date_line
from newsprism.errors import InputError
from newsprism.model import Article, RawDocument

LEDE = (
    "The new harbour bridge in Eldham opened to traffic after four years of work, the city council "
    "said, and the first buses crossed it before dawn."
)
SECOND = (
    'Mayor Ilse Moravec cut the ribbon in front of about 300 residents. "This bridge joins two halves '
    'of one town," she said, adding that tolls would not be charged this year.'
)
THIRD = (
    "Engineers from the regional transport office checked the cables again last week and found no "
    "faults, according to a statement released by the council."
)


def _clean(text: str, **kw: object) -> Article:
    return clean(RawDocument(source="fixture.txt", content=text, kind="text", **kw))  # type: ignore[arg-type]


def _reasons(article: Article) -> dict[str, str]:
    return {r.text: r.reason for r in article.removed}


def test_clean_text_headline_section_standfirst() -> None:
    page = (
        "City Life\nEldham Finally Gets Its Harbour Bridge\n\n"
        "A decade of planning ends with a bridge that halves the trip across the estuary.\n\n"
        f"{LEDE}\n\n{SECOND}\n\n{THIRD}\n"
    )
    article = _clean(page)
    assert article.section == "City Life"
    assert article.title == "Eldham Finally Gets Its Harbour Bridge"
    assert (
        article.standfirst
        == "A decade of planning ends with a bridge that halves the trip across the estuary."
    )
    assert article.body.split("\n\n") == [LEDE, SECOND, THIRD]
    assert _reasons(article)["City Life"] == "section label"
    assert _reasons(article)["Eldham Finally Gets Its Harbour Bridge"] == "headline"


def test_clean_text_a_standfirst_stating_a_figure_stays_in_the_body() -> None:
    # a content farm's opening claim under a section label looks like a dek; with a figure it is
    # the story's claim (where a changed fee hides) and is compared with the others
    opening = "A decade of planning ends with a $240 million bridge that halves the trip across the estuary."
    page = (
        f"City Life\nEldham Finally Gets Its Harbour Bridge\n\n{opening}\n\n{LEDE}\n\n{SECOND}\n\n{THIRD}\n"
    )
    article = _clean(page)
    assert article.section == "City Life" and article.standfirst is None
    assert article.body.split("\n\n") == [opening, LEDE, SECOND, THIRD]


def test_clean_text_bare_article_keeps_its_opening_sentence_as_lede() -> None:
    # a corpus-style file: headline, then paragraphs, no page furniture; the first paragraph
    # passes the standfirst test on its own, but it is the lede and stays searchable
    opening = "Quarterly profits at the Eldham harbour company jumped 76% to $1.1bn in the three months to December."
    page = f"Harbour Profits Soar\n\n{opening}\n\n{SECOND}\n\n{THIRD}\n"
    article = _clean(page)
    assert article.title == "Harbour Profits Soar"
    assert article.standfirst is None
    assert article.body.split("\n\n") == [opening, SECOND, THIRD]
    assert [r.reason for r in article.removed] == ["headline"]
    # a typed-up article under a byline and a date line keeps its lede too (it would never be compared)
    typed = _clean(page.replace("\n\n", "\nBy Marta Oyelaran\nMarch 5, 2025\n\n", 1))
    assert typed.standfirst is None and typed.body.split("\n\n") == [opening, SECOND, THIRD]
    assert [r.reason for r in typed.removed] == ["headline", "byline", "dateline"]


def test_clean_text_sentence_case_headline_and_lede_kept() -> None:
    page = f"Harbour bridge opens in Eldham after four years\n\n{LEDE}\n\n{SECOND}\n\n{THIRD}\n"
    article = _clean(page)
    assert article.title == "Harbour bridge opens in Eldham after four years"
    assert article.section is None
    # the lede is attributed ("said"): not a standfirst
    assert article.standfirst is None
    assert article.body.startswith(LEDE)


def test_clean_text_short_real_paragraph_and_title_like_quote_survive() -> None:
    quote = '"We Will Not Pay Twice For One Bridge"'
    page = (
        f"Eldham Bridge Opens\n\n{LEDE}\n\nThe council declined to comment.\n\n{quote}\n\n"
        "That was the slogan of the residents' group in 2019.\n\n{SECOND}\n"
    ).replace("{SECOND}", SECOND)
    article = _clean(page)
    paragraphs = article.body.split("\n\n")
    assert "The council declined to comment." in paragraphs
    assert quote in paragraphs
    assert SECOND in paragraphs
    assert [r.reason for r in article.removed] == ["headline"]


def test_clean_text_byline_and_dateline_become_metadata() -> None:
    page = (
        "Eldham Bridge Opens\nBy Tomas Ekwueme and Rina Vasquez-Holt\n"
        "Updated Mar 4, 2024 at 6:15 AM EST\n\n"
        f"{LEDE}\n\n{SECOND}\n\n{THIRD}\n"
    )
    article = _clean(page)
    assert article.bylines == ["Tomas Ekwueme", "Rina Vasquez-Holt"]
    assert article.published.value == "2024-03-04"
    assert article.published.method == "text"
    assert article.published.confidence >= 0.9
    reasons = _reasons(article)
    assert reasons["By Tomas Ekwueme and Rina Vasquez-Holt"] == "byline"
    assert reasons["Updated Mar 4, 2024 at 6:15 AM EST"] == "dateline"
    assert "Ekwueme" not in article.body and "6:15" not in article.body


def test_clean_text_name_bar_outlet_byline() -> None:
    page = f"Eldham Bridge Opens\nMarta Oyelaran | Coastline Courier\n\n{LEDE}\n\n{SECOND}\n"
    article = _clean(page, meta={"outlet": "Coastline Courier"})
    assert article.bylines == ["Marta Oyelaran"]
    assert "Oyelaran" not in article.body


def test_clean_text_by_in_a_sentence_is_not_a_byline() -> None:
    line = "By Tuesday the queue of lorries had reached the old ferry terminal."
    article = _clean(f"Eldham Bridge Opens\n\n{line}\n\n{LEDE}\n\n{SECOND}\n")
    assert article.bylines == []
    assert line in article.body


def test_clean_text_wire_dateline_prefix() -> None:
    page = f"Bridge opens\n\nELDHAM (Coastwire) - {LEDE}\n\n{SECOND}\n"
    article = _clean(page)
    assert article.body.startswith(LEDE)
    assert _reasons(article)["ELDHAM (Coastwire) -"] == "dateline"
    assert article.outlet == "Coastwire"


def test_clean_text_photo_caption_and_credit() -> None:
    page = (
        f"Eldham Bridge Opens\n\n{LEDE}\n\n"
        "Mayor and engineer at the bridge\n"
        "Mayor Ilse Moravec (L) and chief engineer Paul Idowu (R) shake hands at the opening ceremony, "
        "on March 3, 2024, in Eldham. Jan Novak/Coastline Photo Agency/Getty Images\n\n"
        f"{SECOND}\n\nPhoto: Lena Bright/AFP\n\n{THIRD}\n"
    )
    article = _clean(page)
    reasons = _reasons(article)
    assert reasons["Mayor and engineer at the bridge"] == "photo caption"
    assert reasons["Jan Novak/Coastline Photo Agency/Getty Images"] == "photo credit"
    assert reasons["Photo: Lena Bright/AFP"] == "photo credit"
    caption = next(r for r in article.removed if r.reason == "photo caption" and "(L)" in r.text)
    assert caption.text.endswith("in Eldham.")
    assert article.body.split("\n\n") == [LEDE, SECOND, THIRD]


def test_clean_text_sentence_mentioning_an_agency_is_not_a_credit() -> None:
    line = "The mayor (left of the podium) told AFP the tolls were scrapped on March 3, 2024."
    article = _clean(f"Eldham Bridge Opens\n\n{LEDE}\n\n{line}\n\n{SECOND}\n")
    assert line in article.body


def test_clean_text_promo_block_and_paragraph_printed_twice() -> None:
    statement = "Coastline Courier is committed to fair reporting and to readers who want the whole story."
    page = (
        f"Eldham Bridge Opens\n\n{LEDE}\n\n{SECOND}\n\n{SECOND}\n\nLocal First\n\n{statement}\n\n"
        f"{statement}\n\n{THIRD}\n"
    )
    article = _clean(page, meta={"outlet": "Coastline Courier"})
    assert article.body.split("\n\n") == [LEDE, SECOND, THIRD]
    removed = [(r.reason, r.text) for r in article.removed]
    assert ("paragraph printed twice", SECOND) in removed
    assert ("promo block", "Local First") in removed
    assert ("promo block", statement) in removed


def test_clean_text_near_exact_repeat_is_printed_twice() -> None:
    variant = SECOND.replace("300", "3OO")
    article = _clean(f"Eldham Bridge Opens\n\n{LEDE}\n\n{SECOND}\n\n{variant}\n\n{THIRD}\n")
    assert variant not in article.body
    assert _reasons(article)[variant] == "paragraph printed twice"


def test_clean_text_government_commitment_is_not_promo() -> None:
    line = "The council is committed to reopening the ferry by 2026, officials said."
    article = _clean(f"Eldham Bridge Opens\n\n{LEDE}\n\n{line}\n\n{SECOND}\n")
    assert line in article.body


def test_clean_text_about_the_writer_click_here_and_perks() -> None:
    page = (
        f"Eldham Bridge Opens\n\n{LEDE}\n\n{SECOND}\n\n{THIRD}\n\nAbout the author\n\n"
        "Marta Oyelaran is a reporter for the Coastline Courier covering transport and ... Read more\n\n"
        "To see how we fact-check stories, click here.\n\n"
        "Join the Courier\n"
        "  • Print edition delivered every Sunday\n"
        "  • Ad-free reading on the app\n"
        "  • Crossword archive\n"
    )
    article = _clean(page)
    assert article.body.split("\n\n") == [LEDE, SECOND, THIRD]
    reasons = _reasons(article)
    assert reasons["About the author"] == "about the writer"
    assert reasons["To see how we fact-check stories, click here."] == "click-here notice"
    assert reasons["Join the Courier"] == "subscription perks"
    assert reasons["• Crossword archive"] == "subscription perks"
    assert article.bylines == ["Marta Oyelaran"]
    assert article.outlet == "Coastline Courier"


def test_clean_text_real_bullet_list_stays() -> None:
    page = (
        f"Eldham Bridge Opens\n\n{LEDE}\n\nThe council listed three conditions:\n"
        "• trucks above 40 tonnes stay on the old road\n• cyclists use the east lane\n"
        f"• the toll booths are removed by May\n\n{SECOND}\n"
    )
    article = _clean(page)
    assert "• cyclists use the east lane" in article.body
    assert "subscription perks" not in {r.reason for r in article.removed}


def test_clean_text_glued_and_prefixed_tag_lines() -> None:
    glued = "EldhamHarbour Bridge (HB)Transport PolicyEldham Bridge OpensIlse Moravec"
    article = _clean(f"Eldham Bridge Opens\n\n{LEDE}\n\n{SECOND}\n\n{glued}\n")
    assert article.tags == [
        "Eldham",
        "Harbour Bridge (HB)",
        "Transport Policy",
        "Eldham Bridge Opens",
        "Ilse Moravec",
    ]
    assert glued not in article.body
    prefixed = _clean(f"Eldham Bridge Opens\n\n{LEDE}\n\n{SECOND}\n\nTopics: Eldham, bridges | transport\n")
    assert prefixed.tags == ["Eldham", "bridges", "transport"]


def test_clean_text_camel_case_names_are_not_split() -> None:
    body = LEDE + " Videos of the opening spread on YouTube within the hour."
    article = _clean(f"Eldham Bridge Opens\n\n{body}\n\n{SECOND}\n\nEldhamYouTubeMcCarthy Park\n")
    assert article.tags == ["Eldham", "YouTube", "McCarthy Park"]


def test_clean_text_last_paragraph_is_not_a_tag_line() -> None:
    article = _clean(f"Eldham Bridge Opens\n\n{LEDE}\n\n{SECOND}\n")
    assert article.tags == []
    assert article.body.endswith(SECOND)


def test_clean_text_hard_wrapped_paragraph_is_joined() -> None:
    wrapped = (
        "The new harbour bridge in Eldham opened to traffic after four years\n"
        "of work, the city council said, and the first buses crossed it before\n"
        "dawn."
    )
    result = clean_text(f"Eldham Bridge Opens\n\n{wrapped}\n\n{SECOND}\n")
    kept = [line.text for line in result.lines if line.reason is None]
    assert len(kept) == 4
    article = _clean(f"Eldham Bridge Opens\n\n{wrapped}\n\n{SECOND}\n")
    assert article.body.split("\n\n")[0] == LEDE


def test_clean_text_date_line_detection() -> None:
    assert is_date_line("Published: Tuesday, 5 March 2024 | 09:30 GMT")
    assert is_date_line("2024-03-05")
    assert not is_date_line("The bridge opened on March 5, 2024 after delays.")


@pytest.mark.parametrize("content", ["", "   \n\n  ", "Bridge Opens\n\nSubscribe to our newsletter today.\n"])
def test_clean_text_no_usable_text_is_e006(content: str) -> None:
    with pytest.raises(InputError) as info:
        _clean(content)
    assert info.value.code == "E006"
    assert "fixture.txt" in info.value.message


def test_clean_text_reported_click_here_and_follow_us_mentions_stay() -> None:
    scam = 'Residents were told to "click here" in a fake toll message, police said.'
    social = "Join the residents who marched on Saturday, organisers urged on X."
    article = _clean(f"Eldham Bridge Opens\n\n{LEDE}\n\n{scam}\n\n{social}\n\n{SECOND}\n")
    assert scam in article.body and social in article.body
    assert [r.reason for r in article.removed] == ["headline"]


def test_clean_text_newsletter_pitch_is_promo() -> None:
    pitch = "Sign up for the Morning Tide newsletter to get Eldham news in your inbox."
    article = _clean(f"Eldham Bridge Opens\n\n{LEDE}\n\n{pitch}\n\n{SECOND}\n")
    assert pitch not in article.body
    assert _reasons(article)[pitch] == "promo block"
