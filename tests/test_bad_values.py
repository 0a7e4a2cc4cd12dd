"""A bad value costs only itself (issue 13): a URL that is no URL, a JSON-LD block
nested too deep, a page whose extraction fails. The rest of the record is kept, the
problem is named on the record and in the archive, and a page that could not be
parsed at all is a failure fetched again later, never a page marked done."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import archiver.extract
from archiver import pipeline
from archiver.errors import StoreError
from archiver.extract import generic, parse_page
from archiver.model import Record
from archiver.seeds import load_seeds
from archiver.store import Archive
from faults import (
    FaultServer,
    Reply,
    add_news,
    always,
    article_html,
    failures,
    fetch,
    fetch_here,
    paragraphs_for,
    rows,
    title_for,
    write_seed,
)

URL = "http://hoabinh.sample/tin/hoi-nghi.html"
PARAS = paragraphs_for("/tin/hoi-nghi.html") * 2
BAD_URLS = [
    "http://[cdn]/a.jpg",  # a bracketed host that is no IPv6 address
    "http://hoabinh.sample:99999/a.jpg",  # a port out of range
    "http://hoabinh.sample/\x1b[2Ja.jpg",  # a control character (clears a terminal)
]


def _story(inside: str, head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAS[:3])
    rest = "".join(f"<p>{p}</p>" for p in PARAS[3:])
    return (
        f"<html><head><title>Hội nghị tổng kết</title>{head}</head><body><article>"
        f"<h1>Hội nghị tổng kết năm</h1>{body}{inside}{rest}</article></body></html>"
    )


@pytest.mark.parametrize("bad", BAD_URLS, ids=["ipv6", "port", "esc"])
def test_an_image_or_file_that_is_no_url_costs_only_itself(bad: str) -> None:
    inside = (
        f'<p><img src="{bad}"></p><p><img src="/anh/1.jpg"></p>'
        f'<p><a href="{bad[:-4]}.pdf">Tải văn bản</a> <a href="/files/qd.pdf">Quyết định</a></p>'
    )
    record = parse_page(_story(inside), URL)
    assert (record.kind, record.title) == ("article", "Hội nghị tổng kết năm")
    assert record.body is not None and all(p in record.body for p in PARAS)
    assert [i.url for i in record.images] == ["http://hoabinh.sample/anh/1.jpg"]
    assert [a.url for a in record.attachments] == ["http://hoabinh.sample/files/qd.pdf"]
    assert record.problems == (
        f"image URL not read: {bad!r}",
        f"attachment URL not read: {bad[:-4] + '.pdf'!r}",
    )


@pytest.mark.parametrize(
    ("block", "why"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deep"),
        ('{"@type": "NewsArticle", "headline": "Hội nghị",}', "Expecting property name"),
    ],
    ids=["deep", "invalid"],
)
def test_a_json_ld_block_that_cannot_be_read_costs_only_itself(block: str, why: str) -> None:
    head = f'<script type="application/ld+json">{block}</script>'
    record = parse_page(_story("", head), URL)
    assert (record.kind, record.title) == ("article", "Hội nghị tổng kết năm")
    assert record.body is not None and all(p in record.body for p in PARAS)
    (problem,) = record.problems
    assert problem.startswith("JSON-LD block not read (") and why in problem


@pytest.mark.parametrize("bad", ["http://[oops/x", "http://hoabinh.sample:-1/x", "/tin/\x1bx"])
def test_one_bad_link_in_a_listing_costs_only_itself(bad: str) -> None:
    hrefs = [f"/tin/bai-so-{n}.html" for n in range(8)]
    items = [f'<li><a href="{h}">{title_for(h)}</a></li>' for h in hrefs]
    items.insert(3, f'<li><a href="{bad}">{title_for("/hong")}</a></li>')
    page = f"<html><body><ul class='news'>{''.join(items)}</ul></body></html>"
    record = parse_page(page, "http://hoabinh.sample/tin/")
    assert record.links.articles == tuple(f"http://hoabinh.sample{h}" for h in hrefs)
    assert record.problems == (f"link not read: {bad!r}",)


def test_a_base_href_that_is_no_url_is_ignored_as_browsers_do() -> None:
    record = parse_page(_story('<p><img src="anh/1.jpg"></p>', '<base href="http://[x/">'), URL)
    assert [i.url for i in record.images] == ["http://hoabinh.sample/tin/anh/1.jpg"]
    assert record.problems == ("<base href> not read: 'http://[x/'",)


def test_a_page_whose_extraction_fails_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> Record:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(archiver.extract, "extract", broken)
    record = parse_page(_story(""), URL)
    assert (record.kind, record.other_kind) == ("other", "error")
    reason = "extraction failed: RecursionError: maximum recursion depth exceeded"
    assert record.kind_reason == f"error: {reason}"
    assert record.problems == (reason,)


# -- in the archive --------------------------------------------------------------------


def test_a_fetch_keeps_the_article_and_names_its_bad_values(
    server: FaultServer, tmp_path: Path
) -> None:
    hrefs = [f"/a/{n}" for n in range(1, 4)]
    add_news(server, hrefs)
    page = article_html(title_for("/a/2"), paragraphs_for("/a/2"))
    bad = f'<div class="content"><p><img src="{BAD_URLS[0]}"></p>'
    server.routes["/a/2"] = always(Reply(200, page.replace('<div class="content">', bad, 1)))
    seeds, db = tmp_path / "seeds", tmp_path / "archive.db"
    write_seed(seeds, server)

    run = fetch(seeds, db)

    assert run.code == 0, run.stderr
    site = run.site()
    assert (site["articles_new"], site["pages_with_problems"]) == (3, 1)
    assert site["first_problem"] == f"{server.url('/a/2')}: image URL not read: {BAD_URLS[0]!r}"
    stored = {r["url"]: json.loads(r["problems"]) for r in rows(db, "SELECT * FROM articles")}
    assert stored == {
        server.url("/a/1"): [],
        server.url("/a/2"): [f"image URL not read: {BAD_URLS[0]!r}"],
        server.url("/a/3"): [],
    }


def test_a_page_that_cannot_be_parsed_is_a_failure_fetched_again(
    server: FaultServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsed in this process (one core), with a parser that fails on one page: that
    page is a failure with its reason, due again later, never marked done."""
    hrefs = [f"/a/{n}" for n in range(1, 4)]
    add_news(server, hrefs)
    seeds, db = tmp_path / "seeds", tmp_path / "archive.db"
    write_seed(seeds, server)
    real = generic.extract

    def extract(html: str | bytes, url: str, *args: Any, **kwargs: Any) -> Record:
        if url.endswith("/a/2"):
            raise RecursionError("too deep")
        return real(html, url, *args, **kwargs)

    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # parsed in this process
    monkeypatch.setattr(archiver.extract, "extract", extract)
    summary = fetch_here(seeds, db)

    site = summary.sites["faulty"]
    assert (site.articles_new, site.errors) == (2, 1)
    reason = "error: extraction failed: RecursionError: too deep"
    assert failures(db) == {server.url("/a/2"): reason}
    with sqlite3.connect(db) as conn:
        state = conn.execute("SELECT state FROM pages WHERE url = ?", [server.url("/a/2")])
        assert state.fetchone()[0] == "failed"


