"""The sample portal over real HTTP on 127.0.0.1: pages, listings, truth and traps."""

from __future__ import annotations

import gzip
import html
import re
import socket
import struct
import time
import tomllib
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from archiver.sample import ArticleTruth, SamplePortal, SiteTruth
from archiver.sample.siteweb import WebSite

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


# --- a site from its home page: menus, feeds, sitemaps, sections that move (issue 16) ---

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def _paths(page: str) -> set[str]:
    return {a.attributes.get("href") or "" for a in HTMLParser(page).css("a")}


def test_home_pages_menus_link_each_section(client: httpx.Client) -> None:
    with SamplePortal(articles_per_site=24, layout_seeds=(3, 8)) as portal:
        for site in portal.sites:
            home = client.get(site.home_url)
            assert home.status_code == 200, site.name
            links = {urljoin(site.home_url, href) for href in _paths(home.text)}
            assert site.sections and set(site.sections) <= links, site.name
            assert site.articles[0].url in links  # the "Tin mới" block
        for site in portal.sites[:3]:
            assert len(site.sections) == 2 and "https://chinhphu.vn/" in _paths(
                client.get(site.home_url).text
            )
            about = client.get(site.home_url.removesuffix("/") + _about(site.name))
            assert about.status_code == 200 and "Cổng thông tin điện tử là kênh" in about.text


def _about(name: str) -> str:
    return {
        "haugiang": "/gioi-thieu",
        "sotttt": "/web/sotttt/gioi-thieu",
        "quangtri": "/Pages/gioi-thieu.aspx",
    }[name]


def _feed_href(page: str) -> str:
    link = HTMLParser(page).css_first('link[rel="alternate"]')
    assert link is not None
    return link.attributes.get("href") or ""


def test_feeds_parse_but_the_malformed_one(portal: SamplePortal, client: httpx.Client) -> None:
    for site in portal.sites:
        feed = client.get(urljoin(site.home_url, _feed_href(client.get(site.home_url).text)))
        root = ET.fromstring(feed.content)
        if site.name == "sotttt":
            atom = "{http://www.w3.org/2005/Atom}"
            assert root.tag == f"{atom}feed"
            links = [e.attrib["href"] for e in root.iter(f"{atom}link")][1:]
        else:
            assert root.tag == "rss"
            links = [e.text or "" for e in root.iter("link")][1:]
            assert all(d.text and d.text.endswith("+0700") for d in root.iter("pubDate"))
        assert links == [a.url for a in site.articles[:20]]
    quangtri = portal.site("quangtri")
    index = client.get(quangtri.base_url + "/rss")
    assert "/rss" in _paths(client.get(quangtri.home_url).text)
    hrefs = [
        h
        for a in HTMLParser(index.text).css("a")
        if (h := a.attributes.get("href") or "").endswith(".xml")
    ]
    assert hrefs == ["/rss/tin-tuc.xml", "/rss/thong-bao.xml"]
    ET.fromstring(client.get(quangtri.base_url + hrefs[0]).content)
    with pytest.raises(ET.ParseError):
        ET.fromstring(client.get(quangtri.base_url + hrefs[1]).content)


def test_sitemaps_name_every_article_and_notice(portal: SamplePortal, client: httpx.Client) -> None:
    haugiang = portal.site("haugiang")
    robots = client.get(haugiang.base_url + "/robots.txt").text
    assert f"Sitemap: {haugiang.base_url}/sitemap.xml" in robots and "Disallow: /admin/" in robots
    index = ET.fromstring(client.get(haugiang.base_url + "/sitemap.xml").content)
    assert index.tag == f"{SITEMAP_NS}sitemapindex"
    gz_url, news_url = (e.text or "" for e in index.iter(f"{SITEMAP_NS}loc"))
    child = client.get(gz_url)
    assert child.headers["content-type"] in ("application/gzip", "application/x-gzip")
    assert "content-encoding" not in child.headers
    urlset = ET.fromstring(gzip.decompress(child.content))
    named = [e.text for e in urlset.iter(f"{SITEMAP_NS}loc")]
    assert named == [a.url for a in haugiang.articles + haugiang.notices]
    assert len(list(urlset.iter(f"{SITEMAP_NS}lastmod"))) == len(named)
    news = ET.fromstring(client.get(news_url).content)
    dates = [e.text or "" for e in news.iter(f"{NEWS_NS}publication_date")]
    titles = [e.text for e in news.iter(f"{NEWS_NS}title")]
    assert len(dates) == 10 and all(d.startswith("20") for d in dates)
    assert titles == [a.title for a in haugiang.articles[:10]]
    sotttt = portal.site("sotttt")
    assert "Sitemap:" not in client.get(sotttt.base_url + "/robots.txt").text
    plain = ET.fromstring(client.get(sotttt.base_url + "/sitemap.xml").content)
    assert len(list(plain.iter(f"{SITEMAP_NS}url"))) == len(sotttt.articles) + len(sotttt.notices)
    assert client.get(portal.site("quangtri").base_url + "/sitemap.xml").status_code == 404


