"""Kinds and titles on layouts the extractor was not tuned on (issue 12).

Each case is a family of pages, not one page: the same story rendered with its
title in different elements, the site's name on either side of `<title>`, and
"other news" lists of different lengths around it.
"""

from __future__ import annotations

import pytest

from archiver.extract import parse_page

SITE = "Cổng thông tin điện tử tỉnh Hòa Bình"
TITLE = "Tỉnh triển khai kế hoạch chuyển đổi số năm 2025 tại các xã vùng cao"
PARAS = [
    "Sáng 12/3, Ủy ban nhân dân tỉnh tổ chức hội nghị triển khai kế hoạch chuyển đổi số "
    "năm 2025, với sự tham dự của lãnh đạo các sở, ban, ngành và 151 xã, phường.",
    "Theo báo cáo, năm 2024 toàn tỉnh đã đưa 98% thủ tục hành chính lên môi trường mạng, "
    "tỷ lệ hồ sơ trực tuyến toàn trình đạt 62%, tăng 18% so với cùng kỳ năm trước.",
    "Phát biểu chỉ đạo, đồng chí Phó Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các địa phương "
    "tập trung hoàn thiện hạ tầng số, đào tạo kỹ năng số cho người dân vùng cao.",
    "Hội nghị cũng đã trao bằng khen cho 12 tập thể và 25 cá nhân có thành tích xuất sắc "
    "trong phong trào thi đua chuyển đổi số giai đoạn 2021 - 2024.",
]
OTHER = [f"Tin tức số {n}: hoạt động của các sở, ngành trong tuần thứ {n}" for n in range(12)]


def _page(title_html: str, head_title: str, related: int, *, crumb_h1: bool = False) -> str:
    crumb = '<h1 class="path"><a href="/">Trang chủ</a> » <a href="/tin-tuc">Tin tức</a></h1>'
    others = "".join(
        f'<li><a href="/tin-tuc/bai-{n}-{1000 + n}.html">{text}</a> (12/03/2025)</li>'
        for n, text in enumerate(OTHER[:related])
    )
    menu = "".join(f'<li><a href="/chuyen-muc-{n}">Chuyên mục {n}</a></li>' for n in range(20))
    return f"""<html><head><meta charset="utf-8"><title>{head_title}</title></head><body>
<div id="header"><a href="/"><img src="/logo.png" alt="{SITE}"></a>
<ul class="menu">{menu}</ul></div>
<div id="main">{crumb if crumb_h1 else ""}
<div class="detail">{title_html}
<div class="date">Ngày đăng: 12/03/2025 08:15</div>
{"".join(f"<p>{p}</p>" for p in PARAS)}
<p style="text-align:right"><strong>Minh Anh</strong></p></div>
<div class="other"><div class="other-title">Các tin khác</div><ul>{others}</ul></div>
</div><div id="footer">Bản quyền thuộc {SITE}</div></body></html>"""


TITLE_ELEMENTS = [
    f'<div class="news-title">{TITLE}</div>',
    f'<h1 class="title">{TITLE}</h1>',
    f'<h2 class="title-detail">{TITLE}</h2>',
    f'<span class="tieude">{TITLE}</span>',
    f"<table><tr><td><strong>{TITLE}</strong></td></tr></table>",
]
HEAD_TITLES = [f"{SITE} - {TITLE}", f"{TITLE} | {SITE}", f"{TITLE} - Hòa Bình", TITLE]


@pytest.mark.parametrize("related", [0, 5, 12])
@pytest.mark.parametrize("head_title", HEAD_TITLES)
@pytest.mark.parametrize("title_html", TITLE_ELEMENTS)
def test_a_story_with_other_news_is_an_article_with_its_own_title(
    title_html: str, head_title: str, related: int
) -> None:
    record = parse_page(_page(title_html, head_title, related), "http://hoabinh.sample/tin/a.html")
    assert record.kind == "article", record.kind_reason
    assert record.kind_reason is not None and record.kind_reason.startswith("article:")
    assert record.title == TITLE
    assert record.body is not None
    assert [p for p in record.body.split("\n\n")] == PARAS
    assert record.published == "2025-03-12T08:15:00+07:00"


@pytest.mark.parametrize("title_html", TITLE_ELEMENTS[:3])
def test_a_breadcrumb_h1_is_never_the_title(title_html: str) -> None:
    page = _page(title_html, f"{SITE} - {TITLE}", 8, crumb_h1=True)
    record = parse_page(page, "http://hoabinh.sample/tin/a.html")
    assert (record.kind, record.title) == ("article", TITLE)


def test_the_site_name_in_a_logo_h1_is_never_the_title() -> None:
    page = _page(f'<div class="news-title">{TITLE}</div>', f"{TITLE} - {SITE}", 8).replace(
        '<div id="header">', f'<div id="top"><h1 class="logo">{SITE}</h1></div><div id="header">'
    )
    record = parse_page(page, "http://hoabinh.sample/tin/a.html")
    assert (record.kind, record.title) == ("article", TITLE)


