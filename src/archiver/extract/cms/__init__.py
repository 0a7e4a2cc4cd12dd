"""CMS families: which markup a portal's software writes, as declarative selectors.

Each family module holds one `FAMILY` constant; `detect_family` picks the first
whose marker selectors match the page. Field selectors are tried in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser


@dataclass(frozen=True)
class CmsFamily:
    """Where one CMS family puts each field; every entry is a CSS selector."""

    name: str
    markers: tuple[str, ...]
    generator: str = ""  # substring of <meta name="generator"> that names the family
    title: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    article_links: tuple[str, ...] = ()
    next_page: tuple[str, ...] = ()


def detect_family(tree: LexborHTMLParser) -> CmsFamily | None:
    """The CMS family whose markers the page carries, or None for an unknown layout."""
    from archiver.extract.cms import liferay, sharepoint, umbraco

    families = (liferay.FAMILY, sharepoint.FAMILY, umbraco.FAMILY)
    meta = tree.css_first('meta[name="generator"]')
    generator = (meta.attributes.get("content") or "").lower() if meta is not None else ""
    for family in families:
        if family.generator and family.generator in generator:
            return family
    for family in families:
        if any(tree.css_first(marker) is not None for marker in family.markers):
            return family
    return None
