"""The story dossier as one self-contained HTML page (inline CSS and SVG, no script, no links).

Every value passes through :func:`e` (:func:`html.escape` with quotes) before it is
placed in the page; markup is only ever written by this module. The page also carries
a Content-Security-Policy that forbids scripts and remote loads, as a second fence.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from importlib import resources
from string import Template

from newsprism.model import StoryReport
from newsprism.report.dossier import (
    ALL_FINDINGS_HINT,
    CELL_MARKS,
    Column,
    Dossier,
    EdgeRow,
    FindingRow,
    build_dossier,
    clean,
    collapsed_note,
    coverage_line,
    hidden_facts_note,
    split_findings,
)

#: The page around the dossier (inline CSS), in the package data (newsprism/data/report/).
TEMPLATE = "dossier.html"
#: Graph geometry (pixels): node box, gaps between date layers and between rows.
NODE_W, NODE_H, LAYER_GAP, ROW_GAP, MARGIN = 190, 46, 130, 40, 30


def e(value: object) -> str:
    """Untrusted text as HTML text or attribute value (control/bidi characters dropped)."""
    return html.escape(clean(value, None), quote=True)


def _template() -> Template:
    source = resources.files("newsprism").joinpath("data", "report", TEMPLATE).read_text("utf-8")
    return Template(source)


def render_html(report: StoryReport | Dossier, *, all_findings: bool = False) -> str:
    """The whole dossier as an HTML document.

    Low-severity single-outlet findings are counted in one line unless ``all_findings``.
    """
    d = report if isinstance(report, Dossier) else build_dossier(report)
    body = "\n".join(
        [
            _header(d),
            _summary(d),
            _timeline(d),
            _speakers(d),
            _matrix(d),
            _findings(d, all_findings),
            _derivations(d),
        ]
    )
    return _template().substitute(title=e(d.headline), body=body)


def _tag(name: str, content: str, cls: str | None = None) -> str:
    attr = f' class="{e(cls)}"' if cls else ""
    return f"<{name}{attr}>{content}</{name}>"


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    head = "".join(_tag("th", h) for h in header)
    body = "".join(
        "<tr>" + "".join(cell if cell.startswith("<td") else _tag("td", cell) for cell in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _note(text: str) -> str:
    return _tag("p", e(text), "note")


def _header(d: Dossier) -> str:
    meta = coverage_line(d)
    rows = [
        [e(c.outlet_cell), e(c.published), e(c.byline or "—"), e(c.title or "—"), e(c.article_id)]
        for c in d.columns
    ]
    return "\n".join(
        [
            "<header>",
            _tag("h1", e(d.headline)),
            _tag("p", e(meta), "meta"),
            "</header>",
            _tag("h2", "Coverage"),
            _table(["outlet", "published", "byline", "title", "id"], rows),
        ]
    )


def _summary(d: Dossier) -> str:
    if not d.summary:
        return _tag("h2", "Summary") + _note("no corroborated facts")
    items = "".join(_tag("li", e(line)) for line in d.summary)
    return _tag("h2", "Summary") + _tag("ul", items, "summary")


def _timeline(d: Dossier) -> str:
    out = _tag("h2", "Timeline")
    if not d.timeline:
        return out + _note("no dated events")
    out += _table(
        ["date", "what", "outlets"], ([e(r.date), e(r.text), e(", ".join(r.outlets))] for r in d.timeline)
    )
    return out + (_note(f"… {d.timeline_hidden} more dated events") if d.timeline_hidden else "")


def _speakers(d: Dossier) -> str:
    out = _tag("h2", "Who said what")
    if not d.speakers:
        return out + _note("no quotes found")
    rows = []
    for s in d.speakers:
        quotes = _tag("ul", "".join(_tag("li", e(q)) for q in s.quotes), "quotes") if s.quotes else "—"
        conflicts = "<br>".join(_tag("span", e(c), "conflicting") for c in s.conflicts) or "—"
        rows.append([e(s.name), e(s.affiliation or "—"), quotes, e(", ".join(s.outlets)), conflicts])
    return out + _table(["speaker", "affiliation", "quotes", "outlets", "conflicts"], rows)


def _matrix(d: Dossier) -> str:
    out = _tag("h2", "Facts x outlets")
    if not d.matrix:
        out += _note("no fact reported twice")
    else:
        header = ["#", "fact", *(e(c.label) for c in d.columns), "independent sources"]
        rows = [
            [
                f'<td class="num">{r.cluster_id}</td>',
                e(r.text),
                *(f'<td class="cell {cell}" title="{cell}">{CELL_MARKS[cell]}</td>' for cell in r.cells),
                f'<td class="num">{r.independent}</td>',
            ]
            for r in d.matrix
        ]
        out += _table(header, rows) + _note("✓ reported · absent ✗ conflicting")
    if d.matrix_hidden:
        out += _note(hidden_facts_note(d.matrix_hidden) + ".")
    return out


def _findings(d: Dossier, all_findings: bool) -> str:
    out = _tag("h2", f"Findings ({len(d.findings)})")
    if not d.findings:
        return out + _note("nothing flagged")
    shown, collapsed = split_findings(d.findings, all_findings)
    out += "\n".join(_finding(i, f) for i, f in shown)
    return out + (_note(collapsed_note(collapsed, ALL_FINDINGS_HINT)) if collapsed else "")


def _finding(number: int, f: FindingRow) -> str:
    severity = f.severity if f.severity in ("high", "medium", "low", "info") else "info"
    head = f'{number}. <span class="sev sev-{severity}">{e(f.severity)}</span> <strong>{e(f.kind)}</strong>: {e(f.explanation)}'
    passages = "".join(
        '<figure class="passage">'
        + _tag("figcaption", f"{e(p.label)} [{e(p.span)}]")
        + _tag("blockquote", e(p.text))
        + "</figure>"
        for p in f.passages
    )
    return _tag("section", _tag("h3", head) + _tag("div", passages, "passages"), "finding")


def _derivations(d: Dossier) -> str:
    out = _tag("h2", "Derivations") + derivation_svg(d.columns, d.edges)
    items = [
        _tag(
            "li",
            e(f"{edge.sentence}: {edge.detail}"),
        )
        for edge in d.edges
    ]
    linked = {x.source_id for x in d.edges} | {x.derived_id for x in d.edges}
    alone = [c.label for c in d.columns if c.article_id not in linked]
    if alone:
        items.append(_tag("li", e("independent of the others: " + ", ".join(alone))))
    return out + (_tag("ul", "".join(items)) if items else _note("no derivations"))


# ---------------------------------------------------------------- graph


def _layout(columns: list[Column]) -> dict[str, tuple[float, float]]:
    """Node centres: one layer (x) per publication date, articles of a date stacked (y)."""
    dates = sorted({c.published for c in columns})
    rows: dict[str, int] = {}
    centres = {}
    for c in columns:
        layer = dates.index(c.published)
        row = rows.get(c.published, 0)
        rows[c.published] = row + 1
        x = MARGIN + layer * (NODE_W + LAYER_GAP) + NODE_W / 2
        y = MARGIN + row * (NODE_H + ROW_GAP) + NODE_H / 2
        centres[c.article_id] = (x, y)
    return centres


def derivation_svg(columns: list[Column], edges: list[EdgeRow]) -> str:
    """An inline SVG of the articles (by date, left to right) and the ``B rewrites A`` edges."""
    centres = _layout(columns)
    width = max((x for x, _ in centres.values()), default=0) + NODE_W / 2 + LAYER_GAP + MARGIN
    height = max((y for _, y in centres.values()), default=0) + NODE_H / 2 + MARGIN + 20
    parts = [
        f'<svg class="graph" role="img" viewBox="0 0 {width:.0f} {height:.0f}">',
        _tag("title", "derivation graph: arrows point from the source to the article that rewrites it"),
    ]
    for edge in edges:
        if edge.source_id in centres and edge.derived_id in centres:
            parts.append(_edge(centres[edge.source_id], centres[edge.derived_id], edge))
    for c in columns:
        x, y = centres[c.article_id]
        left, top = x - NODE_W / 2, y - NODE_H / 2
        parts.append(
            "<g>"
            + _tag("title", e(f"{c.label} — {c.title}" if c.title else c.label))
            + f'<rect x="{left:.1f}" y="{top:.1f}" width="{NODE_W}" height="{NODE_H}" rx="6" '
            'fill="#ffffff" stroke="#57606a"/>'
            + f'<text x="{x:.1f}" y="{y - 4:.1f}" text-anchor="middle">{e(clean(c.label, 28))}</text>'
            + f'<text class="date" x="{x:.1f}" y="{y + 13:.1f}" text-anchor="middle">{e(c.published)}</text>'
            + "</g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _edge(a: tuple[float, float], b: tuple[float, float], edge: EdgeRow) -> str:
    """A curved arrow from node ``a`` to node ``b`` (centres), box edge to box edge, labelled at its middle.

    Nodes of one date share a column: their arrow leaves and enters on the right side and
    bows into the gap between columns, so it never runs under another node.
    """
    (ax, ay), (bx, by) = a, b
    half = NODE_W / 2
    if abs(bx - ax) < 1:
        x1, y1, x2, y2 = ax + half, ay, bx + half, by
        cx, cy = x1 + 0.9 * LAYER_GAP, (y1 + y2) / 2
    else:
        side = half if bx > ax else -half
        x1, y1, x2, y2 = ax + side, ay, bx - side, by
        cx, cy = (x1 + x2) / 2, (y1 + y2) / 2 - 0.12 * abs(x2 - x1)
    mx, my = 0.25 * x1 + 0.5 * cx + 0.25 * x2, 0.25 * y1 + 0.5 * cy + 0.25 * y2
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length  # the curve's direction at its middle
    tip = (mx + 7 * ux, my + 7 * uy)
    left = (mx - 7 * ux - 5 * uy, my - 7 * uy + 5 * ux)
    right = (mx - 7 * ux + 5 * uy, my - 7 * uy - 5 * ux)
    colour = "#cf222e" if edge.copy else "#bc4c00"
    dash = ' stroke-dasharray="6 4"' if edge.copy else ""
    label = f"{'copy' if edge.copy else 'rewrite'} {edge.score:.2f}"
    points = " ".join(f"{px:.1f},{py:.1f}" for px, py in (tip, left, right))
    return (
        "<g>"
        + _tag("title", e(edge.sentence))
        + f'<path d="M {x1:.1f} {y1:.1f} Q {cx:.1f} {cy:.1f} {x2:.1f} {y2:.1f}" fill="none" '
        f'stroke="{colour}" stroke-width="2"{dash}/>'
        + f'<polygon points="{points}" fill="{colour}"/>'
        + f'<text class="edge-label" x="{mx + 6:.1f}" y="{my - 6:.1f}" fill="{colour}">{e(label)}</text>'
        + "</g>"
    )
