"""CMS families: which markup a portal's software writes, as declarative selectors.

Each family module holds one `FAMILY` constant; `detect_family` picks the first
whose `<meta name="generator">` names it, else the first whose marker selectors
match the page (never the host name: one CMS serves many provinces). Families
are tried from the most specific markup to the most general: SharePoint before
plain ASP.NET, whose `ctl00_` ids and `__VIEWSTATE` SharePoint also writes.
Field selectors are tried in order.
"""

from __future__ import annotations

import re
from functools import cache

from selectolax.lexbor import LexborHTMLParser

from archiver.extract.cms import (
    aspnet,
    ckan,
    cms3,
    drupal,
    liferay,
    newspaper,
    sharepoint,
    umbraco,
    vhv,
    webcenter,
)
from archiver.extract.cms.family import CmsFamily

# Tried in this order (see the module's docstring).
_FAMILIES = (
    liferay.FAMILY,
    sharepoint.FAMILY,
    webcenter.FAMILY,
    drupal.FAMILY,
    ckan.FAMILY,
    vhv.FAMILY,
    cms3.FAMILY,
    umbraco.FAMILY,
    newspaper.FAMILY,
    aspnet.FAMILY,
)


def detect_family(tree: LexborHTMLParser, generator: str | None = None) -> CmsFamily | None:
    """The CMS family whose markers the page carries, or None for an unknown layout.

    `generator` is the page's `<meta name="generator">` content when the caller has
    read it already.
    """
    families = _families()
    if generator is None:
        meta = tree.css_first('meta[name="generator"]')
        generator = (meta.attributes.get("content") or "") if meta is not None else ""
    generator = generator.lower()
    for family in families:
        if family.generator and family.generator in generator:
            return family
    # Each query walks the whole tree: one for every marker at once settles the
    # common case (no family), then one per family in order.
    if tree.css_first(_all_markers()) is None:
        return None
    for family in families:
        if tree.css_first(", ".join(family.markers)) is not None:
            return family
    return None


@cache
def _all_markers() -> str:
    """Every family's markers as one selector list that matches where any of them does.

    Lexbor tests each selector of a list on every element, so the markers are folded
    by the tag of the element they match: `div.a`, `div.b` and `div.c div.d` into
    `div:is(.a, .b, div.c .d)`; and the markers that name an id into one
    `[id]:is(...)`, which elements without an id leave at once. The same elements
    match, in a cheaper query.
    """
    by_tag: dict[str, list[tuple[str, str]]] = {}  # tag -> (marker, its test under :is)
    ids: list[str] = []
    others: list[str] = []
    for marker in (m for family in _families() for m in family.markers):
        if _ID.fullmatch(marker):
            ids.append(marker)
        elif subject := _SUBJECT.fullmatch(marker):
            test = subject["context"] + subject["rest"]
            by_tag.setdefault(subject["tag"], []).append((marker, test))
        else:
            others.append(marker)
    grouped = [
        f"{tag}:is({', '.join(test for _, test in found)})" if len(found) > 1 else found[0][0]
        for tag, found in by_tag.items()
    ]
    if ids:
        grouped.append(f"[id]:is({', '.join(ids)})")
    return ", ".join(grouped + others)


# A marker whose last compound starts with a tag: "div.a", "div.c div.d", "link[href*=x]".
_SUBJECT = re.compile(r"(?P<context>(?:.*\s)?)(?P<tag>[a-z][a-z0-9]*)(?P<rest>[.\[]\S*)")
# `#name`, `tag#name` or `[id^=prefix]`: markers no element without an id matches.
_ID = re.compile(r"[a-z0-9]*#[\w-]+|\[id\^=[^\]]+\]")


def _families() -> tuple[CmsFamily, ...]:
    return _FAMILIES


__all__ = ["CmsFamily", "detect_family"]