def test_a_section_with_a_notice_stays_a_listing() -> None:
    """A section page whose only prose is one notice paragraph is the list, not a story."""
    items = "".join(
        f'<div class="item"><h3><a href="/tin-tuc/bai-{n}-{1000 + n}.html">{t}</a></h3>'
        f"<span>12/03/2025</span></div>"
        for n, t in enumerate(OTHER[:10])
    )
    page = f"""<html><head><title>Tin tức - {SITE}</title></head><body>
<div id="main"><div class="list">{items}</div></div>
<div class="intro"><p>{" ".join(PARAS)}</p></div></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin-tuc")
    assert record.kind == "listing", record.kind_reason
    assert record.kind_reason is not None and record.kind_reason.startswith("listing:")
    assert len(record.links.articles) == 10


COMMENTS = [
    "Bạn đọc Nguyễn Văn A: Tôi rất đồng tình với chủ trương này, mong tỉnh sớm triển khai "
    "đồng bộ ở các xã vùng sâu, vùng xa để người dân được hưởng lợi từ chuyển đổi số.",
    "Bạn đọc Trần Thị B: Cần quan tâm hơn nữa tới việc đào tạo cán bộ cấp xã, vì nhiều nơi "
    "vẫn còn lúng túng khi hướng dẫn người dân nộp hồ sơ trực tuyến trên cổng dịch vụ công.",
    "Bạn đọc Lê Văn C: Đề nghị tỉnh công khai kết quả xếp hạng chuyển đổi số của từng xã "
    "hằng quý để các địa phương thi đua, học hỏi kinh nghiệm lẫn nhau trong thời gian tới.",
]


@pytest.mark.parametrize("shape", ["br", "span", "font", "div"])
def test_a_story_without_paragraph_tags_beats_the_comments_under_it(shape: str) -> None:
    """The first pass counts <p>s, and here only the comments have them: the story,
    written as lines between <br>s or in inline blocks, must still be the body."""
    if shape == "br":
        story = "<br><br>".join(PARAS)
    else:
        story = "".join(f"<{shape}>{p}</{shape}><br>" for p in PARAS)
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body>
<table><tr><td class="content"><b class="t">{TITLE}</b><br>{story}</td></tr></table>
<div class="comments">{"".join(f"<p>{c}</p>" for c in COMMENTS)}</div></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin/a.html")
    assert record.kind == "article", record.kind_reason
    assert record.title == TITLE
    assert record.body is not None
    assert record.body.split("\n\n") == PARAS


def test_a_malformed_link_between_the_title_and_the_story_costs_nothing() -> None:
    """Links between a heading and its prose are resolved to weigh them; one that is
    no URL at all ("http://[cdn]/x") must not cost the page."""
    share = "".join(f'<a href="http://[cdn{n}]/share">Chia sẻ {n}</a>' for n in range(8))
    page = _page(f'<h1 class="title">{TITLE}</h1><div class="share">{share}</div>',
                 f"{TITLE} - {SITE}", 12)  # fmt: skip
    page = page.replace("".join(f"<p>{p}</p>" for p in PARAS[2:]), "")  # a short story
    record = parse_page(page, "http://hoabinh.sample/tin/a.html")
    assert (record.kind, record.title) == ("article", TITLE), record.kind_reason
    assert record.body is not None and record.body.split("\n\n") == PARAS[:2]


LEAD = "Tỉnh đặt mục tiêu đến cuối năm 2025, 100% xã vùng cao có hạ tầng số đồng bộ."


@pytest.mark.parametrize("lead_class", ["chapo", "article-intro", "standfirst", "news-lead"])
def test_a_lead_shown_in_its_own_block_is_the_summary(lead_class: str) -> None:
    """The lead between the heading and the body, named by its class, is the story's
    summary even where the page declares another description."""
    page = _page(
        f'<h1 class="title">{TITLE}</h1><div class="{lead_class}">{LEAD}</div>',
        f"{TITLE} - {SITE}",
        5,
    ).replace("<head>", '<head><meta name="description" content="Cổng thông tin tỉnh">')
    record = parse_page(page, "http://hoabinh.sample/tin/a.html")
    assert record.summary == LEAD
    assert record.body is not None and LEAD not in record.body


def test_a_date_line_named_like_a_lead_is_not_the_summary() -> None:
    """A teaser's meta line ("c-teaser__meta": "Erschienen am <time>") between the
    heading and the body is its date, not its lead: the declared description stays."""
    meta = (
        '<p class="c-teaser__meta">Ngày đăng <time datetime="2025-03-12">12/03/2025</time>'
        " trong chuyên mục Tin tức - Sự kiện của tỉnh</p>"
    )
    page = _page(f'<h1 class="title">{TITLE}</h1>{meta}', f"{TITLE} - {SITE}", 5).replace(
        "<head>", f'<head><meta name="description" content="{LEAD}">'
    )
    record = parse_page(page, "http://hoabinh.sample/tin/a.html")
    assert record.summary == LEAD


@pytest.mark.parametrize("stated", [True, False])
@pytest.mark.parametrize("tag", ["div", "span", "p"])
def test_a_title_shown_in_a_plain_element_anchors_the_byline(tag: str, stated: bool) -> None:
    """A page that shows its title in an element of no telling name, stated by
    og:title or only by its <title> beside the site's name: that element is still
    the title's, and the byline printed after the body's block (in an element named
    "author") is read from there."""
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    og = f'<meta property="og:title" content="{TITLE}">' if stated else ""
    page = f"""<html><head><title>{SITE} - {TITLE}</title>
{og}</head><body><div id="header">{SITE}</div>
<div class="news-detail"><{tag}>{TITLE}</{tag}><div class="date">Ngày đăng: 12/03/2025</div>
<div class="content">{paras}</div><div class="author">Đức Anh</div></div></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin/a.html")
    assert (record.title, record.author) == (TITLE, "Đức Anh"), record.kind_reason


