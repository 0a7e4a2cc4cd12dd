"""What the CLI prints for people: run summaries, search hits, articles."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import typer

from archiver.model import Record
from archiver.pipeline import RunSummary
from archiver.search import Hit

_COLUMNS = (
    "listing_pages",
    "articles_new",
    "articles_updated",
    "articles_unchanged",
    "duplicates",
    "errors",
)
_HEADERS = ("listing", "new", "updated", "unchanged", "dup", "errors")


def print_run(summary: RunSummary, *, as_json: bool, quiet: bool) -> None:
    """The run summary on stdout (unless quiet and ok); one line per failing site on stderr."""
    for name, stats in summary.sites.items():
        if stats.errors:
            noun = "error" if stats.errors == 1 else "errors"
            typer.echo(f"{name}: {stats.errors} {noun}; first: {stats.first_error}", err=True)
    if quiet and summary.status == "ok":
        return
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
        return
    seconds = _seconds(summary.started, summary.finished)
    typer.echo(
        f"run {summary.run_id}: {summary.status}, {summary.requests} requests in {seconds:.1f} s"
    )
    width = max([len("site"), *(len(n) for n in summary.sites)])
    typer.echo("  ".join(["site".ljust(width), *(h.rjust(9) for h in _HEADERS)]))
    for name, stats in summary.sites.items():
        cells = [str(getattr(stats, c)).rjust(9) for c in _COLUMNS]
        typer.echo("  ".join([name.ljust(width), *cells]))


def _seconds(started: str, finished: str | None) -> float:
    if not finished:
        return 0.0
    return (datetime.fromisoformat(finished) - datetime.fromisoformat(started)).total_seconds()


def print_hits(hits: Sequence[Hit]) -> None:
    """A readable list of search hits, best first, with the matching snippet."""
    if not hits:
        typer.echo("no matches", err=True)
        return
    for hit in hits:
        date = (hit.published or "")[:10].ljust(10)
        typer.echo(f"{hit.id:>6}  {date}  {hit.site}  {hit.title or '(no title)'}")
        typer.echo(f"        {' '.join(hit.snippet.split())}")
        typer.echo(f"        {hit.url}")


def print_article(article: dict[str, Any], revisions: list[dict[str, Any]] | None) -> None:
    """One archived article as text, and its revisions when asked for."""
    typer.echo(article["title"] or "(no title)")
    for key in (
        "url",
        "site",
        "published",
        "updated",
        "author",
        "category",
        "view_count",
        "first_seen",
        "last_changed",
        "duplicate_of",
    ):
        if article.get(key) is not None:
            typer.echo(f"{key + ':':14}{article[key]}")
    for image in article["images"]:
        typer.echo(f"{'image:':14}{image['url']}  {image.get('caption') or ''}".rstrip())
    for attachment in article["attachments"]:
        typer.echo(f"{'attachment:':14}{attachment['url']}  {attachment.get('title') or ''}")
    if article.get("summary"):
        typer.echo(f"\n{article['summary']}")
    typer.echo(f"\n{article['body'] or ''}")
    if revisions is not None:
        typer.echo(f"\nrevisions ({len(revisions)}):")
        for rev in revisions:
            what = ", ".join(rev["changed"]) if rev["changed"] else "first seen"
            typer.echo(f"  {rev['fetched_at']}  run {rev['run_id']}  {what}")
            for line in rev["diff"].splitlines():
                typer.echo(f"      {line}")


def print_record(record: Record) -> None:
    """A parsed page as `key: value` lines, body last."""
    data = record.to_dict()
    body = data.pop("body") or ""
    for key, value in data.items():
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
        sys.stdout.write(f"{key + ':':13}{shown}\n")
    sys.stdout.write(f"\n{body}\n")
