"""One bad page never aborts the run (issue 13): a redirect to no web address, a
Retry-After no clock can hold, a pager link with a control character. Each is that
page's failure with a reason, or that value's problem; the other sites of the run,
and the site's other pages, are archived as usual, and no traceback is printed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archiver import pipeline
from faults import (
    FaultServer,
    Reply,
    add_listing,
    add_news,
    always,
    article_urls,
    failures,
    fetch,
    fetch_here,
    listing_html,
    page_html,
    redirect,
    rows,
    write_seed,
)

HREFS = [f"/a/{n}" for n in range(1, 6)]
GOOD = [f"/b/{n}" for n in range(1, 5)]
NO_WEB_ADDRESS = [
    "http://127.0.0.1:99999/x",
    "http://127.0.0.1:-1/x",
    "http://[oops/x",
    "data:text/html,<p>hi</p>",
    "javascript:alert(1)",
    "http:vm",
]


def _two_sites(server: FaultServer, tmp_path: Path) -> tuple[Path, Path]:
    """Seeds for the faulty site (its listing at /tin-tuc) and a good one beside it."""
    add_listing(server, [GOOD], "/good")
    for href in GOOD:
        server.routes[href] = always(Reply(200, _article_of(href)))
    seeds = tmp_path / "seeds"
    write_seed(seeds, server)
    write_seed(seeds, server, name="good", start_urls=[server.url("/good")])
    return seeds, tmp_path / "archive.db"


def _article_of(href: str) -> str:
    from faults import article_html, paragraphs_for, title_for

    return article_html(title_for(href), paragraphs_for(href))


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr and "Error:" not in stderr.replace("error:", ""), stderr


def test_redirects_to_no_web_address_are_each_that_pages_failure(
    server: FaultServer, tmp_path: Path
) -> None:
    """One run: a listing and an article redirected to each address that is none
    (ports out of range, a bad bracketed host, data:, javascript:, http:vm)."""
    bad_articles = [f"/a/bad-{n}" for n in range(len(NO_WEB_ADDRESS))]
    bad_listings = [f"/l/{n}" for n in range(len(NO_WEB_ADDRESS))]
    add_news(server, HREFS + bad_articles, per_page=20)
    for n, target in enumerate(NO_WEB_ADDRESS):
        server.routes[bad_articles[n]] = always(redirect(target))
        server.routes[bad_listings[n]] = always(redirect(target))
    seeds, db = _two_sites(server, tmp_path)
    starts = [server.url("/tin-tuc"), *(server.url(p) for p in bad_listings)]
    write_seed(seeds, server, start_urls=starts)

    run = fetch(seeds, db)

    _no_traceback(run.stderr)
    assert run.code == 1
    failed = failures(db)
    for path in bad_articles + bad_listings:
        assert "not a web address" in failed[server.url(path)], path
        assert "internal error" not in failed[server.url(path)], path
    assert article_urls(db) == {server.url(h) for h in HREFS + GOOD}
    assert run.site("good")["health"] == "ok"
    assert [r["status"] for r in rows(db, "SELECT status FROM runs")] == ["partial"]


RETRY_AFTERS = ["999999999999", "9" * 400, "\u00e9\u00e9", "-5", "Wed, 99 Foo 99999 99:99"]


@pytest.mark.slow
def test_a_retry_after_no_clock_can_hold_is_a_failure_with_its_status(
    server: FaultServer, tmp_path: Path
) -> None:
    """One run: an article answering 503 with each Retry-After no clock can hold."""
    busy = [f"/a/busy-{n}" for n in range(len(RETRY_AFTERS))]
    add_news(server, HREFS + busy, per_page=20)
    for path, value in zip(busy, RETRY_AFTERS, strict=True):
        server.routes[path] = always(
            Reply(503, page_html("Bận", ""), headers={"Retry-After": value})
        )
    seeds, db = _two_sites(server, tmp_path)
    write_seed(seeds, server, concurrency=len(busy))  # the back-offs run side by side

    run = fetch(seeds, db)

    _no_traceback(run.stderr)
    failed = failures(db)
    assert sorted(failed) == sorted(server.url(p) for p in busy)
    assert all(r.startswith("HTTP 503") for r in failed.values()), failed
    assert article_urls(db) == {server.url(h) for h in HREFS + GOOD}
    retries = rows(db, "SELECT next_try FROM pages WHERE state = 'failed'")
    assert len(retries) == len(busy)
    assert all(r["next_try"] < "2100" for r in retries)  # a day or a week away at most


def test_a_pager_link_with_a_control_character_is_a_problem_not_a_crash(
    server: FaultServer, tmp_path: Path
) -> None:
    add_news(server, HREFS, per_page=5)
    server.routes["/tin-tuc"] = always(Reply(200, listing_html(HREFS, "?page=2\x1b[2J")))
    seeds, db = _two_sites(server, tmp_path)

    run = fetch(seeds, db)

    _no_traceback(run.stderr)
    assert run.code == 0, run.stderr
    assert article_urls(db) == {server.url(h) for h in HREFS + GOOD}
    assert run.site()["first_problem"] == (
        f"{server.url('/tin-tuc')}: link not read: '?page=2\\x1b[2J'"
    )


def test_an_error_no_one_foresaw_in_one_site_is_that_sites_alone(
    server: FaultServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In this process, a listing walk that raises what no code expects: the listing
    is the site's failure with its reason, the other site is archived, the run ends
    with its status recorded."""
    add_news(server, HREFS)
    seeds, db = _two_sites(server, tmp_path)
    walk = pipeline.SiteCrawl._walk_listing

    async def broken(self: pipeline.SiteCrawl, url: str) -> None:
        if self.site.name == "faulty":
            raise RuntimeError("a bug in a listing walk")
        await walk(self, url)

    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    monkeypatch.setattr(pipeline.SiteCrawl, "_walk_listing", broken)
    summary = fetch_here(seeds, db)

    assert summary.status == "partial"
    assert summary.sites["faulty"].first_error == (
        f"{server.url('/tin-tuc')}: internal error: RuntimeError: a bug in a listing walk"
    )
    assert article_urls(db) == {server.url(h) for h in GOOD}
    assert [r["status"] for r in rows(db, "SELECT status FROM runs")] == ["partial"]


