"""What a crawl holds in memory does not grow with the site (issue 17): the queue of
article URLs is bounded, so the listing walk waits for the workers; what the run
has seen lives in the archive's temporary tables; an earlier run's queue is read
from the frontier a batch at a time."""

from __future__ import annotations

from pathlib import Path

from archiver import pipeline
from archiver.normalize import canonical_url
from archiver.store import Archive
from archiver.store.frontier import BATCH
from archiver.store.listed import LINKS, QUEUED
from faults import FaultServer, add_listing, add_news, always, article, fetch_here, write_seed

PER_PAGE = 20


def test_the_listing_walk_never_runs_further_ahead_than_the_queue_holds(
    server: FaultServer, tmp_path: Path
) -> None:
    """When listing page k is asked for, the walk has queued the links of pages
    1..k-1; a bounded queue means all but its bound were taken by the workers
    already. An unbounded one let the walk read every listing page first and hold
    every link of the site in memory."""
    hrefs = [f"/a/{n}" for n in range(1, 8 * PER_PAGE + 1)]
    add_news(server, hrefs, per_page=PER_PAGE)
    seeds = write_seed(tmp_path / "seeds", server, concurrency=1, rate_limit=10_000.0)
    summary = fetch_here(seeds, tmp_path / "archive.db")
    assert summary.status == "ok"
    bound = pipeline.WAITING_PER_WORKER * 1
    asked, lags = 0, []
    for hit in server.log:
        if hit.route.startswith("/a/"):
            asked += 1
        elif hit.route == "/tin-tuc" and "page=" in hit.path:
            page = int(hit.path.rsplit("=", 1)[1])
            listed = PER_PAGE * (page - 1)
            lags.append(listed - asked)  # links shown so far that no request took yet
    assert len(lags) == 7 and asked == len(hrefs)
    # the queue's bound, the one URL a worker holds, and one a request is on its way for
    assert max(lags) <= bound + 2, lags


def test_an_article_two_walks_show_is_fetched_once_in_a_run(
    server: FaultServer, tmp_path: Path
) -> None:
    """The run's record of what it queued (store/listed.py) keeps one fetch per URL,
    as the set it replaced did, even when two listings show the same articles."""
    hrefs = [f"/a/{n}" for n in range(1, 13)]
    add_news(server, hrefs, per_page=4)
    add_listing(server, [hrefs[::-1][i : i + 4] for i in range(0, 12, 4)], path="/moi")
    seeds = write_seed(
        tmp_path / "seeds",
        server,
        start_urls=[server.url("/tin-tuc"), server.url("/moi")],
        concurrency=3,
    )
    summary = fetch_here(seeds, tmp_path / "archive.db", options=pipeline.RunOptions(full=True))
    assert summary.status == "ok"
    asked = [hit.route for hit in server.log if hit.route.startswith("/a/")]
    assert sorted(asked) == sorted(hrefs)
    assert summary.sites["faulty"].article_links == len(hrefs)


def test_an_earlier_runs_queue_larger_than_a_batch_is_fetched_whole(
    server: FaultServer, tmp_path: Path
) -> None:
    """A backlog of more than one batch of the frontier's pending pages is read a
    batch at a time, and every page of it is fetched, once."""
    count = BATCH + 37
    hrefs = [f"/a/{n}" for n in range(1, count + 1)]
    for href in hrefs:
        server.routes[href] = always(article(href))
    add_listing(server, [[]])
    db = tmp_path / "archive.db"
    with Archive.open(db) as archive:
        archive.enqueue("faulty", [server.url(h) for h in hrefs])
    seeds = write_seed(tmp_path / "seeds", server, concurrency=4, rate_limit=10_000.0)
    summary = fetch_here(seeds, db)
    asked = [hit.route for hit in server.log if hit.route.startswith("/a/")]
    assert sorted(asked) == sorted(hrefs)
    assert summary.sites["faulty"].articles_new == count


def test_pending_reads_queued_then_due_pages_in_batches(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "archive.db") as archive:
        urls = [f"http://t.example/a/{n}" for n in range(2 * BATCH + 3)]
        archive.enqueue("t", urls)
        archive.enqueue("other", ["http://u.example/a/1"])
        pending = list(archive.pending("t", "article"))
        assert pending == urls
        assert list(archive.pending("t", "listing")) == []


def test_what_a_walk_noted_is_its_own_and_forgotten_with_its_site() -> None:
    archive = Archive.memory()
    one, two = archive.new_walk(), archive.new_walk()
    assert one != two and LINKS not in (one, two) and QUEUED not in (one, two)
    assert archive.note("s", one, ["a", "b", "a"]) == ["a", "b"]
    assert archive.note("s", one, ["b", "c"]) == ["c"]
    assert archive.note("s", two, ["b"]) == ["b"]  # another walk's links are not this one's
    assert archive.note("t", one, ["a"]) == ["a"]  # nor another site's
    assert archive.noted("s", one) == 3
    archive.visit("s", one, "p1")
    assert archive.visited("s", one, "p1") and not archive.visited("s", two, "p1")
    archive.forget_listed("s")
    assert archive.noted("s", one) == 0 and not archive.visited("s", one, "p1")
    assert archive.noted("t", one) == 1


def test_a_walk_notes_more_links_than_one_statement_may_ask() -> None:
    archive = Archive.memory()
    walk = archive.new_walk()
    keys = [canonical_url(f"http://t.example/a/{n}") for n in range(3 * 500 + 1)]
    assert archive.note("s", walk, keys) == keys
    assert archive.note("s", walk, keys) == []
