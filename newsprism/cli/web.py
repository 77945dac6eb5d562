"""``newsprism serve``: the web UI and REST API over a store (and over the demo story)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsprism.cli import reading
from newsprism.cli.common import DbOption, ProgressBar, boundary, flag, option

HostOption = Annotated[str, option("--host", "ADDR", "Address to listen on.")]
PortOption = Annotated[int, option("--port", "N", "TCP port.", min=0, max=65535)]


@boundary
def serve(
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    allow_private: Annotated[
        bool,
        flag(
            "--allow-private", "Let the Add page and POST /api/ingest fetch private and loopback addresses."
        ),
    ] = False,
    max_bytes: Annotated[
        int,
        option("--max-bytes", "N", reading.setting_help("max_bytes") + " Also caps a request body.", min=1),
    ] = reading.DEFAULTS.max_bytes,
) -> None:
    """Serve the store: REST API under /api (reference at /docs) and pages for analysts.

    Ingest (the Add page, or POST /api/ingest) runs in the background, one job at a time, with
    the same size limits and address guard as `newsprism ingest`. Stops with Ctrl-C.
    """
    from newsprism.settings import default_db_path
    from newsprism.web import serve as run_server

    path = db or default_db_path()
    typer.echo(f"newsprism: serving {path} at {_url(host, port)}/ (Ctrl-C stops)", err=True)
    run_server(path, host=host, port=port, allow_private=allow_private, max_bytes=max_bytes)


def _url(host: str, port: int) -> str:
    """``http://host:port`` with an IPv6 host in brackets."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def serve_demo(db: Path | None, no_extract: bool, host: str, port: int) -> None:
    """Ingest the demo (into ``db`` or a temporary database) and serve its story page."""
    import tempfile

    from newsprism.demo import run_demo
    from newsprism.web import serve as run_server

    with tempfile.TemporaryDirectory(prefix="newsprism-demo-") as tmp:
        path = db or Path(tmp) / "demo.db"
        with ProgressBar("demo") as bar:
            result = run_demo(path, extract=not no_extract, progress=bar.update)
        story = next((a.story_id for a in result.articles if a.story_id), None) or "all"
        typer.echo(f"newsprism demo: {_url(host, port)}/stories/{story}  (Ctrl-C stops)")
        run_server(path, host=host, port=port, warm=1)
