"""Issue 3: the real CLI against a server whose pages misbehave one way each.

Every test crawls a small news site on 127.0.0.1 (a listing of /a/1 ... /a/5)
in which one or two routes are faulty, then reads the SQLite file and the
server's own request log: what was archived, what failed and why, and what the
crawler actually sent.
"""

from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path

import pytest

from archiver.store import Archive
from faults import (
    CliRun,
    Cut,
    FaultServer,
    Reply,
    Request,
    Route,
    Stall,
    add_news,
    always,
    article,
    article_html,
    article_urls,
    failures,
    fetch,
    gzip_bomb,
    in_turn,
    listing_html,
    page_html,
    paragraphs_for,
    redirect,
    rows,
    title_for,
    write_seed,
)

ARTICLES = [f"/a/{n}" for n in range(1, 6)]


def crawl(server: FaultServer, tmp_path: Path, *extra: str, **seed: object) -> CliRun:
    """One `archiver fetch` of the server into tmp_path/archive.db."""
    return fetch(write_seed(tmp_path / "seeds", server, **seed), tmp_path / "archive.db", *extra)


def urls(server: FaultServer, *paths: str) -> set[str]:
    return {server.url(p) for p in paths}


# -- retries ---------------------------------------------------------------------


def test_500_then_200_is_retried_and_archived(server: FaultServer, tmp_path: Path) -> None:
    add_news(server, ARTICLES)
    server.routes["/a/2"] = in_turn(Reply(500, page_html("Lỗi", "")), article("/a/2"))
    run = crawl(server, tmp_path)
    db = tmp_path / "archive.db"
    assert run.code == 0, run.stderr
    assert len(server.hits("/a/2")) == 2
    assert article_urls(db) == urls(server, *ARTICLES)
    assert failures(db) == {}
    assert run.site()["articles_new"] == 5 and run.site()["errors"] == 0


def test_429_waits_for_retry_after_then_archives(server: FaultServer, tmp_path: Path) -> None:
    add_news(server, ARTICLES)
    busy = Reply(429, page_html("Quá tải", ""), headers={"Retry-After": "1"})
    server.routes["/a/2"] = in_turn(busy, article("/a/2"))
    run = crawl(server, tmp_path)
    assert run.code == 0, run.stderr
    first, second = server.hits("/a/2")
    assert second.at - first.at >= 1.0
    assert server.url("/a/2") in article_urls(tmp_path / "archive.db")


@pytest.mark.slow
def test_a_stalled_body_times_out_and_the_run_goes_on(server: FaultServer, tmp_path: Path) -> None:
    add_news(server, ARTICLES)
    server.routes["/a/2"] = always(Stall())
    run = crawl(server, tmp_path, timeout=1.0)
    db = tmp_path / "archive.db"
    assert run.code == 1, run.stderr
    assert run.seconds < 10
    assert "timed out" in failures(db)[server.url("/a/2")]
    assert article_urls(db) == urls(server, "/a/1", "/a/3", "/a/4", "/a/5")
    assert run.site()["errors"] == 1


@pytest.mark.slow  # it waits out the retries' back-off (slow run)
def test_a_cut_body_is_retried_then_archived_or_failed(server: FaultServer, tmp_path: Path) -> None:
    add_news(server, ARTICLES)
    server.routes["/a/2"] = always(Cut(article_html(title_for("/a/2"), paragraphs_for("/a/2"))))
    server.routes["/a/3"] = in_turn(
        Cut(article_html(title_for("/a/3"), paragraphs_for("/a/3"))), article("/a/3")
    )
    run = crawl(server, tmp_path)
    db = tmp_path / "archive.db"
    assert run.code == 1, run.stderr
    assert len(server.hits("/a/2")) >= 2  # retried before giving up
    reason = failures(db)[server.url("/a/2")]
    assert any(word in reason for word in ("RemoteProtocolError", "ReadError", "connection"))
    assert len(server.hits("/a/3")) == 2
    assert article_urls(db) == urls(server, "/a/1", "/a/3", "/a/4", "/a/5")
    assert set(failures(db)) == urls(server, "/a/2")


