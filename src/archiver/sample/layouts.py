"""A seeded layout randomiser: sample articles and listings rendered through a
grammar of the markup idioms of real provincial portals, the truth kept exact.

A `Layout` is one independent choice per entry of `CHOICES` (title element,
breadcrumb and its class, separators, section and last crumb, date line in every
format of DOMAIN.md and where it stands, view counter's label, grouping and place,
byline's form and place, body shape, captions, lazy images, related lists,
sidebars, <base href>, CMS family chrome, listing items, pager...),
drawn from `random.Random(seed)`; the first option of each is the plainest, so
a shrinking property test ends on the idiom that matters. Adding a choice
changes what every seed draws.

`article_case(seed)` / `listing_case(seed)` give a page and what an ideal
extractor reads from it; `layout_site(seed, ...)` is a whole site with one
layout, served by `SamplePortal(layout_seeds=...)`. From a shell:

    python -m archiver.sample.layouts --seed 17 --article [--truth | --url | --describe]
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime
from functools import cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from archiver.sample import layout_chrome as chrome
from archiver.sample import menus
from archiver.sample.content import (
    PLACEHOLDER_AUTHORS,
    VN_TZ,
    WRITERS,
    ArticleTruth,
    Story,
    make_story,
    timeline,
)
from archiver.sample.render import (
    WEEKDAY_NUMBERS,
    esc,
    header_clock,
)

_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
# (template, which date the label means, precision shown); shapes quoted in DOMAIN.md.
# Liferay's "12:00 AM" is the time nobody entered: the page states a day.
DATE_FORMATS = (
    ("Ngày đăng: {dmy} {hm}", "published", "minute"),
    ("{weekday}, {dmy} - {hm}", "published", "minute"),
    ("Cập nhật: {dmy} {hm}", "updated", "minute"),
    ("{dmy}", "published", "date"),
    ("{weekday_n}, {dmy} | {hm}", "published", "minute"),
    ("Ngày {d} tháng {m} năm {y}", "published", "date"),
    ("{hm} {dmy}", "published", "minute"),
    ("Ngày đăng: {dmy}", "published", "date"),
    ("{weekday}, ngày {dmy} | {hm}", "published", "minute"),
    ("[ Cập nhật vào ngày ({dmy}) ]", "updated", "date"),
    ("Gửi lúc: {dmy} {hms}", "published", "minute"),
    ("{weekday_caps}, {dmy} {hms}", "published", "minute"),
    ("{dmy} | {hm12}", "published", "minute"),
    ("{dmy} | 12:00 AM", "published", "date"),
    ("Ngày đăng {dmy} | {hm12}", "published", "minute"),
    ("{d} tháng {m}, {y}", "published", "date"),
    ("{weekday_lower}, {d}/{m}/{y}, {hm} (GMT+7)", "published", "minute"),
    ("{weekday_n}, {dmy_dots} | {hms}", "published", "minute"),
    ("{d}-{m}-{y}, {h}:{minute} GMT+7", "published", "minute"),
    ("Ngày phát hành {hm} | {d}/{m}/{y}", "published", "minute"),
    ("Submitted by Ban biên tập on {d} {month_en} {y}", "published", "date"),
    ("{d} Tháng {m} {y}", "published", "date"),
    ("Cập nhật lúc {hm} {dmy}", "updated", "minute"),
)
# View counters under the labels of DOMAIN.md and issue 14; how the number is grouped.
VIEW_LABELS = ("Lượt xem", "Số lần xem", "Lượt đọc", "Đã xem", "View count", "Hits")
_GROUPING = {"dots": ".", "commas": ",", "plain": ""}
# Byline forms of DOMAIN.md: {a} the writer, {b} a second one, {agency} a news agency.
BYLINE_FORMS = {
    "name": "{a}",
    "bai-anh": "Bài, ảnh: {a}",
    "th": "T/h: {a}",
    "thuc-hien": "Thực hiện: {a} - {b}",
    "agency": "{a} – {agency}",
    "caps": "{caps}",
}
AGENCY = "TTXVN"
# A breadcrumb's last crumb after the section: nothing, the story's title (whole or
# cut), or a label for "the detail page".
CRUMB_LEAVES = ("none", "title", "cut-title", "Chi tiết", "Xem chi tiết")
PLACEHOLDERS = {
    "gif": "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7",
    "blank": "/images/blank.gif",
    "loading": "/Content/images/loading.svg",
}
CHOICES: dict[str, tuple[Any, ...]] = {
    "family": tuple(chrome.FAMILIES),
    "site_name": chrome.SITE_NAMES,
    "title_tag": ("h1", "h2", "h3", "div", "span", "td", "strong", "p"),
    "title_class": (
        "title",
        "news-title",
        "title-detail",
        "detail-title",
        "article-title",
        "tieu-de",
        "entry-title",
        "asset-title",
        "contentheading",
        "",
    ),
    "breadcrumb": ("none", "ul", "ol", "div", "h1", "nav"),
    "logo_h1": (False, True),
    "head_title": ("site - title", "title | site", "title", "site"),
    "og_title": (True, False),
    "json_ld": (False, True),
    "header_clock": (False, True),
    "date_format": tuple(range(len(DATE_FORMATS))),
    "date_position": ("after", "before", "end"),
    "date_class": ("date", "post-date", "time", "news-date", "ngay-dang"),
    "view_count": ("none", "inline", "separate", "first", "under"),
    "sapo": ("none", "bold", "div", "h2"),
    "body_shape": ("p", "div", "br2", "br", "td"),
    "caption": ("figure", "table", "p", "em"),
    "lazy": ("none", "data-src", "data-original", "data-lazy-src", "srcset", "noscript"),
    "placeholder": tuple(PLACEHOLDERS),
    "byline": ("none", "strong-right", "p", "right", "plain"),
    "related": ("none", "after", "before", "sidebar"),
    "related_heading": (
        "Các tin khác",
        "Tin liên quan",
        "Tin cùng chuyên mục",
        "Đọc nhiều nhất",
        "Tin đã đưa",
        "Other News",
    ),
    "related_dates": (False, True),
    "related_count": tuple(range(5, 13)),
    "sidebar": ("none", "right", "left"),
    "share_bar": (False, True),
    "print_links": (False, True),
    "comments": (False, True),
    "tags": (False, True),
    "menu_size": (8, 14, 25),
    "footer": ("minimal", "address", "address-powered"),
    "base_href": ("none", "absolute", "root", "dot"),
    "links": ("root", "absolute", "relative"),
    "per_page": (10, 6, 15, 20),
    "featured": (False, True),
    "item_shape": ("div", "li", "table", "article"),
    "thumbnail": (False, True),
    "item_date": (False, True),
    "item_summary": (False, True),
    "item_more": (False, True),
    "pager": ("trang-sau", "raquo", "xem-them", "tiep", "numbers", "sau"),
    "section": chrome.SECTIONS,
    "crumb_class": chrome.CRUMB_CLASSES,
    "crumb_separator": chrome.CRUMB_SEPARATORS,
    "crumb_leaf": CRUMB_LEAVES,
    "view_label": VIEW_LABELS,
    "view_grouping": tuple(_GROUPING),
    "byline_form": tuple(BYLINE_FORMS),
    # the home page's menu (appended last: earlier choices draw as before)
    "home_menu": menus.MENU_STYLES,
    "home_menu_place": ("header", "side"),
    "home_label": menus.SECTION_WORDS[:-1],
    "home_extras": (2, 4, 9),
}


@dataclass(frozen=True)
class Layout:
    """One site's template: a choice for each entry of CHOICES."""

    family: str
    site_name: str
    title_tag: str
    title_class: str
    breadcrumb: str
    logo_h1: bool
    head_title: str
    og_title: bool
    json_ld: bool
    header_clock: bool
    date_format: int
    date_position: str
    date_class: str
    view_count: str
    sapo: str
    body_shape: str
    caption: str
    lazy: str
    placeholder: str
    byline: str
    related: str
    related_heading: str
    related_dates: bool
    related_count: int
    sidebar: str
    share_bar: bool
    print_links: bool
    comments: bool
    tags: bool
    menu_size: int
    footer: str
    base_href: str
    links: str
    per_page: int
    featured: bool
    item_shape: str
    thumbnail: bool
    item_date: bool
    item_summary: bool
    item_more: bool
    pager: str
    section: str
    crumb_class: str
    crumb_separator: str
    crumb_leaf: str
    view_label: str
    view_grouping: str
    byline_form: str
    home_menu: str
    home_menu_place: str
    home_label: str
    home_extras: int

    @classmethod
    def draw(cls, seed: int) -> Layout:
        """The layout seed `seed` stands for (same seed, same layout)."""
        rng = random.Random(seed)
        return cls(**{name: rng.choice(options) for name, options in CHOICES.items()})

    @classmethod
    def plain(cls) -> Layout:
        """The plainest layout: the first option of every choice."""
        return cls(**{name: options[0] for name, options in CHOICES.items()})

    @property
    def fam(self) -> chrome.Family:
        return chrome.FAMILIES[self.family]

    def article_path(self, story: Story) -> str:
        return self.fam.article(story)

    def listing_path(self, page: int) -> str:
        return self.fam.listing(page)


