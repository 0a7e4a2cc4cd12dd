"""sotttt: a Liferay 6/7-like portal of Hà Nội's Sở Thông tin và Truyền thông.

Traps: the first `div.journal-content-article` is the department's long
introduction in the left column, not the body; `12:00 AM` means "no time
entered"; some attachments exist only as an `<iframe>`; the pager's "Đầu"
link is another URL for page 1.
"""

from __future__ import annotations

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

LISTING_PATH = "/web/sotttt/tin-tuc"
CATEGORY = "Tin tức"
_PLACEHOLDER_AT = 11
_PHOTOGRAPHERS = ("Minh Hà", "Đức Anh", "Bảo Ngọc", "Quốc Đạt")
_INTRO = (
    "Sở Thông tin và Truyền thông thành phố Hà Nội là cơ quan chuyên môn thuộc Ủy ban nhân dân "
    "thành phố, thực hiện chức năng tham mưu, giúp Ủy ban nhân dân thành phố quản lý nhà nước về "
    "báo chí; xuất bản, in và phát hành; bưu chính; viễn thông; tần số vô tuyến điện; công nghiệp "
    "công nghệ thông tin, điện tử; ứng dụng công nghệ thông tin; chuyển đổi số; an toàn thông tin "
    "mạng; phát thanh, truyền hình; thông tin điện tử; thông tin đối ngoại; thông tin cơ sở và hạ "
    "tầng thông tin truyền thông trên địa bàn thành phố. Sở có tư cách pháp nhân, có con dấu và "
    "tài khoản riêng; chịu sự chỉ đạo, quản lý về tổ chức, vị trí việc làm, biên chế công chức và "
    "công tác của Ủy ban nhân dân thành phố, đồng thời chịu sự chỉ đạo, hướng dẫn, thanh tra, kiểm "
    "tra về chuyên môn, nghiệp vụ của Bộ Thông tin và Truyền thông."
)

_PAGE = """<!DOCTYPE html>
<html class="ltr" dir="ltr" lang="vi-VN">
<head>
<meta content="text/html; charset=UTF-8" http-equiv="content-type" />
<title>{title} - Sở Thông tin và Truyền thông Hà Nội</title>
<link href="/html/themes/sotttt-theme/css/main.css" rel="stylesheet" type="text/css" />
<script src="/html/js/barebone.jsp"></script>
</head>
<body class="yui3-skin-sam controls-visible guest-site signed-out public-page site">
<div id="wrapper">
<header id="banner" role="banner">
  <div class="header-date">{clock}</div>
  <h1 class="site-title"><a href="/web/sotttt">\
<span>Sở Thông tin và Truyền thông Hà Nội</span></a></h1>
  <nav class="sort-pages modify-pages" id="navigation"><ul>
    <li><a href="/web/sotttt">Trang chủ</a></li>
    <li class="selected"><a href="/web/sotttt/tin-tuc">Tin tức</a></li>
    <li><a href="/web/sotttt/van-ban">Văn bản</a></li>
    <li><a href="/web/sotttt/lien-he">Liên hệ</a></li>
  </ul></nav>
</header>
<div id="content"><div class="columns-1-2" id="main-content" role="main">
<div class="portlet-column portlet-column-first" id="column-1">
  <div class="portlet-boundary portlet-boundary_56_ portlet-journal-content" \
id="p_p_id_56_INSTANCE_gt01_">
    <section class="portlet"><header class="portlet-topper">\
<h1 class="portlet-title">Giới thiệu</h1></header>
    <div class="portlet-content"><div class="journal-content-article">
      <p>{intro}</p>
    </div></div></section>
  </div>
  <div class="portlet-boundary portlet-navigation" id="p_p_id_71_INSTANCE_nav1_"><ul>
    <li><a href="/web/sotttt/gioi-thieu">Cơ cấu tổ chức</a></li>
    <li><a href="/web/sotttt/thu-tuc-hanh-chinh">Thủ tục hành chính</a></li>
  </ul></div>
</div>
<div class="portlet-column portlet-column-last" id="column-2">
  <div class="portlet-boundary portlet-boundary_101_ portlet-asset-publisher" \
id="p_p_id_101_INSTANCE_tt22_">
{main}  </div>
</div>
</div></div>
<footer id="footer" role="contentinfo"><p>Bản quyền thuộc Sở Thông tin và Truyền thông Hà Nội. \
Powered by Liferay Portal Community Edition.</p></footer>
</div>
</body>
</html>
"""


