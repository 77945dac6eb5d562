"""The ``newsprism`` command line: thin Typer commands over :mod:`newsprism.pipeline` and the store.

Every command's logic lives in plain functions that Python callers use too. Errors
raised on purpose (:class:`~newsprism.errors.NewsprismError`) become one line
``error E0xx: message`` plus ``hint: ...`` on stderr and exit status 2. With ``--json``
a command prints JSON only on stdout (progress, if any, goes to stderr).
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from newsprism import __version__
from newsprism.errors import NewsprismError
from newsprism.model import Article, to_dict
from newsprism.settings import SETTINGS, IngestOptions

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="newsprism",
    help="Read the coverage of a story from many outlets and show, fact by fact, who reported what.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
eval_app = typer.Typer(
    help="Score newsprism on public benchmarks (each task also takes --json).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(eval_app, name="eval")

_DEFAULTS = IngestOptions()

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        metavar="FILE",
        help="SQLite file of the store (default: $NEWSPRISM_DB, else the user data directory).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON only.")]


def _help(name: str) -> str:
    return next(s.help for s in SETTINGS if s.name == name)


def _stdout() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def boundary(func: F) -> F:
    """Turn a NewsprismError into ``error CODE: message`` + ``hint: ...`` on stderr and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NewsprismError as exc:
            typer.echo(f"error {exc.code}: {exc.message}", err=True)
            typer.echo(f"hint: {exc.hint}", err=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


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


def _listing(article: Article) -> dict[str, Any]:
    """An article's JSON for listings: every field except body and removed chrome, plus body length."""
    data = to_dict(article)
    data.pop("removed")
    data["body_chars"] = len(data.pop("body"))
    return data


# ---------------------------------------------------------------- ingest


@app.command()
@boundary
def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories, URLs, feeds, WARC, JSON/JSONL/CSV files; '-' reads stdin.",
            show_default=False,
            metavar="SRC",
        ),
    ],
    db: DbOption = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, metavar="N", help=_help("max_bytes"))
    ] = _DEFAULTS.max_bytes,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, metavar="S", help=_help("timeout"))
    ] = _DEFAULTS.timeout,
    allow_private: Annotated[bool, typer.Option("--allow-private", help=_help("allow_private"))] = False,
    glob: Annotated[
        list[str] | None,
        typer.Option(
            "--glob",
            metavar="PATTERN",
            help="Only files in directories matching this pattern (repeatable; default '*').",
        ),
    ] = None,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Store articles without running extraction.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Read, clean and store articles, then print a summary table.

    Sources are read in order; each bad input is refused with one line naming it and the
    reason, and the batch goes on. Exit status: 0 nothing refused, 1 some inputs refused,
    2 all refused or nothing read.
    """
    from newsprism.console import print_summary
    from newsprism.pipeline import ingest as run_ingest

    options = IngestOptions(
        max_bytes=max_bytes,
        timeout=timeout,
        allow_private=allow_private,
        patterns=tuple(glob) if glob else _DEFAULTS.patterns,
    )
    stdin = getattr(sys.stdin, "buffer", sys.stdin) if "-" in sources else None
    with _ProgressBar("ingest") as bar:
        summary = run_ingest(sources, db, options, extract=not no_extract, progress=bar.update, stdin=stdin)
    if as_json:
        _print_json(summary.to_dict())
    else:
        print_summary(_stdout(), summary)
    raise typer.Exit(summary.exit_code)


class _ProgressBar:
    """A transient Rich progress bar on stderr fed by ``update(done, total, source)``."""

    def __init__(self, label: str) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=_stderr(),
            transient=True,
        )
        self._task = self._progress.add_task(label, total=None)

    def __enter__(self) -> _ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def update(self, done: int, total: int | None, source: str) -> None:
        self._progress.update(self._task, completed=done, total=total)


# ---------------------------------------------------------------- reading the store


@app.command()
@boundary
def articles(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=0, help="Most articles listed.")] = 50,
    offset: Annotated[int, typer.Option("--offset", metavar="N", min=0, help="Skip this many first.")] = 0,
    outlet: Annotated[
        str | None, typer.Option("--outlet", metavar="NAME", help="Only this outlet (case-insensitive).")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="Published on or after this ISO date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="DATE", help="Published on or before this ISO date.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored articles (current versions), newest first."""
    from newsprism.console import articles_table
    from newsprism.store import Store

    with Store.open(db, create=False) as store:
        found = store.list_articles(limit, offset, outlet, since, until)
        total = store.count_articles(outlet)
    if as_json:
        _print_json([_listing(a) for a in found])
        return
    _stdout().print(articles_table(found, title=f"{len(found)} of {total} articles"))


