"""The ``newsprism`` command line: thin Typer commands over :mod:`newsprism.pipeline` and the store.

Every command's logic lives in plain functions that Python callers use too. Errors
raised on purpose (:class:`~newsprism.errors.NewsprismError`) become one line
``error E0xx: message`` plus ``hint: ...`` on stderr and exit status 2. With ``--json``
a command prints JSON only on stdout (progress, if any, goes to stderr).

This module holds the Typer app and the order of its commands; the commands live in
:mod:`.ingest`, :mod:`.store`, :mod:`.demo`, :mod:`.web`, :mod:`.dossier` and
:mod:`.evaluate`, and what they share in :mod:`.common`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from newsprism import __version__
from newsprism.cli.common import Command, boundary
from newsprism.cli.demo import demo
from newsprism.cli.dossier import analyze, story
from newsprism.cli.evaluate import eval_app
from newsprism.cli.ingest import batch, ingest
from newsprism.cli.store import articles, regroup, search, show, stories
from newsprism.cli.web import serve

__all__ = ["app", "boundary", "main"]

app = typer.Typer(
    name="newsprism",
    help="Read the coverage of a story from many outlets and show, fact by fact, who reported what.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(eval_app, name="eval")
for _command in (ingest, articles, show, search, demo, serve, analyze, story, stories, regroup, batch):
    app.command(cls=Command)(_command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsprism {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Read the coverage of a story from many outlets and show, fact by fact, who reported what."""


def main() -> None:
    """Console-script entry point."""
    app()
