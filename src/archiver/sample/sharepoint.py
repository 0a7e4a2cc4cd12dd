"""quangtri: a SharePoint-like provincial portal (Quảng Trị).

Traps: the header clock shows today; thirteen date formats, one per article in
turn; view counts inside the date line or beside it; three byline shapes; an
attachment reachable only through `onclick`; a "Thông báo" sidebar long enough to
pass for a body; one body of numeric entities, one decomposed (NFD), one with a
named entity followed by a combining mark.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from archiver.sample.content import (
    NOTICE_BASE,
    VN_TZ,
    ArticleTruth,
    Story,
    make_story,
    notice_story,
    timeline,
)
from archiver.sample.render import SampleSite, esc, header_clock
from archiver.sample.siteweb import NOTICES, NOTICES_LABEL, WebSite

LISTING_PATH = "/Pages/tin-tuc.aspx"
DETAIL_PATH = "/Pages/View_detail.aspx"
CATEGORY = "Tin tức - Sự kiện"
NEWS_PANEL = "ctl00_PlaceHolderMain_g_7e3f_ctl00_pnlNews"
NUMERIC_ENTITIES_AT, DECOMPOSED_AT, NAMED_ENTITY_AT = 3, 5, 7

_DAY_WORDS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
_DAY_NUMBERS = ("Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "Chủ nhật")
_CAPITAL_WRITERS = ("HUỲNH THỊ NGUYỆT", "ĐOÀN MINH ĐỨC", "LÊ THỊ THỦY")
_NOTICE = (
    "Ủy ban nhân dân tỉnh Quảng Trị thông báo lịch tiếp công dân định kỳ của lãnh đạo tỉnh trong "
    "tháng. Công dân có nhu cầu phản ánh, kiến nghị vui lòng liên hệ Ban Tiếp công dân tỉnh tại số "
    "45 đường Hùng Vương, thành phố Đông Hà. Thời gian tiếp công dân bắt đầu từ 7 giờ 30 phút vào "
    "ngày 15 hằng tháng. Trường hợp trùng ngày nghỉ lễ, việc tiếp công dân được lùi sang ngày làm "
    "việc kế tiếp."
)


def _hm(m: datetime) -> str:
    return f"{m:%H:%M}"


# Each format: (how the date line looks, how precise the page is: date, minute or second).
# A format that prints the view count itself takes it as its second argument.
_FORMATS: tuple[tuple[Callable[[datetime, int], str], str], ...] = (
    (lambda m, v: f"Ngày đăng: {m:%d/%m/%Y}  {_hm(m)}", "minute"),
    (lambda m, v: f"Lượt xem: {v} | Gửi lúc: {m:%d/%m/%Y %H:%M:%S}", "second"),
    (lambda m, v: f"{_DAY_WORDS[m.weekday()]}, ngày {m:%d/%m/%Y} | {_hm(m)}", "minute"),
    (lambda m, v: f"{_DAY_WORDS[m.weekday()].upper()}, {m:%d/%m/%Y %H:%M:%S}", "second"),
    (lambda m, v: f"{_DAY_NUMBERS[m.weekday()]}, {m:%d/%m/%Y} | {_hm(m)}", "minute"),
    (
        lambda m, v: (
            f"Ngày đăng {m:%d/%m/%Y} | {(m.hour - 1) % 12 + 1:02d}:{m:%M} "
            f"{'AM' if m.hour < 12 else 'PM'} | View count: {v}"
        ),
        "minute",
    ),
    (lambda m, v: f"{m.day} tháng {m.month}, {m.year}", "date"),
    (lambda m, v: f"Ngày {m.day} tháng {m.month} năm {m.year}", "date"),
    (
        lambda m, v: (
            f"{_DAY_WORDS[m.weekday()].capitalize()}, {m.day}/{m.month}/{m.year}, {_hm(m)} (GMT+7)"
        ),
        "minute",
    ),
    (lambda m, v: f"{_DAY_NUMBERS[m.weekday()]}, {m:%d.%m.%Y} | {m:%H:%M:%S}", "second"),
    (lambda m, v: f"{m.day}-{m.month}-{m.year}, {m.hour}:{m.minute} GMT+7", "minute"),
    (lambda m, v: f"Ngày phát hành {_hm(m)} | {m.day}/{m.month}/{m.year}", "minute"),
    (lambda m, v: f"{_hm(m)} {m:%d/%m/%Y}", "minute"),
)
_COUNT_IN_LINE = (1, 5)

_PAGE = """<!DOCTYPE html>
<html dir="ltr" lang="vi-VN">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{title}</title>
<link rel="stylesheet" type="text/css" href="/_layouts/1033/styles/Themable/corev4.css" />
</head>
<body scroll="yes">
<form name="aspnetForm" method="post" action="{action}" id="aspnetForm">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUBMA9kFgJmD2QWAgIBD2QWAgID" />
<div id="s4-workspace"><div id="s4-bodyContainer">
<div id="ctl00_divHeader" class="header">
  <span id="ctl00_lblDate" class="header-clock">{clock}</span>
  <a id="ctl00_hlHome" href="/Pages/Home.aspx"><img src="/PublishingImages/banner.png" \
