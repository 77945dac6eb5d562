"""What one app instance holds: the database readers, the story cache, the job runner, templates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from newsprism.web.jobs import JobRunner
from newsprism.web.reads import Reader
from newsprism.web.stories import StoryService


@dataclass(slots=True)
class WebState:
    """Per-app state (never a module global): one per :func:`newsprism.web.create_app` call."""

    db: Path
    reader: Reader
    stories: StoryService
    jobs: JobRunner
    templates: Jinja2Templates
    allow_private: bool
    max_bytes: int


def web_state(request: Request) -> WebState:
    """FastAPI dependency: the state of the app serving this request."""
    state: WebState = request.app.state.web
    return state
