"""Provincial newspapers: `/<cat>/<slug>-142279.html`, `-a<id>.html`,
`/YYYYMM/<slug>-<hex>/`; listings page with `?p=5` or `/page-8`.

Newspapers run many vendors' CMSs; these are the `detail-` classes most of
them share. Pages not matching fall through to the generic cascade.
"""

from __future__ import annotations

from archiver.extract.cms.family import CmsFamily

FAMILY = CmsFamily(
    name="newspaper",
    markers=("h1.detail-title", "div.detail-content", "div.box-category article.story"),
    title=("h1.detail-title",),
    date=("div.detail-time", "span.detail-time"),
    body=("div.detail-content",),
    author=("div.detail-author", "p.detail-author"),
    summary=("h2.detail-sapo", "div.detail-sapo"),
    category=("div.breadcrumb", "ul.breadcrumb", "div.detail-cate"),
    article_links=("div.box-category article.story h2 a", "div.box-category article.story h3 a"),
    next_page=("div.paging a.next", "div.pagination a.next"),
)
