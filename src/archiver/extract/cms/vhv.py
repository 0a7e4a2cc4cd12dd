"""VHV / Viettel education CMS (schools, communes): `/<cat>/<slug>.html`.

Article markup is schema.org-flavoured (`h1.title-detail`,
`div.content-detail[itemprop=articleBody]`); the listing pager is driven by
script (`<a href="javascript:;" data-page="2">`) and the same list answers
`?page=N` without it.
"""

from __future__ import annotations

from archiver.extract.cms.family import CmsFamily

FAMILY = CmsFamily(
    name="vhv",
    markers=("h1.title-detail", "div.content-detail[itemprop=articleBody]", "div.list-article"),
    generator="vhv",
    title=("h1.title-detail",),
    date=("div.detail-info .date", "span.date-detail", "time[itemprop=datePublished]"),
    body=("div.content-detail[itemprop=articleBody]", "div.content-detail"),
    author=("div.author-detail", "span[itemprop=author]"),
    summary=("div.sapo-detail", "h2.sapo-detail"),
    category=("ol.breadcrumb", "ul.breadcrumb"),
    article_links=("div.list-article div.article-item h3 a", "div.list-article h3.title a"),
    next_page=("ul.pagination a.next[href]",),
    page_param="page",
)
