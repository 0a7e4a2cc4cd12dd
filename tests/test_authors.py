"""The author finder on small pages: each test stands for a family of layouts."""

from __future__ import annotations

import json

from archiver.extract import parse_page
from archiver.model import Record

TITLE = "Der Landtag berät über den Haushalt des kommenden Jahres"
PROSE = " ".join(
    ["Die Abgeordneten des Landtags berieten am Dienstag lange über den neuen Haushalt."] * 5
)
STORY = f"<p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p>"


def _ld(author: object) -> str:
    obj = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": TITLE}
    if author is not None:
        obj["author"] = author
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def _parse(body: str, head: str = "", url: str = "https://news.example.org/a/1") -> Record:
    html = f"<html><head><title>{TITLE}</title>{head}</head><body><main>{body}</main></body></html>"
    return parse_page(html, url)


def test_a_heading_further_down_is_no_byline() -> None:
    # tagesanzeiger.ch: the title is an <h2>, and so are the story's crossheads
    body = (
        f'<article><h2 class="head-title">{TITLE}</h2><p>{PROSE}</p>'
        f"<h2>Negative Folgen</h2>{STORY}</article>"
    )
    record = _parse(body, _ld({"@type": "Person", "name": "Paula Steiger"}))
    assert record.author == "Paula Steiger"


def test_a_closing_source_line_keeps_the_declared_writer() -> None:
    # zdfheute.de: "Quelle: dpa" closes a story the page declares written by a person
    body = f"<article><h1>{TITLE}</h1>{STORY}<p>Quelle: dpa</p></article>"
    record = _parse(body, _ld({"@type": "Person", "name": "Manuela Conrad"}))
    assert (record.author, record.source) == ("Manuela Conrad", "dpa")
    assert "Quelle" not in (record.body or "")


def test_an_editors_sign_after_the_name_is_dropped() -> None:
    # nzz.ch: each declared author carries the sign they initial short items with
    people = [
        {"@type": "Person", "name": n} for n in ("Elena Oberholzer (obe)", "Corina Gall (cog.)")
    ]
    body = f"<article><h1>{TITLE}</h1>{STORY}</article>"
    assert _parse(body, _ld(people)).author == "Elena Oberholzer, Corina Gall"


def test_a_byline_inside_a_link_to_another_story_is_the_teasers() -> None:
    # gamestar.de: a box of stories inside the body, each a link holding its byline
    teaser = (
        '<div class="recirculation-box"><a href="/artikel/2.html"><div class="h3">Ein ganz'
        ' anderer Bericht aus dem Landtag über die Schulen</div><div class="authors">von'
        " <span>Alana Friedrichs</span></div></a></div>"
    )
    body = f"<article><h1>{TITLE}</h1><div>{STORY}{teaser}<p>{PROSE}</p></div></article>"
    record = _parse(body, _ld({"@type": "Person", "name": "Duy Linh Dinh"}))
    assert record.author == "Duy Linh Dinh"


def test_the_author_of_a_quotation_is_not_the_writer() -> None:
    # tageblatt.lu: a pull quote's speaker, in an element named for the quotation
    quote = (
        '<div class="blockquote"><p>Wir gehen gemeinsam auf die Straße.</p>'
        '<p class="blockquote__author">Patrick Dury, LCGB-Präsident</p></div>'
    )
    body = f"<article><h1>{TITLE}</h1><div>{STORY}{quote}<p>{PROSE}</p></div></article>"
    record = _parse(body, _ld({"@type": "Person", "name": "Sidney Wiltgen"}))
    assert record.author == "Sidney Wiltgen"


def test_a_share_buttons_text_closing_the_story_is_no_byline() -> None:
    # people.com.cn: the share button's caption is the last line the body keeps
    prose = "".join(
        f"<p>{'湖北省国防科工办负责人表示，将深入学习领会贺信精神。' * 6}</p>" for _ in range(3)
    )
    share = '<p class="paper_num"><em class="section-common-share-wrap">分享让更多人看到</em></p>'
    record = _parse(f"<article><h1>{TITLE}</h1>{prose}{share}</article>")
    assert record.author is None


