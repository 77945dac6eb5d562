"""Entity labels and names on sentences written for the tests, then on the demo story: headline verbs
never extend a name, places after locatives, platforms, one label per name, and the batched context."""

from __future__ import annotations

import pytest

from newsprism.clean import clean
from newsprism.demo import demo_sources
from newsprism.extract import extract_article, extract_articles
from newsprism.extract.entities import extract_entities
from newsprism.extract.entity_labels import is_demonym_root
from newsprism.extract.nlp import load_nlp
from newsprism.ingest import read_sources
from newsprism.model import Article, Entity, Extraction, RawDocument


def _read(text: str, context: str | None = None) -> list[Entity]:
    nlp = load_nlp()
    return extract_entities(nlp(text), nlp(context) if context else None)[1]


def _labels(entities: list[Entity]) -> dict[str, str]:
    return {e.name: e.label for e in entities}


@pytest.fixture(scope="module")
def demo() -> dict[str, tuple[Article, Extraction]]:
    docs = [d for d in read_sources(demo_sources()) if isinstance(d, RawDocument)]
    articles = [clean(d) for d in docs]
    return {
        a.source.split("/")[-1][:2]: (a, x) for a, x in zip(articles, extract_articles(articles), strict=True)
    }


def test_extract_entities_headline_verb_does_not_extend_a_name() -> None:
    ents = _read(
        "On Monday, Collins arrived at the port. Collins met the harbour board.",
        context="'Defiant' Collins Slams Port Plan, Visits Eldham\n\nEldham Mayor Peter Collins rejected the plan.",
    )
    person = next(e for e in ents if e.label == "PERSON")
    assert person.key == "person:peter_collins"
    assert person.descriptor == "Eldham Mayor"
    headline = _read("'Cornered' Keller Heads to Eldham, the One Port Still Open to Him")
    assert [e.key for e in headline if e.label == "PERSON"] == ["person:?keller"]


def test_extract_entities_uncued_name_after_locative_is_a_place() -> None:
    ents = _read(
        "Before leaving Ostmark, the mayor spoke to reporters. Maria Lopez said she made a short visit to "
        "Brenholm last year."
    )
    labels = _labels(ents)
    assert labels["Ostmark"] == "GPE" and labels["Brenholm"] == "GPE"
    assert labels["Maria Lopez"] == "PERSON"


def test_extract_entities_cued_person_after_locative_stays_a_person() -> None:
    ents = _read("Anna Varga said the plan was sound. Doors remain open to Varga in Eldham, officials said.")
    assert _labels(ents)["Anna Varga"] == "PERSON"
    assert not any(e.label == "GPE" and "Varga" in e.name for e in ents)


def test_extract_entities_platform_head_is_an_org() -> None:
    ents = _read(
        "A clip of the ceremony was viewed 2 million times on the Ostian platform Quillet within hours, and "
        "later shared on Quillet by the mayor."
    )
    quillet = [e for e in ents if e.name == "Quillet"]
    assert len(quillet) == 1 and quillet[0].label == "ORG" and quillet[0].mentions == 2


def test_extract_entities_uncued_name_on_a_platform_is_an_org() -> None:
    for name in ("Quillet", "Kestrel"):
        ents = _read(f"A hashtag about the bridge was viewed more than 80 million times on {name}.")
        assert _labels(ents).get(name) == "ORG"


def test_extract_entities_one_label_per_name_and_demonym_roots() -> None:
    assert is_demonym_root("Valmoria", {"Valmorian"}) and is_demonym_root("China", {"Chinese"})
    assert is_demonym_root("Germany", {"German"}) and is_demonym_root("Gibraltar", {"Gibraltarians"})
    assert not is_demonym_root("Indians", {"Indian"}) and not is_demonym_root("Caribs", {"Caribbean"})
    assert not is_demonym_root("Russian", {"Russian", "Russia"})
    ents = _read(
        "Ostmarian officials met in Ostmark on Monday. Ostmark has become dependent on its neighbour, and "
        "Ostmark's farmers export grain through Eldham port."
    )
    ostmark = [e for e in ents if e.name == "Ostmark"]
    assert len(ostmark) == 1 and ostmark[0].label == "GPE" and ostmark[0].key == "place:ostmark"


