"""``newsprism eval ...``: score newsprism on public benchmarks (each task also takes --json)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from newsprism.cli.common import Command, F, JsonOption, argument, boundary, emit, flag, option
from newsprism.errors import InputError

eval_app = typer.Typer(
    help="Score newsprism on public benchmarks (each task also takes --json).",
    no_args_is_help=True,
    rich_markup_mode=None,
)

LimitOption = Annotated[int | None, option("--limit", "N", "Score the first N items only.", min=1)]
SplitOption = Annotated[str | None, option("--split", "NAME", "Dataset split to score.")]


def task(name: str) -> Callable[[F], F]:
    """Register the decorated function as ``newsprism eval NAME``, behind the error boundary."""

    def register(func: F) -> F:
        command = boundary(func)
        eval_app.command(name, cls=Command)(command)
        return command

    return register


def run_eval(task: str, as_json: bool, *args: Any, **options: Any) -> None:
    """Print the metrics of ``newsprism.eval.<task>.evaluate(*args, **options)`` (None options: its defaults)."""
    module = importlib.import_module(f"newsprism.eval.{task}")
    metrics = module.evaluate(*args, **{k: v for k, v in options.items() if v is not None})
    emit(as_json, metrics, lambda: module.render(metrics))


@task("extraction")
def eval_extraction(
    path: Annotated[Path, argument("DIR", "The article-extraction-benchmark folder.")],
    limit: LimitOption = None,
    fast: Annotated[bool, flag("--fast", "Trafilatura's fast mode.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Precision, recall and F1 of HTML article extraction.

    Printed next to the figures the benchmark's README publishes for other extractors.
    """
    run_eval("extraction", as_json, path, limit=limit, fast=fast or None)


@task("quotes")
def eval_quotes(
    path: Annotated[Path, argument("FILE", "The tidy PolNeAR JSONL file.")],
    split: SplitOption = None,
    limit: LimitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Quote content and speaker attribution precision, recall and F1."""
    run_eval("quotes", as_json, path, split=split, limit=limit)


@task("timex")
def eval_timex(
    path: Annotated[
        Path, argument("FILE", "The tidy TempEval-3 folder or JSONL file, or a MEANTIME release folder.")
    ],
    docs: Annotated[
        str | None, option("--docs", "NAMES", "Comma-separated doc-id glob patterns to score.")
    ] = None,
    split: SplitOption = None,
    as_json: JsonOption = False,
) -> None:
    """Temporal expression extraction and normalisation scores (TempEval-3 Task A)."""
    run_eval("timex", as_json, path, docs=docs, split=split)


@task("paraphrase")
def eval_paraphrase(
    path: Annotated[Path, argument("FILE", "The paraphrase pairs file.")],
    split: Annotated[
        str | None, option("--split", "NAME", "Rows scored: dev (default), train or all.")
    ] = None,
    limit: LimitOption = None,
    semantic: Annotated[
        bool | None,
        typer.Option(
            "--semantic/--no-semantic",
            help="With or without the cross-encoder feature (default: with it iff the semantic extra is installed).",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Paraphrase detection scores of the fact aligner."""
    if split is not None:
        _check_split(split, ("dev", "train", "all"))
    run_eval("paraphrase", as_json, path, split=split, limit=limit, semantic=semantic)


def _check_split(split: str, allowed: tuple[str, ...]) -> None:
    """E040 naming ``--split`` and the valid splits when ``split`` is not one of ``allowed``."""
    if split not in allowed:
        names = ", ".join(allowed[:-1]) + " or " + allowed[-1]
        raise InputError("E040", f"--split {split}", detail="unknown split", hint=f"use --split {names}")


@task("stories")
def eval_stories(
    path: Annotated[Path, argument("FILE", "A tidy ECB+ JSONL file.")],
    split: Annotated[str, option("--split", "NAME", "Topics scored: dev, train or all.")] = "dev",
    as_json: JsonOption = False,
) -> None:
    """Story clustering B-cubed, V-measure and ARI against ECB+ sub-topics and topics.

    Printed next to a TF-IDF + agglomerative baseline (tuned on the train topics) and the
    batch re-clustering.
    """
    _check_split(split, ("dev", "train", "all"))
    run_eval("stories", as_json, path, None if split == "all" else split)  # positional: None means all


@task("distortions")
def eval_distortions(
    source: Annotated[
        str,
        option(
            "--source", "SRC", "Articles to rewrite: bbc, reuters, bbc,reuters, or a JSONL file or folder."
        ),
    ] = "bbc",
    n: Annotated[int, option("--n", "N", "Items per edit type.", min=1)] = 40,
    seed: Annotated[int, option("--seed", "S", "Seed of the article choice and edits.")] = 7,
    semantic: Annotated[
        bool, flag("--semantic", "Use the pair scorer's cross-encoder feature (much slower).")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Precision and recall per distortion type on generated rewrites of real articles.

    Also prints the false findings per clean (paraphrase-only) rewrite.
    """
    run_eval("distortions", as_json, source, n=n, seed=seed, semantic=semantic)


@task("falseconflicts")
def eval_falseconflicts(
    path: Annotated[Path, argument("FILE", "A tidy ECB+ JSONL file.")],
    as_json: JsonOption = False,
) -> None:
    """Conflicts reported between independent articles about one event (ECB+ sub-topics)."""
    run_eval("falseconflicts", as_json, path)