@pytest.mark.parametrize("name", ["haugiang", "sotttt", "quangtri"])
def test_notices_are_a_section_of_their_own(
    portal: SamplePortal, client: httpx.Client, name: str
) -> None:
    site = portal.site(name)
    assert len(site.notices) == 12 and not {n.url for n in site.notices} & {
        a.url for a in site.articles
    }
    listing = client.get(site.sections[1]).text
    linked = {urljoin(site.sections[1], h) for h in _paths(listing)}
    assert {n.url for n in site.notices[:10]} <= linked
    notice = client.get(site.notices[0].url)
    assert notice.status_code == 200 and site.notices[0].title in _reader_text(notice.text)


@pytest.mark.parametrize("name", ["haugiang", "sotttt", "quangtri"])
def test_a_listing_crawl_never_meets_the_notices(
    portal: SamplePortal, client: httpx.Client, name: str
) -> None:
    site = portal.site(name)
    notices = {n.url for n in site.notices} | {site.sections[1]}
    pages = [site.start_url]
    for article in site.articles[:12]:
        pages.append(article.url)
    for page in pages:
        linked = {urljoin(page, h) for h in _paths(client.get(page).text)}
        assert not linked & notices, page
    found, _ = _walk_listing(site, client)
    assert found == [a.url for a in site.articles]


def test_sections_move_and_vanish(client: httpx.Client) -> None:
    with SamplePortal(articles_per_site=12) as portal:
        before = portal.site("quangtri")
        portal.move_section("quangtri")
        after = portal.site("quangtri")
        assert after.sections[0] == before.sections[0] and after.sections[1] != before.sections[1]
        assert client.get(before.sections[1]).status_code == 404
        menu = _paths(client.get(after.home_url).text)
        assert after.sections[1].removeprefix(after.base_url) in menu
        assert before.sections[1].removeprefix(before.base_url) not in menu
        fresh = after.notices[0]
        assert (
            fresh.url not in {n.url for n in before.notices} and after.notices[1:] == before.notices
        )
        assert fresh.url in {
            urljoin(after.base_url, h) for h in _paths(client.get(after.sections[1]).text)
        }
        portal.drop_section("haugiang")
        dropped = portal.site("haugiang")
        assert len(dropped.sections) == 1 and "Thông báo" not in client.get(dropped.home_url).text
        assert client.get(dropped.base_url + "/thong-bao").status_code == 404
        assert client.get(dropped.notices[0].url).status_code == 200


def test_home_seeds_start_from_the_home_page(portal: SamplePortal, tmp_path: Path) -> None:
    listing, home = portal.seed_dicts(), portal.seed_dicts(home=True)
    assert [s["start_urls"] for s in home] == [[s.home_url] for s in portal.sites]
    assert all("max_listing_pages" not in s for s in home)
    assert [
        {k: v for k, v in s.items() if k not in ("start_urls", "max_listing_pages")}
        for s in listing
    ] == [{k: v for k, v in s.items() if k != "start_urls"} for s in home]
    path = portal.write_seeds(tmp_path, home=True)[0]
    assert tomllib.loads(path.read_text("utf-8")) == home[0]


def test_an_article_or_listing_request_never_lists_every_story(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page is answered without listing the site's stories (what feeds and sitemaps
    do): else each request costs as much as the site is large, and a benchmark of
    20,000 articles measures the portal, not the crawler."""
    with SamplePortal(articles_per_site=24) as running:
        sites = running._sites[:3]

        def listed(self: WebSite, site: object = None) -> None:
            raise AssertionError(f"{self.name} listed every story for one page")

        monkeypatch.setattr(WebSite, "entries", listed)
        for site, truth in zip(sites, running.sites[:3], strict=True):
            for url in (truth.articles[5].url, truth.start_url, truth.home_url):
                target = url.removeprefix(truth.base_url)
                assert site.route(target).status == 200, url