@pytest.mark.parametrize("home", ["Trang chủ", "Home", "TRANG CHỦ »"])
@pytest.mark.parametrize("body_html", ["paragraphs", "lines"])
def test_a_breadcrumb_list_no_class_names_stays_out_of_the_body(home: str, body_html: str) -> None:
    """A trail written as a plain list, one crumb an item, inside the story's block:
    no crumb is body text, however the story's text is written."""
    crumbs = (
        f'<ul><li><a href="/">{home}</a></li><li><a href="/tin-tuc">Tin tức - Sự kiện</a></li>'
        f'<li><span class="active">{TITLE}</span></li></ul>'
    )
    text = (
        "".join(f"<p>{p}</p>" for p in PARAS) if body_html == "paragraphs" else "<br>".join(PARAS)
    )
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body>
<div id="header">{SITE}</div><div class="story">{crumbs}<h1>{TITLE}</h1>
<div class="date">Ngày đăng: 12/03/2025</div><div class="text">{text}</div></div></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin/a.html")
    assert record.body is not None and record.body.split("\n\n") == PARAS, record.kind_reason


def test_a_lead_that_is_all_the_text_stays_the_body() -> None:
    """A page whose only prose is a paragraph classed "lead" keeps it as its body."""
    text = " ".join(PARAS[:2])
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body><div class="main">
<div class="row"><div class="col-md-9"><h1>{TITLE}</h1><p class="lead">{text}</p></div>
</div></div></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/gioi-thieu.html")
    assert (record.kind, record.body) == ("article", text), record.kind_reason


@pytest.mark.parametrize("odd", ['"', "\\", '\\"', "\x00", "a)b'c", "*/ { }"])
def test_any_text_in_a_title_is_looked_up_safely(odd: str) -> None:
    """The title is looked up in the page by its text; quotes, backslashes and other
    odd characters in it never cost the page."""
    title = f"Tỉnh triển khai {odd} kế hoạch chuyển đổi số năm 2025"
    page = f"""<html><head><title>{SITE} - {title}</title></head><body>
<div class="box"><div>{title}</div>{"".join(f"<p>{p}</p>" for p in PARAS)}</div></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin/b.html")
    assert record.kind == "article", record.kind_reason
    assert record.body is not None and record.body.split("\n\n") == PARAS


# Wrapper names that hold a widget's word inside another word, or a widget's word that
# means something else where it stands: none of them is a widget.
WRAPPER_NAMES = [
    "APageRoot__Sections",  # "pager" across camelCase words
    "field field-name-body field-type-text-with-summary",  # Drupal's body field
    "blueprint-layout",
    "decorating-ideas",  # "rating" inside a word
    "post no-share no-comments",  # a post that has neither
    "col-md-6 print-full",  # how the block prints, not a print button
    "kb-tip-print-step",
    "contentContainer teaser_287866",  # a module numbered by its CMS, not a teaser box
]


@pytest.mark.parametrize("names", WRAPPER_NAMES)
def test_a_wrapper_named_like_a_widget_inside_a_word_keeps_its_story(names: str) -> None:
    """Short widget words (pager, print, summary, share) count where a name's word
    starts: a story wrapped in such a block is read, not dropped as a widget."""
    head, tail = ("".join(f"<p>{p}</p>" for p in part) for part in (PARAS[:2], PARAS[2:]))
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body>
<div class="page"><h1>{TITLE}</h1><div class="story">{head}
<div class="{names}"><div class="inner">{tail}</div></div></div>
<div class="aside"><p>{SITE}</p></div></div></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin/c.html")
    assert record.kind == "article", record.kind_reason
    assert record.body is not None and record.body.split("\n\n") == PARAS


@pytest.mark.parametrize("depth", [1, 2, 4])
def test_a_story_split_into_deep_sections_is_read_whole(depth: int) -> None:
    """Page builders wrap each part of a story in its own stack of section, row and
    column blocks: the body is every section's prose, not the first section's."""

    def section(texts: list[str]) -> str:
        inner = "".join(f"<p>{text}</p>" for text in texts)
        return '<div class="section"><div class="row">' * depth + inner + "</div></div>" * depth

    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body>
<div id="nav"><a href="/">Trang chủ</a></div><main><h1>{TITLE}</h1>
<div class="sections">{section(PARAS[:2])}{section(PARAS[2:])}</div></main>
<div id="footer">{SITE}</div></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin/d.html")
    assert record.kind == "article", record.kind_reason
    assert record.body is not None and record.body.split("\n\n") == PARAS


NOTICE = [
    "Bạn chưa đăng nhập vào hệ thống của cổng thông tin điện tử.",
    "Các thay đổi của bạn vẫn được lưu lại nhưng có thể mất bất cứ lúc nào.",
]


@pytest.mark.parametrize("where", ["before", "after"])
def test_a_family_marker_on_another_site_does_not_pick_its_popup(where: str) -> None:
    """A site that shares a CMS family's class names (here the Umbraco-like
    "news-detail") in a popup is not that CMS: the story elsewhere is the body."""
    popup = f"""<div class="news-detail popup"><div class="content">
{"".join(f"<p>{p}</p>" for p in NOTICE)}</div></div>"""
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body>
{popup if where == "before" else ""}
<div class="main"><h1>{TITLE}</h1><div class="text">
{"".join(f"<p>{p}</p>" for p in PARAS)}</div></div>{popup if where == "after" else ""}
</body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin/e.html")
    assert record.kind == "article", record.kind_reason
    assert record.body is not None and record.body.split("\n\n") == PARAS


@pytest.mark.parametrize("pictures", [3, 6])
def test_a_gallery_keeps_its_pictures_and_words(pictures: int) -> None:
    """A photo gallery is content too: its short text and its pictures are kept
    with the record, whatever its kind."""
    words = "Một số hình ảnh tại hội nghị chuyển đổi số tỉnh năm 2025."
    shots = "".join(f'<img src="/anh/{n}.jpg" alt="">' for n in range(pictures))
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body>
<div class="gallery"><h1>{TITLE}</h1><p>{words}</p>{shots}</div></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/anh/a.html")
    assert (record.kind, record.other_kind) == ("other", "gallery"), record.kind_reason
    assert record.body == words
    assert [i.url for i in record.images] == [
        f"http://hoabinh.sample/anh/{n}.jpg" for n in range(pictures)
    ]


@pytest.mark.parametrize("shown", [0, 1])
def test_a_declared_story_behind_a_paywall_is_an_article(shown: int) -> None:
    """A story whose JSON-LD names it a NewsArticle under the page's own title is an
    article even when a paywall shows a line of it beside twelve "most read" links."""
    ld = f'{{"@type": "NewsArticle", "headline": "{TITLE}", "datePublished": "2025-03-12"}}'
    most_read = "".join(
        f'<li><a href="/tin-tuc/bai-{n}-{1000 + n}.html">{text}</a></li>'
        for n, text in enumerate(OTHER)
    )
    line = f"<p>{PARAS[0][:80]}</p>" if shown else ""
    page = f"""<html><head><title>{TITLE} - {SITE}</title>
