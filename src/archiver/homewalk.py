"""One run's walk of a site from its home page: the home page read like a listing,
the sections its menu offers tested and walked, its feeds and sitemaps read for
article links; what was found is kept in the archive per site, so a portal that
moves a section is followed and one that drops a section is reported.

Sections known from earlier runs are tested again every run (walking them is the
test); links found wanting are tried again after RECHECK_DAYS."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Sequence
from typing import Protocol

from archiver.clock import stamp
from archiver.errors import FetchError, StoreError
from archiver.explore import (
    Explorer,
    Harvest,
    Home,
    Page,
    Tested,
    Wanted,
    article_links,
    moment,
)
from archiver.extract.home import Candidate
from archiver.normalize import canonical_url
from archiver.runs import RunOptions, SiteStats
from archiver.seeds import Site, is_home
from archiver.store import Archive, Found, Role, SiteInfo
from archiver.store.listed import LINKS
from archiver.store.sites import due_again

log = logging.getLogger("archiver")
_GONE = re.compile(r"HTTP (?:404|410)\b")
RECHECK_DAYS = 7.0  # a link that was no section (or a section gone) is tried again after
MAX_FEEDS = 10  # feeds read per site and run


class Crawl(Protocol):
    """What the walk needs of the site's crawl (pipeline.SiteCrawl)."""

    site: Site
    archive: Archive
    options: RunOptions
    stats: SiteStats
    explorer: Explorer

    async def _walk_listing(self, url: str, first: Page | None = None) -> None: ...

    async def _push(self, urls: list[str]) -> None: ...

    def _fail(self, url: str, role: Role, error: FetchError) -> None: ...

    async def _guarded(self, url: str, role: Role, work: Awaitable[None]) -> None: ...


def site_info(site: Site) -> SiteInfo:
    """What the archive keeps of a seed."""
    return SiteInfo(
        name=site.name,
        title=site.title,
        province=site.province,
        unit=site.unit,
        outlet=site.outlet,
        confirmed=site.confirmed,
        retired=site.retired,
        home=site.start_urls[0],
    )


async def walk_from_home(crawl: Crawl) -> None:
    """Everything a home-page seed asks for, besides its plain listing start URLs."""
    site, explorer = crawl.site, crawl.explorer
    found = crawl.archive.found(site.name)
    known = {canonical_url(f.url): f for f in found if f.kind == "section"}
    candidates: list[Candidate] = []
    feeds, sitemaps = list(site.feeds), list(site.sitemaps)
    guessed: list[str] = []
    for home_url in site.homes if site.discover else ():
        home = await _home(crawl, home_url)
        if home is None:
            continue
        candidates += home.offers.sections
        guess = explorer.rss_guess(home_url)
        tried = next((f for f in found if f.kind == "feed" and f.url == guess), None)
        listed = await explorer.feeds_of(home, guess=tried is None or _due(tried))
        if not listed and not home.offers.feed_pages and (tried is None or _due(tried)):
            why = "no feed at the usual /rss"  # asked again after RECHECK_DAYS
            crawl.archive.mark_found(site.name, "feed", [(guess, None)], "rejected", why)
        feeds += listed
        maps, named = await explorer.sitemaps_of(home_url)
        (sitemaps if named else guessed).extend(maps)
    walked = await _seed_sections(crawl)
    await _sections(crawl, candidates, known, walked)
    harvest = Harvest(wanted=_wanted(crawl))
    feeds += [f.url for f in found if f.kind == "feed" and f.state == "active"]
    for url in list(dict.fromkeys(feeds))[:MAX_FEEDS]:
        await _reading(url, harvest, explorer.read_feed(url, harvest))
    crawl.stats.feeds += len(harvest.read)
    sitemaps += [f.url for f in found if f.kind == "sitemap" and f.state == "active"]
    sitemaps = list(dict.fromkeys(sitemaps))
    guessed = [u for u in dict.fromkeys(guessed) if u not in sitemaps]
    limit = site.max_sitemap_urls
    fed = len(harvest.read)
    read_at = {canonical_url(f.url): f.checked for f in found if f.kind == "child"}
    if crawl.options.full:
        read_at = {}
    for urls, quiet in ((sitemaps, False), (guessed, True)):
        reading = explorer.read_sitemaps(urls, harvest, limit, quiet_missing=quiet, read_at=read_at)
        await _reading(" ".join(urls), harvest, reading)
    crawl.stats.sitemaps += len(harvest.read) - fed + len(harvest.children)
    _keep_sources(crawl, harvest, feeds, found)
    await _queue(crawl, harvest)


async def _reading(url: str, harvest: Harvest, work: Awaitable[object]) -> None:
    """One feed or sitemap read: an error no one foresaw (a bug) is its problem, said
    with the others, and the walk goes on."""
    try:
        await work
    except StoreError:
        raise
    except Exception as exc:
        log.debug("while reading %s", url, exc_info=True)
        harvest.problems.append(f"{url}: internal error: {type(exc).__name__}: {exc}")


async def _home(crawl: Crawl, url: str) -> Home | None:
    """The home page, fetched once: walked as a one-page listing (it often lists
    the newest stories) and read for what its menu offers."""
    try:
        home = await crawl.explorer.home(url)
    except FetchError as exc:
        crawl._fail(url, "listing", exc)
        return None
    await crawl._guarded(url, "listing", crawl._walk_listing(url, first=home.page))
    return home