def test_the_writer_a_twitter_card_labels_is_declared() -> None:
    # boersen-zeitung.de (Yoast SEO): the author tag holds an e-mail address, the card
    # names the writer; the printed line runs on into the city
    head = (
        '<meta name="author" content="a.sleegers@example.org">'
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Anna Sleegers">'
        '<meta name="twitter:label2" content="Est. reading time">'
        '<meta name="twitter:data2" content="4 Minuten">'
    )
    printed = f'<article><h1>{TITLE}</h1><h5 class="authorline">Von Anna Sleegers, Frankfurt</h5>'
    assert _parse(f"{printed}{STORY}</article>", head).author == "Anna Sleegers"
    assert _parse(f"<article><h1>{TITLE}</h1>{STORY}</article>", head).author == "Anna Sleegers"
    misc = '<meta name="twitter:misc:Written by" content="Dieter Kuckelkorn">'
    assert _parse(f"<article><h1>{TITLE}</h1>{STORY}</article>", misc).author == "Dieter Kuckelkorn"


def test_every_person_a_byline_lists_is_named() -> None:
    # dagbladet.no, nature.com: one element per person, where the page declares one;
    # footnote marks after the names, a "show more" item
    people = (
        '<div class="bylines"><div class="byline column"><address><a rel="author">'
        "<span>Ingrid</span> <span>Treborg</span></a></address></div>"
        '<div class="byline column"><address><a rel="author"><span>Marlene Lundberg</span>'
        " <span>Holm</span></a></address></div></div>"
    )
    declared = _ld({"@type": "Person", "name": "Marlene Lundberg Holm"})
    body = f"<article><h1>{TITLE}</h1>{people}{STORY}</article>"
    assert _parse(body, declared).author == "Ingrid Treborg, Marlene Lundberg Holm"
    listed = (
        '<ul class="author-list"><li class="item"><a>Xiaoying You</a><sup>0</sup>, </li>'
        '<li class="item"><a>Mariana Lenharo</a> &amp; </li><li class="item more">…</li>'
        '<li class="item"><a>Jeff Tollefson</a></li></ul>'
    )
    body = f"<article><h1>{TITLE}</h1>{listed}{STORY}</article>"
    assert _parse(body).author == "Xiaoying You, Mariana Lenharo, Jeff Tollefson"


def test_a_name_and_a_job_title_are_no_list_of_people() -> None:
    printed = (
        '<div class="author-info"><span class="name">Anna Berger</span>'
        '<span class="role">Senior Editor</span></div>'
    )
    body = f"<article><h1>{TITLE}</h1>{printed}{STORY}</article>"
    assert _parse(body, _ld({"@type": "Person", "name": "Anna Berger"})).author == "Anna Berger"


def test_the_tabs_of_an_authors_box_are_no_byline() -> None:
    # tageblatt.lu: the writer's box after the story opens with its tabs
    box = (
        '<div class="author-box"><div class="author-box__nav"><ul><li class="tab">Letzte'
        ' Artikel</li><li class="tab">Über</li></ul></div><div class="author-box__bio">'
        f"Sidney Wiltgen, Journalist. {PROSE}</div></div>"
    )
    body = f"<article><h1>{TITLE}</h1><div>{STORY}{box}<p>{PROSE}</p></div></article>"
    record = _parse(body, _ld({"@type": "Person", "name": "Sidney Wiltgen"}))
    assert record.author == "Sidney Wiltgen"


def test_an_agency_and_an_editors_sign_give_way_to_the_declared_people() -> None:
    # boersen-zeitung.de: the print edition's short line "agency/sign city"
    declared = _ld([{"@type": "Person", "name": n} for n in ("Reuters", "Thorsten Kramer")])
    short = '<h5 class="authorshort">Reuters/kra Frankfurt</h5>'
    body = f"<article><h1>{TITLE}</h1>{short}{STORY}</article>"
    assert _parse(body, declared).author == "Reuters, Thorsten Kramer"


def test_the_sites_name_and_address_as_the_author_is_no_person() -> None:
    # hessenschau.de: the author tag holds the site's name, its city and country
    head = (
        '<meta property="og:site_name" content="Landesschau">'
        '<meta name="author" content="Landesschau, Frankfurt, Germany">'
    )
    record = _parse(f"<article><h1>{TITLE}</h1>{STORY}</article>", head)
    assert (record.author, record.source) == (None, "Landesschau")


