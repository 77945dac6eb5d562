"""Quote extraction, one hard case per test, on made-up coverage of a fictional harbour summit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.extract.nlp import load_nlp
from newsprism.extract.quote_marks import find_chains
from newsprism.extract.quotes import extract_quotes
from newsprism.model import Quote


def quotes(text: str) -> list[Quote]:
    return extract_quotes(load_nlp()(text))


def by_text(found: list[Quote], fragment: str) -> Quote:
    matches = [q for q in found if fragment in q.text]
    assert matches, f"no quote containing {fragment!r} in {[q.text for q in found]}"
    return matches[0]


def test_extract_quotes_curly_and_straight_marks_give_the_same_quote() -> None:
    curly = "Mayor Lena Okafor opened the harbour summit. “The port will reopen in May,” Okafor said."
    straight = curly.replace("“", '"').replace("”", '"')
    for text in (curly, straight):
        quote = by_text(quotes(text), "port will reopen")
        assert quote.text == "The port will reopen in May"
        assert quote.kind == "direct"
        assert quote.speaker == "Lena Okafor"
        assert text[quote.start : quote.end] == quote.text
        assert text[quote.speaker_start : quote.speaker_end] == "Okafor"
        assert quote.cue == "say"


def test_extract_quotes_multi_sentence_quote_is_one_quote() -> None:
    text = (
        'Harbour master Ivo Brandt spoke on Monday. "The cranes are old. The quays are older. '
        'We need money before winter," Brandt told the Coastal Herald.'
    )
    found = [q for q in quotes(text) if q.kind == "direct"]
    assert len(found) == 1
    assert found[0].text.startswith("The cranes are old.") and found[0].text.endswith("before winter")
    assert found[0].speaker == "Ivo Brandt"
    assert found[0].told == "Coastal Herald"


def test_extract_quotes_quote_spanning_paragraphs_keeps_its_speaker() -> None:
    text = (
        "Dock workers union leader Marta Villanueva addressed the crowd.\n\n"
        "“We have waited three years for this agreement,” Villanueva said. “Nobody here will accept less "
        "than what was promised.\n\n"
        "“If the ministry breaks its word again, the cranes stop on Friday.”\n\n"
        "The ministry did not reply."
    )
    chains = find_chains(text)
    assert [len(c.segments) for c in chains] == [1, 2]
    found = quotes(text)
    for fragment in ("waited three years", "Nobody here", "cranes stop on Friday"):
        assert by_text(found, fragment).speaker == "Marta Villanueva"
    assert by_text(found, "cranes stop").text.endswith("on Friday.")


def test_extract_quotes_bare_paragraph_continues_previous_speaker() -> None:
    text = (
        "“The tunnel saves forty minutes a day,” engineer Tomasz Wierzbicki told reporters.\n\n"
        "“It also keeps lorries out of the old town. Residents asked for that for decades.”\n\n"
        "Construction starts next spring."
    )
    quote = by_text(quotes(text), "keeps lorries out")
    assert quote.kind == "direct"
    assert quote.speaker == "Tomasz Wierzbicki"


def test_extract_quotes_partial_quote_inside_a_sentence() -> None:
    text = 'Councillor Ruth Adeyemi voted against the plan. Adeyemi added that the budget was "a gift to the shipping lobby."'
    found = quotes(text)
    quote = by_text([q for q in found if q.kind == "partial"], "gift to the shipping lobby")
    assert quote.text == "a gift to the shipping lobby"
    assert quote.speaker == "Ruth Adeyemi"
    assert quote.cue == "add"
    reported = by_text([q for q in found if q.kind == "indirect"], "the budget was")
    assert reported.speaker == "Ruth Adeyemi"


def test_extract_quotes_scare_quote_without_cue_has_no_speaker() -> None:
    text = 'Nora Lind arrived at noon. The so-called "blue corridor" was trending online all afternoon.'
    assert all("blue corridor" not in q.text or q.speaker is None for q in quotes(text))
    assert not [q for q in quotes(text) if q.text == "blue corridor"]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ('"We will not sell the ferry line," said Governor Paul Esterhazy at the pier.', "say"),
        ('Governor Paul Esterhazy said at the pier: "We will not sell the ferry line."', "say"),
        ('"We will not sell the ferry line." added Governor Paul Esterhazy.', "add"),
    ],
)
def test_extract_quotes_cue_before_or_after(text: str, cue: str) -> None:
    quote = by_text(quotes(text), "sell the ferry line")
    assert quote.kind == "direct"
    assert quote.speaker == "Paul Esterhazy"
    assert quote.cue == cue


def test_extract_quotes_descriptor_and_told_outlet() -> None:
    text = (
        "Ines Carvalho, director of the Lisbon Maritime Institute, told the Daily Tide: "
        '"Ports that do not modernise will lose their routes."'
    )
    quote = by_text(quotes(text), "modernise")
    assert quote.speaker == "Ines Carvalho"
    assert quote.descriptor == "director of the Lisbon Maritime Institute"
    assert quote.told == "Daily Tide"
    assert quote.cue == "tell"


def test_extract_quotes_speaker_named_in_previous_sentence() -> None:
    text = (
        "Before the vote, Senator Hana Morikawa praised the harbour plan in a radio interview.\n\n"
        '"This is the most important investment of the decade."\n\n'
        "The vote is due on Thursday."
    )
    quote = by_text(quotes(text), "most important investment")
    assert quote.speaker == "Hana Morikawa"


def test_extract_quotes_pronoun_resolves_to_recent_person() -> None:
    text = (
        "Fisheries minister Anouk Verbeek visited the quay on Monday.\n\n"
        '"The quotas will stay as they are," she said.'
    )
    quote = by_text(quotes(text), "quotas will stay")
    assert quote.speaker == "Anouk Verbeek"
    assert text[quote.speaker_start : quote.speaker_end] == "Anouk Verbeek"


def test_extract_quotes_according_to_is_reported_speech() -> None:
    text = (
        "According to harbour economist Dario Ferri, the new terminal will double container traffic by 2030."
    )
    quote = by_text(quotes(text), "double container traffic")
    assert quote.kind == "indirect"
    assert quote.cue == "according to"
    assert quote.speaker == "Dario Ferri"


@pytest.mark.parametrize("verb", ["believes", "suggests", "argues", "warned"])
def test_extract_quotes_reported_speech_verbs(verb: str) -> None:
    text = f"Shipping analyst Kofi Mensah {verb} that the canal fees will rise again next year."
    quote = by_text(quotes(text), "canal fees will rise")
    assert quote.kind == "indirect"
    assert quote.speaker == "Kofi Mensah"
    assert not quote.text.startswith("that ")


def test_extract_quotes_told_outlet_in_reported_speech() -> None:
    text = "Port director Elsa Lindqvist told the Harbour Gazette that the strike had cost two million euros."
    quote = by_text(quotes(text), "strike had cost")
    assert quote.speaker == "Elsa Lindqvist"
    assert quote.told == "Harbour Gazette"


def test_extract_quotes_vague_sources_are_marked_vague() -> None:
    text = (
        "Experts believe the storm barrier will need repairs within five years.\n\n"
        "The mayor has been described as a stubborn but honest negotiator by local media, who follow "
        "the port closely."
    )
    found = quotes(text)
    experts = by_text(found, "storm barrier")
    assert experts.vague and experts.speaker == "Experts"
    media = by_text(found, "honest negotiator")
    assert media.vague and media.speaker == "local media"
    assert media.cue == "describe"


def test_extract_quotes_greeted_as_gives_the_greeter_the_words() -> None:
    text = 'Harbour commissioner Yusuf Demir met the ferry. Demir greeted the captain as "a friend of this port."'
    quote = by_text(quotes(text), "friend of this port")
    assert quote.speaker == "Yusuf Demir" and quote.cue == "greet"


def test_extract_quotes_he_said_skips_a_possessive_name_for_the_speaker_before() -> None:
    text = (
        "Port minister Ed Balland spoke on Monday. Balland said he was sure that Gordon Brunow's budget "
        'would be prudent. "I do not think we will see a spending spree," he said.'
    )
    quote = by_text(quotes(text), "spending spree")
    assert quote.speaker == "Ed Balland"  # not the owner of the budget named since


def test_extract_quotes_photo_credit_is_never_a_speaker() -> None:
    text = (
        "Harbour commissioner Yusuf Demir inspected the damaged pier.\n\n"
        "The damaged pier on Monday. Harbour Press Agency/Getty Images\n\n"
        '"We will rebuild it before the summer season."'
    )
    found = quotes(text)
    quote = by_text(found, "rebuild it")
    assert quote.speaker == "Yusuf Demir"
    assert all("Getty" not in (q.speaker or "") and "Agency" not in (q.speaker or "") for q in found)


def test_extract_quotes_two_quotes_by_one_speaker() -> None:
    text = (
        '"Tourism is back," said hotelier Greta Solberg. "Bookings are up a third on last year."\n\n'
        'Solberg added that she would hire twenty more staff. "We cannot find enough cooks," Solberg said.'
    )
    found = [q for q in quotes(text) if q.kind == "direct"]
    assert len(found) == 3
    assert {q.speaker for q in found} == {"Greta Solberg"}
    assert len({q.start for q in found}) == 3


def test_extract_quotes_are_deterministic_and_spans_valid() -> None:
    text = (
        'Carla Mendes, chair of the port board, told reporters: "We start on Monday." '
        '"It will take a year," she added.'
    )
    first, second = quotes(text), quotes(text)
    assert first == second
    for quote in first:
        assert text[quote.start : quote.end] == quote.text
        assert quote.sentence is None and quote.speaker_key is None


def test_extract_quotes_doubled_apostrophes_are_quote_marks() -> None:
    text = (
        "The harbour board met on Tuesday.\n\n"
        "''We finally may be seeing the 'wrong track' end,'' said Piet Claes, the board's treasurer. "
        "''It is going to take a year.''"
    )
    found = [q for q in quotes(text) if q.kind == "direct"]
    assert [q.text for q in found] == [
        "We finally may be seeing the 'wrong track' end",
        "It is going to take a year.",
    ]
    assert {q.speaker for q in found} == {"Piet Claes"}


def test_extract_quotes_single_quoted_headline_with_colon() -> None:
    text = "Okafor: ‘The Port Won’t Close Before May.’\n\nMayor Lena Okafor spoke at the summit on Monday."
    quote = by_text(quotes(text), "Port Won’t Close")
    assert quote.kind == "direct"
    assert quote.text == "The Port Won’t Close Before May."
    assert quote.speaker == "Lena Okafor"


def test_extract_quotes_marks_typed_the_wrong_way_round() -> None:
    text = (
        "“The quay is unusual,“ said harbour pilot Sven Aalto. “It is a hard thing to dock at.”\n\n"
        "\u202a”Sorry, we were late,” posted Ana Ruiz."
    )
    found = quotes(text)
    assert by_text(found, "quay is unusual").text == "The quay is unusual"
    assert by_text(found, "hard thing to dock").speaker == "Sven Aalto"
    assert by_text(found, "we were late").speaker == "Ana Ruiz"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"The fees are too high," said one Rotterdam shipowner, asking not to be named.', "shipowner"),
        (
            '"The fees are too high," Jonas Berg, a veteran ferry captain from Bergen, said at the meeting.',
            "Jonas Berg",
        ),
        ('"The fees are too high," recalled retired harbour master Ivo Brandt.', "Ivo Brandt"),
    ],
)
def test_extract_quotes_inverted_and_appositive_frames(text: str, speaker: str) -> None:
    quote = by_text(quotes(text), "fees are too high")
    assert quote.speaker is not None and quote.speaker.endswith(speaker)


def test_extract_quotes_next_quote_in_paragraph_continues_the_speaker() -> None:
    text = (
        "“This is the moment they said would never come,” Okafor said on Monday night. "
        "“They told us the port was finished.” Her deputy, Ruth Adeyemi, struck a similar tone."
    )
    assert by_text(quotes(text), "port was finished").speaker == "Okafor"


def test_extract_quotes_pronoun_skips_a_person_of_the_other_gender() -> None:
    text = (
        "Lena Okafor opened the summit. She thanked the dock workers for their patience.\n\n"
        "Later, Mr. Brandt presented the budget, and Ivo Brandt said he was confident.\n\n"
        '"The cranes will be ready in May," she said.'
    )
    quote = by_text(quotes(text), "cranes will be ready")
    assert quote.speaker == "Lena Okafor"


def test_extract_quotes_nested_attribution_takes_the_outer_source() -> None:
    text = (
        "“We disagree strongly with those claims,” spokesman Karl Ode said in a statement, "
        "according to the Harbour Gazette."
    )
    quote = by_text(quotes(text), "disagree strongly")
    assert quote.speaker == "Harbour Gazette"


def test_extract_quotes_and_said_after_a_reported_clause_is_the_outer_speaker() -> None:
    # the parser joins "said" to "passed", whose subject is the bridge: the mayor says both
    text = (
        "Mayor Anna Keller confirmed that the span passed every inspection and said the city "
        "would open it to traffic on Friday."
    )
    found = quotes(text)
    assert [(q.speaker, q.text) for q in found] == [
        ("Anna Keller", "the span passed every inspection"),
        ("Anna Keller", "the city would open it to traffic on Friday"),
    ]
    # a person as the reported clause's subject may say the rest himself: the parse is kept
    other = quotes("Police said that Mark Doyle fled the scene and said he was innocent.")
    assert [q.speaker for q in other if q.text == "he was innocent"] == ["Mark Doyle"]


def test_extract_quotes_partial_phrases_joined_by_and_share_the_speaker() -> None:
    text = 'Harbour master Ines Varga called the new quay "long overdue" and "a lifeline for the fleet".'
    assert [(q.kind, q.speaker, q.text) for q in quotes(text)] == [
        ("partial", "Ines Varga", "long overdue"),
        ("partial", "Ines Varga", "a lifeline for the fleet"),
    ]
    # a phrase further on, with words of its own between, is not joined to the first
    other = quotes(
        'Ines Varga called the quay "long overdue". The fishermen want "a lifeline for the fleet".'
    )
    assert [q.speaker for q in other if q.text == "a lifeline for the fleet"] != ["Ines Varga"]


def test_extract_quotes_attribution_set_inside_the_sentence() -> None:
    found = quotes("The tariff, the ministry said, would stay in place until June.")
    assert [(q.kind, q.speaker) for q in found] == [("indirect", "the ministry")]
    assert found[0].text == "would stay in place until June"  # the attribution is no part of the words


def test_extract_quotes_an_age_is_no_descriptor() -> None:
    (quote,) = quotes('Margaret Doyle, 67, of Harwick said: "The wait was the hardest part of the year."')
    assert quote.speaker == "Margaret Doyle" and quote.descriptor != "67"
    text = 'Margaret Doyle, 67, who waited a year for surgery, said the wait was "the hardest part".'
    assert all(q.descriptor != "67" for q in quotes(text))


def test_extract_quotes_colon_frames_name_their_speaker() -> None:
    text = (
        "Okafor and Brandt disagree on the tunnel.\n\n"
        "Okafor: “The tunnel is a waste of money.” Brandt: “It will pay for itself.”\n\n"
        "Ruth Adeyemi delivered a sharp retort:\u00a0“Nobody asked the residents.”"
    )
    found = quotes(text)
    assert by_text(found, "waste of money").speaker == "Okafor"
    assert by_text(found, "pay for itself").speaker == "Brandt"
    retort = by_text(found, "Nobody asked")
    assert retort.kind == "direct" and retort.speaker == "Ruth Adeyemi"


def test_extract_quotes_signature_line_names_the_speaker() -> None:
    text = (
        "Claims made at the harbour debate, checked.\n\n"
        '"The port handled more ships last year than ever before."\n\n'
        "- Lena Okafor.\n\n"
        "That is true: 4,210 ships docked, a record."
    )
    assert by_text(quotes(text), "more ships last year").speaker == "Lena Okafor"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["“", "”", '"', "''", "‘", "’", "'", ":", ",", ".", "\n\n", "- ", "\u00a0", " said", " Ana"]
        )
        | st.text(alphabet="abcXY ", max_size=6),
        max_size=30,
    )
)
def test_extract_quotes_any_marks_give_valid_spans(parts: list[str]) -> None:
    text = "".join(parts)
    for quote in quotes(text):
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker_start is not None and quote.speaker_end is not None:
            assert 0 <= quote.speaker_start < quote.speaker_end <= len(text)


def test_extract_quotes_marks_around_punctuation_only_are_no_quote() -> None:
    assert quotes("XXXXX:\u201c:") == []
    assert quotes('Ana said: " , " and left.') == []


@pytest.mark.parametrize(
    ("frame", "speaker"),
    [
        ("said Harbour Police Lt. Gregg Halvorsen.", "Gregg Halvorsen"),
        ("said Lt. Gregg Halvorsen of the Harbour Police.", "Gregg Halvorsen"),
        ("said Sgt. Ana Ruiz, the duty officer.", "Ana Ruiz"),
        ("said Ivo J. Brandt, the harbour master.", "Ivo J. Brandt"),
    ],
)
def test_extract_quotes_abbreviated_title_after_the_quote_is_not_a_sentence_end(
    frame: str, speaker: str
) -> None:
    text = (
        f'The ferry crew fled on foot. "That vessel is unsafe and must be found as soon as possible," {frame}'
    )
    quote = by_text(quotes(text), "vessel is unsafe")
    assert quote.speaker == speaker  # not "." (the period of "Lt." read as the end of the frame)


def test_extract_quotes_a_real_sentence_end_after_a_short_name_still_ends_the_frame() -> None:
    text = 'Crews searched the quay. "We found nothing," said Ruiz. Brandt later said the search would go on.'
    assert by_text(quotes(text), "found nothing").speaker == "Ruiz"


def test_extract_quotes_he_said_reaches_a_person_the_model_took_for_an_organisation() -> None:
    text = (
        'Dara Whitfield, a councillor, repeated her complaint. "Nobody has seen the costs," she said. '
        "Residents were divided. Harald Nygaard, a retired fisherman from the harbour district, said he "
        'feared for the fjord. "Salt sludge is the last thing the fish need," he said.'
    )
    assert ("Harald Nygaard", "ORG") in [
        (e.text, e.label_) for e in load_nlp()(text).ents
    ]  # the model's error
    sludge = by_text(quotes(text), "Salt sludge")
    assert sludge.speaker == "Harald Nygaard"  # not the woman named before him


def test_extract_entities_a_speaking_name_tagged_org_is_a_person() -> None:
    from newsprism.extract import extract_articles
    from newsprism.model import Article

    body = (
        "Harald Nygaard, a retired fisherman from the harbour district, said he feared for the fjord. "
        "Clean Fjord Alliance said it would examine the permit."
    )
    (ex,) = extract_articles([Article(id="n1", fingerprint="n1", source="n1.txt", body=body)])
    keys = {e.key for e in ex.entities}
    assert "person:harald_nygaard" in keys and "org:harald_nygaard" not in keys
    assert any(k.startswith("org:clean_fjord") for k in keys)  # "it": an organisation stays one


def test_extract_quotes_a_role_named_in_apposition_is_the_named_speaker() -> None:
    text = (
        "The Coastal Centre, a research group, has warned of brine. Its spokeswoman, Lena Ortiz, said the "
        "group would study the final permit line by line."
    )
    (q,) = [q for q in quotes(text) if "final permit" in q.text]
    assert (q.speaker, q.vague, q.descriptor) == ("Lena Ortiz", False, "Its spokeswoman")


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("Aqualis chief executive Marcus Tennant said the company would begin site work in September.",
         "Marcus Tennant", "Aqualis chief executive"),
        ("Chinese President Xi Jinping said the talks with Moscow had been useful.", "Xi Jinping", "Chinese President"),
        ("On Monday Marcus Tennant said the company would begin site work in September.", "Marcus Tennant", None),
    ],
)  # fmt: skip
def test_extract_quotes_role_written_before_the_name(text: str, speaker: str, role: str | None) -> None:
    (q,) = quotes(text)
    assert (q.speaker, q.descriptor) == (speaker, role)
