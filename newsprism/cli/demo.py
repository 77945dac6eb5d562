"""``newsprism demo``: ingest the bundled example story and show what newsprism found in it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from newsprism.cli.common import JsonOption, ProgressBar, boundary, flag, option, print_json, stdout
from newsprism.model import to_dict


@boundary
def demo(
    db: Annotated[
        Path | None,
        option("--db", "FILE", "Keep the demo in this SQLite file (default: a temporary database)."),
    ] = None,
    no_extract: Annotated[bool, flag("--no-extract", "Skip extraction (quotes, speakers).")] = False,
    as_json: JsonOption = False,
    serve_it: Annotated[
        bool,
        flag(
            "--serve",
            "Instead of printing, serve the demo story in the web UI: prints its URL to open "
            "in a browser, Ctrl-C stops (not with --json).",
        ),
    ] = False,
    host: Annotated[str, option("--host", "ADDR", "With --serve: address to listen on.")] = "127.0.0.1",
    port: Annotated[int, option("--port", "N", "With --serve: TCP port.", min=0, max=65535)] = 8000,
) -> None:
    """Ingest the bundled example story and show what newsprism found in it.

    Prints each article's outlet, byline, date, section, tags and removed chrome, then
    who is quoted in each article, and ends with the story dossier (as `newsprism
    analyze` prints it).
    """
    from newsprism.console import print_demo
    from newsprism.demo import run_demo

    if serve_it:
        from newsprism.cli.web import serve_demo

        if as_json:
            raise typer.BadParameter(
                "cannot be combined with --serve, which serves the story instead of printing it",
                param_hint="'--json'",
            )

        serve_demo(db, no_extract, host, port)
        return
    with ProgressBar("demo") as bar:
        result = run_demo(db, extract=not no_extract, progress=bar.update, compare=True)
    if as_json:
        print_json(
            {
                "story": result.story,
                "db": result.db,
                "summary": result.summary.to_dict(),
                "articles": [to_dict(a) for a in result.articles],
                "extractions": {k: to_dict(v) if v else None for k, v in result.extractions.items()},
                "report": to_dict(result.report) if result.report is not None else None,
            }
        )
        return
    console = stdout()
    print_demo(console, result)
    if result.report is not None:
        from newsprism.report.text import dossier_renderable

        console.print(Text("\nthe story dossier", style="bold"))
        console.print(dossier_renderable(result.report))
