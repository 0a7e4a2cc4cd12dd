"""What a site's home page offers a crawler that starts there: the links that may be
news sections (ranked, to be tested by fetching them), its feeds, and its name.

Nothing here fetches: the crawl tests each candidate section by walking it (a
section is a page that passes the listing test), and reads each feed. A menu is
read by its words and by where it sits, never by one portal's markup, because
each CMS family and each theme writes menus differently."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.normalize import canonical_url, clean_line, fold, join_url

# Words of a news section's label (folded), from DOMAIN.md and the menus of provincial
# portals and newspapers: news, events, current affairs, activities, notices, and the
# beats a paper is divided into.
_NEWS_WORDS = re.compile(
    r"\b(?:tin|ban tin|su kien|thoi su|hoat dong|thong bao|thong cao|chinh tri|kinh te|"
    r"van hoa|xa hoi|the thao|giao duc|y te|quoc phong|an ninh|phap luat|doi song|du lich|"
    r"nong nghiep|nong thon|khoa hoc|cong nghe|moi truong|xay dung dang|phong su|"
    r"chuyen de|chuyen muc|dia phuong|trong tinh|trong nuoc|quoc te|the gioi|ban doc|"
    r"kinh doanh|tai chinh|giai tri|suc khoe|lao dong|viec lam|bat dong san|so hoa|"
    r"nhip song|goc nhin|y kien|dien dan|biet phong|an toan giao thong|cai cach|"
    r"news|events?|announcements?|press)\b"
)
# Labels that name what is never a list of stories, even in a news menu.
_NOT_NEWS = re.compile(
    r"^(?:trang chu|home|gioi thieu|lien he|so do|dang nhap|dang ky|hoi dap|hoi - dap|"
    r"tim kiem|english|tieng anh|rss|site ?map|lich cong tac|lich lam viec|danh ba|"
    r"thu tuc hanh chinh|dich vu cong|tra cuu|gop y|bao gia|quang cao|tuyen dung|"
    r"van ban|van ban phap luat|he thong van ban|co cau to chuc|to chuc bo may|"
    r"thu vien anh|video|podcast|e-?magazine|bao in|doc bao in|login|contact|about)\b"
)
_PATH_WORDS = re.compile(
    r"(?:tin-?tuc|tintuc|thong-?bao|su-?kien|thoi-?su|hoat-?dong|chuyen-?muc|danh-?muc|"
    r"category|categories|news|/tin/|/c/|chu-de|chuyenmuc)",
    re.IGNORECASE,
)
# A section's path as menus write it: one or two slug segments, no number that would
# name one story ("/kinh-doanh", "/tin-tuc/tin-kinh-te"), an optional extension.
_SECTION_PATH = re.compile(r"^/(?:[a-z][a-z-]*/){0,1}[a-z][a-z-]*/?(?:\.[a-z]{2,5})?$")
_FILES = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|zip|rar|7z|jpe?g|png|gif|webp|svg|mp[34]|avi|apk|exe)$", re.I
)
_MENU_NAMES = re.compile(r"menu|nav|topbar|header|danh-?muc|chuyen-?muc", re.I)
_FEED_TYPES = re.compile(r"application/(?:rss|atom|rdf)\+xml|text/xml|application/xml", re.I)
_FEED_HREF = re.compile(r"(?:\.rss|\.atom|/rss|/feeds?(?:/|$|\.)|rss\.|feed\.xml)", re.I)
_MAX_LABEL_WORDS = 7  # a longer label is a story's title, not a section's name


@dataclass(frozen=True)
class Candidate:
    """A link that may lead to a news section, with why it was taken."""

    url: str
    label: str
    score: int


@dataclass(frozen=True)
class HomeLinks:
    """What a home page offers: candidate sections (best first), feeds, pages that
    list feeds (an "RSS" page), and the site's own name."""

    sections: tuple[Candidate, ...]
    feeds: tuple[tuple[str, str | None], ...]  # (url, title)
    feed_pages: tuple[str, ...]
    title: str | None


