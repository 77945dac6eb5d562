"""Findings on a story written here: one rewrite with one distortion of each kind, passages and wording."""

from __future__ import annotations

import pytest

from newsprism.compare import compare_story
from newsprism.compare.findings import rank, read_sentence
from newsprism.compare.scorer import PairScorer
from newsprism.extract import extract_articles
from newsprism.model import Article, DateInference, Extraction, Finding, Passage, StoryReport

ORIGINAL = """The port of Soria reopened on Monday after a two-week strike by dock workers.

On March 3, the city court ordered the dock workers' union to end the strike.

Harbour master Lena Ortiz greeted the first cargo ship at the main pier on Tuesday. "Every berth in the \
harbour is already booked until the end of the month," Ortiz said.

The ministry paid $40 million to the shipping companies for their losses. The city council has commented \
on the cost of the strike.

Samuel Okafor, an economist at the Harlow Institute, said grain exports would recover by the summer."""

REWRITE = """Port reopens

The port of Soria reopened on Monday after a two-week strike by dock workers.

On March 5, the city court ordered the dock workers' union to end the strike.

Harbour master Paul Brandt greeted the first cargo ship at the main pier on Tuesday.

The harbour was busy all week. "Every berth in the harbour is already booked until the end of the month."

The ministry paid $40 million to the shipping companies for their losses. The city council has not \
commented on the cost of the strike.

Soria's mayor is the most capable leader the port city has ever had. Okafor said grain exports would \
recover by the summer."""

LONE = """Hart from the Centre for Port Studies suggests that the strike cost more than the ministry admits.

The mayor of Soria is a more skilful negotiator than any of her rivals in the port trade."""


def _article(aid: str, body: str, outlet: str, day: str, title: str) -> Article:
    return Article(
        id=aid, fingerprint=aid, source=f"{aid}.txt", body=body, title=title, outlet=outlet,
        published=DateInference(day),
    )  # fmt: skip


@pytest.fixture(scope="module")
def scorer() -> PairScorer:
    return PairScorer.load(semantic=False)


@pytest.fixture(scope="module")
def story() -> tuple[list[Article], list[Extraction]]:
    arts = [
        _article("orig", ORIGINAL, "Harbour Daily", "2025-03-10", "Soria port reopens"),
        _article("rew", REWRITE, "Coast Wire", "2025-03-12", "Port reopens"),
        _article("lone", LONE, "Port Weekly", "2025-03-11", "Strike costs"),
    ]
    return arts, extract_articles(arts)


@pytest.fixture(scope="module")
def report(story: tuple[list[Article], list[Extraction]], scorer: PairScorer) -> StoryReport:
    return compare_story(*story, scorer=scorer)


def _one(report: StoryReport, kind: str) -> Finding:
    hits = [f for f in report.findings if f.kind == kind]
    assert len(hits) == 1, [f.explanation for f in report.findings]
    f = hits[0]
    bodies = {a.id: a.body for a in report.articles}
    for p in f.passages:
        assert p.text == bodies[p.article_id][p.start : p.end]
    return f


def test_compare_findings_every_conflict_kind_flags_the_rewrite(report: StoryReport) -> None:
    expected = {
        "date_conflict": ("medium", "March 5", "March 3"),
        "entity_conflict": ("medium", "Paul Brandt", "Lena Ortiz"),
        "negation_conflict": ("high", "not commented", "has commented"),
        "dropped_attribution": ("medium", "booked until the end", "Ortiz said"),
    }
    for kind, (severity, flagged, reference) in expected.items():
        f = _one(report, kind)
        assert f.severity == severity
        assert [p.article_id for p in f.passages] == ["rew", "orig"]
        assert [p.outlet for p in f.passages] == ["Coast Wire", "Harbour Daily"]
        assert flagged in f.passages[0].text and reference in f.passages[1].text
        assert f.explanation.startswith("Coast Wire") and "Harbour Daily" in f.explanation


def test_compare_findings_explanations_read_as_sentences(report: StoryReport) -> None:
    assert _one(report, "date_conflict").explanation == (
        'Coast Wire dates it "March 5" (2025-03-05); Harbour Daily says "March 3" (2025-03-03).'
    )
    assert _one(report, "dropped_attribution").explanation == (
        'Coast Wire prints "Every berth in the harbour is already booked until the end of the month" without '
        "saying who said it; Harbour Daily quotes Lena Ortiz saying it."
    )


