"""What the CLI prints for people: run summaries, search hits, articles."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

import typer

from archiver.model import Record
from archiver.terminal import json_text, visible

if TYPE_CHECKING:
    from archiver.runs import RunSummary
    from archiver.searching import Hit

__all__ = ["json_text", "print_run", "say", "visible"]


def say(text: str, *, err: bool = False) -> None:
    """Print text for a person (stdout, or stderr): control characters escaped."""
    typer.echo(visible(text), err=err)


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
    """The run summary on stdout (unless quiet); one line on stderr per site that
    failed or is unhealthy (or, unless quiet, has a warning)."""
    for name, stats in summary.sites.items():
        parts = []
        if stats.errors:
            noun = "error" if stats.errors == 1 else "errors"
            parts.append(f"{stats.errors} {noun}; first: {stats.first_error}")
        if stats.health != "ok":
            parts.append(f"{stats.health}: {stats.health_reason}")
        elif stats.health_warning and not quiet:
            parts.append(f"warning: {stats.health_warning}")
        if stats.sections_gone:  # a portal that dropped or moved a section
            gone = len(stats.sections_gone)
            parts.append(f"{_plural(gone, 'section')} gone: {'; '.join(stats.sections_gone)}")
        if stats.discovery_problems:
            found = len(stats.discovery_problems)
            parts.append(
                f"{_plural(found, 'feed or sitemap problem')}; first: {stats.discovery_problems[0]}"
            )
        if parts:
            say(f"{name}: {'; '.join(parts)}", err=True)
    if summary.stopped:
        say(f"run {summary.run_id}: {summary.stopped}", err=True)
    if quiet:  # what went wrong is on stderr above; nothing else is said
        return
    if as_json:
        say(json_text(summary.to_dict()))
        return
    seconds = _seconds(summary.started, summary.finished)
    say(f"run {summary.run_id}: {summary.status}, {summary.requests} requests in {seconds:.1f} s")
    width = max([len("site"), *(len(n) for n in summary.sites)])
    say("  ".join(["site".ljust(width), *(h.rjust(9) for h in _HEADERS)]))
    for name, stats in summary.sites.items():
        cells = [str(getattr(stats, c)).rjust(9) for c in _COLUMNS]
        say("  ".join([name.ljust(width), *cells]))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _seconds(started: str, finished: str | None) -> float:
    if not finished:
        return 0.0
    return (datetime.fromisoformat(finished) - datetime.fromisoformat(started)).total_seconds()


def print_hits(hits: Sequence[Hit], *, highlight: bool = False) -> None:
    """A readable list of search hits, best first, with the matching snippet; on a
    terminal the matched words are shown in bold instead of [brackets]."""
    if not hits:
        say("no matches", err=True)
        return
    for hit in hits:
        date = (hit.published or "")[:10].ljust(10)
        say(f"{hit.id:>6}  {date}  {hit.site}  {hit.title or '(no title)'}")
        marked = hit.marked("\033[1m", "\033[0m") if highlight else hit.marked()
        say(f"        {' '.join(marked.split())}")
        say(f"        {hit.url}")


def print_article(article: dict[str, Any], revisions: list[dict[str, Any]] | None) -> None:
    """One archived article as text, and its revisions when asked for."""
    say(article["title"] or "(no title)")
    for key in (
        "url",
        "site",
        "published",
        "updated",
        "author",
        "source",
        "category",
        "view_count",
        "first_seen",
        "last_changed",
        "duplicate_of",
    ):
        if article.get(key) is not None:
            say(f"{key + ':':14}{article[key]}")
    for image in article["images"]:
        say(f"{'image:':14}{image['url']}  {image.get('caption') or ''}".rstrip())
    for attachment in article["attachments"]:
        say(f"{'attachment:':14}{attachment['url']}  {attachment.get('title') or ''}")
    if article.get("summary"):
        say(f"\n{article['summary']}")
    say(f"\n{article['body'] or ''}")
    if revisions is not None:
        say(f"\nrevisions ({len(revisions)}):")
        for rev in revisions:
            what = ", ".join(rev["changed"]) if rev["changed"] else "first seen"
            say(f"  {rev['fetched_at']}  run {rev['run_id']}  {what}")
            for line in rev["diff"].splitlines():
                say(f"      {line}")


def print_record(record: Record) -> None:
    """A parsed page as `key: value` lines, body last."""
    data = record.to_dict()
    body = data.pop("body") or ""
    for key, value in data.items():
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
        sys.stdout.write(visible(f"{key + ':':13}{shown}") + "\n")
    sys.stdout.write(f"\n{visible(body)}\n")


def print_runs(runs: list[dict[str, Any]]) -> None:
    """Recent runs, newest first."""
    say(
        f"{'run':>5}  {'started':25}  {'secs':>6}  {'status':8}  {'requests':>8}"
        f"  {'new':>5}  {'updated':>7}  {'dup':>5}  {'errors':>6}  unhealthy"
    )
    for run in runs:
        secs = f"{_seconds(run['started'], run['finished']):.0f}" if run["finished"] else "-"
        say(
            f"{run['id']:>5}  {run['started']:25}  {secs:>6}  {run['status']:8}"
            f"  {run['requests']:>8}  {run['articles_new']:>5}  {run['articles_updated']:>7}"
            f"  {run['duplicates']:>5}  {run['errors']:>6}  {', '.join(run['unhealthy']) or '-'}"
        )


def print_sites(sites: list[dict[str, Any]]) -> None:
    """One line per site, with articles per month over the last twelve months."""
    width = max([4, *(len(s["site"]) for s in sites)])
    months = list(sites[0]["per_month"]) if sites else []
    span = f"{months[0]}..{months[-1]}" if months else ""
    say(
        f"{'site':{width}}  {'articles':>8}  {'newest':10}  {'last ok run':25}"
        f"  {'errors':>6}  {'health':11}  per month {span}"
    )
    unit: object = ...
    for site in sites:
        if site.get("unit") != unit and any(s.get("unit") for s in sites):
            unit = site.get("unit")
            say(f"[{unit or 'no unit named'}]")
        rate = "-" if site["error_rate"] is None else f"{site['error_rate']:.0%}"
        say(
            f"{site['site']:{width}}  {site['articles']:>8}  {site['newest'] or '-':10}"
            f"  {site['last_ok'] or '-':25}  {rate:>6}  {site['health']:11}"
            f"  {site['chart']}"
        )


Tick = Callable[[str, int, str], None]  # (label, units done so far, what to say of them)


@contextlib.contextmanager
def progress(show: bool, unit: str = "pages", to: TextIO | None = None) -> Iterator[Tick | None]:
    """A live line per label (a site) on stderr for a person at a terminal: what the
    caller says of its work, the rate and the time since the label's first tick;
    nothing at all under cron, with --quiet or on a dumb terminal. `to`: draw there
    as on a terminal (tests)."""
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}: {task.fields[said]}, {task.fields[rate]}", markup=False),
        TimeElapsedColumn(),
        console=Console(file=to, force_terminal=True) if to else Console(stderr=True),
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}
        started: dict[str, float] = {}

        def tick(label: str, done: int, said: str) -> None:
            now = time.monotonic()
            seconds = now - started.setdefault(label, now)
            rate = f"{done / seconds:.1f} {unit}/s" if seconds >= 1 else f"- {unit}/s"
            if label not in tasks:
                tasks[label] = bar.add_task(visible(label), total=None, said="", rate="")
            bar.update(tasks[label], completed=done, said=visible(said), rate=rate)

        yield tick
