"""Sitemaps in the crawl (issue 16): article links with their dates at one request
per many articles, for incremental runs and for backfill. Real HTTP (a fault server
on 127.0.0.1), the real CLI, a real SQLite file.

- a sitemap index and its children give every article on a first run;
- a child whose <lastmod> is older than the run that read it is not read again;
- an article whose <lastmod> is after its fetch is fetched again (changed);
- max_sitemap_urls bounds a run, and the next run goes on where it stopped
  (backfill), never taking the same links twice;
- a broken sitemap is said, per site, and the run goes on."""

from __future__ import annotations

import gzip
from dataclasses import asdict
from pathlib import Path
from typing import Any

from archiver.api import fetch_sites
from archiver.seeds import load_seeds
from faults import (
    FaultServer,
    Reply,
    add_listing,
    always,
    article,
    cli,
    page_html,
    write_seed,
)

OLD = "2020-01-01T08:00:00+07:00"
HREFS = [f"/bai-viet/tin-{n}.html" for n in range(1, 9)]


def urlset(server: FaultServer, hrefs: list[str], lastmod: str = OLD) -> bytes:
    rows = "".join(
        f"<url><loc>{server.url(h)}</loc><lastmod>{lastmod}</lastmod></url>" for h in hrefs
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'
    ).encode()


def index(server: FaultServer, children: dict[str, str]) -> bytes:
    rows = "".join(
        f"<sitemap><loc>{server.url(path)}</loc><lastmod>{lastmod}</lastmod></sitemap>"
        for path, lastmod in children.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}'
        "</sitemapindex>"
    ).encode()


def xml(body: bytes) -> Reply:
    return Reply(200, body, content_type="application/xml")


def feed_of(server: FaultServer, path: str, hrefs: list[str]) -> None:
    """An RSS feed at path naming hrefs, and the article behind each."""
    items = "".join(f"<item><link>{server.url(h)}</link></item>" for h in hrefs)
    server.routes[path] = always(
        xml(f'<rss version="2.0"><channel>{items}</channel></rss>'.encode())
    )
    for href in hrefs:
        server.routes[href] = always(article(href))


def site(server: FaultServer, tmp_path: Path, **keys: object) -> tuple[Path, Path]:
    """A portal whose home page links nothing: its sitemaps are the only way in."""
    server.routes["/"] = always(Reply(200, page_html("Cổng thông tin", "<p>Xin chào</p>")))
    server.routes["/robots.txt"] = always(
        Reply(
            200,
            f"User-agent: *\nSitemap: {server.url('/sitemap.xml')}\n",
            content_type="text/plain",
        )
    )
    server.routes["/sitemap.xml"] = always(xml(index(server, {"/s1.xml": OLD, "/s2.xml.gz": OLD})))
    server.routes["/s1.xml"] = always(xml(urlset(server, HREFS[:4])))
    server.routes["/s2.xml.gz"] = always(
        Reply(200, gzip.compress(urlset(server, HREFS[4:])), content_type="application/x-gzip")
    )
    for href in HREFS:
        server.routes[href] = always(article(href))
    seeds = tmp_path / "seeds"
    write_seed(seeds, server, start_urls=[server.url("/")], **keys)
    return seeds, tmp_path / "archive.db"


def fetch(seeds: Path, db: Path) -> dict[str, Any]:
    """One run in this process, as `archiver fetch` does it (the CLI's own part is
    held by the last test of this file): the site's counts."""
    summary = fetch_sites(db, load_seeds(seeds))
    return asdict(summary.sites["faulty"])


def test_an_index_and_its_children_give_every_article(server: FaultServer, tmp_path: Path) -> None:
    seeds, db = site(server, tmp_path)
    stats = fetch(seeds, db)
    assert stats["articles_new"] == len(HREFS) and stats["errors"] == 0
    assert stats["sitemaps"] == 3 and stats["feed_links"] == len(HREFS)
    assert all(len(server.hits(h)) == 1 for h in HREFS)


def test_unchanged_children_are_not_read_again_and_changed_articles_are(
    server: FaultServer, tmp_path: Path
) -> None:
    seeds, db = site(server, tmp_path)
    fetch(seeds, db)
    again = fetch(seeds, db)
    assert again["articles_new"] == 0 and again["feed_links"] == 0
    assert len(server.hits("/s1.xml")) == 1 and len(server.hits("/s2.xml.gz")) == 1
    assert len(server.hits("/sitemap.xml")) == 2  # the index is read every run
    # the second child changes: one article of it says it changed after it was fetched
    later = "2099-01-01T00:00:00+07:00"
    server.routes["/sitemap.xml"] = always(
        xml(index(server, {"/s1.xml": OLD, "/s2.xml.gz": later}))
    )
    body = urlset(server, HREFS[4:5], later) + b""
    rest = urlset(server, HREFS[5:])
    merged = body.replace(
        b"</urlset>", rest.split(b'0.9">', 1)[1].replace(b"</urlset>", b"") + b"</urlset>"
    )
    server.routes["/s2.xml.gz"] = always(
        Reply(200, gzip.compress(merged), content_type="application/x-gzip")
    )
    third = fetch(seeds, db)
    assert len(server.hits("/s1.xml")) == 1 and len(server.hits("/s2.xml.gz")) == 2
    assert third["feed_links"] == 1
    assert len(server.hits(HREFS[4])) == 2
    assert all(len(server.hits(h)) == 1 for h in HREFS if h != HREFS[4])


