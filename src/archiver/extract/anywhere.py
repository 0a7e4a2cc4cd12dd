"""The last search for a page's date, when neither its metadata, nor a line near its
title, nor its address gave one (htmldate's "extensive search", our own way).

What it reads, most trusted first:
1. a date an element states in an attribute for machines (`itemprop`/`property`
   with `content`, a microformat `title`, `data-date…`; an update date last), outside the site's
   footer, menus and side blocks and outside lists (of other stories, comments);
2. the first date in the page's own text (not its chrome, not a side list), after
   the title first, then before it;
3. a date under a publication key in a script's data (`"published_at": "…"`);
4. the first date in chrome after the title (a footer's "last changed on").
Chrome before the title is never read: that is where header clocks show today's date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from selectolax.lexbor import LexborNode

from archiver.extract.chrome import in_chrome
from archiver.extract.dates import DateLabel, ParsedDate, find_vn_dates, iso_from_structured
from archiver.extract.page import TEXT_ID, Page
from archiver.extract.vocabulary import CONTENT_TAGS, PAGE_CHROME_TAGS

# Elements that state a date for machines in an attribute: schema.org microdata and
# RDFa on any element, hAtom's `abbr.published`, and the data attributes of scripts.
_STATED: tuple[tuple[str, str, DateLabel], ...] = (
    ("[itemprop=datePublished][content]", "content", "published"),
    ("[itemprop=dateCreated][content]", "content", "published"),
    ("[property$=datePublished][content]", "content", "published"),
    ("[property$=dateCreated][content]", "content", "published"),
    ("[property$='dc:date'][content]", "content", "published"),
    (".published[title]", "title", "published"),
    ("[data-date-time]", "data-date-time", "published"),
    ("[data-published]", "data-published", "published"),
    ("[datetime]", "datetime", "published"),
    (".updated[title]", "title", "updated"),
    ("[itemprop=dateModified][content]", "content", "updated"),
)
_ANY_STATED = ", ".join(selector for selector, _, _ in _STATED)
# A publication key in a script's data, with its string value.
_SCRIPT_KEY = re.compile(
    r"""["'](?:date_?published|published_?(?:at|date|time|on)|publish_?(?:date|time)"""
    r"""|pub_?date|date_?posted|first_?published(?:_?(?:at|date))?|date_?created"""
    r"""|created_?at|upload_?date)["']\s*:\s*["']([^"'\n]{8,40})["']""",
    re.IGNORECASE,
)
_QUIET = frozenset({"script", "style", "noscript", "template", "select", "option", "textarea"})
_DIGIT = re.compile(r"\d")
_SCRIPTS = "script:not([type='application/ld+json'])"

Side = Callable[[LexborNode], bool]


def dates_anywhere(page: Page, title_node: LexborNode | None, in_side: Side) -> list[ParsedDate]:
    """The page's date by the last search (see the module's docstring), or []."""
    stated = _stated(page, in_side)
    if stated is not None:
        return [stated]
    own, chrome_after, before = _text_dates(page, title_node, in_side)
    found = own or before or _script_date(page) or chrome_after
    return [found] if found is not None else []


def _stated(page: Page, in_side: Side) -> ParsedDate | None:
    # One query settles the common page, where no element states a date; the others
    # then run in their order of trust.
    if page.tree.css_first(_ANY_STATED) is None:
        return None
    for selector, attribute, label in _STATED:
        for node in page.tree.css(selector):
            raw = (node.attributes.get(attribute) or "").strip()
            value = iso_from_structured(raw) if raw[:4].isdigit() else None
            if value is None or _in_item_or_site_chrome(node) or in_side(node):
                continue
            return ParsedDate(value, label, raw)
    return None


def _in_item_or_site_chrome(node: LexborNode) -> bool:
    """The element sits in an item of a list (a teaser's date, a comment's), or in a
    `<footer>`, `<nav>` or `<aside>` of the site's (one inside an `<article>` or
    `<main>` is the story's own: its byline and date box)."""
    chrome = False
    current = node.parent
    while current is not None:
        tag = current.tag  # read once: each read builds the string anew
        if tag in ("body", "html"):
            break
        if tag == "li":
            return True
        if tag in CONTENT_TAGS:
            return False
        chrome = chrome or tag in PAGE_CHROME_TAGS
        current = current.parent
    return chrome


def _text_dates(
    page: Page, title_node: LexborNode | None, in_side: Side
) -> tuple[ParsedDate | None, ParsedDate | None, ParsedDate | None]:
    """The first date of the page's own text after the title (where the walk stops),
    the first in chrome after the title, and the first of its own text before it."""
    chrome_after = before = None
    for node, text, after_title in _texts(page, title_node):
        dates = find_vn_dates(text)
        if not dates:
            continue
        chrome = in_chrome(node) or in_side(node)
        if after_title and not chrome:
            return dates[0], chrome_after, before
        if after_title and chrome_after is None:
            chrome_after = dates[0]
        elif not after_title and not chrome and before is None:
            before = dates[0]
    return None, chrome_after, before


def _texts(page: Page, title_node: LexborNode | None) -> Iterator[tuple[LexborNode, str, bool]]:
    """The text nodes holding a digit, in document order, each with its element and
    whether the title came before it (always, when there is no title to place)."""
    root = page.tree.body
    if root is None:
        return
    # Tags compared by Lexbor's id, and mem_id read only from elements of the title's
    # tag: both are built anew on every read.
    title_tag, title_id = (title_node.tag_id, title_node.mem_id) if title_node else (-1, -1)
    after = title_node is None
    # Lexbor leaves out the blank text nodes (about half of all nodes), which hold no
    # digit, before Python sees them.
    for node in root.traverse(include_text=True, skip_empty=True):
        tag = node.tag_id
        if tag != TEXT_ID:
            after = after or (tag == title_tag and node.mem_id == title_id)
            continue
        text = node.text_content or ""
        if not _DIGIT.search(text):
            continue
        parent = node.parent
        if parent is not None and parent.tag not in _QUIET:
            yield parent, text, after  # find_vn_dates cleans the text itself


def _script_date(page: Page) -> ParsedDate | None:
    for script in page.tree.css(_SCRIPTS):
        for match in _SCRIPT_KEY.finditer(script.text() or ""):
            raw = match.group(1)
            value = iso_from_structured(raw)
            written = find_vn_dates(raw) if value is None else []  # "April 13, 2020"
            value = value or (written[0].value if written else None)
            if value is not None:
                return ParsedDate(value, "published", raw)
    return None
