"""report stage of newsprism: a StoryReport as a dossier in four formats.

    >>> from newsprism.report import render
    >>> print(render(report, "md"))

``text`` (Rich terminal text), ``md`` (Markdown), ``json`` (:func:`newsprism.model.to_dict`)
and ``html`` (one self-contained page) show the same sections, built once by
:func:`newsprism.report.dossier.build_dossier`: headline, cited summary, timeline,
who said what, the fact x outlet matrix, findings by severity with their passages side
by side, and the derivation graph. Same report in, same bytes out.
"""

from __future__ import annotations

from typing import Literal

from newsprism.model import StoryReport
from newsprism.report.dossier import Dossier, build_dossier

Format = Literal["text", "md", "json", "html"]
FORMATS: tuple[str, ...] = ("text", "md", "json", "html")

__all__ = ["FORMATS", "Dossier", "Format", "build_dossier", "render"]


def render(report: StoryReport, fmt: str = "text", *, width: int = 120, all_findings: bool = False) -> str:
    """The dossier of ``report`` in ``fmt`` (text, md, json or html); ``width`` applies to text.

    Low-severity "unsupported" findings are collapsed into a count per outlet unless
    ``all_findings``; JSON always holds every finding.
    """
    if fmt == "text":
        from newsprism.report.text import render_text

        return render_text(report, width=width, all_findings=all_findings)
    if fmt == "md":
        from newsprism.report.markdown import render_markdown

        return render_markdown(report, all_findings=all_findings)
    if fmt == "json":
        from newsprism.report.jsonout import render_json

        return render_json(report)
    if fmt == "html":
        from newsprism.report.html import render_html

        return render_html(report, all_findings=all_findings)
    raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
