"""A fetch killed with SIGKILL at any moment leaves an archive the next run completes."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from archiver.lock import run_lock
from archiver.normalize import canonical_url
from archiver.sample import SamplePortal
from archiver.store import Archive
from faults import (
    FaultServer,
    Reply,
    Request,
    add_news,
    article_urls,
    cli,
    fetch,
    fetch_here,
    rows,
    write_seed,
)

KILL_AFTER = (0.3, 0.8, 1.5)  # seconds: before the first request, early, late
# At 40 requests/s a site cannot finish 96 articles in the 2.6 s of these runs together,
# so every kill lands mid-crawl.
ARTICLES_PER_SITE = 96


def archived_count(db: Path) -> int:
    """Articles in db so far; 0 when a run was killed before it made the table."""
    if not db.exists() or not rows(db, "SELECT 1 FROM sqlite_master WHERE name = 'articles'"):
        return 0
    return int(rows(db, "SELECT count(*) FROM articles")[0][0])


def explain(db: Path, urls: list[str]) -> str:
    """What the archive knows of the first few of urls: their pages rows and failures."""
    lines = [f"{len(urls)} articles not stored exactly once, e.g.:"]
    for url in urls[:5]:
        page = [dict(r) for r in rows(db, "SELECT * FROM pages WHERE url = ?", url)]
        failed = [r["reason"] for r in rows(db, "SELECT reason FROM failures WHERE url = ?", url)]
        lines.append(f"{url}: pages {page}; failures {failed}")
    return "\n".join(lines)


def children(pid: int) -> list[int]:
    """The processes pid started (its parse worker and multiprocessing's tracker)."""
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(p) for p in found.stdout.split()]


def outlive(pids: list[int], seconds: float) -> list[int]:
    """Those of pids still running after waiting up to `seconds` for them to end."""
    deadline = time.monotonic() + seconds
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in alive if Path(f"/proc/{p}").exists() and not _zombie(p)]
    return alive


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return False


def hold_listing_page(server: FaultServer, page: str) -> threading.Event:
    """/tin-tuc?page=PAGE answers only once the returned event is set (30 s at most)."""
    listing = server.routes["/tin-tuc"]
    release = threading.Event()

    def held(request: Request) -> Reply:
        if request.query.get("page") == page:
            release.wait(30)
        return listing(request)

    server.routes["/tin-tuc"] = held
    return release


def start_fetch(seeds: Path, db: Path, log: IO[bytes]) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    return subprocess.Popen(
        [sys.executable, "-m", "archiver", "fetch", "--seeds", str(seeds), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=log,
        env=env,
    )


def test_a_parse_worker_started_after_its_crawler_died_leaves() -> None:
    # A worker still starting up when the crawler is SIGKILLed is adopted by init
    # before its watcher runs; it must compare against the crawler's pid, not the
    # parent it finds then, or it waits for work for ever (a flake seen in CI).
    code = (
        "import time\n"
        "from archiver.parsing import _die_with_parent\n"
        "_die_with_parent(2**22 + 1)  # no such parent: the crawler is gone\n"
        "time.sleep(30)\n"
    )
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code], timeout=20, check=False)
    assert done.returncode == 0 and time.monotonic() - started < 10


