"""Speed shortcuts in extraction give exactly what the long way gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from archiver import discover
from archiver.extract import meta
from archiver.extract.page import folds_to_start
from archiver.normalize import fold

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


# The side-widget pattern as first written, before it was built from a word list.
_SIDE_PATTERN = re.compile(r"other|related|lien-?quan|tin-?khac|comment|sidebar|right-col", re.I)
_NAME_PIECES = ["Other", "RELATED", "lien-Quan", "lienquan", "tin_khac", "TinKhac", "side-bar",
                "sidebar", "right-col", "ſidebar", "Komment", "md:", " ", "-", "x"]  # fmt: skip


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(_NAME_PIECES) | st.text(max_size=4), max_size=6).map("".join))
def test_side_names_is_the_side_pattern(names: str) -> None:
    meta._side_names.cache_clear()
    assert meta._side_names(names) == bool(_SIDE_PATTERN.search(discover.plain_names(names)))