def test_a_link_to_the_writers_page_is_a_byline() -> None:
    # lto.de: "von <a href="/autoren/name/max-kolter">Dr. Max Kolter</a>", unmarked else
    meta = '<p class="meta-info">von <a href="/autoren/name/max-kolter">Dr. Max Kolter</a></p>'
    body = f"<article><h1>{TITLE}</h1>{meta}{STORY}</article>"
    assert _parse(body).author == "Dr. Max Kolter"


def test_a_byline_under_a_heading_the_title_finder_passed_over() -> None:
    # lto.de, mediaindonesia.com: the <h1> says more than the declared title (a kicker
    # above the title), so no heading was chosen as the title
    heading = (
        "<h1><span>Waffenlieferungen an Israel:</span> <span>Verfassungsbeschwerde</span></h1>"
    )
    byline = '<div class="author-2">Naufal Zuhdi</div>'
    body = f"<article>{heading}{byline}{STORY}</article>"
    head = '<meta name="author" content="Heryadi">' + _ld(None)
    record = _parse(body, head)
    assert record.title == TITLE
    assert record.author == "Naufal Zuhdi"


def test_the_name_of_an_admin_account_is_no_author() -> None:
    # ilanganews.co.za (WordPress): the account "admin" shows as "Ilanga D"
    account = "https://news.example.org/author/admin/"
    declared = _ld({"@id": account, "name": "Ilanga D"})
    byline = (
        f'<p>by <span class="author vcard"><a href="{account}" rel="author">Ilanga D</a></span></p>'
    )
    record = _parse(f"<article><h1>{TITLE}</h1>{byline}{STORY}</article>", declared)
    assert record.author is None


def test_a_bold_line_of_names_opening_the_body_is_the_byline() -> None:
    # lestimes.com, ilanganews.co.za: the writers in bold over the first paragraph,
    # or under the kicker's lines
    kicker = "<p><em>…as villages cry foul over lost livelihoods</em></p>"
    names = "<p><strong>Mathatisi Sebusi/Mohalenyane Phakela</strong></p>"
    record = _parse(f"<article><h1>{TITLE}</h1>{kicker}{names}{STORY}</article>")
    assert record.author == "Mathatisi Sebusi, Mohalenyane Phakela"
    assert "Sebusi" not in (record.body or "")
    names = "<p><strong>MTHOBISI SITHOLE&nbsp;</strong></p>"
    assert _parse(f"<article><h1>{TITLE}</h1>{names}{STORY}</article>").author == "MTHOBISI SITHOLE"


def test_a_second_author_tag_names_the_writer_after_the_site() -> None:
    # hankookilbo.com: the site's name in the first author tag, the reporter in the next
    head = (
        '<meta property="og:site_name" content="한국일보">'
        '<meta name="author" content="한국일보"><meta name="author" content="신현주 기자">'
    )
    record = _parse(f"<article><h1>{TITLE}</h1>{STORY}</article>", head)
    assert (record.author, record.source) == ("신현주", "한국일보")


def test_a_lone_arabic_word_in_a_byline_element_is_a_sections_name() -> None:
    # lbcgroup.tv: the author's box holds the section's link, "منوعات" (miscellany)
    box = (
        '<div class="article_details_author_container"><a href="/news/category/29">منوعات</a></div>'
    )
    assert _parse(f"<article><h1>{TITLE}</h1>{box}{STORY}</article>").author is None
    box = '<div class="author">신현주</div>'  # a Korean name is one word
    assert _parse(f"<article><h1>{TITLE}</h1>{box}{STORY}</article>").author == "신현주"


def test_a_documents_heading_in_bold_capitals_is_no_byline() -> None:
    # a provincial portal reprints a decision under its heading, bold and in capitals
    heading = (
        "<p><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong></p>"
        "<p><strong>ỦY BAN NHÂN DÂN TỈNH</strong></p>"
    )
    prose = "".join(
        f"<p>{'Ủy ban nhân dân tỉnh quyết định ban hành kế hoạch năm. ' * 6}</p>" for _ in range(3)
    )
    record = _parse(f"<article><h1>Quyết định ban hành kế hoạch</h1>{heading}{prose}</article>")
    assert record.author is None
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in (record.body or "")
    assert "ỦY BAN NHÂN DÂN TỈNH" in (record.body or "")
