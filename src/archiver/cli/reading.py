"""The commands that read: search, show, runs, sites, export, and parse (which
reads a page, not the archive)."""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from archiver import report, terminal
from archiver.cli.common import (
    DEFAULT_DB,
    MAX_ROWS,
    TEXT_OR_JSON,
    DbOption,
    OutputFormat,
    TableFormat,
    UnitOption,
    VerboseOption,
    app,
    clean_errors,
    iso_date,
    known_site,
    print_json,
    seeds_or_default,
    setup_logging,
    unit_sites,
)
from archiver.errors import ExtractError

if TYPE_CHECKING:
    from archiver.store import Archive

    pass


@app.command("search")
def search_cmd(
    query: Annotated[str, typer.Argument(help='Words, "phrases", prefix*, OR, -excluded.')],
    site: Annotated[str | None, typer.Option(help="Only this site.")] = None,
    since: Annotated[
        str | None, typer.Option(callback=iso_date, help="Published on or after (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(callback=iso_date, help="Published on or before (YYYY-MM-DD).")
    ] = None,
    category: Annotated[str | None, typer.Option(help="Only this category.")] = None,
    unit: UnitOption = None,
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
    from archiver.searching import HIT_FIELDS, Filters
    from archiver.searching import search as search_archive
    from archiver.store import Archive
    from archiver.store.fulltext import PREFIX_WORDS

    filters = Filters(site, since, until, category, duplicates)
    if parse_query(query).cut:
        typer.echo(
            f"archiver: the query asks more than one search may; searched for its first"
            f" {MAX_TERMS} terms ({MAX_PREFIXES} prefixes, {MAX_PHRASE_WORDS} words a phrase)"
            f" within its first {MAX_QUERY_CHARS} characters",
            err=True,
        )
    with clean_errors():
        archive = Archive.read_only(db)
        known_site(archive, site)
        if unit is not None:
            filters = replace(filters, sites=tuple(unit_sites(archive, unit)))
        broad: list[str] = []
        hits = search_archive(
            archive, query, filters=filters, limit=limit, offset=offset, left_out=broad
        )
        if broad:
            typer.echo(
                f"archiver: left out {', '.join(broad)}: each begins more than {PREFIX_WORDS}"
                " indexed words, too many to search at a bounded cost; type more of the word",
                err=True,
            )
    rows = [h.to_dict() for h in hits]
    if output is TableFormat.json:
        print_json(rows)
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

    with clean_errors():
        archive = Archive.read_only(db)
        article = archive.article(id_or_url).to_dict()
        revisions = changes(archive.revisions(article["id"])) if history else None
    if output is OutputFormat.json:
        print_json(article if revisions is None else article | {"revisions": revisions})
    else:
        report.print_article(article, revisions)


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

    with clean_errors():
        found = recent_runs(Archive.read_only(db), limit)
    if output is OutputFormat.json:
        print_json(found)
    else:
        report.print_runs(found)


@app.command()
def sites(
    months: Annotated[int, typer.Option(min=1, max=240, help="Months in the chart.")] = 12,
    unit: UnitOption = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="The table: " + TEXT_OR_JSON)
    ] = OutputFormat.text,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Per site, grouped by 2025 unit: articles, newest article, last good run, error
    rate, health, articles/month.

    \b
    Example:
      archiver sites --months 24
      archiver sites --unit "Cần Thơ"
    """
    from archiver.status import sites_overview
    from archiver.store import Archive

    with clean_errors():
        archive = Archive.read_only(db)
        among = set(unit_sites(archive, unit)) if unit is not None else None
        found = [
            site.to_dict()
            for site in sites_overview(archive, months)
            if among is None or site.site in among
        ]
    if output is OutputFormat.json:
        print_json(found)
    else:
        report.print_sites(found)


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    warc = "warc"


@app.command("export")
def export_cmd(
    output: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="jsonl: one JSON object a line; csv: one row an article; warc: every kept"
            " response, as gzipped WARC 1.1.",
        ),
    ] = ExportFormat.jsonl,
    site: Annotated[str | None, typer.Option(help="Only this site.")] = None,
    unit: UnitOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            callback=iso_date,
            help="Published on or after (YYYY-MM-DD); for warc, fetched on or after.",
        ),
    ] = None,
    seeds: Annotated[
        Path | None,
        typer.Option(help="warc: seeds named in its warcinfo (default: seeds/, if it exists)."),
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Stream every archived article (every field and its revision count) to stdout,
    or with --format warc every kept response, for the Wayback Machine's tools.

    \b
    Examples:
      archiver export --site haugiang --since 2025-07-01 > haugiang.jsonl
      archiver export --format warc --site haugiang > haugiang.warc.gz
    """
    from archiver.export import export
    from archiver.store import Archive

    with clean_errors():
        archive = Archive.read_only(db)
        known_site(archive, site)
        among = unit_sites(archive, unit) if unit is not None else None
        if output is ExportFormat.warc:
            _export_warc(archive, site, since, seeds_or_default(seeds), among)
        else:
            export(archive, sys.stdout, fmt=output.value, site=site, since=since, sites=among)


def _export_warc(
    archive: Archive,
    site: str | None,
    since: str | None,
    seeds: Path | None,
    among: list[str] | None = None,
) -> None:
    from archiver import warc
    from archiver.seeds import load_seeds

    if sys.stdout.isatty():
        raise typer.BadParameter(
            "WARC is binary: redirect it to a file (> site.warc.gz)", param_hint="--format"
        )
    sys.stdout.flush()
    info = {"isPartOf": site or "archiver archive", "archiver-sites": site or "all"}
    for seed in load_seeds(seeds) if seeds else []:  # the seeds the pages were fetched by
        if site in (None, seed.name) and (among is None or seed.name in among):
            info[f"archiver-seed-{seed.name}"] = (
                f"{seed.title}; start_urls {' '.join(seed.start_urls)};"
                f" allowed_domains {' '.join(seed.allowed_domains)}"
            )
    warc.write(sys.stdout.buffer, archive.responses(site=site, since=since, sites=among), info)
    sys.stdout.buffer.flush()


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

    setup_logging(verbose)
    if (path_or_url is None) == (batch is None):
        raise typer.BadParameter("give either PATH_OR_URL or --batch FILE")
    with clean_errors():
        if batch is not None:
            raise typer.Exit(1 if _run_batch(batch, parse_batch) else 0)
        record = parse_target(path_or_url or "", url)
    if output is ParseFormat.text:
        report.print_record(record)
    elif output is ParseFormat.jsonl:
        typer.echo(report.json_text(record.to_dict(), indent=None))
    else:
        print_json(record.to_dict())


def _run_batch(batch: str, parse_batch: Callable[[Iterable[str], TextIO], int]) -> int:
    if batch == "-":
        return parse_batch(sys.stdin, sys.stdout)
    try:
        with open(batch, encoding="utf-8") as lines:
            return parse_batch(lines, sys.stdout)
    except (OSError, UnicodeDecodeError) as exc:
        raise ExtractError(f"{batch}: cannot read the batch file: {exc}") from None