def test_compare_findings_unsupported_opinion_is_medium_only_in_a_derivative(report: StoryReport) -> None:
    hits = [f for f in report.findings if f.kind == "unsupported" and f.detail["opinion"]]
    by_article = {f.passages[0].article_id: f for f in hits}
    assert set(by_article) == {"rew", "lone"}
    assert "most capable" in by_article["rew"].passages[0].text
    assert by_article["rew"].severity == "medium" and by_article["lone"].severity == "low"
    for f in hits:
        assert f.detail["attributed"] is False and f.detail["opinion"] is True


def test_compare_findings_skip_headlines_and_short_sentences(report: StoryReport) -> None:
    texts = [f.passages[0].text for f in report.findings if f.kind == "unsupported"]
    assert "Port reopens" not in texts
    assert not any(t.startswith("The harbour was busy") for t in texts)


def test_compare_findings_attributed_unsupported_claim(report: StoryReport) -> None:
    (f,) = [
        f for f in report.findings if f.kind == "unsupported" and "strike cost more" in f.passages[0].text
    ]
    assert f.detail["attributed"] is True and f.severity == "low"


def test_compare_findings_unintroduced_speakers(report: StoryReport) -> None:
    hits = {f.passages[0].article_id: f for f in report.findings if f.kind == "unintroduced_speaker"}
    assert set(hits) == {"rew", "lone"}
    assert hits["rew"].severity == "low" and "Samuel Okafor, an economist" in hits["rew"].explanation
    assert [p.article_id for p in hits["rew"].passages] == ["rew", "orig"]
    assert hits["lone"].severity == "medium" and '"Hart"' in hits["lone"].explanation


def test_compare_findings_ranked_by_severity_then_position() -> None:
    def finding(severity: str, aid: str, start: int) -> Finding:
        return Finding("x", severity, "x", [Passage(aid, start, start + 1, "x")])  # type: ignore[arg-type]

    fs = [finding("low", "a", 5), finding("high", "b", 9), finding("high", "a", 7), finding("medium", "a", 1)]
    fs.append(Finding("unsupported", "low", "x", [Passage("a", 2, 3, "x")]))
    ranked = rank(fs, {"a": 0, "b": 1})
    assert [(f.severity, f.passages[0].article_id, f.passages[0].start) for f in ranked] == [
        ("high", "a", 7),
        ("high", "b", 9),
        ("medium", "a", 1),
        ("low", "a", 5),
        ("low", "a", 2),  # the low single-outlet sentences a dossier sums up come last: no gap in numbers
    ]


def test_compare_findings_sentence_reading() -> None:
    assert read_sentence("Hollis, a shrewder negotiator than any leader, wants more.")[1]
    assert "best described as" in read_sentence("His vision is best described as autocracy.")[1]
    assert read_sentence("The port reopened on Monday after the strike.") == (True, [], False)
    # the tagger takes "€" for a superlative (JJS) here: no cue, and no crash in added_claim
    assert (
        read_sentence("The minister said the state would extend the €5bn support scheme into next year.")[1]
        == []
    )
    assert read_sentence("June 12, 2025 | 4 min read")[0] is False
    # a comparison with a figure a few words on is a measurement, not an opinion
    order = "The order set restitution at $91,400, higher than the roughly $85,000 the judge cited."
    assert read_sentence(order)[1] == []
    # stance words and stock judgements
    assert "Frankly" in read_sentence("Frankly, the party has run the city into the ground for years.")[1]
    assert "stunning" in read_sentence("In a stunning upset, Okafor won the election on Sunday.")[1]


def test_compare_findings_attribution_cue_is_a_verb_outside_quotes() -> None:
    for attributed in (
        "Okafor said the port would reopen in March.",
        "The port will reopen in March, officials told the Courier.",
        "According to the ministry, the port will reopen in March.",
        "Some analysts argue that the tariff will hurt the fishing towns.",
    ):
        assert read_sentence(attributed)[2], attributed
    for unattributed in (
        "The forum is meant to attract member states to the trade bloc.",
        "Valmora wants to push back against the United States on tariffs.",
        'The hashtag "Keller said thank you to Drevia" trended on Monday.',
        "The weekly reports of the harbour office fill three volumes.",
    ):
        assert not read_sentence(unattributed)[2], unattributed


def test_compare_findings_needs_one_extraction_per_article(story, scorer) -> None:
    arts, exs = story
    with pytest.raises(ValueError, match="no extraction"):
        compare_story(arts, exs[:1], scorer=scorer)


