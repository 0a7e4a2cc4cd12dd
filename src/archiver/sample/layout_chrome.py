"""The chrome of a randomised sample page: what surrounds an article or a listing.

Each CMS family of DOMAIN.md gets its own URL shapes and wrapper markup; the
pieces (menus, sidebars, share bars, comment forms, pagers) are drawn from the
idioms of real provincial portals. None of this text belongs to an article:
an extractor that keeps any of it has kept chrome. See layouts.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from archiver.sample.content import Story, slugify
from archiver.sample.render import esc

Href = Callable[[str], str]  # site path -> the href as this page writes it


def story_id(story: Story) -> int:
    """The CMS's numeric id of a story (stable, unrelated to the slug)."""
    return 14200 + 3 * story.index


@dataclass(frozen=True)
class Family:
    """One CMS family: its URL shapes and the markup its templates wrap content in."""

    article: Callable[[Story], str]
    listing: Callable[[int], str]
    image: Callable[[Story, int], str]
    page: tuple[str, str]
    article_box: tuple[str, str]  # may hold {id}
    body_box: tuple[str, str]
    box: str  # a sidebar widget, with {heading} and {inner}
    list_box: tuple[str, str]  # the listing's main column
    item_class: str
    powered: str


def _page_query(path: str, key: str) -> Callable[[int], str]:
    def listing(page: int) -> str:
        return path if page == 1 else f"{path}{'&' if '?' in path else '?'}{key}={page}"

    return listing


def _joomla_listing(page: int) -> str:
    base = "/index.php?option=com_content&view=category&id=8&Itemid=101"
    return base if page == 1 else f"{base}&limitstart={10 * (page - 1)}"


_ASPNET_FORM = (
    '<form method="post" action="./Default.aspx" id="form1"><div class="aspNetHidden">'
    '<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" '
    'value="/wEPDwULLTE2MTY2ODcyMjlkZA==" />'
    "</div>"
)
_DRUPAL_BODY = (
    '<div class="field field-name-body field-type-text-with-summary"><div class="field-items">'
    '<div class="field-item even" property="content:encoded">',
    "</div></div></div>",
)