def _base_tag(layout: Layout, site_url: str) -> str | None:
    return {"absolute": site_url + "/", "root": "/", "dot": "./"}.get(layout.base_href)


def _linker(layout: Layout, site_url: str, page_url: str) -> chrome.Href:
    """hrefs as this page writes them; a browser resolves each to site_url + path."""
    tag = _base_tag(layout, site_url)
    base_path = urlsplit(urljoin(page_url, tag) if tag else page_url).path
    directory = base_path[: base_path.rfind("/") + 1]

    def href(path: str) -> str:
        if layout.links == "absolute":
            return site_url + path
        if layout.links == "relative" and path.startswith(directory):
            rest = path[len(directory) :]
            if rest and not rest.startswith("?") and ":" not in rest.split("?")[0]:
                return rest
        return path

    return href


def _date_line(layout: Layout, story: Story) -> tuple[str, str | None, str | None]:
    """(date line as printed, published, updated) in the layout's date format."""
    template, label, precision = DATE_FORMATS[layout.date_format]
    m = story.moment.replace(second=0)
    weekday = _WEEKDAYS[m.weekday()]
    text = template.format(
        dmy=f"{m:%d/%m/%Y}",
        dmy_dots=f"{m:%d.%m.%Y}",
        hm=f"{m:%H:%M}",
        hms=f"{m:%H:%M:%S}",
        hm12=f"{m:%I:%M %p}",
        h=m.hour,
        minute=m.minute,
        d=m.day,
        m=m.month,
        y=m.year,
        month_en=_MONTHS_EN[m.month - 1],
        weekday=weekday,
        weekday_caps=weekday.upper(),
        weekday_lower=weekday[:1] + weekday[1:].lower(),
        weekday_n=WEEKDAY_NUMBERS[m.weekday()],
    )
    iso = m.date().isoformat() if precision == "date" else m.isoformat()
    if layout.view_count == "inline":
        text += f" | {_views(layout, story)}"
    elif layout.view_count == "first":
        text = f"{_views(layout, story)} | {text}"
    return (text, iso, None) if label == "published" else (text, None, iso)


