"""One fetch run: seeds -> listing pages -> article pages -> records -> archive."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import httpx

from archiver.errors import FetchError
from archiver.extract import parse_page
from archiver.fetch import Fetcher, Response, Validators
from archiver.frontier import Fetched, Role
from archiver.model import Links, Record
from archiver.normalize import canonical_url
from archiver.seeds import Site
from archiver.store import Archive, Derived, derive, now

log = logging.getLogger("archiver")
KNOWN_STREAK = 10  # known articles in a row after which an incremental run stops paginating
# Layout drift: judged on sites with DRIFT_BASELINE whole articles archived before this run,
# when at least DRIFT_MIN_PAGES article pages were read and fewer than DRIFT_MIN_COMPLETE
# of them were whole.
DRIFT_BASELINE = 3
DRIFT_MIN_PAGES = 3
DRIFT_MIN_COMPLETE = 0.5


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
    pages_complete: int = 0  # article pages read with a title, a date and a body
    pages_incomplete: int = 0  # article links whose page lacked one of them
    empty_listings: int = 0  # listing pages that showed no article link
    health: str = "ok"  # "unhealthy" when the site's layout seems to have changed
    health_reason: str | None = None

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


OnArticle = Callable[[str, str], None]  # (site, url) after each article page is done


def run_fetch(
    archive: Archive,
    sites: Sequence[Site],
    options: RunOptions = RunOptions(),
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    on_article: OnArticle | None = None,
) -> RunSummary:
    """Crawl every site once, concurrently across sites, and record the run."""
    return asyncio.run(crawl(archive, sites, options, transport=transport, on_article=on_article))


async def crawl(
    archive: Archive,
    sites: Sequence[Site],
    options: RunOptions = RunOptions(),
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    on_article: OnArticle | None = None,
) -> RunSummary:
    summary = RunSummary(run_id=archive.start_run(), started=now())
    summary.sites = {site.name: SiteStats() for site in sites}
    async with Fetcher(transport=transport) as fetcher, Parser() as parser:
        crawls = [
            SiteCrawl(_apply(site, options), archive, fetcher, parser, options, summary, on_article)
            for site in sites
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
    if not any(s.errors or s.health != "ok" for s in stats):
        return "ok"
    return "partial" if any(s.listing_pages for s in stats) else "failed"


class Parser:
    """Parses pages in a process of its own while the event loop fetches and stores:
    extraction is pure Python and would otherwise hold the crawl to one core. On a
    one-core machine pages are parsed in the loop itself."""

    def __init__(self, workers: int | None = None) -> None:
        cores = os.cpu_count() or 1
        self.workers = workers if workers is not None else (1 if cores > 1 else 0)
        self._pool: ProcessPoolExecutor | None = None

    async def __aenter__(self) -> Parser:
        if self.workers:
            context = multiprocessing.get_context("spawn")  # no copy of our SQLite handle
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_die_with_parent,
                initargs=(os.getpid(),),
            )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    async def parse(self, html: str, url: str, selectors: Mapping[str, str]) -> Record:
        if self._pool is None:
            return parse_page(html, url, selectors)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, parse_page, html, url, dict(selectors))

    async def parse_article(
        self, html: str, url: str, selectors: Mapping[str, str]
    ) -> tuple[Record, Derived | None]:
        """The record, and for an article what saving it needs computed (hash,
        fingerprints, bigrams), made in the worker beside the parse."""
        if self._pool is None:
            return _parse_and_derive(html, url, selectors)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, _parse_and_derive, html, url, dict(selectors))


def _parse_and_derive(
    html: str, url: str, selectors: Mapping[str, str]
) -> tuple[Record, Derived | None]:
    record = parse_page(html, url, selectors)
    return record, derive(record) if record.kind == "article" else None


def _die_with_parent(parent: int) -> None:
    """In a parse worker: leave when the crawler (pid `parent`) is gone. A SIGKILLed
    crawler cannot shut its pool down, and an idle worker would wait for work for
    ever. The pid comes from the crawler itself: a worker still starting up when the
    crawler died would otherwise take its new parent (init) for the crawler."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="watch-parent").start()


