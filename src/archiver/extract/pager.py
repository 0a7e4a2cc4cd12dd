"""A listing's next page: named by a selector, by `rel=next`, by a script-driven
pager's page numbers, by its button's text, or by the number after the current one."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.extract.chrome import class_id
from archiver.extract.cms import CmsFamily
from archiver.extract.urls import absolute
from archiver.extract.vocabulary import CURRENT_NAMES, PAGER_BUTTON
from archiver.normalize import clean_line

_NEXT_TEXTS = frozenset(
    {"sau »", "sau", "tiếp", "tiếp »", "trang sau", "trang tiếp", "»", "›", ">", "next", "next »",
     "next ›", "sau ›", "trang sau »", ">>"}
)  # fmt: skip
_PAGE_PARAMS = (
    "page", "Page", "p", "trang", "_101_cur", "cur", "PageIndex", "pageindex", "currentpage",
    "CurrentPage",
)  # fmt: skip
_OFFSET_PARAMS = frozenset({"limitstart", "start", "offset"})
_PAGE_PATH = re.compile(r"/(?:current)?(?:page|trang)[-/](\d+)", re.IGNORECASE)
# "More" buttons lead to the next page only when their URL asks for a later page: in an
# item they lead to the story.
_MORE_TEXTS = frozenset({"xem thêm", "xem tiếp", "tải thêm", "xem thêm tin", "more"})
_ONCLICK_PAGE = re.compile(r"\(\s*['\"]?(\d+)['\"]?\s*\)")


def find_next_page(
    tree: LexborHTMLParser,
    page_url: str,
    base: str,
    selectors: Mapping[str, str],
    family: CmsFamily | None,
) -> str | None:
    """`find_links(...).next_page` alone (see `find_articles`)."""
    return _next_page(tree, base, page_url, selectors, family)


def _next_page(
    tree: LexborHTMLParser,
    base: str,
    page_url: str,
    selectors: Mapping[str, str],
    family: CmsFamily | None,
) -> str | None:
    chosen = selectors.get("next_page")
    if chosen:
        node = tree.css_first(chosen)
        return _pager_url(node.attributes.get("href") if node else None, base, page_url)
    for selector in family.next_page if family else ():
        node = tree.css_first(selector)
        url = _pager_url(node.attributes.get("href") if node else None, base, page_url)
        if url:
            return url
    for node in tree.css("a[rel~=next], link[rel~=next]"):
        url = _pager_url(node.attributes.get("href"), base, page_url)
        if url:
            return url
    if family is not None and family.page_param:
        url = _next_by_script(tree, page_url, family.page_param)
        if url:
            return url
    return _next_by_text(tree, base, page_url) or _next_by_number(tree, base, page_url)


def _pager_url(href: str | None, base: str, page_url: str) -> str | None:
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:")):
        return None
    url = absolute(base, href)
    return None if url is None or url == page_url else url


def _short_links(tree: LexborHTMLParser) -> Iterator[tuple[LexborNode, str]]:
    """Links whose text is short enough to be a pager button, with that text."""
    for a in tree.css("a[href]"):
        raw = a.text()
        if len(raw) <= PAGER_BUTTON:
            yield a, clean_line(raw)


def _next_by_text(tree: LexborHTMLParser, base: str, page_url: str) -> str | None:
    for a, text in _short_links(tree):
        lowered = text.lower()
        if lowered in _NEXT_TEXTS or (not text and _is_next_button(a)):
            url = _pager_url(a.attributes.get("href"), base, page_url)
            if url:
                return url
        elif lowered in _MORE_TEXTS:
            url = _pager_url(a.attributes.get("href"), base, page_url)
            if url and _later_page(url, page_url):
                return url
    return None


def _is_next_button(a: LexborNode) -> bool:
    # Icon-only pager buttons: <a class="next"> or title="Trang sau" with no text.
    hint = f"{a.attributes.get('class') or ''} {a.attributes.get('title') or ''}".lower()
    return "next" in hint or "trang sau" in hint


def _next_by_script(tree: LexborHTMLParser, page_url: str, param: str) -> str | None:
    """A script-driven pager's next page as the URL that serves it without script.

    The buttons carry their page number (`data-page="3"`, `onclick="go(3)"`);
    the page after the current one is asked for with `param`.
    """
    wanted = current_page(page_url) + 1
    for a in tree.css("a[data-page], a[onclick]"):
        number = a.attributes.get("data-page") or ""
        if not number.isdigit():
            found = _ONCLICK_PAGE.search(a.attributes.get("onclick") or "")
            number = found.group(1) if found else ""
        if number.isdigit() and int(number) == wanted:
            return _with_param(page_url, param, wanted)
    return None


def _with_param(url: str, param: str, value: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != param]
    query.append((param, str(value)))
    return urlunsplit(parts._replace(query=urlencode(query), fragment=""))


def current_page(url: str) -> int:
    """The page number a listing URL asks for (1 when it names none)."""
    number = _page_number(url)
    return 1 if number is None else number


def _page_number(url: str) -> int | None:
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query):
        if (key in _PAGE_PARAMS or key.endswith("_cur")) and value.isdigit():
            return int(value)
    match = _PAGE_PATH.search(parts.path)
    return int(match.group(1)) if match else None


def _later_page(url: str, page_url: str) -> bool:
    """Whether `url` asks for a later listing page than `page_url`, by page number or
    by item offset. A URL naming neither is the first: counted as 0, since Drupal's
    second page is `?page=1` and Joomla's `limitstart=10`."""
    number = _page_number(url)
    if number is not None:
        return number > (_page_number(page_url) or 0)
    offset = _offset(url)
    return offset is not None and offset > (_offset(page_url) or 0)


