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
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from newsprism import __version__
from newsprism.errors import InputError, NewsprismError
from newsprism.model import Article, Refusal, StoryReport, to_dict
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
    serve_it: Annotated[
        bool,
        typer.Option("--serve", help="Then open the story in the web UI (prints the URL; Ctrl-C stops)."),
    ] = False,
    host: Annotated[
        str, typer.Option("--host", metavar="ADDR", help="With --serve: address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", metavar="N", min=0, max=65535, help="With --serve: TCP port.")
    ] = 8000,
) -> None:
    """Ingest the bundled example story and show what newsprism found in it.

    Prints each article's outlet, byline, date, section, tags and removed chrome, then
    who is quoted in each article, and ends with the story dossier (as `newsprism
    analyze` prints it).
    """
    from newsprism.console import print_demo
    from newsprism.demo import run_demo

    if serve_it:
        _serve_demo(db, no_extract, host, port)
        return
    with _ProgressBar("demo") as bar:
        result = run_demo(db, extract=not no_extract, progress=bar.update, compare=True)
    if as_json:
        _print_json(
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
    console = _stdout()
    print_demo(console, result)
    if result.report is not None:
        from newsprism.report.text import dossier_renderable

        console.print(Text("\nthe story dossier", style="bold"))
        console.print(dossier_renderable(result.report))


# ---------------------------------------------------------------- the web UI


@app.command()
@boundary
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", metavar="ADDR", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="N", min=0, max=65535, help="TCP port.")] = 8000,
    allow_private: Annotated[
        bool,
        typer.Option("--allow-private", help="Let POST /api/ingest fetch private and loopback addresses."),
    ] = False,
    max_bytes: Annotated[
        int,
        typer.Option(
            "--max-bytes", min=1, metavar="N", help=_help("max_bytes") + " Also caps a request body."
        ),
    ] = _DEFAULTS.max_bytes,
) -> None:
    """Serve the store: REST API under /api (reference at /docs) and pages for analysts.

    Ingest by POST /api/ingest runs in the background, one job at a time, with the same
    size limits and address guard as `newsprism ingest`. Stops with Ctrl-C.
    """
    from newsprism.settings import default_db_path
    from newsprism.web import serve as run_server

    path = db or default_db_path()
    typer.echo(f"newsprism: serving {path} at http://{_url_host(host)}:{port}/ (Ctrl-C stops)", err=True)
    run_server(path, host=host, port=port, allow_private=allow_private, max_bytes=max_bytes)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _serve_demo(db: Path | None, no_extract: bool, host: str, port: int) -> None:
    """Ingest the demo (into ``db`` or a temporary database) and serve its story page."""
    import tempfile

    from newsprism.demo import run_demo
    from newsprism.web import serve as run_server

    with tempfile.TemporaryDirectory(prefix="newsprism-demo-") as tmp:
        path = db or Path(tmp) / "demo.db"
        with _ProgressBar("demo") as bar:
            result = run_demo(path, extract=not no_extract, progress=bar.update)
        story = next((a.story_id for a in result.articles if a.story_id), None) or "all"
        typer.echo(f"newsprism demo: http://{_url_host(host)}:{port}/stories/{story}  (Ctrl-C stops)")
        run_server(path, host=host, port=port, warm=1)


# ---------------------------------------------------------------- the story dossier


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
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write the dossier to this file instead of stdout."),
]


def _emit_report(report: StoryReport, fmt: ReportFormat, output: Path | None) -> None:
    """Print the dossier on stdout (text: with colour on a terminal), or write it to ``output``."""
    from newsprism.report import render

    if output is not None:
        try:
            output.write_text(render(report, fmt.value), "utf-8")
        except OSError as exc:
            raise InputError("E053", str(output), detail=exc.strerror or str(exc)) from exc
        _stderr().print(Text(f"wrote {output}"))
    elif fmt is ReportFormat.text:
        from newsprism.report.text import dossier_renderable

        _stdout().print(dossier_renderable(report))
    else:
        typer.echo(render(report, fmt.value), nl=False)


