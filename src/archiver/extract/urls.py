"""URLs as a page's links name them: resolved as browsers resolve them, and files told
from pages by their extension."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.extract import problems
from archiver.normalize import join_url

FILE_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".rar", ".ppt", ".pptx")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".svg")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
# A scheme other than http(s): its URLs keep their backslashes.
_OTHER_SCHEME = re.compile(r"(?!https?:)[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def base_url(tree: LexborHTMLParser, page_url: str) -> str:
    """What relative links resolve against: `<base href>` if present, else the page URL."""
    return base_of(tree.css_first("base[href]"), page_url)


def base_of(base: LexborNode | None, page_url: str) -> str:
    """`base_url` from the page's first `<base href>` element, found already.

    As browsers do: a relative href ("." included) resolves against the page URL, and
    one that names a javascript: or data: URL is ignored.
    """
    href = _as_browser(base.attributes.get("href") or "") if base is not None else ""
    if not href or href.lower().startswith(("javascript:", "data:")):
        return page_url
    url = join_url(page_url, href)
    if url is None:  # a base that is no URL is ignored, as browsers ignore it
        problems.note("<base href>", href)
    return url or page_url


def _as_browser(href: str) -> str:
    """An href as browsers read it: outer spaces and control characters, and tabs and
    line breaks anywhere, dropped; backslashes read as slashes (in web URLs)."""
    href = href.strip(_C0_AND_SPACE)
    if "\t" in href or "\n" in href or "\r" in href:
        href = href.replace("\t", "").replace("\n", "").replace("\r", "")
    if "\\" in href and not _OTHER_SCHEME.match(href):
        href = href.replace("\\", "/")
    return href


def is_file_url(url: str) -> bool:
    """True for links to attachments (pdf, doc, xls, zip, ...)."""
    return urlsplit(url).path.lower().endswith(FILE_EXTENSIONS)


def absolute(base: str, href: str) -> str | None:
    """href resolved against base, fragment dropped; None for a link that is no URL at
    all ("http://[oops/x"), noted as the page's problem: one bad link costs only itself."""
    url = _absolute(base, href)
    if url is None:
        problems.note("link", href)
    return url


@lru_cache(maxsize=4096)
def _absolute(base: str, href: str) -> str | None:
    # Cached: menus repeat on every page; a small cache, since article links never
    # repeat and would only pile up.
    if "\\" in href or "\n" in href or "\t" in href or "\r" in href:
        href = _as_browser(href)
    url = join_url(base, href)
    return url.split("#", 1)[0] if url is not None else None
