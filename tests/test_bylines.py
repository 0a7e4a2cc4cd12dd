"""Byline recognition on the short line that ends an article."""

from __future__ import annotations

import pytest

from archiver.extract import parse_page
from archiver.extract.bylines import (
    Byline,
    byline_from_text,
    clean_author,
    is_organisation,
    is_placeholder,
    lead_tag,
    read_byline,
    split_byline,
)


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
        ("Thanh Tâm – Sở Thông tin và Truyền thông", True, "Thanh Tâm"),
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


@pytest.mark.parametrize(
    ("text", "emphasized", "author", "source"),
    [
        ("Nguồn: Báo Chính phủ", False, None, "Báo Chính phủ"),
        ("Nguồn: Báo Hậu Giang", False, None, "Báo Hậu Giang"),
        ("Theo TTXVN", True, None, "TTXVN"),
        ("Theo Báo Quảng Trị", True, None, "Báo Quảng Trị"),
        ("Theo Lê Minh (Báo Nhân Dân)", True, "Lê Minh", "Báo Nhân Dân"),
        ("Thanh Hà – TTXVN", False, "Thanh Hà", "TTXVN"),
        ("Bảo Trân – Trung tâm Truyền thông tỉnh", True, "Bảo Trân", "Trung tâm Truyền thông tỉnh"),
        ("Bài, ảnh: Ngọc Trinh", False, "Ngọc Trinh", None),
        ("T/h: Hoàng Anh", False, "Hoàng Anh", None),
        ("Thực hiện: Lê Hà - Minh Tú", False, "Lê Hà - Minh Tú", None),  # two people
        ("BÀI, ẢNH: MINH HUYỀN", False, "MINH HUYỀN", None),
        ("Bảo Ngọc", False, "Bảo Ngọc", None),  # a name, not "Báo" (a paper)
        ("T.H.", True, "T.H.", None),  # initials, not an agency
        ("ĐOÀN MINH ĐỨC", True, "ĐOÀN MINH ĐỨC", None),  # Đoàn: a family name
        # a role beside the name is neither a name nor a source
        ("Thanh Hà (PV)", True, "Thanh Hà", None),
        ("PV Thanh Hà", True, "Thanh Hà", None),
        ("Phóng viên Thanh Hà", True, "Thanh Hà", None),
        ("Minh Anh - CTV", True, "Minh Anh", None),
        ("Nhóm PV", True, None, None),
        ("André Klein Redakteur", True, "André Klein", None),
    ],
)  # fmt: skip
def test_people_and_their_source(
    text: str, emphasized: bool, author: str | None, source: str | None
) -> None:
    assert read_byline(text, emphasized=emphasized) == Byline(author, source)


@pytest.mark.parametrize(
    "raw",
    [
        "Super User",
        "Quản trị viên",
        "admin admin",
        "d.kuckelkorn@boersen-zeitung.de",  # an e-mail address
        "https://www.facebook.com/lesothotimez",
        "105092",  # an account's number
        "emma-mackenzie",  # a profile's slug
    ],
)
def test_accounts_addresses_and_numbers_are_not_authors(raw: str) -> None:
    assert clean_author(raw) is None


@pytest.mark.parametrize(
    ("text", "author", "source"),
    [
        ("Guardian staff reporter", None, "Guardian"),
        ("Takeo Maeda and Tatsuya Tanoue / Yomiuri Shimbun Staff Writers",
         "Takeo Maeda and Tatsuya Tanoue", "Yomiuri Shimbun"),
        ("Jane Doe, Staff Writer", "Jane Doe", None),
    ],
)  # fmt: skip
def test_a_papers_staff_names_the_paper_as_the_source(
    text: str, author: str | None, source: str | None
) -> None:
    assert split_byline(text) == Byline(author, source)


@pytest.mark.parametrize(
    "name",
    ["Báo Đắk Nông điện tử", '"Báo Đắk Nông điện tử"', "Trường THPT Lê Quý Đôn", "Sở Y tế",
     "Đài Phát thanh và Truyền hình tỉnh", "TTXVN", "Ủy ban nhân dân huyện"],
)  # fmt: skip
def test_organisations(name: str) -> None:
    assert is_organisation(name)
    assert split_byline(name) == Byline(None, name.strip('"'))


@pytest.mark.parametrize(
    "line",
    ["Do you have a story to tell? Email: x@y.com", "Redaktion: Marcus Bensmann",
     "© RIPRODUZIONE RISERVATA", "鹿児島県：鹿児島市、霧島市、いちき串木野市"],
)  # fmt: skip
def test_credits_questions_and_notices_are_not_bylines(line: str) -> None:
    assert read_byline(line, emphasized=True) is None


def test_a_closing_line_lexbor_cannot_query_costs_nothing() -> None:
    # ltn.com.tw: a closing line broken by ideographic spaces and newlines made the
    # byline's furniture query unreadable to Lexbor, which failed the whole page
    prose = " ".join(["Hội đồng nhân dân tỉnh họp phiên thường kỳ bàn về kế hoạch năm."] * 6)
    page = (
        "<html><body><article><h1>Kỳ họp thứ mười của Hội đồng nhân dân tỉnh</h1>"
        f"<p>{prose}</p><p>{prose}</p><p>Thanh Tâm\u3000\n Nguyễn Hà</p>"
        "</article></body></html>"
    )
    record = parse_page(page, "https://example.org/tin/ky-hop")
    assert record.kind == "article", record.kind_reason
    assert record.problems == ()
