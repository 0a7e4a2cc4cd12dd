"""The page's summary (its sapo), language and canonical address."""

from __future__ import annotations

import re
from html import unescape

from selectolax.lexbor import LexborNode

from archiver.extract.chrome import (
    class_id,
)
from archiver.extract.page import (
    Page,
    candidates,
    ld_text,
    present,
)
from archiver.extract.urls import absolute
from archiver.extract.vocabulary import (
    LIST_ITEM_NAMES,
)
from archiver.normalize import clean_line

_SAPOS = ("div.sapo", ".asset-summary", "h2.sapo", "p.sapo")
_ENTITY = re.compile(r"&(?:#\d+|#x[\da-f]+|[a-z]\w*);", re.IGNORECASE)
_VN_LOWER = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
# Both cases spelled out: an IGNORECASE class scans the page's text slower.
_VN_LETTERS = re.compile(f"[{_VN_LOWER}{_VN_LOWER.upper()}]")


def summary(page: Page, lead: str | None = None) -> str | None:
    """The lead (sapo) shown on the page (by selector, else the bold paragraph that
    opens the body, `lead`), else the declared description."""
    selectors = (*candidates(page, "summary"), *present(page, _SAPOS))
    for selector in selectors:
        node = page.tree.css_first(selector)
        if node is not None and not _in_list(node):
            text = clean_line(node.text())
            if text:
                return text
    if lead:
        return lead
    declared = (
        ld_text(page, "description")
        or page.meta.get("description")
        or page.meta.get("og:description")
    )
    return _unescaped(declared) if declared else None


def _unescaped(text: str) -> str:
    """Text with character references left in by a CMS that escaped it twice or three
    times ("K&amp;uuml;hlturm"): a description is text, never markup."""
    for _ in range(3):
        if not _ENTITY.search(text):
            break
        text = unescape(text)
    return text


def _in_list(node: LexborNode) -> bool:
    # Listing items carry their own sapo; those are not the page's summary.
    parent = node.parent
    return parent is not None and bool(LIST_ITEM_NAMES.search(class_id(parent)))


def language(page: Page, text: str) -> str | None:
    """ "vi" for a Vietnamese page (declared, or Vietnamese letters in text), else <html lang>."""
    html = page.tree.root  # the <html> element, without a query for it
    lang = (html.attributes.get("lang") or "").strip() if html is not None else ""
    if lang.lower().startswith("vi") or (not text.isascii() and _VN_LETTERS.search(text)):
        return "vi"
    return lang or None


def canonical(page: Page) -> str | None:
    """The page's `<link rel="canonical">`, made absolute, if it has one."""
    href = page.canonical
    return absolute(page.base, href) if href else None
