"""3cms (Quảng Bình districts): `/3cms/<slug>-507.htm?art=<epoch ms>`.

Every page loads its theme from `/3cms/`; articles sit in `div.art-detail`,
listings in `div.art-list`, the pager is `?trang=N`.
"""

from __future__ import annotations

from archiver.extract.cms.family import CmsFamily

FAMILY = CmsFamily(
    name="3cms",
    markers=("div.art-detail", "div.art-list", "link[href*='/3cms/']"),
    generator="3cms",
    title=("div.art-detail h1.art-title", "div.art-detail h1"),
    date=("div.art-detail div.art-date",),
    body=("div.art-detail div.art-content",),
    summary=("div.art-detail div.art-sapo",),
    category=("div.art-path", "div.breadcrumb"),
    article_links=("div.art-list div.art-item h3 a", "div.art-list div.art-item a.art-link"),
    next_page=("div.art-pager a.next",),
)