def test_a_crawl_delay_over_the_cap_skips_the_host_for_the_run(
    server: FaultServer, tmp_path: Path
) -> None:
    """Crawl-delay: 100000 would hold the run, and its lock, for days: the host is
    reported and not crawled; the other site of the run is archived."""
    add_news(server, HREFS)
    robots = "User-agent: *\nCrawl-delay: 100000\n"
    seeds, db = tmp_path / "seeds", tmp_path / "archive.db"
    write_seed(seeds, server)
    add_listing(server, [GOOD], "/good")
    for href in GOOD:
        server.routes[href] = always(Reply(200, _article_of(href)))
    # the good site on another host name of the same server, with no robots.txt rule
    write_seed(seeds, server, name="good", start_urls=[server.url("/good", host="localhost")],
               allowed_domains=["localhost"])  # fmt: skip
    server.routes["/robots.txt"] = lambda request: (
        Reply(200, robots, content_type="text/plain")
        if request.headers.get("host", "").startswith("127.0.0.1")
        else Reply(404, "")
    )

    run = fetch(seeds, db)

    _no_traceback(run.stderr)
    assert run.code == 1
    assert "Crawl-delay of 100000 s, over archiver's cap of 60 s" in run.site()["first_error"]
    assert article_urls(db) == {server.url(h, host="localhost") for h in GOOD}


@pytest.mark.slow
def test_max_duration_stops_the_run_cleanly_and_the_next_goes_on(
    server: FaultServer, tmp_path: Path
) -> None:
    hrefs = [f"/a/{n}" for n in range(1, 9)]
    add_news(server, hrefs, per_page=8)
    seeds, db = tmp_path / "seeds", tmp_path / "archive.db"
    write_seed(seeds, server, rate_limit=4.0, concurrency=1)  # 9 pages: over 2 s

    first = fetch(seeds, db, "--max-duration", "1")

    _no_traceback(first.stderr)
    assert first.code == 1
    assert first.summary["status"] == "partial"
    assert first.summary["stopped"].startswith("stopped after --max-duration 1 s")
    assert "stopped after --max-duration 1 s" in first.stderr
    kept = article_urls(db)
    assert len(kept) < len(hrefs)
    (recorded,) = rows(db, "SELECT status FROM runs")
    assert recorded["status"] == "partial"

    second = fetch(seeds, db)

    assert second.code == 0, second.stderr
    assert article_urls(db) == {server.url(h) for h in hrefs}


@pytest.mark.parametrize("size", [1_000, 30_000])
def test_a_server_setting_a_cookie_on_every_page_never_grows_the_cookie_header(
    server: FaultServer, tmp_path: Path, size: int
) -> None:
    hrefs = [f"/a/{n}" for n in range(1, 21)]
    add_news(server, hrefs, per_page=20)
    for n, href in enumerate(hrefs):
        cookie = f"visit{n}={'x' * size}; Path=/"
        server.routes[href] = always(Reply(200, _article_of(href), headers={"Set-Cookie": cookie}))
    seeds, db = tmp_path / "seeds", tmp_path / "archive.db"
    write_seed(seeds, server, concurrency=1)

    run = fetch(seeds, db)

    assert run.code == 0, run.stderr
    assert article_urls(db) == {server.url(h) for h in hrefs}
    sent = [len(h.headers.get("cookie", "")) for h in server.log]
    assert max(sent) <= 8192, sent


@pytest.mark.parametrize("target", ["http://127.0.0.1:99999/x", "javascript:alert(1)"])
def test_parse_of_a_url_redirected_to_no_web_address_is_one_line(
    server: FaultServer, target: str
) -> None:
    from typer.testing import CliRunner

    from archiver.cli import app

    server.routes["/r"] = always(redirect(target))
    result = CliRunner().invoke(app, ["parse", server.url("/r")])
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"archiver: {server.url('/r')}: ") and "not a web address" in line