class LiferaySite(WebSite):
    name = "sotttt"
    title = "Sở Thông tin và Truyền thông Hà Nội"
    family = "liferay"
    province = "Hà Nội"
    robots = "User-agent: *\nDisallow: /admin/\nDisallow: /c/\n"
    listing_base = LISTING_PATH
    page_param = "_101_cur"
    category = CATEGORY
    home_aliases = ("/web/sotttt",)
    about_path = "/web/sotttt/gioi-thieu"
    contact_path = "/web/sotttt/lien-he"
    documents = ("Văn bản", "/web/sotttt/van-ban")
    feed_path = "/web/sotttt/tin-tuc/-/asset_publisher/tt22/rss"
    feed_atom = True
    sitemaps = "urlset"
    moved_notices = "/web/sotttt/tin-tuc/thong-bao"

    def make_notices(self) -> SampleSite | None:
        return LiferayNotices(NOTICES, self.today)

    def make_story(self, index: int) -> Story:
        moment = timeline(self.name, index, datetime(2022, 7, 21, 10, 0, tzinfo=VN_TZ), 7.0)
        has_time = index % 4 != 1
        story = make_story(self.name, index, _not_midnight(moment), has_time=has_time)
        return replace(story, byline="admin admin") if index == _PLACEHOLDER_AT else story

    def article_id(self, story: Story) -> int:
        return 4_200_000 - 7 * story.index

    def article_path(self, story: Story) -> str:
        return f"{LISTING_PATH}/-/view_content/{self.article_id(story)}-{story.slug}.html"

    def listing_path(self, page: int) -> str:
        return LISTING_PATH if page == 1 else f"{LISTING_PATH}?_101_cur={page}&_101_delta=10"

    def _image_path(self, story: Story, k: int) -> str:
        return f"/documents/10180/0/{story.images[k][1]}.png"

    def _attachment(self, story: Story) -> tuple[str, str | None] | None:
        """(path, link title); the title is None when only an iframe shows the file."""
        if not story.attachment:
            return None
        path = f"/documents/10180/0/{story.attachment}.pdf"
        if story.index % 2:
            return path, None
        return path, f"Kế hoạch số {story.index + 12}/KH-STTTT"

    def _caption(self, story: Story, k: int) -> str:
        return f"{story.images[k][2]}. Ảnh: {_PHOTOGRAPHERS[(story.index + k) % 4]}"

    def file_paths(self, story: Story) -> list[str]:
        paths = [self._image_path(story, k) for k in range(len(story.images))]
        attachment = self._attachment(story)
        return paths + ([attachment[0]] if attachment else [])

    def truth(self, story: Story) -> ArticleTruth:
        path = self.article_path(story)
        attachment = self._attachment(story)
        return ArticleTruth(
            url=self.url(path),
            path=path,
            title=story.title,
            published=_iso(story),
            updated=None,
            date_raw=_date_raw(story),
            author=None if story.byline in (None, "admin admin") else story.byline,
            category=self.category,
            view_count=story.view_count,
            summary=story.summary,
            paragraphs=story.paragraphs,
            images=tuple(
                (self.url(self._image_path(story, k)), self._caption(story, k))
                for k in range(len(story.images))
            ),
            attachments=((self.url(attachment[0]), attachment[1]),) if attachment else (),
        )

    def _page(self, title: str, main: str) -> str:
        clock = header_clock(self.today())
        return _PAGE.format(title=esc(title, quote=False), clock=clock, intro=_INTRO, main=main)

    def article_html(self, story: Story) -> str:
        related = self._links(self.neighbours(story, 1, 4))
        others = self._links(self.neighbours(story, -3, 0))
        author = f'<p class="view-content-author">{esc(story.byline)}</p>' if story.byline else ""
        main = (
            '<div class="asset-full-content default-asset-publisher show-asset-title">\n'
            '  <div class="asset-full-content-title"><h3 class="header-title">'
            f"<span>{esc(story.title, quote=False)}</span></h3></div>\n"
            f'  <div class="assetPublishDate">{_date_raw(story)}</div>\n'
            f'  <div class="asset-summary"><strong>{esc(story.summary, quote=False)}'
            "</strong></div>\n"
            '  <div class="asset-content"><div class="journal-content-article">\n'
            f"{self._body(story)}"
            "  </div></div>\n"
            f"  {author}\n"
            f'  <div class="view-count">Lượt xem: {_thousands(story.view_count)}</div>\n'
            '  <div class="taglib-social-bookmarks"><a href="#">Chia sẻ</a> | '
            '<a href="javascript:print()">In trang</a></div>\n'
            "</div>\n"
            f'<div class="related-assets"><h4>Tin liên quan</h4><ul>\n{related}</ul></div>\n'
            f'<div class="other-assets"><h4>Các tin khác</h4><ul>\n{others}</ul></div>\n'
        )
        return self._page(story.title, main)

    def _body(self, story: Story) -> str:
        lines = []
        for i, paragraph in enumerate(story.paragraphs):
            lines.append(f'<p style="text-align: justify;">{esc(paragraph, quote=False)}</p>')
            for k, (after, _, _) in enumerate(story.images):
                if after == i:
                    lines.append(
                        '<div style="text-align:center"><img alt="" '
                        f'src="{self._image_path(story, k)}" style="width: 600px;" /><br />'
                        f"<i>{esc(self._caption(story, k))}</i></div>"
                    )
        attachment = self._attachment(story)
        if attachment and attachment[1]:
            lines.append(f'<p><a href="{attachment[0]}">{esc(attachment[1])}</a></p>')
        elif attachment:
            lines.append(f'<iframe src="{attachment[0]}" width="100%" height="700"></iframe>')
        return "".join(f"    {line}\n" for line in lines)

    def _links(self, stories: list[Story]) -> str:
        return "".join(
            f'  <li><a href="{self.article_path(s)}">{esc(s.title, quote=False)}</a> '
            f"<span>({s.moment:%d/%m/%Y})</span></li>\n"
            for s in stories
        )

    def listing_html(self, page: int) -> str:
        items = "".join(self._abstract(s) for s in self.page_stories(page))
        main = (
            '<div class="asset-publisher-content">\n'
            f"{items}</div>\n"
            f'<div class="taglib-page-iterator"><div class="lfr-pagination">\n'
            f'  <div class="lfr-pagination-page-selector">Trang {page} / {self.pages}</div>\n'
            '  <div class="lfr-pagination-buttons">'
            f'<ul class="pager">{self._pager(page)}</ul></div>\n'
            "</div></div>\n"
        )
        return self._page(self.category, main)

    def _abstract(self, story: Story) -> str:
        path = self.article_path(story)
        return (
            '<div class="asset-abstract">\n'
            f'  <h3 class="asset-title"><a href="{path}">{esc(story.title, quote=False)}</a></h3>\n'
            f'  <div class="assetPublishDate">{_date_raw(story)}</div>\n'
            f'  <div class="asset-summary">{esc(story.summary, quote=False)}</div>\n'
            f'  <div class="asset-more"><a href="{path}">Xem tiếp »</a></div>\n'
            "</div>\n"
        )

    def _pager(self, page: int) -> str:
        def button(label: str, target: int, enabled: bool) -> str:
            if not enabled:
                return f'<li class="disabled"><span>{label}</span></li>'
            href = f"{self.listing_path(1)}?_101_cur={target}&amp;_101_delta=10"
            return f'<li><a href="{href}">{label}</a></li>'

        first, last = page > 1, page < self.pages
        return "".join(
            (
                button("Đầu", 1, first),
                button("Trước", page - 1, first),
                button("Tiếp", page + 1, last),
                button("Cuối", self.pages, last),
            )
        )