def test_compare_findings_conversion_conflict_is_medium_and_says_so(scorer: PairScorer) -> None:
    line = "The ministry paid {} to the shipping companies of Soria for their losses in the strike."
    arts = [
        _article("usd1", line.format("$40m (£21m)"), "Harbour Daily", "2025-03-10", "Losses paid"),
        _article("usd2", line.format("$40m (£32m)"), "Coast Wire", "2025-03-12", "Losses paid"),
        _article("usd3", line.format("$55m"), "Port Weekly", "2025-03-12", "Losses paid"),
    ]
    report = compare_story(arts, extract_articles(arts), scorer=scorer)
    conflicts = {
        (f.passages[0].article_id, f.passages[1].article_id): f
        for f in report.findings
        if f.kind == "number_conflict"
    }
    converted = next(f for pair, f in conflicts.items() if set(pair) == {"usd1", "usd2"})
    assert converted.severity == "medium"  # the writers' own sums, £21m against £32m
    assert converted.explanation.endswith("(in a currency conversion, the writer's own sum).")
    assert any(f.severity == "high" for pair, f in conflicts.items() if "usd3" in pair)  # $55m against $40m


def test_compare_findings_summary_names_the_speaker_of_a_bare_quote(scorer: PairScorer) -> None:
    from newsprism.compare.summary import line_text

    body = (
        "The council of Soria approved the new desalination plant on Monday by nine votes to four.\n\n"
        '"This is the most important decision in a generation," Mayor Ana Ruiz said after the vote. '
        '"Our reservoirs fell to 31 percent last summer, and we cannot gamble on rain again."\n\n'
        "The plant will be built by Aqualis Systems on the northern shore of the city."
    )
    arts = [
        _article("w1", body, "Harbour Daily", "2025-03-10", "Plant approved"),
        _article(
            "w2",
            body.replace("new desalination plant", "desalination plant"),
            "Coast Wire",
            "2025-03-11",
            "Plant",
        ),
    ]
    report = compare_story(arts, extract_articles(arts), scorer=scorer)
    (rain,) = [line for line in report.summary if line.text.startswith('"Our reservoirs')]
    assert rain.said_by == ["Ana Ruiz"]  # the sentence is all quote: the reader must learn who said it
    assert line_text(rain).startswith(f"{rain.text} (said by Ana Ruiz) [Harbour Daily]")
    (vote,) = [line for line in report.summary if line.text.startswith('"This is the most')]
    assert vote.said_by == []  # the sentence names her already


def test_compare_findings_a_shared_figure_supports_a_sentence(scorer: PairScorer) -> None:
    a = (
        "The harbour board of Soria approved the new grain terminal on Monday after a long debate.\n\n"
        "Council documents say the terminal will serve about 45,000 farms across the northern valleys.\n\n"
        "Four board members voted against the plan during the evening session in the old town hall.\n\n"
        "Work on the terminal should begin in June 2027, according to the port authority of Soria."
    )
    b = (
        "Soria's grain terminal got the green light from the harbour board on Monday night.\n\n"
        "About 45,000 farms in the northern valleys are expected to ship their harvest through it.\n\n"
        "The port authority expects builders on the quay by June 2027 if the permits arrive in time."
    )
    arts = [
        _article("fa", a, "Harbour Daily", "2025-03-10", "Terminal approved"),
        _article("fb", b, "Valley Post", "2025-03-11", "Grain terminal"),
    ]
    report = compare_story(arts, extract_articles(arts), scorer=scorer)
    lone = [f.passages[0].text for f in report.findings if f.kind == "unsupported"]
    assert not any("45,000 farms" in t for t in lone)  # the same count of the same thing elsewhere
    assert not any("June 2027" in t for t in lone)  # the same month, far from either article's date
    assert any("Four board members" in t for t in lone)  # a small count ties nothing together
    # the figure printed elsewhere does not support a comparison made around it
    arts[1] = _article(
        "fb",
        b + "\n\nThe terminal, serving about 45,000 farms, is twice as large as any port in the north.",
        "Valley Post",
        "2025-03-11",
        "Grain terminal",
    )
    report = compare_story(arts, extract_articles(arts), scorer=scorer)
    (claim,) = [
        f for f in report.findings if f.kind == "unsupported" and "twice as large" in f.passages[0].text
    ]
    assert claim.detail["cues"] == ["twice as large as"]
    assert claim.explanation.endswith("Another source prints its figure, not this claim.")


