"""Clusters of aligned facts and their independent-source counts.

Aligned facts are joined by union-find into clusters (a merged one-to-many pair joins all
its facts). Articles are joined into *families* by the derivation edges: an article, its
copies and its rewrites are one family, so a wire copy or a rewrite never counts as a
second confirmation. A cluster's ``independent_sources`` is the number of families among
its articles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from newsprism.model import AlignedPair, Article, Derivation, Extraction, FactCluster

Node = tuple[int, int]


class UnionFind:
    """Disjoint sets of (int, int) nodes with deterministic representatives (the smallest node)."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, x: Node) -> Node:
        """The representative of ``x``'s set (adds ``x`` when new)."""
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, x: Node, y: Node) -> None:
        """Join the sets of ``x`` and ``y``."""
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            lo, hi = sorted((rx, ry))
            self.parent[hi] = lo


def families(articles: list[Article], edges: list[Derivation]) -> dict[str, int]:
    """Family number of each article (0, 1, ... in input order): articles joined by derivation
    edges or by their named outlet (:func:`_named_outlet`, whatever its case)."""
    order = {a.id: i for i, a in enumerate(articles)}
    uf = UnionFind()
    first_of: dict[str, int] = {}
    for a in articles:
        uf.find((order[a.id], 0))
        named = _named_outlet(a)
        if named is not None:
            uf.union((first_of.setdefault(named.casefold(), order[a.id]), 0), (order[a.id], 0))
    for e in edges:
        if e.source in order and e.derived in order:
            uf.union((order[e.source], 0), (order[e.derived], 0))
    roots: dict[Node, int] = {}
    out = {}
    for a in articles:
        root = uf.find((order[a.id], 0))
        out[a.id] = roots.setdefault(root, len(roots))
    return out


def fact_groups(articles: list[Article], pairs: list[AlignedPair]) -> dict[tuple[str, int], int]:
    """Group number of every aligned fact (article id, fact index): facts joined by aligned pairs."""
    order = {a.id: i for i, a in enumerate(articles)}
    uf = UnionFind()
    for p in pairs:
        nodes = [(order[p.a_article], i) for i in p.a_facts] + [(order[p.b_article], i) for i in p.b_facts]
        for n in nodes:
            uf.union(nodes[0], n)
    roots: dict[Node, int] = {}
    out: dict[tuple[str, int], int] = {}
    for node in sorted(uf.parent):
        out[(articles[node[0]].id, node[1])] = roots.setdefault(uf.find(node), len(roots))
    return out


def _named_outlet(article: Article) -> str | None:
    """The article's outlet, else its web host; None when neither is known."""
    if article.outlet and any(ch.isalnum() for ch in article.outlet):
        return article.outlet
    host = article.url.split("//", 1)[-1].split("/", 1)[0] if article.url else ""
    return host.removeprefix("www.") if host else None


def outlet_label(article: Article) -> str:
    """A reader-facing name of an article's outlet: outlet, else web host, else source file name."""
    named = _named_outlet(article)
    if named is not None:
        return named
    name = article.source.replace("\\", "/").rsplit("/", 1)[-1].split("#", 1)[0]
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    return stem or article.id


def article_labels(articles: Sequence[Article], display: Callable[[str], str] = str) -> dict[str, str]:
    """Each article's outlet label (:func:`outlet_label` shown through ``display``), made unique
    with a short id when articles share one."""
    base = {a.id: display(outlet_label(a)) or display(a.id) for a in articles}
    counts: dict[str, int] = defaultdict(int)
    for name in base.values():
        counts[name.casefold()] += 1
    return {
        aid: name if counts[name.casefold()] == 1 else f"{name} · {display(aid)[:6]}"
        for aid, name in base.items()
    }


def outlet_known(article: Article) -> bool:
    """Whether :func:`outlet_label` names an outlet or a web host (False: only a file name)."""
    return _named_outlet(article) is not None


def cluster_facts(
    articles: list[Article],
    extractions: list[Extraction],
    pairs: list[AlignedPair],
    edges: list[Derivation],
    conflicting: dict[tuple[str, int], set[str]] | None = None,
) -> list[FactCluster]:
    """Clusters of facts aligned across two or more articles, most independently reported first.

    ``conflicting`` maps a member (article id, fact index) to the article ids whose version
    of that fact is flagged as conflicting; those ids land in the cluster's ``conflicting``
    and do not count as sources: a contradicting version corroborates nothing.
    """
    order = {a.id: i for i, a in enumerate(articles)}
    arts = {a.id: a for a in articles}
    exs = {e.article_id: e for e in extractions}
    family = families(articles, edges)
    groups: dict[int, list[Node]] = defaultdict(list)
    for (aid, fi), gid in sorted(
        fact_groups(articles, pairs).items(), key=lambda kv: (order[kv[0][0]], kv[0][1])
    ):
        groups[gid].append((order[aid], fi))
    clusters: list[FactCluster] = []
    for members in groups.values():
        ids = [articles[ai].id for ai, _ in members]
        if len(set(ids)) < 2:
            continue
        head = min(members, key=lambda m: (_day(articles[m[0]]), family[articles[m[0]].id], m))
        outlets: list[str] = []
        for aid in sorted(set(ids), key=order.__getitem__):
            label = outlet_label(arts[aid])
            if label not in outlets:
                outlets.append(label)
        flagged: set[str] = set()
        for ai, fi in members:
            flagged |= (conflicting or {}).get((articles[ai].id, fi), set())
        clusters.append(
            FactCluster(
                id=0,
                text=exs[articles[head[0]].id].facts[head[1]].text,
                members=[(articles[ai].id, fi) for ai, fi in members],
                outlets=outlets,
                independent_sources=max(1, len({family[i] for i in ids if i not in flagged})),
                conflicting=sorted(flagged, key=order.__getitem__),
            )
        )
    clusters.sort(key=lambda c: (-c.independent_sources, -len({m[0] for m in c.members}), _first(c, order)))
    for i, c in enumerate(clusters):
        c.id = i
    return clusters


def _day(article: Article) -> str:
    return (article.published.value or "9999")[:10]


def _first(cluster: FactCluster, order: dict[str, int]) -> tuple[int, int]:
    return min((order[a], f) for a, f in cluster.members)