def _views(layout: Layout, story: Story) -> str:
    """The view counter as the layout writes it: "Lượt xem: 1.234"."""
    number = f"{story.view_count:,}".replace(",", _GROUPING[layout.view_grouping])
    return f"{layout.view_label}: {number}"


def byline_text(layout: Layout, story: Story) -> str | None:
    """The byline as printed in the layout's form, None when the page shows none."""
    if layout.byline == "none" or story.byline is None:
        return None
    if story.byline in PLACEHOLDER_AUTHORS:
        return story.byline  # a CMS account's name prints as it is, whatever the form
    other = next(w for w in WRITERS if w != story.byline)
    return BYLINE_FORMS[layout.byline_form].format(
        a=story.byline, b=other, agency=AGENCY, caps=story.byline.upper()
    )


def _author(layout: Layout, story: Story) -> str | None:
    """Who wrote it, as the byline names them; co-writers joined by ", "."""
    if layout.byline == "none" or story.byline in (None, *PLACEHOLDER_AUTHORS):
        return None
    form, name = layout.byline_form, story.byline or ""
    if form == "caps":
        return name.upper()
    if form == "thuc-hien":
        return f"{name}, {next(w for w in WRITERS if w != name)}"
    return name


def _category(layout: Layout) -> str:
    """The section the breadcrumb names; with none, the menu's news section, under
    which a portal files every article it gives no trail."""
    return layout.section if layout.breadcrumb != "none" else chrome.CATEGORY


