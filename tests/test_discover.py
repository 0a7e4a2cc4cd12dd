"""Discovery: main-column article links and the next page, on layouts with no CMS rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from archiver.extract import parse_page
from archiver.extract.links import find_links
from archiver.extract.pager import current_page
from archiver.extract.urls import is_file_url

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def _links(
    html: str, url: str, selectors: dict[str, str] | None = None
) -> tuple[list[str], str | None]:
    found = find_links(LexborHTMLParser(html, scripting=True), url, selectors)
    return list(found.articles), found.next_page


def test_newspaper_listing_main_column_only() -> None:
    html = (PAGES / "extra-newspaper-listing.html").read_text(encoding="utf-8")
    articles, next_page = _links(html, "https://baoquangtri.vn/thoi-su/page-2")
    assert articles == [
        "https://baoquangtri.vn/thoi-su/tinh-uy-hop-phien-thuong-ky-thang-12-142279.html",
        "https://baoquangtri.vn/thoi-su/khoi-cong-cau-cua-viet-142280.html",
        "https://baoquangtri.vn/thoi-su/dong-ha-don-tet-an-toan-142281.html",
        "https://baoquangtri.vn/thoi-su/hai-lang-nong-thon-moi-142282.html",
        "https://baoquangtri.vn/thoi-su/vinh-linh-trong-rung-142283.html",
    ]
    assert next_page == "https://baoquangtri.vn/thoi-su/page-3"  # numbered pager, current + 1


def test_listing_kind_despite_long_snippets() -> None:
    html = (PAGES / "extra-newspaper-listing.html").read_text(encoding="utf-8")
    record = parse_page(html, "https://baoquangtri.vn/thoi-su/page-2")
    assert record.kind == "listing"
    assert record.body is None and record.published is None


def _list_page(items: int, pager: str) -> str:
    rows = "".join(
        f'<li class="item"><a href="/tin/bai-viet-so-{i}.html">'
        f"Bài viết số {i} của chuyên mục tin tức</a></li>"
        for i in range(items)
    )
    menu = "".join(f'<li><a href="/{c}">Trang {c} của menu chính</a></li>' for c in ("a", "b", "c"))
    return (
        f'<html><body><ul class="menu">{menu}</ul><div class="list"><ul>{rows}</ul></div>'
        f'<div class="pager">{pager}</div></body></html>'
    )


@pytest.mark.parametrize(
    ("url", "pager", "expected"),
    [
        (
            "https://x.gov.vn/tin?page=2",
            '<a href="/tin?page=3">Sau »</a>',
            "https://x.gov.vn/tin?page=3",
        ),
        ("https://x.gov.vn/tin", '<a href="/tin?p=2">Tiếp</a>', "https://x.gov.vn/tin?p=2"),
        ("https://x.gov.vn/tin", '<a href="/tin?p=2">Trang sau</a>', "https://x.gov.vn/tin?p=2"),
        ("https://x.gov.vn/tin", '<a href="/tin?p=2">›</a>', "https://x.gov.vn/tin?p=2"),
        ("https://x.gov.vn/tin", '<a rel="next" href="/tin/2">x</a>', "https://x.gov.vn/tin/2"),
        ("https://x.gov.vn/tin", '<a href="/tin?Page=2">Next</a>', "https://x.gov.vn/tin?Page=2"),
        (
            "https://x.gov.vn/tin?Page=2",
            '<a href="/tin?Page=1">1</a><span>2</span><a href="/tin?Page=3">3</a>',
            "https://x.gov.vn/tin?Page=3",
        ),
        (
            "https://x.gov.vn/t?_101_INSTANCE_ab_cur=3",
            '<a href="/t?_101_INSTANCE_ab_cur=4">4</a>',
            "https://x.gov.vn/t?_101_INSTANCE_ab_cur=4",
        ),
        ("https://x.gov.vn/tin?page=3", '<a href="/tin?page=2">2</a><span>3</span>', None),
        ("https://x.gov.vn/tin?page=3", '<span class="disabled">Sau »</span>', None),
        ("https://x.gov.vn/tin?page=3", '<a href="javascript:void(0)">Sau »</a>', None),
    ],
)
def test_next_page(url: str, pager: str, expected: str | None) -> None:
    articles, next_page = _links(_list_page(6, pager), url)
    assert next_page == expected
    assert len(articles) == 6 and articles[0] == "https://x.gov.vn/tin/bai-viet-so-0.html"


def test_seed_selectors_override() -> None:
    html = _list_page(6, '<a class="nx" href="/tin?page=9">đi</a>')
    articles, next_page = _links(
        html, "https://x.gov.vn/tin", {"article_links": "ul.menu a", "next_page": "a.nx"}
    )
    assert articles == ["https://x.gov.vn/a", "https://x.gov.vn/b", "https://x.gov.vn/c"]
    assert next_page == "https://x.gov.vn/tin?page=9"


def test_liferay_asset_abstracts() -> None:
    items = "".join(
        f'<div class="asset-abstract"><h3 class="asset-title">'
        f'<a href="/web/s/tin/-/view_content/{i}-bai.html">Tin {i}</a></h3>'
        f'<div class="asset-more"><a href="/web/s/tin/-/view_content/{i}-bai.html">'
        "Xem tiếp »</a></div></div>"
        for i in range(3)
    )
    html = f'<html><body><div class="portlet-boundary">{items}</div></body></html>'
    articles, _ = _links(html, "https://s.hanoi.gov.vn/web/s/tin")
    assert articles == [
        f"https://s.hanoi.gov.vn/web/s/tin/-/view_content/{i}-bai.html" for i in range(3)
    ]


@pytest.mark.parametrize(
    ("url", "page"),
    [
        ("https://x.vn/tin", 1),
        ("https://x.vn/tin?page=4", 4),
        ("https://x.vn/tin?Page=4", 4),
        ("https://x.vn/tin?p=5", 5),
        ("https://x.vn/tin/page-8", 8),
        ("https://x.vn/t?_101_cur=2&_101_delta=10", 2),
    ],
)
def test_current_page(url: str, page: int) -> None:
    assert current_page(url) == page


def test_file_urls() -> None:
    assert is_file_url("https://x.vn/files/a.PDF")
    assert is_file_url("https://x.vn/Documents/QD-1.docx?v=2")
    assert not is_file_url("https://x.vn/tin/a.html")


# --- one listing page per CMS family: main column only, next page found ----------------

LISTINGS = [
    # (page, how many article links, a sidebar/menu link that must not be taken, next page)
    ("webcenter-listing", 4, "PORTAL511000",
     "https://www.quangnam.gov.vn/webcenter/portal/ubnd/pages_tin-tuc?page=2"),
    ("drupal-listing", 4, "/tin-tuc", "https://langson.gov.vn/tin-tuc?page=6"),
    ("aspnet-listing", 5, "chinhphu.vn",
     "https://www.haugiang.gov.vn/Default.aspx?p_steering=8&pageid=21&page=3"),
    ("cms3-listing", 3, "/3cms/tin-tuc-su-kien.htm",
     "https://lethuy.quangbinh.gov.vn/3cms/tin-tuc-su-kien.htm?trang=2"),
    ("vhv-listing", 3, "/thong-bao/", "https://thptlequydon.edu.vn/tin-tuc?page=2"),
    ("newspaper-listing", 3, "141900", "https://baohaugiang.com.vn/kinh-te?p=6"),
    ("extra-newspaper-listing", 5, "142100", "https://baoquangtri.vn/thoi-su/page-3"),
    ("ckan-listing", 3, "/dataset", "https://opendata.bacninh.gov.vn/news?page=2"),
    ("haugiang-listing", 10, "/gioi-thieu", None),
    ("sotttt-listing", 10, "/thu-tuc-hanh-chinh", None),
    ("quangtri-listing", 10, "Home.aspx", None),
]  # fmt: skip


@pytest.mark.parametrize(("stem", "count", "not_taken", "next_page"), LISTINGS)
def test_family_listing(stem: str, count: int, not_taken: str, next_page: str | None) -> None:
    page = PAGES / f"{stem}.html"
    url = page.with_suffix(".url").read_text(encoding="utf-8").strip()
    articles, found_next = _links(page.read_text(encoding="utf-8"), url)
    assert len(articles) == count
    assert not [a for a in articles if not_taken in a]
    if next_page is not None:
        assert found_next == next_page
    assert parse_page(page.read_text(encoding="utf-8"), url).kind == "listing"


def test_seed_selectors_override_a_family_rule() -> None:
    html = (PAGES / "drupal-listing.html").read_text(encoding="utf-8")
    articles, next_page = _links(
        html,
        "https://langson.gov.vn/tin-tuc?page=5",
        {"article_links": "div.views-row-first a", "next_page": "li.pager-last a"},
    )
    assert articles == ["https://langson.gov.vn/node/1973"]
    assert next_page == "https://langson.gov.vn/tin-tuc?page=40"


@pytest.mark.parametrize(
    ("url", "button", "expected"),
    [
        ("https://t.edu.vn/tin-tuc", '<a href="javascript:;" data-page="2">2</a>',
         "https://t.edu.vn/tin-tuc?page=2"),
        ("https://t.edu.vn/tin-tuc?page=2", '<a href="javascript:;" onclick="go(3)">3</a>',
         "https://t.edu.vn/tin-tuc?page=3"),
        ("https://t.edu.vn/tin-tuc?page=3", '<a href="javascript:;" data-page="2">2</a>', None),
    ],
)  # fmt: skip
def test_script_pager(url: str, button: str, expected: str | None) -> None:
    items = "".join(
        f'<div class="article-item"><h3 class="title"><a href="/tin-tuc/bai-{i}.html">'
        f"Bài viết số {i} của nhà trường</a></h3></div>"
        for i in range(3)
    )
    html = (
        f'<html><body><h1 class="title-detail">x</h1><div class="list-article">{items}</div>'
        f'<ul class="pagination"><li>{button}</li></ul></body></html>'
    )
    assert _links(html, url)[1] == expected