<script type="application/ld+json">{ld}</script></head><body>
<div class="post"><h1>{TITLE}</h1><div class="content">{line}
<div class="paywall">Đăng ký để đọc tiếp</div></div></div>
<div class="most-read"><h3>Đọc nhiều</h3><ul>{most_read}</ul></div></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin/f.html")
    assert (record.kind, record.title) == ("article", TITLE), record.kind_reason
    assert record.published is not None and record.published.startswith("2025-03-12")


def test_an_archived_copy_is_read_without_the_wayback_toolbar() -> None:
    """A portal that is gone may be archived from the Wayback Machine's copy: the
    toolbar it injects (its "collected by" notes are paragraphs of prose) is chrome."""
    notes = "".join(
        f"<p>Collection {n}: this crawl was run by the Internet Archive on behalf of "
        f"partners who preserve public web sites; see the collection page for more.</p>"
        for n in range(3)
    )
    toolbar = f"""<div id="wm-ipp-base"><div id="wm-ipp"><div id="wm-ipp-inside">
<div id="wm-capinfo"><div id="wm-capinfo-collected-by"><div id="wm-collected-by-content">
<div>{notes}</div></div></div></div></div></div></div>"""
    page = _page(f'<h1 class="title">{TITLE}</h1>', f"{TITLE} - {SITE}", 8)
    page = page.replace("".join(f"<p>{p}</p>" for p in PARAS[2:]), "")  # a short story
    page = page.replace("<body>", f"<body>{toolbar}")
    record = parse_page(page, "https://web.archive.org/web/2024/http://hoabinh.sample/tin/g.html")
    assert record.kind == "article", record.kind_reason
    assert record.body is not None and record.body.split("\n\n") == PARAS[:2]


@pytest.mark.parametrize(
    ("shown", "declared"),
    [
        ("Phát động phong trào “Chung tay vì người nghèo” năm 2025",
         'Phát động phong trào "Chung tay vì người nghèo" năm 2025'),
        ("« Les privatisations sont au profit d’intérêts privés »",
         "&#171; Les privatisations sont au profit d&#039;intérêts privés &#187;"),
        ("Kế hoạch 2025 – 2030 của tỉnh về chuyển đổi số",
         "Kế hoạch 2025 - 2030 của tỉnh về chuyển đổi số"),
    ],
)  # fmt: skip
def test_a_heading_agrees_with_its_title_whatever_the_typography(shown: str, declared: str) -> None:
    """Curly and straight quotes, guillemets and dashes differ between a page's
    heading and its <title>: the heading still agrees, so it is the title element
    and a short story under it, beside a list of other news, is an article."""
    page = _page(f"<h1>{shown}</h1>", f"{declared} - {SITE}", 8)
    page = page.replace("".join(f"<p>{p}</p>" for p in PARAS[2:]), "")  # a short story
    page = page.replace("<head>", f'<head><meta property="og:title" content="{declared}">')
    record = parse_page(page, "http://hoabinh.sample/tin/h.html")
    assert (record.kind, record.title) == ("article", shown), record.kind_reason


@pytest.mark.parametrize("links", [30, 80])
def test_a_link_box_inside_the_story_wrapper_does_not_make_it_a_list(links: int) -> None:
    """A "most read" slider placed inside the story's own wrapper may hold more link
    text than the story: the wrapper is still the body, read without the box."""
    box = "".join(
        f'<li><a href="/tin-tuc/bai-{n}.html">{OTHER[n % len(OTHER)]} ({n})</a></li>'
        for n in range(links)
    )
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body>
<div class="wrap"><div class="story">{"".join(f"<p>{p}</p>" for p in PARAS)}
<div class="box"><ul>{box}</ul></div></div></div></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin/i.html")
    assert record.kind == "article", record.kind_reason
    assert record.body is not None and record.body.split("\n\n") == PARAS


