"""Home, about and contact pages of the sample sites, menus first.

A crawler that starts from a site's home page finds the news sections in its
menu. Each CMS family prints that menu its own way (Umbraco a `ul.menu`, Liferay
`nav#navigation`, SharePoint a table of `ms-core-navigation` cells); the
randomised layouts draw theirs from `MENU_STYLES`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from archiver.sample.render import esc

EXTERNAL = ("Cổng TTĐT Chính phủ", "https://chinhphu.vn/")
# Words a menu names news sections with; the crawler's listing test decides the rest.
SECTION_WORDS = ("Tin tức", "Sự kiện", "Thời sự", "Hoạt động", "Tin tức - Sự kiện", "Thông báo")
# Menu items that are no news section: pages, services, documents.
OTHER_LINKS = (
    ("Giới thiệu", "/gioi-thieu"),
    ("Văn bản", "/van-ban"),
    ("Liên hệ", "/lien-he"),
    ("Thủ tục hành chính", "/thu-tuc-hanh-chinh"),
    ("Lịch công tác", "/lich-cong-tac"),
    ("Hỏi đáp", "/hoi-dap"),
    ("Dịch vụ công", "/dich-vu-cong"),
    ("Thư viện ảnh", "/thu-vien-anh"),
    ("Sơ đồ cổng", "/so-do-cong"),
)
MENU_STYLES = ("ul", "nav", "table", "div", "mega")
ABOUT = (
    "Cổng thông tin điện tử là kênh thông tin chính thức của Ủy ban nhân dân tỉnh trên môi "
    "trường mạng, cung cấp thông tin về hoạt động chỉ đạo, điều hành của tỉnh.",
    "Cổng được xây dựng nhằm phục vụ người dân và doanh nghiệp tra cứu thủ tục hành chính, "
    "văn bản quy phạm pháp luật và các dịch vụ công trực tuyến.",
    "Ban biên tập Cổng thông tin điện tử chịu trách nhiệm tổ chức, quản lý nội dung thông tin "
    "đăng tải theo quy định của pháp luật.",
)
CONTACT = (
    "Ban biên tập Cổng thông tin điện tử tỉnh.",
    "Điện thoại: 0233 3852 123. Thư điện tử: banbientap@example.gov.vn.",
)

Links = Sequence[tuple[str, str]]  # (label, href)


@dataclass(frozen=True)
class Page:
    """What a family's frame is filled with: the site, its menu and the main column."""

    site: str
    title: str
    clock: str
    menu: Links
    main: str
    feed: tuple[str, str, str] | None = None  # (title, href, media type) of the news feed
    footer: Links = ()


def prose(heading: str, paragraphs: Sequence[str]) -> str:
    """A page of text (about, contact): no list of links a listing test could take."""
    body = "".join(f"<p>{esc(p, quote=False)}</p>\n" for p in paragraphs)
    return f'<div class="page-content"><h1>{esc(heading, quote=False)}</h1>\n{body}</div>\n'


def anchors(links: Links, item: str = "li") -> str:
    """`<li><a>` items (or `<td>`, `<span>`) of a menu."""
    return "".join(
        f'<{item}><a href="{esc(h)}">{esc(t, quote=False)}</a></{item}>' for t, h in links
    )


def _feed(page: Page) -> str:
    if page.feed is None:
        return ""
    title, href, kind = page.feed
    return f'<link rel="alternate" type="{kind}" title="{esc(title)}" href="{esc(href)}" />\n'


def _footer(page: Page) -> str:
    return " | ".join(f'<a href="{esc(h)}">{esc(t, quote=False)}</a>' for t, h in page.footer)


def umbraco(page: Page) -> str:
    """Umbraco-like: a top bar with the clock, a `ul.menu` bar, two columns."""
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8" />\n'
        f"<title>{esc(page.title, quote=False)} - {esc(page.site, quote=False)}</title>\n"
        f'<link rel="stylesheet" href="/css/site.css" />\n{_feed(page)}</head>\n<body>\n'
        f'<div id="header">\n  <div class="top-bar"><span class="header-date">{page.clock}'
        "</span></div>\n"
        '  <div class="banner"><a href="/"><img src="/media/1001/banner.jpg" '
        f'alt="{esc(page.site)}" /></a></div>\n'
        f'  <ul class="menu main-menu">{anchors(page.menu)}</ul>\n</div>\n'
        f'<div id="main">\n  <div class="left-column">\n{page.main}  </div>\n</div>\n'
        f'<div id="footer"><p>{esc(page.site, quote=False)}. Powered by Umbraco.</p>'
        f"{_footer(page)}</div>\n</body>\n</html>\n"
    )