class SiteCrawl:
    """The work of one run on one site: walk the listings, and let `concurrency`
    workers fetch, parse and store the articles they queue (and any an earlier,
    interrupted run left queued)."""

    def __init__(
        self,
        site: Site,
        archive: Archive,
        fetcher: Fetcher,
        parser: Parser,
        options: RunOptions,
        summary: RunSummary,
        on_article: OnArticle | None = None,
    ) -> None:
        self.site = site
        self.parser = parser
        self.on_article = on_article
        self.archive = archive
        self.fetcher = fetcher
        self.options = options
        self.run_id = summary.run_id
        self.known_up_to = archive.last_article_id()  # what was archived before this run
        self.stats = summary.sites[site.name]
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._queued: set[str] = set()

    async def run(self) -> None:
        workers = [asyncio.create_task(self._work()) for _ in range(self.site.concurrency)]
        try:
            for url in self.archive.frontier.pending(self.site.name, "article"):
                self._push(url)
            for start_url in self.site.start_urls:
                await self._walk_listing(start_url)
            # listing walks an interrupted run left half done go on where they stopped
            for url in self.archive.frontier.pending(self.site.name, "listing"):
                await self._walk_listing(url)
            await self._queue.join()
            self._judge_health()
        finally:
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)

    def _judge_health(self) -> None:
        """Layout drift: a site that gave whole articles before now gives pages
        without a title, a date or a body, or listing pages without links."""
        stats = self.stats
        baseline = self.archive.complete_articles(self.site.name, up_to_id=self.known_up_to)
        if baseline < DRIFT_BASELINE:
            return
        read = stats.pages_complete + stats.pages_incomplete
        if read >= DRIFT_MIN_PAGES and stats.pages_complete / read < DRIFT_MIN_COMPLETE:
            stats.health = "unhealthy"
            stats.health_reason = (
                f"{stats.pages_incomplete} of {read} article pages lacked a title, a date or"
                " a body: has the layout changed?"
            )
        elif stats.empty_listings:
            stats.health = "unhealthy"
            stats.health_reason = (
                f"{stats.empty_listings} listing page(s) showed no article links:"
                " has the layout changed?"
            )

    async def _walk_listing(self, url: str) -> None:
        """Follow next-page links up to max_listing_pages; stop on a page that shows
        nothing this walk has not seen (a loop, or an endless pager repeating
        itself) and, on incremental runs, after a run of known articles. The page
        about to be walked to is queued in the frontier first, so that a run
        killed mid-walk is walked on by the next."""
        visited: set[str] = set()
        seen: set[str] = set()
        streak = 0
        while True:
            visited.add(canonical_url(url))
            links = await self._listing(url)
            if links is None:
                return
            fresh = [u for u in links.articles if canonical_url(u) not in seen]
            if not fresh:
                return
            seen.update(canonical_url(u) for u in fresh)
            streak = self._take(fresh, streak)
            if not self.options.full and streak >= KNOWN_STREAK:
                return
            following = links.next_page
            if not following or canonical_url(following) in visited:
                return
            if len(visited) >= self.site.max_listing_pages or not self.site.allows(following):
                return
            self.archive.enqueue(self.site.name, [following], "listing", again=True)
            url = following

    async def _listing(self, url: str) -> Links | None:
        response = await self._fetch(url, "listing")
        if response is None:
            return None
        if response.text is None:
            self.archive.finish_page(url, self.site.name, "listing", "attachment", _kept(response))
            return None
        record = await self.parser.parse(response.text, response.final_url, self.site.selectors)
        self.archive.finish_page(url, self.site.name, "listing", record.kind, _kept(response))
        self.stats.listing_pages += 1
        if not record.links.articles:
            self.stats.empty_listings += 1
        return record.links

    def _take(self, urls: list[str], streak: int) -> int:
        """Queue what needs fetching; return the run of known articles so far."""
        urls = [u for u in urls if self.site.allows(u)]
        states = self.archive.frontier.states(urls)
        self.archive.enqueue(
            self.site.name, [u for u in urls if canonical_url(u) not in states], "article"
        )
        for url in urls:
            state = states.get(canonical_url(url))
            if state == "done" and not self.options.full:
                self.stats.articles_unchanged += 1
                streak += 1
                continue
            streak = 0
            if state != "failed" or self.archive.frontier.due(url):
                self._push(url)
        return streak

    def _push(self, url: str) -> None:
        key = canonical_url(url)
        if key not in self._queued:
            self._queued.add(key)
            self._queue.put_nowait(url)

    async def _work(self) -> None:
        while True:
            url = await self._queue.get()
            try:
                await self._article(url)
                if self.on_article:
                    self.on_article(self.site.name, url)
            except Exception as exc:  # a parser bug must not end the run; it is recorded
                log.debug("while archiving %s", url, exc_info=True)
                reason = f"internal error: {type(exc).__name__}: {exc}"
                self._fail(url, "article", FetchError(url, reason))
            finally:
                self._queue.task_done()

    async def _article(self, url: str) -> None:
        validators = Validators(*self.archive.frontier.validators(url))
        response = await self._fetch(url, "article", validators)
        if response is None:
            return
        if response.not_modified:
            self.archive.not_modified(url, response.attempts)
            self.stats.articles_unchanged += 1
            return
        name, kept = self.site.name, _kept(response)
        if response.text is None:  # a PDF or an image behind an article link
            self.archive.finish_page(url, name, "article", "attachment", kept)
            self.stats.other_pages += 1
            return
        record, derived = await self.parser.parse_article(
            response.text, response.final_url, self.site.selectors
        )
        if record.kind != "article":
            kind = record.other_kind or record.kind
            log.info("%s: %s is a page of kind %r, not archived", name, url, kind)
            self.archive.finish_page(url, name, "article", kind, kept, raw=response.body)
            self.stats.other_pages += 1
            if record.other_kind is None:  # a soft 404 or a block page says nothing of layout
                self.stats.pages_incomplete += 1
            return
        whole = record.title and (record.published or record.updated) and record.body
        if whole:
            self.stats.pages_complete += 1
        else:
            self.stats.pages_incomplete += 1
        # the page's own canonical URL names the article, when it stays on the site
        identity = (
            record.canonical if record.canonical and self.site.allows(record.canonical) else None
        )
        outcome, _ = self.archive.save_article(
            site=name,
            record=record,
            raw=response.body,
            run_id=self.run_id,
            requested=url,
            fetched=kept,
            identity=identity,
            derived=derived,
        )
        self.stats.count(outcome)

    async def _fetch(
        self, url: str, role: Role, validators: Validators | None = None
    ) -> Response | None:
        try:
            return await self.fetcher.fetch(url, self.site, validators=validators)
        except FetchError as exc:
            self._fail(url, role, exc)
            return None

    def _fail(self, url: str, role: Role, error: FetchError) -> None:
        self.archive.fail_page(self.run_id, self.site.name, url, role, error)
        self.stats.errors += 1
        if self.stats.first_error is None:
            self.stats.first_error = f"{url}: {error.reason}"
        log.info("%s: %s: %s", self.site.name, url, error.reason)


def _kept(response: Response) -> Fetched:
    """What the frontier keeps of a response."""
    return Fetched(
        status=response.status,
        final_url=response.final_url,
        content_type=response.content_type,
        etag=response.validators.etag,
        last_modified=response.validators.last_modified,
        attempts=response.attempts,
    )