CAPTIONS = ["Hội trường tỉnh, sáng 12/3.", "Đại biểu dự hội nghị.", "Trao bằng khen."]


def _short_story(body_class: str, head: str = "", lines: str = "") -> str:
    """A story of short lines (a photo post's captions, unless `lines` says otherwise)
    beside a sidebar of recent posts and a link to the next post."""
    recent = "".join(f'<li><a href="/{2025}/03/bai-{n}/">{OTHER[n]}</a></li>' for n in range(6))
    lines = lines or "".join(f'<p><img src="/anh/{n}.jpg" alt=""></p><p>{c}</p>'
                             for n, c in enumerate(CAPTIONS))  # fmt: skip
    return f"""<html><head><title>{TITLE} - {SITE}</title>{head}</head>
<body class="{body_class}"><div id="page"><main><article class="post">
<h1 class="entry-title">{TITLE}</h1><div class="entry-content">{lines}</div>
<nav class="post-nav"><a rel="next" href="/2025/03/bai-sau/">Bài sau »</a></nav>
</article></main><aside class="sidebar"><h2>Bài mới</h2><ul>{recent}</ul></aside>
</div></body></html>"""


@pytest.mark.parametrize(
    "body_class",
    [
        "post-template-default single single-post postid-1837",
        "page-template-default page page-id-2298",
        "view-article",
    ],
)
def test_a_single_post_of_short_lines_is_an_article_with_its_lines(body_class: str) -> None:
    """The CMS names the page of one post or static page by its <body> classes
    (WordPress, Joomla): a photo post of captions beside a sidebar is that post, not a
    listing."""
    record = parse_page(_short_story(body_class), "http://hoabinh.sample/2025/03/anh/")
    assert (record.kind, record.title) == ("article", TITLE), record.kind_reason
    assert record.body is not None
    assert [line for line in CAPTIONS if line in record.body] == CAPTIONS


LINK_NOTES = [
    ("Báo cáo chuyển đổi số năm 2024", "tóm tắt của Sở Thông tin"),
    ("Kế hoạch phát triển du lịch", "qua Báo Hòa Bình"),
    ("Danh sách xã đạt chuẩn nông thôn mới", "qua Cổng thông tin"),
    ("Lịch tiếp công dân tháng 3", "văn phòng Ủy ban"),
]


@pytest.mark.parametrize(
    ("outer", "inner"), [("ul", "li"), ("div", "div"), ("ol", "li")], ids=["ul", "div", "ol"]
)
def test_a_post_that_is_a_list_of_links_keeps_them(outer: str, inner: str) -> None:
    """A link roll (each item a link and a note on it) is the whole of a single post:
    its links are its text, though a box of links inside a story is dropped."""
    roll = "".join(
        f'<{inner}><p><a href="https://tin.example/{n}">{link}</a></p><p>{note}</p></{inner}>'
        for n, (link, note) in enumerate(LINK_NOTES)
    )
    wrapped = f"<{outer}>{roll}</{outer}>"
    page = _short_story("post-template-default single single-post", lines=wrapped)
    record = parse_page(page, "http://hoabinh.sample/2025/03/lien-ket/")
    assert (record.kind, record.title) == ("article", TITLE), record.kind_reason
    body = record.body or ""
    assert [text for pair in LINK_NOTES for text in pair if text not in body] == []


DESCRIPTION = (
    "Phóng sự ghi lại hành trình đưa nước sạch về các xã vùng cao của tỉnh trong mùa khô, "
    "với những công trình do người dân cùng góp công xây dựng."
)


def _video_page(head: str) -> str:
    """A news clip's page: the player, one line of description, and a rail of other
    clips from the same programme."""
    rail = "".join(
        f'<li><a href="/video/{n}-clip.html">{OTHER[n]}</a><span>03:1{n % 10}</span></li>'
        for n in range(12)
    )
    return f"""<html><head><title>{TITLE} | Video | {SITE}</title>{head}</head><body>
<div class="player"><div class="video-frame" data-src="/media/clip.mp4"></div>
<div class="info"><h1>{TITLE}</h1><p class="description">{DESCRIPTION}</p></div></div>
<div class="rail"><h2>Video khác</h2><ul>{rail}</ul></div></body></html>"""


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="og:type" content="video.other">'
        f'<meta property="og:title" content="{TITLE}"><meta property="og:video" content="/v.mp4">',
        f'<meta property="og:title" content="{TITLE}"><meta property="og:type" content="video">'
        '<meta property="og:video:url" content="/v.mp4">',
        '<script type="application/ld+json">'
        f'{{"@type": "VideoObject", "name": "{TITLE}"}}</script>',
    ],
    ids=["og-video-other", "og-video", "ld-video"],
)
def test_a_video_page_is_one_story_with_its_description(head: str) -> None:
    """A page that says it shows one video under its title is that clip's story (its
    description is the text), not a list of the other clips beside it."""
    record = parse_page(_video_page(head), "http://hoabinh.sample/video/nuoc-sach.html")
    assert (record.kind, record.title) == ("article", TITLE), record.kind_reason
    assert record.body == DESCRIPTION