PLANT = [
    "The Port Alder council voted 7-2 on Monday to build a $48 million desalination plant at Gull Point.",
    "The plant will produce 20 million gallons of drinking water a day when it opens in 2027, officials said.",
    '"Our reservoirs were at 31 percent this winter, and we cannot wait for rain," said Mayor Ruth Holloway.',
    "Opponents said the intake pipe, which will reach 800 metres into the bay, could harm fish nurseries.",
    "Marine biologist Samuel Achebe said the council had ignored a study of the bay's kelp beds.",
]


def test_compare_findings_a_rewrite_adding_a_comparison_is_flagged(scorer: PairScorer) -> None:
    farm = list(PLANT)
    farm[1] = (
        "The plant will produce 20 million gallons of drinking water a day when it opens in 2027, making it "
        "twice as large as any desalination plant on the West Coast."
    )
    farm[2] = farm[2].replace("cannot wait", "cannot wait any longer for the best")  # a quoted word: hers
    farm[3] = farm[3].replace("which will reach 800 metres", "longer than 800 metres")  # a measurement
    farm[4] = farm[4].replace("ignored a study", "ignored 'the best study ever made'")  # his words, quoted
    arts = [
        _article("wire", "\n\n".join(PLANT), "Meridian Wire", "2025-03-03", "Plant approved"),
        _article("farm", "\n\n".join(farm), "NewsBuzz Hub", "2025-03-04", "Bold water gamble"),
    ]
    report = compare_story(arts, extract_articles(arts), scorer=scorer)
    f = _one(report, "added_claim")
    assert f.severity == "medium" and f.detail["cues"] == ["twice as large as"]
    assert [p.article_id for p in f.passages] == ["farm", "wire"] and "West Coast" in f.passages[0].text
    assert f.explanation == (
        'NewsBuzz Hub adds a comparison ("twice as large as") that Meridian Wire, which it rewrites, does not make.'
    )
    # the rewrite's version is no plain support: its fact shows the rewrite as conflicting, off the summary
    (cluster,) = [c for c in report.clusters if ("farm", 1) in c.members]
    assert cluster.conflicting == ["farm"]
    assert not any("West Coast" in line.text or "20 million gallons" in line.text for line in report.summary)
    compared = list(PLANT)  # the source makes a comparison of its own, in other words
    compared[1] = compared[1].replace(", officials said.", ", twice as big as any plant in the state.")
    same = [_article("wire", "\n\n".join(compared), "Meridian Wire", "2025-03-03", "Plant approved"), arts[1]]
    again = compare_story(same, extract_articles(same), scorer=scorer)
    assert [(d.source, d.derived) for d in again.derivations] == [("wire", "farm")]
    assert not [x for x in again.findings if x.kind == "added_claim"]


def test_compare_findings_comparison_cues_and_measurements() -> None:
    assert read_sentence("The plant will be twice the size of any plant on the coast.")[1] == [
        "twice the size of"
    ]
    assert read_sentence("The plant will be twice as large as any plant on the coast.")[1] == [
        "twice as large as"
    ]
    assert read_sentence("The intake pipe, longer than 800 metres, will reach the bay.")[1] == []
    assert read_sentence("The government plans to double the number of nurses by 2028.")[1] == []  # a verb
    assert read_sentence("At times the speed of the current made the rescue impossible.")[1] == []
    assert read_sentence("She is a shrewder negotiator than her rivals in the port.")[1] == [
        "shrewder ... than"
    ]


def test_compare_findings_only_articles_agreeing_with_the_reference_are_listed(scorer: PairScorer) -> None:
    lead = "The harbour board of Soria approved the new grain terminal on Monday after a long debate."
    quote = '"Every contract signed this week deepens our dependence on the port," {} said.'
    arts = [
        _article(aid, f"{lead}\n\nThe vote was close.\n\n{quote.format(name)}", outlet, day, "Terminal")
        for aid, name, outlet, day in (
            ("a", "Samuel Okafor", "Harbour Daily", "2025-03-10"),
            ("b", "Lena Ortiz", "Valley Post", "2025-03-11"),
            ("c", "Samuel Okafor", "Coast Wire", "2025-03-11"),
            ("d", "Paul Brandt", "Bay News", "2025-03-12"),
        )
    ]
    report = compare_story(arts, extract_articles(arts), scorer=scorer)
    speakers = {"a": "Samuel Okafor", "b": "Lena Ortiz", "c": "Samuel Okafor", "d": "Paul Brandt"}
    found = [f for f in report.findings if f.kind == "misattribution"]
    assert found
    for f in found:
        ref = speakers[f.detail["reference_id"]]
        assert all(speakers[aid] == ref for aid in f.detail["agreeing_with_reference"]), f.detail
