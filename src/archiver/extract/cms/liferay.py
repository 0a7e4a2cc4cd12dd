"""Liferay 6/7 portals: asset publisher and web content display portlets."""

from __future__ import annotations

from archiver.extract.cms.family import CmsFamily

FAMILY = CmsFamily(
    name="liferay",
    markers=(
        "div.asset-full-content",
        "div.asset-abstract",
        "div.journal-content-article",
        "div.portlet-boundary",
        "[id^=p_p_id]",
    ),
    generator="liferay",
    title=("div.asset-full-content-title", "h3.header-title", "div.asset-full-content h1"),
    date=("div.assetPublishDate", "div.asset-full-content .date", "span.publish-date"),
    # journal-content-article also fills sidebar portlets (a long department introduction):
    # the one inside the asset's full content comes first.
    body=("div.asset-full-content div.journal-content-article", "div.journal-content-article"),
    author=("p.view-content-author", "div.asset-full-content .author"),
    summary=("div.asset-summary", "div.asset-full-content div.summary"),
    # Liferay marks the current section in its navigation; articles carry no breadcrumb.
    category=("ul.breadcrumbs", "div.breadcrumbs", "#navigation li.selected > a"),
    article_links=("div.asset-abstract h3 a", "div.asset-abstract .asset-title a"),
    next_page=(".lfr-pagination-buttons a.next", ".lfr-pagination-buttons li.next a"),
)