FAMILIES: dict[str, Family] = {
    "umbraco": Family(
        article=lambda s: f"/tin-tuc/tin-dia-phuong/{s.slug}",
        listing=_page_query("/tin-tuc/tin-dia-phuong", "page"),
        image=lambda s, k: f"/media/{3000 + 3 * s.index + k}/{s.images[k][1]}.jpg",
        page=('<div id="wrapper">', "</div>"),
        article_box=('<div class="news-detail">', "</div>"),
        body_box=('<div class="content">', "</div>"),
        box='<div class="box"><h3>{heading}</h3>{inner}</div>',
        list_box=('<div class="news-list">', "</div>"),
        item_class="news-item",
        powered="Powered by Umbraco.",
    ),
    "liferay": Family(
        article=lambda s: f"/web/guest/tin-tuc/-/asset_publisher/k3Tz8XvB/content/{s.slug}",
        listing=_page_query("/web/guest/tin-tuc", "_101_INSTANCE_k3Tz8XvB_cur"),
        image=lambda s, k: f"/documents/10180/0/{s.images[k][1]}.jpg",
        page=(
            '<div id="wrapper" class="container-fluid"><section id="content">'
            '<div class="portlet-layout row"><div class="portlet-column col-md-12" id="column-1">',
            "</div></div></section></div>",
        ),
        article_box=(
            '<div class="portlet-boundary portlet-boundary_101_ portlet-asset-publisher" '
            'id="p_p_id_101_INSTANCE_k3Tz8XvB_"><section class="portlet">'
            '<div class="portlet-content">'
            '<div class="asset-full-content default-asset-publisher">',
            "</div></div></section></div>",
        ),
        body_box=(
            '<div class="asset-content"><div class="journal-content-article">',
            "</div></div>",
        ),
        box='<div class="portlet-boundary portlet-boundary_56_ portlet-journal-content">'
        '<section class="portlet"><header class="portlet-topper"><h2 class="portlet-title">'
        '<span class="portlet-title-text">{heading}</span></h2></header>'
        '<div class="portlet-content">'
        '<div class="journal-content-article">{inner}</div></div></section></div>',
        list_box=('<div class="asset-publisher">', "</div>"),
        item_class="asset-abstract",
        powered="Powered by Liferay Portal.",
    ),
    "sharepoint": Family(
        article=lambda s: f"/Pages/View_detail.aspx?ItemID={story_id(s)}",
        listing=_page_query("/Pages/tin-tuc.aspx", "Page"),
        image=lambda s, k: f"/PublishingImages/tin-tuc/{s.images[k][1]}.jpg",
        page=(
            '<form method="post" action="./View_detail.aspx" id="aspnetForm">'
            '<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" '
            'value="/wEPDwUKLTM2NjQ5NjE0Mg9kFgJmD2QWAgIBD2QWBA==" /></div>'
            '<div id="s4-workspace"><div id="s4-bodyContainer">',
            "</div></div></form>",
        ),
        article_box=(
            '<div id="ctl00_PlaceHolderMain_g_7e3f_ctl00_pnlDetail" class="news-detail">',
            "</div>",
        ),
        body_box=(
            '<div id="ctl00_PlaceHolderMain_g_7e3f_ctl00_divContent" class="ms-rtestate-field">',
            "</div>",
        ),
        box='<div class="ms-webpart-chrome ms-webpart-chrome-vertical">'
        '<div class="ms-webpart-chrome-title"><h2 class="ms-webpart-titleText">{heading}</h2>'
        '</div><div class="ms-WPBody">{inner}</div></div>',
        list_box=(
            '<div id="ctl00_PlaceHolderMain_g_7e3f_ctl00_pnlNews" class="ms-webpart-zone">',
            "</div>",
        ),
        item_class="news-item",
        powered="Phát triển bởi VNPT.",
    ),
    "dnn": Family(
        article=lambda s: f"/Tin-tuc/tabid/85/ArticleID/{story_id(s)}/{s.slug}.aspx",
        listing=_page_query("/Tin-tuc/tabid/85/Default.aspx", "currentpage"),
        image=lambda s, k: f"/Portals/0/Images/{s.images[k][1]}.jpg",
        page=('<form method="post" action="/" id="Form"><div id="dnn_wrapper">', "</div></form>"),
        article_box=(
            '<div id="dnn_ContentPane" class="DNNPane">'
            '<div class="DnnModule DnnModule-EasyDNNnews">'
            '<div id="dnn_ctr512_ContentPane"><div class="edn_article edn_clearFix">',
            "</div></div></div></div>",
        ),
        body_box=('<div class="edn_articleContent Normal">', "</div>"),
        box='<div class="DnnModule DnnModule-DNN_HTML"><div class="c_container">'
        '<h2 class="c_title">'
        '<span class="TitleHead">{heading}</span></h2><div class="DNNModuleContent ModDNNHTMLC">'
        '<div class="Normal">{inner}</div></div></div></div>',
        list_box=(
            '<div id="dnn_ContentPane" class="DNNPane"><div class="edn_articleList">',
            "</div></div>",
        ),
        item_class="edn_article",
        powered="Powered by DNN.",
    ),
    "joomla": Family(
        article=lambda s: (
            "/index.php?option=com_content&view=article"
            f"&id={story_id(s)}:{s.slug}&catid=8&Itemid=101"
        ),
        listing=_joomla_listing,
        image=lambda s, k: f"/images/stories/{s.images[k][1]}.jpg",
        page=('<div class="body"><div class="container">', "</div></div>"),
        article_box=(
            '<div class="item-page" itemscope itemtype="https://schema.org/Article">',
            "</div>",
        ),
        body_box=('<div itemprop="articleBody">', "</div>"),
        box='<div class="moduletable"><h3>{heading}</h3>{inner}</div>',
        list_box=('<div class="blog">', "</div>"),
        item_class="blog-item",
        powered="Joomla! là phần mềm mã nguồn mở.",
    ),
    "wordpress": Family(
        article=lambda s: f"/{s.moment:%Y/%m/%d}/{s.slug}/",
        listing=lambda page: "/category/tin-tuc/" + (f"page/{page}/" if page > 1 else ""),
        image=lambda s, k: f"/wp-content/uploads/{s.moment:%Y/%m}/{s.images[k][1]}.jpg",
        page=(
            '<div id="page" class="site"><div id="content" class="site-content">',
            "</div></div>",
        ),
        article_box=(
            '<article id="post-{id}" class="post-{id} post type-post status-publish hentry">',
            "</article>",
        ),
        body_box=('<div class="entry-content">', "</div>"),
        box='<section class="widget"><h2 class="widget-title">{heading}</h2>{inner}</section>',
        list_box=('<main id="main" class="site-main">', "</main>"),
        item_class="post type-post",
        powered="Proudly powered by WordPress.",
    ),
    "aspnet": Family(
        article=lambda s: f"/pages/detail/{story_id(s)}/{s.slug}.html",
        listing=_page_query("/pages/list/12/tin-tuc.html", "p"),
        image=lambda s, k: f"/Upload/Images/{s.moment:%Y%m}/{s.images[k][1]}.jpg",
        page=(_ASPNET_FORM + '<div id="wrapper">', "</div></form>"),
        article_box=('<div id="ContentPlaceHolder1_ctl00_pnDetail" class="detail">', "</div>"),
        body_box=(
            '<div id="ContentPlaceHolder1_ctl00_divContent" class="detail-content">',
            "</div>",
        ),
        box='<div class="panel panel-default"><div class="panel-heading">{heading}</div>'
        '<div class="panel-body">{inner}</div></div>',
        list_box=('<div id="ContentPlaceHolder1_ctl00_pnList" class="list-news">', "</div>"),
        item_class="item-news",
        powered="Thiết kế bởi Trung tâm Công nghệ thông tin và Truyền thông.",
    ),
    "drupal": Family(
        article=lambda s: f"/node/{story_id(s)}",
        listing=lambda page: "/tin-tuc" + (f"?page={page - 1}" if page > 1 else ""),
        image=lambda s, k: f"/sites/default/files/{s.images[k][1]}.jpg",
        page=('<div id="page-wrapper"><div id="page">', "</div></div>"),
        article_box=(
            '<div id="node-{id}" class="node node-article node-promoted clearfix">',
            "</div>",
        ),
        body_box=_DRUPAL_BODY,
        box='<div class="block block-views"><h2 class="block-title">{heading}</h2>'
        '<div class="content">{inner}</div></div>',
        list_box=('<div class="view view-tin-tuc"><div class="view-content">', "</div></div>"),
        item_class="views-row",
        powered="Powered by Drupal.",
    ),
    "newspaper": Family(
        article=lambda s: f"/tin-tuc/{s.slug}-{story_id(s)}.html",
        listing=lambda page: "/tin-tuc" + (f"/page-{page}" if page > 1 else ""),
        image=lambda s, k: f"/uploads/{s.moment:%Y/%m}/{s.images[k][1]}.jpg",
        page=('<div class="wrapper">', "</div>"),
        article_box=('<article class="article-detail">', "</article>"),
        body_box=('<div class="detail__content" id="main-detail">', "</div>"),
        box='<div class="box-sidebar"><div class="box-title"><span>{heading}</span></div>'
        '<div class="box-content">{inner}</div></div>',
        list_box=('<div class="list-story">', "</div>"),
        item_class="story",
        powered="Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
    ),
}