@app.command()
@boundary
def analyze(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories, URLs, feeds, WARC, JSON/JSONL/CSV files; '-' reads stdin.",
            show_default=False,
            metavar="SRC",
        ),
    ],
    fmt: FormatOption = ReportFormat.text,
    output: OutputOption = None,
    story_rank: Annotated[
        int,
        typer.Option(
            "--story", metavar="N", min=1, help="When the sources hold several stories: the Nth largest."
        ),
    ] = 1,
    one_story: Annotated[
        bool, typer.Option("--one-story", help="Compare all the sources as one story (do not split them).")
    ] = False,
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
) -> None:
    """Compare the coverage of one story and print its dossier (no database needed).

    Reads, cleans, extracts and compares in memory: summary with citations, timeline,
    who said what, the fact x outlet matrix, findings with their passages, and which
    articles rewrite which. Refused inputs are listed on stderr. Exit status: 0 nothing
    refused, 1 some inputs refused, 2 nothing could be read.
    """
    from newsprism.analysis import analyze_all

    options = IngestOptions(
        max_bytes=max_bytes,
        timeout=timeout,
        allow_private=allow_private,
        patterns=tuple(glob) if glob else _DEFAULTS.patterns,
    )
    stdin = getattr(sys.stdin, "buffer", sys.stdin) if "-" in sources else None
    result = analyze_all(sources, options=options, stdin=stdin, split=not one_story)
    _print_refusals(result.refusals)
    if story_rank > len(result.reports):
        raise InputError("E052", f"--story {story_rank}", detail=str(len(result.reports)))
    if len(result.reports) > 1:
        sizes = ", ".join(str(len(r.articles)) for r in result.reports)
        _stderr().print(
            Text(f"{len(result.reports)} stories found ({sizes} articles): showing number {story_rank}")
        )
    _emit_report(result.reports[story_rank - 1], fmt, output)
    raise typer.Exit(result.exit_code)


def _print_refusals(refusals: list[Refusal]) -> None:
    from newsprism.console import refusal_line

    console = _stderr()
    for refusal in refusals:
        console.print(refusal_line(refusal), soft_wrap=True)


@app.command()
@boundary
def story(
    story_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="A stored story id, or 'all' for every stored article.", show_default=False
        ),
    ],
    db: DbOption = None,
    fmt: FormatOption = ReportFormat.text,
    output: OutputOption = None,
) -> None:
    """Print the dossier of a stored story (its articles and their stored extractions)."""
    from newsprism.analysis import analyze_stored

    _emit_report(analyze_stored(story_id, db), fmt, output)


# ---------------------------------------------------------------- stories and batch


