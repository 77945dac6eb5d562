"""Background ingest: one writer thread takes jobs from a bounded queue, readers are never blocked.

A job is staged in the request (uploads written to a private temporary folder, URLs
kept as strings), queued, then run by :func:`newsprism.pipeline.ingest` with the
server's :class:`~newsprism.settings.IngestOptions` (size limits, address guard). Its
status (``queued``, ``running``, ``done``, ``failed``), counts and refusals are kept in
memory for the last ``keep`` jobs.
"""

from __future__ import annotations

import logging
import queue
import re
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from newsprism.errors import NewsprismError, NotFoundError
from newsprism.settings import IngestOptions

log = logging.getLogger(__name__)

Status = Literal["queued", "running", "done", "failed"]
#: Refusals listed in a job's status (the count is always complete).
MAX_LISTED_REFUSALS = 200
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class Job:
    """One ingest request and what became of it."""

    id: str
    kind: str  # records, files, urls
    sources: list[str]
    staging: Path | None = None
    status: Status = "queued"
    submitted: str = field(default_factory=_now)
    started: str | None = None
    finished: str | None = None
    read: int = 0
    done: int = 0  # documents done with: stored and extracted, found already stored, or refused
    summary: dict[str, Any] | None = None
    error: dict[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The job's status as JSON (``GET /api/jobs/{id}``)."""
        summary = self.summary or {}
        refused = summary.get("refused", [])
        counts = {
            "read": self.read,
            "done": self.done,
            "ingested": len(summary.get("ingested", [])),
            "duplicates": len(summary.get("duplicates", [])),
            "superseded": len(summary.get("superseded", [])),
            "reprints": len(summary.get("reprints", [])),
            "extracted": len(summary.get("extracted", [])),
            "refused": len(refused),
        }
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "submitted": self.submitted,
            "started": self.started,
            "finished": self.finished,
            "sources": len(self.sources),
            "counts": counts,
            "articles": summary.get("ingested", []) + [s["new"] for s in summary.get("superseded", [])],
            "duplicates": summary.get("duplicates", []),
            "refusals": [self._public_refusal(r) for r in refused[:MAX_LISTED_REFUSALS]],
            "warnings": summary.get("warnings", []),
            "error": self.error,
        }

    def _public_refusal(self, refusal: dict[str, str]) -> dict[str, str]:
        """A refusal without the server's private staging path in it."""
        if self.staging is None:
            return refusal
        prefix = str(self.staging) + "/"
        return {k: v.replace(prefix, "upload:") for k, v in refusal.items()}


class JobRunner:
    """The single writer: a thread running queued ingest jobs one at a time."""

    def __init__(
        self, db: Path, options: IngestOptions, *, extract: bool = True, max_queued: int = 16, keep: int = 200
    ) -> None:
        self.db = db
        self.options = options
        self.extract = extract
        self.keep = keep
        self._queue: queue.Queue[Job | None] = queue.Queue(maxsize=max_queued)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Start the writer thread (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="newsprism-ingest", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the running job, drop the queued ones, and stop the thread."""
        while True:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                self._finish(
                    job, "failed", error={"code": "E064", "message": "server stopped before the job ran"}
                )
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None

    def wait(self, job_id: str, timeout: float = 60.0) -> dict[str, Any]:
        """Block until the job is done or failed (for tests and scripts); its final status."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.get(job_id)
            if status["status"] in ("done", "failed"):
                return status
            time.sleep(0.05)
        return self.get(job_id)

    # ------------------------------------------------------------ jobs

    def stage_files(self, files: list[tuple[str, bytes]], kind: str) -> Job:
        """A job over uploaded ``(name, bytes)`` files, written to a private temporary folder."""
        staging = Path(tempfile.mkdtemp(prefix="newsprism-upload-"))
        sources = []
        for i, (name, data) in enumerate(files, start=1):
            safe = _UNSAFE.sub("_", Path(name or "").name).strip("._")[:100] or "upload"
            path = staging / f"{i:03d}-{safe}"
            path.write_bytes(data)
            sources.append(str(path))
        return Job(self._new_id(), kind, sources, staging)

    def url_job(self, urls: list[str]) -> Job:
        """A job fetching ``urls`` through the guarded fetcher."""
        return Job(self._new_id(), "urls", list(urls))

    def submit(self, job: Job, where: str = "POST /api/ingest") -> dict[str, Any]:
        """Queue a staged job; NewsprismError E064 naming ``where`` (and the staging removed) when
        the queue is full."""
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > self.keep:
                self._jobs.popitem(last=False)
        try:
            self._queue.put_nowait(job)
        except queue.Full:
            with self._lock:
                self._jobs.pop(job.id, None)
            self._cleanup(job)
            raise NewsprismError("E064", where, detail=f"{self._queue.maxsize} jobs waiting") from None
        return job.to_dict()

    def get(self, job_id: str) -> dict[str, Any]:
        """A job's status; NotFoundError E063 when unknown (or forgotten)."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                raise NotFoundError("E063", job_id[:64])
            return job.to_dict()

    def _new_id(self) -> str:
        return "job-" + secrets.token_hex(6)

    # ------------------------------------------------------------ the writer thread

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            with self._lock:
                job.status, job.started = "running", _now()
            try:
                summary = self._ingest(job)
            except NewsprismError as exc:
                self._finish(
                    job, "failed", error={"code": exc.code, "message": exc.message, "hint": exc.hint}
                )
            except Exception as exc:  # the writer thread must survive any one job
                log.exception("ingest job %s failed", job.id)
                self._finish(job, "failed", error={"code": "E009", "message": f"{type(exc).__name__}: {exc}"})
            else:
                self._finish(job, "done", summary=summary)

    def _ingest(self, job: Job) -> dict[str, Any]:
        from newsprism.pipeline import ingest

        def progress(done: int, total: int | None, source: str) -> None:
            job.read = done

        def stored(done: int, total: int | None, source: str) -> None:
            job.done = done

        return ingest(
            job.sources, self.db, self.options, extract=self.extract, progress=progress, stored=stored
        ).to_dict()

    def _finish(
        self,
        job: Job,
        status: Status,
        *,
        summary: dict[str, Any] | None = None,
        error: dict[str, str] | None = None,
    ) -> None:
        with self._lock:
            job.status, job.finished, job.summary, job.error = status, _now(), summary, error
        self._cleanup(job)

    @staticmethod
    def _cleanup(job: Job) -> None:
        if job.staging is not None:
            shutil.rmtree(job.staging, ignore_errors=True)
