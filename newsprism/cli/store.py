"""Commands over a stored database: articles, show, search, stories and regroup."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from newsprism.cli.common import (
    DbOption,
    JsonOption,
    argument,
    boundary,
    date_range,
    emit,
    flag,
    open_store,
    option,
    print_json,
)
from newsprism.model import Article, to_dict
from newsprism.store.filters import ArticleFilters


def _listing(article: Article) -> dict[str, Any]:
    """An article's JSON for listings: every field except body and removed chrome, plus body length."""
    data = to_dict(article)
    data.pop("removed")
    data["body_chars"] = len(data.pop("body"))
    return data


@boundary
def articles(
    db: DbOption = None,
    limit: Annotated[int, option("--limit", "N", "Most articles listed.", min=0)] = 50,
    offset: Annotated[int, option("--offset", "N", "Skip this many first.", min=0)] = 0,
    outlet: Annotated[str | None, option("--outlet", "NAME", "Only this outlet (case-insensitive).")] = None,
    since: Annotated[
        str | None, option("--since", "DATE", "Published on or after this ISO date (YYYY-MM-DD[THH:MM]).")
    ] = None,
    until: Annotated[
        str | None, option("--until", "DATE", "Published on or before this ISO date (YYYY-MM-DD[THH:MM]).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored articles (current versions), newest first.

    An article without a publication date is in no --since/--until range; the table's caption
    says how many were left out for that.
    """
    from newsprism.console import articles_table
    from newsprism.report.dossier import undated_note

    since, until = date_range(since, until)
    filters = ArticleFilters(since=since, until=until, outlet=outlet)
    with open_store(db) as store:
        found = store.list_articles(limit, offset, filters=filters)
        total = store.count_articles(filters=filters)
        undated = store.count_undated(filters) if filters.dated() else 0
    title = f"{len(found)} of {total} articles" + (" in the date range" if filters.dated() else "")
    caption = undated_note(undated) or None
    emit(as_json, [_listing(a) for a in found], lambda: articles_table(found, title=title, caption=caption))


@boundary
def show(
    article: Annotated[str, argument("ARTICLE", "Article id or a unique prefix of it.")],
    db: DbOption = None,
    removed: Annotated[bool, flag("--removed", "Also list the chrome removed, with reasons.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Show one article: metadata, date evidence, body and, when stored, its extraction.

    An old version replaced by an edited one is still shown, with the id of the newer version.
    """
    from newsprism.console import article_view

    with open_store(db) as store:
        found = store.get_article(article)
        extraction = store.get_extraction(found.id)
        newer, older = store.superseded_by(found.id), store.supersedes(found.id)
    data = {
        "article": to_dict(found),
        "superseded_by": newer,
        "supersedes": older,
        "extraction": to_dict(extraction) if extraction is not None else None,
    }
    emit(
        as_json,
        data,
        lambda: article_view(
            found, extraction=extraction, superseded_by=newer, supersedes=older, removed=removed
        ),
    )


@boundary
def search(
    query: Annotated[str, argument("QUERY", "Words to find (all must match; word* for a prefix).")],
    db: DbOption = None,
    limit: Annotated[int, option("--limit", "N", "Most hits listed.", min=0)] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over titles, bodies, outlets and bylines, best match first.

    Every word must match; FTS operators in the query are treated as plain words, and a
    word ending in * matches as a prefix. Superseded versions are not searched.
    """
    from newsprism.console import MARK, search_table

    with open_store(db) as store:
        hits = store.search(query, limit, mark=("[", "]") if as_json else MARK)
    data = [{"rank": i, "article": _listing(a), "snippet": s} for i, (a, s) in enumerate(hits, 1)]
    emit(as_json, data, lambda: search_table(hits, query))


@boundary
def stories(
    db: DbOption = None,
    limit: Annotated[int, option("--limit", "N", "Most stories listed.", min=0)] = 50,
    as_json: JsonOption = False,
) -> None:
    """List the stories of the store, most recently seen first.

    Each story has a label (key entities and a key phrase), first and last seen, its outlets
    and articles. Ingest assigns stories; `newsprism story ID` prints one story's dossier.
    """
    from newsprism.console import stories_table

    with open_store(db) as store:
        found = store.list_stories(limit)
        total = store.count_stories()
    data = [{**to_dict(s), "articles": len(s.article_ids)} for s in found]
    emit(as_json, data, lambda: stories_table(found, title=f"{len(found)} of {total} stories"))


@boundary
def regroup(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Re-cluster every stored article at once and replace the stories.

    Document frequencies come from the whole store, then articles are assigned in time
    order. A new story keeps the id of the old story it overlaps most. Prints how many
    articles changed story, and the B-cubed F1 agreement with the previous stories.
    """
    from newsprism.group.assign import regroup as run_regroup
    from newsprism.report.dossier import plural

    with open_store(db, write_time_limit=None) as store:
        report = run_regroup(store)
    if as_json:
        print_json(report.to_dict())
        return
    typer.echo(
        f"regrouped {plural(report.articles, 'article')} into {plural(report.stories, 'story', 'stories')}: "
        f"{report.changed} changed story (agreement with the previous stories: B-cubed F1 {report.agreement:.4f})"
    )