# -- redirects ------------------------------------------------------------------------


def test_redirect_loop_and_long_chain_fail_with_their_reason(
    server: FaultServer, tmp_path: Path
) -> None:
    add_news(server, ARTICLES)
    server.routes["/a/2"] = always(redirect("/b/2"))
    server.routes["/b/2"] = always(redirect("/a/2"))
    server.routes["/a/3"] = always(redirect("/chain/1"))
    for hop in range(1, 13):
        server.routes[f"/chain/{hop}"] = always(redirect(f"/chain/{hop + 1}"))
    server.routes["/chain/13"] = always(article("/chain/13"))
    run = crawl(server, tmp_path)
    db = tmp_path / "archive.db"
    assert run.code == 1, run.stderr
    found = failures(db)
    assert "redirect loop" in found[server.url("/a/2")]
    assert "too many redirects" in found[server.url("/a/3")]
    assert article_urls(db) == urls(server, "/a/1", "/a/4", "/a/5")


def test_redirect_off_the_allowed_domains_is_never_followed(
    server: FaultServer, tmp_path: Path
) -> None:
    add_news(server, ARTICLES)
    server.routes["/a/2"] = always(redirect(server.url("/a/x", host="localhost")))
    server.routes["/a/x"] = always(article("/a/x"))
    run = crawl(server, tmp_path)
    db = tmp_path / "archive.db"
    assert run.code == 1, run.stderr
    assert "redirected outside allowed_domains" in failures(db)[server.url("/a/2")]
    assert [h.path for h in server.log if h.host.startswith("localhost")] == []
    assert article_urls(db) == urls(server, "/a/1", "/a/3", "/a/4", "/a/5")


# -- size caps ----------------------------------------------------------------------


