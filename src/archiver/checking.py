"""`archiver check [SITE ...]`: would each seed archive anything? A handful of
requests per seed, never the archive: each start URL, the sections a home page
offers (a few), its first feed and its sitemap, and one article parsed for the
fields it gives. A seed whose every way in gives no article link, or whose
sample article is no article, would archive nothing: that is the exit code 1."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

import httpx

from archiver.errors import FetchError, FetchTimeout, ProtocolError
from archiver.explore import Explorer, Harvest, Page
from archiver.fetch import Fetcher
from archiver.parsing import Parser
from archiver.seeds import Site, is_home

SECTIONS_TRIED = 3  # candidate sections tested per home page
FIELDS = ("title", "date", "author", "category", "body")


@dataclass
class Way:
    """One way into a site: a start URL, a section, a feed or a sitemap."""

    kind: str  # start, section, feed, sitemap
    url: str
    reachable: bool
    articles: int = 0  # article links it gave
    error: str | None = None


@dataclass
class SeedCheck:
    site: str
    source: str
    unit: str
    ways: list[Way] = field(default_factory=list)
    sample: str | None = None  # the article parsed
    fields: list[str] = field(default_factory=list)  # of FIELDS, those it had
    sample_error: str | None = None
    unreachable: set[str] = field(default_factory=set)  # hosts that did not answer

    @property
    def reachable(self) -> bool:
        return any(w.reachable for w in self.ways)

    @property
    def would_archive(self) -> bool:
        return any(w.articles for w in self.ways) and self.sample_error is None

    def verdict(self) -> str:
        if not self.reachable:
            first = next((w for w in self.ways if w.error), None)
            return f"unreachable: {first.url}: {first.error}" if first else "unreachable"
        if not self.would_archive:
            why = self.sample_error or "no way in gave an article link"
            return f"would archive nothing: {why}"
        links = sum(w.articles for w in self.ways)
        return f"ok: {links} article links; sample has {', '.join(self.fields) or 'no field'}"

    def to_dict(self) -> dict[str, Any]:
        return {  # the hosts that did not answer are said in each way's error
            "site": self.site,
            "seed": self.source,
            "unit": self.unit or None,
            "reachable": self.reachable,
            "would_archive": self.would_archive,
            "verdict": self.verdict(),
            "ways": [w.__dict__ for w in self.ways],
            "sample": self.sample,
            "fields": self.fields,
        }


def check_sites(
    sites: Sequence[Site],
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    timeout: float | None = None,
) -> list[SeedCheck]:
    """Check every seed, the sites concurrently (each host keeps its own pace)."""
    return asyncio.run(_check_all(sites, transport, timeout))


async def _check_all(
    sites: Sequence[Site], transport: httpx.AsyncBaseTransport | None, timeout: float | None
) -> list[SeedCheck]:
    async with Fetcher(transport=transport, max_attempts=1) as fetcher, Parser(1) as parser:
        return list(await asyncio.gather(*(_check(fetcher, parser, s, timeout) for s in sites)))


async def _check(fetcher: Fetcher, parser: Parser, site: Site, timeout: float | None) -> SeedCheck:
    if timeout is not None:
        site = replace(site, timeout=timeout)
    explorer = Explorer(fetcher, parser, site)
    check = SeedCheck(site.name, site.source, site.unit)
    links: list[str] = []
    for url in site.start_urls:
        page = await _way(explorer, check, "start", url, links)
        if page is None or not (site.discover and is_home(url)):
            continue
        home = await explorer.home_from(page, url)
        for candidate in home.offers.sections[:SECTIONS_TRIED]:
            tested = await explorer.test(candidate)
            found = [u for u in tested.page.links.articles if site.allows(u)] if tested.page else []
            reached = tested.page is not None
            check.ways.append(Way("section", candidate.url, reached, len(found), tested.reason))
            links += found if tested.ok else []
        for feed in (await explorer.feeds_of(home))[:1]:
            harvest = Harvest()
            await explorer.read_feed(feed, harvest)
            check.ways.append(_harvested("feed", feed, harvest))
            links += list(harvest.items)
        for sitemap in (await explorer.sitemaps_of(url))[0][:1]:
            harvest = Harvest()
            await explorer.read_sitemaps([sitemap], harvest, 20, quiet_missing=True)
            if harvest.read or harvest.problems:
                check.ways.append(_harvested("sitemap", sitemap, harvest))
                links += list(harvest.items)
    for url in site.sections:
        await _way(explorer, check, "section", url, links)
    for url in site.feeds:
        harvest = Harvest()
        await explorer.read_feed(url, harvest)
        check.ways.append(_harvested("feed", url, harvest))
        links += list(harvest.items)
    if links:
        await _sample(explorer, check, links[0])
    return check


async def _way(
    explorer: Explorer, check: SeedCheck, kind: str, url: str, links: list[str]
) -> Page | None:
    host = urlsplit(url).netloc
    if host in check.unreachable:  # its host did not answer: not asked again
        check.ways.append(Way(kind, url, False, 0, f"not tried: {host} did not answer"))
        return None
    try:
        page = await explorer.page(url)
    except FetchError as exc:
        if isinstance(exc, FetchTimeout | ProtocolError) and exc.status is None:
            check.unreachable.add(host)
        check.ways.append(Way(kind, url, False, 0, exc.reason))
        return None
    found = [u for u in page.links.articles if explorer.site.allows(u)]
    links += found
    check.ways.append(Way(kind, url, True, len(found)))
    return page


def _harvested(kind: str, url: str, harvest: Harvest) -> Way:
    problem = harvest.problems[0].split(": ", 1)[-1] if harvest.problems else None
    return Way(kind, url, bool(harvest.read) or bool(harvest.items), len(harvest.items), problem)


async def _sample(explorer: Explorer, check: SeedCheck, url: str) -> None:
    check.sample = url
    try:
        response = await explorer.fetcher.fetch(url, explorer.site)
    except FetchError as exc:
        check.sample_error = f"{url}: {exc.reason}"
        return
    if response.text is None:
        check.sample_error = f"{url}: not a page ({response.content_type})"
        return
    parsed = await explorer.parser.parse_article(
        response.text, response.final_url, explorer.site.selectors
    )
    record = parsed.record
    if record.kind != "article":
        check.sample_error = f"{url}: a page of kind {record.other_kind or record.kind}"
        return
    found = {
        "title": record.title,
        "date": record.published or record.updated,
        "author": record.author,
        "category": record.category,
        "body": record.body,
    }
    check.fields = [name for name in FIELDS if found[name]]
