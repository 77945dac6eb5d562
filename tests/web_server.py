"""Test helpers for the web service: a real uvicorn server on 127.0.0.1 and the demo database.

``tests/`` is on ``sys.path`` under pytest's default import mode, so test modules import
these directly. The demo database is built once per test process (ingest + extraction take
~10 s) and copied for every test that asks for it, so tests never share a writable file.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI


@dataclass
class LiveApp:
    """A running server: its base URL and the app (for its per-instance state)."""

    base_url: str
    app: FastAPI

    def client(self, **kwargs: Any) -> httpx.Client:
        kwargs.setdefault("timeout", 30.0)
        return httpx.Client(base_url=self.base_url, trust_env=False, **kwargs)

    def wait_job(self, job_id: str, timeout: float = 90.0) -> dict[str, Any]:
        """Poll ``GET /api/jobs/{id}`` until the job is done or failed."""
        deadline = time.monotonic() + timeout
        with self.client() as client:
            while True:
                status = client.get(f"/api/jobs/{job_id}").json()
                if status["status"] in ("done", "failed") or time.monotonic() > deadline:
                    return status  # type: ignore[no-any-return]
                time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def live(app: FastAPI) -> Iterator[LiveApp]:
    """Run ``app`` with uvicorn on 127.0.0.1 in a thread; stop it (and its lifespan) on exit."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield LiveApp(f"http://127.0.0.1:{port}", app)
    finally:
        server.should_exit = True
        thread.join(30)


@functools.cache
def _demo_template() -> Path:
    from newsprism.demo import demo_sources
    from newsprism.pipeline import ingest

    folder = Path(tempfile.mkdtemp(prefix="newsprism-webtest-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "demo.db"
    summary = ingest(demo_sources(), path)
    assert summary.exit_code == 0 and len(summary.extracted) == 4, summary.to_dict()
    return path


def demo_db(target: Path) -> Path:
    """A private copy of the (once-built) demo database at ``target``."""
    shutil.copyfile(_demo_template(), target)
    return target


# ---------------------------------------------------------------- hostile articles

#: Set by any payload that runs; the page must never define it or change its title.
PWNED = "__pwned"


def payload_records() -> list[dict[str, Any]]:
    """Two articles whose every field carries script and HTML payloads (and a shared quote)."""
    quote = '"Trust <b>nobody</b> who sends <script>window.__pwned=1</script>," said <i>Eve</i> Mallory.'
    body = (
        "Harbour officials in Port Ilse said on Monday that <script>window.__pwned=2</script> the "
        'quay would reopen. <img src=x onerror="window.__pwned=3"> Ships waited for two days. '
        f'{quote} The mayor, Tom Reyes, called it <a href="javascript:window.__pwned=4">a victory</a>. '
        "</textarea></title><script>document.title='pwned'</script> Crews worked through the night. "
        "' onmouseover='window.__pwned=5' x=' \" onfocus=\"window.__pwned=6\" autofocus=\" "
        '<svg onload=window.__pwned=7></svg> <iframe srcdoc="<script>parent.__pwned=8</script>"></iframe>'
    )
    common = {
        "published": "2025-06-16",
        "section": '<style>body{display:none}</style>World"><script>window.__pwned=9</script>',
    }
    return [
        {
            **common,
            "title": "<script>window.__pwned=11</script><img src=x onerror=window.__pwned=12> Quay reopens",
            "url": "javascript:window.__pwned=10",
            "outlet": 'Evil <b>Outlet</b>"><script>window.__pwned=13</script>',
            "byline": "<img src=x onerror=window.__pwned=14>Ann Onym",
            "tags": [
                "</textarea><script>window.__pwned=15</script>",
                "javascript:alert(1)",
                "\"'><svg/onload=window.__pwned=16>",
            ],
            "body": body,
        },
        {
            **common,
            "title": "Port Ilse quay reopens <body onload=window.__pwned=17>",
            "url": "javascript:window.__pwned=21",
            "outlet": "Other <i>Desk</i>'><script>window.__pwned=18</script>",
            "byline": 'Bob "><script>window.__pwned=19</script>',
            "tags": ["<a href=javascript:window.__pwned=20>x</a>"],
            "body": body.replace("Ships waited for two days.", "Ships waited for three days."),
        },
    ]


def ingest_payloads(running: LiveApp) -> list[str]:
    """POST the hostile records, wait for the job, return the ids of the stored articles."""
    with running.client() as client:
        accepted = client.post("/api/ingest", json=payload_records())
        assert accepted.status_code == 202, accepted.text
    status = running.wait_job(accepted.json()["job_id"])
    assert status["status"] == "done" and status["counts"]["ingested"] == 2, status
    return list(status["articles"])


def story_ids(running: LiveApp, article_ids: list[str]) -> list[str]:
    """The stories (``all`` when ungrouped) the articles belong to, in order, each once."""
    with running.client() as client:
        found = [client.get(f"/api/articles/{a}").json()["article"]["story_id"] or "all" for a in article_ids]
    return list(dict.fromkeys(found))
