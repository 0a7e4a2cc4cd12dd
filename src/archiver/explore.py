"""A site from its home page: fetch it, test the links its menu offers as news
sections, read its feeds and its sitemaps. Used by the crawl (which records what it
finds, pipeline.py and homewalk.py), by `archiver discover` (which proposes a seed)
and by `archiver check` (which touches no archive). Nothing here writes anything.

A section is a link whose page passes the listing test: it lists at least
MIN_SECTION_LINKS article links on the site. Feeds and sitemaps give article links
with their dates at one request per many articles."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from archiver.errors import FetchError
from archiver.extract.home import Candidate, HomeLinks, feed_links, read_home
from archiver.feeds import FeedResult, looks_like_feed, parse_feed
from archiver.fetch import Fetcher, Response
from archiver.model import Links
from archiver.normalize import canonical_url, join_url
from archiver.parsing import Parsed, Parser
from archiver.seeds import Site
from archiver.sitemaps import SitemapItem, SitemapReader

VIETNAM = timezone(timedelta(hours=7))
MIN_SECTION_LINKS = 3  # article links a page must list to count as a news section
MAX_FEED_PAGES = 2  # "RSS" pages read for the feeds they list
MAX_CHILD_SITEMAPS = 20  # children of a sitemap index read in one run
SITEMAP_BYTES = 64 * 1024 * 1024  # the protocol's cap is 50 MB uncompressed


def same_origin(site: Site, home: str) -> Callable[[str], bool]:
    """A predicate: the URL is on the site (its allowed domains) and on the home
    page's port, so a menu's link to another service on the same host is no section."""
    port = urlsplit(home).port

    def allows(url: str) -> bool:
        return site.allows(url) and urlsplit(url).port == port

    return allows


@dataclass
class Page:
    """A fetched HTML page and what the listing parse made of it."""

    url: str
    response: Response
    parsed: Parsed

    @property
    def links(self) -> Links:
        return self.parsed.record.links

    @property
    def kind(self) -> str:
        return self.parsed.record.kind


@dataclass
class Home:
    """A home page: its own listing parse (it often lists the newest stories) and
    the candidates its menu offers."""

    page: Page
    offers: HomeLinks


@dataclass
class Tested:
    """A candidate section fetched and judged."""

    candidate: Candidate
    page: Page | None
    reason: str | None  # why it is no section; None when it is one

    @property
    def ok(self) -> bool:
        return self.reason is None


# Which of a batch of (url, date) article links a run wants: those not archived,
# or changed since (the crawl's frontier decides); every link when None.
Wanted = Callable[[list[tuple[str, str | None]]], list[str]]


@dataclass
class Harvest:
    """Article links read from feeds or sitemaps, with what went wrong on the way."""

    items: dict[str, str | None] = field(default_factory=dict)  # url -> date, first kept
    read: list[str] = field(default_factory=list)  # the feeds or sitemaps read whole
    children: list[str] = field(default_factory=list)  # sitemaps an index listed, read
    problems: list[str] = field(default_factory=list)  # "url: why", one line each
    requests: int = 0
    wanted: Wanted | None = None

    def add(self, url: str, date: str | None) -> None:
        self.items.setdefault(url, date)

    def offer(self, links: list[tuple[str, str | None]], cap: int | None = None) -> None:
        """Keep the links the run wants, with their dates, until the harvest holds cap."""
        dates = dict(links)
        keep = self.wanted(links) if self.wanted is not None else [u for u, _ in links]
        for url in keep:
            if cap is not None and len(self.items) >= cap:
                return
            self.add(url, dates.get(url))


class Explorer:
    """Fetches and judges a site's home page, sections, feeds and sitemaps."""

    def __init__(self, fetcher: Fetcher, parser: Parser, site: Site) -> None:
        self.fetcher = fetcher
        self.parser = parser
        self.site = site
        self.guessed: set[str] = set()  # links an "RSS" page holds: feeds, or pages

    async def page(self, url: str) -> Page:
        """An HTML page fetched and parsed as a listing; FetchError when it is none."""
        response = await self.fetcher.fetch(url, self.site)
        if response.text is None:
            raise FetchError(url, f"not an HTML page ({response.content_type or 'no type'})")
        parsed = await self.parser.parse_listing(
            response.text, response.final_url, self.site.selectors
        )
        return Page(url, response, parsed)

    async def home(self, url: str) -> Home:
        return await self.home_from(await self.page(url), url)

    async def home_from(self, page: Page, url: str) -> Home:
        """A home page fetched already, read for what its menu offers."""
        text = page.response.text or ""
        offers = read_home(text, page.response.final_url, same_origin(self.site, url))
        return Home(page, offers)

    async def test(self, candidate: Candidate) -> Tested:
        """Fetch a candidate and judge it: a section lists article links on the site."""
        try:
            page = await self.page(candidate.url)
        except FetchError as exc:
            return Tested(candidate, None, exc.reason)
        if not self.site.allows(page.response.final_url):
            return Tested(candidate, page, f"left the site for {page.response.final_url}")
        found = [u for u in page.links.articles if self.site.allows(u)]
        if len(found) < MIN_SECTION_LINKS:
            kind = page.parsed.record.other_kind or page.kind
            return Tested(
                candidate, page, f"lists {len(found)} article links (a page of kind {kind})"
            )
        return Tested(candidate, page, None)

    async def feeds_of(self, home: Home, *, guess: bool = True) -> list[str]:
        """The feeds a home page names, and those its "RSS" pages list. A home page
        that names neither may still have an "RSS" page at /rss, as many portals
        do: with `guess`, it is asked for (a page that is missing is no fault)."""
        feeds = [url for url, _ in home.offers.feeds]
        allows = same_origin(self.site, home.page.url)
        pages = list(home.offers.feed_pages[:MAX_FEED_PAGES])
        if guess and not feeds and not pages:
            pages.append(self.rss_guess(home.page.url))
        for url in pages:
            try:
                response = await self.fetcher.fetch(url, self.site)
            except FetchError:
                continue
            if response.text is not None:
                listed = feed_links(response.text, response.final_url, allows)
                self.guessed.update(listed)
                feeds += listed
            elif response.body:  # the "RSS" link was a feed itself
                feeds.append(url)
        return list(dict.fromkeys(feeds))

    @staticmethod
    def rss_guess(home: str) -> str:
        """Where a portal's "RSS" page usually is."""
        return join_url(home, "/rss") or home

    async def read_feed(self, url: str, harvest: Harvest) -> FeedResult | None:
        """Read one feed into harvest; a feed that cannot be fetched or read is a
        problem of the harvest, never an exception."""
        harvest.requests += 1
        try:
            response = await self.fetcher.fetch(url, self.site)
        except FetchError as exc:
            harvest.problems.append(f"{url}: {exc.reason}")
            return None
        if url in self.guessed and not looks_like_feed(response.body, response.content_type):
            return None  # a page among an "RSS" page's links: no feed, and nothing wrong
        result = parse_feed(response.body, response.final_url)
        if result.problem:
            harvest.problems.append(f"{url}: malformed feed: {result.problem}")
        else:
            harvest.read.append(url)
        harvest.offer(
            [(e.url, e.updated or e.published) for e in result.entries if self.site.allows(e.url)]
        )
        return result

    async def sitemaps_of(self, home: str) -> tuple[list[str], bool]:
        """The sitemaps robots.txt names for the home page's host, and True; else
        the guess /sitemap.xml, and False (a guess that is missing is no fault)."""
        try:
            robots = await self.fetcher.robots(home, self.site)
        except FetchError:
            robots = None
        named = [join_url(home, s.strip()) for s in robots.sitemaps()] if robots else []
        found = [u for u in named if u and self.site.allows(u)]
        if found:
            return found, True
        return [join_url(home, "/sitemap.xml") or home], False

    async def read_sitemaps(
        self,
        urls: list[str],
        harvest: Harvest,
        limit: int,
        *,
        quiet_missing: bool = False,
        read_at: Mapping[str, str] | None = None,
    ) -> None:
        """Article links from sitemaps and the children of sitemap indexes (news
        sitemaps first, then the newest), until `limit` links the harvest wants. A
        child whose <lastmod> is older than when it was last read (`read_at`, by
        canonical URL) is passed over. A sitemap that is missing is a problem unless
        `quiet_missing` (the guessed /sitemap.xml of a site that names none)."""
        queue = list(urls)
        children = 0
        while queue and len(harvest.items) < limit:
            url = queue.pop(0)
            nested, problem, whole = await self._sitemap(url, limit, harvest)
            if problem and not (quiet_missing and url in urls and "HTTP 404" in problem):
                harvest.problems.append(f"{url}: {problem}")
            elif whole:  # a sitemap left halfway at the limit is not read yet
                (harvest.read if url in urls else harvest.children).append(url)
            nested.sort(key=lambda i: (_news_first(i.url), i.lastmod or ""), reverse=True)
            for item in nested:
                if children >= MAX_CHILD_SITEMAPS or not self.site.allows(item.url):
                    continue
                if not unchanged(item.lastmod, (read_at or {}).get(canonical_url(item.url))):
                    queue.append(item.url)
                    children += 1

    async def _sitemap(
        self, url: str, limit: int, harvest: Harvest
    ) -> tuple[list[SitemapItem], str | None, bool]:
        """Read one sitemap into harvest as it arrives, until the harvest holds
        `limit` links: the child sitemaps it lists, what was wrong with it, and
        whether it was read to its end."""
        reader = SitemapReader(url, max_bytes=SITEMAP_BYTES)
        nested: list[SitemapItem] = []
        given = 0

        def take(items: list[SitemapItem]) -> None:
            nonlocal given
            given += len(items)
            nested.extend(i for i in items if i.is_sitemap)
            harvest.offer(
                [
                    (i.url, i.news_published or i.lastmod)
                    for i in items
                    if not i.is_sitemap and self.site.allows(i.url)
                ],
                cap=limit,
            )

        def sink(chunk: bytes) -> bool:
            take(reader.feed(chunk))
            return reader.problem is None and len(harvest.items) < limit

        harvest.requests += 1
        try:
            await self.fetcher.stream(url, self.site, sink, limit=SITEMAP_BYTES)
        except FetchError as exc:
            return nested, exc.reason, False
        whole = reader.problem is None and len(harvest.items) < limit
        if whole:
            take(reader.close())
        if reader.kind is None and reader.problem is None and not given:
            return nested, "not a sitemap", False
        return nested, reader.problem, whole and reader.problem is None


def unchanged(lastmod: str | None, read_at: str | None) -> bool:
    """True when a sitemap says it last changed before it was last read."""
    if not lastmod or not read_at:
        return False
    stated, read = moment(lastmod), moment(read_at)
    return stated is not None and read is not None and stated < read


def moment(text: str) -> datetime | None:
    """An ISO 8601 date or time as an aware datetime: a bare day is its end in
    Vietnam (so a page changed that day counts as changed after any hour of it), a
    time without a zone is Vietnam's."""
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if len(text.strip()) == 10:
        when = when + timedelta(days=1) - timedelta(seconds=1)
    return when if when.tzinfo else when.replace(tzinfo=VIETNAM)


def _news_first(url: str) -> bool:
    return "news" in url.lower()


def article_links(harvest: Harvest, skip: set[str]) -> list[str]:
    """The harvest's links that are not a home page or section (`skip`, canonical),
    newest first where dates are known."""
    dated = [(date or "", url) for url, date in harvest.items.items()]
    dated.sort(key=lambda pair: pair[0], reverse=True)
    return [url for _, url in dated if canonical_url(url) not in skip]
