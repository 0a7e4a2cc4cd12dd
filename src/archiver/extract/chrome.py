"""Page chrome (header, menus, breadcrumbs, pagers, footers), known by tag and by the
class and id names of an element and its ancestors."""

from __future__ import annotations

import re
from functools import lru_cache

from selectolax.lexbor import LexborNode

from archiver.extract.vocabulary import (
    CHROME_NAMES,
    CHROME_TAGS,
    CONTENT_TAGS,
    CRUMB_NAMES,
    HARD_CHROME_NAMES,
    HARD_CHROME_TAGS,
    PAGE_WRAPPER,
)

_VARIANT = re.compile(r"[^\s:]*:")


def class_id(node: LexborNode) -> str:
    """The class and id attributes as one string, for pattern tests on either."""
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}"


def plain_names(names: str) -> str:
    """Class/id names without utility-class variants: "print:hidden" is "hidden".

    A variant prefix (print:, md:, dark:, hover:) says when a style applies and
    never names a widget; left in, "print:px-6" on an article body reads as a
    print button.
    """
    return _VARIANT.sub("", names) if ":" in names else names


def is_chrome(node: LexborNode) -> bool:
    """True for header, menus, breadcrumb, footer and pager elements."""
    return chrome_by(node.tag or "", class_id(node))


def chrome_by(tag: str, names: str) -> bool:
    """`is_chrome` from an element's tag and `class_id` already read."""
    return tag in CHROME_TAGS or _chrome_names(names)


@lru_cache(maxsize=8192)
def _chrome_names(names: str) -> bool:
    # Cached: the pattern is dear and templates repeat their class names.
    return bool(CHROME_NAMES.search(plain_names(names)))


def in_chrome(node: LexborNode) -> bool:
    """True when the node or an ancestor is header, menu, breadcrumb, footer or pager.

    Inside `<article>` or `<main>` only menus, pagers and footers count: a header
    there is the article's own (its title and date), and page-wide wrappers whose
    class merely mentions "header" or "banner" sit above those elements. Above
    them, only a `<footer>`, `<aside>` or `<nav>` element counts: the footer's own
    `<article>` boxes ("about the school", "contact") are no story.
    """
    chrome = hard = False
    current: LexborNode | None = node
    while current is not None:
        tag = current.tag or ""  # read once: each read builds the string anew
        if tag in ("body", "html"):
            break
        if tag in CONTENT_TAGS:
            return hard or under_tags(current, HARD_CHROME_TAGS)
        names = class_id(current)
        if chrome_by(tag, names):
            strict = tag in HARD_CHROME_TAGS or _hard_names(names)
            if strict or not _page_wrapper(current):
                chrome, hard = True, hard or strict
        current = current.parent
    return chrome


@lru_cache(maxsize=4096)
def _hard_names(names: str) -> bool:
    # Cached as links' chrome verdict is: templates repeat their class names.
    return bool(HARD_CHROME_NAMES.search(names))


def under_tags(node: LexborNode, tags: frozenset[str]) -> bool:
    """An ancestor below `<body>` has one of the tags (a `<footer>`, `<aside>`, `<nav>`)."""
    current = node.parent
    while current is not None:
        tag = current.tag
        if tag in ("body", "html"):
            return False
        if tag in tags:
            return True
        current = current.parent
    return False


def _page_wrapper(node: LexborNode) -> bool:
    """A child of <body> holding most of the page's text: a class such as
    "page-banner" on the wrapper of the whole page does not make the page chrome."""
    parent = node.parent
    if parent is None or parent.tag != "body":
        return False
    return len(node.text()) > PAGE_WRAPPER * len(parent.text())


def is_breadcrumb(node: LexborNode) -> bool:
    """An element that is a breadcrumb trail by its name or its markup."""
    attrs = node.attributes
    if "crumb" in (attrs.get("aria-label") or "").lower():
        return True
    if "BreadcrumbList" in (attrs.get("itemtype") or ""):
        return True
    return bool(CRUMB_NAMES.search(class_id(node)))


def in_breadcrumb(node: LexborNode) -> bool:
    """The node or one of its ancestors is a breadcrumb trail."""
    current: LexborNode | None = node
    while current is not None and current.tag not in ("body", "html"):
        if is_breadcrumb(current):
            return True
        current = current.parent
    return False