def test_a_bounded_run_is_backfilled_by_the_next(server: FaultServer, tmp_path: Path) -> None:
    seeds, db = site(server, tmp_path, max_sitemap_urls=3)
    archived = 0
    for _ in range(3):
        stats = fetch(seeds, db)
        assert stats["articles_new"] <= 3
        archived += stats["articles_new"]
    assert archived == len(HREFS)
    assert all(len(server.hits(h)) == 1 for h in HREFS)


def test_a_broken_sitemap_is_said_and_the_run_goes_on(server: FaultServer, tmp_path: Path) -> None:
    seeds, db = site(server, tmp_path)
    server.routes["/s2.xml.gz"] = always(
        Reply(200, gzip.compress(urlset(server, HREFS[4:]))[:60], content_type="application/x-gzip")
    )
    run = cli("fetch", "--seeds", str(seeds), "--db", str(db), "--format", "json")
    stats = run.site()
    assert stats["articles_new"] >= 4
    assert len(stats["discovery_problems"]) == 1
    assert stats["discovery_problems"][0].startswith(server.url("/s2.xml.gz") + ": ")
    assert "feed or sitemap problem" in run.stderr


def test_a_seeds_own_sections_and_feeds_without_discovery(
    server: FaultServer, tmp_path: Path
) -> None:
    """A seed that names its sections and a feed (no home page, no discovery) walks
    each; a named section that fails is the site's error, said with its URL."""
    add_listing(server, [HREFS[:2]], "/tin-tuc")
    add_listing(server, [HREFS[2:4]], "/thong-bao")
    rss = "".join(
        f"<item><title>{h}</title><link>{server.url(h)}</link>"
        "<pubDate>Tue, 01 Jul 2025 08:30:00 +0700</pubDate></item>"
        for h in HREFS[4:6]
    )
    server.routes["/rss.xml"] = always(
        xml(f'<?xml version="1.0"?><rss version="2.0"><channel>{rss}</channel></rss>'.encode())
    )
    for href in HREFS:
        server.routes[href] = always(article(href))
    seeds = tmp_path / "seeds"
    write_seed(
        seeds,
        server,
        sections=[server.url("/thong-bao"), server.url("/gone")],
        feeds=[server.url("/rss.xml")],
    )
    stats = fetch(seeds, tmp_path / "a.db")
    assert stats["articles_new"] == 6 and stats["feeds"] == 1
    assert stats["errors"] == 1 and stats["first_error"].startswith(server.url("/gone"))
    assert not server.hits("/")  # no discovery asked for: the home page is not read


def test_a_feed_gone_is_said_once_and_not_asked_for_again(
    server: FaultServer, tmp_path: Path
) -> None:
    feed = server.url("/rss/tin-tuc.rss")
    head = f'<link rel="alternate" type="application/rss+xml" href="{feed}">'
    server.routes["/"] = always(Reply(200, page_html("Cổng", "<p>Xin chào</p>", head=head)))
    feed_of(server, "/rss/tin-tuc.rss", HREFS[:2])
    seeds = tmp_path / "seeds"
    write_seed(seeds, server, start_urls=[server.url("/")])
    db = tmp_path / "archive.db"
    assert fetch(seeds, db)["articles_new"] == 2
    server.routes["/"] = always(Reply(200, page_html("Cổng", "<p>Xin chào</p>")))
    server.routes["/rss/tin-tuc.rss"] = always(Reply(404, "Không tìm thấy"))
    second = fetch(seeds, db)
    assert second["discovery_problems"] == [f"{feed}: HTTP 404"]
    third = fetch(seeds, db)
    assert third["discovery_problems"] == []
    assert len(server.hits("/rss/tin-tuc.rss")) == 2


def test_an_rss_page_the_home_page_does_not_link_is_found_at_rss(
    server: FaultServer, tmp_path: Path
) -> None:
    """Many portals have an "RSS" page at /rss that no menu links: asked for when the
    home page names no feed; where there is none, not asked again for a week."""
    server.routes["/"] = always(Reply(200, page_html("Cổng", "<p>Xin chào</p>")))
    listed = '<ul><li><a href="/rss/thoi-su.rss">Thời sự</a></li></ul>'
    server.routes["/rss"] = always(Reply(200, page_html("RSS", listed)))
    feed_of(server, "/rss/thoi-su.rss", HREFS[:3])
    seeds = tmp_path / "seeds"
    write_seed(seeds, server, start_urls=[server.url("/")])
    stats = fetch(seeds, tmp_path / "a.db")
    assert stats["articles_new"] == 3 and stats["feeds"] == 1

    del server.routes["/rss"]  # another portal, with no RSS page
    other = tmp_path / "other"
    write_seed(other, server, name="other", start_urls=[server.url("/")])
    for _ in range(2):
        summary = fetch_sites(tmp_path / "b.db", load_seeds(other))
        assert summary.sites["other"].discovery_problems == []
    assert len(server.hits("/rss")) == 2  # once for each portal's first run


def test_a_home_page_that_leads_nowhere_is_said(server: FaultServer, tmp_path: Path) -> None:
    """A portal moved to a script-rendered front end: its home page answers, but
    offers no section, feed or sitemap. The run says so, and fails."""
    shell = page_html("Cổng thông tin", "<div id='root'>Đang tải dữ liệu...</div>")
    server.routes["/"] = always(Reply(200, shell))
    seeds = tmp_path / "seeds"
    write_seed(seeds, server, start_urls=[server.url("/")])
    run = cli("fetch", "--seeds", str(seeds), "--db", str(tmp_path / "a.db"))
    assert run.code == 1
    assert "faulty: unhealthy: the home page led to no news section, feed or sitemap" in run.stderr