SITE_NAMES = (
    "Cổng thông tin điện tử tỉnh Hậu Giang",
    "Sở Thông tin và Truyền thông Hà Nội",
    "Cổng thông tin điện tử tỉnh Quảng Trị",
    "Báo Sóc Trăng điện tử",
    "Cổng thông tin điện tử huyện Vị Thủy",
)
MENU = (
    "Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Chính trị", "Kinh tế", "Văn hóa - Xã hội",
    "Quốc phòng - An ninh", "Văn bản pháp luật", "Thủ tục hành chính", "Lịch công tác",
    "Hỏi đáp", "Liên hệ", "Dịch vụ công trực tuyến", "Công khai ngân sách", "Tuyển dụng",
    "Đấu thầu", "Quy hoạch", "Chỉ đạo điều hành", "Thông cáo báo chí", "Góp ý dự thảo",
    "Video", "Thư viện ảnh", "Tiếp công dân", "Sơ đồ cổng", "Liên kết website",
)  # fmt: skip
CATEGORY = "Tin tức - Sự kiện"
_INTRO = (
    "Cổng thông tin điện tử là kênh thông tin chính thức của Ủy ban nhân dân tỉnh trên môi "
    "trường mạng. Cổng cung cấp thông tin về hoạt động chỉ đạo, điều hành của tỉnh, các thủ tục "
    "hành chính và dịch vụ công trực tuyến phục vụ người dân và doanh nghiệp."
)


def _date(story: Story) -> str:
    return f' <span class="date">({story.moment:%d/%m/%Y})</span>'


def links_list(
    stories: Sequence[Story], href: Href, article: Callable[[Story], str], dates: bool
) -> str:
    """`<ul>` of links to other articles, as related and most-read boxes print them."""
    items = "".join(
        f'<li><a href="{esc(href(article(s)))}" title="{esc(s.title)}">{esc(s.title, quote=False)}'
        f"</a>{_date(s) if dates else ''}</li>"
        for s in stories
    )
    return f'<ul class="list-news">{items}</ul>'


