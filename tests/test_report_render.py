"""The four dossier formats on a hand-built report with hostile strings: nothing executes, nothing breaks."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from test_report_dossier import hostile_report

from newsprism.model import Finding, Passage, StoryReport, from_dict
from newsprism.report import FORMATS, render
from newsprism.report.html import render_html
from newsprism.report.jsonout import render_json
from newsprism.report.markdown import md_escape, render_markdown
from newsprism.report.text import render_text

SECTIONS = ("Summary", "Timeline", "Who said what", "Facts x outlets", "Findings (3)", "Derivations")
#: The only elements the HTML report may contain.
HTML_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "table", "thead",
    "tbody", "tr", "th", "td", "ul", "li", "span", "strong", "section", "div", "figure", "figcaption",
    "blockquote", "br", "svg", "g", "rect", "text", "path", "polygon",
}  # fmt: skip
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


def _tables(markdown: str) -> list[list[list[str]]]:
    """Markdown tables as rows of cells (split on unescaped pipes)."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            current.append([c.strip() for c in _UNESCAPED_PIPE.split(line)[1:-1]])
        elif current:
            tables.append(current)
            current = []
    return tables + ([current] if current else [])


def test_report_render_text_shows_markup_literally_and_drops_escapes() -> None:
    plain = render_text(hostile_report(), width=140, all_findings=True)
    assert "[bold]bold[/bold]" in plain and "<script>alert(1)</script>" in plain
    assert "\x1b" not in plain and "\u202e" not in plain
    assert "[31mred" in plain  # the escape character is gone, the visible rest is shown
    for name in SECTIONS:
        assert name in plain
    findings = plain[plain.index("Findings (3)") :]
    assert findings.index("HIGH misattribution") < findings.index("MEDIUM number_conflict")
    assert findings.index("MEDIUM number_conflict") < findings.index("LOW unsupported")
    assert "Valley | Courier copies Wire <b>Press</b> (score 0.99, copy)" in plain
    coloured = render_text(hostile_report(), width=140, color=True)
    assert "\x1b[31mred" not in coloured and "\x1b[" in coloured


def test_report_render_markdown_tables_keep_their_columns() -> None:
    md = render_markdown(hostile_report())
    assert "<script" not in md and "&lt;script&gt;" in md and "<b>" not in md
    tables = _tables(md)
    headers = [t[0] for t in tables]
    assert ["outlet", "published", "byline", "title", "id"] in headers
    assert ["date", "what", "outlets"] in headers
    assert ["speaker", "affiliation", "quotes", "outlets", "conflicts"] in headers
    assert ["#", "severity", "kind", "explanation", "passage A", "passage B"] in headers
    matrix = next(t for t in tables if t[0][1] == "fact")
    assert len(matrix[0]) == 2 + 4 + 1 and matrix[0][-1] == "independent sources"
    assert matrix[0][2] == "Wire &lt;b&gt;Press&lt;/b&gt;" and matrix[0][3] == "Valley \\| Courier"
    for table in tables:
        assert {len(row) for row in table} == {len(table[0])}, table[0]
    assert ["1", md_escape(hostile_report().clusters[1].text), "✓", "✓", "·", "✗", "1"] in matrix
    for heading in ("## Summary", "## Timeline", "## Who said what", "## Facts x outlets", "## Findings (3)"):
        assert heading in md
    assert "- Valley \\| Courier copies Wire &lt;b&gt;Press&lt;/b&gt; (score 0.99, copy)" in md


def test_report_render_markdown_escape_neutralises_syntax() -> None:
    assert md_escape("a|b") == "a\\|b"
    assert md_escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert md_escape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert md_escape("# head") == "\\# head" and md_escape("1. item") == "1\\. item"
    assert md_escape("**b** _i_ `c` ~s~") == "\\*\\*b\\*\\* \\_i\\_ \\`c\\` \\~s\\~"
    assert md_escape("line\nbreak\x1b[0m") == "line break \\[0m"


def test_report_render_json_round_trips() -> None:
    report = hostile_report()
    text = render_json(report)
    assert "\u202e" not in text and "\\u202e" in text
    back = from_dict(StoryReport, json.loads(text))
    assert back == report
    assert json.loads(text)["findings"][1]["kind"] == "misattribution"