def _offset(url: str) -> int | None:
    """The first item a listing URL asks for (Joomla's `limitstart`, `start`)."""
    for key, value in parse_qsl(urlsplit(url).query):
        if key.lower() in _OFFSET_PARAMS and value.isdigit():
            return int(value)
    return None


def _next_by_number(tree: LexborHTMLParser, base: str, page_url: str) -> str | None:
    numbered = [(a, text) for a, text in _short_links(tree) if text.isdigit()]
    seen: set[int] = set()
    for a, _ in numbered:
        pager = _pager_of(a)
        if pager is None or pager.mem_id in seen:
            continue
        seen.add(pager.mem_id)
        url = _after_current(pager, base, page_url)
        if url:
            return url
    wanted = current_page(page_url) + 1
    for a, text in numbered:
        if text != str(wanted):
            continue
        url = _pager_url(a.attributes.get("href"), base, page_url)
        if url and current_page(url) == wanted:
            return url
    return None


def _pager_of(a: LexborNode) -> LexborNode | None:
    """The element whose children are a numbered link's page buttons (`<li>`s or links)."""
    parent = a.parent
    if parent is not None and parent.tag == "li":
        parent = parent.parent
    return parent


def _after_current(pager: LexborNode, base: str, page_url: str) -> str | None:
    """The page after the one a pager marks as current, by the numbers it shows.

    The pager's own count is trusted over the URL's: Drupal counts `?page=` from 0,
    Joomla's `limitstart` and `start` count items. The current page is the number
    that is no link (`<span class="current">3</span>`, `<strong>3</strong>`) or whose
    button is marked active or current.
    """
    current: int | None = None
    for button in pager.iter():
        text = clean_line(button.text())
        if not text.isdigit():
            continue
        if current is not None and int(text) == current + 1:
            link = button if button.tag == "a" else button.css_first("a[href]")
            return _pager_url(link.attributes.get("href") if link else None, base, page_url)
        if _marks_current(button):
            current = int(text)
    return None


def _marks_current(button: LexborNode) -> bool:
    link = button if button.tag == "a" else button.css_first("a[href]")
    if link is None or not (link.attributes.get("href") or "").strip("#"):
        return True
    return bool(CURRENT_NAMES.search(f"{class_id(button)} {class_id(link)}"))
