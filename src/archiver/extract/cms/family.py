"""What a CMS family's entry says: where that software puts each field."""

from __future__ import annotations

from dataclasses import dataclass


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
    # JS-driven pagers (`<a href="javascript:;" data-page="3">`): the query parameter
    # that serves the same page without script, or "" when the family has none.
    page_param: str = ""