def article_truth(layout: Layout, story: Story, site_url: str) -> ArticleTruth:
    """What an ideal extractor reads from the story's page in this layout."""
    raw, published, updated = _date_line(layout, story)
    fam = layout.fam
    return ArticleTruth(
        url=site_url + fam.article(story),
        path=fam.article(story),
        title=story.title,
        published=published,
        updated=updated,
        date_raw=raw,
        author=_author(layout, story),
        source=AGENCY if _author(layout, story) and layout.byline_form == "agency" else None,
        category=_category(layout),
        view_count=None if layout.view_count == "none" else story.view_count,
        summary=None if layout.sapo == "none" else story.summary,
        paragraphs=story.paragraphs,
        images=tuple(
            (site_url + fam.image(story, k), caption)
            for k, (_, _, caption) in enumerate(story.images)
        ),
        attachments=(),
    )


def _img(layout: Layout, src: str, href: chrome.Href, alt: str) -> str:
    placeholder = PLACEHOLDERS[layout.placeholder]
    ph = placeholder if placeholder.startswith("data:") else href(placeholder)
    src, alt = esc(src), esc(alt)
    if layout.lazy == "none":
        return f'<img src="{src}" alt="{alt}" width="600" />'
    if layout.lazy == "srcset":
        return (
            f'<img src="{ph}" srcset="{src} 800w" sizes="(max-width: 800px) 100vw" alt="{alt}" />'
        )
    if layout.lazy == "noscript":
        real = f'<noscript><img src="{src}" alt="{alt}" /></noscript>'
        return f'<img class="lazyload" src="{ph}" alt="{alt}" />{real}'
    return f'<img class="lazy" src="{ph}" {layout.lazy}="{src}" alt="{alt}" />'


def _figure(layout: Layout, img: str, caption: str) -> str:
    cap = esc(caption, quote=False)
    if layout.caption == "figure":
        return f'<figure class="image">{img}<figcaption>{cap}</figcaption></figure>'
    if layout.caption == "table":
        return (
            f'<table class="image" align="center"><tbody><tr><td>{img}</td></tr>'
            f'<tr><td class="image_desc">{cap}</td></tr></tbody></table>'
        )
    if layout.caption == "p":
        return f'<p style="text-align: center;">{img}</p><p class="img-caption">{cap}</p>'
    return f'<p style="text-align: center;">{img}<br /><em>{cap}</em></p>'


# Bylines the body ends with, in a paragraph of their own: bold and right-aligned,
# right-aligned, or plain.
_IN_BODY = {
    "strong-right": '<p style="text-align: right;"><strong>{}</strong></p>',
    "right": '<p align="right">{}</p>',
    "plain": "<p>{}</p>",
}