def long_article(href: str, size: int) -> Reply:
    paragraphs = paragraphs_for(href) * (size // 600 + 1)
    page = article_html(title_for(href), paragraphs).encode()
    return Reply(200, page[: size - 200] + page[-200:] if len(page) > size else page)


def test_a_body_over_max_page_bytes_fails(server: FaultServer, tmp_path: Path) -> None:
    add_news(server, ARTICLES)
    server.routes["/a/2"] = always(long_article("/a/2", 60_000))
    server.routes["/a/3"] = always(long_article("/a/3", 40_000))  # under the cap: archived
    run = crawl(server, tmp_path, max_page_bytes=50_000)
    db = tmp_path / "archive.db"
    assert run.code == 1, run.stderr
    assert "larger than 50000 bytes" in failures(db)[server.url("/a/2")]
    assert article_urls(db) == urls(server, "/a/1", "/a/3", "/a/4", "/a/5")


def test_a_gzip_bomb_fails_without_inflating_in_memory(server: FaultServer, tmp_path: Path) -> None:
    bomb = gzip_bomb(200 << 20)  # ~200 KB on the wire, 200 MB inflated
    add_news(server, ARTICLES)
    server.routes["/a/2"] = always(Reply(200, bomb, headers={"Content-Encoding": "gzip"}))
    run = crawl(server, tmp_path)
    db = tmp_path / "archive.db"
    assert run.code == 1, run.stderr
    assert "larger than" in failures(db)[server.url("/a/2")]
    assert run.max_rss_mb < 150, f"peak RSS {run.max_rss_mb:.0f} MB"
    assert article_urls(db) == urls(server, "/a/1", "/a/3", "/a/4", "/a/5")


# -- what a page turns out to be ---------------------------------------------------------


def page_row(db: Path, url: str) -> dict[str, object]:
    (row,) = rows(db, "SELECT * FROM pages WHERE url = ?", url)
    return dict(row)


def test_a_pdf_behind_an_article_link_is_an_attachment(server: FaultServer, tmp_path: Path) -> None:
    add_news(server, ARTICLES)
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    server.routes["/a/2"] = always(Reply(200, pdf, content_type="application/pdf"))
    run = crawl(server, tmp_path)
    db = tmp_path / "archive.db"
    assert run.code == 0, run.stderr
    assert article_urls(db) == urls(server, "/a/1", "/a/3", "/a/4", "/a/5")
    row = page_row(db, server.url("/a/2"))
    assert (row["kind"], row["state"], row["content_type"]) == (
        "attachment",
        "done",
        "application/pdf",
    )
    # kept whole, as every response is: a WARC of the site holds the file
    with Archive.read_only(db) as archive:
        (kept,) = [r for r in archive.responses() if r.exchange.url == server.url("/a/2")]
    assert (kept.kind, kept.body, kept.exchange.header("content-type")) == (
        "attachment",
        pdf,
        "application/pdf",
    )


SOFT_404 = page_html(
    "Không tìm thấy trang",
    '<h1 class="title">Không tìm thấy trang</h1><div class="content">'
    "<p>Trang bạn yêu cầu không tồn tại hoặc đã bị xóa khỏi hệ thống.</p>"
    "<p>Vui lòng quay lại trang chủ hoặc dùng chức năng tìm kiếm.</p></div>",
)
CAPTCHA = page_html(
    "Xác minh truy cập",
    '<h1 class="title">Xác minh truy cập</h1><div class="content">'
    "<p>Vui lòng xác nhận bạn không phải là robot để tiếp tục truy cập cổng thông tin.</p>"
    '<form action="/verify"><div class="g-recaptcha" data-sitekey="x"></div>'
    "<p>Nhập mã captcha: <input name='captcha'></p><button>Xác nhận</button></form></div>",
)
ACCESS_DENIED = (
    "<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1>"
    "<p>You don't have permission to access this page on this server.</p>"
    "<p>Reference #18.6f5d3e17.1720412345.2a1b3c4d</p></body></html>"
)


def test_soft_404_and_block_pages_are_not_articles(server: FaultServer, tmp_path: Path) -> None:
    add_news(server, ARTICLES)
    server.routes["/a/2"] = always(Reply(200, SOFT_404))
    server.routes["/a/3"] = always(Reply(200, CAPTCHA))
    server.routes["/a/4"] = always(Reply(200, ACCESS_DENIED))
    run = crawl(server, tmp_path)
    db = tmp_path / "archive.db"
    assert article_urls(db) == urls(server, "/a/1", "/a/5"), run.stderr
    kinds = {path: page_row(db, server.url(path))["kind"] for path in ("/a/2", "/a/3", "/a/4")}
    assert kinds == {"/a/2": "soft404", "/a/3": "blocked", "/a/4": "blocked"}


# -- encodings ---------------------------------------------------------------------------

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
VI_TITLE = "Hội nghị triển khai nhiệm vụ phát triển kinh tế - xã hội năm 2024"
VI_PARAGRAPHS = [
    "Chiều ngày 12 tháng 7, đồng chí Bí thư Tỉnh ủy chủ trì hội nghị đánh giá kết quả"
    " thực hiện nhiệm vụ phát triển kinh tế - xã hội sáu tháng đầu năm.",
    "Theo báo cáo, tổng sản phẩm trên địa bàn tỉnh ước tăng 6,8%; thu ngân sách đạt"
    " 58% dự toán; công tác bảo đảm an sinh xã hội được quan tâm thực hiện tốt.",
    "Hội nghị thống nhất đẩy nhanh tiến độ giải ngân vốn đầu tư công, hỗ trợ doanh nghiệp"
    " phục hồi sản xuất và chăm lo đời sống người dân vùng sâu, vùng xa.",
]


def windows_1258(text: str) -> bytes:
    """Text as Windows-1258 writes Vietnamese: base letters (ô, ơ, ư, ă, đ, a, ...)
    precomposed, each tone a separate combining mark after its letter."""
    spelled = []
    for char in text:
        marks = unicodedata.normalize("NFD", char)
        base = "".join(c for c in marks if c not in TONES)
        spelled.append(unicodedata.normalize("NFC", base) + "".join(c for c in marks if c in TONES))
    return "".join(spelled).encode("cp1258")


def test_windows_1258_fixture_uses_combining_tones() -> None:
    data = windows_1258(VI_TITLE)
    assert data.startswith(b"H\xf4\xf2i ")  # "Hội": ô (0xF4), then the dot below (0xF2)
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == VI_TITLE


def test_pages_in_windows_1258_or_with_a_lying_charset_are_archived_as_nfc(
    server: FaultServer, tmp_path: Path
) -> None:
    page = article_html(VI_TITLE, VI_PARAGRAPHS)
    add_news(server, ARTICLES)
    server.routes["/a/2"] = always(
        Reply(200, windows_1258(page), content_type="text/html; charset=windows-1258")
    )
    for path, lie in (("/a/3", "iso-8859-1"), ("/a/4", "windows-1258")):
        server.routes[path] = always(
            Reply(200, page.replace("2024", path[-1] * 4), content_type=f"text/html; charset={lie}")
        )
    run = crawl(server, tmp_path)
    db = tmp_path / "archive.db"
    assert run.code == 0, run.stderr
    stored = {
        r["url"]: (r["title"], r["body"]) for r in rows(db, "SELECT url, title, body FROM articles")
    }
    body = "\n\n".join(VI_PARAGRAPHS)
    assert stored[server.url("/a/2")] == (VI_TITLE, body)
    for path in ("/a/3", "/a/4"):
        year = path[-1] * 4
        assert stored[server.url(path)] == (VI_TITLE.replace("2024", year), body)


# -- robots.txt ----------------------------------------------------------------------------

ROBOTS = "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.5\n"
ROBOTS_SITE = ["/a/1", "/a/2", "/a/3", "/a/4", "/private/a/5"]


@pytest.mark.slow  # it waits out a Crawl-delay (slow run)
def test_robots_disallow_and_crawl_delay_are_obeyed(server: FaultServer, tmp_path: Path) -> None:
    add_news(server, ROBOTS_SITE)
    server.routes["/robots.txt"] = always(Reply(200, ROBOTS, content_type="text/plain"))
    run = crawl(server, tmp_path)
    db = tmp_path / "archive.db"
    assert server.hits("/private/a/5") == []
    assert "disallowed by robots.txt" in failures(db)[server.url("/private/a/5")]
    assert article_urls(db) == urls(server, "/a/1", "/a/2", "/a/3", "/a/4")
    assert len(server.hits("/robots.txt")) == 1
    pages = [h for h in server.log if h.path != "/robots.txt"]
    gaps = [round(b.at - a.at, 3) for a, b in itertools.pairwise(pages)]
    # the seed allows 50 a second: gaps of half a second are the Crawl-delay's
    assert len(gaps) == 4 and min(gaps) >= 0.4, gaps
    assert run.code == 1, run.stderr


def test_respect_robots_false_fetches_disallowed_pages(server: FaultServer, tmp_path: Path) -> None:
    add_news(server, ROBOTS_SITE)
    server.routes["/robots.txt"] = always(Reply(200, ROBOTS, content_type="text/plain"))
    run = crawl(server, tmp_path, respect_robots=False)
    db = tmp_path / "archive.db"
    assert run.code == 0, run.stderr
    assert len(server.hits("/private/a/5")) == 1
    assert article_urls(db) == urls(server, *ROBOTS_SITE)


# -- conditional requests -----------------------------------------------------------------

LAST_MODIFIED = "Mon, 08 Jul 2024 04:38:00 GMT"


def conditional(href: str) -> Route:
    def route(request: Request) -> Reply:
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(304, b"", headers={"ETag": '"v1"'})
        return article(href, ETag='"v1"', **{"Last-Modified": LAST_MODIFIED})

    return route


def test_full_rerun_sends_validators_and_a_304_adds_no_revision(
    server: FaultServer, tmp_path: Path
) -> None:
    add_news(server, ARTICLES)
    for href in ARTICLES:
        server.routes[href] = conditional(href)
    first = crawl(server, tmp_path)
    assert first.code == 0 and first.site()["articles_new"] == 5, first.stderr
    second = crawl(server, tmp_path, "--full")
    assert second.code == 0, second.stderr
    for href in ARTICLES:
        again = server.hits(href)[-1]
        assert again.headers.get("if-none-match") == '"v1"', href
        assert again.headers.get("if-modified-since") == LAST_MODIFIED, href
    stats = second.site()
    assert (stats["articles_unchanged"], stats["articles_new"], stats["articles_updated"]) == (
        5,
        0,
        0,
    )
    assert rows(tmp_path / "archive.db", "SELECT count(*) FROM revisions")[0][0] == 5


# -- pagination traps ------------------------------------------------------------------------


def endless(request: Request) -> Reply:
    """Every page holds five new articles and a link to the next page, forever."""
    number = int(request.query.get("page", "1"))
    hrefs = [f"/a/{number}-{i}" for i in range(1, 6)]
    return Reply(200, listing_html(hrefs, f"?page={number + 1}"))


def listing_pages(server: FaultServer) -> list[int]:
    return [int(h.path.partition("page=")[2] or 1) for h in server.hits("/tin-tuc")]


@pytest.mark.parametrize("extra", [(), ("--full",)], ids=["plain", "full"])
def test_endless_pagination_stops_at_max_listing_pages(
    server: FaultServer, tmp_path: Path, extra: tuple[str, ...]
) -> None:
    server.routes["/tin-tuc"] = endless
    for page in range(1, 10):
        for i in range(1, 6):
            server.routes[f"/a/{page}-{i}"] = always(article(f"/a/{page}-{i}"))
    run = crawl(server, tmp_path, *extra, max_listing_pages=3)
    assert run.code == 0, run.stderr
    assert listing_pages(server) == [1, 2, 3]
    assert run.site()["listing_pages"] == 3
    assert len(article_urls(tmp_path / "archive.db")) == 15


@pytest.mark.parametrize("extra", [(), ("--full",)], ids=["plain", "full"])
def test_a_page_repeating_the_last_one_ends_pagination(
    server: FaultServer, tmp_path: Path, extra: tuple[str, ...]
) -> None:
    def same_items(request: Request) -> Reply:
        number = int(request.query.get("page", "1"))
        return Reply(200, listing_html(ARTICLES, f"?page={number + 1}"))

    add_news(server, ARTICLES)
    server.routes["/tin-tuc"] = same_items
    run = crawl(server, tmp_path, *extra)
    assert run.code == 0, run.stderr
    assert listing_pages(server) == [1, 2]
    assert article_urls(tmp_path / "archive.db") == urls(server, *ARTICLES)


@pytest.mark.slow
def test_incremental_run_stops_after_ten_known_articles(
    server: FaultServer, tmp_path: Path
) -> None:
    hrefs = [f"/a/{n}" for n in range(1, 26)]
    add_news(server, hrefs, per_page=5)
    first = crawl(server, tmp_path)
    assert first.code == 0 and first.site()["articles_new"] == 25, first.stderr
    assert listing_pages(server) == [1, 2, 3, 4, 5]

    server.log.clear()
    second = crawl(server, tmp_path)
    assert second.code == 0, second.stderr
    assert listing_pages(server) == [1, 2]  # 10 known articles in a row: nothing new below
    assert [h.path for h in server.log if h.route.startswith("/a/")] == []

    server.log.clear()
    full = crawl(server, tmp_path, "--full")
    assert full.code == 0, full.stderr
    assert listing_pages(server) == [1, 2, 3, 4, 5]
    assert full.site()["listing_pages"] == 5


def test_listing_markup_is_recognised_by_discovery() -> None:
    """The pages this file serves parse as what the tests take them for."""
    from archiver.extract import parse_page

    base = "http://127.0.0.1:1/tin-tuc"
    listing = parse_page(listing_html(ARTICLES, "?page=2"), base)
    assert listing.kind == "listing"
    assert list(listing.links.articles) == [f"http://127.0.0.1:1{a}" for a in ARTICLES]
    assert listing.links.next_page == base + "?page=2"
    page = parse_page(article_html(VI_TITLE, VI_PARAGRAPHS), "http://127.0.0.1:1/a/1")
    assert (page.kind, page.title, page.body) == ("article", VI_TITLE, "\n\n".join(VI_PARAGRAPHS))