def test_extract_entities_demo_headline_keller_is_anton_keller(
    demo: dict[str, tuple[Article, Extraction]],
) -> None:
    article, ex = demo["03"]
    assert article.title is not None and "Keller Heads" in article.title
    keys = {m.entity_key for m in ex.mentions if "Keller" in m.text}
    assert keys == {"person:anton_keller"}
    keller = next(e for e in ex.entities if e.key == "person:anton_keller")
    assert keller.descriptor == "Valmorian President"


def test_extract_entities_demo_labels(demo: dict[str, tuple[Article, Extraction]]) -> None:
    for name in ("01", "02", "04"):
        labels = {e.name: e.label for e in demo[name][1].entities}
        assert labels["Valmora"] == "GPE", name
        assert labels["Kestrel"] == "ORG", name
        assert labels["Valmoria"] == "GPE", name
    for name in ("01", "02"):
        assert {e.name: e.label for e in demo[name][1].entities}["Vessen"] == "GPE"
    assert {e.name: e.label for e in demo["03"][1].entities}["Valmoria"] == "GPE"
    for _, ex in demo.values():
        by_text: dict[str, set[str]] = {}
        for m in ex.mentions:
            by_text.setdefault(m.text, set()).add(m.label)
        assert all(len(labels) == 1 for labels in by_text.values()), by_text
    copy = demo["02"][1]
    assert not any("Meridian Press" in e.name and "SORIA" in e.name for e in copy.entities)


def test_extract_entities_batched_context_equals_one_by_one() -> None:
    articles = [
        Article("a1", "f1", "a1.txt", "Collins arrived late. Collins said little.",
                title="'Defiant' Collins Slams Port Plan",
                standfirst="Harbour chief Peter Collins inspected the cables before the vote."),
        Article("a2", "f2", "a2.txt", "The council met on Tuesday. Collins said the tolls would stay."),
        Article("a3", "f3", "a3.txt", "Collins arrived late. Collins said little.",
                standfirst="Eldham Mayor Ruth Collins opened the bridge on Monday."),
    ]  # fmt: skip
    batched = extract_articles(articles, batch_size=2)
    assert [x.article_id for x in batched] == ["a1", "a2", "a3"]
    assert [x.entities for x in batched] == [extract_article(a).entities for a in articles]
    keys = [{e.key for e in x.entities if e.label == "PERSON"} for x in batched]
    assert keys == [{"person:peter_collins"}, {"person:?collins"}, {"person:ruth_collins"}]


def test_extract_entities_a_full_name_read_as_an_organisation_is_a_person() -> None:
    text = (
        "Marta Ilves, who heads the Castria Water Board, told reporters the situation was serious. "
        '"This is not a drill," Ilves said. Harbor Logistics, which runs the port, said nothing.'
    )
    labels = _labels(_read(text))
    assert labels["Marta Ilves"] == "PERSON"
    assert labels.get("Castria Water Board") == "ORG"


def test_extract_entities_a_person_run_into_a_place_is_cut_at_the_preposition() -> None:
    text = (
        "Gregory Vance will spend nine years in prison for running down Amina Roper on Harbor Road and "
        "driving away, Judge Helen Marsh ruled on Thursday. Amina Roper was 23."
    )
    labels = _labels(_read(text))
    assert labels["Amina Roper"] == "PERSON" and labels["Harbor Road"] == "FAC"
    assert not [name for name in labels if " on " in name]
    # named only there: a name's shape before a street is enough
    alone = _labels(
        _read("Vance will spend nine years in prison for running down Amina Roper on Harbor Road.")
    )
    assert alone.get("Amina Roper") == "PERSON" and alone.get("Harbor Road") == "FAC"
    shop = _labels(_read("The fire started at Riverside Bakery on Elm Street on Sunday."))
    assert shop.get("Riverside Bakery") != "PERSON"


def test_extract_entities_the_last_word_of_an_organisation_alone_is_that_organisation() -> None:
    text = (
        "Harrowgate Rovers sacked manager Tomas Brennan on Tuesday. "
        "Brennan took Rovers up to the Championship in 2019."
    )
    labels = _labels(_read(text))
    assert labels.get("Rovers") == "ORG" and labels["Tomas Brennan"] == "PERSON"