alt="Cổng thông tin điện tử tỉnh Quảng Trị" /></a>
  <ul id="ctl00_TopNavigationMenu" class="menu">
    <li><a href="/Pages/Home.aspx">Trang chủ</a></li>
    <li><a href="/Pages/tin-tuc.aspx">Tin tức - Sự kiện</a></li>
    <li><a href="/Pages/van-ban.aspx">Văn bản chỉ đạo điều hành</a></li>
  </ul>
</div>
<div id="ctl00_MSO_ContentDiv" class="main">
<div class="col-main" id="ctl00_PlaceHolderMain_pnlMain">
{main}</div>
<div class="col-right" id="ctl00_PlaceHolderRight_pnlRight">
  <div class="box-other" id="ctl00_PlaceHolderRight_g_91ab_ctl00_pnlOther"><h3>Các tin khác</h3><ul>
{others}  </ul></div>
  <div class="box-notice" id="ctl00_PlaceHolderRight_g_55d0_ctl00_pnlNotice"><h3>Thông báo</h3>
    <div class="notice-text"><p>{notice}</p></div>
  </div>
</div>
</div>
<div id="ctl00_divFooter" class="footer">Cổng thông tin điện tử tỉnh Quảng Trị. Giấy phép số \
12/GP-STTTT. Ghi rõ nguồn khi phát hành lại thông tin từ cổng này.</div>
</div></div>
</form>
</body>
</html>
"""


class SharePointSite(WebSite):
    name = "quangtri"
    title = "Cổng thông tin điện tử tỉnh Quảng Trị"
    family = "sharepoint"
    province = "Quảng Trị"
    robots = "User-agent: *\nDisallow: /admin/\nDisallow: /_layouts/\n"
    listing_base = LISTING_PATH
    page_param = "Page"
    category = CATEGORY
    home_aliases = ("/Pages/Home.aspx",)
    about_path = "/Pages/gioi-thieu.aspx"
    contact_path = "/Pages/lien-he.aspx"
    documents = ("Văn bản chỉ đạo điều hành", "/Pages/van-ban.aspx")
    feed_path = "/rss/tin-tuc.xml"
    rss_index = "/rss"
    notices_feed = "/rss/thong-bao.xml"
    moved_notices = "/Pages/thong-bao-moi.aspx"

    def make_notices(self) -> SampleSite | None:
        return SharePointNotices(NOTICES, self.today)

    def make_story(self, index: int) -> Story:
        moment = timeline(self.name, index, datetime(2025, 6, 17, 8, 39, tzinfo=VN_TZ), 9.0)
        if index % 13 == 10:  # the "10:5 GMT+7" shape only shows its trap below ten minutes
            moment = moment.replace(minute=moment.minute % 10)
        story = make_story(self.name, index, moment, has_time=_FORMATS[index % 13][1] != "date")
        if index % 3 == 0:  # republished from the provincial newspaper with its lead tag
            lead = "(QT) - " + story.paragraphs[0]
            story = _replace_paragraphs(story, (lead, *story.paragraphs[1:]))
        if index == NAMED_ENTITY_AT:  # make sure an "ồ" is there to be spelled &ocirc; + U+0300
            last = story.paragraphs[-1] + " Người dân đồng tình, ủng hộ chủ trương này."
            story = _replace_paragraphs(story, (*story.paragraphs[:-1], last))
        return story

    def item_id(self, story: Story) -> int:
        return 3 * (40_000 - story.index) + story.index % 3

    def article_path(self, story: Story) -> str:
        return f"{DETAIL_PATH}?ItemID={self.item_id(story)}"

    def listing_path(self, page: int) -> str:
        return LISTING_PATH if page == 1 else f"{LISTING_PATH}?Page={page}"

    def _image_path(self, story: Story, k: int) -> str:
        return f"/PublishingImages/{self.item_id(story)}/{story.images[k][1]}.png"

    def _attachment_path(self, story: Story) -> str:
        return f"/Documents/QD-{self.item_id(story)}.docx"

    def _caption(self, story: Story, k: int) -> str:
        return f"{story.images[k][2]}. Ảnh: {_byline(story)[1] or 'Thanh Hải'}"

    def file_paths(self, story: Story) -> list[str]:
        paths = [self._image_path(story, k) for k in range(len(story.images))]
        return paths + ([self._attachment_path(story)] if story.attachment else [])

    def extra_files(self) -> set[str]:
        return {"/PublishingImages/banner.png"}

    def _view_count(self, story: Story) -> int | None:
        if story.index % 13 in _COUNT_IN_LINE or story.index % 10 != 9:
            return story.view_count
        return None

    def truth(self, story: Story) -> ArticleTruth:
        path = self.article_path(story)
        precision = _FORMATS[story.index % 13][1]
        moment = story.moment.replace(second=0) if precision == "minute" else story.moment
        attachment = (self.url(self._attachment_path(story)), "Tải về")
        return ArticleTruth(
            url=self.url(path),
            path=path,
            title=story.title,
            published=moment.date().isoformat() if precision == "date" else moment.isoformat(),
            updated=None,
            date_raw=self._date_line(story),
            author=_byline(story)[1],
            category=self.category,
            view_count=self._view_count(story),
            summary=story.summary,
            paragraphs=story.paragraphs,
            images=tuple(
                (self.url(self._image_path(story, k)), self._caption(story, k))
                for k in range(len(story.images))
            ),
            attachments=(attachment,) if story.attachment else (),
        )

    def _date_line(self, story: Story) -> str:
        return _FORMATS[story.index % 13][0](story.moment, story.view_count)

    def _page(self, title: str, action: str, main: str, others: list[Story]) -> str:
        links = "".join(
            f'    <li><a href="{self.article_path(s)}">{esc(s.title, quote=False)}</a> '
            f'<span class="date">({s.moment:%d/%m/%Y})</span></li>\n'
            for s in others
        )
        return _PAGE.format(
            title=esc(title, quote=False),
            action=esc(action),
            clock=header_clock(self.today()),
            main=main,
            others=links,
            notice=_NOTICE,
        )

    def article_html(self, story: Story) -> str:
        count = self._view_count(story)
        views = ""
        if story.index % 13 not in _COUNT_IN_LINE and count is not None:
            label = "Lượt xem" if story.index % 2 else "View count"
            views = (
                f'  <span id="ctl00_PlaceHolderMain_g_7e3f_ctl00_lblView">{label}: {count}</span>\n'
            )
        main = (
            '<div class="news-detail" id="ctl00_PlaceHolderMain_g_7e3f_ctl00_pnlDetail">\n'
            f'  <h1 class="title">{esc(story.title, quote=False)}</h1>\n'
            f'  <div class="date-time" id="ctl00_PlaceHolderMain_g_7e3f_ctl00_lblDate">'
            f"{self._date_line(story)}</div>\n{views}"
            f'  <div class="sapo">{esc(story.summary, quote=False)}</div>\n'
            '  <div id="ctl00_PlaceHolderMain_g_7e3f_ctl00_RichHtmlField" '
            f'class="ms-rtestate-field">\n{self._body(story)}  </div>\n'
            '  <div class="tools"><a href="#">Bản in</a> | <a href="#">Gửi email</a></div>\n'
            "</div>\n"
        )
        others = self.neighbours(story, 1, 6)
        return self._page(story.title, self.article_path(story), main, others)

    def _body(self, story: Story) -> str:
        lines = []
        for i, paragraph in enumerate(story.paragraphs):
            lines.append(f"<p>{esc(paragraph, quote=False)}</p>")
            for k, (after, _, _) in enumerate(story.images):
                if after == i:
                    lines.append(
                        f'<table class="image" align="center"><tr><td><img src="'
                        f'{self._image_path(story, k)}" alt="" /></td></tr><tr><td>'
                        f"{esc(self._caption(story, k), quote=False)}</td></tr></table>"
                    )
        if story.attachment:
            lines.append(
                '<p>Tập tin đính kèm: <a href="javascript:void(0)" onclick="window.open('
                f"'{self._attachment_path(story)}')\">Tải về</a></p>"
            )
        lines.append(_byline(story)[0])
        return _trap("".join(f"    {line}\n" for line in lines if line), story.index)

    def listing_html(self, page: int) -> str:
        items = "".join(
            f'  <div class="news-item"><a class="title" href="{self.article_path(s)}">'
            f'{esc(s.title, quote=False)}</a> <span class="date">({s.moment:%d/%m/%Y})</span>'
            f'<p class="summary">{esc(s.summary, quote=False)}</p></div>\n'
            for s in self.page_stories(page)
        )
        numbers = " ".join(
            f'<a href="{self.listing_path(n)}">{n}</a>' if n != page else f"<span>{n}</span>"
            for n in range(max(1, page - 4), min(self.pages, page + 4) + 1)
        )
        if page < self.pages:
            numbers += (
                ' <a id="ctl00_PlaceHolderMain_g_7e3f_ctl00_lnkNext" '
                f'href="{self.listing_path(page + 1)}">Trang sau</a>'
            )
        main = (
            f'<div id="{NEWS_PANEL}" class="news-list">\n{items}</div>\n'
            '<div class="paging" id="ctl00_PlaceHolderMain_g_7e3f_ctl00_pnlPaging">'
            f"{numbers}</div>\n"
        )
        return self._page(self.category, self.listing_path(page), main, self.stories[:5])


class SharePointNotices(SharePointSite):
    """quangtri's "Thông báo": a page library of its own, same detail template."""

    category = NOTICES_LABEL
    listing_base = "/Pages/thong-bao.aspx"

    def make_notices(self) -> SampleSite | None:
        return None

    def make_story(self, index: int) -> Story:
        has_time = _FORMATS[(NOTICE_BASE + index) % 13][1] != "date"
        return notice_story(self.name, index, _NOTICES_NEWEST, has_time=has_time)

    def item_id(self, story: Story) -> int:
        return 500_000 + story.index - NOTICE_BASE  # apart from every article's

    def article_path(self, story: Story) -> str:
        return f"/Pages/ThongBao_detail.aspx?ItemID={self.item_id(story)}"

    def listing_path(self, page: int) -> str:
        path = self.section_path or self.listing_base
        return path if page == 1 else f"{path}?Page={page}"