@app.command()
@boundary
def show(
    article: Annotated[
        str,
        typer.Argument(metavar="ARTICLE", help="Article id or a unique prefix of it.", show_default=False),
    ],
    db: DbOption = None,
    removed: Annotated[
        bool, typer.Option("--removed", help="Also list the chrome removed, with reasons.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Show one article: metadata, date evidence, body and, when stored, its extraction.

    An old version replaced by an edited one is still shown, with the id of the newer version.
    """
    from newsprism.console import article_view
    from newsprism.store import Store

    with Store.open(db, create=False) as store:
        found = store.get_article(article)
        extraction = store.get_extraction(found.id)
        newer, older = store.superseded_by(found.id), store.supersedes(found.id)
    if as_json:
        _print_json(
            {
                "article": to_dict(found),
                "superseded_by": newer,
                "supersedes": older,
                "extraction": to_dict(extraction) if extraction is not None else None,
            }
        )
        return
    view = article_view(found, extraction=extraction, superseded_by=newer, supersedes=older, removed=removed)
    _stdout().print(view)


@app.command()
@boundary
def search(
    query: Annotated[
        str, typer.Argument(metavar="QUERY", help="Words to find (all must match; word* for a prefix).")
    ],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=0, help="Most hits listed.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over titles, bodies, outlets and bylines, best match first.

    Every word must match; FTS operators in the query are treated as plain words, and a
    word ending in * matches as a prefix. Superseded versions are not searched.
    """
    from newsprism.console import MARK, search_table
    from newsprism.store import Store

    with Store.open(db, create=False) as store:
        hits = store.search(query, limit, mark=("[", "]") if as_json else MARK)
    if as_json:
        _print_json([{"rank": i, "article": _listing(a), "snippet": s} for i, (a, s) in enumerate(hits, 1)])
        return
    _stdout().print(search_table(hits, query))


@app.command()
@boundary
def demo(
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", metavar="FILE", help="Keep the demo in this SQLite file (default: a temporary database)."
        ),
    ] = None,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Skip extraction (quotes, speakers).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Ingest the bundled example story and show what newsprism found in it.

    Prints each article's outlet, byline, date, section, tags and removed chrome, then
    who is quoted in each article.
    """
    from newsprism.console import print_demo
    from newsprism.demo import run_demo

    with _ProgressBar("demo") as bar:
        result = run_demo(db, extract=not no_extract, progress=bar.update)
    if as_json:
        _print_json(
            {
                "story": result.story,
                "db": result.db,
                "summary": result.summary.to_dict(),
                "articles": [to_dict(a) for a in result.articles],
                "extractions": {k: to_dict(v) if v else None for k, v in result.extractions.items()},
            }
        )
        return
    print_demo(_stdout(), result)


# ---------------------------------------------------------------- eval


def _run_eval(task: str, path: Path, as_json: bool, **options: Any) -> None:
    import importlib

    module = importlib.import_module(f"newsprism.eval.{task}")
    metrics = module.evaluate(path, **{k: v for k, v in options.items() if v is not None})
    if as_json:
        _print_json(metrics)
    else:
        _stdout().print(module.render(metrics))


LimitOption = Annotated[
    int | None, typer.Option("--limit", metavar="N", min=1, help="Score the first N items only.")
]
SplitOption = Annotated[str | None, typer.Option("--split", metavar="NAME", help="Dataset split to score.")]


@eval_app.command("extraction")
@boundary
def eval_extraction(
    path: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="The article-extraction-benchmark folder.", show_default=False),
    ],
    limit: LimitOption = None,
    fast: Annotated[bool, typer.Option("--fast", help="Trafilatura's fast mode.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Precision, recall and F1 of HTML article extraction.

    Printed next to the figures the benchmark's README publishes for other extractors.
    """
    _run_eval("extraction", path, as_json, limit=limit, fast=fast or None)


@eval_app.command("quotes")
@boundary
def eval_quotes(
    path: Annotated[
        Path, typer.Argument(metavar="FILE", help="The tidy PolNeAR JSONL file.", show_default=False)
    ],
    split: SplitOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Quote content and speaker attribution precision, recall and F1."""
    _run_eval("quotes", path, as_json, split=split, limit=limit)


@eval_app.command("timex")
@boundary
def eval_timex(
    path: Annotated[
        Path, typer.Argument(metavar="FILE", help="The tidy TempEval-3 JSONL file.", show_default=False)
    ],
    docs: Annotated[
        str | None,
        typer.Option("--docs", metavar="NAMES", help="Comma-separated doc-id glob patterns to score."),
    ] = None,
    split: SplitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Temporal expression extraction and normalisation scores (TempEval-3 Task A)."""
    _run_eval("timex", path, as_json, docs=docs, split=split)


@eval_app.command("paraphrase")
@boundary
def eval_paraphrase(
    path: Annotated[
        Path, typer.Argument(metavar="FILE", help="The paraphrase pairs file.", show_default=False)
    ],
    split: Annotated[
        str | None, typer.Option("--split", metavar="NAME", help="Dataset split to score (default: dev).")
    ] = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Paraphrase detection scores of the fact aligner."""
    _run_eval("paraphrase", path, as_json, split=split, limit=limit)


def main() -> None:
    """Console-script entry point."""
    app()
