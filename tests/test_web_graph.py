"""Layout of the derivation graph: boxes by date, arrows, labels that fit their boxes."""

from __future__ import annotations

from newsprism.report.dossier import Column, EdgeRow
from newsprism.web.graph import BOX_W, LABEL_CHARS, layout


def _column(aid: str, label: str, published: str) -> Column:
    return Column(article_id=aid, label=label, published=published, title="", byline="", outlet_known=True)


def test_web_graph_boxes_by_date_and_arrows() -> None:
    long = "The Northern Harbour Evening Chronicle and Gazette"
    columns = [
        _column("a", "Harbour Daily", "2025-03-10"),
        _column("b", long, "2025-03-12"),
        _column("c", "Wire", "undated"),
    ]
    edges = [
        EdgeRow(
            source="Harbour Daily", derived=long, source_id="a", derived_id="b", score=0.8, copy=False,
            aligned_share=0.7, order_preserved=1.0, pairs=4,
        )
    ]  # fmt: skip
    graph = layout(columns, edges)
    xs = {n.article_id: n.x for n in graph.nodes}
    assert xs["a"] < xs["b"] < xs["c"]  # by publication date, undated last
    (edge,) = graph.edges
    assert edge.path.startswith(f"M{xs['a'] + BOX_W},") and edge.score == "0.80"
    node = next(n for n in graph.nodes if n.article_id == "b")
    assert len(node.label) == LABEL_CHARS and node.label.endswith("…")  # fits its box, says it is cut
    assert node.full_label == long  # the tooltip keeps it whole
    assert next(n for n in graph.nodes if n.article_id == "a").label == "Harbour Daily"
