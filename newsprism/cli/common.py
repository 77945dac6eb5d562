"""What the commands share: the error boundary, option helpers, consoles, JSON output, progress."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console, RenderableType
from rich.table import Table
from typer.core import TyperArgument, TyperCommand

from newsprism.errors import InputError, NewsprismError

if TYPE_CHECKING:
    from newsprism.store import Store

F = TypeVar("F", bound=Callable[..., Any])


def argument(metavar: str, help: str) -> Any:
    """A required positional argument named ``metavar`` in the help."""
    return typer.Argument(metavar=metavar, help=help, show_default=False)


class PlainArgument(TyperArgument):
    """A positional argument shown by its metavar alone (``SRC...``, ``FILE``), never with a Python type.

    Typer prints an argument as ``SRC <list[str]>`` in the help and ``{SRC}...`` in the usage line.
    """

    def display_type_rich(self, ctx: Any) -> str | None:
        """No type beside the name in the help."""
        return None

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        """``NAME`` (``[NAME]`` when optional) in the usage line."""
        name = self.display_name_raw
        return [name if self.required else f"[{name}]"]


class Command(TyperCommand):
    """A Typer command whose positional arguments read ``SRC...`` or ``FILE`` in its help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = PlainArgument  # adds behaviour only, no state
                name = param.metavar or (param.name or "ARG").upper()
                repeated = param.nargs != 1 and not name.endswith("...")
                param.metavar = name + "..." if repeated else name


def flag(name: str, help: str) -> Any:
    """An on/off option, off unless given."""
    return typer.Option(name, help=help)


def option(name: str, metavar: str, help: str, **checks: Any) -> Any:
    """An option taking a value shown as ``metavar``; ``checks`` are Typer's (``min``, ``max``)."""
    return typer.Option(name, metavar=metavar, help=help, **checks)


DbOption = Annotated[
    Path | None,
    option(
        "--db", "FILE", "SQLite file of the store (default: $NEWSPRISM_DB, else the user data directory)."
    ),
]
JsonOption = Annotated[bool, flag("--json", "Print machine-readable JSON only.")]


#: Columns of stdout when it is not a terminal and $COLUMNS is unset (Rich would take 80 and cut tables).
PIPED_WIDTH = 120


def stdout(fit: RenderableType | None = None) -> Console:
    """A console on stdout that never wraps or highlights on its own.

    Not on a terminal and without $COLUMNS it is :data:`PIPED_WIDTH` columns wide, or as wide as
    the table ``fit`` is at its natural width, so piped tables keep their figures and words whole.
    """
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal and not os.environ.get("COLUMNS"):
        natural = console.measure(fit).maximum if isinstance(fit, Table) else 0
        console.width = max(PIPED_WIDTH, natural)
    return console


def stderr() -> Console:
    """A console on stderr."""
    return Console(stderr=True, highlight=False)


def print_json(data: Any) -> None:
    """``data`` as indented JSON on stdout."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def emit(as_json: bool, data: Any, view: Callable[[], RenderableType]) -> None:
    """With ``--json`` print ``data`` as JSON, else print the renderable ``view()`` builds."""
    if as_json:
        print_json(data)
    else:
        renderable = view()
        stdout(fit=renderable).print(renderable)


def iso_date(name: str, value: str | None) -> str | None:
    """The value of the date option ``name`` in the stored ISO form (``2025-6-1`` -> ``2025-06-01``).

    Blank is no date; anything :func:`~newsprism.store.filters.date_bound` refuses is E005.
    """
    from newsprism.store.filters import DATE_BOUND_FORMS, optional_date_bound

    try:
        return optional_date_bound(value)
    except ValueError as exc:
        hint = f"give {name} as {DATE_BOUND_FORMS}"
        raise InputError("E005", f"{name} {value}", kind="date", detail=str(exc), hint=hint) from None


def date_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """``--since`` and ``--until`` in stored ISO form: E005 when malformed, E024 when reversed."""
    from newsprism.store.filters import check_range

    since, until = iso_date("--since", since), iso_date("--until", until)
    try:
        check_range(since, until)
    except ValueError as exc:
        source = f"--since {since} --until {until}"
        raise InputError("E024", source, detail=str(exc)) from None
    return since, until


def open_store(db: Path | None, **options: Any) -> Store:
    """The existing store at ``db`` (E020 when there is none)."""
    from newsprism.store import Store

    return Store.open(db, create=False, **options)


def boundary(func: F) -> F:
    """Turn a NewsprismError into ``error CODE: message`` + ``hint: ...`` on stderr and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NewsprismError as exc:
            from newsprism.console import clean

            typer.echo(f"error {exc.code}: {clean(exc.message)}", err=True)
            typer.echo(f"hint: {clean(exc.hint)}", err=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


class ProgressBar:
    """A transient Rich progress bar on stderr fed by ``update(done, total, source)``; with a
    ``second`` label, a second bar below it for a slower stage, fed by :meth:`second_update`."""

    def __init__(self, label: str, second: str | None = None) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = stderr()
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,  # piped or captured stderr: no bar, not even its blank line
        )
        self._task = self._progress.add_task(label, total=None)
        self._second = self._progress.add_task(second, total=None) if second else None

    def __enter__(self) -> ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def update(self, done: int, total: int | None, source: str) -> None:
        """Move the bar to ``done`` of ``total`` (None: unknown)."""
        self._progress.update(self._task, completed=done, total=total)

    def stage(self, name: str, done: int, total: int | None) -> None:
        """Name the stage the work is in and move the bar to ``done`` of ``total`` (None: unknown)."""
        self._progress.update(self._task, description=name, completed=done, total=total)

    def second_update(self, done: int, total: int | None, source: str) -> None:
        """Move the second bar to ``done`` of ``total`` (None: unknown)."""
        if self._second is not None:
            self._progress.update(self._second, completed=done, total=total)
