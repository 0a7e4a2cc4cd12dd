"""haugiang: an Umbraco-like Hậu Giang portal laid out exactly like the seed page.

Traps: the header clock shows today; the byline is glued to the comments
heading; every listing page repeats the five newest links in a sidebar.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time

from archiver.sample.content import (
    SEED_SLUG,
    VN_TZ,
    ArticleTruth,
    Story,
    load_seed,
    make_story,
    notice_story,
    timeline,
)
from archiver.sample.render import SampleSite, esc, header_clock
from archiver.sample.siteweb import NOTICES, NOTICES_LABEL, WebSite

CATEGORY = "Tin kinh tế"
CATEGORY_PATH = "/tin-tuc/tin-kinh-te"
SITE_TITLE = "Cổng thông tin điện tử tỉnh Hậu Giang"
SEED_INDEX = 4
# The seed page's "Tin đã đưa" names these three; they are the stories after it.
_SEED_NEIGHBOURS = {
    5: (
        "Hậu Giang thu hút đầu tư 10 tháng năm 2020",
        "hau-giang-thu-hut-dau-tu-10-thang-nam-2020",
        30,
    ),
    6: ("Phát triển kinh tế tập thể năm 2020", "phat-trien-kinh-te-tap-the-nam-2020", 28),
    7: ("Đẩy nhanh giải ngân vốn đầu tư công", "giai-ngan-von-dau-tu-cong", 26),
}
_PLACEHOLDER_AT = 9

_HEADER = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8" />
<title>{title} - Cổng thông tin điện tử tỉnh Hậu Giang</title>
<meta name="viewport" content="width=device-width, initial-scale=1" />
<link rel="stylesheet" href="/css/site.css" />
<script>var _gaq = _gaq || []; _gaq.push(['_trackPageview']);</script>
</head>
<body>
<div id="header">
  <div class="top-bar"><span class="header-date">{clock}</span> <a href="/lien-he">Liên hệ</a> | \
<a href="/so-do-site">Sơ đồ site</a></div>
  <div class="banner"><a href="/"><img src="/media/1001/banner.jpg" \
alt="Cổng thông tin điện tử tỉnh Hậu Giang" /></a></div>
  <ul class="main-menu">
    <li><a href="/">Trang chủ</a></li>
    <li><a href="/gioi-thieu">Giới thiệu</a></li>
    <li><a href="/tin-tuc">Tin tức</a></li>
    <li><a href="/tin-tuc/tin-kinh-te">Tin kinh tế</a></li>
    <li><a href="/tin-tuc/tin-van-hoa-xa-hoi">Tin văn hóa - xã hội</a></li>
    <li><a href="/van-ban">Văn bản</a></li>
  </ul>
</div>
<div id="main">
  <div class="left-column">
    <div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/tin-tuc">Tin tức</a> » \
<a href="{section_path}">{category}</a></div>
"""

_ARTICLE = """    <div class="news-detail">
      <div class="cat-title">{category}</div>
      <h1 class="title">{title}</h1>
      <div class="date-view">{date_line}</div>
      <div class="content">
{body}</div><div class="comments"><h3>Các ý kiến của bạn đọc</h3>
        <p>&nbsp;</p>
        <form class="comment-form"><input type="text" name="hoten" placeholder="Họ tên" />\
<textarea name="noidung"></textarea><button>Gửi ý kiến</button></form>
      </div>
      <div class="tool-bar"><a href="javascript:window.print()">Bản in</a> | \
<a href="#">Gửi email</a> | <a href="#top">Lên top</a></div>
      <div class="other-news">
        <h3>Tin đã đưa</h3>
        <ul>
{older}        </ul>
      </div>
    </div>
  </div>
  <div class="right-column">
{sidebar}    <div class="box ads"><h3>Quảng cáo</h3>
      <p>Không có quảng cáo</p>
    </div>
    <div class="box links"><h3>Liên kết website</h3>
      <select><option>Chính phủ</option><option>Bộ Nội vụ</option></select>
    </div>
  </div>
</div>
<div id="footer"><p>Cơ quan chủ quản: Văn phòng Ủy ban nhân dân tỉnh Hậu Giang. Địa chỉ: số 02 \
Đường Điện Biên Phủ, phường V, thành phố Vị Thanh. Powered by Umbraco.</p>{footer_extra}</div>
</body>
</html>
"""

_LISTING = """    <div class="cat-title">{category}</div>
    <div class="news-list">
{items}    </div>
    <div class="pager">{pager}</div>
"""

