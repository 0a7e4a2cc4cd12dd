"""The sample portal over real HTTP on 127.0.0.1: pages, listings, truth and traps."""

from __future__ import annotations

import html
import re
import socket
import struct
import time
import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from archiver.sample import ArticleTruth, SamplePortal, SiteTruth

FIXTURE = Path(__file__).parent / "fixtures" / "pages" / "haugiang-seed.html"
SEED_PATH = (
    "/tin-tuc/tin-kinh-te/"
    "can-tiep-tuc-no-luc-tich-cuc-chu-dong-hon-nua-hoan-thanh-muc-tieu-nhiem-vu-nam-2020"
)
HEADER_CLOCK = re.compile(r'<span class="header-date">[^<]*</span>')
# Per family: the main column's article links, and the "next page" link.
MAIN_LINKS = {
    "haugiang": ("div.news-list > div.news-item h3 > a", "div.pager a.next"),
    "sotttt": ("div.asset-abstract h3.asset-title > a", "div.lfr-pagination-buttons li > a"),
    "quangtri": (
        "#ctl00_PlaceHolderMain_g_7e3f_ctl00_pnlNews div.news-item a.title",
        "#ctl00_PlaceHolderMain_g_7e3f_ctl00_lnkNext",
    ),
}


@pytest.fixture(scope="module")
def portal() -> Iterator[SamplePortal]:
    with SamplePortal(articles_per_site=36) as running:
        yield running


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5.0) as http:
        yield http


def _next_page(site: str, tree: HTMLParser) -> str | None:
    for link in tree.css(MAIN_LINKS[site][1]):
        if site != "sotttt" or link.text() == "Tiếp":
            return link.attributes.get("href")
    return None


def _walk_listing(site: SiteTruth, client: httpx.Client) -> tuple[list[str], int]:
    """Article URLs of the main column across every listing page, and the page count."""
    found: list[str] = []
    url: str | None = site.start_url
    pages = 0
    while url is not None and pages < 50:
        response = client.get(url)
        assert response.status_code == 200, url
        tree = HTMLParser(response.text)
        links = tree.css(MAIN_LINKS[site.name][0])
        found += [urljoin(url, a.attributes["href"] or "") for a in links]
        pages += 1
        href = _next_page(site.name, tree)
        url = urljoin(url, href) if href else None
    return found, pages


