"""SQL text and the conversions between store rows and model objects."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from newsprism.model import Article, DateInference, RemovedBlock

#: Columns of ``articles`` written from an Article (``seq`` is assigned by SQLite).
ARTICLE_COLUMNS: tuple[str, ...] = (
    "id",
    "fingerprint",
    "url",
    "outlet",
    "title",
    "bylines",
    "published",
    "published_method",
    "published_confidence",
    "published_evidence",
    "section",
    "standfirst",
    "tags",
    "language",
    "body",
    "removed",
    "outlet_evidence",
    "source",
    "ingested_at",
    "story_id",
    "supersedes",
    "reprint_of",
)

INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in ARTICLE_COLUMNS)})"
)

#: SQL condition: the article row ``a`` has not been replaced by a newer version.
CURRENT = "NOT EXISTS (SELECT 1 FROM articles n WHERE n.supersedes = a.id)"

#: Relative weights of title, body, outlet and bylines in search ranking.
BM25_WEIGHTS = "5.0, 1.0, 2.0, 2.0"

SEARCH = f"""
SELECT a.*, snippet(articles_fts, -1, :open, :close, '…', 16) AS snippet
FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
WHERE articles_fts MATCH :match AND {CURRENT}
ORDER BY bm25(articles_fts, {BM25_WEIGHTS}), a.seq
LIMIT :limit
"""

_WORD = re.compile(r"\w+\*?")
#: A snippet cut from the bylines column, which holds a JSON list ('["Kevin Marsh", "Ana Ruiz"]'),
#: whole or cut short by FTS ('…"Ana Ruiz", "Bo Li"]').
_JSON_LIST = re.compile(r'^(…?)\[?"(.*?)"\]?(…?)$', re.DOTALL)


def plain_snippet(snippet: str | None) -> str | None:
    """A search snippet as text: a bylines match shows the names, not their JSON list."""
    m = _JSON_LIST.match(snippet or "")
    if m is None or '"' in m.group(2).replace('", "', ""):
        return snippet
    return m.group(1) + m.group(2).replace('", "', ", ") + m.group(3)


def article_row(article: Article, ingested_at: str, supersedes: str | None) -> dict[str, Any]:
    """The ``articles`` row of an Article (lists as JSON text)."""
    return {
        "id": article.id,
        "fingerprint": article.fingerprint,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "bylines": json.dumps(article.bylines, ensure_ascii=False),
        "published": article.published.value,
        "published_method": article.published.method,
        "published_confidence": article.published.confidence,
        "published_evidence": json.dumps(article.published.evidence, ensure_ascii=False),
        "section": article.section,
        "standfirst": article.standfirst,
        "tags": json.dumps(article.tags, ensure_ascii=False),
        "language": article.language,
        "body": article.body,
        "removed": json.dumps(
            [{"text": r.text, "reason": r.reason, "line": r.line} for r in article.removed],
            ensure_ascii=False,
        ),
        "outlet_evidence": article.outlet_evidence,
        "source": article.source,
        "ingested_at": ingested_at,
        "story_id": article.story_id,
        "supersedes": supersedes,
        "reprint_of": article.reprint_of,
    }


def row_article(row: sqlite3.Row) -> Article:
    """The Article stored in an ``articles`` row."""
    return Article(
        id=row["id"],
        fingerprint=row["fingerprint"],
        source=row["source"],
        body=row["body"],
        title=row["title"],
        outlet=row["outlet"],
        url=row["url"],
        bylines=json.loads(row["bylines"]),
        published=DateInference(
            row["published"],
            row["published_method"],
            row["published_confidence"],
            json.loads(row["published_evidence"]),
        ),
        section=row["section"],
        standfirst=row["standfirst"],
        tags=json.loads(row["tags"]),
        language=row["language"],
        removed=[RemovedBlock(r["text"], r["reason"], r.get("line")) for r in json.loads(row["removed"])],
        outlet_evidence=row["outlet_evidence"],
        ingested_at=row["ingested_at"],
        story_id=row["story_id"],
        reprint_of=row["reprint_of"],
    )


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for free user text, or None when it has no words.

    Every word becomes a quoted FTS5 string (all words must match), so operators,
    brackets and quotes in the input are never FTS syntax; a word ending in ``*``
    keeps its prefix search.
    """
    terms = []
    for word in _WORD.findall(text):
        star = word.endswith("*")
        core = word.rstrip("*").replace('"', '""')
        terms.append(f'"{core}"' + ("*" if star else ""))
    return " ".join(terms) or None