def test_an_archive_that_cannot_be_written_stops_the_run_and_blames_no_page(
    server: FaultServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk (SQLite's page limit, as a full disk answers it) stops the run
    with one StoreError; no URL is recorded as failed, so the next run, with room
    again, archives every article at once rather than after a back-off."""
    hrefs = [f"/a/{n}" for n in range(1, 11)]
    add_news(server, hrefs)
    seeds, db = tmp_path / "seeds", tmp_path / "archive.db"
    write_seed(seeds, server, concurrency=1)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # parsed in this process
    archive = Archive.open(db)
    raw = archive._db  # the fault: this connection's file may grow by 12 pages only
    pages = raw.execute("PRAGMA page_count").fetchone()[0]
    raw.execute(f"PRAGMA max_page_count = {pages + 12}")
    try:
        with pytest.raises(StoreError, match="cannot write the archive: database or disk is full"):
            pipeline.run_fetch(archive, load_seeds(seeds))
    finally:
        archive.close()
    assert failures(db) == {}
    assert rows(db, "SELECT url FROM pages WHERE state = 'failed'") == []
    assert len(rows(db, "SELECT id FROM articles")) < len(hrefs)

    run = fetch(seeds, db)  # room again: a new connection has no page limit

    assert run.code == 0, run.stderr
    assert {r["url"] for r in rows(db, "SELECT url FROM articles")} == {
        server.url(h) for h in hrefs
    }
