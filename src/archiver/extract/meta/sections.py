"""The section a page is filed under: the last crumb of its breadcrumb trail, the
declared section, or the top menu's news entry."""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborNode

from archiver.extract.chrome import (
    in_chrome,
    is_breadcrumb,
)
from archiver.extract.page import (
    Page,
    candidates,
    folds_to_start,
    ld_text,
)
from archiver.extract.vocabulary import (
    CUT_TITLE,
    LEAF_CHARS,
    TRAIL_LINKS,
)
from archiver.normalize import clean_line, fold

# Links in a list or a menu that hold "tin": the place first, so that Lexbor reads the
# text of those links alone, once each ('ul a:..., nav a:...' read every link's twice
# and listed a link in both twice).
_NEWS_LINKS = 'a:is(ul a, nav a):lexbor-contains("tin" i)'
# Breadcrumbs by their names and markup (page.is_breadcrumb decides), "div.cat-title",
# and links home, in one query: case-sensitive pieces of the names ("rumb" for
# "breadcrumb" and "BreadCrumb"), which cost Lexbor less than case-blind ones.
_HOME_LINKS = 'a:lexbor-contains("trang ch" i), a:lexbor-contains("home" i)'
_TRAIL_QUERY = (
    "[class*=rumb], [id*=rumb], [class*=athway], [class*=uong-dan], "
    f"[itemtype*=BreadcrumbList], [aria-label*=rumb], div.cat-title, {_HOME_LINKS}"
)
_HOME_WORDS = ("trang chu", "home")
_TRAIL_BLOCKS = frozenset({"ul", "ol", "div", "nav", "p", "li", "h1", "h2", "h3", "span"})
_TRAIL_GLUE = " »>/›|-:→·\u00a0\u203a\u00bb"
_TRAIL_LABEL = re.compile(r"bạn đang ở|vị trí|you are here", re.IGNORECASE)
# Crumbs that name no section: the home page, and the article's own page.
_NOT_SECTIONS = frozenset(
    {"trang chu", "home", "chi tiet", "xem chi tiet", "chi tiet tin", "noi dung", "bai viet"}
)


def category(page: Page, title: str | None) -> str | None:
    """The section: the last crumb of a breadcrumb that is a section, else the
    declared section, else the menu's news entry."""
    for selector in candidates(page, "category"):
        for node in page.tree.css(selector):
            name = _last_crumb(page, node, title)
            if name:
                return name
    for node in _trails(page):
        name = _last_crumb(page, node, title)
        if name:
            return name
    declared = ld_text(page, "articleSection") or page.meta.get("article:section")
    return declared or _news_section(page)


def _trails(page: Page) -> Iterator[LexborNode]:
    """Breadcrumbs by name or markup (outermost first, in page order), then "div.cat-title"
    headings, then trails known by their shape alone: a row of links from the home
    page, and nothing else (a first <h1> written as the trail, say). One query finds
    the three kinds (each query walks the whole tree); Python sorts them out."""
    named, headings, homes = [], [], []
    for node in page.tree.css(_TRAIL_QUERY):
        if node.tag == "a" and not is_breadcrumb(node):
            homes.append(node)
        elif is_breadcrumb(node):
            named.append(node)
        elif node.tag == "div" and "cat-title" in (node.attributes.get("class") or ""):
            headings.append(node)
    yield from named
    yield from headings
    for home in homes:
        trail = _trail_of(home)
        if trail is not None:
            yield trail


def _trail_of(home: LexborNode) -> LexborNode | None:
    """The block a link home opens, when that block is a trail: 2 to 6 links, the
    home link first, between them only separators (and a "Bạn đang ở:" label)."""
    if not folds_to_start(clean_line(home.text()), _HOME_WORDS):
        return None
    block = home.parent
    while block is not None and block.tag not in _TRAIL_BLOCKS:
        block = block.parent
    if block is not None and block.tag == "li":
        block = block.parent
    if block is None or block.tag in ("body", "html") or in_chrome(block):
        return None
    links = block.css("a")
    if not 2 <= len(links) <= TRAIL_LINKS or links[0].mem_id != home.mem_id:
        return None
    # Between the links only separators; after the last, maybe the article's own
    # crumb, which is no link.
    glue, _, leaf = clean_line(block.text()).rpartition(clean_line(links[-1].text()))
    for link in links[:-1]:
        glue = glue.replace(clean_line(link.text()), "", 1)
    trail = not _TRAIL_LABEL.sub("", glue).strip(_TRAIL_GLUE) and len(leaf) <= LEAF_CHARS
    return block if trail else None


def _news_section(page: Page) -> str | None:
    """Last resort for pages with no breadcrumb: the top menu's news section.

    Provincial portals have one "Tin tức ..." entry in their main menu and file
    every article without a breadcrumb under it; a guess, so it comes last.
    """
    # Lexbor keeps to the links that hold "tin" at all (any case), sparing Python
    # the text of every other menu link; the fold below decides.
    for a in page.tree.css(_NEWS_LINKS):
        text = clean_line(a.text())
        if folds_to_start(text, ("tin tuc",)) and in_chrome(a):
            return text
    return None


def _last_crumb(page: Page, node: LexborNode, title: str | None) -> str | None:
    """The last crumb of a trail that names a section: not the home page, not the
    article (its title, whole or cut, or a "Chi tiết" label), not a separator."""
    items = node.css("li") or node.css("a") or [node]
    for item in reversed(items):
        text = clean_line(item.text())
        if text and not _not_section(text, title):
            return text
    return None


def _not_section(text: str, title: str | None) -> bool:
    folded = " ".join(fold(text).strip(_TRAIL_GLUE).split())
    if not folded or folded in _NOT_SECTIONS:
        return True
    if title is None:
        return False
    if text == title:
        return True
    cut = text.rstrip(".… ").strip()  # "Hội nghị Ban Chấp hành Đảng..." cuts the title
    return text != cut and len(cut) >= CUT_TITLE and title.startswith(cut)
