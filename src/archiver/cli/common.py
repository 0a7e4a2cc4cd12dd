"""What the commands share: the typer app, the options, the output formats, and the
one-line error and exit code for every failure."""

from __future__ import annotations

import contextlib
import difflib
import logging
import re
import signal
import sqlite3
import threading
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from archiver import __version__, report
from archiver.errors import (
    ArchiverError,
    LockedError,
    MissingArchiveError,
    SeedError,
)

# Each command imports what it needs when it runs: `archiver --help` and a search
# answer without loading httpx, the crawler and the extractor (issue 13: < 0.3 s).
if TYPE_CHECKING:
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


SummaryOption = Annotated[
    OutputFormat, typer.Option("--format", help="The summary: " + TEXT_OR_JSON)
]


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@contextlib.contextmanager
def clean_errors() -> Iterator[None]:
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


def setup_logging(verbose: int, log_file: Path | None = None) -> None:
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
def stopped_by_sigterm() -> Iterator[None]:
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


def iso_date(value: str | None) -> str | None:
    """Check a --since/--until value is a YYYY-MM-DD date."""
    if value is not None:
        try:  # fromisoformat alone would take 20240312 and 2024-W11-2, compared as text
            if not _DAY.fullmatch(value):
                raise ValueError(value)
            date.fromisoformat(value)
        except ValueError:
            raise typer.BadParameter(f"{value!r} is not a date like 2025-07-01") from None
    return value


def print_json(data: Any) -> None:
    typer.echo(report.json_text(data))


def known_site(archive: Archive, site: str | None) -> None:
    """A --site the archive does not know is a usage error, never an empty answer."""
    if site is not None and not archive.has_site(site):
        have = ", ".join(archive.site_names()) or "none yet"
        raise typer.BadParameter(
            f"no site {site!r} in {archive.path} (have: {have})", param_hint="--site"
        )


UnitOption = Annotated[
    str | None,
    typer.Option(
        help="Only the sites of this 2025 unit, those of the provinces merged into it too"
        ' ("Cần Thơ" covers Hậu Giang and Sóc Trăng).'
    ),
]


def unit_sites(archive: Archive, unit: str) -> list[str]:
    """The archive's sites of a 2025 unit, however typed; none is a usage error."""
    from archiver.provinces import find_unit

    named = find_unit(unit) or unit
    found = archive.unit_sites(named)
    if not found:
        have = ", ".join(archive.units()) or "none recorded yet: fetch with seeds naming a unit"
        raise typer.BadParameter(
            f"no site of the unit {unit!r} in {archive.path} (units: {have})", param_hint="--unit"
        )
    return found


def seeds_or_default(seeds: Path | None) -> Path | None:
    """The seeds a command was given; else seeds/ when it exists (a folder given must
    exist, the default one may not)."""
    if seeds is None:
        return Path("seeds") if Path("seeds").exists() else None
    return seeds


def select_sites(sites: list[Site], names: list[str], source: Path) -> list[Site]:
    by_name = {s.name: s for s in sites}
    for name in names:
        if name not in by_name:
            near = difflib.get_close_matches(name, list(by_name), n=3)
            have = ", ".join(near) if near else ", ".join(list(by_name)[:20])
            more = "" if near or len(by_name) <= 20 else f" and {len(by_name) - 20} more"
            raise SeedError(f"{source}: no seed named {name!r} (have: {have}{more})")
    return [by_name[n] for n in names] if names else sites
