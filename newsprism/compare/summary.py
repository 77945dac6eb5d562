"""The cited extractive summary of a story: its most corroborated facts, each with its outlets.

Each :class:`~newsprism.model.SummaryLine` is one cluster's lead sentence (the earliest
original's wording) with one :class:`~newsprism.model.Citation` per article that reports the
fact. An outlet is cited bare only when its own sentence has the lead's wording
(:func:`~newsprism.compare.align.same_text`); otherwise the citation carries that outlet's own
words, and the speaker it gives when that is someone else, so a verbatim quote is never put
under an outlet that does not print it. :func:`line_text` writes a line as text:
``lead [Outlet] [Other: “own words” (said by X)]``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from newsprism.compare.align import same_text
from newsprism.compare.attribution import fact_quotes, same_speaker, text_words
from newsprism.compare.corroboration import article_labels
from newsprism.model import Article, Citation, Extraction, FactCluster, Quote, SummaryLine

#: Lines in the summary: up to SUMMARY_MAX clusters reported by two or more independent
#: sources; when fewer, filled up to SUMMARY_MIN with the other multi-outlet clusters.
SUMMARY_MAX, SUMMARY_MIN = 5, 3
#: Longest excerpt of an outlet's own words in a citation.
OWN_WORDS_CHARS = 200


def by_publication(articles: Sequence[Article]) -> list[Article]:
    """``articles`` by publication day, undated last (input order breaks ties: a day given alone
    says nothing about the time of day another article of that day gives)."""
    return sorted(articles, key=lambda a: (a.published.value or "~")[:10])


def summary_lines(
    clusters: list[FactCluster], articles: list[Article], extractions: list[Extraction]
) -> list[SummaryLine]:
    """The summary: the most corroborated clusters in story order, each cited (see module doc).

    Of clusters with as many independent sources, the uncontradicted come first. A cluster that
    some articles contradict is summed up from the others (the contradiction is a finding of its
    own), unless its lead sentence is one of the contradicted versions or fewer than two articles
    are left: one content farm's changed figure does not drop the story's main fact. A lead
    already used is skipped. Citations follow publication order (undated articles last).
    """
    exs = {e.article_id: e for e in extractions}
    labels = article_labels(articles)
    order = {a.id: i for i, a in enumerate(by_publication(articles))}
    chosen: list[FactCluster] = []
    seen: set[str] = set()
    candidates: list[tuple[int, bool, int, FactCluster]] = []
    for rank, cluster in enumerate(clusters):  # most independently reported first (cluster_facts' order)
        kept = _uncontradicted(cluster, exs) if cluster.conflicting else cluster
        if kept is not None:
            candidates.append((-cluster.independent_sources, bool(cluster.conflicting), rank, kept))
    for *_, cluster in sorted(candidates, key=lambda c: c[:3]):
        if len(chosen) >= SUMMARY_MAX or (cluster.independent_sources < 2 and len(chosen) >= SUMMARY_MIN):
            break
        key = " ".join(cluster.text.casefold().split())
        if key and key not in seen:
            seen.add(key)
            chosen.append(cluster)
    chosen.sort(key=lambda c: (min((i for _, i in c.members), default=0), c.id))
    return [_line(c, exs, labels, order) for c in chosen]


def _lead_ids(cluster: FactCluster, exs: dict[str, Extraction]) -> list[str]:
    """The articles whose member sentence is the cluster's lead (its text)."""
    return [aid for aid, i in cluster.members if exs[aid].facts[i].text == cluster.text]


def _uncontradicted(cluster: FactCluster, exs: dict[str, Extraction]) -> FactCluster | None:
    """The cluster without its contradicted versions, None when its lead is one of them or fewer
    than two articles are left."""
    members = [m for m in cluster.members if m[0] not in cluster.conflicting]
    if len({aid for aid, _ in members}) < 2 or set(_lead_ids(cluster, exs)) & set(cluster.conflicting):
        return None
    return replace(cluster, members=members, conflicting=[])


def _line(
    cluster: FactCluster, exs: dict[str, Extraction], labels: dict[str, str], order: dict[str, int]
) -> SummaryLine:
    members: dict[str, list[int]] = defaultdict(list)
    for aid, index in cluster.members:
        members[aid].append(index)
    facts = {aid: _closest_run(exs[aid], idx, cluster.text) for aid, idx in members.items()}
    lead_id = next(iter(_lead_ids(cluster, exs)), cluster.members[0][0])
    lead_speakers = _speakers(exs[lead_id], facts[lead_id])
    cites = []
    for aid in sorted(facts, key=lambda a: order.get(a, len(order))):
        label = labels.get(aid, aid)
        own = " ".join(exs[aid].facts[i].text for i in sorted(facts[aid]))
        if aid == lead_id or same_text(own, cluster.text):  # the lead's wording: a bare citation is honest
            cites.append(Citation(aid, label))
            continue
        excerpt = own if len(own) <= OWN_WORDS_CHARS else own[: OWN_WORDS_CHARS - 1].rstrip() + "…"
        others = [
            q.speaker
            for q in _speakers(exs[aid], facts[aid])
            if q.speaker and not any(same_speaker(q, lead) for lead in lead_speakers)
        ]
        unnamed = [s for s in dict.fromkeys(others) if s.casefold() not in excerpt.casefold()]
        cites.append(Citation(aid, label, excerpt, unnamed if lead_speakers else []))
    unsaid = [
        q.speaker for q in lead_speakers if q.speaker and q.speaker.casefold() not in cluster.text.casefold()
    ]
    named = [s for s in dict.fromkeys(unsaid) if s.split()[-1].casefold() not in cluster.text.casefold()]
    return SummaryLine(cluster.text, cluster.id, cites, named)


def cited_words(cite: Citation) -> str:
    """A citation's own words as shown, ``“own words” (said by X)``; "" for a bare citation."""
    if cite.own_words is None:
        return ""
    said = f" (said by {', '.join(cite.said_by)})" if cite.said_by else ""
    return f"“{cite.own_words}”{said}"


def citation_text(cite: Citation) -> str:
    """``[Outlet]`` or ``[Outlet: “own words” (said by X)]``: one bracketed span (brackets in the
    words become parentheses)."""
    words = cited_words(cite).replace("[", "(").replace("]", ")")
    return f"[{cite.label}: {words}]" if words else f"[{cite.label}]"


def lead_text(line: SummaryLine) -> str:
    """The lead sentence, with who speaks its quote when the sentence does not say it."""
    return f"{line.text} (said by {', '.join(line.said_by)})" if line.said_by else line.text


def line_text(line: SummaryLine) -> str:
    """A summary line as text: the lead sentence and its citations."""
    return " ".join([lead_text(line), *(citation_text(c) for c in line.citations)])


def _closest_run(ex: Extraction, indices: list[int], lead: str) -> list[int]:
    """The run of consecutive facts among ``indices`` around the one sharing most words with
    ``lead``: an article's facts in a cluster can come from several aligned pairs, and a citation
    shows the sentences that report the lead, not two far-apart paragraphs joined."""
    idx = sorted(set(indices))
    words = set(text_words(lead))
    best = max(idx, key=lambda i: (len(words & set(text_words(ex.facts[i].text))), -i))
    first = last = best
    while first - 1 in idx:
        first -= 1
    while last + 1 in idx:
        last += 1
    return list(range(first, last + 1))


def _speakers(ex: Extraction, facts: list[int]) -> list[Quote]:
    return [q for _, q in fact_quotes(ex, facts) if q.speaker]