def liferay(page: Page) -> str:
    """Liferay-like: `nav#navigation` holding a `ul.nav`, portlets in columns."""
    return (
        '<!DOCTYPE html>\n<html class="ltr" dir="ltr" lang="vi-VN">\n<head>\n'
        '<meta content="text/html; charset=UTF-8" http-equiv="content-type" />\n'
        f"<title>{esc(page.title, quote=False)} - {esc(page.site, quote=False)}</title>\n"
        f"{_feed(page)}</head>\n"
        '<body class="yui3-skin-sam guest-site signed-out public-page site">\n<div id="wrapper">\n'
        f'<header id="banner" role="banner">\n  <div class="header-date">{page.clock}</div>\n'
        f'  <h1 class="site-title"><a href="/web/sotttt"><span>{esc(page.site, quote=False)}'
        '</span></a></h1>\n  <nav class="sort-pages modify-pages" id="navigation">'
        f'<ul class="nav">{anchors(page.menu)}</ul></nav>\n</header>\n'
        '<div id="content"><div class="columns-1" id="main-content" role="main">\n'
        '<div class="portlet-column" id="column-1"><section class="portlet">\n'
        f"{page.main}</section></div>\n</div></div>\n"
        f'<footer id="footer" role="contentinfo"><p>{esc(page.site, quote=False)}. Powered by '
        f"Liferay Portal Community Edition.</p>{_footer(page)}</footer>\n</div>\n</body>\n</html>\n"
    )


def sharepoint(page: Page) -> str:
    """SharePoint-like: a table of `ms-core-navigation` cells, ASP.NET form around all."""
    cells = anchors(page.menu, "td")
    return (
        '<!DOCTYPE html>\n<html dir="ltr" lang="vi-VN">\n<head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
        f"<title>{esc(page.title, quote=False)}</title>\n{_feed(page)}</head>\n"
        '<body scroll="yes">\n<form name="aspnetForm" method="post" id="aspnetForm">\n'
        '<div id="s4-workspace"><div id="ctl00_divHeader" class="header">\n'
        f'  <span id="ctl00_lblDate" class="header-clock">{page.clock}</span>\n'
        '  <div class="ms-core-navigation" id="ctl00_TopNavigationMenu">'
        f'<table class="ms-topnav" cellpadding="0" cellspacing="0"><tr>{cells}</tr></table></div>\n'
        '</div>\n<div id="ctl00_MSO_ContentDiv" class="main">\n'
        f'<div class="col-main" id="ctl00_PlaceHolderMain_pnlMain">\n{page.main}</div>\n</div>\n'
        f'<div id="ctl00_divFooter" class="footer">{esc(page.site, quote=False)}. {_footer(page)}'
        "</div>\n</div>\n</form>\n</body>\n</html>\n"
    )


FRAMES = {"umbraco": umbraco, "liferay": liferay, "sharepoint": sharepoint}


def newest_block(links: Links, css: str = "box new-news") -> str:
    """The home page's "Tin mới" block: the newest articles."""
    return f'<div class="{css}"><h3>Tin mới</h3>\n<ul>{anchors(links)}</ul>\n</div>\n'


def layout_menu(style: str, menu: Links, extra: Links) -> str:
    """A randomised site's home menu: `menu` then the `extra` non-news links, in one of
    MENU_STYLES (a mega-menu nests the extras under a "Chuyên mục khác" item)."""
    links = [*menu, *extra]
    if style == "nav":
        inner = " ".join(f'<a href="{esc(h)}">{esc(t, quote=False)}</a>' for t, h in links)
        return f'<nav class="navbar" role="navigation">{inner}</nav>\n'
    if style == "table":
        return f'<table class="menu-top"><tr>{anchors(links, "td")}</tr></table>\n'
    if style == "div":
        inner = "".join(
            f'<div class="menu-item"><a href="{esc(h)}">{esc(t, quote=False)}</a></div>'
            for t, h in links
        )
        return f'<div class="main-nav">{inner}</div>\n'
    if style == "mega":
        nested = (
            '<li class="has-sub"><a href="#">Chuyên mục khác</a><ul class="sub-menu">'
            f"{anchors(extra)}</ul></li>"
            if extra
            else ""
        )
        return f'<ul class="mega-menu">{anchors(menu)}{nested}</ul>\n'
    return f'<ul class="menu home-menu">{anchors(links)}</ul>\n'