@pytest.mark.parametrize("clip", ["", '<meta property="og:video" content="/v.mp4">'])
def test_a_video_section_stays_a_listing(clip: str) -> None:
    """A section of clips typed as video declares no single clip: it names no video, or
    its Open Graph title is not the one the page shows."""
    og_title = "Video" if not clip else "Video nổi bật"
    head = '<meta property="og:type" content="video.other">'
    head += f'<meta property="og:title" content="{og_title}">'
    page = _video_page(head + clip).replace(
        f'<h1>{TITLE}</h1><p class="description">{DESCRIPTION}</p>', "<h1>Video</h1>"
    )
    assert "Phóng sự" not in page
    assert parse_page(page, "http://hoabinh.sample/video/").kind == "listing"


QUESTION = [
    "Chào mọi người, từ khi cập nhật phần mềm mới, điện thoại của tôi không tải được ứng "
    "dụng nào qua mạng di động, chỉ tải được khi bắt wifi ở nhà.",
    "Tôi đã thử khởi động lại máy và cài đặt lại mạng nhưng vẫn vậy. Có ai gặp trường hợp "
    "này và biết cách khắc phục không?",
]
REPLIES = [f"Trả lời {n}: bạn thử vào phần cài đặt dữ liệu di động xem đã bật chưa nhé." * 2
           for n in range(5)]  # fmt: skip


def _thread(body_attrs: str, post: str, *, head: str = "") -> str:
    """A forum thread: its title, the opening post in a comment-named block like every
    reply after it, and a login notice."""
    replies = "".join(
        f'<div class="comment"><div class="comment-author">user{n}</div>'
        f'<div class="comment-text">{text}</div></div>'
        for n, text in enumerate(REPLIES)
    )
    return f"""<html><head><title>{TITLE} - Diễn đàn</title>{head}</head>
<body {body_attrs}><div id="content"><div class="breadcrumb">Diễn đàn › Hỏi đáp</div>
<h2 class="title">{TITLE}</h2><div class="comment first"><div class="comment-author">an</div>
<div class="comment-text">{post}</div></div>{replies}
<p class="notice">Bạn phải đăng nhập để tham gia thảo luận.</p></div></body></html>"""


@pytest.mark.parametrize(
    ("body_attrs", "head"),
    [
        ('class="Forum Forum_discussion"', ""),
        ('id="phpbb" class="section-viewtopic"', ""),
        ("", '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>'),
    ],
    ids=["class", "phpbb", "ld"],
)
@pytest.mark.parametrize("lines", ["br", "p"])
def test_a_forum_threads_opening_post_is_its_text(body_attrs: str, head: str, lines: str) -> None:
    """On a thread's page every post is a comment: the opening post is the text, the
    replies after it are not."""
    post = "<br>".join(QUESTION) if lines == "br" else "".join(f"<p>{q}</p>" for q in QUESTION)
    record = parse_page(_thread(body_attrs, post, head=head), "http://hoabinh.sample/f/t/12")
    assert (record.kind, record.title) == ("article", TITLE), record.kind_reason
    assert record.body == "\n\n".join(QUESTION)


def test_comments_under_a_story_of_no_prose_are_never_its_text() -> None:
    """Without a forum's word for the page, comments stay out of the body."""
    post = "<br>".join(QUESTION)
    record = parse_page(_thread('class="single"', post), "http://hoabinh.sample/f/t/12")
    assert QUESTION[0] not in (record.body or "")


def test_a_declared_recipe_of_short_steps_is_an_article() -> None:
    """A JSON-LD Recipe (or article, or blog post) named by the page's own title says
    the page is one story, however short its lines."""
    ld = f'<script type="application/ld+json">{{"@type": "Recipe", "name": "{TITLE}"}}</script>'
    record = parse_page(_short_story("home", ld), "http://hoabinh.sample/mon-an/banh/")
    assert (record.kind, record.title) == ("article", TITLE), record.kind_reason


def _story_then(after: str) -> str:
    return f"""<html><head><title>{TITLE} - {SITE}</title></head><body><div class="page">
<h1>{TITLE}</h1><div class="text">{"".join(f"<p>{p}</p>" for p in PARAS)}{after}</div>
</div></body></html>"""


TEASERS = "".join(f'<p><a href="/tin/{n}.html">{OTHER[n]}</a></p>' for n in range(3))


@pytest.mark.parametrize(
    "heading", ["Das könnte Sie auch interessieren", "Read more:", "À lire aussi", "Đọc thêm"]
)
def test_a_closing_heading_of_other_stories_ends_the_body(heading: str) -> None:
    """A heading over other stories at the story's end, in any of the sets' languages,
    ends the body; its teasers are not the story's."""
    record = parse_page(_story_then(f"<p>{heading}</p>{TEASERS}"), "http://hoabinh.sample/a")
    assert record.body is not None and record.body.split("\n\n") == PARAS


def test_the_same_heading_over_a_box_inside_the_story_cuts_nothing() -> None:
    """'Read more' over a box of links between two parts of the story: the story's
    prose after the box is kept."""
    page = _story_then(f"<p>Read more</p>{TEASERS}<p>{PARAS[0]} (tiếp)</p>")
    record = parse_page(page, "http://hoabinh.sample/a")
    assert record.body is not None and record.body.endswith(f"{PARAS[0]} (tiếp)")


