"""Listing page -> article links of the main column, and the next page.

Article links are found as the largest group of title links that repeat in
sibling items (`div.news-item > h3 > a`, `li > a`, ...), outside the page
chrome (header, menus, breadcrumb, footer, pager) and ranked so that a sidebar
block ("Tin mới") loses to the main column. The next page is pager.py's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.extract.chrome import chrome_by, class_id, is_chrome, plain_names
from archiver.extract.cms import CmsFamily, detect_family
from archiver.extract.pager import find_next_page
from archiver.extract.urls import FILE_EXTENSIONS, IMAGE_EXTENSIONS, absolute, base_url
from archiver.extract.vocabulary import (
    ASIDE_HEADINGS,
    ASIDE_NAMES,
    FAMILY_FEATURED_CLIMB,
    FEATURED_CLIMB,
    HEAD_OR_FOOT_NAMES,
    ITEM_CLIMB,
    LINK_TEXT_FULL,
    LINK_TITLE_CHARS,
    LINK_TITLE_SPACES,
    MIN_GROUP,
    PER_POST_CLASSES,
    RICH_ITEM,
    SIDE_ANCESTORS,
    SIDE_GROUP,
    SIDE_NAMES,
    TITLE_BAR_CHARS,
    TITLE_BAR_CLIMB,
)
from archiver.model import Links
from archiver.normalize import clean_line, fold

_HEADING = "h1, h2, h3, h4, h5, h6, .title, .heading, .module-title, .box-title"
_DIGITS = re.compile(r"\d+")
_HAS_DIGIT = re.compile(r"\d")
_WORD_BREAK = re.compile(r"[-_+\s]+")


@dataclass
class _Group:
    links: list[tuple[int, str, str]] = field(default_factory=list)  # (order, url, text)
    side: bool = False
    rich: int = 0  # items that also carry a sapo, an image or a date
    first: LexborNode | None = None  # the first item (or link), where a featured block ends


def find_links(
    tree: LexborHTMLParser,
    page_url: str,
    selectors: Mapping[str, str] | None = None,
    *,
    family: CmsFamily | bool | None = True,
) -> Links:
    """The main column's article links (absolute, in page order, unique) and the next page.

    `family` is the page's CMS family when the caller has detected it already
    (None: unknown layout); True detects it here.
    """
    selectors = selectors or {}
    base = base_url(tree, page_url)
    found = detect_family(tree) if family is True else family or None
    return Links(
        articles=find_articles(tree, page_url, base, selectors, found),
        next_page=find_next_page(tree, page_url, base, selectors, found),
    )


def find_articles(
    tree: LexborHTMLParser,
    page_url: str,
    base: str,
    selectors: Mapping[str, str],
    family: CmsFamily | None,
) -> tuple[str, ...]:
    """`find_links(...).articles` alone, for a caller that knows the page's base URL
    and family and needs no next page (finding it costs more again)."""
    return tuple(_articles(tree, base, page_url, selectors, family))


@lru_cache(maxsize=4096)
def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _article_url(href: str | None, base: str, page_url: str) -> str | None:
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    url = absolute(base, href)
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or _host(url) != _host(page_url):
        return None
    if parts.path.lower().endswith(FILE_EXTENSIONS + IMAGE_EXTENSIONS):
        return None
    if (parts.path in ("", "/") and not parts.query) or url == page_url:
        return None
    if "?" in page_url and url == page_url.split("?", 1)[0]:
        return None  # the first page of the listing this page continues ("?p=2")
    return url


def _articles(
    tree: LexborHTMLParser,
    base: str,
    page_url: str,
    selectors: Mapping[str, str],
    family: CmsFamily | None,
) -> list[str]:
    chosen = selectors.get("article_links")
    # A family's selectors as one query: the items in page order, a featured item
    # written with another of them (h2 rather than h3) included.
    selector = chosen or ", ".join(family.article_links if family else ())
    if selector:
        urls = _unique(
            _article_url(a.attributes.get("href"), base, page_url) for a in tree.css(selector)
        )
        if urls and not chosen:
            first = tree.css_first(selector)
            return _featured(first, urls, base, page_url, FAMILY_FEATURED_CLIMB) + urls
        if urls or chosen:
            return urls
    return _generic_articles(tree, base, page_url)


def _unique(urls: Iterable[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for url in urls:
        if url is not None:
            seen.setdefault(url, None)
    return list(seen)


def _generic_articles(tree: LexborHTMLParser, base: str, page_url: str) -> list[str]:
    groups: dict[tuple[int, str], _Group] = {}
    counts: dict[int, Counter[str]] = {}
    rich: dict[int, bool] = {}
    chrome: dict[int, bool] = {}  # verdict per element: ancestors are shared by many links
    aside: dict[int, bool] = {}
    # `order` only sorts the chosen group's links back into page order.
    for order, a in enumerate(tree.css("a[href]")):
        raw = a.text()
        if "<" in raw:
            raw = _without_noscript(a, raw)
        text = clean_line(raw) if len(raw) >= LINK_TITLE_CHARS else ""
        if len(text) < LINK_TITLE_CHARS or text.count(" ") < LINK_TITLE_SPACES:
            continue  # titles are sentences; "Xem tiếp »", icons and numbers are not
        # The text rules out most links: only the rest climb to their ancestors.
        ancestors = _ancestors_outside_chrome(a, chrome)
        if ancestors is None:
            continue
        url = _article_url(a.attributes.get("href"), base, page_url)
        if url is None:
            continue
        if any(_aside_cached(n, aside) for n in ancestors[-SIDE_ANCESTORS:]):
            continue
        key, item = _group_key(a, ancestors, counts)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(first=item or a)
            group.side = any(SIDE_NAMES.search(class_id(n)) for n in ancestors[-SIDE_ANCESTORS:])
        group.links.append((order, url, text))
        if item is not None and item.mem_id not in rich:
            rich[item.mem_id] = _is_rich(item)
            group.rich += rich[item.mem_id]
    for best in sorted(groups.values(), key=_score, reverse=True):
        if len(best.links) < MIN_GROUP:
            break
        if not _headed_aside(best.first):
            listed = _unique(url for _, url, _ in sorted(best.links))
            return _featured(best.first, listed, base, page_url) + listed
    return []


def _without_noscript(a: LexborNode, raw: str) -> str:
    """A link's text without its `<noscript>` fallback: parsed with scripting on, that
    holds its markup as text (`<img src="...">` of a lazy thumbnail), no title."""
    for fallback in a.css("noscript"):
        raw = raw.replace(fallback.text(), "", 1)
    return raw


def _headed_aside(item: LexborNode | None) -> bool:
    """Whether a list is headed "Đọc nhiều", "Tin mới" and the like: by the title bar
    nearest before its first item, however many boxes wrap the list (a Liferay portlet
    puts its title four above the first item)."""
    node = item
    for _ in range(TITLE_BAR_CLIMB):
        if node is None or node.tag in ("body", "html"):
            return False
        sibling = node.prev
        while sibling is not None:
            if sibling.tag and sibling.tag[0] != "-":
                text = sibling.text()
                if len(text) >= TITLE_BAR_CHARS:
                    return False  # content (a featured story, another list): no title bar
                if text.strip():
                    return _aside_title(sibling)
            sibling = sibling.prev
        node = node.parent
    return False


def _aside_title(bar: LexborNode) -> bool:
    """Whether a short block is the title bar of a "most read"-like box (its heading, or
    its whole text when it has none: "Đọc nhiều" beside a "Xem thêm" link)."""
    heading = bar if bar.css_matches(_HEADING) else bar.css_first(_HEADING)
    return fold(clean_line((heading or bar).text())) in ASIDE_HEADINGS


def _featured(
    item: LexborNode | None,
    listed: list[str],
    base: str,
    page_url: str,
    climb: int = FEATURED_CLIMB,
) -> list[str]:
    """The featured block right before a list, in the same column: its links whose URLs
    have the list's shape (a bigger picture, an h2 rather than h3, a div of its own)."""
    shapes = Counter(_shape(url) for url in listed)
    shape, _ = shapes.most_common(1)[0]
    taken = set(listed)
    node = item
    for _ in range(climb + 1):
        if node is None or node.tag in ("body", "html") or is_chrome(node):
            return []
        sibling = node.prev
        while sibling is not None:
            if sibling.tag and sibling.tag[0] != "-":
                if _beside_column(sibling):
                    return []
                found, other = _block_links(sibling, base, page_url, taken, shape)
                if found:
                    return found
                if other:  # something else stands between: a menu, another list
                    return []
            sibling = sibling.prev
        node = node.parent
    return []


