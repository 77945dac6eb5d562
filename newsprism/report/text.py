"""The story dossier for the terminal (Rich).

Every value from an article goes through :func:`newsprism.console.safe` into a
``rich.text.Text`` (never through Rich markup), so ``[bold]`` in an article is shown,
not interpreted, and terminal escapes and bidi overrides are dropped.
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from newsprism.console import safe
from newsprism.model import StoryReport
from newsprism.report.dossier import (
    ALL_FINDINGS_HINT,
    CELL_MARKS,
    Dossier,
    FindingRow,
    build_dossier,
    collapsed_note,
    coverage_line,
    hidden_facts_note,
    split_findings,
)

#: The style of each matrix cell's mark.
CELL_STYLES = {"reported": "green", "absent": "dim", "conflicting": "bold red"}
SEVERITY_STYLES = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}


def render_text(
    report: StoryReport | Dossier, *, width: int = 120, color: bool = False, all_findings: bool = False
) -> str:
    """The dossier as terminal text (no colour codes unless ``color``); same report, same string.

    Low-severity single-outlet findings are counted in one line unless ``all_findings``.
    """
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    console.print(dossier_renderable(report, all_findings=all_findings))
    return buffer.getvalue()


def dossier_renderable(report: StoryReport | Dossier, *, all_findings: bool = False) -> Group:
    """All sections of the dossier as one Rich renderable (``all_findings``: list every finding)."""
    d = report if isinstance(report, Dossier) else build_dossier(report)
    parts: list[RenderableType] = [_title(d), _coverage(d)]
    parts += _section("Summary", [_bullet(s) for s in d.summary] or [_none("no corroborated facts")])
    parts += _section("Timeline", [_timeline(d)] if d.timeline else [_none("no dated events")])
    if d.timeline_hidden:
        parts.append(_none(f"… {d.timeline_hidden} more dated events"))
    parts += _section("Who said what", [_speakers(d)] if d.speakers else [_none("no quotes found")])
    parts += _section("Facts x outlets", [_matrix(d)] if d.matrix else [_none("no fact reported twice")])
    if d.matrix_hidden:
        parts.append(_none(hidden_facts_note(d.matrix_hidden)))
    shown, collapsed = split_findings(d.findings, all_findings)
    findings = [_finding(i, f) for i, f in shown]
    if collapsed:
        findings.append(_none(collapsed_note(collapsed, ALL_FINDINGS_HINT)))
    parts += _section(f"Findings ({len(d.findings)})", findings or [_none("nothing flagged")])
    parts += _section("Derivations", _edges(d))
    return Group(*parts)


def _title(d: Dossier) -> Text:
    text = safe(d.headline)
    text.stylize("bold")
    line = safe("\n" + coverage_line(d))
    line.stylize("dim")
    text.append_text(line)
    return text


def _section(name: str, body: list[RenderableType]) -> list[RenderableType]:
    return [Text("\n" + name, style="bold underline"), *body]


def _none(message: str) -> Text:
    return Text(message, style="dim italic")


def _bullet(line: str) -> Text:
    text = Text("• ")
    text.append_text(safe(line))
    return text


#: Columns whose values are short codes that must never wrap.
_NO_WRAP = frozenset({"published", "id", "date"})


def _table(*names: str, ratios: tuple[int | None, ...] = ()) -> Table:
    table = Table(show_lines=True, expand=True, header_style="bold")
    for i, name in enumerate(names):
        if name in _NO_WRAP:
            table.add_column(name, no_wrap=True, overflow="ellipsis")
        else:
            table.add_column(name, overflow="fold", ratio=ratios[i] if i < len(ratios) else None)
    return table


def _coverage(d: Dossier) -> Table:
    table = _table("outlet", "published", "byline", "title", "id", ratios=(2, 1, 2, 4, 1))
    for c in d.columns:
        table.add_row(
            safe(c.outlet_cell),
            safe(c.published),
            safe(c.byline or "—"),
            safe(c.title or "—"),
            safe(c.article_id),
        )
    return table


def _timeline(d: Dossier) -> Table:
    table = _table("date", "what", "outlets", ratios=(1, 5, 2))
    for row in d.timeline:
        date = safe(row.date)
        date.plain = date.plain.replace(" (", "\n(", 1)  # the article's words under the value
        table.add_row(date, safe(row.text), safe(", ".join(row.outlets)))
    return table


def _speakers(d: Dossier) -> Table:
    table = _table("speaker", "affiliation", "quotes", "outlets", "conflicts", ratios=(2, 3, 5, 2, 3))
    for row in d.speakers:
        quotes = Text("\n").join(safe(q) for q in row.quotes) if row.quotes else Text("—")
        conflicts = Text("\n").join(safe(c) for c in row.conflicts) if row.conflicts else Text("—")
        if row.conflicts:
            conflicts.stylize("red")
        table.add_row(
            safe(row.name), safe(row.affiliation or "—"), quotes, safe(", ".join(row.outlets)), conflicts
        )
    return table


def column_key(index: int) -> str:
    """A, B, ..., Z, AA, AB, ...: the short name of a matrix column."""
    key = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        key = chr(65 + rest) + key
    return key


def _matrix(d: Dossier) -> RenderableType:
    """Outlets are lettered columns (named in the key under the table) so the facts get the width."""
    table = Table(show_lines=False, expand=True, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("fact", overflow="fold", ratio=1)
    for i in range(len(d.columns)):
        table.add_column(column_key(i), justify="center", no_wrap=True)
    table.add_column("indep.", justify="right", no_wrap=True)
    for row in d.matrix:
        cells = [Text(CELL_MARKS[cell], CELL_STYLES[cell]) for cell in row.cells]
        table.add_row(Text(str(row.cluster_id)), safe(row.text), *cells, Text(str(row.independent)))
    key = Text("  ".join(f"{column_key(i)} = {c.label}" for i, c in enumerate(d.columns)), style="dim")
    legend = Text("✓ reported   · absent   ✗ conflicting   indep. = independent sources", style="dim")
    return Group(table, key, legend)


def _finding(number: int, f: FindingRow) -> RenderableType:
    head = Text(f"{number}. ")
    head.append(f.severity.upper(), style=SEVERITY_STYLES.get(f.severity, ""))
    head.append(" ")
    head.append_text(safe(f.kind))
    head.append(": ")
    head.append_text(safe(f.explanation))
    if not f.passages:
        return head
    table = Table(show_lines=False, expand=True, header_style="bold")
    for p in f.passages:
        table.add_column(safe(f"{p.label} [{p.span}]"), overflow="fold", ratio=1)
    table.add_row(*(safe(p.text) for p in f.passages))
    return Group(head, table)


def _edges(d: Dossier) -> list[RenderableType]:
    lines: list[RenderableType] = []
    for e in d.edges:
        text = _bullet(e.sentence)
        text.append(f" — {e.detail}", style="dim")
        lines.append(text)
    linked = {e.source_id for e in d.edges} | {e.derived_id for e in d.edges}
    alone = [c.label for c in d.columns if c.article_id not in linked]
    if alone:
        lines.append(_none("independent of the others: " + ", ".join(alone)))
    return lines or [_none("no derivations")]