@pytest.mark.slow
def test_sigkilled_runs_then_a_rerun_archive_every_article_once(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with SamplePortal(articles_per_site=ARTICLES_PER_SITE) as portal:
        seeds = tmp_path / "seeds"
        portal.write_seeds(seeds, rate_limit=40.0, concurrency=2)
        killed: list[float] = []
        progress: list[str] = []
        for delay in KILL_AFTER:
            with (tmp_path / "stderr").open("w+b") as log:
                process = start_fetch(seeds, db, log)
                time.sleep(delay)
                helpers = children(process.pid)
                if process.poll() is None:
                    os.kill(process.pid, signal.SIGKILL)
                    killed.append(delay)
                process.wait(timeout=30)
                assert outlive(helpers, seconds=5) == [], "a helper process outlived the crawler"
                log.seek(0)
                said = log.read().decode(errors="replace")[-300:]
            with run_lock(db):  # raises LockedError if the killed run's lock outlived it
                progress.append(f"{archived_count(db)} articles, exit {process.returncode}: {said}")
        assert killed == list(KILL_AFTER), f"killed at {killed}; {progress}"
        final = cli("fetch", "--seeds", str(seeds), "--db", str(db), "--format", "json")
        assert final.code == 0, final.stderr
        truth = [canonical_url(a.url) for site in portal.sites for a in site.articles]

    assert rows(db, "PRAGMA integrity_check")[0][0] == "ok"
    stored = Counter(r["url"] for r in rows(db, "SELECT url FROM articles"))
    wrong = [url for url in truth if stored[url] != 1]
    assert wrong == [], explain(db, wrong)
    revisions = {
        r["url"]: r["n"]
        for r in rows(
            db,
            "SELECT a.url, count(r.id) AS n FROM articles a"
            " LEFT JOIN revisions r ON r.article_id = a.id GROUP BY a.id",
        )
    }
    assert {url: revisions[url] for url in truth if revisions[url] != 1} == {}
    assert rows(db, "SELECT url, state FROM pages WHERE state = 'queued'") == []
    with sqlite3.connect(db) as conn:  # the run that finished says so
        (status,) = conn.execute("SELECT status FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    assert status == "ok"


@pytest.mark.slow  # two runs, one killed (slow run)
def test_a_run_killed_mid_pagination_is_walked_on_by_the_next(
    server: FaultServer, tmp_path: Path
) -> None:
    """Killed while listing page 3 is loading, with pages 1-2 archived: the next plain
    run must carry the walk on rather than stop at ten known articles."""
    hrefs = [f"/a/{n}" for n in range(1, 26)]
    add_news(server, hrefs, per_page=5)
    release = hold_listing_page(server, "3")
    seed = write_seed(tmp_path / "seeds", server)
    db = tmp_path / "archive.db"
    with (tmp_path / "stderr").open("w+b") as log:
        process = start_fetch(seed, db, log)
        deadline = time.monotonic() + 20
        while archived_count(db) < 10 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    release.set()
    assert server.hits("/tin-tuc?page=3") and not server.hits("/tin-tuc?page=4")
    assert len(article_urls(db)) == 10

    server.log.clear()
    run = fetch(seed, db)
    assert run.code == 0, run.stderr
    walked = [h.path for h in server.hits("/tin-tuc")]
    missing = {server.url(h) for h in hrefs} - article_urls(db)
    assert missing == set(), f"{len(missing)} never archived; listings asked for: {walked}"
    assert rows(db, "SELECT url FROM pages WHERE state = 'queued'") == []


def _gaps(archive: Archive, server: FaultServer, pages: list[list[str]]) -> list[str]:
    """What the frontier lacks of what its walked listing pages showed: each page
    it calls done must have its articles and the page after it in the frontier."""
    assert archive.path is not None
    state = {url: value for url, value in rows(archive.path, "SELECT url, state FROM pages")}
    found = []
    for number, hrefs in enumerate(pages, start=1):
        page = server.url("/tin-tuc" if number == 1 else f"/tin-tuc?page={number}")
        if state.get(canonical_url(page)) != "done":
            continue
        after = [server.url(f"/tin-tuc?page={number + 1}")] if number < len(pages) else []
        lacking = [u for u in [*map(server.url, hrefs), *after] if canonical_url(u) not in state]
        found += [f"listing page {number} done, {u} not in the frontier" for u in lacking]
    return found


def test_no_commit_leaves_a_walked_listing_page_without_what_it_showed(
    server: FaultServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run can be killed after any commit. If a listing page were recorded done
    before its articles and its next page were queued, a kill between the two would
    leave a gap that the next run, stopping at ten known articles, never walks to
    (seen in CI: 36 articles of one site never archived, and the run said ok)."""
    hrefs = [f"/a/{n}" for n in range(1, 26)]
    add_news(server, hrefs, per_page=5)
    pages = [hrefs[i : i + 5] for i in range(0, len(hrefs), 5)]
    seeds, db = tmp_path / "seeds", tmp_path / "archive.db"
    write_seed(seeds, server)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # parsed in this process
    writing = Archive._writing
    commits: list[list[str]] = []

    @contextlib.contextmanager
    def checked(self: Archive) -> Iterator[None]:
        with writing(self):
            yield
        commits.append(_gaps(self, server, pages))

    monkeypatch.setattr(Archive, "_writing", checked)
    summary = fetch_here(seeds, db)

    assert summary.status == "ok" and article_urls(db) == {server.url(h) for h in hrefs}
    assert len(commits) > len(hrefs)
    assert [gap for gaps in commits for gap in gaps] == []


def test_what_was_archived_before_a_stall_is_committed_during_it(
    server: FaultServer, tmp_path: Path
) -> None:
    """The crawl commits its writes a group at a time; a group must not wait for the
    next write when none comes (the listing's next page hangs): a kill during the
    stall would lose it, and readers would not see it."""
    hrefs = [f"/a/{n}" for n in range(1, 11)]
    add_news(server, hrefs, per_page=5)
    release = hold_listing_page(server, "2")
    seeds, db = write_seed(tmp_path / "seeds", server, timeout=20.0), tmp_path / "archive.db"
    crawl = threading.Thread(target=fetch_here, args=(seeds, db))
    crawl.start()
    try:
        deadline = time.monotonic() + 10
        while archived_count(db) < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        during = archived_count(db)
    finally:
        release.set()
        crawl.join(30)
    assert during == 5  # page 1's articles, committed while page 2 still hung
    assert len(article_urls(db)) == 10
