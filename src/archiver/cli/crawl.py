"""The commands that write the archive: fetch, reparse, and the demo."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from archiver import report, terminal
from archiver.cli.common import (
    DEFAULT_DB,
    TEXT_OR_JSON,
    DbOption,
    OutputFormat,
    SummaryOption,
    VerboseOption,
    app,
    clean_errors,
    known_site,
    print_json,
    seeds_or_default,
    select_sites,
    setup_logging,
    stopped_by_sigterm,
)
from archiver.lock import run_lock

if TYPE_CHECKING:
    from archiver.importing import ImportSummary
    from archiver.reparse import ReparseSummary
    from archiver.runs import SiteStats
    from archiver.sample import SamplePortal


@app.command()
def fetch(
    site_names: Annotated[
        list[str] | None,
        typer.Argument(metavar="[SITE]...", help="Seed names to fetch (default: every seed)."),
    ] = None,
    seeds: Annotated[Path, typer.Option(help="A seed file or a folder of them.")] = Path("seeds"),
    max_pages: Annotated[
        int | None, typer.Option(min=1, help="Listing pages per start URL.")
    ] = None,
    full: Annotated[bool, typer.Option(help="Walk all pagination, re-fetch known pages.")] = False,
    timeout: Annotated[float | None, typer.Option(min=0.1, help="Per-request seconds.")] = None,
    max_duration: Annotated[
        float | None,
        typer.Option(
            min=1, max=31_536_000, help="Stop cleanly after this many seconds (status partial)."
        ),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="The run's summary: " + TEXT_OR_JSON)
    ] = OutputFormat.text,
    quiet: Annotated[
        bool,
        typer.Option(help="Say only what went wrong: one stderr line per failing site."),
    ] = False,
    verbose: VerboseOption = 0,
    log_file: Annotated[Path | None, typer.Option(help="Append logs here, not to stderr.")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Crawl the sites' listing pages and archive new or changed articles.

    \b
    Examples:
      archiver fetch                          every seed in seeds/
      archiver fetch haugiang --max-pages 3   one site, three listing pages
      archiver fetch --quiet --log-file data/fetch.log   from cron
    """
    from archiver.api import fetch_sites
    from archiver.runs import RunOptions
    from archiver.seeds import load_seeds

    setup_logging(verbose, log_file)
    show_progress = terminal.live(sys.stderr) and not quiet and output is OutputFormat.text
    with clean_errors(), stopped_by_sigterm():
        sites = select_sites(load_seeds(seeds), site_names or [], seeds)
        with report.progress(show_progress) as tick:
            options = RunOptions(full, max_pages, timeout, max_duration)
            summary = fetch_sites(db, sites, options, on_progress=_site_ticker(tick))
    report.print_run(summary, as_json=output is OutputFormat.json, quiet=quiet)
    raise typer.Exit(0 if summary.status == "ok" else 1)


def _site_ticker(tick: report.Tick | None) -> Callable[[str, SiteStats], None] | None:
    """What a crawl's progress callback says of each site on the live display."""
    if tick is None:
        return None

    def said(site: str, stats: SiteStats) -> None:
        pages = stats.listing_pages + stats.links_followed
        noun = "error" if stats.errors == 1 else "errors"
        tick(site, pages, f"{pages} pages, {stats.articles_new} new, {stats.errors} {noun}")

    return said


def _reparse_ticker(
    tick: report.Tick | None, site: str | None
) -> Callable[[ReparseSummary], None] | None:
    """What reparse's progress callback says on the live display."""
    if tick is None:
        return None

    def said(done: ReparseSummary) -> None:
        text = f"{done.examined} articles, {done.changed} changed, {done.failed} unreadable"
        tick(site or "all sites", done.examined, text)

    return said


