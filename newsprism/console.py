"""Rich renderings of articles, stories, extractions, search hits and ingest summaries for the terminal.

Article text is untrusted: every value goes through :func:`safe` (terminal control
characters removed) into a ``rich.text.Text``, never through Rich markup.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsprism.model import Article, Extraction, Refusal, Story

if TYPE_CHECKING:
    from newsprism.demo import DemoResult
    from newsprism.pipeline import IngestSummary
    from newsprism.scale.run import BatchSummary

#: Snippet markers the terminal search asks the store for (never in cleaned text).
MARK = ("\x02", "\x03")
#: Characters untrusted text is never shown with: C0/C1 controls but tab and newline (terminal
#: escapes), zero-width marks and bidi overrides (text that reads otherwise than it is), BOMs.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_PREVIEW = 60


def clean(value: object) -> str:
    """Untrusted text without control, escape or bidi-override characters."""
    return CONTROL.sub("", "" if value is None else str(value))


def safe(value: object) -> Text:
    """Untrusted text as a Rich Text without control, escape or bidi-override characters."""
    return Text(clean(value))


def _clip(text: str | None, width: int = _PREVIEW) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _date(article: Article) -> str:
    value = article.published.value
    return f"{value} ({article.published.method})" if value else "—"


def articles_table(
    articles: Sequence[Article], title: str | None = None, caption: str | None = None
) -> Table:
    """One row per article: id, date, outlet, byline, title."""
    table = Table(title=title, caption=caption, show_lines=False)
    for name in ("id", "published", "outlet", "byline", "title"):
        table.add_column(name, overflow="fold")
    for a in articles:
        table.add_row(
            safe(a.id),
            safe(_date(a)),
            safe(a.outlet or "—"),
            safe(", ".join(a.bylines) or "—"),
            safe(_clip(a.title)),
        )
    return table


def stories_table(stories: Sequence[Story], title: str | None = None) -> Table:
    """One row per story: id, label, article count, first outlets, first and last seen."""
    table = Table(title=title)
    table.add_column("id", no_wrap=True)
    table.add_column("label", ratio=1)
    table.add_column("articles", justify="right", no_wrap=True, min_width=len("articles"))
    table.add_column("outlets")
    table.add_column("first seen", no_wrap=True)
    table.add_column("last seen", no_wrap=True)
    for s in stories:
        outlets = ", ".join(s.outlets[:4]) + (f" +{len(s.outlets) - 4}" if len(s.outlets) > 4 else "")
        table.add_row(
            safe(s.id),
            safe(s.label),
            str(len(s.article_ids)),
            safe(outlets),
            safe((s.first_seen or "")[:10]),
            safe((s.last_seen or "")[:10]),
        )
    return table


def article_view(
    article: Article,
    *,
    extraction: Extraction | None = None,
    superseded_by: str | None = None,
    supersedes: str | None = None,
    removed: bool = False,
) -> Group:
    """Everything about one article: metadata, date evidence, body, chrome, extraction."""
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column(overflow="fold")
    p = article.published
    for name, value in (
        ("id", article.id),
        ("title", article.title),
        ("outlet", article.outlet + (f"  ({article.outlet_evidence})" if article.outlet_evidence else ""))
        if article.outlet
        else ("outlet", None),
        ("byline", ", ".join(article.bylines) or None),
        ("published", f"{p.value}  via {p.method}, confidence {p.confidence:.2f}" if p.value else None),
        ("section", article.section),
        ("tags", " | ".join(article.tags) or None),
        ("language", article.language),
        ("url", article.url),
        ("source", article.source),
        ("ingested", article.ingested_at),
        ("fingerprint", article.fingerprint[:16]),
        (
            "same text as",
            f"{article.reprint_of} (stored first, printed by another publication)"
            if article.reprint_of
            else None,
        ),
        ("supersedes", supersedes),
    ):
        if value:
            meta.add_row(name, safe(value))
    parts: list[RenderableType] = []
    if superseded_by:
        parts.append(
            Text.assemble(("superseded: ", "bold yellow"), safe(f"a newer version is {superseded_by}"))
        )
    parts.append(meta)
    if p.evidence:
        parts.append(Text("date evidence", style="bold"))
        parts.extend(Text.assemble("  • ", safe(e)) for e in counted(p.evidence))
    if article.standfirst:
        parts.append(Panel(safe(article.standfirst), title="standfirst", title_align="left"))
    parts.append(Panel(safe(article.body), title="body", title_align="left"))
    if removed:
        parts.append(removed_table(article))
    elif article.removed:
        blocks = "1 block" if len(article.removed) == 1 else f"{len(article.removed)} blocks"
        parts.append(Text(f"{blocks} of chrome removed (see --removed)", style="dim"))
    if extraction is not None:
        parts.append(extraction_view(extraction))
    return Group(*parts)


def counted(items: Iterable[str]) -> list[str]:
    """Each distinct item once, in first-seen order, with `` ×N`` when it came N > 1 times."""
    counts = Counter(items)
    return [f"{item} ×{n}" if n > 1 else item for item, n in counts.items()]


def removed_table(article: Article) -> Table:
    """The chrome the cleaner removed, with its reasons and lines."""
    table = Table(title="removed chrome")
    for name in ("line", "reason", "text"):
        table.add_column(name, overflow="fold")
    for block in article.removed:
        table.add_row(
            safe("" if block.line is None else block.line), safe(block.reason), safe(_clip(block.text, 100))
        )
    return table


def extraction_view(extraction: Extraction) -> Group:
    """Entities, quotes (speaker, descriptor, cue, quote) and the timeline of one article."""
    entities = Table(title="entities")
    for name in ("name", "label", "mentions", "key"):
        entities.add_column(name, overflow="fold")
    for e in sorted(extraction.entities, key=lambda e: (-e.mentions, e.name)):
        entities.add_row(safe(e.name), safe(e.label), safe(e.mentions), safe(e.key))
    quotes = Table(title="quotes")
    for name in ("speaker", "descriptor", "cue", "kind", "quote"):
        quotes.add_column(name, overflow="fold")
    for x in extraction.quotes:
        speaker = safe(x.speaker or "?")
        if x.vague:
            speaker.append(" (vague)", style="yellow")
        quotes.add_row(
            speaker, safe(x.descriptor or ""), safe(x.cue or ""), safe(x.kind), safe(_clip(x.text, 400))
        )
    timeline = Table(title="timeline")
    for name in ("date", "sentence"):
        timeline.add_column(name, overflow="fold")
    for t in extraction.timeline:
        timeline.add_row(safe(t.value), safe(_clip(t.text, 120)))
    return Group(entities, quotes, timeline)


def search_table(hits: Sequence[tuple[Article, str]], query: str) -> Table:
    """Search hits, best first, with the matched words highlighted in the snippet."""
    table = Table(title=Text.assemble("search: ", safe(query)))
    for name in ("id", "outlet", "title", "snippet"):
        table.add_column(name, overflow="fold")
    for article, snippet in hits:
        table.add_row(
            safe(article.id), safe(article.outlet or "—"), safe(_clip(article.title)), highlight(snippet)
        )
    return table


def highlight(snippet: str) -> Text:
    """A snippet whose :data:`MARK`-delimited matches are shown in bold."""
    text = Text()
    for i, part in enumerate(re.split(f"[{MARK[0]}{MARK[1]}]", snippet)):
        text.append(clean(part), style="bold yellow" if i % 2 else None)
    return text


def print_summary(console: Console, summary: IngestSummary, *, refusals: bool = True) -> None:
    """Print the summary table, then one unwrapped line per refusal (unless ``refusals`` is off) and warning."""
    console.print(summary_table(summary))
    for refusal in summary.refusals if refusals else ():
        console.print(refusal_line(refusal), soft_wrap=True)
    for warning in summary.warnings:
        console.print(Text.assemble(("warning: ", "yellow"), safe(warning)), soft_wrap=True)


def summary_table(summary: IngestSummary) -> Table:
    """The closing table of an ingest: ingested (and reprints among them, when any) / new versions /
    duplicates (already stored, and repeated within these inputs) / refused / extracted."""
    new = set(summary.ingested) | {n for _, n in summary.superseded}
    repeated = sum(1 for d in summary.duplicates if d in new)
    table = Table(title="ingest summary")
    table.add_column("outcome")
    table.add_column("count", justify="right", no_wrap=True, min_width=len("count"))
    table.add_row("ingested", str(len(summary.ingested)))
    if summary.reprints:
        table.add_row("reprints (same text, another publication)", str(len(summary.reprints)))
    table.add_row("new versions (older ones superseded)", str(len(summary.superseded)))
    table.add_row("already stored (same text)", str(len(summary.duplicates) - repeated))
    table.add_row("repeated within these inputs", str(repeated))
    table.add_row("refused", str(len(summary.refusals)))
    table.add_row("extracted", str(len(summary.extracted)))
    return table


def batch_lines(summary: BatchSummary) -> list[Text]:
    """What a batch did, line by line: shards, counts, flags, time, output and the store load."""
    flags = ", ".join(f"{k} {v}" for k, v in sorted(summary.flagged.items())) or "none"
    lines = [
        f"shards: {len(summary.shards)} on {summary.workers} worker(s)",
        f"articles: {summary.articles}   stories: {summary.stories}   near-duplicate links: "
        f"{summary.duplicate_links}   refused: {len(summary.refusals)}",
        f"flagged: {flags}",
        f"time: {_timings(summary.seconds)}",
        f"output: {summary.output}",
    ]
    loaded = summary.loaded
    if loaded is not None:
        lines.append(f"store {loaded['db']}: {loaded['loaded']} loaded, {loaded['already']} already stored")
    return [safe(line) for line in lines]


def _timings(seconds: dict[str, float]) -> str:
    """``shards 3.3 s, reduce 0.5 s, total 3.9 s`` (``—`` when nothing was timed)."""
    return ", ".join(f"{step} {value:.1f} s" for step, value in seconds.items()) or "—"


def refusal_line(refusal: Refusal) -> Text:
    """``refused CODE source: reason`` on one line."""
    reason = refusal.reason
    if reason.startswith(refusal.source + ": "):
        reason = reason[len(refusal.source) + 2 :]
    return Text.assemble(
        ("refused ", "red"), (refusal.code, "bold red"), " ", safe(refusal.source), ": ", safe(reason)
    )


def repeat_line(source: str, kept: str, kept_id: str) -> Text:
    """``read once SOURCE: the same article as KEPT (id)`` (an input that repeats another's text
    and publication), or ``given more than once`` when it is the same input, on one line."""
    same = "given more than once" if source == kept else f"the same article as {kept} ({kept_id})"
    return Text.assemble(("read once ", "yellow"), safe(source), ": ", safe(same))


def refusal_hints(refusals: Iterable[Refusal]) -> list[Text]:
    """``hint CODE: ...`` once per distinct hint of ``refusals`` (a code's hint may name the
    refusal's format), in order of first appearance."""
    from newsprism.errors import MESSAGES, recorded_error

    lines: list[Text] = []
    seen: set[tuple[str, str]] = set()
    for refusal in refusals:
        if refusal.code not in MESSAGES:
            continue
        hint = recorded_error(refusal.code, refusal.source, refusal.reason).hint
        if (refusal.code, hint) in seen:
            continue
        seen.add((refusal.code, hint))
        lines.append(Text.assemble(("hint ", "dim"), (refusal.code, "bold"), ": ", safe(hint)))
    return lines


def _file_name(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def _chrome(article: Article) -> str:
    if not article.removed:
        return "—"
    reasons = Counter(block.reason for block in article.removed)
    return "\n".join(f"{reason} ×{n}" if n > 1 else reason for reason, n in sorted(reasons.items()))


def print_demo(console: Console, result: DemoResult) -> None:
    """Print the demo: what was found in each bundled article, the summary, then who is quoted in each."""
    table = Table(title=safe(result.story or "demo story"), show_lines=True)
    for name in ("file", "outlet", "byline", "published", "section", "tags", "chrome removed"):
        table.add_column(name, overflow="fold", no_wrap=name == "file")
    for article in result.articles:
        table.add_row(
            safe(_file_name(article.source)),
            safe(article.outlet or "—"),
            safe(", ".join(article.bylines) or "—"),
            safe(_date(article)),
            safe(article.section or "—"),
            safe(" | ".join(article.tags) or "—"),
            safe(_chrome(article)),
        )
    console.print(table)
    print_summary(console, result.summary)
    quoted = [(a, result.extractions.get(a.id)) for a in result.articles]
    if any(x is not None for _, x in quoted):
        console.print(Text("\nwho is quoted, per article", style="bold"))
        for article, extraction in quoted:
            if extraction is not None:
                console.print(speakers_line(article, _speakers(extraction)), soft_wrap=True)


def _speakers(extraction: Extraction) -> list[tuple[str, int, bool]]:
    counts: Counter[tuple[str, bool]] = Counter((q.speaker or "?", q.vague) for q in extraction.quotes)
    return [(name, n, vague) for (name, vague), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def speakers_line(article: Article, speakers: Iterable[tuple[str, int, bool]]) -> Text:
    """``outlet: quotes from A (3), B (1), "Russian media" (vague)``."""
    text = safe(article.outlet or _file_name(article.source))
    text.stylize("bold")
    text.append(": ")
    items = list(speakers)
    if not items:
        text.append("no quotes found", style="dim")
    for i, (name, n, vague) in enumerate(items):
        if i:
            text.append(", ")
        text.append_text(safe(name))
        text.append(f" ({n})" + (" vague" if vague else ""), style="yellow" if vague else "dim")
    return text
