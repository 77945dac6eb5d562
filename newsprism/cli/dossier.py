"""``newsprism analyze`` and ``newsprism story``: compare a story's coverage and print its dossier."""

from __future__ import annotations

import errno
import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from newsprism.cli import reading
from newsprism.cli.common import DbOption, ProgressBar, argument, boundary, flag, option, stderr, stdout
from newsprism.errors import InputError
from newsprism.model import StoryReport

if TYPE_CHECKING:
    from newsprism.analysis import Analysis


class ReportFormat(StrEnum):
    """Output formats of the story dossier."""

    text = "text"
    md = "md"
    json = "json"
    html = "html"


FormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help="Dossier format: terminal text, Markdown, JSON or one HTML page."),
]
AllFindingsOption = Annotated[
    bool,
    flag(
        "--all-findings",
        "List every finding, also the low-severity sentences only one outlet reports "
        "(by default they are counted per outlet in one line).",
    ),
]
LexicalOption = Annotated[
    bool,
    flag(
        "--lexical",
        "Align facts with the lexical scorer only, even when the semantic extra is installed "
        "(its cross-encoder scores ~70 pairs per CPU-second: minutes on a story of a dozen articles).",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write the dossier to this file instead of stdout."),
]


def render_report(report: StoryReport, fmt: ReportFormat, all_findings: bool = False) -> str:
    """The dossier in ``fmt``; JSON always holds every finding, the others list all with ``all_findings``."""
    from newsprism.report import render

    return render(report, fmt.value, all_findings=all_findings)


def check_output(output: Path | None) -> None:
    """Raise E053 when ``output`` cannot be written, before any work is done."""
    if output is None:
        return
    problem = None
    if output.is_dir():
        problem = errno.EISDIR
    elif not output.parent.is_dir():
        problem = errno.ENOENT if not output.parent.exists() else errno.ENOTDIR
    elif not os.access(output if output.exists() else output.parent, os.W_OK):
        problem = errno.EACCES
    if problem is not None:
        raise InputError("E053", str(output), detail=os.strerror(problem))


def emit_report(
    report: StoryReport, fmt: ReportFormat, output: Path | None, all_findings: bool = False
) -> None:
    """Print the dossier on stdout (text: with colour on a terminal), or write it to ``output``."""
    if output is not None:
        try:
            output.write_text(render_report(report, fmt, all_findings), "utf-8")
        except OSError as exc:
            raise InputError("E053", str(output), detail=exc.strerror or str(exc)) from exc
        from newsprism.console import safe

        stderr().print(Text.assemble("wrote ", safe(output)))
    elif fmt is ReportFormat.text:
        from newsprism.report.text import dossier_renderable

        stdout().print(dossier_renderable(report, all_findings=all_findings))
    else:
        typer.echo(render_report(report, fmt, all_findings), nl=False)


@boundary
def analyze(
    sources: reading.Sources,
    fmt: FormatOption = ReportFormat.text,
    output: OutputOption = None,
    all_findings: AllFindingsOption = False,
    story_rank: Annotated[
        int, option("--story", "N", "When the sources hold several stories: the Nth largest.", min=1)
    ] = 1,
    one_story: Annotated[
        bool, flag("--one-story", "Compare all the sources as one story (do not split them).")
    ] = False,
    lexical: LexicalOption = False,
    max_bytes: reading.MaxBytes = reading.DEFAULTS.max_bytes,
    timeout: reading.Timeout = reading.DEFAULTS.timeout,
    allow_private: reading.AllowPrivate = False,
    glob: reading.Glob = None,
) -> None:
    """Compare the coverage of one story and print its dossier (no database needed).

    Reads, cleans, extracts and compares in memory: summary with citations, timeline,
    who said what, the fact x outlet matrix, findings with their passages, and which
    articles rewrite which. Refused inputs are listed on stderr. Exit status: 0 nothing
    refused, 1 some inputs refused, 2 nothing could be read.
    """
    from newsprism.analysis import NothingReadable, analyze_all

    check_output(output)
    options = reading.options(max_bytes, timeout, allow_private, glob)
    try:
        with ProgressBar("reading") as bar:
            result = analyze_all(
                sources,
                options=options,
                stdin=reading.stdin_for(sources),
                split=not one_story,
                semantic=False if lexical else None,
                progress=bar.stage,
            )
    except NothingReadable as exc:
        reading.print_refusals(exc.refusals)
        raise
    reading.print_refusals(result.refusals)
    _print_repeats(result)
    if story_rank > len(result.reports):
        found = len(result.reports)
        raise InputError(
            "E052", f"--story {story_rank}", detail=f"{found} {'story' if found == 1 else 'stories'}"
        )
    if len(result.reports) > 1:
        sizes = ", ".join(str(len(r.articles)) for r in result.reports)
        stderr().print(
            Text(f"{len(result.reports)} stories found ({sizes} articles): showing number {story_rank}")
        )
    emit_report(result.reports[story_rank - 1], fmt, output, all_findings)
    raise typer.Exit(result.exit_code)


def _print_repeats(result: Analysis) -> None:
    """One ``read once`` line on stderr per input that repeated another's article."""
    from newsprism.console import repeat_line

    sources = {a.id: a.source for a in result.articles}
    for source, kept in result.repeats:
        stderr().print(repeat_line(source, sources.get(kept, kept), kept), soft_wrap=True)


@boundary
def story(
    story_id: Annotated[str, argument("ID", "A stored story id, or 'all' for every stored article.")],
    db: DbOption = None,
    fmt: FormatOption = ReportFormat.text,
    output: OutputOption = None,
    all_findings: AllFindingsOption = False,
    lexical: LexicalOption = False,
) -> None:
    """Print the dossier of a stored story (its articles and their stored extractions)."""
    from newsprism.analysis import analyze_stored

    check_output(output)
    with ProgressBar("reading") as bar:
        report = analyze_stored(story_id, db, semantic=False if lexical else None, progress=bar.stage)
    emit_report(report, fmt, output, all_findings)
