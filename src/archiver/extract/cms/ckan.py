"""CKAN portals (VNPT open-data and news sites): `h1.page-heading`, `span.muted.date`.

News are ckanext-pages blog posts; CKAN names itself in `<meta name="generator">`.
"""

from __future__ import annotations

from archiver.extract.cms.family import CmsFamily

FAMILY = CmsFamily(
    name="ckan",
    markers=("h1.page-heading", "span.muted.date", "div.ckanext-pages-content"),
    generator="ckan",
    title=("h1.page-heading",),
    date=("span.muted.date",),
    body=("div.ckanext-pages-content", "div.module-content div.page-content"),
    author=("span.muted.author",),
    category=("ol.breadcrumb",),
    article_links=("ul.blog-list li.blog-item h3 a", "ul.dataset-list li h3.dataset-heading a"),
    next_page=("div.pagination li.next a", "div.pagination-wrapper li.next a"),
)