@pytest.mark.parametrize(
    "labels",
    [
        ["Diesen Artikel teilen", "Tags:"],
        ["Partager", "Retour"],
        ["Möchten Sie den Artikel teilen?", "Facebook", "Twitter", "zurück zur Übersicht"],
        ["Posted by Anna at 10:15", "No comments:", "Labels: travel"],
    ],
)
def test_a_closing_toolbar_is_not_the_end_of_the_story(labels: list[str]) -> None:
    """Share, tag and back labels at the foot of the story are dropped from it."""
    after = "".join(f"<p>{label}</p>" for label in labels)
    record = parse_page(_story_then(after), "http://hoabinh.sample/a")
    assert record.body is not None and record.body.split("\n\n") == PARAS


@pytest.mark.parametrize("wrapper", ["paywall", "article-rest"])
def test_opening_paragraphs_beside_the_wrapper_of_the_rest_are_the_story(wrapper: str) -> None:
    """A paywall or an ad slot wraps the rest of a story and leaves its opening
    paragraphs outside: they are the story's too."""
    ad = '<div class="ad-slot"><script>window.ads = window.ads || [];</script></div>'
    rest = "".join(f"<p>{p}</p>" for p in PARAS[2:]) * 3
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body>
<div class="page"><h1>{TITLE}</h1><div class="read"><p>{PARAS[0]}</p>{ad}<p>{PARAS[1]}</p>
<div class="{wrapper}">{rest}</div></div></div>
<div class="footer-links">{"".join(f'<a href="/{n}">Liên kết {n}</a>' for n in range(5))}</div>
</body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin/j.html")
    assert record.body is not None
    assert record.body.split("\n\n")[:2] == PARAS[:2]


def test_a_page_that_scrolls_on_to_longer_stories_keeps_its_own() -> None:
    """Infinite scroll renders the next stories, each longer, under the page's own:
    the story whose heading is the page's title is the body."""

    def story(paras: list[str]) -> str:
        inner = "".join(f"<p>{p}</p>" for p in paras)
        return f'<article class="entry"><div class="entry-text">{inner}</div></article>'

    others = "".join(
        f"<h2>{OTHER[n]}</h2>{story([f'{p} ({n}.{k})' for k in range(2) for p in PARAS])}"
        for n in range(6)
    )
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body><main>
<article class="entry"><h1>{TITLE}</h1><div class="entry-text">
{"".join(f"<p>{p}</p>" for p in PARAS[:2])}</div></article>{others}</main></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin/k.html")
    assert record.title == TITLE
    assert record.body is not None and record.body.split("\n\n") == PARAS[:2]


DISCLAIMER = [
    "Trang thông tin này được xây dựng nhằm cung cấp thông tin tham khảo cho bạn đọc; "
    f"mọi nội dung trích dẫn lại xin ghi rõ nguồn {SITE} và đường dẫn của bài viết gốc.",
] * 4


def test_a_microformat_entry_beats_a_longer_sidebar_text_box() -> None:
    """A blog post marked as an hAtom entry ("hentry") is the story, even beside a
    sidebar box of longer disclaimer prose and with no <article> element."""
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body><div id="wrapper">
<div class="content"><div class="post hentry"><h2 class="entry-title">{TITLE}</h2>
{"".join(f"<p>{p}</p>" for p in PARAS[:2])}</div></div>
<div id="sidebar"><div class="widget widget_text">{"".join(f"<p>{p}</p>" for p in DISCLAIMER)}
</div></div></div></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/2025/03/bai/")
    assert record.body is not None and record.body.split("\n\n") == PARAS[:2]


def test_a_quotation_is_never_the_whole_story() -> None:
    """A post of a few short lines around a longer quotation: the post, quotation
    included, is the body, not the quotation alone."""
    lines = ["Một bài thơ hay về mùa xuân quê hương.", "Mời bạn đọc cùng thưởng thức.",
             "Bài thơ dài hai mươi phút đọc."]  # fmt: skip
    quote = "".join(f"<p>{p}</p>" for p in DISCLAIMER[:2])
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body><div class="main">
<h1>{TITLE}</h1><div class="text"><p>{lines[0]}</p><p>{lines[1]}</p>
<blockquote>{quote}</blockquote><p>{lines[2]}</p></div></div></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/2025/03/bai/")
    assert record.body is not None
    assert record.body.split("\n\n") == [*lines[:2], *DISCLAIMER[:2], lines[2]]


def test_a_list_of_details_that_names_a_category_is_kept() -> None:
    """Short lines of details at a story's end ("Kategorie: Erste Versuche", then the
    camera and the lens) are the story's, not a toolbar."""
    details = ["Detailangaben", "Kategorie: Erste Versuche", "Art der Aufnahme: Digitalfoto",
               "Optik: Teleobjektiv", "Ort: Kasberg im Frankenland"]  # fmt: skip
    after = "".join(f"<p>{line}</p>" for line in details)
    record = parse_page(_story_then(after), "http://hoabinh.sample/a")
    assert record.body is not None and record.body.split("\n\n") == PARAS + details