_NOTICES_NEWEST = datetime(2025, 6, 16, 14, 20, tzinfo=VN_TZ)


def _byline(story: Story) -> tuple[str, str | None]:
    """(the byline paragraph, the author it names) in one of the site's four habits."""
    habit = story.index % 4
    if habit == 0:
        name = story.byline or "Ngọc Trâm"
        return f"<p><strong>Bài, ảnh: {esc(name)}</strong></p>", name
    if habit == 1:
        name = _CAPITAL_WRITERS[story.index // 4 % len(_CAPITAL_WRITERS)]
        return f'<p style="text-align:right"><b>{name}</b></p>', name
    if habit == 2:
        return "<p>Nguồn: Báo Quảng Trị</p>", None  # the paper is the source, no author
    return "", None


def _trap(body: str, index: int) -> str:
    """Spell one body three odd ways real pages do; a reader sees the same text."""
    if index == NUMERIC_ENTITIES_AT:
        return "".join(c if ord(c) < 128 else f"&#{ord(c)};" for c in body)
    if index == DECOMPOSED_AT:
        return unicodedata.normalize("NFD", body)
    if index == NAMED_ENTITY_AT:
        return body.replace("ồ", "&ocirc;\u0300")
    return body


def _replace_paragraphs(story: Story, paragraphs: tuple[str, ...]) -> Story:
    return replace(story, paragraphs=paragraphs)
