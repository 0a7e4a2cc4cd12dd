"""Umbraco-like portals (Hậu Giang and its sub-sites): files under /media/<n>/."""

from __future__ import annotations

from archiver.extract.cms.family import CmsFamily

FAMILY = CmsFamily(
    name="umbraco",
    markers=("div.news-detail", "div.news-list div.news-item"),
    generator="umbraco",
    title=("div.news-detail h1.title", "div.news-detail h1"),
    date=("div.news-detail div.date-view",),
    body=("div.news-detail div.content",),
    summary=("div.news-detail div.sapo",),
    category=("div.breadcrumb", "div.cat-title"),
    article_links=("div.news-list div.news-item h3 a",),
    next_page=("div.pager a.next",),
)
