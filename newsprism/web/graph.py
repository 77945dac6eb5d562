"""Layout of the derivation graph, drawn by the story template as inline SVG.

Articles are boxes placed left to right by publication date (one column per date, undated
last) and top to bottom inside a date; an arrow goes from the source to the article that
rewrites it (dashed for verbatim copies). Only numbers are computed here: the template
writes every label through Jinja's autoescape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.report.dossier import Column, EdgeRow

BOX_W, BOX_H = 168, 46
#: Characters of an outlet label that fit in a box; a longer one ends in "…" (its title holds it whole).
LABEL_CHARS = 24
GAP_X, GAP_Y, MARGIN = 70, 34, 14


@dataclass(frozen=True, slots=True)
class Node:
    article_id: str
    label: str  # as it fits the box
    published: str
    x: int
    y: int
    full_label: str


@dataclass(frozen=True, slots=True)
class Edge:
    path: str
    copy: bool
    width: float
    title: str
    label_x: int
    label_y: int
    score: str


@dataclass(frozen=True, slots=True)
class Graph:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]


def layout(columns: Sequence[Column], edges: Sequence[EdgeRow]) -> Graph:
    """Boxes for ``columns`` (articles in date order) and arrows for ``edges``."""
    dates = list(dict.fromkeys(c.published for c in columns))
    dates.sort(key=lambda d: (d == "undated", d))
    rows: dict[str, int] = {}
    nodes: dict[str, Node] = {}
    for column in columns:
        x = MARGIN + dates.index(column.published) * (BOX_W + GAP_X)
        row = rows.get(column.published, 0)
        rows[column.published] = row + 1
        y = MARGIN + row * (BOX_H + GAP_Y)
        short = (
            column.label
            if len(column.label) <= LABEL_CHARS
            else column.label[: LABEL_CHARS - 1].rstrip() + "…"
        )
        nodes[column.article_id] = Node(column.article_id, short, column.published, x, y, column.label)
    drawn = [_edge(nodes[e.source_id], nodes[e.derived_id], e) for e in edges if _both(nodes, e)]
    width = MARGIN * 2 + max(1, len(dates)) * (BOX_W + GAP_X) - GAP_X
    height = MARGIN * 2 + max(rows.values(), default=1) * (BOX_H + GAP_Y) - GAP_Y
    return Graph(width, height, list(nodes.values()), drawn)


def _both(nodes: dict[str, Node], edge: EdgeRow) -> bool:
    return edge.source_id in nodes and edge.derived_id in nodes and edge.source_id != edge.derived_id


def _edge(a: Node, b: Node, e: EdgeRow) -> Edge:
    if a.x != b.x:
        forward = b.x > a.x
        x1 = a.x + (BOX_W if forward else 0)
        x2 = b.x + (0 if forward else BOX_W)
        y1, y2 = a.y + BOX_H // 2, b.y + BOX_H // 2
        mid = (x1 + x2) // 2
        path = f"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}"
        lx, ly = mid - 10, min(y1, y2) - 8
    else:
        down = b.y > a.y
        x1 = x2 = a.x + BOX_W // 2
        y1 = a.y + (BOX_H if down else 0)
        y2 = b.y + (0 if down else BOX_H)
        bulge = x1 + BOX_W // 2 + 24
        path = f"M{x1},{y1} C{bulge},{y1} {bulge},{y2} {x2},{y2}"
        lx, ly = bulge - 10, (y1 + y2) // 2
    title = f"{e.sentence}: {e.detail}"
    return Edge(
        path, e.copy, round(1.5 + 2.5 * max(0.0, min(1.0, e.score)), 2), title, lx, ly, f"{e.score:.2f}"
    )
