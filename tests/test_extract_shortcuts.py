"""Speed shortcuts in extraction give exactly what the long way gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.extract import chrome, vocabulary
from archiver.extract import page as page_module
from archiver.extract.meta import about, datelines
from archiver.extract.page import (
    GATHERED_KEYS,
    VIEWS,
    Page,
    declaring,
    folds_to_start,
    gather,
    may_count_views,
)
from archiver.normalize import fold

GOLDEN = sorted((Path(__file__).parent / "fixtures" / "pages").glob("*.html"))
PREFIXES = [("tin tuc",), ("ket qua tim kiem", "tim kiem", "search results"), ("",)]
# Letters whose folding is not plain: marks, đ, capitals that lower to two characters.
LETTERS = "tTkKsSđĐİıṬţ\u0301\u0323\u0302 aăâ"


@settings(max_examples=1000)
@given(st.text(alphabet=LETTERS) | st.text(), st.sampled_from(PREFIXES))
def test_folds_to_start_is_fold_then_startswith(text: str, prefixes: tuple[str, ...]) -> None:
    assert folds_to_start(text, prefixes) == fold(text).startswith(prefixes)


def test_folds_to_start_reads_vietnamese() -> None:
    assert folds_to_start("Tin tức - Sự kiện", ("tin tuc",))
    assert folds_to_start("Kết quả tìm kiếm", ("ket qua tim kiem",))
    assert not folds_to_start("Giới thiệu", ("tin tuc",))


# Pieces of view-count labels, in the cases and spacings pages write them.
_VIEW_PIECES = ["Lượt", "LƯỢT", "xem", "XEM", "Số", "lần", "đọc", "ĐỌC", "Đã", "truy",
                "cập", "View", "views", "count", "Hits", "HITS", ":", " ", "  ", "\n", "3.656",
                "12", "x"]  # fmt: skip
_VIEW_LABELS = ["Số lần xem: 427", "Lượt xem: 7370", "Số lượt xem 12", "LƯỢT ĐỌC: 5",
                "Đã xem 1.234", "Lần xem: 9", "Lượt truy cập: 12", "View count: 536",
                "Views 3", "Hits: 77"]  # fmt: skip


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(_VIEW_PIECES) | st.text(max_size=3), max_size=8).map("".join))
def test_a_text_without_view_words_holds_no_view_count(text: str) -> None:
    # dates_and_views skips its walk for a view count on a page may_count_views rules out
    assert may_count_views(text) or VIEWS.search(text) is None


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(_VIEW_PIECES) | st.text(max_size=3), max_size=8).map("".join))
def test_the_view_word_pattern_is_a_substring_test_of_each_form(text: str) -> None:
    assert may_count_views(text) == any(word in text for word in page_module._VIEW_WORDS)


@pytest.mark.parametrize("label", _VIEW_LABELS)
def test_every_view_label_holds_a_view_word(label: str) -> None:
    assert VIEWS.search(label) is not None
    assert may_count_views(label)


# The side-widget pattern as first written, before it was built from a word list.
_SIDE_PATTERN = re.compile(r"other|related|lien-?quan|tin-?khac|comment|sidebar|right-col", re.I)
_NAME_PIECES = ["Other", "RELATED", "lien-Quan", "lienquan", "tin_khac", "TinKhac", "side-bar",
                "sidebar", "right-col", "ſidebar", "Komment", "md:", " ", "-", "x"]  # fmt: skip


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(_NAME_PIECES) | st.text(max_size=4), max_size=6).map("".join))
def test_side_names_is_the_side_pattern(names: str) -> None:
    datelines._side_names.cache_clear()
    assert datelines._side_names(names) == bool(_SIDE_PATTERN.search(chrome.plain_names(names)))


def _lines_by_full_walk(
    page: Page, title_node: LexborNode | None, container: LexborNode | None
) -> list[str]:
    """datelines.lines_near_title as first written: every line placed by the full walk."""
    root = page.tree.body
    if root is None:
        return []
    title_id = title_node.mem_id if title_node is not None else None
    found: list[tuple[int, str]] = []
    title_at: int | None = None
    seen: set[int] = set()
    lines: dict[int, str] = {}
    skip = datelines._skipped(container, title_node)
    for order, (node, text) in enumerate(datelines._meta_walk(root, skip)):
        if text is None:
            if node.mem_id == title_id:
                title_at = order
            continue
        if not (
            datelines._DIGIT.search(text) and (datelines._YEAR.search(text) or VIEWS.search(text))
        ):
            continue
        line = datelines._line_of(node, seen, lines)
        if line is not None and len(line) <= vocabulary.DATE_LINE_CHARS:
            found.append((order, line))
    if title_at is None:
        return [line for _, line in found]
    anchor = title_at
    ranked = sorted(found, key=lambda f: abs(f[0] - anchor) * (1 if f[0] > anchor else 3))
    return [line for _, line in ranked]


def _page(html: str) -> Page:
    tree = LexborHTMLParser(html, scripting=True)
    return Page(tree=tree, url="https://x.gov.vn/a", base="https://x.gov.vn/a", selectors={},
                family=None, ld={}, meta={})  # fmt: skip


def _assert_same_lines(page: Page) -> None:
    titles = [None, *page.tree.css("h1, h2, h3")[:3], *page.tree.css("div, span")[:3]]
    containers = [None, *page.tree.css("div, td, article")[:8]]
    for title in titles:
        for container in containers:
            got = datelines.lines_near_title(page, title, container)
            assert got == _lines_by_full_walk(page, title, container)


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_meta_walk_finds_the_full_walks_lines_on_golden_pages(path: Path) -> None:
    _assert_same_lines(_page(path.read_text(encoding="utf-8")))


_MARKUP = [
    "<div>", "</div>", "<div class='header'>", "<div class='sidebar'>", "<div class='related'>",
    "<div id='menu-top'>", "<header>", "</header>", "<p>", "</p>", "<h1>", "</h1>", "<h2>",
    "</h2>", "<span>", "</span>", "<a href='/x'>", "</a>", "<td>", "</td>", "<article>",
    "</article>", "Ngày đăng: 08/07/2024 11:38", "Lượt xem: 1.234", "© 2023", "12/05/2023",
    "Tin khác", "Cập nhật 09/07/2024", "text", " ",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MARKUP), max_size=80).map("".join))
def test_meta_walk_finds_the_full_walks_lines(markup: str) -> None:
    _assert_same_lines(_page(f"<html><body>{markup}</body></html>"))


def test_vietnamese_letters_are_those_the_ignorecase_class_matched() -> None:
    first = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
    every = [chr(c) for c in range(0x110000)]
    assert [c for c in every if about._VN_LETTERS.fullmatch(c)] == [
        c for c in every if first.fullmatch(c)
    ]


_SAPO_PIECES = [
    '<div class="sapo">', '<h2 class="sapo">', '<p class="sapo">', '<span class="sapo">',
    '<h3 class="sapo x">', '<div class="asset-summary">', '<li class="asset-summary">',
    '<div class="sapo-detail">', "<div>", "</div>", "</p>", "lead",
]  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_SAPO_PIECES), max_size=8))
def test_the_short_sapo_query_matches_what_the_sapo_list_matches(pieces: list[str]) -> None:
    tree = LexborHTMLParser("<html><body>" + "".join(pieces) + "</body></html>")
    listed = [n.mem_id for n in tree.css(", ".join(about._SAPOS))]
    assert [n.mem_id for n in tree.css(page_module.one_query(about._SAPOS))] == listed


_GATHER_PIECES = [
    "<h1>", "</h1>", "<h2>", "<h3>", "<table><tr><td>", "</td></tr></table>", "<p>", "</p>",
    "<div>", "</div>", "<br>", "<span>", "</span>", "<svg><h1>", "</svg>", "x",
]  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_GATHER_PIECES), max_size=12))
def test_gathered_elements_are_what_each_query_finds(pieces: list[str]) -> None:
    page = _page("<html><body>" + "".join(pieces) + "</body></html>")
    for key in GATHERED_KEYS:
        assert [n.mem_id for n in gather(page, key)] == [n.mem_id for n in page.tree.css(key)]


_DECLARING_PIECES = [
    '<meta name="a" content="b">', '<script type="application/ld+json">{}</script>',
    "<script>x</script>", '<base href="/x/">', '<link rel="canonical" href="/c">',
    '<link rel="icon" href="/i">', "<svg><script type='application/ld+json'>{}</script></svg>",
]  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_GATHER_PIECES + _DECLARING_PIECES), max_size=12))
def test_declaring_and_gathering_in_one_query_find_what_each_query_finds(
    pieces: list[str],
) -> None:
    tree = LexborHTMLParser("<html><body>" + "".join(pieces) + "</body></html>")
    found, gathered = declaring(tree)
    alone: dict[str, list[int]] = {"meta": [], "script": [], "base": [], "link": []}
    for node in tree.css(page_module._DECLARING):
        alone[node.tag or ""].append(node.mem_id)
    assert {tag: [n.mem_id for n in nodes] for tag, nodes in found.items()} == alone
    for key in GATHERED_KEYS:
        assert [n.mem_id for n in gathered[key]] == [n.mem_id for n in tree.css(key)]


_WIDGET_WORDS = st.sampled_from(
    ["comment", "commentary", "comments-enabled", "share", "shared", "ads", "ad", "tags", "tag",
     "teaser", "teaser-content", "News", "SHARE", "Tin-Khac", "print:px-6", "post", "x", "-", " ",
     "APageRoot", "postShare", "blueprint", "text-with-summary", "respond", "responsive",
     "print-full", "btn-print", "printfriendly", "no-share"]
)  # fmt: skip


@settings(max_examples=500)
@given(
    names=st.lists(_WIDGET_WORDS | st.text(max_size=8), max_size=4).map(" ".join),
    ident=st.lists(_WIDGET_WORDS | st.text(max_size=8), max_size=2).map("-".join),
)
def test_widget_names_apart_are_the_pattern_on_both(names: str, ident: str) -> None:
    """The body walk tests a block's class and id apart (each cached on its own, read
    as words): the same verdict as the pattern on both joined by a space."""
    from archiver.extract.body import items

    joined = bool(
        vocabulary.WIDGET_NAMES.search(items._words(chrome.plain_names(f"{names} {ident}")))
    )
    assert (items._widget_named(names) or items._widget_named(ident)) == joined


_CLASS_WORDS = st.sampled_from(
    ["comment", "hidden", "sr-only", "caption", "photo-desc", "content", "Related", "x", "",
     "HIDDEN", "SR-Only", "Visually-Hidden", "PhotoDesc", "imgCaption", "postComments",
     "Ärger", "İmage-credit"]
)  # fmt: skip


@settings(max_examples=500)
@given(
    names=st.none() | st.lists(_CLASS_WORDS | st.text(max_size=6), max_size=3).map(" ".join),
    ident=st.none() | _CLASS_WORDS,
    style=st.none() | st.sampled_from(["display: none", "text-align:right", "color:red", ""]),
    align=st.none() | st.sampled_from(["right", "RIGHT", "left"]),
    hidden=st.booleans(),
)
def test_a_blocks_class_verdicts_cached_apart_are_the_plain_verdicts(
    names: str | None, ident: str | None, style: str | None, align: str | None, hidden: bool
) -> None:
    """The body walk reads what class names say (`_by_class`) apart from the id: the
    same verdicts as every test asked of the five attributes at once."""
    from archiver.extract.body import items

    def widget_named(value: str) -> bool:  # camelCase split whatever the case
        words = items._CAMEL.sub("-", chrome.plain_names(value)).lower()
        return bool(value) and vocabulary.WIDGET_NAMES.search(words) is not None

    def hiding(value: str) -> bool:  # the patterns case-blind, on names as written
        hiding_names = {"hidden", "d-none", "u-hidden", "is-hidden", "hide", "invisible"}
        screen_reader = re.search(vocabulary.SCREEN_READER_NAMES.pattern, value, re.I)
        return any(n in hiding_names for n in value.lower().split()) or bool(screen_reader)

    widget = widget_named(names or "") or widget_named(ident or "")
    squeezed = (style or "").replace(" ", "").lower()
    shown_none = bool(style and "none" in style and "display:none" in squeezed)
    shut = widget or hidden or shown_none or bool(names and hiding(names))
    right = "text-align:right" in squeezed or (align or "").lower() == "right"
    caption = bool(names and re.search(vocabulary.CAPTION_NAMES.pattern, names, re.I))
    assert items.judged(names, ident, style, align, hidden) == (shut, right, caption)


_INLINE_PIECES = [
    "<span>", "</span>", "<a href=x>", "</a>", "<hr>", "<img src=a.jpg>", "<li>", "<h2>"
]  # fmt: skip
_BLOCK_PIECES = [
    "<div>", "</div>", "<p>", "</p>", "<section>", "</section>", "<td>", "<br>", "<br/>",
    "<table><tr><td>", "</td></tr></table>", "Một câu ngắn. ", "x" * 30, "y" * 400, "z" * 700,
]  # fmt: skip


def _ancestors_climbed_per_paragraph(
    holders: list[tuple[LexborNode, int]],
) -> tuple[dict[int, float], dict[int, int]]:
    """The plain way: each paragraph climbs its own ancestors."""

    scores: dict[int, float] = {}
    held: dict[int, int] = {}
    for holder, text in holders:
        if text < 25:
            continue
        above = holder.parent
        for level in range(vocabulary.CLIMB):
            if above is None or above.tag in ("html", "body"):
                break
            held[above.mem_id] = held.get(above.mem_id, 0) + text
            if level < 2:
                score = scores.get(above.mem_id, 0.0) + (1.0, 0.5)[level] * min(text, 600)
                scores[above.mem_id] = score
            above = above.parent
    return scores, held


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_BLOCK_PIECES + _INLINE_PIECES), max_size=16))
def test_leaf_divs_by_query_are_those_of_no_block_child(pieces: list[str]) -> None:
    """The query for leaf <div>s finds the <div>s none of whose children is a block."""
    from archiver.extract.body import container

    page = _page("<html><body><div>" + "".join(pieces) + "</div></body></html>")
    plain = [
        div.mem_id
        for div in page.tree.css("div")
        if not any(child.tag in container._INNER_BLOCKS for child in div.iter())
    ]
    assert [div.mem_id for div, _ in container._leaf_divs(page)] == plain


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_BLOCK_PIECES), max_size=16))
def test_ancestors_scored_per_parent_are_those_scored_per_paragraph(pieces: list[str]) -> None:
    """Scores, their order (which breaks ties in the ranking) and held text are the
    same when each parent is climbed once for all its paragraphs, and when the leaf
    <div>s are added to the paragraphs' scores rather than scored in one list."""
    from archiver.extract.body import container

    page = _page("<html><body><div><div>" + "".join(pieces) + "</div></div></body></html>")
    paragraphs, divs = container._paragraph_holders(page), container._leaf_divs(page)
    scored = container._Scores().add(paragraphs).add(divs)
    plain_scores, plain_held = _ancestors_climbed_per_paragraph(paragraphs + divs)
    assert list(scored.scores.items()) == list(plain_scores.items())
    assert scored.held == plain_held
    assert all(node.mem_id == key for key, node in scored.nodes.items())
    assert scored.nodes.keys() == plain_held.keys()
