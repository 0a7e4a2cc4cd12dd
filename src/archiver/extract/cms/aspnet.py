"""Custom ASP.NET WebForms portals: `Default.aspx?p_steering=...&pageid=...`,
`/pages/detail/53116/<slug>.html`.

Generic WebForms markup (`__VIEWSTATE`, `ctl00_` ids) that SharePoint also
writes, so this family is tried last. Pagers post back (`__doPostBack`): the
next page is found only where a real URL is printed.
"""

from __future__ import annotations

from archiver.extract.cms.family import CmsFamily

FAMILY = CmsFamily(
    name="aspnet",
    markers=("input#__VIEWSTATE", "[id^=ctl00_]", "form[action*='p_steering']"),
    generator="asp.net",
    title=("[id$=_lblTitle]", "div.detail-news h1", "h1.news-title"),
    date=("[id$=_lblDate]", "div.detail-news .news-date", "span.news-date"),
    body=("[id$=_lblContent]", "div.detail-news div.news-body", "div.print-body"),
    author=("[id$=_lblAuthor]", "div.detail-news .news-author"),
    summary=("[id$=_lblSummary]", "div.detail-news .news-sapo"),
    category=("div.breadcrumb", "[id$=_lblCategory]"),
    article_links=("div.list-news div.news-item a.news-title", "div.list-news h3 a"),
    next_page=("a[id$=_lnkNext]", "div.list-pager a.next"),
)
