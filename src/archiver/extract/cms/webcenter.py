"""Oracle WebCenter portals (Quảng Nam): `.../chi-tiet?dDocName=PORTAL512708`.

ADF Faces writes `af_` classes and `T:`/`pt1:` component ids; the news itself
comes from Content Presenter templates (`cp-` classes).
"""

from __future__ import annotations

from archiver.extract.cms.family import CmsFamily

FAMILY = CmsFamily(
    name="webcenter",
    markers=("body.af_document", "div.cp-article", "div.cp-list", "[id^='T:pt1']"),
    generator="webcenter",
    title=("div.cp-article h1.cp-title", "div.cp-article h1"),
    date=("div.cp-article div.cp-date",),
    body=("div.cp-article div.cp-body",),
    author=("div.cp-article div.cp-author",),
    summary=("div.cp-article div.cp-sapo",),
    category=("div.cp-breadcrumb", "div.cp-cat-title"),
    article_links=("div.cp-list div.cp-item h3 a", "div.cp-list div.cp-item a.cp-item-title"),
    next_page=("div.cp-pager a.cp-next",),
)