def header(site: str, href: Href, *, clock: str | None, logo_h1: bool, menu: int) -> str:
    """Top bar (maybe with today's clock), banner with the site name, main menu."""
    top = f'<span class="date-now">{clock}</span> ' if clock else ""
    tag = "h1" if logo_h1 else "div"
    items = "".join(
        f'<li><a href="{esc(href("/" + slugify(label)))}">{esc(label, quote=False)}</a></li>'
        for label in MENU[:menu]
    )
    return (
        f'<div id="header" class="header"><div class="top-bar">{top}<a href="{href("/lien-he")}">'
        f'Liên hệ</a> | <a href="{href("/so-do-cong")}">Sơ đồ cổng</a> | <a href="{href("/en")}">'
        f'English</a></div><div class="banner"><a href="{href("/")}"><{tag} class="logo">'
        f'<img src="{href("/images/banner.jpg")}" alt="{esc(site)}" />{esc(site, quote=False)}'
        f'</{tag}></a></div><ul class="menu main-menu">{items}</ul></div>\n'
    )


def breadcrumb(
    kind: str,
    href: Href,
    listing: str,
    *,
    section: str = CATEGORY,
    leaf: str | None = None,
    names: str = "breadcrumb",
    separator: str = "»",
) -> str:
    """The trail Trang chủ > section (> leaf), in one of the idioms seen: a list, a
    row of links with separators, a heading; named by its class, or by nothing."""
    trail = [("Trang chủ", href("/")), (section, href(listing))]
    links = [f'<a href="{esc(u)}">{esc(t, quote=False)}</a>' for t, u in trail]
    if leaf:
        links.append(f'<span class="active">{esc(leaf, quote=False)}</span>')
    cls = f' class="{names}"' if names else ""
    if kind in ("ul", "ol"):
        inner = "".join(f"<li>{link}</li>" for link in links)
        return f"<{kind}{cls}>{inner}</{kind}>\n"
    if kind == "nav":
        inner = "".join(f'<li class="breadcrumb-item">{link}</li>' for link in links)
        return f'<nav aria-label="breadcrumb"><ol{cls}>{inner}</ol></nav>\n'
    gap = _CRUMB_GAPS[separator]
    if kind == "h1":
        return f'<h1 class="{f"page-title {names}".strip()}">{gap.join(links)}</h1>\n'
    if kind == "div":
        return f"<div{cls}>{gap.join(links)}</div>\n"
    return ""


# How a row of crumbs separates its links.
_CRUMB_GAPS = {
    "»": " » ",
    ">": " &gt; ",
    "/": " / ",
    "›": " › ",
    "icon": ' <i class="fa fa-angle-right"></i> ',
}
CRUMB_SEPARATORS = tuple(_CRUMB_GAPS)
CRUMB_CLASSES = ("breadcrumb", "breadcrumbs", "pathway", "duong-dan", "")
# Sections an article may be filed under; the first is the menu's news entry.
SECTIONS = (
    CATEGORY, "Tin kinh tế", "Chính trị", "Văn hóa - Xã hội", "Hoạt động của lãnh đạo tỉnh",
    "Thời sự",
)  # fmt: skip


def sidebar(
    family: Family, href: Href, most_read: Sequence[Story], extra: Sequence[str] = ()
) -> str:
    """Widgets of a provincial portal's side column; `extra` boxes come first."""
    box = family.box.format
    menu = "".join(
        f'<li><a href="{esc(href("/" + slugify(label)))}">{esc(label, quote=False)}</a></li>'
        for label in MENU[3:9]
    )
    boxes = [
        *extra,
        box(heading="Chuyên mục", inner=f'<ul class="menu-left">{menu}</ul>'),
        box(heading="Giới thiệu", inner=f"<p>{_INTRO}</p>"),
        box(
            heading="Đọc nhiều nhất",
            inner=links_list(most_read, href, family.article, dates=False),
        ),
        box(
            heading="Thời tiết",
            inner='<div class="weather"><span class="city">Vị Thanh</span> '
            '<span class="temp">28°C</span> <span class="desc">Nhiều mây, có mưa rào</span></div>',
        ),
        box(
            heading="Thăm dò ý kiến",
            inner="<form><p>Bạn đánh giá thế nào về giao diện mới của Cổng thông tin?</p>"
            '<label><input type="radio" name="poll" /> Đẹp</label> <label><input type="radio" '
            'name="poll" /> Bình thường</label> <button type="button">Biểu quyết</button> '
            '<a href="#">Xem kết quả</a></form>',
        ),
        box(heading="Quảng cáo", inner="<p>Không có quảng cáo</p>"),
        box(
            heading="Thống kê truy cập",
            inner="<p>Lượt truy cập: 12.345.678</p><p>Đang trực tuyến: 234</p>",
        ),
        box(
            heading="Liên kết website",
            inner="<select><option>Chính phủ</option><option>Bộ Nội vụ</option></select>",
        ),
    ]
    return '<div class="sidebar">' + "\n".join(boxes) + "</div>\n"