@app.command()
@boundary
def stories(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=0, help="Most stories listed.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List the stories of the store, most recently seen first.

    Each story has a label (key entities and a key phrase), first and last seen, its outlets
    and articles. Ingest assigns stories; `newsprism story ID` prints one story's dossier.
    """
    from newsprism.store import Store

    with Store.open(db, create=False) as store:
        found = store.list_stories(limit)
        total = store.count_stories()
    if as_json:
        _print_json([{**to_dict(s), "articles": len(s.article_ids)} for s in found])
        return
    from rich.table import Table

    table = Table(title=f"{len(found)} of {total} stories")
    table.add_column("id", no_wrap=True)
    table.add_column("label", ratio=1)
    table.add_column("articles", justify="right")
    table.add_column("outlets")
    table.add_column("first seen", no_wrap=True)
    table.add_column("last seen", no_wrap=True)
    for s in found:
        outlets = ", ".join(s.outlets[:4]) + (f" +{len(s.outlets) - 4}" if len(s.outlets) > 4 else "")
        table.add_row(
            s.id,
            Text(s.label),
            str(len(s.article_ids)),
            Text(outlets),
            (s.first_seen or "")[:10],
            (s.last_seen or "")[:10],
        )
    _stdout().print(table)


@app.command()
@boundary
def regroup(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Re-cluster every stored article at once and replace the stories.

    Document frequencies come from the whole store, then articles are assigned in time
    order. A new story keeps the id of the old story it overlaps most. Prints how many
    articles changed story, and the B-cubed F1 agreement with the previous stories.
    """
    from newsprism.group.assign import regroup as run_regroup
    from newsprism.store import Store

    with Store.open(db, create=False, write_time_limit=None) as store:
        report = run_regroup(store)
    if as_json:
        _print_json(report.to_dict())
        return
    typer.echo(
        f"regrouped {report.articles} articles into {report.stories} stories: {report.changed} changed story "
        f"(agreement with the previous stories: B-cubed F1 {report.agreement:.4f})"
    )


@app.command()
@boundary
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT", help="Shard files: JSON Lines or Parquet (globs allowed).", show_default=False
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="DIR", help="Folder for the Parquet output.")
    ],
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", metavar="ADDRESS", help="Dask scheduler (default: a local cluster)."),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", metavar="N", min=1, help="Worker processes of the local cluster.")
    ] = 2,
    threads_per_worker: Annotated[
        int, typer.Option("--threads-per-worker", metavar="N", min=1, help="Threads per local worker.")
    ] = 1,
    db: Annotated[
        Path | None,
        typer.Option("--db", metavar="FILE", help="Also load the result into this SQLite store."),
    ] = None,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Skip extraction (quotes, entities, facts).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Run ingest -> clean -> extract -> near-duplicates -> stories over sharded input on Dask.

    One task per shard on the workers (spaCy loaded once per worker), written as one Parquet
    file per shard; then one reduce step here: near-duplicates and stories over all shards,
    written as articles.parquet, stories.parquet and duplicates.parquet. With --db the result
    is loaded into the store by this one process; an article already stored is not loaded
    again. Exit status: 0 nothing refused, 1 some inputs refused, 2 no article.
    """
    from newsprism.scale.run import run_batch

    with _ProgressBar("shards") as bar:
        summary = run_batch(
            inputs,
            output,
            scheduler=scheduler,
            workers=workers,
            threads_per_worker=threads_per_worker,
            db=db,
            extract=not no_extract,
            progress=lambda done, total, source: bar.update(done, total, source),
        )
    if as_json:
        _print_json(summary.to_dict())
        raise typer.Exit(summary.exit_code)
    _print_refusals(summary.refusals)
    flags = ", ".join(f"{k} {v}" for k, v in sorted(summary.flagged.items())) or "none"
    loaded = summary.loaded
    lines = [
        f"shards: {len(summary.shards)} on {summary.workers} worker(s)",
        f"articles: {summary.articles}   stories: {summary.stories}   near-duplicate links: "
        f"{summary.duplicate_links}   refused: {len(summary.refusals)}",
        f"flagged: {flags}",
        f"seconds: {summary.seconds}",
        f"output: {summary.output}",
    ]
    if loaded is not None:
        lines.append(f"store {loaded['db']}: {loaded['loaded']} loaded, {loaded['already']} already stored")
    for line in lines:
        _stdout().print(Text(line))
    raise typer.Exit(summary.exit_code)


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


@eval_app.command("stories")
@boundary
def eval_stories(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="A tidy ECB+ JSONL file.", show_default=False)],
    split: Annotated[
        str, typer.Option("--split", metavar="NAME", help="Topics scored: dev, train or all.")
    ] = "dev",
    as_json: JsonOption = False,
) -> None:
    """Story clustering B-cubed, V-measure and ARI against ECB+ sub-topics and topics.

    Printed next to a TF-IDF + agglomerative baseline (tuned on the train topics) and the
    batch re-clustering.
    """
    from newsprism.eval.stories import evaluate, render

    if split not in ("dev", "train", "all"):
        raise InputError("E040", f"--split {split}", detail="use dev, train or all")
    metrics = evaluate(path, split=None if split == "all" else split)
    if as_json:
        _print_json(metrics)
    else:
        _stdout().print(render(metrics))


@eval_app.command("distortions")
@boundary
def eval_distortions(
    source: Annotated[
        str,
        typer.Option(
            "--source",
            metavar="SRC",
            help="Articles to rewrite: bbc, reuters, bbc,reuters, or a JSONL file or folder.",
        ),
    ] = "bbc",
    n: Annotated[int, typer.Option("--n", metavar="N", min=1, help="Items per edit type.")] = 40,
    seed: Annotated[
        int, typer.Option("--seed", metavar="S", help="Seed of the article choice and edits.")
    ] = 7,
    semantic: Annotated[
        bool, typer.Option("--semantic", help="Use the pair scorer's embedding feature (much slower).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Precision and recall per distortion type on generated rewrites of real articles.

    Also prints the false findings per clean (paraphrase-only) rewrite.
    """
    from newsprism.eval.distortions import evaluate, render

    metrics = evaluate(source, n=n, seed=seed, semantic=semantic)
    if as_json:
        _print_json(metrics)
    else:
        _stdout().print(render(metrics))


@eval_app.command("falseconflicts")
@boundary
def eval_falseconflicts(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="A tidy ECB+ JSONL file.", show_default=False)],
    as_json: JsonOption = False,
) -> None:
    """Conflicts reported between independent articles about one event (ECB+ sub-topics)."""
    _run_eval("falseconflicts", path, as_json)


def main() -> None:
    """Console-script entry point."""
    app()
