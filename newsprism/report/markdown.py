"""The story dossier as Markdown (GitHub-flavoured tables).

Article text is untrusted: :func:`md_escape` backslash-escapes every Markdown
metacharacter (so a ``|`` cannot open a table cell and ``[x](y)`` cannot make a link)
and turns ``<``, ``>`` and ``&`` into entities, so no HTML tag reaches a renderer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsprism.model import StoryReport
from newsprism.report.dossier import (
    CELL_MARKS,
    Dossier,
    build_dossier,
    clean,
    collapsed_note,
    coverage_line,
    hidden_facts_note,
    split_findings,
)

_META = re.compile(r"([\\`*_\[\]|~$])")
_LEADING = re.compile(r"^([-+#=])|^(\d+)([.)])")


def md_escape(value: object, limit: int | None = None) -> str:
    """One line of untrusted text, safe inside a Markdown paragraph or table cell."""
    text = clean(value, limit)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _META.sub(r"\\\1", text)
    return _LEADING.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], text)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c if c else " " for c in cells) + " |"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], align: Sequence[str] = ()) -> list[str]:
    rule = [align[i] if i < len(align) else "---" for i in range(len(header))]
    return [_row(header), _row(rule), *(_row(r) for r in rows), ""]


def render_markdown(report: StoryReport | Dossier, *, all_findings: bool = False) -> str:
    """The whole dossier as a Markdown document (ends with a newline).

    Low-severity single-outlet findings are counted in one line unless ``all_findings``.
    """
    d = report if isinstance(report, Dossier) else build_dossier(report)
    out: list[str] = [f"# {md_escape(d.headline)}", ""]
    out += [md_escape(coverage_line(d)), ""]
    out += _table(
        ["outlet", "published", "byline", "title", "id"],
        [
            [
                md_escape(x)
                for x in (c.outlet_cell, c.published, c.byline or "—", c.title or "—", c.article_id)
            ]
            for c in d.columns
        ],
    )
    out += ["## Summary", ""]
    out += [f"- {md_escape(s)}" for s in d.summary] or ["_no corroborated facts_"]
    out += ["", "## Timeline", ""]
    if d.timeline:
        rows = [[md_escape(r.date), md_escape(r.text), md_escape(", ".join(r.outlets))] for r in d.timeline]
        out += _table(["date", "what", "outlets"], rows)
    else:
        out += ["_no dated events_", ""]
    if d.timeline_hidden:
        out += [f"_… {d.timeline_hidden} more dated events_", ""]
    out += ["## Who said what", ""]
    if d.speakers:
        rows = [
            [
                md_escape(s.name),
                md_escape(s.affiliation or "—"),
                "<br>".join(md_escape(q) for q in s.quotes) or "—",
                md_escape(", ".join(s.outlets)),
                "<br>".join(md_escape(c) for c in s.conflicts) or "—",
            ]
            for s in d.speakers
        ]
        out += _table(["speaker", "affiliation", "quotes", "outlets", "conflicts"], rows)
    else:
        out += ["_no quotes found_", ""]
    out += _matrix(d)
    out += _findings(d, all_findings)
    out += ["## Derivations", ""]
    for e in d.edges:
        out.append(f"- {md_escape(e.sentence)}: {md_escape(e.detail)}")
    linked = {e.source_id for e in d.edges} | {e.derived_id for e in d.edges}
    alone = [c.label for c in d.columns if c.article_id not in linked]
    if alone:
        out.append(f"- independent of the others: {md_escape(', '.join(alone))}")
    if not d.edges and not alone:
        out.append("_no derivations_")
    return "\n".join(out).rstrip("\n") + "\n"


def _matrix(d: Dossier) -> list[str]:
    out = ["## Facts x outlets", ""]
    if not d.matrix:
        out += ["_no fact reported twice_", ""]
    else:
        header = ["#", "fact", *(md_escape(c.label) for c in d.columns), "independent sources"]
        rows = [
            [str(r.cluster_id), md_escape(r.text), *(CELL_MARKS[c] for c in r.cells), str(r.independent)]
            for r in d.matrix
        ]
        align = ["---:", "---", *([":---:"] * len(d.columns)), "---:"]
        out += _table(header, rows, align)
        out += ["✓ reported · absent ✗ conflicting", ""]
    if d.matrix_hidden:
        out += [f"_{hidden_facts_note(d.matrix_hidden)}._", ""]
    return out


def _findings(d: Dossier, all_findings: bool) -> list[str]:
    out = [f"## Findings ({len(d.findings)})", ""]
    if not d.findings:
        return [*out, "_nothing flagged_", ""]
    shown, collapsed = split_findings(d.findings, all_findings)
    note = (
        [f"_{md_escape(collapsed_note(collapsed))}; `--all-findings` lists them._", ""] if collapsed else []
    )
    if not shown:
        return out + note
    width = max(2, *(len(f.passages) for _, f in shown))
    header = ["#", "severity", "kind", "explanation", *(f"passage {chr(65 + i)}" for i in range(width))]
    rows = []
    for i, f in shown:
        passages = [
            f"**{md_escape(p.label)}** \\[{md_escape(p.span)}\\]: {md_escape(p.text)}" for p in f.passages
        ]
        passages += ["—"] * (width - len(passages))
        rows.append([str(i), md_escape(f.severity), md_escape(f.kind), md_escape(f.explanation), *passages])
    return out + _table(header, rows) + note