@app.command()
def reparse(
    site: Annotated[str | None, typer.Option(help="Only this site's articles.")] = None,
    seeds: Annotated[
        Path | None,
        typer.Option(help="Seeds whose selectors apply (default: seeds/, when it exists)."),
    ] = None,
    output: SummaryOption = OutputFormat.text,
    verbose: VerboseOption = 0,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Re-extract archived articles from their raw pages after a parser change.

    \b
    Example:
      archiver reparse --site haugiang
    """
    from archiver.reparse import reparse as reparse_archive
    from archiver.seeds import load_seeds
    from archiver.store import Archive

    setup_logging(verbose)
    show_progress = terminal.live(sys.stderr) and output is OutputFormat.text
    with clean_errors(), stopped_by_sigterm():
        seeds = seeds_or_default(seeds)
        overrides = {s.name: s.selectors for s in load_seeds(seeds)} if seeds else {}
        with run_lock(db), report.progress(show_progress, unit="articles") as tick:
            archive = Archive.existing(db)
            known_site(archive, site)
            summary = reparse_archive(
                archive, site=site, selectors=overrides, on_progress=_reparse_ticker(tick, site)
            )
    if output is OutputFormat.json:
        print_json(summary.to_dict())
    else:
        report.say(
            f"reparsed {summary.examined} articles: {summary.changed} changed (a revision each),"
            f" {summary.unchanged} unchanged, {summary.not_articles} no longer read as articles"
            " (kept as they were)"
        )
    if summary.failed:
        report.say(f"{summary.failed} raw pages unreadable; first: {summary.first_error}", err=True)
        raise typer.Exit(1)


@app.command("import")
def import_cmd(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="WARC files (.warc, .warc.gz, .arc).")
    ],
    site: Annotated[
        str | None, typer.Option(help="File every page under this site (default: by seed).")
    ] = None,
    seeds: Annotated[
        Path | None,
        typer.Option(help="Seeds that name the sites (default: seeds/, when it exists)."),
    ] = None,
    output: SummaryOption = OutputFormat.text,
    verbose: VerboseOption = 0,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Import pages archived by others (wget --warc-file, Browsertrix, Common Crawl,
    archiver export) through the same extraction, dedup and storage as fetch.

    \b
    A page is filed under the first seed whose allowed_domains hold its URL, else
    under --site, else under its host name.

    \b
    Example:
      archiver import haugiang-2024.warc.gz --seeds seeds/
    """
    from archiver.importing import import_warcs
    from archiver.seeds import load_seeds
    from archiver.store import Archive

    setup_logging(verbose)
    show_progress = terminal.live(sys.stderr) and output is OutputFormat.text
    with clean_errors(), stopped_by_sigterm():
        for file in files:
            if not file.is_file():
                raise typer.BadParameter(f"{file}: no such file", param_hint="FILE")
        seeds = seeds_or_default(seeds)
        sites = load_seeds(seeds) if seeds else []
        with (
            run_lock(db),
            report.progress(show_progress) as tick,
            Archive.open(db) as archive,
        ):
            summary = import_warcs(
                archive, files, sites=sites, site=site, on_progress=_import_ticker(tick)
            )
    if output is OutputFormat.json:
        print_json(summary.to_dict())
    else:
        passed = ", ".join(f"{n} {why}" for why, n in summary.passed.items()) or "nothing"
        report.say(
            f"imported {summary.pages} pages: {summary.articles_new} new articles,"
            f" {summary.articles_updated} updated, {summary.articles_unchanged} unchanged,"
            f" {summary.duplicates} copies, {summary.other_pages} other pages;"
            f" passed over: {passed}"
        )
    if summary.failed:
        report.say(f"{summary.failed} pages not imported; first: {summary.first_error}", err=True)
        raise typer.Exit(1)


def _import_ticker(tick: report.Tick | None) -> Callable[[ImportSummary], None] | None:
    """What an import's progress callback says on the live display."""
    if tick is None:
        return None

    def said(done: ImportSummary) -> None:
        articles = done.articles_new + done.articles_updated + done.articles_unchanged
        tick("import", done.pages, f"{done.pages} pages, {articles} articles, {done.failed} failed")

    return said


# The demo's sites are always http://127.0.0.1:8761-8763, whatever ports serve them:
# the same URLs from one demo to the next, so a second demo adds no article twice.
DEMO_PORT_BASE = 8761


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="Where to put the demo archive.")] = Path(
        "data/demo.db"
    ),
    articles: Annotated[
        int, typer.Option(min=1, max=10_000, help="Articles per sample site.")
    ] = 36,
    port_base: Annotated[
        int,
        typer.Option(
            min=0,
            max=65_533,
            help="First of three ports to serve on (0: any free ports); taken ones are"
            " replaced by free ones. The sites keep their addresses either way.",
        ),
    ] = DEMO_PORT_BASE,
    full: Annotated[
        bool,
        typer.Option(help="Re-fetch known articles, as fetch --full does."),
    ] = False,
    verbose: VerboseOption = 0,
) -> None:
    """Serve the bundled sample portal on 127.0.0.1, archive it, and search it.

    The sites are crawled one after another, one request at a time, so that every
    demo stores its articles in the same order, with the same ids. From the second
    demo on, haugiang has corrected its newest article (id 1); a --full demo finds
    the correction and records a revision.

    \b
    Examples:
      archiver demo && archiver search "hoi nghi" --db data/demo.db
      archiver demo --full && archiver show 1 --history --db data/demo.db
    """
    from archiver.pipeline import run_fetch
    from archiver.runs import RunOptions
    from archiver.searching import search as search_archive
    from archiver.seeds import site_from_dict
    from archiver.store import Archive

    setup_logging(verbose)
    show_progress = terminal.live(sys.stderr)
    with clean_errors(), stopped_by_sigterm(), _sample_portal(articles, port_base) as portal:
        sites = [site_from_dict(d, f"sample portal ({d['name']})") for d in portal.seed_dicts()]
        with run_lock(db), report.progress(show_progress) as tick:
            archive = Archive.open(db)
            if archive.runs(1):
                portal.correct("haugiang")  # an editor's correction since the first demo
            summary = run_fetch(
                archive,
                sites,
                RunOptions(full=full, in_turn=True),
                transport=portal.transport(),
                on_progress=_site_ticker(tick),
            )
        report.print_run(summary, as_json=False, quiet=False)
        typer.echo('\nExample: archiver search "hoi nghi" --db ' + str(db))
        report.print_hits(search_archive(archive, "hoi nghi", limit=3))
    raise typer.Exit(0 if summary.status == "ok" else 1)


@contextlib.contextmanager
def _sample_portal(articles: int, port_base: int) -> Iterator[SamplePortal]:
    """The sample portal at its usual addresses, served on port_base's ports or, when
    those are taken, on free ones."""
    from archiver.sample import SamplePortal

    def portal_on(ports: int) -> SamplePortal:
        return SamplePortal(
            articles_per_site=articles, port_base=ports, address_base=DEMO_PORT_BASE
        )

    portal = portal_on(port_base)
    try:
        portal.start()
    except OSError:
        portal.stop()
        portal = portal_on(0).start()
    try:
        yield portal
    finally:
        portal.stop()
