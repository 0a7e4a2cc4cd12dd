"""Every date form quoted in DOMAIN.md, read day-first with its label."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archiver.extract import parse_page
from archiver.extract.dates import (
    _MONTHS,
    date_in_url,
    find_vn_dates,
    iso_from_structured,
    parse_vn_date,
)

CASES = [
    ("[ Cập nhật vào ngày (03/11/2020) ] - [ Số lần xem: 427 ]", "2020-11-03", "updated"),
    ("Ngày đăng: 08/07/2024  11:38", "2024-07-08T11:38:00+07:00", "published"),
    ("Lượt xem: 7370 | Gửi lúc: 05/12/2013 15:42:27", "2013-12-05T15:42:27+07:00", "published"),
    ("Thứ Ba, ngày 17/06/2025 | 08:39", "2025-06-17T08:39:00+07:00", "published"),
    ("THỨ BA, 05/04/2022 18:36:10", "2022-04-05T18:36:10+07:00", "published"),
    ("Thứ 6, 11/01/2019 | 22:32", "2019-01-11T22:32:00+07:00", "published"),
    ("21/07/2022 | 10:00 AM", "2022-07-21T10:00:00+07:00", "published"),
    ("21/07/2022 | 12:00 AM", "2022-07-21", "published"),
    ("Ngày đăng 18/03/2019 | 04:01 PM | View count: 536", "2019-03-18T16:01:00+07:00", "published"),
    ("30 tháng 8, 2024", "2024-08-30", "published"),
    ("Ngày 3 tháng 11 năm 2020", "2020-11-03", "published"),
    ("Thứ năm, 2/11/2023, 19:20 (GMT+7)", "2023-11-02T19:20:00+07:00", "published"),
    ("Thứ 4, 22.12.2021 | 20:42:03", "2021-12-22T20:42:03+07:00", "published"),
    ("13-5-2021, 10:5 GMT+7", "2021-05-13T10:05:00+07:00", "published"),
    ("Ngày phát hành 19:57 | 27/5/2022", "2022-05-27T19:57:00+07:00", "published"),
    ("09:19 04/01/2017", "2017-01-04T09:19:00+07:00", "published"),
    ("Submitted by Ban biên tập on 18 October 2019", "2019-10-18", "published"),
    ("Cập nhật: 12/12/2012 12:30 PM", "2012-12-12T12:30:00+07:00", "updated"),
    ("Monday, 03/01/2022 - 07:47", "2022-01-03T07:47:00+07:00", "published"),
    ("17 Tháng 7 2016", "2016-07-17", "published"),
    # month names in the languages of htmldate's evaluation set (issue 14)
    ("Veröffentlicht am: 23. Februar 2020", "2020-02-23", "published"),
    ("Miércoles, 15 de Abril de 2020", "2020-04-15", "published"),
    ("11 de Outubro de 2020, 8:34", "2020-10-11T08:34:00+07:00", "published"),
    ("Publié le 1er juin 2019", "2019-06-01", "published"),
    ("Domenica 06 Dicembre 2020 | 00:36", "2020-12-06T00:36:00+07:00", "published"),
    ("9 oktober 2020 11:12", "2020-10-09T11:12:00+07:00", "published"),
    ("duminică, 20 septembrie 2020", "2020-09-20", "published"),
    ("26 Okt. 2018", "2018-10-26", "published"),
    ("13 Jan 2020, 22:11", "2020-01-13T22:11:00+07:00", "published"),
    ("January 18, 2020", "2020-01-18", "published"),
    ("December 29th 2019", "2019-12-29", "published"),
    ("Sunday, July 05, 2020", "2020-07-05", "published"),
    ("Updated Mar 12, 2020 @ 10:42 am", "2020-03-12T10:42:00+07:00", "updated"),
    ("Германия 15 августа 2016, 13:43", "2016-08-15T13:43:00+07:00", "published"),
    ("3 листопада 2021", "2021-11-03", "published"),
    ("12. září 2019", "2019-09-12", "published"),
    # year first: ISO, slashes, East Asian
    ("이용민 기자 | 2020-03-04 16:52:59", "2020-03-04T16:52:59+07:00", "published"),
    ('showDate("2020/04/17 01:43:09")', "2020-04-17T01:43:09+07:00", "published"),
    ("2020年07月03日 | 徒歩", "2020-07-03", "published"),
    ("2023년 11월 2일 오후", "2023-11-02", "published"),
    # Arabic: Egyptian and Levantine names, side by side too; evening is PM
    ("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "2020-04-24T21:22:00+07:00", "published"),
    ("07 أكتوبر 2020 - 12:09", "2020-10-07T12:09:00+07:00", "published"),
]


@pytest.mark.parametrize(("text", "value", "label"), CASES)
def test_formats(text: str, value: str, label: str) -> None:
    parsed = parse_vn_date(text)
    assert parsed is not None
    assert (parsed.value, parsed.label) == (value, label)


def test_raw_keeps_label_and_date() -> None:
    parsed = parse_vn_date("[ Cập nhật vào ngày (03/11/2020) ] - [ Số lần xem: 427 ]")
    assert parsed is not None
    assert parsed.raw == "Cập nhật vào ngày (03/11/2020)"
    parsed = parse_vn_date("Lượt xem: 7370 | Gửi lúc: 05/12/2013 15:42:27")
    assert parsed is not None
    assert parsed.raw == "Gửi lúc: 05/12/2013 15:42:27"


def test_day_first_never_month_first() -> None:
    parsed = parse_vn_date("03/11/2020")
    assert parsed is not None
    assert parsed.value == "2020-11-03"


def test_decomposed_text_is_read() -> None:
    import unicodedata

    parsed = parse_vn_date(unicodedata.normalize("NFD", "Cập nhật: 01/02/2020"))
    assert parsed is not None
    assert parsed.label == "updated"


@pytest.mark.parametrize(
    "text",
    [
        "", "Số lần xem: 427", "31/02/2020", "99/99/9999", "1.234",
        "you may 2020", "Mayday 5 2020", "Juni 2020", "30 February 2020", "Marcus 12, 2020",
        "Version 2020.10.3", "2020-13-01",
    ],
)  # fmt: skip
def test_no_date(text: str) -> None:
    assert parse_vn_date(text) is None


def test_two_labelled_dates() -> None:
    found = find_vn_dates("Ngày đăng: 01/02/2020 08:00 | Cập nhật: 03/02/2020 09:15")
    assert [(d.value, d.label) for d in found] == [
        ("2020-02-01T08:00:00+07:00", "published"),
        ("2020-02-03T09:15:00+07:00", "updated"),
    ]


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2020-11-03", "2020-11-03"),
        ("2024-07-08T11:38:00+07:00", "2024-07-08T11:38:00+07:00"),
        ("2024-07-08T11:38:00", "2024-07-08T11:38:00+07:00"),
        ("2024-07-08T04:38:00Z", "2024-07-08T04:38:00+00:00"),
        ("not a date", None),
        # zone names and e-mail style dates keep the day the value states (issue 14)
        ("2020-09-25T16:02:50CDT", "2020-09-25T16:02:50-05:00"),
        ("2020-09-29T00:30:00PDT", "2020-09-29T00:30:00-07:00"),
        ("2020-11-03 GMT", "2020-11-03"),
        ("Fri, 01 May 2020 23:00:00 -0400", "2020-05-01T23:00:00-04:00"),
        ("Tue, Sep 15 2020 10:01:41 EDT", "2020-09-15T10:01:41-04:00"),
        ("Mon, 99 Foo 2020", None),
    ],
)
def test_structured(value: str, iso: str | None) -> None:
    assert iso_from_structured(value) == iso


_BY_NUMBER: dict[int, list[str]] = {}
for _word, _number in _MONTHS.items():
    _BY_NUMBER.setdefault(_number, []).append(_word)
_FORMS = (
    "{d}. {m} {y}",
    "{d} {m} {y}",
    "{d} de {m} de {y}",
    "{M} {d}, {y}",
    "{M} {d}th {y}",
    "Published {W}, {d} {M} {y} 08:15",
)


@given(
    day=st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31)),
    pick=st.integers(min_value=0, max_value=99),
    form=st.sampled_from(_FORMS),
)
def test_a_date_written_with_any_known_month_name_reads_back(
    day: date, pick: int, form: str
) -> None:
    words = _BY_NUMBER[day.month]
    word = words[pick % len(words)]
    text = form.format(d=day.day, m=word, M=word.capitalize(), y=day.year, W="Monday")
    parsed = parse_vn_date(text)
    assert parsed is not None, text
    assert parsed.value[:10] == day.isoformat(), text


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.soychile.cl/Puerto-Montt/Deportes/2020/08/24/670291/a.aspx", "2020-08-24"),
        ("https://www.thelocal.se/20200428/meet-the-swede", "2020-04-28"),
        ("https://example.org/news/2019-11-10-storm", "2019-11-10"),
        ("http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm", "2020-02-19"),
        ("https://weisser-ring.de/media-news/meldungen/29-10-2021", "2021-10-29"),
        ("https://example.org/tin/hop-ngay-29-10-2021.html", None),  # a slug's words
        ("https://example.org/2020/13/01/a", None),  # no thirteenth month
        ("https://example.org/item/120200622120908039", None),  # an id, not a date
        ("https://example.org/a?from=2020/01/01", None),  # the query is no path
    ],
)
def test_a_date_in_the_address(url: str, day: str | None) -> None:
    found = date_in_url(url)
    assert (found.value if found else None) == day


def _story(date_line: str) -> str:
    prose = " ".join(["Hội đồng nhân dân tỉnh họp phiên thường kỳ bàn về kế hoạch năm."] * 6)
    return (
        "<html><body><article><h1>Kỳ họp thứ mười của Hội đồng nhân dân tỉnh</h1>"
        f"<p class='date'>{date_line}</p><p>{prose}</p><p>{prose}</p></article></body></html>"
    )


def test_the_address_dates_a_page_when_nothing_else_does_or_a_shown_date_is_days_off() -> None:
    url = "https://example.org/tin-tuc/2020/08/24/ky-hop-thu-muoi"
    assert parse_page(_story("Tin tức"), url).published == "2020-08-24"
    assert parse_page(_story("Ngày đăng: 25/08/2020"), url).published == "2020-08-25"
    # dobszay.ch: a date shown days from the address's is another day's
    assert parse_page(_story("Ngày đăng: 26/05/2015"), url).published == "2020-08-24"
    declared = _story("Tin tức").replace(
        "<html>", '<html><meta property="article:published_time" content="2015-05-26">'
    )
    assert parse_page(declared, url).published == "2015-05-26"  # metadata is not overruled


_PROSE = " ".join(["Der Stadtrat hat am Abend über den Haushalt des kommenden Jahres beraten."] * 6)


@pytest.mark.parametrize(
    ("markup", "day"),
    [
        # the article's own header (yle.fi): a header inside <article> is no chrome
        (
            "<article><div class='article__header'><h1>Haushalt beraten</h1>"
            "<div class='article__meta'><span class='article__date'>2.9.2020 klo 12.45</span>"
            f"</div></div><div class='article__content'><p>{_PROSE}</p><p>{_PROSE}</p>"
            "</div></article>",
            "2020-09-02",
        ),
        # Blogger's date heading above the post
        (
            "<div class='date-outer'><h2 class='date-header'><span>Samstag, 5. Oktober 2013"
            "</span></h2><div class='post hentry'><h3 class='post-title entry-title'>"
            f"Haushalt beraten</h3><div class='post-body entry-content'><p>{_PROSE}</p>"
            f"<p>{_PROSE}</p></div></div></div>",
            "2013-10-05",
        ),
        # a <time> in the article's block named "footer" (ahlen.de), as a last resort
        (
            f"<div class='article'><h1>Haushalt beraten</h1><p>{_PROSE}</p><p>{_PROSE}</p>"
            "<div class='footer'><time datetime='2020-01-27'>vor drei Tagen</time></div></div>",
            "2020-01-27",
        ),
        # the site's own <footer> dates nothing
        (
            f"<div class='article'><h1>Haushalt beraten</h1><p>{_PROSE}</p><p>{_PROSE}</p>"
            "</div><footer><time datetime='2019-01-01'>2019</time></footer>",
            None,
        ),
    ],
)
def test_where_a_date_may_stand(markup: str, day: str | None) -> None:
    assert _day_of_article(markup) == day


def _day_of_article(markup: str) -> str | None:
    """The publication day parse_page reads from a story page of this body markup."""
    page = f"<html><head><title>Haushalt beraten</title></head><body>{markup}</body></html>"
    record = parse_page(page, "https://example.org/a/haushalt")
    assert record.kind == "article", record.kind_reason
    return (record.published or "")[:10] or None


@pytest.mark.parametrize(
    ("stamp", "url", "day"),
    [
        # an evening story in New York, stamped in UTC: the page's own day is the 8th
        ("2023-11-09T03:10:00Z", "https://nypost.com/2023/11/08/news/story/", "2023-11-08"),
        # the same stamp with no date in the address stays as stated
        ("2023-11-09T03:10:00Z", "https://nypost.com/news/story/", "2023-11-09"),
        # a week apart is another story's date, not another zone's
        ("2023-11-15T03:10:00Z", "https://nypost.com/2023/11/08/news/story/", "2023-11-15"),
    ],
)
def test_a_stamp_a_day_off_the_address_is_the_address_day(stamp: str, url: str, day: str) -> None:
    head = f'<meta property="article:published_time" content="{stamp}">'
    page = f"<html><head>{head}<title>Haushalt beraten</title></head><body><article>"
    page += f"<h1>Haushalt beraten</h1><p>{_PROSE}</p><p>{_PROSE}</p></article></body></html>"
    assert (parse_page(page, url).published or "")[:10] == day


# --- the last search: the page states its date only far from its title -------------------

_HEAD = "<header class='top'><span class='clock'>Thứ 3, Ngày 16/07/2024</span></header>"
_LONG = f"<p>{_PROSE}</p><p>{_PROSE}</p>"


@pytest.mark.parametrize(
    ("markup", "day"),
    [
        # microdata on a <span> in the story's own footer
        (
            f"<article><h1>Haushalt beraten</h1>{_LONG}<footer><div class='submitted'><span "
            "property='schema:dateCreated' content='2022-01-28T12:45:46+00:00'></span>"
            "</div></footer></article>",
            "2022-01-28",
        ),
        # the date opens a long first paragraph
        (
            f"<div><h1>Haushalt beraten</h1><p>01.02.2022 - {_PROSE}</p><p>{_PROSE}</p></div>",
            "2022-02-01",
        ),
        # a script's data names its publication time
        (
            f"<div><h1>Haushalt beraten</h1>{_LONG}</div><script>window.__DATA__ = "
            '{"id": 7, "published_at": "2019-03-02T06:22:28+01:00"};</script>',
            "2019-03-02",
        ),
        # the site's footer "last changed" dates the page when nothing else does
        (
            f"<div><h1>Haushalt beraten</h1>{_LONG}</div><footer id='footer'>Diese Seite "
            "wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.</footer>",
            "2020-01-29",
        ),
        # a header clock before the title is today's date, never the page's
        (f"{_HEAD}<div><h1>Haushalt beraten</h1>{_LONG}</div>", None),
        # an item of a list dates another story (its text holds no date either)
        (
            f"<div><h1>Haushalt beraten</h1>{_LONG}<ul class='related'><li><a href='/b'>B</a>"
            "<time datetime='2019-05-05'>vor drei Tagen</time></li></ul></div>",
            None,
        ),
    ],
)
def test_the_last_search_for_a_date(markup: str, day: str | None) -> None:
    assert _day_of_article(markup) == day


def test_a_listing_keeps_the_date_it_declares_of_itself_not_its_items() -> None:
    items = "".join(
        f"<li><a href='/tin/bai-{i}.html'>Tin số {i} về kỳ họp của tỉnh</a> "
        f"<span>1{i}/03/2025</span></li>"
        for i in range(8)
    )
    body = f"<body><h1>Tin tức</h1><ul class='news'>{items}</ul></body>"
    head = "<head><title>Tin tức</title>{}</head>"
    declared = '<meta property="article:published_time" content="2025-03-20T08:00:00+07:00">'
    url = "https://example.org/tin-tuc"
    plain = parse_page(f"<html>{head.format('')}{body}</html>", url)
    assert (plain.kind, plain.published) == ("listing", None)
    stated = parse_page(f"<html>{head.format(declared)}{body}</html>", url)
    assert (stated.kind, stated.published) == ("listing", "2025-03-20T08:00:00+07:00")


def test_a_table_of_dated_entries_closing_the_body_dates_its_rows_not_the_story() -> None:
    # tv-orange.de: a petition's latest signatures, each row dated, end the post
    rows = "".join(
        f"<tr><td>1,19{i}</td><td>Unterzeichner {i}</td><td>Feb 16, 2013</td></tr>"
        for i in range(5)
    )
    page = (
        "<html><body><div class='post'><h1>Haushalt beraten</h1>"
        "<div class='meta'><span>2. August 2012</span> von Redaktion</div>"
        f"<div class='entry'><p>{_PROSE}</p><p>{_PROSE}</p><h3>Neueste Signaturen</h3>"
        f"<table class='signatures'>{rows}</table></div></div></body></html>"
    )
    record = parse_page(page, "https://example.org/a/haushalt")
    assert record.published == "2012-08-02"


_VN_PROSE = " ".join(["Hội đồng nhân dân tỉnh họp phiên thường kỳ bàn về kế hoạch năm."] * 6)


@pytest.mark.parametrize(
    "after",
    [
        "<footer><p>Thống kê truy cập: 1.234.567 lượt, từ ngày 09/09/2009</p></footer>",
        "<div class='footer-info'><p>Đang truy cập: 12 - Tổng lượt truy cập: 1.234.567 "
        "(từ ngày 09/09/2009)</p></div>",
        "<div class='thongke'>Số lượt truy cập: 2.345.678<br>Từ ngày: 01/01/2015</div>",
        "<div>Bản quyền © 2010 Sở Thông tin và Truyền thông</div>",
    ],
)
def test_a_site_counter_and_its_start_date_are_not_the_article_s(after: str) -> None:
    # an undated article: the visit counter's "từ ngày" date and its count are the site's
    page = (
        "<html><body><div class='content'><h1>Kỳ họp thứ mười của Hội đồng nhân dân tỉnh"
        f"</h1><p>{_VN_PROSE}</p><p>{_VN_PROSE}</p></div>{after}</body></html>"
    )
    record = parse_page(page, "https://sotttt.example.gov.vn/tin-tuc/ky-hop")
    assert record.kind == "article"
    assert (record.published, record.view_count) == (None, None), record.date_raw


def test_a_date_that_starts_a_span_is_no_date_of_the_page() -> None:
    assert find_vn_dates("Số lượt truy cập: 2.345.678Từ ngày: 01/01/2015") == []
    assert find_vn_dates("Visitors since 12 March 2011") == []
    assert [d.value for d in find_vn_dates("Thứ Ba, ngày 17/06/2025")] == ["2025-06-17"]
