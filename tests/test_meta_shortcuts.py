"""Speed shortcuts in the metadata stages give exactly what the long way gives."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.extract import kinds
from archiver.extract.meta import datelines, published, sections
from archiver.extract.page import Page, declaring, gather, may_count_views

GOLDEN = sorted((Path(__file__).parent / "fixtures" / "pages").glob("*.html"))


def _page(html: str) -> Page:
    tree = LexborHTMLParser(html, scripting=True)
    return Page(tree=tree, url="https://x.gov.vn/a", base="https://x.gov.vn/a", selectors={},
                family=None, ld={}, meta={})  # fmt: skip


def _places(page: Page) -> list[tuple[LexborNode | None, LexborNode | None]]:
    """Titles and body containers to try, as the cascade might have found them."""
    titles = [None, *page.tree.css("h1, h2, h3")[:3], *page.tree.css("div, span")[:3]]
    containers = [None, *page.tree.css("div, td, article")[:6]]
    return [(title, container) for title in titles for container in containers]


def _views_the_long_way(
    page: Page, title: LexborNode | None, container: LexborNode | None, body_lines: list[str]
) -> int | None:
    """The view count of a page its metadata dates, as first written: every line read
    whenever the page's text names a count."""
    root = page.tree.body
    if root is None or not may_count_views(root.text()):
        return None
    node = published._date_node(page)
    lines = [published.clean_line(node.text())] if node is not None else []
    lines += body_lines + datelines.lines_near_title(page, title, container)
    return published._view_count(lines, title, container)


def _assert_same_views(page: Page, body_lines: list[str]) -> None:
    for title, container in _places(page):
        got = published._views_beside_dates(page, title, container, body_lines)
        assert got == _views_the_long_way(page, title, container, body_lines)


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_views_beside_dates_on_golden_pages(path: Path) -> None:
    _assert_same_views(_page(path.read_text(encoding="utf-8")), [])


_MARKUP = [
    "<div>", "</div>", "<div class='header'>", "<div class='sidebar'>", "<header>", "</header>",
    "<p>", "</p>", "<h1>", "</h1>", "<span>", "</span>", "<a href='/x'>", "</a>", "<td>",
    "</td>", "<article>", "</article>", "<script>var views = 12;</script>",
    "Ngày đăng: 08/07/2024 11:38", "Lượt xem: 1.234", "Lượt xem:", "Views 3", "lượt truy cập",
    " 17", "© 2023", "12/05/2023", "view", "x" * 150, " ",
]  # fmt: skip
_BODY_LINES = st.lists(st.sampled_from(["Lượt xem: 5", "Ngày 12/05/2023", "Hits: 9 2024"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MARKUP), max_size=60).map("".join), _BODY_LINES)
def test_views_beside_dates_are_the_long_ways(markup: str, body_lines: list[str]) -> None:
    _assert_same_views(_page(f"<html><body>{markup}</body></html>"), body_lines)


_BREAK_PIECES = [
    "<div>", "</div>", "<td>", "<table><tr><td>", "</td></tr></table>", "<p>", "</p>", "<br>",
    "<br/>", "</br>", "<span>", "</span>", "<svg>", "</svg>", "<math>", "</math>",
    "<foreignObject>", "<svg><foreignObject><div>", "<template>", "</template>", "<h1>", "x",
    "<noscript>", "</noscript>", "<li>", "<th>",
]  # fmt: skip


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_BREAK_PIECES), max_size=14))
def test_line_breaks_gathered_are_those_under_a_div_or_a_cell(pieces: list[str]) -> None:
    """The one query asks for every <br>; Python keeps those the selectors keep."""
    html = "<html><body>" + "".join(pieces) + "</body></html>"
    tree = LexborHTMLParser(html)
    _, gathered = declaring(tree)
    found = [n.mem_id for n in tree.css("p, div > br, td > br")]
    assert [n.mem_id for n in gathered["p, div > br, td > br"]] == found
    page = _page(html)
    assert [n.mem_id for n in gather(page, "p, div > br, td > br")] == [
        n.mem_id for n in page.tree.css("p, div > br, td > br")
    ]


def test_case_blind_blocked_and_gone_match_as_lower_case_does_but_for_three_letters() -> None:
    """The code points that IGNORECASE matches to a letter of the two patterns
    otherwise than their lower case does are kinds._CASE_ODD."""
    letters = {c for p in (kinds._BLOCKED, kinds._GONE) for c in p.pattern if c.isalpha()}
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    lowered: dict[str, set[str]] = {letter: set() for letter in letters}
    for c in every:
        if c.lower() in lowered:
            lowered[c.lower()].add(c)
    odd = set()
    for letter in letters:
        case_blind = set(re.findall(re.escape(letter), every, re.IGNORECASE))
        odd |= case_blind ^ lowered[letter]
    assert odd == set(kinds._CASE_ODD)


_SAYING = st.sampled_from(
    ["CAPTCHA", "captcha", "Access Denied", "not a ", "ROBOT", "robot", "không phải là ",
     "Người máy", "KHÔNG TÌM THẤY", "Error 404", "error404", "Đã bị xóa", "lỗi 404", " ",
     "ſ", "İ", "ı", "acceſs denied", "CHECKİNG your browser", "x"]
)  # fmt: skip


@settings(max_examples=1000)
@given(st.lists(_SAYING | st.text(max_size=3), max_size=8).map("".join))
def test_says_why_not_is_the_case_blind_patterns(text: str) -> None:
    blocked = kinds._BLOCKED.search(text)
    expected = "blocked" if blocked else ("soft404" if kinds._GONE.search(text) else None)
    assert kinds.says_why_not(text) == expected


_MENU_PIECES = [
    "<ul>", "</ul>", "<nav>", "</nav>", "<li>", "</li>", "<div>", "</div>", "<a href='/t'>",
    "</a>", "Tin tức", "TIN", "tin", "Giới thiệu", "x",
]  # fmt: skip


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_MENU_PIECES), max_size=16))
def test_news_links_are_the_menu_links_holding_tin_once_each(pieces: list[str]) -> None:
    tree = LexborHTMLParser("<html><body>" + "".join(pieces) + "</body></html>")
    wide = tree.css('ul a:lexbor-contains("tin" i), nav a:lexbor-contains("tin" i)')
    once = list(dict.fromkeys(node.mem_id for node in wide))
    assert [node.mem_id for node in tree.css(sections._NEWS_LINKS)] == once
