"""What a family site serves besides its news section: a home page with a menu,
about and contact pages, a second section ("Thông báo"), feeds and sitemaps.

A crawl that starts from the news listing never meets any of it (no listing or
article page links there); a crawl that starts from the home page finds it all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import ClassVar
from urllib.parse import urlsplit

from archiver.sample import feeds, menus
from archiver.sample.content import SiteTruth
from archiver.sample.render import (
    SCRIPT_SHELL,
    Response,
    SampleSite,
    esc,
    header_clock,
    html_page,
    today_in_vietnam,
)

NOTICES = 12  # stories of each family site's "Thông báo" section
NOTICES_LABEL = "Thông báo"
GZ_SITEMAP = "/sitemaps/articles-1.xml.gz"
NEWS_SITEMAP = "/sitemap-news.xml"


class WebSite(SampleSite):
    """A family site with a home page, pages, a notices section, feeds and sitemaps."""

    home_aliases: ClassVar[tuple[str, ...]] = ()  # other paths the CMS serves its home at
    about_path: ClassVar[str]
    contact_path: ClassVar[str]
    documents: ClassVar[tuple[str, str]]  # (label, path) of a menu link that is no section
    feed_path: ClassVar[str]
    feed_atom: ClassVar[bool] = False  # Atom instead of RSS 2.0
    rss_index: ClassVar[str | None] = None  # an HTML page listing the site's feeds
    notices_feed: ClassVar[str | None] = None  # the notices' feed, malformed
    sitemaps: ClassVar[str] = "none"  # "index" (named in robots.txt), "urlset" or "none"
    moved_notices: ClassVar[str]  # where move_notices() takes the notices listing

    def __init__(self, articles: int, today: Callable[[], date] = today_in_vietnam) -> None:
        super().__init__(articles, today)
        self.notices = self.make_notices()
        self._fresh = 0  # notices published after the start (move_notices)

    def make_notices(self) -> SampleSite | None:
        """The site's "Thông báo" section, a site of its own sharing this one's host."""
        return None

    def site_truth(self) -> SiteTruth:
        truth = super().site_truth()
        notices = self._synced_notices()
        if notices is None:
            return truth
        listing = notices.section_path
        return replace(
            truth,
            sections=truth.sections + ((self.url(listing),) if listing else ()),
            notices=[notices.truth(s) for s in notices.stories],
        )

    def _synced_notices(self) -> SampleSite | None:
        if self.notices is not None:
            self.notices.base_url = self.base_url
        return self.notices

    def move_notices(self) -> None:
        """Move the notices listing to `moved_notices` and publish a notice there."""
        notices = self._synced_notices()
        if notices is None:
            raise KeyError(f"{self.name} has no notices section")
        notices.section_path = self.moved_notices
        self._fresh += 1
        story = notices.make_story(-self._fresh)  # newer than every notice before it
        if notices.article_path(story) in notices.by_target:
            story = replace(story, slug=f"{story.slug}-{story.index + 1}")
        notices.publish(story)

    def drop_notices(self) -> None:
        """Take the notices section off the menu; its listing 404s, its notices stay."""
        notices = self._synced_notices()
        if notices is None:
            raise KeyError(f"{self.name} has no notices section")
        notices.section_path = None

    def route(self, target: str) -> Response:
        parts = urlsplit(target)
        page = self._portal_page(parts.path)
        if page is not None:
            return page
        response = super().route(target)
        notices = self._synced_notices()
        if response.status == 404 and notices is not None:
            return notices.route(target)
        return response

    def _portal_page(self, path: str) -> Response | None:
        if path == "/robots.txt":
            sitemap = f"Sitemap: {self.url('/sitemap.xml')}\n" if self.sitemaps == "index" else ""
            return Response(200, "text/plain; charset=utf-8", (self.robots + sitemap).encode())
        pages: dict[str, Callable[[], str]] = {
            "/": self.home_html,
            self.about_path: lambda: self._prose("Giới thiệu", menus.ABOUT),
            self.contact_path: lambda: self._prose("Liên hệ", menus.CONTACT),
        }
        pages.update(dict.fromkeys(self.home_aliases, self.home_html))
        if self.rss_index:
            pages[self.rss_index] = self._rss_index
        if path in pages:
            return html_page(SCRIPT_SHELL if self.redesigned else pages[path]())
        return self._feed(path) or self._sitemap(path)

    def menu(self) -> menus.Links:
        """The home page's menu: home, about, the sections, contact, documents, outside."""
        links = [("Trang chủ", "/"), ("Giới thiệu", self.about_path)]
        links.append((self.category, self.listing_path(1)))
        if self.notices is not None and self.notices.section_path:
            links.append((NOTICES_LABEL, self.notices.section_path))
        return [*links, ("Liên hệ", self.contact_path), self.documents, menus.EXTERNAL]

    def _frame(self, title: str, main: str) -> str:
        kind = feeds.ATOM_TYPE if self.feed_atom else feeds.RSS_TYPE
        feed = (f"{self.category} - {self.title}", self.feed_path, kind.split(";")[0])
        footer = [("RSS", self.rss_index)] if self.rss_index else []
        page = menus.Page(
            site=self.title,
            title=title,
            clock=header_clock(self.today()),
            menu=self.menu(),
            main=main,
            feed=feed,
            footer=[*footer, ("Liên hệ", self.contact_path)],
        )
        return menus.FRAMES[self.family](page)

    def home_html(self) -> str:
        newest = [(s.title, self.article_path(s)) for s in self.stories[:5]]
        return self._frame("Trang chủ", menus.newest_block(newest))

    def _prose(self, heading: str, paragraphs: tuple[str, ...]) -> str:
        return self._frame(heading, menus.prose(heading, paragraphs))

    def _rss_index(self) -> str:
        feeds_ = [(self.category, self.feed_path)]
        if self.notices_feed:
            feeds_.append((NOTICES_LABEL, self.notices_feed))
        items = "".join(
            f'<li><img src="/PublishingImages/rss.png" alt="RSS" /> <a href="{href}">'
            f"{esc(label, quote=False)}</a></li>"
            for label, href in feeds_
        )
        return self._frame(
            "RSS", f'<div class="rss-list"><h1>Kênh RSS</h1><ul>{items}</ul></div>\n'
        )

    def entries(self, site: SampleSite | None = None) -> list[feeds.Entry]:
        """The stories of this site (or of its notices) as feeds and sitemaps name them."""
        site = site or self
        return [
            feeds.Entry(site.url(site.article_path(s)), s.title, s.moment, s.summary)
            for s in site.stories
        ]

    def _feed(self, path: str) -> Response | None:
        link = self.url(self.listing_path(1))
        title = f"{self.category} - {self.title}"
        if path == self.feed_path and self.feed_atom:
            return Response(200, feeds.ATOM_TYPE, feeds.atom(title, link, self.entries()).encode())
        if path == self.feed_path:
            return Response(200, feeds.RSS_TYPE, feeds.rss(title, link, self.entries()).encode())
        notices = self._synced_notices()
        if path == self.notices_feed and notices is not None:
            text = feeds.broken_rss(NOTICES_LABEL, self.url("/"), self.entries(notices))
            return Response(200, feeds.RSS_TYPE, text.encode())
        return None

    def _sitemap(self, path: str) -> Response | None:
        if path not in ("/sitemap.xml", GZ_SITEMAP, NEWS_SITEMAP):
            return None  # every other request (each article) must not list every story
        notices = self._synced_notices()
        every = self.entries() + (self.entries(notices) if notices else [])
        if self.sitemaps == "urlset" and path == "/sitemap.xml":
            return Response(200, feeds.XML_TYPE, feeds.urlset(every).encode())
        if self.sitemaps != "index":
            return None
        if path == "/sitemap.xml":
            children = [self.url(GZ_SITEMAP), self.url(NEWS_SITEMAP)]
            newest = max(e.moment for e in every)
            return Response(200, feeds.XML_TYPE, feeds.sitemap_index(children, newest).encode())
        if path == GZ_SITEMAP:
            return Response(200, feeds.GZIP_TYPE, feeds.gzipped(feeds.urlset(every)))
        if path == NEWS_SITEMAP:
            return Response(
                200, feeds.XML_TYPE, feeds.news_sitemap(self.title, self.entries()).encode()
            )
        return None
