"""SharePoint portals (ministries, many provinces): `ctl00_...` ids change per deployment."""

from __future__ import annotations

from archiver.extract.cms.family import CmsFamily

FAMILY = CmsFamily(
    name="sharepoint",
    # SharePoint's own furniture: plain `ctl00_` ids and `__VIEWSTATE` are any ASP.NET page's.
    markers=(
        "#s4-workspace",
        "div.ms-rtestate-field",
        "#MSO_ContentTable",
        "[id^=ctl00_PlaceHolder]",
    ),
    generator="sharepoint",
    title=("[id$=_lblTitle]", "div.news-title h1", "h1.title", "h1"),
    # The header clock is also a `ctl00_lblDate`: chrome is skipped when dates are read.
    date=("div.date-time", "[id$=_lblDate]", "div.date"),
    body=("div.ms-rtestate-field", "[id$=_lblContent]", "div.news-content", "div.content-detail"),
    author=("[id$=_lblAuthor]", "div.author", "p.author"),
    summary=("[id$=_lblSummary]", "div.sapo", "div.summary"),
    category=("span.ms-sitemapdirectional", "div.breadcrumb", "[id$=_lblCategory]"),
    article_links=(),
    next_page=(),
)
