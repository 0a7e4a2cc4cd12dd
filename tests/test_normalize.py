from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver import normalize
from archiver.normalize import canonical_url, clean_line, fold

SAME = "https://haugiang.gov.vn/tin-tuc/a?id=5&page=2"


@pytest.mark.parametrize(
    "variant",
    [
        "https://haugiang.gov.vn/tin-tuc/a?id=5&page=2",
        "HTTPS://HauGiang.gov.vn/tin-tuc/a?page=2&id=5",
        "https://www.haugiang.gov.vn/tin-tuc/a?id=5&page=2#binh-luan",
        "https://haugiang.gov.vn:443/tin-tuc/a?id=5&page=2",
        "https://haugiang.gov.vn/tin-tuc/a?id=5&page=2&utm_source=facebook&utm_medium=social",
        "https://haugiang.gov.vn/tin-tuc/a?fbclid=IwAR0x&id=5&page=2&gclid=abc",
        "https://haugiang.gov.vn/tin-tuc/a;jsessionid=8F3A2B?id=5&page=2",
        "https://haugiang.gov.vn/tin-tuc/a?id=5&page=2&JSESSIONID=8F3A2B",
        "https://haugiang.gov.vn/(S(dpx4o2ln1aq0sq45))/tin-tuc/a?id=5&page=2",
    ],
)
def test_url_variants_have_one_canonical_form(variant: str) -> None:
    assert canonical_url(variant) == SAME


@pytest.mark.parametrize(
    "other",
    [
        "http://haugiang.gov.vn/tin-tuc/a?id=5&page=2",  # another scheme may be another site
        "https://haugiang.gov.vn/tin-tuc/a?id=6&page=2",
        "https://haugiang.gov.vn/tin-tuc/A?id=5&page=2",  # paths are case-sensitive
        "https://soctrang.gov.vn/tin-tuc/a?id=5&page=2",
    ],
)
def test_different_pages_stay_different(other: str) -> None:
    assert canonical_url(other) != SAME


def test_fold_makes_readers_spellings_equal() -> None:
    assert fold("Đảng bộ Hòa Bình") == fold("dang bo hoa binh") == fold("ĐẢNG BỘ HOÀ BÌNH")
    assert fold("thủy") == fold("thuỷ") == "thuy"
    assert fold("Ho\u0300a") == "hoa"  # decomposed input


@settings(max_examples=500)
@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_fold_is_the_decomposition_fold(text: str) -> None:
    decomposed = unicodedata.normalize("NFD", text.lower())
    assert fold(text) == normalize._COMBINING.sub("", decomposed).replace("đ", "d")


def _clean_line_by_pattern(text: str) -> str:
    """clean_line as first written: the pattern alone, no split-and-join shortcut,
    soft hyphens and word joiners removed first."""
    spaces = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
    text = unicodedata.normalize("NFC", text.replace("\xad", "").replace("\u2060", ""))
    return spaces.sub(" ", text).strip()


def test_split_shortcut_knows_every_character_split_treats_otherwise() -> None:
    every = [chr(c) for c in range(0x110000)]
    split_spaces = {c for c in every if c.isspace()}
    pattern_spaces = {c for c in every if normalize._SPACES.fullmatch(c)}
    slow = {c for c in every if normalize._SPLIT_DIFFERS.fullmatch(c)}
    # "\n" is carried through the split as NUL, so NUL itself must take the slow way
    assert slow == (split_spaces ^ pattern_spaces) - {"\n"} | {"\0"}


def test_printable_text_takes_neither_slow_way() -> None:
    every = [chr(c) for c in range(0x110000)]
    assert not [c for c in every if c.isprintable() and normalize._SPLIT_DIFFERS.fullmatch(c)]
    assert not "\n".isprintable()


def test_printable_text_has_no_space_but_the_plain_space() -> None:
    # clean_line returns printable text unchanged when it has no double, leading or
    # trailing space: that holds only if no other printable character is a space.
    every = [chr(c) for c in range(0x110000)]
    assert [c for c in every if c.isprintable() and c.isspace()] == [" "]
    assert [c for c in every if c.isprintable() and normalize._SPACES.fullmatch(c)] == [" "]


# Every character on which the two spellings of whitespace could disagree, and a few letters.
_TRICKY = (
    "\0 \t\n\r\x0b\x0c\x1c\x85\xa0\xad\u1680\u2003\u200b\u2028\u202f\u2060\u3000\ufeffaô"
    "\u0302\u0301"
)


@settings(max_examples=1000)
@given(st.text(alphabet=_TRICKY) | st.text())
def test_clean_line_is_the_pattern_clean_line(text: str) -> None:
    assert clean_line(text) == _clean_line_by_pattern(text)


def test_soft_hyphens_are_not_text() -> None:
    """A hyphenated page ("Mit&shy;tel&shy;al&shy;ter") is stored and searched as the
    word it shows."""
    assert clean_line("Mit\xadtel\xadal\xadter  war\u2060en") == "Mittelalter waren"


def _join_url_the_long_way(base: str, ref: str) -> str | None:
    """join_url as first written: urljoin for every link, then the checks."""
    from urllib.parse import urljoin, urlsplit

    try:
        url = urljoin(base, ref)
        urlsplit(url).port  # noqa: B018
    except ValueError:
        return None
    return url if url.isprintable() else None


_SEGMENT = st.sampled_from(
    ["", "a", "x;", "Tin-Tuc", "..", ".", ";p=1", "%20", " ", "\t", "\x1b", "đ", "\\"]
)
_URLS = st.tuples(
    st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "//", "/", "", " https://"]),
    st.sampled_from(["a.b", "x-y.vn", "", "[::1]", "[oops", "user@a.b", "đ.vn", "a\uff0fb", "a b"]),
    st.sampled_from(["", ":80", ":99999", ":x", ":"]),
    st.lists(_SEGMENT, max_size=3).map(lambda parts: "".join("/" + p for p in parts)),
    st.sampled_from(["", "?", "?q=1", "?q=1&r", "?;", "??"]),
    st.sampled_from(["", "#", "#f", "#?x", "##"]),
).map("".join)
_BASES = st.sampled_from(
    ["https://x.gov.vn/tin-tuc/a.html", "http://x.gov.vn/", "https://x.gov.vn", "", "ftp://f/x",
     "https://x.gov.vn/a;p?q#f"]
)  # fmt: skip


# Links the shortcut takes (plain absolute ones), with what urljoin drops from them.
_PLAIN_URLS = st.tuples(
    st.sampled_from(["http://", "https://"]),
    st.sampled_from(["a.b", "x-y.vn"]),
    st.lists(_SEGMENT, max_size=2).map(lambda parts: "".join("/" + p for p in parts)),
    st.sampled_from(["", "?", "?q=1", "?;"]),
    st.sampled_from(["", "#", "#f"]),
).map("".join)


@settings(max_examples=500)
@given(_BASES, _PLAIN_URLS | _URLS | st.text(max_size=12))
def test_join_url_is_urljoin_then_the_checks(base: str, ref: str) -> None:
    assert normalize.join_url(base, ref) == _join_url_the_long_way(base, ref)


@pytest.mark.parametrize(
    "ref", ["https://a.vn/x?y", "http://a.vn", "https://a.vn/x#f", "https://a.vn/x?y#f"]
)
def test_plain_absolute_links_are_themselves(ref: str) -> None:
    assert normalize.join_url("https://b.vn/p", ref) == ref
