"""One fetch run: seeds -> listing pages -> article pages -> records -> archive."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import httpx

from archiver.errors import FetchError
from archiver.extract import parse_page
from archiver.fetch import Fetcher, Response
from archiver.normalize import canonical_url
from archiver.seeds import Site
from archiver.store import Archive, now

log = logging.getLogger("archiver")


@dataclass(frozen=True)
class RunOptions:
    full: bool = False  # walk all pagination and re-fetch known articles
    max_pages: int | None = None  # overrides each seed's max_listing_pages
    timeout: float | None = None  # overrides each seed's timeout


@dataclass
class SiteStats:
    listing_pages: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    duplicates: int = 0
    other_pages: int = 0  # linked from listings but not articles (attachments, soft 404s, ...)
    errors: int = 0
    first_error: str | None = None

    def count(self, outcome: str) -> None:
        name = "duplicates" if outcome == "duplicate" else f"articles_{outcome}"
        setattr(self, name, getattr(self, name) + 1)


@dataclass
class RunSummary:
    run_id: int
    started: str
    status: str = "running"
    finished: str | None = None
    requests: int = 0
    sites: dict[str, SiteStats] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["sites"] = {name: asdict(stats) for name, stats in self.sites.items()}
        return out


def run_fetch(
    archive: Archive,
    sites: Sequence[Site],
    options: RunOptions = RunOptions(),
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> RunSummary:
    """Crawl every site once, concurrently across sites, and record the run."""
    return asyncio.run(crawl(archive, sites, options, transport=transport))


async def crawl(
    archive: Archive,
    sites: Sequence[Site],
    options: RunOptions = RunOptions(),
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> RunSummary:
    summary = RunSummary(run_id=archive.start_run(), started=now())
    summary.sites = {site.name: SiteStats() for site in sites}
    async with Fetcher(transport=transport) as fetcher:
        crawls = [
            SiteCrawl(_apply(site, options), archive, fetcher, options, summary) for site in sites
        ]
        await asyncio.gather(*(c.run() for c in crawls))
        summary.requests = fetcher.requests
    summary.status = _status(summary)
    site_dicts = {name: asdict(stats) for name, stats in summary.sites.items()}
    summary.finished = archive.finish_run(
        summary.run_id, status=summary.status, requests=summary.requests, sites=site_dicts
    )
    return summary


def _apply(site: Site, options: RunOptions) -> Site:
    if options.max_pages is not None:
        site = replace(site, max_listing_pages=options.max_pages)
    if options.timeout is not None:
        site = replace(site, timeout=options.timeout)
    return site


def _status(summary: RunSummary) -> str:
    stats = summary.sites.values()
    if not any(s.errors for s in stats):
        return "ok"
    return "partial" if any(s.listing_pages for s in stats) else "failed"


class SiteCrawl:
    """The work of one run on one site: walk listings, fetch what is new."""

    def __init__(
        self,
        site: Site,
        archive: Archive,
        fetcher: Fetcher,
        options: RunOptions,
        summary: RunSummary,
    ) -> None:
        self.site = site
        self.archive = archive
        self.fetcher = fetcher
        self.options = options
        self.run_id = summary.run_id
        self.stats = summary.sites[site.name]
        self._queued: set[str] = set()
        self._tasks: list[asyncio.Task[None]] = []

    async def run(self) -> None:
        for start_url in self.site.start_urls:
            await self._walk_listing(start_url)
        await asyncio.gather(*self._tasks)

    async def _walk_listing(self, start_url: str) -> None:
        """Follow next-page links up to max_listing_pages, stopping on a loop and,
        on incremental runs, at the first page that holds nothing new."""
        url: str | None = start_url
        visited: set[str] = set()
        while url and len(visited) < self.site.max_listing_pages:
            if canonical_url(url) in visited or not self.site.allows(url):
                break
            visited.add(canonical_url(url))
            response = await self._fetch(url)
            if response is None or response.text is None:
                break
            self.stats.listing_pages += 1
            links = parse_page(response.text, response.final_url, self.site.selectors).links
            fresh = [u for u in links.articles if not self.archive.known(u)]
            for article_url in links.articles:
                self._queue(article_url)
            if not fresh and not self.options.full:
                break
            url = links.next_page

    def _queue(self, url: str) -> None:
        key = canonical_url(url)
        if key in self._queued or not self.site.allows(url):
            return
        self._queued.add(key)
        self._tasks.append(asyncio.create_task(self._article(url)))

    async def _article(self, url: str) -> None:
        if not self.options.full and self.archive.known(url):
            self.stats.articles_unchanged += 1
            return
        response = await self._fetch(url)
        if response is None:
            return
        try:
            self._store(url, response)
        except Exception as exc:  # a parser bug must not end the run; it is recorded
            log.debug("while storing %s", url, exc_info=True)
            self._fail(url, f"internal error: {type(exc).__name__}: {exc}", None)

    def _store(self, url: str, response: Response) -> None:
        if response.text is None:  # a PDF or an image behind an article link
            self._log_page(url, response, "attachment")
            self.stats.other_pages += 1
            return
        record = parse_page(response.text, response.final_url, self.site.selectors)
        if record.kind != "article":
            log.info("%s: %s is a page of kind %r, not archived", self.site.name, url, record.kind)
            self._log_page(url, response, record.kind, raw=response.body)
            self.stats.other_pages += 1
            return
        outcome, article_id = self.archive.save_article(
            site=self.site.name, record=record, raw=response.body, run_id=self.run_id
        )
        self._log_page(url, response, "article", article_id=article_id)
        self.stats.count(outcome)

    def _log_page(
        self,
        url: str,
        response: Response,
        kind: str,
        *,
        article_id: int | None = None,
        raw: bytes | None = None,
    ) -> None:
        self.archive.record_page(
            url=url,
            site=self.site.name,
            kind=kind,
            status=response.status,
            final_url=response.final_url,
            content_type=response.content_type,
            article_id=article_id,
            raw=raw,
        )

    async def _fetch(self, url: str) -> Response | None:
        try:
            return await self.fetcher.fetch(url, self.site)
        except FetchError as exc:
            self._fail(url, exc.reason, exc.status)
            return None

    def _fail(self, url: str, reason: str, status: int | None) -> None:
        self.archive.record_failure(self.run_id, self.site.name, url, reason, status)
        self.stats.errors += 1
        if self.stats.first_error is None:
            self.stats.first_error = f"{url}: {reason}"
        log.info("%s: %s: %s", self.site.name, url, reason)