def _beside_column(block: LexborNode) -> bool:
    """Whether a block before the list is outside the main column's run of stories: a
    breadcrumb or menu, a sidebar, a "most read" box by its class or its heading."""
    names = class_id(block)
    if chrome_by(block.tag or "", names) or ASIDE_NAMES.search(plain_names(names)):
        return True
    return any(_aside_title(heading) for heading in block.css(_HEADING))


def _block_links(
    block: LexborNode, base: str, page_url: str, taken: set[str], shape: str
) -> tuple[list[str], bool]:
    """A block's new links of `shape`, and whether it holds new links of another shape."""
    found: list[str] = []
    other = False
    anchors = [block] if block.tag == "a" else block.css("a[href]")
    for a in anchors:
        url = _article_url(a.attributes.get("href"), base, page_url)
        if url is None or url in taken:
            continue
        if _shape(url) == shape:
            found.append(url)
        else:
            other = True
    return _unique(found), other


@lru_cache(maxsize=4096)
def _shape(url: str) -> str:
    """What the URLs of one list share: each path segment as its kind (word, number,
    slug), the query's keys, and its values that hold no digit."""
    parts = urlsplit(url)
    path = "/".join(_segment_shape(s) for s in parts.path.split("/"))
    query = sorted(
        f"{k.lower()}={'0' if _HAS_DIGIT.search(v) else v.lower()}"
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
    )
    return f"{path}?{'&'.join(query)}"


