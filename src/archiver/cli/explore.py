"""The commands that look at sites without touching the archive: discover, check."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from archiver import report
from archiver.cli.common import (
    TEXT_OR_JSON,
    OutputFormat,
    VerboseOption,
    app,
    clean_errors,
    print_json,
    select_sites,
    setup_logging,
)


@app.command()
def discover(
    url: Annotated[str, typer.Argument(help="The site's home page.")],
    write: Annotated[
        Path | None, typer.Option(help="Save the seed as DIR/<name>.toml.", metavar="DIR")
    ] = None,
    force: Annotated[bool, typer.Option(help="With --write: replace a seed file.")] = False,
    max_sections: Annotated[int, typer.Option(min=1, max=100, help="Sections to test.")] = 12,
    rate_limit: Annotated[
        float,
        typer.Option(min=0.01, max=100, help="Requests per second, now and in the seed."),
    ] = 0.5,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="text: the seed (TOML); json: all found.")
    ] = OutputFormat.text,
    verbose: VerboseOption = 0,
) -> None:
    """Propose a seed for a site from its home page: sections, feeds, sitemaps.

    Two articles of each section are parsed, so the seed's comments show at once
    whether it works. Exit 1 when the proposed seed would archive nothing.

    \b
    Examples:
      archiver discover https://www.langson.gov.vn/
      archiver discover https://baocantho.com.vn/ --write seeds/
    """
    from archiver.discovering import discover as propose
    from archiver.discovering import seed_text

    setup_logging(verbose)
    with clean_errors():
        proposal = propose(url, max_sections=max_sections, rate_limit=rate_limit)
        text = seed_text(proposal)
        if write is not None:
            path = write / f"{proposal.seed['name']}.toml"
            if path.exists() and not force:
                report.say(f"archiver: {path} exists; --force replaces it", err=True)
                raise typer.Exit(2)
            write.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            report.say(f"archiver: wrote {path}", err=True)
    if output is OutputFormat.json:
        print_json(proposal.to_dict())
    else:
        typer.echo(text, nl=False)
    found = proposal.sections or proposal.links_from_feeds
    raise typer.Exit(0 if found else 1)


@app.command()
def check(
    site_names: Annotated[
        list[str] | None,
        typer.Argument(metavar="[SITE]...", help="Seed names to check (default: every seed)."),
    ] = None,
    seeds: Annotated[Path, typer.Option(help="A seed file or a folder of them.")] = Path("seeds"),
    unit: Annotated[
        str | None, typer.Option(help='Only the seeds of this 2025 unit (e.g. "Cần Thơ").')
    ] = None,
    timeout: Annotated[float | None, typer.Option(min=0.1, help="Per-request seconds.")] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="The report: " + TEXT_OR_JSON)
    ] = OutputFormat.text,
    verbose: VerboseOption = 0,
) -> None:
    """Try each seed with a handful of requests, without touching the archive.

    Per seed: each start URL, section, feed and sitemap (reachable, article links
    found) and one article parsed (the fields it gives). Exit 1 when a seed would
    archive nothing.

    \b
    Examples:
      archiver check                  every seed in seeds/
      archiver check langson baolangson
      archiver check --unit "Cần Thơ"
    """
    from archiver.checking import check_sites
    from archiver.seeds import load_seeds, units_match

    setup_logging(verbose)
    with clean_errors():
        sites = select_sites(load_seeds(seeds), site_names or [], seeds)
        if unit is not None:
            sites = units_match(sites, unit, seeds)
        checks = check_sites(sites, timeout=timeout)
    if output is OutputFormat.json:
        print_json([c.to_dict() for c in checks])
    else:
        for c in checks:
            report.say(f"{c.site}: {c.verdict()}")
            if c.reachable:
                for way in c.ways:
                    said = f"{way.articles} article links" if way.reachable else way.error
                    report.say(f"    {way.kind} {way.url}: {said}")
    raise typer.Exit(0 if all(c.would_archive for c in checks) else 1)