class LiferayNotices(LiferaySite):
    """sotttt's "Thông báo": its own asset publisher under /web/sotttt/thong-bao."""

    category = NOTICES_LABEL
    listing_base = "/web/sotttt/thong-bao"

    def make_notices(self) -> SampleSite | None:
        return None

    def make_story(self, index: int) -> Story:
        story = notice_story(self.name, index, _NOTICES_NEWEST, has_time=index % 4 != 1)
        return replace(story, moment=_not_midnight(story.moment))

    def article_id(self, story: Story) -> int:
        return 5_100_000 + 7 * (story.index - NOTICE_BASE)  # apart from every article's

    def article_path(self, story: Story) -> str:
        return f"/web/sotttt/thong-bao/-/view_content/{self.article_id(story)}-{story.slug}.html"

    def listing_path(self, page: int) -> str:
        path = self.section_path or self.listing_base
        return path if page == 1 else f"{path}?_101_cur={page}&_101_delta=10"


_NOTICES_NEWEST = datetime(2022, 7, 20, 15, 30, tzinfo=VN_TZ)


def _not_midnight(moment: datetime) -> datetime:
    """A time the page prints as itself: 12:00 AM is read as "no time entered"."""
    moment = moment.replace(second=0)
    return moment.replace(minute=5) if moment.hour == 0 and moment.minute == 0 else moment


def _date_raw(story: Story) -> str:
    hour, minute = story.moment.hour, story.moment.minute
    shown = f"{(hour - 1) % 12 + 1:02d}:{minute:02d} {'AM' if hour < 12 else 'PM'}"
    if not story.has_time:
        shown = "12:00 AM"
    return f"{story.moment:%d/%m/%Y} | {shown}"


def _iso(story: Story) -> str:
    return story.moment.isoformat() if story.has_time else story.moment.date().isoformat()


def _thousands(number: int) -> str:
    """1.234: Vietnamese pages group thousands with dots."""
    return f"{number:,}".replace(",", ".")