_ADMIN = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8" /><title>Đăng nhập quản trị</title></head>
<body><form method="post"><input name="user" /><input name="pass" type="password" />\
<button>Đăng nhập</button></form></body></html>
"""


class UmbracoSite(WebSite):
    name = "haugiang"
    title = SITE_TITLE
    family = "umbraco"
    province = "Hậu Giang"
    listing_base = CATEGORY_PATH
    page_param = "page"
    category = CATEGORY
    about_path = "/gioi-thieu"
    contact_path = "/lien-he"
    documents = ("Văn bản", "/van-ban")
    feed_path = "/rss/tin-kinh-te.xml"
    sitemaps = "index"
    moved_notices = "/tin-tuc/thong-bao"

    def make_notices(self) -> SampleSite | None:
        return UmbracoNotices(NOTICES, self.today)

    def make_story(self, index: int) -> Story:
        if index == SEED_INDEX:
            return _seed_story()
        if index in _SEED_NEIGHBOURS:
            title, slug, day = _SEED_NEIGHBOURS[index]
            moment = datetime(2020, 10, day, 9, 0, tzinfo=VN_TZ)
            return make_story(self.name, index, moment, has_time=False, title=title, slug=slug)
        if index < SEED_INDEX:
            moment = datetime(2020, 11, 3 + 2 * (SEED_INDEX - index) - 1, 8, 0, tzinfo=VN_TZ)
        else:
            moment = timeline(self.name, index - 7, datetime(2020, 10, 26, tzinfo=VN_TZ), 10.0)
        story = make_story(self.name, index, moment, has_time=False)
        return replace(story, byline="admin admin") if index == _PLACEHOLDER_AT else story

    def article_path(self, story: Story) -> str:
        return f"{CATEGORY_PATH}/{story.slug}"

    def listing_path(self, page: int) -> str:
        return CATEGORY_PATH if page == 1 else f"{CATEGORY_PATH}?page={page}"

    def _image_path(self, story: Story, k: int) -> str:
        if story.index == SEED_INDEX:
            return "/media/1047/21120.png"
        return f"/media/{2000 + 3 * story.index + k}/{story.images[k][1]}.png"

    def _attachment_path(self, story: Story) -> str:
        return f"/media/{2002 + 3 * story.index}/{story.attachment}.pdf"

    def file_paths(self, story: Story) -> list[str]:
        paths = [self._image_path(story, k) for k in range(len(story.images))]
        return paths + ([self._attachment_path(story)] if story.attachment else [])

    def extra_files(self) -> set[str]:
        return {"/media/1001/banner.jpg", "/media/1001/no-image.png"}

    def extra_page(self, path: str) -> str | None:
        return _ADMIN if path.startswith("/admin/") else None

    def truth(self, story: Story) -> ArticleTruth:
        path = self.article_path(story)
        images = tuple(
            (self.url(self._image_path(story, k)), caption)
            for k, (_, _, caption) in enumerate(story.images)
        )
        attachments = ((self.url(self._attachment_path(story)), "Tải file tại đây"),)
        return ArticleTruth(
            url=self.url(path),
            path=path,
            title=story.title,
            published=None,
            updated=story.moment.date().isoformat(),
            date_raw=_date_line(story),
            author=None if story.byline in (None, "admin admin") else story.byline,
            category=self.category,
            view_count=story.view_count,
            summary=None,
            paragraphs=story.paragraphs,
            images=images,
            attachments=attachments if story.attachment else (),
        )

    def _header(self, title: str) -> str:
        return _HEADER.format(
            title=esc(title, quote=False),
            clock=header_clock(self.today()),
            section_path=self.listing_path(1),
            category=self.category,
        )

    def article_html(self, story: Story) -> str:
        older = "".join(
            f'          <li><a href="{self.article_path(s)}">{esc(s.title, quote=False)}</a> '
            f'<span class="date">({s.moment:%d/%m/%Y})</span></li>\n'
            for s in self.neighbours(story, 1, 4)
        )
        main = _ARTICLE.format(
            category=self.category,
            title=esc(story.title, quote=False),
            date_line=_date_line(story),
            body=self._body(story),
            older=older,
            sidebar="",
            footer_extra="",
        )
        return self._header(story.title) + main

    def _body(self, story: Story) -> str:
        lines = []
        for i, paragraph in enumerate(story.paragraphs):
            lines.append(f'<p style="text-align: justify;">{esc(paragraph, quote=False)}</p>')
            for k, (after, stem, caption) in enumerate(story.images):
                if after == i:
                    alt = "2.11.20.png" if story.index == SEED_INDEX else f"{stem}.png"
                    lines.append(
                        f'<p style="text-align: center;"><img alt="{alt}" '
                        f'src="{self._image_path(story, k)}" width="600" height="400" /></p>'
                    )
                    lines.append(
                        f'<p style="text-align: center;"><em>{esc(caption, quote=False)}</em></p>'
                    )
        if story.attachment:
            lines.append(
                f'<p>Tập tin đính kèm: <a href="{self._attachment_path(story)}">'
                "Tải file tại đây</a></p>"
            )
        if story.byline:
            lines.append(
                '<p style="text-align: right;">'
                f"<strong>{esc(story.byline, quote=False)}</strong></p>"
            )
        return "\n".join(lines)

    def listing_html(self, page: int) -> str:
        items = "".join(self._item(s) for s in self.page_stories(page))
        newest = "".join(
            f'        <li><a href="{self.article_path(s)}">{esc(s.title, quote=False)}</a></li>\n'
            for s in self.stories[:5]
        )
        sidebar = (
            '    <div class="box new-news"><h3>Tin mới</h3>\n'
            f"      <ul>\n{newest}      </ul>\n    </div>\n"
        )
        main = _ARTICLE.split('    <div class="news-detail">')[0] + _LISTING.format(
            category=self.category, items=items, pager=self._pager(page)
        )
        tail = _ARTICLE[_ARTICLE.index('  </div>\n  <div class="right-column">') :]
        footer = ' <a href="/admin/dang-nhap">Quản trị</a>'
        return (
            self._header(self.category) + main + tail.format(sidebar=sidebar, footer_extra=footer)
        )

    def _item(self, story: Story) -> str:
        path = self.article_path(story)
        thumb = self._image_path(story, 0) if story.images else "/media/1001/no-image.png"
        return (
            f'      <div class="news-item">\n'
            f'        <a class="thumb" href="{path}"><img src="{thumb}" alt="" /></a>\n'
            f'        <h3><a href="{path}">{esc(story.title, quote=False)}</a></h3>\n'
            f'        <span class="date">({story.moment:%d/%m/%Y})</span>\n'
            f'        <p class="sapo">{esc(story.summary, quote=False)}</p>\n'
            f"      </div>\n"
        )

    def _pager(self, page: int) -> str:
        links = []
        for number in range(max(1, page - 4), min(self.pages, page + 4) + 1):
            if number == page:
                links.append(f'<span class="current">{number}</span>')
            else:
                links.append(f'<a href="{self.listing_path(number)}">{number}</a>')
        if page < self.pages:
            links.append(f'<a class="next" href="{self.listing_path(page + 1)}">Sau »</a>')
        return " ".join(links)


class UmbracoNotices(UmbracoSite):
    """haugiang's "Thông báo": notices at /thong-bao/<slug>, listed like the news."""

    category = NOTICES_LABEL
    listing_base = "/thong-bao"

    def make_notices(self) -> SampleSite | None:
        return None

    def make_story(self, index: int) -> Story:
        return notice_story(self.name, index, _NOTICES_NEWEST, has_time=False)

    def article_path(self, story: Story) -> str:
        return f"/thong-bao/{story.slug}"

    def listing_path(self, page: int) -> str:
        path = self.section_path or self.listing_base
        return path if page == 1 else f"{path}?page={page}"


_NOTICES_NEWEST = datetime(2020, 11, 9, 8, 0, tzinfo=VN_TZ)


def _date_line(story: Story) -> str:
    return f"[ Cập nhật vào ngày ({story.moment:%d/%m/%Y}) ] - [ Số lần xem: {story.view_count} ]"


def _seed_story() -> Story:
    seed = load_seed()
    paragraphs = tuple(text for kind, text in seed.blocks if kind == "p")
    images, seen = [], 0
    for kind, text in seed.blocks:
        if kind == "p":
            seen += 1
        else:
            images.append((seen - 1, "21120", text))
    return Story(
        index=SEED_INDEX,
        title=seed.title,
        slug=SEED_SLUG,
        summary=paragraphs[0],
        paragraphs=paragraphs,
        byline=seed.author,
        images=tuple(images),
        attachment=None,
        moment=datetime.combine(seed.day, time(8, 0), tzinfo=VN_TZ),
        has_time=False,
        view_count=seed.view_count,
    )
