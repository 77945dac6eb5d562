"""``newsprism ingest`` and ``newsprism batch``: read sources into the store, here or on Dask."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli import reading
from newsprism.cli.common import (
    DbOption,
    JsonOption,
    ProgressBar,
    argument,
    boundary,
    flag,
    option,
    print_json,
    stdout,
)


@boundary
def ingest(
    sources: reading.Sources,
    db: DbOption = None,
    max_bytes: reading.MaxBytes = reading.DEFAULTS.max_bytes,
    timeout: reading.Timeout = reading.DEFAULTS.timeout,
    allow_private: reading.AllowPrivate = False,
    glob: reading.Glob = None,
    no_extract: Annotated[bool, flag("--no-extract", "Store articles without running extraction.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Read, clean and store articles, then print a summary table.

    Sources are read in order; each bad input is refused with one line on stderr naming it
    and the reason (then a hint per kind of refusal), and the batch goes on. Exit status: 0 nothing refused, 1 some inputs refused,
    2 all refused or nothing read.
    """
    from newsprism.console import print_summary
    from newsprism.pipeline import ingest as run_ingest

    options = reading.options(max_bytes, timeout, allow_private, glob)
    try:
        with ProgressBar("read", "stored" if no_extract else "stored + extracted") as bar:
            summary = run_ingest(
                sources,
                db,
                options,
                extract=not no_extract,
                progress=bar.update,
                stored=bar.second_update,
                stdin=reading.stdin_for(sources),
            )
    except KeyboardInterrupt:
        typer.echo("newsprism ingest: interrupted; articles stored so far are kept", err=True)
        raise typer.Exit(130) from None
    if as_json:
        print_json(summary.to_dict())
    else:
        print_summary(stdout(), summary, refusals=False)
        reading.print_refusals(summary.refusals)
    raise typer.Exit(summary.exit_code)


@boundary
def batch(
    inputs: Annotated[list[str], argument("INPUT", "Shard files: JSON Lines or Parquet (globs allowed).")],
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="DIR", help="Folder for the Parquet output.")
    ],
    scheduler: Annotated[
        str | None, option("--scheduler", "ADDRESS", "Dask scheduler (default: a local cluster).")
    ] = None,
    workers: Annotated[int, option("--workers", "N", "Worker processes of the local cluster.", min=1)] = 2,
    threads_per_worker: Annotated[
        int, option("--threads-per-worker", "N", "Threads per local worker.", min=1)
    ] = 1,
    db: Annotated[Path | None, option("--db", "FILE", "Also load the result into this SQLite store.")] = None,
    no_extract: Annotated[bool, flag("--no-extract", "Skip extraction (quotes, entities, facts).")] = False,
    as_json: JsonOption = False,
) -> None:
    """Run ingest -> clean -> extract -> near-duplicates -> stories over sharded input on Dask.

    One task per shard on the workers (spaCy loaded once per worker), written as one Parquet
    file per shard; then one reduce step here: near-duplicates and stories over all shards,
    written as articles.parquet, stories.parquet and duplicates.parquet. With --db the result
    is loaded into the store by this one process; an article already stored is not loaded
    again, and the same text printed by another publication is kept as a reprint, as ingest
    keeps it. Exit status: 0 nothing refused, 1 some inputs refused, 2 no article.
    """
    from newsprism.console import batch_lines
    from newsprism.scale.run import run_batch

    with ProgressBar("shards") as bar:
        summary = run_batch(
            inputs,
            output,
            scheduler=scheduler,
            workers=workers,
            threads_per_worker=threads_per_worker,
            db=db,
            extract=not no_extract,
            progress=bar.update,
        )
    if as_json:
        print_json(summary.to_dict())
    else:
        reading.print_refusals(summary.refusals)
        console = stdout()
        for line in batch_lines(summary):
            console.print(line)
    raise typer.Exit(summary.exit_code)
