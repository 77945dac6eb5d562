"""Quotes and speakers on the two shared example articles (skipped when ../shared is absent)."""

from __future__ import annotations

from functools import cache

import pytest

from newsprism.extract.nlp import load_nlp
from newsprism.extract.quotes import extract_quotes
from newsprism.model import Quote, RawDocument
from tests.conftest import EXAMPLES, need

pytestmark = pytest.mark.shared


@cache
def _quotes(name: str) -> tuple[str, tuple[Quote, ...]]:
    path = need(EXAMPLES / name)
    raw = path.read_text(encoding="utf-8")
    try:
        from newsprism.clean import clean
    except ImportError:  # the cleaner is not there yet: drop the obvious chrome by hand
        body = raw.split("Uncommon Knowledge")[0]
    else:
        body = clean(RawDocument(source=str(path), content=raw, kind="text")).body
    return body, tuple(extract_quotes(load_nlp()(body)))


def _by(name: str, fragment: str) -> Quote:
    _, found = _quotes(name)
    matches = [q for q in found if fragment in q.text]
    assert matches, f"no quote with {fragment!r}"
    return matches[0]


def test_extract_quotes_examples_004_fallon() -> None:
    name = "004_31080f053772ce81.txt"
    first = _by(name, "The ICC warrant limits")
    assert first.speaker == "Theresa Fallon" and first.told == "Newsweek" and first.kind == "direct"
    assert first.descriptor is not None and "CREAS" in first.descriptor
    continuation = _by(name, "Travel to Beijing for the BRI affords")  # bare paragraph, no cue
    assert continuation.speaker == "Theresa Fallon" and continuation.kind == "direct"
    handcuffed = [q for q in _quotes(name)[1] if q.kind == "partial" and "handcuffed" in q.text]
    assert handcuffed and handcuffed[0].speaker == "Theresa Fallon"
    assert _by(name, "no daylight").speaker == "Theresa Fallon"
    assert sum(q.speaker == "Theresa Fallon" for q in _quotes(name)[1]) >= 5


def test_extract_quotes_examples_004_thomas_putin_experts() -> None:
    name = "004_31080f053772ce81.txt"
    believes = _by(name, "Beijing is setting")
    assert believes.speaker == "Neil Thomas" and believes.cue == "believe"
    told = _by(name, "illustrates his close alignment")
    assert told.speaker == "Neil Thomas" and told.told == "Newsweek"
    assert sum(q.speaker == "Neil Thomas" for q in _quotes(name)[1]) >= 4
    interview = _by(name, "President Xi Jinping is a different kind of person")
    assert interview.speaker is not None and interview.speaker.endswith("Putin")
    assert _by(name, "Russia highly appreciates").speaker == interview.speaker
    experts = _by(name, "meet with other like-minded leaders")
    assert experts.speaker == "Experts" and experts.vague


def test_extract_quotes_examples_004_no_photo_credit_or_hashtag_speaker() -> None:
    _, found = _quotes("004_31080f053772ce81.txt")
    speakers = {q.speaker for q in found if q.speaker}
    assert not [s for s in speakers if "Getty" in s or "Contributor" in s or "/" in s]
    assert all(q.speaker is None for q in found if "arrives in Beijing" in q.text)
    assert speakers <= {"Theresa Fallon", "Neil Thomas", "Putin", "Vladimir Putin", "Experts"}


def test_extract_quotes_examples_000_speakers() -> None:
    name = "000_8e5266d007373164.txt"
    assert _by(name, "aspiration for equal and mutually beneficial cooperation").speaker == "Vladimir Putin"
    friend = _by(name, "my old friend")
    assert friend.speaker == "Xi Jinping" and friend.cue == "hail"
    media = _by(name, "firm, calm, pragmatic, and reliable partner")
    assert media.speaker == "Russian media" and media.vague and media.cue == "describe"
    ferenczy = _by(name, "politically and economically dependent")
    assert ferenczy.speaker == "Zsuzsa Anna Ferenczy" and ferenczy.cue == "suggest"
    assert _by(name, "another of Putin").speaker == "Zsuzsa Anna Ferenczy"
    hart = _by(name, "clear strategic calculus")
    assert (
        hart.speaker == "Hart"
        and hart.descriptor == "from the Center for Strategic and International Studies"
    )
    fulda = _by(name, "dream of every autocrat")
    assert (
        fulda.speaker == "Andreas Fulda"
        and fulda.descriptor == "associate professor at Nottingham University"
    )