def read_home(html: str, url: str, allows: Callable[[str], bool]) -> HomeLinks:
    """The candidate sections and the feeds a home page links, on the site itself
    (`allows`), in the order a reader meets them."""
    tree = LexborHTMLParser(html)
    base = _base(tree, url)
    feeds: dict[str, str | None] = {}
    for link in tree.css("link[rel][href]"):
        rel = (link.attributes.get("rel") or "").lower()
        kind = link.attributes.get("type") or ""
        if "alternate" in rel and _FEED_TYPES.search(kind):
            target = _resolve(base, link.attributes.get("href"), allows)
            if target:
                feeds.setdefault(target, link.attributes.get("title"))
    scored: dict[str, Candidate] = {}  # by canonical URL: trackers make no second section
    feed_pages: list[str] = []
    home_key = _key(url)
    for a in tree.css("a[href]"):
        target = _resolve(base, a.attributes.get("href"), allows)
        if target is None or _key(target) == home_key or _FILES.search(urlsplit(target).path):
            continue
        label = clean_line(a.text(deep=True, separator=" ")) or clean_line(
            a.attributes.get("title") or ""
        )
        folded = fold(label)
        if _FEED_HREF.search(target) or folded == "rss":
            if _FEED_HREF.search(urlsplit(target).path) and "." in target.rsplit("/", 1)[-1]:
                feeds.setdefault(target, label or None)
            else:
                feed_pages.append(target)
            continue
        score = _score(a, folded, target)
        key = canonical_url(target)
        if score > 0 and key not in scored:
            scored[key] = Candidate(target, label, score)
    ranked = sorted(scored.values(), key=lambda c: -c.score)  # stable: menu order kept
    return HomeLinks(
        sections=tuple(ranked),
        feeds=tuple(feeds.items()),
        feed_pages=tuple(dict.fromkeys(feed_pages)),
        title=_site_title(tree),
    )


def feed_links(html: str, url: str, allows: Callable[[str], bool]) -> list[str]:
    """The links an "RSS" page holds that may be feeds (a portal's index of its
    feeds); those that turn out to be HTML pages are passed over by the reader."""
    tree = LexborHTMLParser(html)
    base = _base(tree, url)
    out = []
    here = _key(url)
    for a in tree.css("a[href]"):
        target = _resolve(base, a.attributes.get("href"), allows)
        if not target or _key(target) == here:  # the page's own link in its menu
            continue
        parts = urlsplit(target)
        if _FEED_HREF.search(f"{parts.path}?{parts.query}"):
            out.append(target)
    return list(dict.fromkeys(out))


def _score(a: LexborNode, folded: str, target: str) -> int:
    """How likely a link is a news section: its words, its URL and its place."""
    if not folded or len(folded.split()) > _MAX_LABEL_WORDS or _NOT_NEWS.match(folded):
        return 0
    score = 0
    path = urlsplit(target).path
    if _NEWS_WORDS.search(folded):
        score += 3
    if _PATH_WORDS.search(path):
        score += 2
    menu = _in_menu(a)
    if score and menu:
        score += 2
    elif menu and _SECTION_PATH.match(path.lower()) and len(folded.split()) <= 4:
        score += 1  # a menu's short label on a section-shaped path: last, but tested
    return score


def _in_menu(a: LexborNode) -> bool:
    """True when a link sits in a nav, a header or a block named as a menu."""
    node = a.parent
    for _ in range(8):
        if node is None:
            return False
        if node.tag in ("nav", "header"):
            return True
        names = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _MENU_NAMES.search(names):
            return True
        node = node.parent
    return False


def _site_title(tree: LexborHTMLParser) -> str | None:
    for query in ('meta[property="og:site_name"]', 'meta[name="application-name"]'):
        node = tree.css_first(query)
        content = clean_line(node.attributes.get("content") or "") if node else ""
        if content:
            return content
    node = tree.css_first("title")
    text = clean_line(node.text()) if node else ""
    if not text:
        return None
    # "Trang chủ - Cổng thông tin điện tử tỉnh X": the part that is not "home"
    parts = [p.strip() for p in re.split(r"\s+[-|–»:]\s+", text) if p.strip()]
    named = [p for p in parts if fold(p) not in ("trang chu", "home", "homepage")]
    return max(named, key=len) if named else text


def _base(tree: LexborHTMLParser, url: str) -> str:
    node = tree.css_first("base[href]")
    href = node.attributes.get("href") if node else None
    return (join_url(url, href) or url) if href else url


def _resolve(base: str, href: str | None, allows: Callable[[str], bool]) -> str | None:
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    target = join_url(base, href.strip())
    if target is None or urlsplit(target).scheme not in ("http", "https"):
        return None
    target = target.split("#", 1)[0]
    return target if allows(target) else None


def _key(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if re.fullmatch(r"/(?:index|default|home|trang-chu)(?:\.[a-z]+)?", path, re.I):
        path = ""
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}:{parts.port}{path}?{parts.query}"