def _body(layout: Layout, story: Story, href: chrome.Href) -> str:
    """The article text in the layout's body shape, pictures after their paragraph."""
    blocks: list[tuple[bool, str]] = []  # (is text, html)
    for i, paragraph in enumerate(story.paragraphs):
        blocks.append((True, esc(paragraph, quote=False)))
        for k, (after, stem, caption) in enumerate(story.images):
            if after == i:
                img = _img(layout, href(layout.fam.image(story, k)), href, f"{stem}.jpg")
                blocks.append((False, _figure(layout, img, caption)))
    byline = byline_text(layout, story) if layout.byline in _IN_BODY else None
    tail = "\n" + _IN_BODY[layout.byline].format(esc(byline, quote=False)) if byline else ""
    shape = layout.body_shape
    if shape in ("br", "br2"):
        joiner = "<br />\n" if shape == "br" else "<br />\n<br />\n"
        return joiner.join(text for _, text in blocks) + tail
    tag = "div" if shape == "div" else "p"
    inner = "\n".join(
        f'<{tag} style="text-align: justify;">{t}</{tag}>' if is_text else t
        for is_text, t in blocks
    )
    inner += tail
    if shape == "td":
        table = '<table class="tbl-content" width="100%"><tbody><tr><td>'
        return f"{table}\n{inner}\n</td></tr></tbody></table>"
    return inner


def _title(layout: Layout, title: str) -> str:
    cls = f' class="{layout.title_class}"' if layout.title_class else ""
    text = esc(title, quote=False)
    tag = layout.title_tag
    if tag == "td":
        return f'<table class="tbl-title" width="100%"><tr><td{cls}>{text}</td></tr></table>\n'
    if tag in ("span", "strong"):
        return f'<div class="detail-head"><{tag}{cls}>{text}</{tag}></div>\n'
    return f"<{tag}{cls}>{text}</{tag}>\n"


def _head(layout: Layout, title: str, site_url: str, extra: str = "") -> str:
    site = layout.site_name
    fallback = site if layout.head_title == "site" else title
    shown = {"site - title": f"{site} - {title}", "title | site": f"{title} | {site}"}
    tag = _base_tag(layout, site_url)
    base = f'<base href="{esc(tag)}" />' if tag else ""
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8" />\n'
        f"{base}<title>{esc(shown.get(layout.head_title, fallback), quote=False)}"
        '</title>\n<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        f'<link rel="stylesheet" href="/css/style.css" />{extra}\n</head>\n<body>\n'
    )


def _meta(layout: Layout, story: Story, truth: ArticleTruth) -> str:
    out = ""
    if layout.og_title:
        out += f'\n<meta property="og:title" content="{esc(story.title)}" />'
        out += '\n<meta property="og:type" content="article" />'
    if layout.json_ld:
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": story.title,
            "image": [url for url, _ in truth.images],
            "publisher": {"@type": "Organization", "name": layout.site_name},
        }
        if truth.published:
            data["datePublished"] = truth.published
        if truth.updated:
            data["dateModified"] = truth.updated
        out += (
            f'\n<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
        )
    return out


def _frame(layout: Layout, href: chrome.Href, main: str, side: str, today: date) -> str:
    """Header, breadcrumb, main column and sidebar, footer, in the family's wrappers."""
    clock = header_clock(today) if layout.header_clock else None
    head = chrome.header(
        layout.site_name, href, clock=clock, logo_h1=layout.logo_h1, menu=layout.menu_size
    )
    cols = [f'<div class="main-col col-left">\n{main}</div>\n', side]
    if layout.sidebar == "left":
        cols.reverse()
    open_, close = layout.fam.page
    foot = chrome.footer(layout.footer, layout.site_name, layout.fam.powered)
    body = f'{head}<div class="main-wrap">\n{"".join(cols)}</div>\n{foot}'
    return f"{open_}\n{body}{close}\n</body>\n</html>\n"


