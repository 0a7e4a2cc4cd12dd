from __future__ import annotations

import pytest

from archiver import query
from archiver.model import Record
from archiver.query import parse, to_fts
from archiver.searching import Filters, search
from archiver.store import Archive

DOCS = {
    1: ("Hội nghị tổng kết công tác năm 2020", "Đại biểu dự Hội nghị tại tỉnh Hậu Giang."),
    2: ("Đảng bộ tỉnh ra nghị quyết", "Ban Chấp hành Đảng bộ tỉnh họp phiên thường kỳ."),
    3: ("Du lịch Hòa Bình khởi sắc", "Lượng khách đến Hòa Bình tăng mạnh."),
    4: ("Nông nghiệp Hoà Bình chuyển đổi", "Nông dân Hoà Bình trồng cây ăn quả."),
    5: ("Thời tiết", "Trời nắng, không có gì đặc biệt đang diễn ra ở đây."),
}


@pytest.fixture(scope="module")
def archive() -> Archive:
    archive = Archive.memory()
    for n, (title, body) in DOCS.items():
        day = f"2024-0{n}-01"
        rec = Record(url=f"https://a.vn/{n}", kind="article", title=title, body=body, published=day)
        archive.save_article(site="even" if n % 2 == 0 else "odd", record=rec, raw=str(n).encode())
    return archive


def found(archive: Archive, query: str, **filters: str) -> set[int]:
    found = search(archive, query, filters=Filters(**filters))  # type: ignore[arg-type]
    return {int(h.url.rsplit("/", 1)[1]) for h in found}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hoi nghi", {1}),
        ("Hội nghị", {1}),
        ("HỘI NGHỊ", {1}),
        ("dang bo", {2}),
        ("đảng bộ", {2}),
        ("hoa binh", {3, 4}),
        ("hòa bình", {3, 4}),
        ("hoà bình", {3, 4}),
        ("ho\u0300a bi\u0300nh", {3, 4}),  # decomposed input
        ("hau giang", {1}),
        ("nong dan hoa binh", {4}),
        ("khong co gi", {5}),
        ("không tồn tại", set()),
    ],
)
def test_accent_insensitive(archive: Archive, query: str, expected: set[int]) -> None:
    assert found(archive, query) == expected


def test_title_match_ranks_first(archive: Archive) -> None:
    hits = search(archive, "du lich")
    assert hits[0].title == "Du lịch Hòa Bình khởi sắc"


def test_snippet_shows_original_accents(archive: Archive) -> None:
    (hit,) = search(archive, "hau giang")
    assert "[Hậu] [Giang]" in hit.marked()


def test_filters(archive: Archive) -> None:
    assert found(archive, "hoa binh", site="odd") == {3}
    assert found(archive, "hoa binh", since="2024-04-01") == {4}
    assert found(archive, "hoa binh", until="2024-03-01") == {3}


@pytest.mark.parametrize(
    "query", ['"', "AND", "OR NOT", "COVID-19", "a:b", "*", "(", "", "   ", "NEAR(", "'; DROP"]
)
def test_any_text_is_a_valid_query(archive: Archive, query: str) -> None:
    search(archive, query)  # must not raise
    expression = to_fts(parse(query))
    assert expression is None or '"' in expression


# -- what one query may cost (issue 13) ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "terms", "prefixes", "cut"),
    [
        ("hoi " * 20_000, 1, 0, True),  # 80 KB of one word: read up to the cap, asked once
        ("hoi* " * 2_000, 1, 1, True),
        ("hoi nghi hoi nghi", 2, 0, False),  # said twice, asked once
        (" ".join(f"tu{n}" for n in range(100)), query.MAX_TERMS, 0, True),
        (" ".join(f"t{n}*" for n in range(10)), query.MAX_PREFIXES, query.MAX_PREFIXES, True),
        ('"' + " ".join(f"tu{n}" for n in range(40)) + '"', 1, 0, True),
    ],
    ids=["one-word-80kb", "one-prefix", "twice", "100-words", "10-prefixes", "long-phrase"],
)
def test_a_query_asks_within_its_bounds(text: str, terms: int, prefixes: int, cut: bool) -> None:
    parsed = parse(text)
    asked = [t for group in parsed.groups for t in group] + parsed.excluded
    assert (len(asked), sum(t.prefix for t in asked), parsed.cut) == (terms, prefixes, cut)
    assert all(len(t.words) <= query.MAX_PHRASE_WORDS for t in asked)
    assert len(parsed.typed) <= query.MAX_TERMS * query.MAX_PHRASE_WORDS


def test_a_hostile_query_still_finds_what_its_first_terms_ask(archive: Archive) -> None:
    assert found(archive, "hoi " * 20_000 + "nghi") == {1}  # the tail is past the cap
    assert found(archive, "hoi nghi " * 500) == {1}
    assert found(archive, "dang* " * 2_000) == found(archive, "dang*") == {2, 5}