def _segment_shape(segment: str) -> str:
    stem, dot, extension = segment.rpartition(".") if "." in segment else (segment, "", "")
    words = [w for w in _WORD_BREAK.split(stem) if w]
    if not words:
        return f"{dot}{extension}"
    if len(words) > 1:
        # A title can open or close with a number ("5 giải pháp", "quý I/2025"), so a
        # slug's leading or trailing number is no id that sets it apart.
        return f"s{dot}{extension.lower()}"
    return f"{'0' if words[0].isdigit() else 'a'}{dot}{extension.lower()}"


def _score(group: _Group) -> float:
    distinct = {url for _, url, _ in group.links}
    text = sum(len(t) for _, _, t in group.links) / max(1, len(group.links))
    worded = 1.0 + min(text, LINK_TEXT_FULL) / LINK_TEXT_FULL
    score = len(distinct) * worded + RICH_ITEM * group.rich
    return score * (SIDE_GROUP if group.side else 1.0)


def _is_rich(item: LexborNode) -> bool:
    return item.css_first("p, img, .sapo, .date, time, span") is not None


def _ancestors_outside_chrome(a: LexborNode, chrome: dict[int, bool]) -> list[LexborNode] | None:
    """A link's ancestors (outermost first), or None when one of them is page chrome."""
    ancestors: list[LexborNode] = []
    tags: list[str] = []  # each read once: a read builds the string anew
    node = a.parent
    while node is not None:
        tag = node.tag or ""
        if tag in ("body", "html"):
            break
        ancestors.append(node)
        tags.append(tag)
        node = node.parent
    ancestors.reverse()
    tags.reverse()
    story = False  # below an <article>: its own header and footer are no page chrome
    for node, tag in zip(ancestors, tags, strict=True):
        story = story or tag == "article"
        if _chrome_cached(node, tag, chrome) and not (story and _story_part(node)):
            return None
    return ancestors


def _story_part(node: LexborNode) -> bool:
    """A story's header or footer (`<header class="entry-header">` around its title)."""
    return node.tag in ("header", "footer") or bool(HEAD_OR_FOOT_NAMES.search(class_id(node)))


def _aside_cached(node: LexborNode, seen: dict[int, bool]) -> bool:
    verdict = seen.get(node.mem_id)
    if verdict is None:
        verdict = seen[node.mem_id] = bool(ASIDE_NAMES.search(plain_names(class_id(node))))
    return verdict


def _chrome_cached(node: LexborNode, tag: str, seen: dict[int, bool]) -> bool:
    key = node.mem_id
    verdict = seen.get(key)
    if verdict is None:
        verdict = seen[key] = chrome_by(tag, class_id(node))
    return verdict


def _signature(node: LexborNode) -> str:
    return f"{node.tag}.{_item_classes(node.attributes.get('class') or '')}"


@lru_cache(maxsize=4096)
def _item_classes(names: str) -> str:
    """The class names the items of one list share: numbers masked, and without the
    names that tell one item's post from another's (WordPress writes "post-12
    category-kinh-te tag-lua" on each)."""
    if not _HAS_DIGIT.search(names) and "-" not in names:
        return names
    kept = (n for n in names.split() if not n.startswith(PER_POST_CLASSES))
    return _DIGITS.sub("0", " ".join(kept))


def _group_key(
    a: LexborNode, ancestors: list[LexborNode], counts: dict[int, Counter[str]]
) -> tuple[tuple[int, str], LexborNode | None]:
    """(container id, path from the repeated item down to the link), and the item."""
    chain = [*ancestors, a]
    for level in range(1, min(ITEM_CLIMB, len(chain) - 1) + 1):
        item, parent = chain[-level], chain[-level - 1]
        if parent.mem_id not in counts:
            counts[parent.mem_id] = Counter(_signature(c) for c in parent.iter())
        if counts[parent.mem_id][_signature(item)] >= 2:
            path = "/".join(_signature(n) for n in chain[-level:])
            return (parent.mem_id, path), item
    parent = chain[-2] if len(chain) > 1 else a
    return (parent.mem_id, _signature(a)), None