def render_article(
    layout: Layout, story: Story, site_url: str, related: Sequence[Story], *, today: date
) -> str:
    """The story's page on a site built with `layout`; `related` fill the link boxes."""
    fam, truth = layout.fam, article_truth(layout, story, site_url)
    href = _linker(layout, site_url, truth.url)
    raw = esc(_date_line(layout, story)[0], quote=False)
    counter = esc(_views(layout, story), quote=False)
    views = f' <span class="view-count">{counter}</span>' if layout.view_count == "separate" else ""
    date_html = f'<div class="{layout.date_class}">{raw}{views}</div>\n'
    related_list = chrome.links_list(
        related[: layout.related_count], href, fam.article, layout.related_dates
    )
    related_html = (
        f'<div class="related-news"><h3>{layout.related_heading}</h3>{related_list}</div>\n'
    )
    summary = esc(story.summary, quote=False)
    sapo = {
        "bold": f'<p class="lead"><b>{summary}</b></p>\n',
        "div": f'<div class="sapo">{summary}</div>\n',
        "h2": f'<h2 class="sapo">{summary}</h2>\n',
    }.get(layout.sapo, "")
    author = byline_text(layout, story) if layout.byline == "p" else None
    under = f'<div class="hits">{counter}</div>\n' if layout.view_count == "under" else ""
    parts = [
        _breadcrumb(layout, href, story.title),
        date_html if layout.date_position == "before" else "",
        _title(layout, story.title),
        date_html if layout.date_position == "after" else "",
        related_html if layout.related == "before" else "",
        sapo,
        fam.body_box[0] + "\n" + _body(layout, story, href) + "\n" + fam.body_box[1] + "\n",
        f'<div class="author">{esc(author, quote=False)}</div>\n' if author else "",
        date_html if layout.date_position == "end" else "",
        under,
        chrome.tags(href, ("chuyển đổi số", "Hội nghị", "nông thôn mới")) if layout.tags else "",
        chrome.share_bar(href, truth.url) if layout.share_bar else "",
        chrome.print_links(href, f"/print/{chrome.story_id(story)}") if layout.print_links else "",
        related_html if layout.related == "after" else "",
        chrome.comments("Ý kiến bạn đọc") if layout.comments else "",
    ]
    ident = chrome.story_id(story)
    main = fam.article_box[0].format(id=ident) + "\n" + "".join(parts) + fam.article_box[1] + "\n"
    side_extra = [fam.box.format(heading=layout.related_heading, inner=related_list)]
    side = _side(
        layout, href, list(reversed(related)), side_extra if layout.related == "sidebar" else []
    )
    page = _frame(layout, href, main, side, today)
    return _head(layout, story.title, site_url, _meta(layout, story, truth)) + page


_CUT_WORDS = 6  # a breadcrumb's cut title keeps this many words and an ellipsis


def _breadcrumb(layout: Layout, href: chrome.Href, title: str | None) -> str:
    """The trail Trang chủ > section (> leaf on an article page) in the layout's idiom."""
    leaf = layout.crumb_leaf
    if title is None or leaf == "none":
        shown = None
    elif leaf == "title":
        shown = title
    elif leaf == "cut-title":
        shown = " ".join(title.split()[:_CUT_WORDS]) + "..."
    else:
        shown = leaf
    return chrome.breadcrumb(
        layout.breadcrumb,
        href,
        layout.listing_path(1),
        section=layout.section,
        leaf=shown,
        names=layout.crumb_class,
        separator=layout.crumb_separator,
    )


def _side(layout: Layout, href: chrome.Href, most_read: Sequence[Story], extra: list[str]) -> str:
    if layout.sidebar == "none":
        return f'<div class="sidebar">{"".join(extra)}</div>\n' if extra else ""
    return chrome.sidebar(layout.fam, href, most_read, extra)


