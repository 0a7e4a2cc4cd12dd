"""A start page that reads as one story still leads to the site's articles.

Many small sites run a CMS whose front page is a static page: a heading, a few
paragraphs of welcome, then a grid of the latest posts. Read alone it is one
story, and an article's record carries no links; reached as a listing it must
give its links all the same, or a first fetch archives nothing from it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archiver.extract import parse_page
from faults import (
    FaultServer,
    Reply,
    always,
    article,
    article_urls,
    fetch,
    title_for,
    write_seed,
)

HREFS = [f"/2025/03/bai-viet-{n}/" for n in range(1, 7)]
WELCOME = [
    "Chào mừng bạn đến với trang thông tin của Hội Nông dân xã, nơi đăng tải các hoạt "
    "động, chính sách và kinh nghiệm sản xuất dành cho bà con nông dân trong xã.",
    "Trang được cập nhật hằng tuần với tin tức về mùa vụ, giá cả nông sản, lịch tập huấn "
    "kỹ thuật và các chương trình hỗ trợ vốn của Nhà nước cho hộ sản xuất.",
    "Mọi ý kiến đóng góp xin gửi về văn phòng Hội, tầng hai nhà văn hóa xã, hoặc qua "
    "hộp thư điện tử của Hội để được giải đáp trong thời gian sớm nhất.",
]


def front_page(body_class: str) -> str:
    """A static front page: its heading, the welcome, then the latest posts."""
    posts = "".join(
        f'<div class="post-card"><a href="{href}">{title_for(href)}</a></div>' for href in HREFS
    )
    welcome = "".join(f"<p>{p}</p>" for p in WELCOME)
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Hội Nông dân xã An Bình</title></head><body class="{body_class}">
<main><article class="page"><h1 class="entry-title">Hội Nông dân xã An Bình</h1>
<div class="entry-content">{welcome}</div></article>
<section class="post-grid">{posts}</section></main></body></html>"""


BODY_CLASSES = ["home page-template-default page page-id-5", ""]


@pytest.mark.parametrize("body_class", BODY_CLASSES)
def test_a_front_page_read_as_a_listing_gives_its_links(body_class: str) -> None:
    page = front_page(body_class)
    url = "http://anbinh.sample/"
    assert parse_page(page, url).kind == "article"  # what the page is, read alone
    found = parse_page(page, url, listing=True).links.articles
    assert found == tuple(f"http://anbinh.sample{href}" for href in HREFS)


def test_a_fetch_from_a_front_page_that_reads_as_a_story_archives_its_posts(
    server: FaultServer, tmp_path: Path
) -> None:
    server.routes["/"] = always(Reply(200, front_page(BODY_CLASSES[0])))
    for href in HREFS:
        server.routes[href] = always(article(href))
    seeds, db = tmp_path / "seeds", tmp_path / "archive.db"
    write_seed(seeds, server, name="front", start_urls=[server.url("/")])

    run = fetch(seeds, db)

    assert run.code == 0, run.stderr
    assert run.site("front")["health"] == "ok"
    assert article_urls(db) == {server.url(h) for h in HREFS}
