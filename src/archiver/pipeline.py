"""One fetch run: seeds -> listing pages -> article pages -> records -> archive."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Mapping, Sequence
from dataclasses import asdict, replace

import httpx

from archiver import clock, health
from archiver.errors import FetchError, StoreError
from archiver.explore import Explorer, Page
from archiver.extract import FAILED
from archiver.fetch import Fetcher, Response, Validators
from archiver.homewalk import site_info, walk_from_home
from archiver.model import Links
from archiver.normalize import canonical_url
from archiver.parsing import Parser
from archiver.runs import OnProgress, RunOptions, RunSummary, SiteStats
from archiver.seeds import Site, is_home
from archiver.store import Archive, Fetched, Role
from archiver.store.listed import LINKS, QUEUED
from archiver.store.writing import GROUP_SECONDS

log = logging.getLogger("archiver")
_DEFAULTS = RunOptions()
KNOWN_STREAK = 10  # known articles in a row after which an incremental run stops paginating
WAITING_PER_WORKER = 4  # article URLs held in memory per worker; the frontier holds the rest
BACKLOG_BATCH = 100  # an earlier run's queued URLs, queued anew this many at a time


def run_fetch(
    archive: Archive,
    sites: Sequence[Site],
    options: RunOptions = _DEFAULTS,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    on_progress: OnProgress | None = None,
) -> RunSummary:
    """Crawl every site once, concurrently across sites, and record the run."""
    return asyncio.run(crawl(archive, sites, options, transport=transport, on_progress=on_progress))


async def crawl(
    archive: Archive,
    sites: Sequence[Site],
    options: RunOptions = _DEFAULTS,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    on_progress: OnProgress | None = None,
) -> RunSummary:
    summary = RunSummary(run_id=archive.start_run(), started=clock.stamp())
    summary.sites = {site.name: SiteStats() for site in sites}
    async with Fetcher(transport=transport) as fetcher, Parser() as parser:
        crawls = [
            SiteCrawl(
                _apply(site, options), archive, fetcher, parser, options, summary, on_progress
            )
            for site in sites
        ]
        try:
            # the crawl's writes are committed a group at a time (Archive.grouped), the
            # run's record on its own once the last group is in
            with archive.grouped():
                ticker = asyncio.create_task(_commit_now_and_then(archive))
                try:
                    async with asyncio.timeout(options.max_duration):
                        if options.in_turn:
                            for one in crawls:
                                await one.run()
                        else:
                            await asyncio.gather(*(c.run() for c in crawls))
                finally:
                    ticker.cancel()
        except TimeoutError:  # what was archived is kept; the frontier holds the rest
            summary.stopped = (
                f"stopped after --max-duration {options.max_duration:g} s;"
                " the next run goes on where this one stopped"
            )
        except asyncio.CancelledError:  # Ctrl-C, SIGTERM: what was done is recorded
            _finish(archive, summary, fetcher.requests, "interrupted")
            raise
        except StoreError:  # said by the caller in one line; the run is marked if it can be
            with contextlib.suppress(StoreError):
                _finish(archive, summary, fetcher.requests, "failed")
            raise
        _finish(archive, summary, fetcher.requests, _status(summary))
    return summary


async def _commit_now_and_then(archive: Archive) -> None:
    """Commit the crawl's group of writes once it is due, even when no write comes
    to do it (every site waiting on a server that does not answer): what was
    archived before a stall is in the file, for readers and against a kill. No
    write spans an await, so none is ever under way here. A write failure is left
    for the next write, or the group's last commit, to raise."""
    with contextlib.suppress(StoreError):
        while True:
            await asyncio.sleep(GROUP_SECONDS / 2)
            archive.commit_due()


def _finish(archive: Archive, summary: RunSummary, requests: int, status: str) -> None:
    """Record the run's end, with its status and what each site did."""
    summary.status, summary.requests = status, requests
    sites = {name: asdict(stats) for name, stats in summary.sites.items()}
    summary.finished = archive.finish_run(
        summary.run_id, status=status, requests=requests, sites=sites
    )


def _apply(site: Site, options: RunOptions) -> Site:
    if options.max_pages is not None:
        site = replace(site, max_listing_pages=options.max_pages)
    if options.timeout is not None:
        site = replace(site, timeout=options.timeout)
    if options.in_turn:
        site = replace(site, concurrency=1)
    return site