def _item(layout: Layout, story: Story, href: chrome.Href, site_url: str, featured: bool) -> str:
    link = esc(href(layout.article_path(story)))
    title = esc(story.title, quote=False)
    thumb = ""
    if (layout.thumbnail or featured) and story.images:
        img = _img(layout, href(layout.fam.image(story, 0)), href, "")
        thumb = f'<a class="thumb" href="{link}">{img}</a>'
    when = f'<span class="date">{story.moment:%d/%m/%Y %H:%M}</span>' if layout.item_date else ""
    summary = (
        f'<p class="sapo">{esc(story.summary, quote=False)}</p>'
        if layout.item_summary or featured
        else ""
    )
    more = f'<a class="readmore" href="{link}">Xem tiếp »</a>' if layout.item_more else ""
    tail = f"{when}{summary}{more}"
    anchor = f'<a class="title" href="{link}">{title}</a>'
    if featured:
        heading = f'<h2 class="title"><a href="{link}">{title}</a></h2>'
        return f'<div class="featured-news hot-news">{thumb}{heading}{tail}</div>\n'
    shape = layout.item_shape
    if shape == "li":
        return f"<li>{thumb}{anchor}{tail}</li>\n"
    if shape == "table":
        return f'<tr><td class="img">{thumb}</td><td>{anchor}{tail}</td></tr>\n'
    if shape == "article":
        heading = f'<h2 class="entry-title"><a href="{link}" rel="bookmark">{title}</a></h2>'
        return f'<article class="post">{heading}{thumb}{tail}</article>\n'
    heading = f'<h3><a href="{link}">{title}</a></h3>'
    return f'<div class="{layout.fam.item_class}">{thumb}{heading}{tail}</div>\n'


def render_listing(
    layout: Layout,
    items: Sequence[Story],
    page: int,
    pages: int,
    *,
    site_url: str,
    most_read: Sequence[Story] = (),
    today: date,
) -> str:
    """Listing page `page` of `pages` holding `items`, newest first; the first is
    the featured item when the layout has one."""
    url = site_url + layout.listing_path(page)
    href = _linker(layout, site_url, url)
    first = _item(layout, items[0], href, site_url, True) if layout.featured and items else ""
    rest = "".join(_item(layout, s, href, site_url, False) for s in items[1 if first else 0 :])
    wrap = {
        "li": ('<ul class="list-news">', "</ul>"),
        "table": ('<table class="tbl-news">', "</table>"),
    }
    open_, close = wrap.get(layout.item_shape, ("", ""))
    box_open, box_close = layout.fam.list_box
    main = (
        _breadcrumb(layout, href, None)
        + f'<h2 class="cat-title">{esc(layout.section, quote=False)}</h2>\n'
        + f"{box_open}\n{first}{open_}\n{rest}{close}\n{box_close}\n"
        + chrome.pager(layout.pager, page, pages, href, layout.listing_path)
    )
    side = _side(layout, href, most_read, [])
    return _head(layout, layout.section, site_url) + _frame(layout, href, main, side, today)


def render_page(
    layout: Layout,
    title: str,
    parts: Callable[[chrome.Href], tuple[str, str]],
    *,
    site_url: str,
    today: date,
) -> str:
    """Another page of the site at the root (its home): `parts(href)` gives the main
    column and a box for the side column."""
    href = _linker(layout, site_url, site_url + "/")
    main, box = parts(href)
    side = _side(layout, href, (), [box] if box else [])
    return _head(layout, title, site_url) + _frame(layout, href, main, side, today)


# --- cases: one page and its truth per seed, for property tests and the CLI ---

CONTENT_SITES = ("haugiang", "sotttt", "quangtri")  # whose sentence banks the stories use
FUZZ_SITE = "http://layout.sample"
NEWEST = datetime(2025, 6, 10, 9, 30, tzinfo=VN_TZ)
TODAY = date(2026, 1, 15)  # the header clock of fuzz pages: far from every story's date
_POOL = 40


def site_story(content: str, index: int) -> Story:
    """Story `index` of a randomised site whose text comes from `content`'s bank."""
    return make_story(content, index, timeline(content, index, NEWEST, 19.0))


@cache
def story_pool(content: str) -> tuple[Story, ...]:
    """The fuzz's stories, newest first, slugs made unique as a CMS does."""
    out: list[Story] = []
    used: set[str] = set()
    for index in range(_POOL):
        story = site_story(content, index)
        if story.slug in used:
            story = replace(story, slug=f"{story.slug}-{index + 1}")
        used.add(story.slug)
        out.append(story)
    return tuple(out)


@dataclass(frozen=True)
class ArticleCase:
    layout: Layout
    url: str
    html: str
    truth: ArticleTruth


