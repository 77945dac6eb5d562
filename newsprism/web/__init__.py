"""web stage of newsprism: a FastAPI app with a REST API and server-rendered pages.

    >>> from newsprism.web import create_app
    >>> app = create_app(Path("news.db"))          # serve with uvicorn

:func:`serve` runs it with uvicorn (``newsprism serve``).
"""

from __future__ import annotations

from pathlib import Path

from newsprism.web.app import create_app

__all__ = ["create_app", "serve"]


def serve(
    db: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    allow_private: bool = False,
    max_bytes: int | None = None,
    log_level: str = "warning",
    warm: int = 3,
) -> None:
    """Serve the store at ``db`` on ``host:port`` until interrupted.

    The ``warm`` newest stories are compared in the background at start-up, so that their
    pages are ready when the first reader comes (the first comparison loads the models).
    On a loopback address only loopback host names are answered (no DNS rebinding).
    """
    import uvicorn

    from newsprism.settings import IngestOptions
    from newsprism.web.guard import LOOPBACK_HOSTS, is_loopback

    options = IngestOptions(max_bytes=max_bytes) if max_bytes else IngestOptions()
    hosts = LOOPBACK_HOSTS if is_loopback(host) else None
    app = create_app(db, allow_private=allow_private, options=options, warm=warm, hosts=hosts)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)