def test_a_story_shipped_in_a_template_script_is_read() -> None:
    """Blogger's Google blogs ship the post as markup in a `text/template` script
    under the element microdata names the article body: that markup is the body."""
    story = "".join(f"<p>{p}</p>" for p in PARAS)
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body>
<div class="post" itemscope itemtype="http://schema.org/BlogPosting">
<h2 class="title" itemprop="name">{TITLE}</h2>
<div class="post-body"><div class="post-content" itemprop="articleBody">
<script type="text/template">{story}</script><noscript>{PARAS[0][:40]}</noscript>
</div></div></div></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/2025/03/bai.html")
    assert (record.kind, record.title) == ("article", TITLE), record.kind_reason
    assert record.body is not None and record.body.split("\n\n") == PARAS


def test_a_declared_recipe_beside_a_list_of_other_recipes_is_an_article() -> None:
    """A recipe page of short steps under a strip of links to other recipes: its
    JSON-LD Recipe under the page's title says it is one story, not a listing."""
    steps = ["Trộn bột với đường và bơ cho đến khi mịn.", "Thêm trứng, trộn đều rồi để nghỉ.",
             "Nướng hai mươi phút ở một trăm tám mươi độ cho đến khi vàng đều."]  # fmt: skip
    ld = f'<script type="application/ld+json">{{"@type": "Recipe", "name": "{TITLE}"}}</script>'
    more = "".join(f'<li><a href="/mon-an/{n}.html">{OTHER[n]}</a></li>' for n in range(6))
    page = f"""<html><head><title>{TITLE} - {SITE}</title>{ld}</head><body><main>
<h1>{TITLE}</h1><div class="more"><h3>Món khác</h3><ul>{more}</ul></div>
<ol class="steps">{"".join(f"<li><p>{s}</p></li>" for s in steps)}</ol></main></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/mon-an/banh.html")
    assert (record.kind, record.title) == ("article", TITLE), record.kind_reason


@pytest.mark.parametrize("hook", ["js-truncate-related-to-my-size", "js-comment-count"])
def test_a_script_hook_class_does_not_make_the_story_a_widget(hook: str) -> None:
    """Classes named "js-..." hook a script; "related" or "comment" inside one does
    not make the story's wrapper a box of other stories or comments."""
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body><main>
<h1>{TITLE}</h1><section class="article__content {hook}"><div class="article-body">
{"".join(f"<p>{p}</p>" for p in PARAS)}</div></section>
<div class="footer-note"><p>{DISCLAIMER[0]}</p></div></main></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin/l.html")
    assert record.body is not None and record.body.split("\n\n") == PARAS


DEK = LEAD.rstrip(".")
META = '<div class="meta">12/03/2025 08:15</div>'


@pytest.mark.parametrize(
    ("between", "summary"),
    [
        (f"{META}<p>{LEAD}</p>", LEAD),
        (f"{META}<h2>{LEAD}</h2>", LEAD),
        (f"{META}<div>{LEAD}</div>", LEAD),
        # a dek right under the heading seldom ends with a full stop
        (f"<h2>{DEK}</h2>{META}", DEK),
    ],
)
def test_an_unnamed_lead_between_the_heading_and_the_body_is_the_summary(
    between: str, summary: str
) -> None:
    """A lead in a plain element of its own between the heading and the body's
    block (no class names it) is the story's summary; the body stays whole."""
    page = f"""<html><head><title>{TITLE} - {SITE}</title>
<meta name="description" content="{SITE}"></head><body><main><article>
<h1>{TITLE}</h1>{between}
<div class="text">{"".join(f"<p>{p}</p>" for p in PARAS)}</div></article></main>
</body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin/m.html")
    assert record.summary == summary
    assert record.body is not None and record.body.split("\n\n") == PARAS


def test_the_first_paragraph_of_the_body_is_not_taken_for_an_unnamed_lead() -> None:
    """Without a block of its own, the story's first paragraph stays in the body."""
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body><main>
<div class="text"><h1>{TITLE}</h1>{"".join(f"<p>{p}</p>" for p in PARAS)}</div></main>
</body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin/n.html")
    assert record.body is not None and record.body.split("\n\n") == PARAS


def test_an_article_box_in_the_footer_is_not_the_story() -> None:
    """A footer's own `<article>` boxes (about the school, contacts) may hold more
    text than a short page: they are chrome, not the story."""
    box = "".join(f"<p>{p} ({n})</p>" for n, p in enumerate(DISCLAIMER * 2))
    boxes = f'<article class="widget">{box}</article>' * 2
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body><div class="root">
<section class="content"><article class="page"><h1>{TITLE}</h1>
<p>{PARAS[0]}</p></article></section>
<footer><section class="widgets">{boxes}</section></footer></div></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/gioi-thieu/l.html")
    assert record.body == PARAS[0]


def test_the_titles_story_wins_over_a_much_longer_next_one() -> None:
    """A scrolled-on next story six times as long does not outweigh the one whose
    heading is the page's title, once that holds a story's worth of prose."""
    longer = "".join(f"<p>{p} ({n})</p>" for n in range(6) for p in PARAS)
    page = f"""<html><head><title>{TITLE} - {SITE}</title></head><body><main>
<article class="entry"><h1>{TITLE}</h1><div class="entry-text">
{"".join(f"<p>{p}</p>" for p in PARAS)}</div></article>
<article class="entry"><h1>{OTHER[0]}</h1><div class="entry-text">{longer}</div></article>
</main></body></html>"""
    record = parse_page(page, "http://hoabinh.sample/tin/p.html")
    assert record.title == TITLE
    assert record.body is not None and record.body.split("\n\n") == PARAS
