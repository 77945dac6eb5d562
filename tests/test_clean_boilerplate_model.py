"""Per-outlet boilerplate learned across pages, persisted as rows, applied by clean()."""

from __future__ import annotations

import pickle

from newsprism.clean import clean, observe
from newsprism.clean.boilerplate import BoilerplateModel, line_key
from newsprism.model import RawDocument

FOOTER = "Harbour Herald - independent news from the estuary since 1921"
NAV = "Home | Local | Sport | Weather"


def _page(n: int, extra: str = "") -> str:
    return (
        f"{NAV}\n\nStory Number {n} About The Town\n\n"
        f"Paragraph one of story {n} tells what the council decided about road {n} this week.\n\n"
        f"Paragraph two of story {n} quotes a resident who lives on road {n} near the school.\n\n"
        f"{extra}{FOOTER}\n"
    )


def _doc(n: int, url: str = "https://www.harbourherald.com/story", **meta: object) -> RawDocument:
    return RawDocument(f"page{n}.txt", _page(n), "text", url=url, meta=dict(meta))


def test_clean_boilerplate_line_key_folds_case_space_quotes() -> None:
    assert line_key("It’s  a  Footer ") == line_key("it's a footer")
    assert line_key("• Sign up") == line_key("Sign up")
    assert line_key("it's a footer") != line_key("it's a header")


def test_clean_boilerplate_learns_recurring_lines_of_one_outlet() -> None:
    model = BoilerplateModel(min_pages=3)
    for n in range(4):
        observe(model, _doc(n))
    assert model.page_counts() == {"Harbourherald": 4}
    assert model.is_chrome("Harbourherald", FOOTER)
    assert model.is_chrome("Harbourherald", NAV.lower())
    assert not model.is_chrome("Harbourherald", "Paragraph one of story 1 tells what the council decided")
    assert not model.is_chrome("Other Outlet", FOOTER)

    article = clean(_doc(9), model)
    assert FOOTER not in article.body and NAV not in article.body
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons[FOOTER] == "outlet boilerplate (seen on 4 pages)"
    assert article.title == "Story Number 9 About The Town"
    assert article.body.startswith("Paragraph one of story 9")


def test_clean_boilerplate_needs_min_pages_and_half_of_the_outlet() -> None:
    model = BoilerplateModel(min_pages=3)
    model.observe("Herald", ["rare line", "common line"])
    model.observe("Herald", ["rare line", "common line"])
    assert not model.is_chrome("Herald", "common line")  # only 2 pages
    model.observe("Herald", ["rare line", "common line"])
    assert model.is_chrome("Herald", "common line")
    for i in range(4):
        model.observe("Herald", [f"page {i}", "common line"])
    assert model.is_chrome("Herald", "common line")  # 7 of 7 pages
    assert not model.is_chrome("Herald", "rare line")  # 3 of 7 pages: under half
    model.observe("Herald", ["common line", "common line"])  # one page counts a line once
    assert model.seen_on("Herald", "common line") == 8


def test_clean_boilerplate_without_model_keeps_the_footer() -> None:
    article = clean(_doc(1))
    assert FOOTER in article.body


def test_clean_boilerplate_round_trip_rows_and_pickle() -> None:
    model = BoilerplateModel(min_pages=3)
    for n in range(5):
        observe(model, _doc(n, outlet="Harbour Herald"))
    rows = model.to_rows()
    assert all(isinstance(k, str) and len(k) == 16 for _, k, _ in rows)
    assert all(FOOTER not in k for _, k, _ in rows)  # hashes only, never article text
    again = BoilerplateModel.from_rows(rows, model.page_counts(), min_pages=3)
    assert again.to_rows() == rows and again.page_counts() == {"Harbour Herald": 5}
    assert again.is_chrome("Harbour Herald", FOOTER)
    assert pickle.loads(pickle.dumps(again)).is_chrome("Harbour Herald", FOOTER)
    stricter = BoilerplateModel.from_rows(rows, model.page_counts(), min_pages=6)
    assert not stricter.is_chrome("Harbour Herald", FOOTER)


def test_clean_boilerplate_observe_skips_pages_without_an_outlet() -> None:
    model = BoilerplateModel()
    observe(model, RawDocument("a.txt", _page(1), "text"))
    assert model.page_counts() == {} and model.to_rows() == []


def test_clean_boilerplate_observe_html_counts_visible_lines() -> None:
    model = BoilerplateModel(min_pages=2)
    html = "<html><body><nav>Home | Local</nav><p>Story {n}</p><footer>{f}</footer></body></html>"
    for n in range(3):
        observe(
            model,
            RawDocument(f"p{n}.html", html.format(n=n, f=FOOTER), "html", url="https://herald.example.org/x"),
        )
    assert model.page_counts() == {"Example": 3}
    assert model.is_chrome("Example", FOOTER)
    assert not model.is_chrome("Example", "Story 1")
