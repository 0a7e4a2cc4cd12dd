"""Listing pages of every CMS family: the main column's items (featured first), the next page.

Each page wraps its main column in the same chrome: a header mega-menu of 40
links, a sidebar "Đọc nhiều" / "Tin mới" box whose links have the main list's
URL shape, and footer links.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from selectolax.lexbor import LexborHTMLParser

from archiver.extract import parse_page
from archiver.extract.links import find_links
from archiver.extract.urls import base_url

TITLES = [
    "Tỉnh ủy họp phiên thường kỳ tháng 12 năm 2024",
    "Khởi công xây dựng cầu Cửa Việt mới nối hai bờ",
    "Đông Hà chuẩn bị đón Tết Nguyên đán an toàn",
    "Hải Lăng về đích nông thôn mới nâng cao",
    "Vĩnh Linh trồng mới hơn 500 héc-ta rừng",
    "Nông dân Triệu Phong trúng mùa lúa đông xuân",
]
SAPO = "Sáng nay, lãnh đạo tỉnh đã đến dự và phát biểu chỉ đạo tại hội nghị."


def _menu(link: str) -> str:
    items = "".join(
        f'<li class="menu-item"><a href="{link.format(n=n)}">Chuyên mục tin tức số {n}</a></li>'
        for n in range(40)
    )
    return f'<header id="header"><nav class="mega-menu"><ul>{items}</ul></nav></header>'


def _sidebar(link: str, box: str) -> str:
    rows = "".join(
        f'<li><a href="{link.format(n=900 + n)}">Tin đọc nhiều thứ {n} trong tuần qua</a></li>'
        for n in range(8)
    )
    return (
        f'<div class="col-md-4"><div class="{box}"><div class="title">Đọc nhiều</div>'
        f'<ul>{rows}</ul></div><div class="block"><h3>Tin mới</h3><ul>{rows}</ul></div></div>'
    )


def _footer() -> str:
    links = "".join(
        f'<a href="/lien-he-{n}">Thông tin liên hệ ban biên tập số {n}</a>' for n in range(6)
    )
    return f'<footer class="site-footer"><div class="footer-links">{links}</div></footer>'


def _page(main: str, link: str, box: str = "box-docnhieu", head: str = "") -> str:
    return (
        f"<html><head><title>Thời sự</title>{head}</head><body>{_menu('/chuyen-muc-{n}')}"
        f'<div class="container"><div class="row"><div class="col-md-8">{main}</div>'
        f"{_sidebar(link, box)}</div></div>{_footer()}</body></html>"
    )


@dataclass(frozen=True)
class Listing:
    url: str
    html: str
    articles: list[str]
    next_page: str | None


def _wordpress() -> Listing:
    def link(n: int) -> str:
        return f"/2024/12/bai-viet-so-{n}-cua-chuyen-muc/"

    featured = (
        f'<div class="featured-post"><a href="{link(0)}"><img src="/wp-content/a.jpg"></a>'
        f'<h2 class="featured-title"><a href="{link(0)}">{TITLES[0]}</a></h2><p>{SAPO}</p></div>'
    )
    posts = "".join(
        f'<article id="post-{n}" class="post-{n} post type-post status-publish '
        f'category-{"thoi-su" if n % 2 else "kinh-te"}"><header class="entry-header">'
        f'<h2 class="entry-title"><a href="{link(n)}">{TITLES[n]}</a></h2></header>'
        f'<div class="entry-summary"><p>{SAPO}</p></div></article>'
        for n in range(1, 6)
    )
    main = (
        f'<main id="main" class="site-main">{featured}{posts}<nav class="navigation posts-'
        'navigation"><div class="nav-links"><a class="page-numbers" href="/thoi-su/">1</a>'
        '<span class="page-numbers current">2</span><a class="next page-numbers" '
        'href="/thoi-su/page/3/">Trang sau »</a></div></nav></main>'
    )
    html = _page(main, "/2024/11/tin-doc-nhieu-so-{n}-trong-tuan/")
    articles = [f"https://baoquangtri.vn{link(n)}" for n in range(6)]
    return Listing(
        "https://baoquangtri.vn/thoi-su/page/2/", html, articles,
        "https://baoquangtri.vn/thoi-su/page/3/",
    )  # fmt: skip


def _joomla() -> Listing:
    def link(n: int) -> str:
        return (
            f"/index.php?option=com_content&amp;view=article&amp;id={100 + n}:bai-{n}&amp;catid=8"
        )

    def url(n: int) -> str:
        return f"https://sotttt.haugiang.gov.vn{link(n).replace('&amp;', '&')}"

    leading = (
        f'<div class="items-leading"><div class="leading-0"><h2 itemprop="name">'
        f'<a href="{link(0)}">{TITLES[0]}</a></h2><img src="/images/a.jpg"><p>{SAPO}</p>'
        "</div></div>"
    )
    rows = "".join(
        f'<div class="items-row cols-1 row-{n}"><div class="item column-1"><h3>'
        f'<a href="{link(n)}">{TITLES[n]}</a></h3><p>{SAPO}</p></div></div>'
        for n in range(1, 6)
    )
    main = (
        f'<div class="blog">{leading}{rows}<div class="pagination"><ul>'
        '<li><a title="Start" href="/index.php/tin-tuc">Đầu</a></li>'
        '<li><a title="Next" href="/index.php/tin-tuc?start=20">›</a></li></ul></div></div>'
    )
    most = "/index.php?option=com_content&amp;view=article&amp;id={n}:doc-nhieu&amp;catid=8"
    html = _page(main, most, box="moduletable mostread")
    return Listing(
        "https://sotttt.haugiang.gov.vn/index.php/tin-tuc?start=10", html,
        [url(n) for n in range(6)], "https://sotttt.haugiang.gov.vn/index.php/tin-tuc?start=20",
    )  # fmt: skip


def _dnn() -> Listing:
    def link(n: int) -> str:
        return f"/tin-tuc/ArticleID/{300 + n}/tin-so-{n}"

    featured = (
        f'<div class="news-hot"><a href="{link(0)}"><img src="/Portals/0/a.jpg"></a>'
        f'<h2><a href="{link(0)}">{TITLES[0]}</a></h2><p>{SAPO}</p></div>'
    )
    rows = "".join(
        f'<div class="news-row"><a href="{link(n)}"><img src="/Portals/0/{n}.jpg"></a>'
        f'<h3><a href="{link(n)}">{TITLES[n]}</a></h3><span class="date">12/12/2024</span></div>'
        for n in range(1, 6)
    )
    main = (
        f'<div class="DnnModule DnnModule-EasyDNNnews"><div class="DNNContainer_noTitle">'
        f'{featured}<div class="news-list">{rows}</div><div class="paging">'
        '<a href="/tin-tuc/currentpage/1">1</a><span>2</span>'
        '<a href="/tin-tuc/currentpage/3">3</a></div></div></div>'
    )
    html = _page(main, "/tin-tuc/ArticleID/{n}/doc-nhieu", box="DnnModule DnnModule-mostread")
    return Listing(
        "https://www.quangtri.gov.vn/tin-tuc/currentpage/2", html,
        [f"https://www.quangtri.gov.vn{link(n)}" for n in range(6)],
        "https://www.quangtri.gov.vn/tin-tuc/currentpage/3",
    )  # fmt: skip


def _aspnet_postback() -> Listing:
    def link(n: int) -> str:
        return f"/pages/detail/{53110 + n}/tin-so-{n}.html"

    featured = (
        f'<div class="tin-noi-bat"><img src="/Upload/a.jpg"><h2><a href="{link(0)}">'
        f"{TITLES[0]}</a></h2><p>{SAPO}</p></div>"
    )
    rows = "".join(
        f'<tr><td><a href="{link(n)}">{TITLES[n]}</a><br><i>(12/12/2024)</i></td></tr>'
        for n in range(1, 6)
    )
    pager = (
        "<a href=\"javascript:__doPostBack('ctl00$Main$pager','Page$2')\">2</a> "
        "<a href=\"javascript:__doPostBack('ctl00$Main$pager','Page$Next')\">Trang sau</a>"
    )
    main = (
        f'<form id="aspnetForm"><input type="hidden" id="__VIEWSTATE" value="x">'
        f'<div id="ctl00_Main_pnl">{featured}<table id="ctl00_Main_grid">{rows}</table>'
        f'<div class="pager">{pager}</div></div></form>'
    )
    html = _page(main, "/pages/detail/{n}/doc-nhieu.html", box="tinxemnhieu")
    # A postback pager answers only a POST of the form's state: it cannot be followed.
    return Listing(
        "https://www.haugiang.gov.vn/pages/list/21/tin-tuc.html", html,
        [f"https://www.haugiang.gov.vn{link(n)}" for n in range(6)], None,
    )  # fmt: skip


def _sharepoint() -> Listing:
    def link(n: int) -> str:
        return f"/Pages/tin-tuc-su-kien.aspx?ItemID={4000 + n}"

    featured = (
        f'<div class="ms-rtestate-field hot-news"><div class="hot-img"><img src="/a.jpg"></div>'
        f'<a class="hot-title" href="{link(0)}">{TITLES[0]}</a><p>{SAPO}</p></div>'
    )
    rows = "".join(
        f'<li class="dfwp-item"><div class="item"><a class="title" href="{link(n)}">'
        f'{TITLES[n]}</a><div class="description">{SAPO}</div></div></li>'
        for n in range(1, 6)
    )
    main = (
        f'<div id="ctl00_PlaceHolderMain_ctl01" class="ms-webpart-zone">{featured}'
        f'<ul class="dfwp-column dfwp-list">{rows}</ul><div class="paging">'
        '<a href="/Pages/tin-tuc.aspx?Page=3">»</a></div></div>'
    )
    head = '<meta name="GENERATOR" content="Microsoft SharePoint">'
    html = _page(main, "/Pages/tin-tuc-su-kien.aspx?ItemID={n}", head=head)
    return Listing(
        "https://www.bacgiang.gov.vn/Pages/tin-tuc.aspx?Page=2", html,
        [f"https://www.bacgiang.gov.vn{link(n)}" for n in range(6)],
        "https://www.bacgiang.gov.vn/Pages/tin-tuc.aspx?Page=3",
    )  # fmt: skip


def _liferay() -> Listing:
    def link(n: int) -> str:
        return f"/web/so-tttt/tin-tuc/-/view_content/{7000 + n}-tin-so-{n}.html"

    featured = (
        f'<div class="asset-abstract asset-featured"><div class="asset-small-image">'
        f'<img src="/image/a.jpg"></div><h2 class="asset-title"><a href="{link(0)}">'
        f'{TITLES[0]}</a></h2><div class="asset-summary">{SAPO}</div></div>'
    )
    rows = "".join(
        f'<div class="asset-abstract"><h3 class="asset-title"><a href="{link(n)}">'
        f'{TITLES[n]}</a></h3><div class="asset-summary">{SAPO}</div></div>'
        for n in range(1, 6)
    )
    main = (
        f'<div class="portlet-boundary portlet-asset-publisher">{featured}{rows}'
        '<div class="lfr-pagination"><ul class="lfr-pagination-buttons pager">'
        '<li class="next"><a href="/web/so-tttt/tin-tuc?_101_cur=3&amp;_101_delta=10">'
        "Trang sau</a></li></ul></div></div>"
    )
    side = "/web/so-tttt/tin-tuc/-/view_content/{n}-doc-nhieu.html"
    html = _page(main, side, box="portlet-boundary portlet-most-viewed")
    return Listing(
        "https://sotttt.bacgiang.gov.vn/web/so-tttt/tin-tuc?_101_cur=2&_101_delta=10", html,
        [f"https://sotttt.bacgiang.gov.vn{link(n)}" for n in range(6)],
        "https://sotttt.bacgiang.gov.vn/web/so-tttt/tin-tuc?_101_cur=3&_101_delta=10",
    )  # fmt: skip


def _umbraco() -> Listing:
    def link(n: int) -> str:
        return f"/tin-tuc/nong-nghiep-phat-trien-so-{n}"

    featured = (
        f'<div class="news-featured"><a href="{link(0)}"><img src="/media/1234/a.jpg"></a>'
        f'<h2><a href="{link(0)}">{TITLES[0]}</a></h2><p>{SAPO}</p></div>'
    )
    rows = "".join(
        f'<div class="news-item"><h3><a href="{link(n)}">{TITLES[n]}</a></h3><p>{SAPO}</p></div>'
        for n in range(1, 6)
    )
    main = (
        f'<div class="news-list">{featured}{rows}</div><div class="pager">'
        '<a href="/tin-tuc?page=1">1</a><b>2</b><a href="/tin-tuc?page=3">3</a>'
        '<a class="next" href="/tin-tuc?page=3">Xem thêm</a></div>'
    )
    html = _page(main, "/tin-tuc/tin-doc-nhieu-trong-tuan-so-{n}")
    return Listing(
        "https://nongnghiep.haugiang.gov.vn/tin-tuc?page=2", html,
        [f"https://nongnghiep.haugiang.gov.vn{link(n)}" for n in range(6)],
        "https://nongnghiep.haugiang.gov.vn/tin-tuc?page=3",
    )  # fmt: skip


def _newspaper() -> Listing:
    def link(n: int) -> str:
        return f"/thoi-su/tin-so-{n}-trong-ngay-{142270 + n}.html"

    featured = (
        f'<div class="story-featured"><a class="thumb" href="{link(0)}"><img src="/a.jpg"></a>'
        f'<h2 class="story__heading"><a href="{link(0)}">{TITLES[0]}</a></h2>'
        f'<p class="sapo">{SAPO}</p></div>'
    )
    rows = "".join(
        f'<article class="story"><a class="thumb" href="{link(n)}"><img src="/{n}.jpg"></a>'
        f'<h3 class="story__heading"><a href="{link(n)}">{TITLES[n]}</a></h3></article>'
        for n in range(1, 6)
    )
    main = (
        f'<section class="category-page"><h1 class="cate-title">Thời sự</h1>{featured}'
        f'<div class="list-stories">{rows}</div><div class="paging">'
        '<a href="/thoi-su/page-1">«</a><a href="/thoi-su/page-3">»</a></div></section>'
    )
    html = _page(main, "/thoi-su/tin-doc-nhieu-{n}.html")
    return Listing(
        "https://baoquangtri.vn/thoi-su/page-2", html,
        [f"https://baoquangtri.vn{link(n)}" for n in range(6)],
        "https://baoquangtri.vn/thoi-su/page-3",
    )  # fmt: skip


FAMILIES = {
    "wordpress": _wordpress,
    "joomla": _joomla,
    "dnn": _dnn,
    "aspnet-postback": _aspnet_postback,
    "sharepoint": _sharepoint,
    "liferay": _liferay,
    "umbraco": _umbraco,
    "newspaper": _newspaper,
}


@pytest.mark.parametrize("family", FAMILIES)
def test_main_column_items_featured_first(family: str) -> None:
    listing = FAMILIES[family]()
    found = find_links(LexborHTMLParser(listing.html, scripting=True), listing.url)
    assert list(found.articles) == listing.articles


@pytest.mark.parametrize("family", FAMILIES)
def test_next_page(family: str) -> None:
    listing = FAMILIES[family]()
    found = find_links(LexborHTMLParser(listing.html, scripting=True), listing.url)
    assert found.next_page == listing.next_page


@pytest.mark.parametrize("family", FAMILIES)
def test_listing_record(family: str) -> None:
    listing = FAMILIES[family]()
    record = parse_page(listing.html, listing.url)
    assert record.kind == "listing"
    assert list(record.links.articles) == listing.articles


# --- <base href> resolved as browsers resolve it ------------------------------------------


@pytest.mark.parametrize(
    ("page", "href", "expected"),
    [
        ("https://x.gov.vn/tin-tuc/thoi-su/index.html", ".", "https://x.gov.vn/tin-tuc/thoi-su/"),
        ("https://x.gov.vn/tin-tuc/thoi-su?page=2", "./", "https://x.gov.vn/tin-tuc/"),
        ("https://x.gov.vn/a/b/c.aspx", "..", "https://x.gov.vn/a/"),
        ("https://x.gov.vn/a/b.html", "/portal/", "https://x.gov.vn/portal/"),
        ("https://x.gov.vn/a/b.html", " https://x.gov.vn/p/ \n", "https://x.gov.vn/p/"),
        ("https://x.gov.vn/a/b.html", "\\portal\\", "https://x.gov.vn/portal/"),
        ("https://x.gov.vn/a/b.html", "https:portal/", "https://x.gov.vn/a/portal/"),
        ("https://x.gov.vn/a/b.html", "//cdn.x.gov.vn/", "https://cdn.x.gov.vn/"),
        ("https://x.gov.vn/a/b.html", "javascript:void(0)", "https://x.gov.vn/a/b.html"),
        ("https://x.gov.vn/a/b.html", "data:text/html,x", "https://x.gov.vn/a/b.html"),
        ("https://x.gov.vn/a/b.html", "", "https://x.gov.vn/a/b.html"),
    ],
)
def test_base_href(page: str, href: str, expected: str) -> None:
    html = f'<html><head><base href="{href}"></head><body></body></html>'
    assert base_url(LexborHTMLParser(html, scripting=True), page) == expected


def test_relative_base_resolves_links() -> None:
    rows = "".join(
        f'<div class="item"><h3><a href="chi-tiet/tin-so-{n}-{500 + n}.html">{TITLES[n]}</a>'
        f"</h3><p>{SAPO}</p></div>"
        for n in range(5)
    )
    html = (
        '<html><head><base href="."></head><body><div class="list">'
        f'{rows}</div><div class="pager"><a href="?trang=3">Trang sau</a></div></body></html>'
    )
    found = find_links(
        LexborHTMLParser(html, scripting=True), "https://x.gov.vn/tin/index.aspx?trang=2"
    )
    assert found.articles[0] == "https://x.gov.vn/tin/chi-tiet/tin-so-0-500.html"
    assert found.next_page == "https://x.gov.vn/tin/?trang=3"


# --- an article page with side modules is no listing ------------------------------------


def test_joomla_article_view_is_no_listing() -> None:
    most = "/index.php?option=com_content&amp;view=article&amp;id={n}:doc-nhieu&amp;catid=8"
    related = "".join(
        f'<li><a href="/index.php?option=com_content&amp;view=article&amp;id={20 + n}:lq">'
        f"Bài viết liên quan số {n} của chuyên mục</a></li>"
        for n in range(6)
    )
    main = (
        '<div class="item-page" itemscope itemtype="https://schema.org/Article">'
        '<div class="page-header"><h2 itemprop="headline">Hội nghị tổng kết năm 2024</h2></div>'
        f'<div itemprop="articleBody"><p>{SAPO}</p><p>{SAPO}</p></div></div>'
        f'<div class="moduletable relateditems"><h3>Tin liên quan</h3><ul class="relateditems">'
        f"{related}</ul></div>"
    )
    url = "https://sotttt.haugiang.gov.vn/index.php?option=com_content&view=article&id=123:hn"
    html = _page(main, most, box="moduletable mostread")
    found = find_links(LexborHTMLParser(html, scripting=True), url)
    assert found.articles == ()
    assert parse_page(html, url).kind != "listing"


# --- the featured item: one story of the list's URL shape, in the list's own column ---------


def _items(link: str, first: int = 1, count: int = 5) -> str:
    return "".join(
        f'<div class="item"><h3><a href="{link.format(n=n)}">{TITLES[n % len(TITLES)]}</a>'
        f"</h3><p>{SAPO}</p></div>"
        for n in range(first, first + count)
    )


def _links_of(html: str, url: str = "https://x.gov.vn/tin-tuc/") -> list[str]:
    found = find_links(LexborHTMLParser(html, scripting=True), url)
    return [u.removeprefix("https://x.gov.vn") for u in found.articles]


def test_featured_slug_may_end_in_a_number() -> None:
    # "...-nam-2024": a title ending in a year; the items' slugs end in words
    featured = (
        '<div class="featured"><h2><a href="/tin-tuc/hoi-nghi-tong-ket-nam-2024.html">'
        f"{TITLES[0]}</a></h2><p>{SAPO}</p></div>"
    )
    main = f'{featured}<div class="list">{_items("/tin-tuc/tin-so-{n}-trong-ngay.html")}</div>'
    links = _links_of(f"<html><body><div class='main'>{main}</div></body></html>")
    assert links[0] == "/tin-tuc/hoi-nghi-tong-ket-nam-2024.html"
    assert len(links) == 6


@pytest.mark.parametrize(
    "before",
    [
        # a left sidebar: its "most read" list has the items' shape
        '<div class="sidebar"><div class="box"><h3>Chuyên mục</h3><ul><li><a href="/kinh-te">'
        'Kinh tế</a></li></ul></div><div class="box"><h3>Đọc nhiều nhất</h3><ul>'
        + "".join(
            f'<li><a href="/tin-tuc/doc-nhieu-{n}-trong-tuan.html">Tin đọc nhiều thứ {n} trong '
            "tuần</a></li>"
            for n in range(6)
        )
        + "</ul></div></div>",
        # the same box by its heading alone
        '<div class="col-3"><h3>Đọc nhiều nhất</h3><ul>'
        + "".join(
            f'<li><a href="/tin-tuc/doc-nhieu-{n}-trong-tuan.html">Tin đọc nhiều thứ {n} trong '
            "tuần</a></li>"
            for n in range(6)
        )
        + "</ul></div>",
        # a breadcrumb whose category link has the items' shape
        '<h1 class="page-title breadcrumb"><a href="/">Trang chủ</a> &gt; '
        '<a href="/tin-tuc/tin-tuc-su-kien.html">Tin tức - Sự kiện</a></h1>',
    ],
)
def test_no_featured_item_from_beside_the_column(before: str) -> None:
    main = f'<div class="list">{_items("/tin-tuc/tin-so-{n}-trong-ngay.html")}</div>'
    html = f"<html><body><div class='wrap'>{before}<div class='col'>{main}</div></div></body>"
    assert _links_of(html) == [f"/tin-tuc/tin-so-{n}-trong-ngay.html" for n in range(1, 6)]


# --- the next page: the pager's own count, whatever the URL's -------------------------------


@pytest.mark.parametrize(
    ("url", "pager", "expected"),
    [
        # Drupal counts ?page= from 0: "2" is ?page=1, and page 3 (?page=2) leads to ?page=3
        (
            "https://x.gov.vn/tin-tuc",
            '<span class="current">1</span> <a href="/tin-tuc?page=1">2</a>',
            "https://x.gov.vn/tin-tuc?page=1",
        ),
        (
            "https://x.gov.vn/tin-tuc?page=2",
            '<a href="/tin-tuc?page=1">2</a> <span class="current">3</span> '
            '<a href="/tin-tuc?page=3">4</a>',
            "https://x.gov.vn/tin-tuc?page=3",
        ),
        # Joomla counts items: limitstart=20 is page 3
        (
            "https://x.gov.vn/index.php?view=category&id=8&limitstart=20",
            '<a href="/index.php?view=category&amp;id=8&amp;limitstart=10">2</a> '
            "<strong>3</strong> "
            '<a href="/index.php?view=category&amp;id=8&amp;limitstart=30">4</a>',
            "https://x.gov.vn/index.php?view=category&id=8&limitstart=30",
        ),
        # Bootstrap: the current page is a list item marked active
        (
            "https://x.gov.vn/tin-tuc?start=10",
            '<ul><li><a href="/tin-tuc">1</a></li><li class="active"><a href="#">2</a></li>'
            '<li><a href="/tin-tuc?start=20">3</a></li></ul>',
            "https://x.gov.vn/tin-tuc?start=20",
        ),
        # "Xem thêm" on Drupal's first page, which names no page
        (
            "https://x.gov.vn/tin-tuc",
            '<a class="btn-more" href="/tin-tuc?page=1">Xem thêm</a>',
            "https://x.gov.vn/tin-tuc?page=1",
        ),
        # "Xem thêm" by Joomla's item offset
        (
            "https://x.gov.vn/index.php?view=category&id=8",
            '<a href="/index.php?view=category&amp;id=8&amp;limitstart=10">Xem thêm</a>',
            "https://x.gov.vn/index.php?view=category&id=8&limitstart=10",
        ),
        # the last page: no number after the current one
        (
            "https://x.gov.vn/tin-tuc?page=2",
            '<a href="/tin-tuc?page=1">2</a> <span class="current">3</span>',
            None,
        ),
    ],
    ids=[
        "drupal-first",
        "drupal-third",
        "joomla-offset",
        "bootstrap-active",
        "more",
        "more-offset",
        "last",
    ],
)
def test_next_page_by_the_pagers_count(url: str, pager: str, expected: str | None) -> None:
    main = f'<div class="list">{_items("/tin-tuc/tin-so-{n}-trong-ngay.html")}</div>'
    html = f'<html><body>{main}<div class="pager">{pager}</div></body></html>'
    assert find_links(LexborHTMLParser(html, scripting=True), url).next_page == expected


def test_a_lazy_thumbnails_noscript_is_no_title() -> None:
    # Parsed with scripting on, <noscript> holds its markup as text: a thumbnail link
    # would read '<img src="..." alt="" />', pass for a title and split the list
    def item(n: int, thumb: bool) -> str:
        img = (
            f'<a class="thumb" href="/node/{n}"><img class="lazyload" src="/blank.gif">'
            f'<noscript><img src="/files/anh-so-{n}.jpg" alt="" /></noscript></a>'
        )
        return (
            f'<div class="views-row">{img if thumb else ""}<h3><a href="/node/{n}">'
            f"{TITLES[n]}</a></h3><p>{SAPO}</p></div>"
        )

    rows = "".join(item(n, n < 4) for n in range(6))
    html = f'<html><body><div class="view-content">{rows}</div></body></html>'
    assert _links_of(html) == [f"/node/{n}" for n in range(6)]


def test_a_deeply_nested_box_is_headed_by_its_title_bar() -> None:
    # Liferay: the "Đọc nhiều nhất" title sits four boxes above the first item, and
    # the box lists as many stories as the column, with longer titles
    column = "".join(
        f'<li><a href="/tin-tuc/-/content/tin-so-{n}">{TITLES[n]}</a></li>' for n in range(5)
    )
    most = "".join(
        f'<li><a href="/tin-tuc/-/content/doc-nhieu-{n}">{TITLES[n]} và nhiều hơn nữa</a></li>'
        for n in range(5)
    )
    side = (
        '<div class="portlet-boundary"><section class="portlet"><header class="portlet-topper">'
        '<h2 class="portlet-title"><span>Đọc nhiều nhất</span></h2></header>'
        f'<div class="portlet-content"><div class="journal-content-article"><ul>{most}</ul>'
        "</div></div></section></div>"
    )
    html = (
        '<html><body><div class="wrap"><div class="col"><h2 class="cat-title">Tin tức</h2>'
        f'<div class="asset-publisher"><ul class="list-news">{column}</ul></div></div>'
        f'<div class="col-right">{side}</div></div></body></html>'
    )
    assert _links_of(html) == [f"/tin-tuc/-/content/tin-so-{n}" for n in range(5)]
