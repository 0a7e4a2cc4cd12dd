"""Byline recognition on the short line that ends an article."""

from __future__ import annotations

import pytest

from archiver.extract.bylines import byline_from_text, clean_author, is_placeholder, lead_tag


@pytest.mark.parametrize(
    ("text", "emphasized", "author"),
    [
        ("Thanh Tâm", True, "Thanh Tâm"),
        ("Thanh Tâm", False, "Thanh Tâm"),
        ("HUỲNH THỊ NGUYỆT", False, "HUỲNH THỊ NGUYỆT"),
        ("Bài, ảnh: Ngọc Trinh", False, "Ngọc Trinh"),
        ("Bài và ảnh: Minh Khoa", False, "Minh Khoa"),
        ("T/h: Hoàng Anh", False, "Hoàng Anh"),
        ("Thực hiện: Lê Hà - Minh Tú", False, "Lê Hà - Minh Tú"),
        ("Nguồn: Báo Hậu Giang", False, "Báo Hậu Giang"),
        ("Theo Báo Quảng Trị", True, "Báo Quảng Trị"),
        (
            "Thanh Tâm – Sở Thông tin và Truyền thông",
            True,
            "Thanh Tâm – Sở Thông tin và Truyền thông",
        ),
        ("Nguyễn V.", False, "Nguyễn V."),
    ],
)
def test_bylines(text: str, emphasized: bool, author: str) -> None:
    assert byline_from_text(text, emphasized=emphasized) == author


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hội nghị kết thúc.",
        "Tại hội nghị, Tỉnh ủy còn Tổng kết 10 năm thực hiện Quy chế cung cấp thông tin.",
        "Các đại biểu tham quan mô hình sản xuất",
        "Năm 2020 Hậu Giang",
        "admin admin",
        "Tiêu đề website",
    ],
)
def test_not_bylines(text: str) -> None:
    assert byline_from_text(text) is None


def test_placeholders() -> None:
    assert is_placeholder("admin admin")
    assert is_placeholder("  Tiêu đề website ")
    assert not is_placeholder("Thanh Tâm")
    assert clean_author("Tác giả: admin admin") is None
    assert clean_author("Tác giả: Thu Hà") == "Thu Hà"
    assert clean_author(None) is None


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Elena Oberholzer (obe)", "Elena Oberholzer (obe)"),
        ("(Thanh Tâm)", "Thanh Tâm"),
        ("Thanh Tâm)", "Thanh Tâm"),
        ("(Thanh Tâm", "Thanh Tâm"),
        ("Bài: Minh Khoa (TTXVN), Hoàng Anh (VOV)", "Minh Khoa (TTXVN), Hoàng Anh (VOV)"),
    ],
)
def test_authors_keep_their_own_parentheses(text: str, author: str) -> None:
    assert clean_author(text) == author


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("(HG) - Sáng 18/3, Ủy ban nhân dân tỉnh", "(HG)"),
        ("STO - Ngày 13/5, Sở Lao động", "STO"),
        ("(BBNĐT) Những ngày này", "(BBNĐT)"),
        ("(QT) – Chiều 5/4", "(QT)"),
        ("UBND tỉnh - Sở Tư pháp", None),  # capitals, but words of the sentence
        ("TP. HCM - x", None),
        ("Hội nghị - tổng kết", None),
        ("", None),
    ],
)
def test_lead_tag(text: str, tag: str | None) -> None:
    assert lead_tag(text) == tag


@pytest.mark.parametrize(
    ("raw", "author"),
    [
        ("Super User", None),  # Joomla's first account (issue 14)
        ("superuser", None),
        ("“Thanh Tâm”", "Thanh Tâm"),  # quotes are decoration
        ('"Lê Hoàng"', "Lê Hoàng"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
    ],
)
def test_accounts_and_quotes_are_not_authors(raw: str, author: str | None) -> None:
    assert clean_author(raw) == author