def footer(kind: str, site: str, powered: str) -> str:
    """Footer with the publisher's address, licence and maybe a powered-by line."""
    if kind == "minimal":
        return f'<div id="footer"><p>© {esc(site, quote=False)}</p></div>\n'
    tail = f"<p>{powered}</p>" if kind == "address-powered" else ""
    return (
        f'<div id="footer" class="footer"><p>Cơ quan chủ quản: {esc(site, quote=False)}.</p>'
        "<p>Địa chỉ: số 02 Đường Điện Biên Phủ, phường V, thành phố Vị Thanh. Điện thoại: "
        "(0293) 3870 000 - Email: banbientap@example.gov.vn</p><p>Giấy phép số 12/GP-TTĐT do "
        "Cục Phát thanh, truyền hình và thông tin điện tử cấp ngày 05/03/2019.</p>"
        f"{tail}</div>\n"
    )


def share_bar(href: Href, url: str) -> str:
    return (
        '<div class="share-bar">Chia sẻ: <a href="https://www.facebook.com/sharer/sharer.php?u='
        f'{esc(url)}">Facebook</a> <a href="https://zalo.me/share?u={esc(url)}">Zalo</a> '
        '<a href="https://twitter.com/intent/tweet">Twitter</a></div>\n'
    )


def print_links(href: Href, print_path: str) -> str:
    return (
        f'<div class="tools"><a href="{esc(href(print_path))}">Bản in</a> | <a href="mailto:?'
        'subject=Tin%20bai">Gửi email</a> | <a href="#top">Lên top</a> | <span>Mặc định Cỡ chữ'
        '</span> <a href="#">A-</a> <a href="#">A+</a></div>\n'
    )


def tags(href: Href, words: Sequence[str]) -> str:
    links = ", ".join(
        f'<a href="{esc(href("/tag/" + slugify(w)))}">{esc(w, quote=False)}</a>' for w in words
    )
    return f'<div class="tags"><span>Từ khóa:</span> {links}</div>\n'


def comments(heading: str) -> str:
    return (
        f'<div class="comments"><h3>{heading}</h3><p class="note">Ý kiến của bạn sẽ được biên '
        'tập trước khi đăng. Xin vui lòng gõ tiếng Việt có dấu.</p><form class="comment-form">'
        'Họ và tên <input type="text" name="hoten" /> Email <input type="text" name="email" />'
        '<textarea name="noidung"></textarea><button type="button">Gửi ý kiến</button>'
        "</form></div>\n"
    )


def pager(style: str, page: int, pages: int, href: Href, listing: Callable[[int], str]) -> str:
    """Pagination in one of the idioms seen; no link onward from the last page."""

    def link(n: int, text: str, cls: str = "") -> str:
        attr = f' class="{cls}"' if cls else ""
        return f'<a{attr} href="{esc(href(listing(n)))}">{text}</a>'

    nxt = page < pages
    numbers = " ".join(
        f'<span class="current">{n}</span>' if n == page else link(n, str(n))
        for n in range(max(1, page - 4), min(pages, page + 4) + 1)
    )
    if style == "trang-sau":
        parts = [
            link(page - 1, "Trang trước") if page > 1 else "",
            link(page + 1, "Trang sau") if nxt else "",
        ]
        return f'<div class="paging">{" ".join(p for p in parts if p)}</div>\n'
    if style == "xem-them":
        more = link(page + 1, "Xem thêm", "btn-more") if nxt else ""
        return f'<div class="view-more">{more}</div>\n'
    if style == "tiep":

        def button(ok: bool, n: int, text: str) -> str:
            return (
                f"<li>{link(n, text)}</li>"
                if ok
                else f'<li class="disabled"><span>{text}</span></li>'
            )

        items = (
            button(page > 1, 1, "Đầu") + button(page > 1, page - 1, "Trước")
            + button(nxt, page + 1, "Tiếp") + button(nxt, pages, "Cuối")
        )  # fmt: skip
        return f'<div class="lfr-pagination-buttons"><ul class="pager">{items}</ul></div>\n'
    tail = {"raquo": link(page + 1, "»"), "sau": link(page + 1, "Sau »", "next")}.get(style, "")
    return f'<div class="pager">{numbers} {tail if nxt else ""}</div>\n'
