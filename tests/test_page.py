"""The lookups extract/page.py shares: shortcuts give what the long way gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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
