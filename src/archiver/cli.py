"""The `archiver` command: a thin typer layer over the library."""

from __future__ import annotations

import contextlib
import csv
import logging
import re
import signal
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from archiver import __version__, report, terminal
from archiver.errors import (
    ArchiverError,
    ExtractError,
    LockedError,
    MissingArchiveError,
    SeedError,
)
from archiver.lock import run_lock

# Each command imports what it needs when it runs: `archiver --help` and a search
# answer without loading httpx, the crawler and the extractor (issue 13: < 0.3 s).
if TYPE_CHECKING:
    from archiver.pipeline import SiteStats
    from archiver.reparse import ReparseSummary
    from archiver.sample import SamplePortal
    from archiver.seeds import Site
    from archiver.store import Archive

app = typer.Typer(
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish
    pretty_exceptions_enable=False,  # see main(): an unforeseen error is one line
    rich_markup_mode=None,  # plain usage errors: one "Error: ..." line, fit for cron mail
    no_args_is_help=True,
    help="Archive Vietnamese provincial news portals and search the archive.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"archiver {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Archive Vietnamese provincial news portals and search the archive."""


DbOption = Annotated[
    Path,
    typer.Option(
        "--db", envvar="ARCHIVER_DB", help="Archive database (SQLite).", show_default=True
    ),
]
DEFAULT_DB = Path("data/archive.db")
VerboseOption = Annotated[
    int,
    typer.Option(
        "--verbose",
        "-v",
        count=True,
        help="-v: log each failed URL (WARNING) and each page not archived (INFO) on"
        " stderr; -vv: debugging details too.",
    ),
]
TEXT_OR_JSON = "text for people, json for programs."
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


# The most rows one --limit or --offset may ask for: bounds every such query (and
# keeps a 20-digit number from reaching SQLite as an integer it cannot hold).
MAX_ROWS = 100_000


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@contextlib.contextmanager
def _clean_errors() -> Iterator[None]:
    """Turn library errors into one line on stderr and the documented exit code."""
    try:
        yield
    except ArchiverError as exc:
        report.say(f"archiver: {exc}", err=True)
        usage = isinstance(exc, SeedError | MissingArchiveError)
        code = 2 if usage else 3 if isinstance(exc, LockedError) else 1
        raise typer.Exit(code) from None
    except sqlite3.DatabaseError as exc:  # a damaged archive, a full disk: say so in one line
        report.say(f"archiver: the archive could not be read or written: {exc}", err=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:  # Ctrl-C: what was stored is kept, a fetch's run so marked
        report.say("archiver: interrupted; what was archived is kept", err=True)
        raise typer.Exit(130) from None


def _setup_logging(verbose: int, log_file: Path | None = None) -> None:
    """Logs on stderr only when asked (-v, -vv): a run's failures are summed up in
    its own lines and kept in the archive. A log file gets INFO (DEBUG with -vv)."""
    try:
        handler: logging.Handler = (
            logging.FileHandler(log_file, encoding="utf-8") if log_file else logging.StreamHandler()
        )
    except OSError as exc:  # a folder that does not exist, a folder given as the file
        report.say(f"archiver: --log-file {log_file}: cannot write there: {exc.strerror}", err=True)
        raise typer.Exit(2) from None
    if verbose >= 2:
        level = logging.DEBUG
    elif verbose or log_file:
        level = logging.INFO
    else:
        level = logging.ERROR
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(message)s",
        handlers=[handler],
        force=True,  # the command's own settings, whatever was configured before
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is noise


@contextlib.contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM (a service manager, a cron timeout, `kill`) ends the work as Ctrl-C
    does: what was done is recorded, one line, exit 130; not a silent death that
    leaves the run marked running. A SIGTERM ignored on entry stays ignored."""
    ignored = signal.getsignal(signal.SIGTERM) is signal.SIG_IGN
    if ignored or threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set a handler
        return
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _iso_date(value: str | None) -> str | None:
    """Check a --since/--until value is a YYYY-MM-DD date."""
    if value is not None:
        try:  # fromisoformat alone would take 20240312 and 2024-W11-2, compared as text
            if not _DAY.fullmatch(value):
                raise ValueError(value)
            date.fromisoformat(value)
        except ValueError:
            raise typer.BadParameter(f"{value!r} is not a date like 2025-07-01") from None
    return value


def _print_json(data: Any) -> None:
    typer.echo(report.json_text(data))


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
    from archiver.pipeline import RunOptions, run_fetch
    from archiver.seeds import load_seeds
    from archiver.store import Archive

    _setup_logging(verbose, log_file)
    show_progress = terminal.live(sys.stderr) and not quiet and output is OutputFormat.text
    with _clean_errors(), _stopped_by_sigterm():
        sites = _select(load_seeds(seeds), site_names or [], seeds)
        with run_lock(db), report.progress(show_progress) as tick:
            archive = Archive.open(db)
            options = RunOptions(full, max_pages, timeout, max_duration)
            summary = run_fetch(archive, sites, options, on_progress=_site_ticker(tick))
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


def _known_site(archive: Archive, site: str | None) -> None:
    """A --site the archive does not know is a usage error, never an empty answer."""
    if site is not None and not archive.has_site(site):
        have = ", ".join(archive.site_names()) or "none yet"
        raise typer.BadParameter(
            f"no site {site!r} in {archive.path} (have: {have})", param_hint="--site"
        )


def _select(sites: list[Site], names: list[str], source: Path) -> list[Site]:
    by_name = {s.name: s for s in sites}
    for name in names:
        if name not in by_name:
            raise SeedError(f"{source}: no seed named {name!r} (have: {', '.join(by_name)})")
    return [by_name[n] for n in names] if names else sites


@app.command("search")
def search_cmd(
    query: Annotated[str, typer.Argument(help='Words, "phrases", prefix*, OR, -excluded.')],
    site: Annotated[str | None, typer.Option(help="Only this site.")] = None,
    since: Annotated[
        str | None, typer.Option(callback=_iso_date, help="Published on or after (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(callback=_iso_date, help="Published on or before (YYYY-MM-DD).")
    ] = None,
    category: Annotated[str | None, typer.Option(help="Only this category.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=MAX_ROWS, help="Hits to show.")] = 20,
    offset: Annotated[
        int, typer.Option(min=0, max=MAX_ROWS, help="Hits to skip (the next page).")
    ] = 0,
    duplicates: Annotated[
        bool, typer.Option(help="Also list copies of a story found on other pages.")
    ] = False,
    output: Annotated[
        TableFormat,
        typer.Option("--format", help="table for people; json or csv for programs."),
    ] = TableFormat.table,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Full-text search: "hoi nghi" finds "Hội nghị", "dang bo" finds "Đảng bộ".

    \b
    Examples:
      archiver search "hoi nghi" --since 2025-01-01
      archiver search '"chuyen doi so" -hoi*' --site haugiang --format json
    """
    from archiver.query import MAX_PHRASE_WORDS, MAX_PREFIXES, MAX_QUERY_CHARS, MAX_TERMS
    from archiver.query import parse as parse_query
    from archiver.search import HIT_FIELDS, Filters
    from archiver.search import search as search_archive
    from archiver.store import Archive

    filters = Filters(site, since, until, category, duplicates)
    if parse_query(query).cut:
        typer.echo(
            f"archiver: the query asks more than one search may; searched for its first"
            f" {MAX_TERMS} terms ({MAX_PREFIXES} prefixes, {MAX_PHRASE_WORDS} words a phrase)"
            f" within its first {MAX_QUERY_CHARS} characters",
            err=True,
        )
    with _clean_errors():
        archive = Archive.read_only(db)
        _known_site(archive, site)
        hits = search_archive(archive, query, filters=filters, limit=limit, offset=offset)
    rows = [h.to_dict() for h in hits]
    if output is TableFormat.json:
        _print_json(rows)
    elif output is TableFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=HIT_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    else:
        report.print_hits(hits, highlight=terminal.styled(sys.stdout))


@app.command()
def show(
    id_or_url: Annotated[
        str,
        typer.Argument(metavar="ID_OR_URL", help="The article's id (from search) or its URL."),
    ],
    history: Annotated[bool, typer.Option(help="List the article's revisions.")] = False,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="The article: " + TEXT_OR_JSON)
    ] = OutputFormat.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Show one archived article.

    \b
    Examples:
      archiver show 42 --history
      archiver show https://www.haugiang.gov.vn/tin-tuc/tin-kinh-te/hoi-nghi-so-ket
    """
    from archiver.history import changes
    from archiver.store import Archive

    with _clean_errors():
        archive = Archive.read_only(db)
        article = archive.article(id_or_url).to_dict()
        revisions = changes(archive.revisions(article["id"])) if history else None
    if output is OutputFormat.json:
        _print_json(article if revisions is None else article | {"revisions": revisions})
    else:
        report.print_article(article, revisions)


@app.command()
def reparse(
    site: Annotated[str | None, typer.Option(help="Only this site's articles.")] = None,
    seeds: Annotated[
        Path | None,
        typer.Option(help="Seeds whose selectors apply (default: seeds/, when it exists)."),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="The summary: " + TEXT_OR_JSON)
    ] = OutputFormat.text,
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

    _setup_logging(verbose)
    show_progress = terminal.live(sys.stderr) and output is OutputFormat.text
    with _clean_errors(), _stopped_by_sigterm():
        if seeds is None:  # a folder given must exist; the default one may not
            seeds = Path("seeds") if Path("seeds").exists() else None
        overrides = {s.name: s.selectors for s in load_seeds(seeds)} if seeds else {}
        with run_lock(db), report.progress(show_progress, unit="articles") as tick:
            archive = Archive.existing(db)
            _known_site(archive, site)
            summary = reparse_archive(
                archive, site=site, selectors=overrides, on_progress=_reparse_ticker(tick, site)
            )
    if output is OutputFormat.json:
        _print_json(summary.to_dict())
    else:
        report.say(
            f"reparsed {summary.examined} articles: {summary.changed} changed (a revision each),"
            f" {summary.unchanged} unchanged, {summary.not_articles} no longer read as articles"
            " (kept as they were)"
        )
    if summary.failed:
        report.say(f"{summary.failed} raw pages unreadable; first: {summary.first_error}", err=True)
        raise typer.Exit(1)


@app.command()
def runs(
    limit: Annotated[int, typer.Option(min=1, max=MAX_ROWS, help="Runs to list.")] = 20,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="The list: " + TEXT_OR_JSON)
    ] = OutputFormat.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """List recent fetch runs, newest first.

    \b
    Example:
      archiver runs --limit 5 --format json
    """
    from archiver.status import recent_runs
    from archiver.store import Archive

    with _clean_errors():
        found = recent_runs(Archive.read_only(db), limit)
    if output is OutputFormat.json:
        _print_json(found)
    else:
        report.print_runs(found)


@app.command()
def sites(
    months: Annotated[int, typer.Option(min=1, max=240, help="Months in the chart.")] = 12,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="The table: " + TEXT_OR_JSON)
    ] = OutputFormat.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Per site: articles, newest article, last good run, error rate, health, articles/month.

    \b
    Example:
      archiver sites --months 24
    """
    from archiver.status import sites_overview
    from archiver.store import Archive

    with _clean_errors():
        found = sites_overview(Archive.read_only(db), months)
    if output is OutputFormat.json:
        _print_json(found)
    else:
        report.print_sites(found)


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


@app.command("export")
def export_cmd(
    output: Annotated[
        ExportFormat,
        typer.Option("--format", help="jsonl: one JSON object a line; csv: one row an article."),
    ] = ExportFormat.jsonl,
    site: Annotated[str | None, typer.Option(help="Only this site.")] = None,
    since: Annotated[
        str | None, typer.Option(callback=_iso_date, help="Published on or after (YYYY-MM-DD).")
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Stream every archived article (every field and its revision count) to stdout.

    \b
    Example:
      archiver export --site haugiang --since 2025-07-01 > haugiang.jsonl
    """
    from archiver.export import export
    from archiver.store import Archive

    with _clean_errors():
        archive = Archive.read_only(db)
        _known_site(archive, site)
        export(archive, sys.stdout, fmt=output.value, site=site, since=since)


class ParseFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


@app.command()
def parse(
    path_or_url: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH_OR_URL", help="A saved page, - for one on stdin, or an http(s) URL."
        ),
    ] = None,
    url: Annotated[str | None, typer.Option(help="The page's URL, to resolve links.")] = None,
    batch: Annotated[
        str | None, typer.Option(help="A file (or -) of PATH<TAB>URL lines: JSON Lines out.")
    ] = None,
    output: Annotated[
        ParseFormat,
        typer.Option("--format", help="json (indented), jsonl (one line) or text for people."),
    ] = ParseFormat.json,
    verbose: VerboseOption = 0,
) -> None:
    """Parse saved pages (or fetch one URL) without touching the archive.

    \b
    Examples:
      archiver parse page.html --url https://www.haugiang.gov.vn/tin-tuc/a.html
      curl -s https://www.haugiang.gov.vn/tin-tuc/a.html | archiver parse - --format text
      archiver parse --batch pages.tsv > records.jsonl
    """
    from archiver.oneoff import parse_batch, parse_target

    _setup_logging(verbose)
    if (path_or_url is None) == (batch is None):
        raise typer.BadParameter("give either PATH_OR_URL or --batch FILE")
    with _clean_errors():
        if batch is not None:
            raise typer.Exit(1 if _run_batch(batch, parse_batch) else 0)
        record = parse_target(path_or_url or "", url)
    if output is ParseFormat.text:
        report.print_record(record)
    elif output is ParseFormat.jsonl:
        typer.echo(report.json_text(record.to_dict(), indent=None))
    else:
        _print_json(record.to_dict())


def _run_batch(batch: str, parse_batch: Callable[[Iterable[str], TextIO], int]) -> int:
    if batch == "-":
        return parse_batch(sys.stdin, sys.stdout)
    try:
        with open(batch, encoding="utf-8") as lines:
            return parse_batch(lines, sys.stdout)
    except (OSError, UnicodeDecodeError) as exc:
        raise ExtractError(f"{batch}: cannot read the batch file: {exc}") from None


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
    from archiver.pipeline import RunOptions, run_fetch
    from archiver.search import search as search_archive
    from archiver.seeds import site_from_dict
    from archiver.store import Archive

    _setup_logging(verbose)
    show_progress = terminal.live(sys.stderr)
    with _clean_errors(), _stopped_by_sigterm(), _sample_portal(articles, port_base) as portal:
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


def main() -> None:
    """Console-script entry point. An error no one foresaw (a bug) is still one line
    and exit 1; its traceback goes to the log, which -vv shows."""
    try:
        app()
    except Exception as exc:
        logging.getLogger("archiver").debug("internal error", exc_info=True)
        report.say(
            f"archiver: internal error: {type(exc).__name__}: {exc} (a bug: please report it"
            " with the command and what -vv adds to its output)",
            err=True,
        )
        sys.exit(1)
