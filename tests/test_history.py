"""The archive remembers: one record per story, every real change kept (issue 5).
Integration tests run the real CLI against the fault server over loopback."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from archiver import reparse as reparse_module
from archiver.model import Record
from archiver.normalize import canonical_url
from archiver.reparse import reparse
from archiver.store import Archive
from faults import (
    FaultServer,
    Reply,
    add_listing,
    add_news,
    always,
    article,
    article_html,
    cli,
    fetch,
    paragraphs_for,
    rows,
    title_for,
    write_seed,
)

HREFS = [f"/a/{n}" for n in range(1, 6)]


def count(db: Path, table: str) -> int:
    return int(rows(db, f"SELECT count(*) FROM {table}")[0][0])


def page_with(href: str, paragraphs: list[str], views: int, clock: str = "") -> Reply:
    """The article at href with its view counter and a header clock, as portals show."""
    extra = f"<p>Số lần xem: {views}</p>"
    html = article_html(title_for(href), paragraphs).replace(
        '<div class="content">',
        f'<div class="header-date">{clock}</div>{extra}<div class="content">',
    )
    return Reply(200, html)


@pytest.mark.slow
def test_counters_and_clocks_make_no_revision_but_a_body_edit_makes_one(
    server: FaultServer, tmp_path: Path
) -> None:
    add_news(server, HREFS)
    href = "/a/3"
    server.routes[href] = always(page_with(href, paragraphs_for(href), 427, "Thứ 3, 07/07/2026"))
    seed, db = write_seed(tmp_path / "seeds", server), tmp_path / "archive.db"
    assert fetch(seed, db).code == 0
    before = count(db, "revisions")

    server.routes[href] = always(page_with(href, paragraphs_for(href), 431, "Thứ 4, 08/07/2026"))
    again = fetch(seed, db, "--full")
    assert again.site()["articles_updated"] == 0 and count(db, "revisions") == before
    (article_id,) = rows(db, "SELECT id FROM articles WHERE url = ?", server.url(href))[0]
    views = [
        r[0]
        for r in rows(
            db, "SELECT view_count FROM view_counts WHERE article_id = ? ORDER BY rowid", article_id
        )
    ]
    assert views == [427, 431]

    edited = [*paragraphs_for(href)[:2], "Đoạn này đã được biên tập viên sửa lại sau khi đăng."]
    server.routes[href] = always(page_with(href, edited, 440))
    third = fetch(seed, db, "--full")
    assert third.site()["articles_updated"] == 1
    assert count(db, "revisions") == before + 1

    shown = cli("show", server.url(href), "--history", "--db", str(db), "--format", "json")
    revisions = json.loads(shown.stdout)["revisions"]
    assert [r["changed"] for r in revisions] == [[], ["body"]]
    assert "+Đoạn này đã được biên tập viên sửa lại sau khi đăng." in revisions[1]["diff"]
    assert "-" + paragraphs_for(href)[2] in revisions[1]["diff"]
    text = cli("show", server.url(href), "--history", "--db", str(db))
    assert "revisions (2):" in text.stdout and "body" in text.stdout


def test_url_variants_are_one_article(server: FaultServer, tmp_path: Path) -> None:
    variants = ["/a/1", "/a/1?utm_source=zalo", "/a/1#binh-luan", "/a/1?fbclid=IwAR3", "/a/2"]
    add_listing(server, [variants])
    for href in ("/a/1", "/a/2"):
        server.routes[href] = always(article(href))
    db = tmp_path / "archive.db"
    run = fetch(write_seed(tmp_path / "seeds", server), db)
    assert run.code == 0, run.stderr
    assert count(db, "articles") == 2
    assert len(server.hits("/a/1")) == 1  # fetched once, not once per variant


def test_the_same_story_on_two_sites_is_linked_and_searched_once(
    server: FaultServer, tmp_path: Path
) -> None:
    story = paragraphs_for("/story")
    # the paper's item, and the portal's copy: a lead tag, its own byline and sidebar
    server.routes["/bao/a"] = always(Reply(200, article_html("Hội nghị tổng kết năm", story)))
    copy = ["(HG) - " + story[0], *story[1:], "Thanh Tâm"]
    portal_page = article_html("Hậu Giang: hội nghị tổng kết năm", copy).replace(
        "</body>",
        '<div class="other-news"><h3>Tin đã đưa</h3><ul><li>Tin khác</li></ul></div></body>',
    )
    server.routes["/cong/a"] = always(Reply(200, portal_page))
    add_listing(server, [["/bao/a"]], path="/bao")
    add_listing(server, [["/cong/a"]], path="/cong")
    seeds = tmp_path / "seeds"
    write_seed(seeds, server, name="bao", start_urls=[server.url("/bao")])
    write_seed(seeds, server, name="cong", start_urls=[server.url("/cong")])
    db = tmp_path / "archive.db"
    run = cli("fetch", "--seeds", str(seeds), "--db", str(db), "--format", "json")
    assert run.code == 0, run.stderr
    linked = {
        r["site"]: r["duplicate_of"] for r in rows(db, "SELECT site, duplicate_of FROM articles")
    }
    first = rows(db, "SELECT id FROM articles WHERE site = 'bao'")[0][0]
    assert linked == {"bao": None, "cong": first}
    assert run.summary["sites"]["cong"]["duplicates"] == 1

    word = story[0].split()[3]
    one = json.loads(cli("search", word, "--db", str(db), "--format", "json").stdout)
    both = json.loads(
        cli("search", word, "--duplicates", "--db", str(db), "--format", "json").stdout
    )
    assert [h["site"] for h in one] == ["bao"]
    assert sorted(h["site"] for h in both) == ["bao", "cong"]


def test_near_duplicate_links_are_deterministic() -> None:
    bodies = ["\n\n".join(paragraphs_for(f"/x/{n % 3}")) + f"\n\nNguồn {n}" for n in range(9)]

    def links() -> list[int | None]:
        archive = Archive.memory()
        for n, body in enumerate(bodies):
            rec = Record(url=f"https://a.vn/{n}", kind="article", title=f"Tin {n}", body=body)
            archive.save_article(site="a", record=rec, raw=str(n).encode())
        return [article.duplicate_of for article, _ in archive.articles()]

    first = links()
    assert first == links()
    assert first == [None, None, None, 1, 2, 3, 1, 2, 3]


def test_reparse_adds_revisions_only_where_the_parser_now_reads_differently(
    server: FaultServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_news(server, HREFS)
    db = tmp_path / "archive.db"
    assert fetch(write_seed(tmp_path / "seeds", server), db).code == 0
    assert count(db, "revisions") == 5
    archive = Archive.open(db)
    assert reparse(archive).changed == 0  # the same parser reads the same pages the same way

    improved = reparse_module.parse_page

    def better(html: str, url: str, selectors: object = None) -> Record:
        record = improved(html, url)
        if url.endswith(("/a/2", "/a/4")):  # say the new parser now drops a sign-off line
            return replace(record, body=(record.body or "").rsplit("\n\n", 1)[0])
        return record

    monkeypatch.setattr(reparse_module, "parse_page", better)
    summary = reparse(archive)
    assert (summary.examined, summary.changed, summary.unchanged) == (5, 2, 3)
    changed = rows(
        db,
        "SELECT a.url FROM revisions r JOIN articles a ON a.id = r.article_id"
        " GROUP BY a.id HAVING count(*) = 2",
    )
    assert sorted(r[0] for r in changed) == [canonical_url(server.url(h)) for h in ("/a/2", "/a/4")]
    assert reparse(archive).changed == 0  # and once more changes nothing


def test_raw_pages_are_kept_zstd_compressed(server: FaultServer, tmp_path: Path) -> None:
    add_news(server, HREFS)
    db = tmp_path / "archive.db"
    fetch(write_seed(tmp_path / "seeds", server), db)
    kinds = {r[0] for r in rows(db, "SELECT compression FROM raw_pages")}
    assert kinds == {"zstd"}
    archive = Archive.open(db)
    sha = rows(db, "SELECT raw_sha256 FROM articles WHERE url = ?", server.url("/a/1"))[0][0]
    assert title_for("/a/1").encode() in archive.raw_page(sha)


def test_a_page_naming_its_canonical_url_is_one_article_however_reached(
    server: FaultServer, tmp_path: Path
) -> None:
    head = f'<link rel="canonical" href="{server.url("/a/1")}">'
    page = Reply(200, article_html(title_for("/a/1"), paragraphs_for("/a/1"), head=head))
    for href in ("/a/1", "/print/a/1", "/a/1-ban-in"):
        server.routes[href] = always(page)
    elsewhere = '<link rel="canonical" href="https://other.example.vn/a/2">'
    server.routes["/a/2"] = always(
        Reply(200, article_html(title_for("/a/2"), paragraphs_for("/a/2"), head=elsewhere))
    )
    add_listing(server, [["/a/1", "/print/a/1", "/a/1-ban-in", "/a/2"]])
    db = tmp_path / "archive.db"
    run = fetch(write_seed(tmp_path / "seeds", server), db)
    assert run.code == 0, run.stderr
    stored = sorted(r[0] for r in rows(db, "SELECT url FROM articles"))
    # the off-site canonical is not believed: /a/2 keeps its own URL
    assert stored == sorted([canonical_url(server.url("/a/1")), canonical_url(server.url("/a/2"))])
    assert count(db, "revisions") == 2