@dataclass(frozen=True)
class ListingCase:
    layout: Layout
    url: str
    html: str
    articles: tuple[str, ...]  # absolute, in page order, featured first
    next_page: str | None


def article_case(seed: int, layout: Layout | None = None) -> ArticleCase:
    """An article page in layout `seed` (or `layout`), and its truth."""
    layout = layout or Layout.draw(seed)
    rng = random.Random(f"article/{seed}")
    pool = story_pool(CONTENT_SITES[seed % len(CONTENT_SITES)])
    story = pool[rng.randrange(len(pool))]
    related = rng.sample([s for s in pool if s is not story], layout.related_count)
    html = render_article(layout, story, FUZZ_SITE, related, today=TODAY)
    truth = article_truth(layout, story, FUZZ_SITE)
    return ArticleCase(layout, truth.url, html, truth)


def listing_case(seed: int, layout: Layout | None = None) -> ListingCase:
    """A listing page in layout `seed` (or `layout`), its article links and next page."""
    layout = layout or Layout.draw(seed)
    rng = random.Random(f"listing/{seed}")
    pool = story_pool(CONTENT_SITES[seed % len(CONTENT_SITES)])
    pages = rng.randint(1, _POOL // layout.per_page)
    page = rng.randint(1, pages)
    items = pool[(page - 1) * layout.per_page : page * layout.per_page]
    most_read = rng.sample([s for s in pool if s not in items], 6)
    html = render_listing(
        layout, items, page, pages, site_url=FUZZ_SITE, most_read=most_read, today=TODAY
    )
    return ListingCase(
        layout,
        FUZZ_SITE + layout.listing_path(page),
        html,
        tuple(FUZZ_SITE + layout.article_path(s) for s in items),
        FUZZ_SITE + layout.listing_path(page + 1) if page < pages else None,
    )


# --- python -m archiver.sample.layouts ---


def main(argv: list[str] | None = None) -> None:
    """Print the page (or its truth, URL or layout) that a fuzz seed stands for."""
    parser = argparse.ArgumentParser(
        prog="python -m archiver.sample.layouts", description=main.__doc__
    )
    parser.add_argument("--seed", type=int, required=True, help="picks the story (and layout)")
    parser.add_argument("--plain", action="store_true", help="start from Layout.plain()")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--article", action="store_true", help="an article page (default)")
    what.add_argument("--listing", action="store_true", help="a listing page")
    show = parser.add_mutually_exclusive_group()
    show.add_argument("--truth", action="store_true", help="print the expected record as JSON")
    show.add_argument("--url", action="store_true", help="print the page's URL")
    show.add_argument("--describe", action="store_true", help="print the layout's choices")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="CHOICE=VALUE",
        help="override one layout choice, e.g. --set title_tag=td",
    )
    args = parser.parse_args(argv)
    start = Layout.plain() if args.plain else Layout.draw(args.seed)
    layout = _override(start, args.set)
    case = listing_case(args.seed, layout) if args.listing else article_case(args.seed, layout)
    if args.url:
        print(case.url)
    elif args.describe:
        print(json.dumps(asdict(layout), ensure_ascii=False, indent=1))
    elif args.truth:
        truth = (
            asdict(case.truth)
            if isinstance(case, ArticleCase)
            else {"url": case.url, "articles": case.articles, "next_page": case.next_page}
        )
        print(json.dumps(truth, ensure_ascii=False, indent=1))
    else:
        print(case.html, end="")


def _override(layout: Layout, pairs: Sequence[str]) -> Layout:
    types = {f.name: type(getattr(layout, f.name)) for f in fields(layout)}
    changes: dict[str, Any] = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        kind = types[name]
        changes[name] = (value == "True") if kind is bool else kind(value)
        if changes[name] not in CHOICES[name]:
            raise SystemExit(f"{name}: {value!r} is not one of {CHOICES[name]}")
    return replace(layout, **changes)


if __name__ == "__main__":
    main()