async def _seed_sections(crawl: Crawl) -> set[str]:
    """The sections the seed names: walked like start URLs, whatever a test would
    say (a failure is the site's error, as for any listing), and kept as active."""
    site = crawl.site
    for url in site.sections:
        await crawl._guarded(url, "listing", crawl._walk_listing(url))
    crawl.archive.mark_found(site.name, "section", [(u, None) for u in site.sections], "active")
    return {canonical_url(u) for u in site.sections}


async def _sections(
    crawl: Crawl, candidates: Sequence[Candidate], known: dict[str, Found], walked: set[str]
) -> None:
    """Test the sections found before, then the home page's new candidates, up to
    max_sections accepted besides the seed's own (`walked`); walk each that passes."""
    site, stats = crawl.site, crawl.stats
    active = [f for f in known.values() if f.state == "active" and f.url not in site.sections]
    order = [Candidate(f.url, f.label or "", 50) for f in active] + list(candidates)
    tried: set[str] = set(walked)
    seeded = len(walked)
    tests = 0
    for candidate in order:
        key = canonical_url(candidate.url)
        if key in tried or len(walked) - seeded >= site.max_sections or is_home(candidate.url):
            continue
        tried.add(key)
        before = known.get(key)
        if before is not None and before.state != "active" and not _due(before):
            continue
        if before is None and tests >= 2 * site.max_sections:
            continue
        tests += 1
        tested = await crawl.explorer.test(candidate)
        landed = tested.page and canonical_url(tested.page.response.final_url)
        if tested.ok and landed not in walked:
            walked.add(landed or key)
            _accepted(crawl, tested, before)
            walk = crawl._walk_listing(candidate.url, first=tested.page)
            await crawl._guarded(candidate.url, "listing", walk)
        elif not tested.ok:
            _refused(crawl, tested, before)
    stats.sections = len(walked)


def _accepted(crawl: Crawl, tested: Tested, before: Found | None) -> None:
    url, label = tested.candidate.url, tested.candidate.label or None
    crawl.archive.mark_found(crawl.site.name, "section", [(url, label)], "active")
    if before is None or before.state != "active":
        crawl.stats.sections_new.append(url)
        log.info("%s: new section %s (%s)", crawl.site.name, url, label or "no label")


def _refused(crawl: Crawl, tested: Tested, before: Found | None) -> None:
    """A candidate that is no section is remembered quietly; a section that was one
    and is no more is said, on stderr and in the run's record."""
    url, reason = tested.candidate.url, tested.reason
    if before is not None and before.state == "active":
        crawl.archive.mark_found(crawl.site.name, "section", [(url, None)], "gone", reason)
        crawl.stats.sections_gone.append(f"{url}: {reason}")
        log.warning("%s: section %s is gone: %s", crawl.site.name, url, reason)
    else:
        label = tested.candidate.label or None
        crawl.archive.mark_found(
            crawl.site.name, "section", [(url, label)], "rejected", reason, seen=False
        )


def _due(found: Found) -> bool:
    return due_again(found.checked, RECHECK_DAYS)


def _keep_sources(crawl: Crawl, harvest: Harvest, feeds: list[str], known: list[Found]) -> None:
    """Feeds and sitemaps read whole are kept as active; their troubles are said. A
    known one the server says is gone (404, 410) is marked so, and not asked for
    again unless the home page names it anew."""
    name, stats = crawl.site.name, crawl.stats
    read = set(harvest.read)
    crawl.archive.mark_found(name, "feed", [(u, None) for u in feeds if u in read], "active")
    maps = [(u, None) for u in harvest.read if u not in set(feeds)]
    crawl.archive.mark_found(name, "sitemap", maps, "active")
    crawl.archive.mark_found(name, "child", [(u, None) for u in harvest.children], "active")
    for problem in harvest.problems:
        stats.discovery_problems.append(problem)
        log.warning("%s: %s", name, problem)
        url, _, why = problem.partition(": ")
        for found in known:
            if found.url == url and found.state == "active" and _GONE.match(why):
                crawl.archive.mark_found(name, found.kind, [(url, None)], "gone", why)


def _wanted(crawl: Crawl) -> Wanted:
    """The links of a feed or sitemap a run wants: those never fetched, queued or
    due again after a failure, and those archived whose date (an entry's update, a
    sitemap's <lastmod>) is after the page was fetched; every link on a full run."""

    def wanted(links: list[tuple[str, str | None]]) -> list[str]:
        seen = crawl.archive.seen(url for url, _ in links)
        now = stamp()
        out = []
        for url, date in links:
            state, fetched_at, next_try = seen.get(canonical_url(url), ("new", None, None))
            if (
                crawl.options.full
                or state in ("new", "queued")
                or (state == "failed" and (next_try is None or next_try <= now))
                or (state == "done" and _after(date, fetched_at))
            ):
                out.append(url)
        return out

    return wanted


def _after(date: str | None, fetched_at: str | None) -> bool:
    if not date or not fetched_at:
        return False
    stated, fetched = moment(date), moment(fetched_at)
    return stated is not None and fetched is not None and stated > fetched


async def _queue(crawl: Crawl, harvest: Harvest) -> None:
    """Queue the article links the feeds and sitemaps gave that the run wants,
    newest first (the harvest kept those alone)."""
    site = crawl.site
    skip = {canonical_url(u) for u in site.start_urls}
    links = article_links(harvest, skip)
    crawl.stats.feed_links += len(links)
    crawl.archive.note(site.name, LINKS, (canonical_url(u) for u in links))
    states = crawl.archive.states(links)
    unseen = [u for u in links if canonical_url(u) not in states]
    if unseen:
        crawl.archive.enqueue(site.name, unseen)
    await crawl._push(links)
