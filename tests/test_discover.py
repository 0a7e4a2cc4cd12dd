"""Discovery: main-column article links and the next page, on layouts with no CMS rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from archiver.discover import current_page, find_links, is_file_url
from archiver.extract import parse_page

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