def _status(summary: RunSummary) -> str:
    stats = summary.sites.values()
    if summary.stopped:
        return "partial"
    if not any(s.errors or s.health != "ok" for s in stats):
        return "ok"
    return "partial" if any(s.listing_pages for s in stats) else "failed"


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
        on_progress: OnProgress | None = None,
    ) -> None:
        self.site = site
        self.parser = parser
        self.on_progress = on_progress
        self.archive = archive
        self.fetcher = fetcher
        self.options = options
        self.run_id = summary.run_id
        self.known_up_to = archive.last_article_id()  # what was archived before this run
        self.stats = summary.sites[site.name]
        self.selectors = health.SelectorTally()
        # bounded, so memory stays flat however far the listing walk runs ahead of
        # the workers: a walk waits for room (the frontier has its links already)
        self._queue: asyncio.Queue[str] = asyncio.Queue(WAITING_PER_WORKER * site.concurrency)
        self.fatal: StoreError | None = None  # the archive could not be written: stop
        self.explorer = Explorer(fetcher, parser, site)

    async def run(self) -> None:
        workers = [asyncio.create_task(self._work()) for _ in range(self.site.concurrency)]
        try:
            backlog: list[str] = []  # an earlier run's queue, read a batch at a time
            for url in self.archive.pending(self.site.name, "article"):
                backlog.append(url)
                if len(backlog) == BACKLOG_BATCH:
                    await self._push(backlog)
                    backlog = []
            await self._push(backlog)
            self.archive.remember_site(site_info(self.site))
            site = self.site
            if site.discover or site.sections or site.feeds or site.sitemaps:
                await self._guarded(site.start_urls[0], "listing", walk_from_home(self))
            for start_url in self.site.start_urls:
                if not (site.discover and is_home(start_url)):  # read by walk_from_home
                    await self._guarded(start_url, "listing", self._walk_listing(start_url))
            # listing walks an interrupted run left half done go on where they stopped
            for url in self.archive.pending(self.site.name, "listing"):
                await self._guarded(url, "listing", self._walk_listing(url))
            await self._queue.join()
            if self.fatal is not None:
                raise self.fatal
            self._judge_health()
        finally:
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            with contextlib.suppress(StoreError):  # said already, if it stopped the run
                self.archive.forget_listed(self.site.name)

    def _judge_health(self) -> None:
        """Unhealthy when the site gave nothing this run or, having given whole
        articles before, its layout seems to have changed (see health.py)."""
        stats = self.stats
        stats.article_links = self.archive.noted(self.site.name, LINKS)
        stats.selector_misses = self.selectors.misses()
        baseline = self.archive.complete_articles(self.site.name, up_to_id=self.known_up_to)
        found = health.reasons(stats, self.site.source or self.site.name, baseline)
        if self.site.discover and stats.listing_pages and not stats.article_links:
            found.insert(0, "the home page led to no news section, feed or sitemap")
        if found:
            stats.health, stats.health_reason = "unhealthy", "; ".join(found)
        else:
            stats.health_warning = health.warning(stats)

    async def _walk_listing(self, url: str, first: Page | None = None) -> None:
        """Follow next-page links up to max_listing_pages; stop on a page that shows
        nothing this walk has not seen (a loop, or an endless pager repeating
        itself) and, on incremental runs, after a run of known articles.

        Each page read is recorded in one transaction with the articles it links
        and the page after it (see Archive.walked), so a run killed at any moment
        leaves either that page still queued or all three in the frontier: the
        next run walks on from there, whatever its run of known articles says."""
        # what the walk has seen is kept in the archive's temporary tables, not in
        # sets that would grow with the listing (see store/listed.py)
        name, walk = self.site.name, self.archive.new_walk()
        pages = streak = 0
        while True:
            self.archive.visit(name, walk, canonical_url(url))
            pages += 1
            page = await self._listing(url)
            if page is None:
                return
            links, kind, fetched, raw = page
            shown = self._shown(walk, links.articles)
            fresh = [u for u in shown if self.site.allows(u)]
            self.archive.note(name, LINKS, (canonical_url(u) for u in fresh))
            states = self.archive.states(fresh)
            streak, wanted = self._take(fresh, states, streak)
            # a page showing nothing this walk has not seen ends it (a looping pager)
            following = self._following(links, walk, pages) if shown else None
            if (not self.options.full and streak >= KNOWN_STREAK) or is_home(url):
                following = None
            unseen = [u for u in fresh if canonical_url(u) not in states]
            self.archive.walked(url, self.site.name, kind, fetched, unseen, following, raw)
            await self._push(wanted)
            self._progressed()
            if following is None:
                return
            url = following

    def _shown(self, walk: int, urls: Sequence[str]) -> list[str]:
        """Of a listing page's article links, those the walk had not seen, once each."""
        by_key = _by_key(urls)
        return [by_key[key] for key in self.archive.note(self.site.name, walk, by_key)]

    def _following(self, links: Links, walk: int, pages: int) -> str | None:
        """The next page to walk to, unless the walk was there, is past
        max_listing_pages (`pages` walked so far) or is off the site."""
        following = links.next_page
        if not following or self.archive.visited(self.site.name, walk, canonical_url(following)):
            return None
        if pages >= self.site.max_listing_pages or not self.site.allows(following):
            return None
        return following

    async def _listing(
        self, url: str, first: Page | None = None
    ) -> tuple[Links, str, Fetched, bytes] | None:
        """A listing page fetched and parsed (or given, as `first`): its links, its
        kind, what the frontier keeps of the fetch and the page's bytes; None when it
        gave no links (failed, or not HTML)."""
        response = first.response if first else await self._fetch(url, "listing")
        if response is None:
            return None
        if response.text is None:
            self.archive.finish_page(
                url, self.site.name, "listing", "attachment", _kept(response), raw=response.body
            )
            return None
        parsed = (
            first.parsed
            if first
            else await self.parser.parse_listing(
                response.text, response.final_url, self.site.selectors
            )
        )
        record = parsed.record
        if record.other_kind == FAILED:  # never done: fetched and parsed again later
            self._fail(url, "listing", FetchError(url, record.kind_reason or FAILED))
            return None
        self.selectors.add(parsed.hits)
        self.stats.problems(url, record.problems)
        self.stats.listing_pages += 1
        if not record.links.articles and not is_home(url):  # a home page may list none
            self.stats.empty_listings += 1
        return record.links, record.kind, _kept(response), response.body

    def _take(
        self, urls: list[str], states: Mapping[str, str], streak: int
    ) -> tuple[int, list[str]]:
        """The run of known articles so far, and which of urls to fetch this run."""
        wanted = []
        for url in urls:
            state = states.get(canonical_url(url))
            if state == "done" and not self.options.full:
                self.stats.articles_unchanged += 1
                streak += 1
                continue
            streak = 0
            if state != "failed" or self.archive.due(url):
                wanted.append(url)
        return streak, wanted

    def _progressed(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.site.name, self.stats)

    async def _push(self, urls: list[str]) -> None:
        """Queue for the workers the URLs this run has not queued yet, waiting for
        room in the bounded queue."""
        by_key = _by_key(urls)
        for key in self.archive.note(self.site.name, QUEUED, by_key):
            await self._queue.put(by_key[key])

    async def _guarded(self, url: str, role: Role, work: Awaitable[None]) -> None:
        """One listing walk or one article: an error no one foresaw (a parser bug) is
        that URL's failure, with its reason, and the site's other pages go on. An
        archive that cannot be written stops the run."""
        try:
            await work
        except StoreError:
            raise
        except Exception as exc:
            log.debug("while archiving %s", url, exc_info=True)
            reason = f"internal error: {type(exc).__name__}: {exc}"
            self._fail(url, role, FetchError(url, reason))

    async def _work(self) -> None:
        while True:
            url = await self._queue.get()
            try:
                if self.fatal is None:  # after a write failure the queue is only drained
                    await self._guarded(url, "article", self._article(url))
                    self._progressed()
            except StoreError as exc:  # the archive's failure, not the page's
                self.fatal = self.fatal or exc
            finally:
                self._queue.task_done()

    async def _article(self, url: str) -> None:
        validators = Validators(*self.archive.validators(url))
        response = await self._fetch(url, "article", validators)
        if response is None:
            return
        if response.not_modified:
            self.archive.not_modified(url, response.attempts)
            self.stats.articles_unchanged += 1
            return
        name, kept = self.site.name, _kept(response)
        if response.text is None:  # a PDF or an image behind an article link
            self.archive.finish_page(url, name, "article", "attachment", kept, raw=response.body)
            self.stats.other_pages += 1
            self._led_to("attachment")
            return
        parsed = await self.parser.parse_article(
            response.text, response.final_url, self.site.selectors
        )
        record, derived = parsed.record, parsed.derived
        if record.other_kind == FAILED:  # never done: fetched and parsed again later
            self._fail(url, "article", FetchError(url, record.kind_reason or FAILED))
            return
        self.selectors.add(parsed.hits)
        self.stats.problems(url, record.problems)
        if record.kind != "article":
            kind = record.other_kind or record.kind
            log.info("%s: %s is a page of kind %r, not archived", name, url, kind)
            self.archive.finish_page(url, name, "article", kind, kept, raw=response.body)
            self.stats.other_pages += 1
            self._led_to(kind)
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
        self._led_to("article")

    def _led_to(self, kind: str) -> None:
        """Tally what one followed article link gave: an article, or what instead."""
        self.stats.links_followed += 1
        if kind == "article":
            self.stats.article_records += 1
        else:
            self.stats.not_articles[kind] = self.stats.not_articles.get(kind, 0) + 1

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
        if role == "article":
            self._led_to("failed")
        if self.stats.first_error is None:
            self.stats.first_error = f"{url}: {error.reason}"
        log.warning("%s: %s: %s", self.site.name, url, error.reason)


def _by_key(urls: Sequence[str]) -> dict[str, str]:
    """URLs by canonical form, in order; the first of those sharing one wins."""
    by_key: dict[str, str] = {}
    for url in urls:
        by_key.setdefault(canonical_url(url), url)
    return by_key


def _kept(response: Response) -> Fetched:
    """What the frontier keeps of a response."""
    return Fetched(
        status=response.status,
        final_url=response.final_url,
        content_type=response.content_type,
        etag=response.validators.etag,
        last_modified=response.validators.last_modified,
        attempts=response.attempts,
        exchange=response.exchange,
    )