def test_report_render_html_is_one_inert_self_contained_page() -> None:
    page = render_html(hostile_report())
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count("<html") == 1 and page.count("<body>") == 1
    parsed = _parse(page)
    assert set(parsed.tags) <= HTML_TAGS, set(parsed.tags) - HTML_TAGS
    assert "script" not in parsed.tags and not [a for a in parsed.attrs if a.startswith("on") or a == "src"]
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert "<svg" in page and page.count("<path ") == 2  # two derivation edges
    assert "Content-Security-Policy" in page
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text  # shown as text
    assert "\u202e" not in page and "\x1b" not in page
    for name in SECTIONS:
        assert f"<h2>{name}</h2>" in page


def test_report_render_is_deterministic_for_every_format() -> None:
    report = hostile_report()
    for fmt in FORMATS:
        assert render(report, fmt) == render(copy.deepcopy(report), fmt), fmt


def test_report_render_empty_report_has_every_section() -> None:
    report = StoryReport(headline="")
    for fmt in ("text", "md", "html"):
        out = render(report, fmt)
        assert "untitled story" in out and "nothing flagged" in out and "no derivations" in out


_texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=40, deadline=None)
@given(headline=_texts, explanation=_texts, quote=_texts, outlet=_texts)
def test_report_render_any_text_stays_inert(headline: str, explanation: str, quote: str, outlet: str) -> None:
    report = hostile_report()
    report.headline = headline
    report.findings[0].explanation = explanation
    report.findings[0].passages[0].text = quote
    report.articles[1].outlet = outlet
    report.speakers[0]["quotes"] = [quote]
    parsed = _parse(render_html(report))
    assert set(parsed.tags) <= HTML_TAGS
    assert not [a for a in parsed.attrs if a.startswith("on")]
    for table in _tables(render_markdown(report)):
        assert {len(row) for row in table} == {len(table[0])}
    assert "\x1b" not in render_text(report)


def _with_low_vague_source() -> StoryReport:
    """The hostile report plus a low finding of another kind ranked after the low unsupported one."""
    report = hostile_report()
    report.findings.append(Finding("vague_source", "low", "Quoted as 'officials'.", []))
    return report


def test_report_render_collapses_low_unsupported_findings_in_every_human_format() -> None:
    report = _with_low_vague_source()
    line = "1 more sentence is reported by one independent source only (low severity): 04_farm 1"
    plain = " ".join(render_text(report, width=200).split())
    assert line + "; --all-findings lists them" in plain
    assert "LOW unsupported" not in plain and "Only one article says this" not in plain
    assert "2. MEDIUM number_conflict" in plain and "4. LOW vague_source" in plain  # numbers kept
    md = render_markdown(report)
    assert f"_{md_escape(line)}; `--all-findings` lists them._" in md
    rows = next(t for t in _tables(md) if t[0][:2] == ["#", "severity"])
    assert [r[0] for r in rows[2:]] == ["1", "2", "4"]
    page = render_html(report)
    assert f'<p class="note">{line}; --all-findings lists them</p>' in page
    assert "Only one article says this" not in page and "4. <span" in page and "3. <span" not in page
    for fmt in ("text", "md", "html"):
        assert "Findings (4)" in render(report, fmt)  # the heading counts every finding


def test_report_render_all_findings_lists_them_as_before() -> None:
    report = _with_low_vague_source()
    plain = render_text(report, width=200, all_findings=True)
    assert "3. LOW unsupported: Only one article says this." in plain
    assert "reported by one independent source only" not in plain
    rows = next(
        t for t in _tables(render_markdown(report, all_findings=True)) if t[0][:2] == ["#", "severity"]
    )
    assert [r[0] for r in rows[2:]] == ["1", "2", "3", "4"] and rows[4][2] == "unsupported"
    page = render_html(report, all_findings=True)
    assert "3. <span" in page and "Only one article says this." in page
    assert "reported by one independent source only" not in page
    assert [f["kind"] for f in json.loads(render_json(report))["findings"]].count("unsupported") == 1


def test_report_render_collapsed_note_escapes_outlet_names() -> None:
    report = hostile_report()
    report.findings[0].passages[0] = Passage("wire000001", 1, 5, "x")
    md = render_markdown(report)
    assert "(low severity): Wire &lt;b&gt;Press&lt;/b&gt; 1" in md
    page = render_html(report)
    assert "(low severity): Wire &lt;b&gt;Press&lt;/b&gt; 1" in page and "<b>Press" not in page