def _reader_text(page: str) -> str:
    """Roughly what a reader sees: tags dropped, entities decoded, NFC."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return unicodedata.normalize("NFC", text)


def _without_base(article: ArticleTruth, base: str) -> ArticleTruth:
    def strip(url: str) -> str:
        return url.removeprefix(base)

    return replace(
        article,
        url=strip(article.url),
        images=tuple((strip(u), c) for u, c in article.images),
        attachments=tuple((strip(u), t) for u, t in article.attachments),
    )


def test_sites_run_on_distinct_free_ports(portal: SamplePortal, client: httpx.Client) -> None:
    assert [s.name for s in portal.sites] == ["haugiang", "sotttt", "quangtri"]
    assert [s.family for s in portal.sites] == ["umbraco", "liferay", "sharepoint"]
    ports = {urlsplit(s.base_url).port for s in portal.sites}
    assert len(ports) == 3
    assert all(client.get(s.start_url).status_code == 200 for s in portal.sites)
    assert portal.site("sotttt").family == "liferay"


@pytest.mark.parametrize("name", ["haugiang", "sotttt", "quangtri"])
def test_listings_cover_every_article_once(
    portal: SamplePortal, client: httpx.Client, name: str
) -> None:
    site = portal.site(name)
    found, pages = _walk_listing(site, client)
    assert len(site.articles) >= 30
    assert pages >= 3
    assert found == [a.url for a in site.articles]


@pytest.mark.parametrize("name", ["haugiang", "sotttt", "quangtri"])
def test_every_article_page_answers_and_shows_its_truth(
    portal: SamplePortal, client: httpx.Client, name: str
) -> None:
    for article in portal.site(name).articles:
        response = client.get(article.url)
        assert response.status_code == 200, article.url
        assert response.headers["content-type"].startswith("text/html")
        text = _reader_text(response.text)
        assert article.title in text
        assert article.date_raw in text
        for paragraph in article.paragraphs:
            assert paragraph in text, (article.url, paragraph[:40])
            assert unicodedata.is_normalized("NFC", paragraph)
        for url, _ in article.images + article.attachments:
            assert client.get(url).status_code == 200, url


def test_seed_article_is_the_fixture_but_for_the_clock(
    portal: SamplePortal, client: httpx.Client
) -> None:
    site = portal.site("haugiang")
    served = client.get(site.base_url + SEED_PATH).text
    fixture = FIXTURE.read_text("utf-8")
    assert HEADER_CLOCK.sub("", served) == HEADER_CLOCK.sub("", fixture)
    seed = next(a for a in site.articles if a.path == SEED_PATH)
    assert (seed.updated, seed.published, seed.view_count) == ("2020-11-03", None, 427)
    assert seed.author == "Thanh Tâm"
    assert seed.images == ((site.base_url + "/media/1047/21120.png", "Quang cảnh Hội nghị"),)
    assert seed.date_raw == "[ Cập nhật vào ngày (03/11/2020) ] - [ Số lần xem: 427 ]"


def test_header_clock_shows_the_day_asked_for(client: httpx.Client) -> None:
    with SamplePortal(articles_per_site=12, today=date(2024, 7, 16)) as portal:
        page = client.get(portal.site("quangtri").articles[0].url).text
        assert "Thứ 3, Ngày 16/07/2024 -" in page


def test_content_is_deterministic_and_larger_portals_extend_smaller(
    portal: SamplePortal,
) -> None:
    with SamplePortal(articles_per_site=45) as bigger:
        for small, large in zip(portal.sites, bigger.sites, strict=True):
            assert len(large.articles) == 45
            ours = [_without_base(a, small.base_url) for a in small.articles]
            theirs = [_without_base(a, large.base_url) for a in large.articles[:36]]
            assert ours == theirs


def test_corpus_holds_what_search_tests_rely_on(portal: SamplePortal) -> None:
    articles = [a for s in portal.sites for a in s.articles]
    texts = [" ".join((a.title, *a.paragraphs)) for a in articles]
    assert sum("Hội nghị" in a.title for a in articles) >= 3
    assert sum("Đảng bộ" in t for t in texts) >= 3
    with_hoa = {i for i, t in enumerate(texts) if "Hòa Bình" in t}
    with_hoa_other = {i for i, t in enumerate(texts) if "Hoà Bình" in t}
    assert with_hoa and with_hoa_other and with_hoa != with_hoa_other
    assert any("thuỷ" in t for t in texts) and any("thủy" in t for t in texts)
    assert any(a.author == "HUỲNH THỊ NGUYỆT" for a in articles)
    assert not any(a.author == "admin admin" for a in articles)


def test_quangtri_encoding_traps_read_as_nfc(portal: SamplePortal, client: httpx.Client) -> None:
    articles = portal.site("quangtri").articles
    entities, decomposed, named = (client.get(articles[i].url).text for i in (3, 5, 7))
    assert "&#7" in entities
    assert not unicodedata.is_normalized("NFC", decomposed)
    assert "&ocirc;\u0300" in named
    pages = (entities, decomposed, named)
    for page, article in zip(pages, (articles[3], articles[5], articles[7]), strict=True):
        assert all(p in _reader_text(page) for p in article.paragraphs)


def test_robots_and_unknown_paths(portal: SamplePortal, client: httpx.Client) -> None:
    for site in portal.sites:
        robots = client.get(site.base_url + "/robots.txt")
        assert robots.status_code == 200
        assert "Disallow: /admin/" in robots.text
        assert client.get(site.base_url + "/khong-co-trang-nay").status_code == 404
    haugiang = portal.site("haugiang")
    assert client.get(haugiang.base_url + "/tin-tuc/tin-kinh-te?page=99").status_code == 404
    assert client.get(haugiang.base_url + "/admin/dang-nhap").status_code == 200


def test_seeds_point_at_the_running_sites(portal: SamplePortal, tmp_path: Path) -> None:
    seeds = portal.seed_dicts(rate_limit=20.0, concurrency=2)
    assert [s["start_urls"] for s in seeds] == [[s.start_url] for s in portal.sites]
    assert all(s["allowed_domains"] == ["127.0.0.1"] and s["respect_robots"] for s in seeds)
    paths = portal.write_seeds(tmp_path, rate_limit=20.0)
    assert [p.name for p in paths] == ["haugiang.toml", "sotttt.toml", "quangtri.toml"]
    loaded = tomllib.loads(paths[1].read_text("utf-8"))
    assert loaded == {**seeds[1], "concurrency": 4}


def test_a_client_that_hangs_up_mid_request_prints_no_traceback(
    portal: SamplePortal, capfd: pytest.CaptureFixture[str]
) -> None:
    """A crawler stopped by Ctrl-C resets its connections; `archiver demo` must not
    answer that with a ConnectionResetError traceback from its sample server."""
    host, port = urlsplit(portal.sites[0].base_url).netloc.split(":")
    for _ in range(3):
        with socket.create_connection((host, int(port))) as sock:
            sock.sendall(b"GET /robots.txt HTT")  # half a request line, then a reset
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    time.sleep(0.3)  # the server's threads meet the reset
    with httpx.Client() as client:  # and it still serves
        assert client.get(portal.sites[0].base_url + "/robots.txt").status_code == 200
    assert "Traceback" not in capfd.readouterr().err
