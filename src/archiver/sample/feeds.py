"""Feeds and sitemaps of the sample sites: RSS 2.0, Atom, sitemap indexes, urlsets
(plain or gzipped), Google News sitemaps, and one feed broken the way real ones are.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
XML_TYPE = "application/xml; charset=utf-8"
GZIP_TYPE = "application/x-gzip"
FEED_SIZE = 20  # items in a feed: the newest
NEWS_SITEMAP_SIZE = 10  # the Google News sitemap's newest articles
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True)
class Entry:
    """One story as a feed or sitemap names it."""

    url: str  # absolute
    title: str
    moment: datetime  # +07:00
    summary: str


def rss(title: str, link: str, entries: Sequence[Entry]) -> str:
    """An RSS 2.0 channel; `<pubDate>` in RFC 822 with the +0700 offset."""
    items = "".join(
        f"<item><title>{escape(e.title)}</title><link>{escape(e.url)}</link>"
        f'<guid isPermaLink="true">{escape(e.url)}</guid>'
        f"<description>{escape(e.summary)}</description>"
        f"<pubDate>{format_datetime(e.moment)}</pubDate></item>\n"
        for e in entries[:FEED_SIZE]
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n'
        f"<title>{escape(title)}</title><link>{escape(link)}</link>"
        f"<description>{escape(title)}</description><language>vi</language>\n{items}"
        "</channel></rss>\n"
    )


def atom(title: str, link: str, entries: Sequence[Entry]) -> str:
    """An Atom feed, as Liferay's asset publisher serves one."""
    newest = entries[0].moment.isoformat() if entries else "2000-01-01T00:00:00+07:00"
    items = "".join(
        f"<entry><title>{escape(e.title)}</title>"
        f'<link rel="alternate" href="{escape(e.url)}"/><id>{escape(e.url)}</id>'
        f"<updated>{e.moment.isoformat()}</updated><published>{e.moment.isoformat()}</published>"
        f"<summary>{escape(e.summary)}</summary></entry>\n"
        for e in entries[:FEED_SIZE]
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f'<title>{escape(title)}</title><link rel="alternate" href="{escape(link)}"/>'
        f"<id>{escape(link)}</id><updated>{newest}</updated>\n{items}</feed>\n"
    )


def broken_rss(title: str, link: str, entries: Sequence[Entry]) -> str:
    """An RSS feed as a careless CMS plug-in writes it: a bare `&` in a title and
    the document cut off inside its second item. No XML parser accepts it."""
    whole = rss(title, link, entries)
    items = whole.split("<item>")
    first = items[1].replace("<title>", "<title>Thông báo & lịch làm việc: ", 1)
    return items[0] + "<item>" + first + "<item>" + items[2][: len(items[2]) // 2]


def urlset(entries: Sequence[Entry]) -> str:
    """A sitemap naming every entry with its `<lastmod>`."""
    urls = "".join(
        f"<url><loc>{escape(e.url)}</loc><lastmod>{e.moment.isoformat()}</lastmod></url>\n"
        for e in entries
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_SITEMAP_NS}">\n{urls}</urlset>\n'
    )


def sitemap_index(children: Sequence[str], lastmod: datetime) -> str:
    """A sitemap index naming the child sitemaps (absolute URLs)."""
    items = "".join(
        f"<sitemap><loc>{escape(url)}</loc><lastmod>{lastmod.isoformat()}</lastmod></sitemap>\n"
        for url in children
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{_SITEMAP_NS}">\n'
        f"{items}</sitemapindex>\n"
    )


def news_sitemap(publication: str, entries: Sequence[Entry]) -> str:
    """A Google News sitemap of the newest entries."""
    urls = "".join(
        f"<url><loc>{escape(e.url)}</loc><news:news><news:publication>"
        f"<news:name>{escape(publication)}</news:name><news:language>vi</news:language>"
        f"</news:publication><news:publication_date>{e.moment.isoformat()}"
        f"</news:publication_date><news:title>{escape(e.title)}</news:title></news:news></url>\n"
        for e in entries[:NEWS_SITEMAP_SIZE]
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_SITEMAP_NS}" '
        f'xmlns:news="{_NEWS_NS}">\n{urls}</urlset>\n'
    )


def gzipped(text: str) -> bytes:
    """The gzip file a server stores a sitemap as (fixed mtime: same bytes every run)."""
    return gzip.compress(text.encode("utf-8"), mtime=0)
