"""Cron-grade operation (issue 7): no overlap, layout drift, runs and sites,
logs, export. The real CLI against the fault server over loopback."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archiver.cli import app
from archiver.runs import SiteStats
from faults import (
    FaultServer,
    Reply,
    add_listing,
    add_news,
    always,
    cli,
    fetch,
    fetch_here,
    page_html,
    rows,
    write_seed,
)

HREFS = [f"/a/{n}" for n in range(1, 11)]
SHELL = page_html("Cổng thông tin", '<div id="app">Đang tải dữ liệu...</div><script src="/app.js">')


def _slow_fetch(
    server: FaultServer, tmp_path: Path, seen: str = "/a/2"
) -> tuple[subprocess.Popen[str], Path]:
    """A fetch of ten articles at half a second each, started and seen asking for `seen`."""
    add_news(server, HREFS)
    for href in HREFS:
        reply = server.routes[href](None)  # type: ignore[arg-type]
        reply.delay = 0.5
        server.routes[href] = always(reply)
    seed, db = write_seed(tmp_path / "seeds", server, concurrency=1), tmp_path / "archive.db"
    run = _in_the_foreground("fetch", "--seeds", str(seed), "--db", str(db))
    deadline = time.monotonic() + 20
    while not server.hits(seen) and time.monotonic() < deadline:
        time.sleep(0.05)
    return run, db


def _in_the_foreground(*args: str) -> subprocess.Popen[str]:
    """`archiver ARGS` started as a terminal's foreground job has it: SIGINT at its
    default. (A shell starts a background job, a CI harness under nohup say, with
    SIGINT ignored, which stays ignored across exec and archiver rightly keeps.)"""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    command = [sys.executable, "-m", "archiver", *args]
    as_in_a_terminal = (
        "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL);"
        f" os.execv(sys.executable, {command!r})"
    )
    return subprocess.Popen(
        [sys.executable, "-c", as_in_a_terminal],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_a_second_fetch_while_one_runs_exits_3_at_once(server: FaultServer, tmp_path: Path) -> None:
    first, db = _slow_fetch(server, tmp_path, seen="/a/1")
    # The second run's own start page, which only it would ask for: what it asked is
    # told apart from the first run's requests however slow the machine is.
    add_listing(server, [["/b/1"]], path="/tin-tuc-2")
    other = write_seed(tmp_path / "second", server, start_urls=[server.url("/tin-tuc-2")])
    try:
        second = fetch(other, db)
        # "at once": the second gave up while the first still held the lock (ten
        # articles at 0.5 s each keep it busy), and asked the server for nothing
        first_still_running = first.poll() is None
    finally:
        first.kill()
        first.communicate()
    assert second.code == 3
    assert first_still_running
    assert server.hits("/tin-tuc-2") == [] and server.hits("/b/1") == []
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1 and f"pid {first.pid}" in lines[0] and "archiver fetch" in lines[0]


@pytest.mark.slow  # two crawls, the layout changed between (slow run)
def test_a_layout_change_marks_the_site_unhealthy_and_exits_1(
    server: FaultServer, tmp_path: Path
) -> None:
    add_news(server, HREFS)
    seed, db = write_seed(tmp_path / "seeds", server), tmp_path / "archive.db"
    first = fetch(seed, db)
    assert first.code == 0 and first.site()["health"] == "ok"
    # the portal moves to a script-rendered front end: shells without text or links
    server.routes["/tin-tuc"] = always(Reply(200, SHELL))
    for href in HREFS:
        server.routes[href] = always(Reply(200, SHELL))
    second = fetch(seed, db, "--full")
    assert second.code == 1
    assert second.site()["health"] == "unhealthy"
    assert "faulty: unhealthy:" in second.stderr and "layout" in second.stderr
    assert second.summary["status"] == "partial"
    sites = json.loads(cli("sites", "--db", str(db), "--format", "json").stdout)
    assert [(s["site"], s["health"], s["articles"]) for s in sites] == [("faulty", "unhealthy", 10)]


def test_a_new_site_that_gives_nothing_is_unhealthy_on_its_first_run(
    server: FaultServer, tmp_path: Path
) -> None:
    # issue 6: with nothing archived there is no layout to drift from, but a site
    # that gives nothing is never healthy
    server.routes["/tin-tuc"] = always(Reply(200, SHELL))
    run = fetch(write_seed(tmp_path / "seeds", server), tmp_path / "archive.db")
    assert run.code == 1 and run.site()["health"] == "unhealthy"
    assert run.stderr.strip() == "faulty: unhealthy: 1 listing page showed no article link"


@pytest.mark.slow
def test_runs_and_sites_report_what_happened(server: FaultServer, tmp_path: Path) -> None:
    add_news(server, HREFS)
    server.routes["/a/4"] = always(Reply(500, page_html("Lỗi", "")))
    seed, db = write_seed(tmp_path / "seeds", server), tmp_path / "archive.db"
    fetch(seed, db)
    fetch(seed, db)
    # the read commands in this process: their output is the same, their start-up spared
    read = CliRunner()
    runs = json.loads(read.invoke(app, ["runs", "--db", str(db), "--format", "json"]).stdout)
    assert [r["id"] for r in runs] == [2, 1]
    assert (runs[1]["articles_new"], runs[1]["errors"], runs[1]["status"]) == (9, 1, "partial")
    text = read.invoke(app, ["runs", "--db", str(db)]).stdout.splitlines()
    assert text[0].split()[:4] == ["run", "started", "secs", "status"] and len(text) == 3
    (site,) = json.loads(read.invoke(app, ["sites", "--db", str(db), "--format", "json"]).stdout)
    assert site["articles"] == 9 and site["newest"] == "2024-07-08"
    # the failed page waits for its retry time, so the second run had no error
    assert site["last_ok"] == runs[0]["finished"] and 0 < site["error_rate"] < 0.5
    assert len(site["chart"]) == 12


def test_log_file_takes_the_logs(server: FaultServer, tmp_path: Path) -> None:
    add_news(server, HREFS[:3])
    server.routes["/a/2"] = always(Reply(404, page_html("Không có", "")))
    log = tmp_path / "fetch.log"
    run = fetch(
        write_seed(tmp_path / "seeds", server), tmp_path / "a.db", "-v", "--log-file", str(log)
    )
    assert "HTTP 404" in log.read_text("utf-8")
    assert run.stderr.strip().splitlines() == [
        f"faulty: 1 error; first: {server.url('/a/2')}: HTTP 404"
    ]


@pytest.mark.slow  # a crawl, then an export of it (slow run)
def test_export_gives_back_every_record(server: FaultServer, tmp_path: Path) -> None:
    add_news(server, HREFS)
    db = tmp_path / "archive.db"
    fetch(write_seed(tmp_path / "seeds", server), db)
    stored = {r["url"]: dict(r) for r in rows(db, "SELECT * FROM articles")}

    jsonl = [json.loads(line) for line in cli("export", "--db", str(db)).stdout.splitlines()]
    assert len(jsonl) == len(stored) == 10
    for record in jsonl:
        row = stored[record["url"]]
        assert record["revisions"] == 1
        for key, value in row.items():
            if key == "sketch":
                continue
            expected = json.loads(value) if key in ("images", "attachments", "problems") else value
            assert record[key] == expected, key

    table = list(
        csv.DictReader(io.StringIO(cli("export", "--format", "csv", "--db", str(db)).stdout))
    )
    assert {r["url"] for r in table} == set(stored)
    assert all(r["body"] == stored[r["url"]]["body"] for r in table)

    none = cli("export", "--since", "2030-01-01", "--db", str(db))
    assert none.code == 0 and none.stdout == ""


def _signals(pid: int) -> str:
    """The process's blocked, ignored and caught signal masks, for a failure message."""
    try:
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return "(gone)"
    return " ".join(line for line in status if line.startswith(("SigBlk", "SigIgn", "SigCgt")))


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_ends_a_fetch_in_one_line_and_records_the_run_as_interrupted(
    server: FaultServer, tmp_path: Path, stop: signal.Signals
) -> None:
    """Ctrl-C, and SIGTERM from a service manager or a cron timeout, alike."""
    run, db = _slow_fetch(server, tmp_path)
    masks = _signals(run.pid)
    run.send_signal(stop)
    _, stderr = run.communicate(timeout=30)

    assert run.returncode == 130, f"{stderr!r}; signals before: {masks}"
    assert stderr.strip().splitlines() == ["archiver: interrupted; what was archived is kept"]
    (recorded,) = rows(db, "SELECT status, finished, sites FROM runs")
    assert recorded["status"] == "interrupted" and recorded["finished"]
    kept = rows(db, "SELECT url FROM articles")
    assert json.loads(recorded["sites"])["faulty"]["articles_new"] == len(kept) >= 1


@pytest.mark.slow  # two runs, one killed (slow run)
def test_a_run_killed_without_a_word_is_marked_interrupted_by_the_next(
    server: FaultServer, tmp_path: Path
) -> None:
    run, db = _slow_fetch(server, tmp_path)
    run.kill()
    run.communicate(timeout=30)
    assert [r["status"] for r in rows(db, "SELECT status FROM runs")] == ["running"]

    for href in HREFS:  # the pages answer at once now
        server.routes[href](None).delay = 0  # type: ignore[arg-type]
    fetch(tmp_path / "seeds", db)

    assert [r["status"] for r in rows(db, "SELECT status FROM runs ORDER BY id")] == [
        "interrupted",
        "ok",
    ]


def test_a_fetch_tells_its_progress_after_every_page(
    server: FaultServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the live display shows comes from these calls: each listing page and
    article moves the site's counts on, and the last call shows the run's totals."""
    add_news(server, HREFS)
    server.routes["/a/3"] = always(Reply(500, "down"))
    seeds = tmp_path / "seeds"
    write_seed(seeds, server)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # parsed in this process
    told: list[tuple[str, int, int, int]] = []

    def on_progress(site: str, stats: SiteStats) -> None:
        pages = stats.listing_pages + stats.links_followed
        told.append((site, pages, stats.articles_new, stats.errors))

    summary = fetch_here(seeds, tmp_path / "a.db", on_progress=on_progress)
    stats = summary.sites["faulty"]
    assert len(told) == stats.listing_pages + len(HREFS)
    assert [pages for _, pages, _, _ in told] == sorted(pages for _, pages, _, _ in told)
    assert told[-1] == ("faulty", stats.listing_pages + len(HREFS), 9, 1)


def _articles(db: Path) -> int:
    """Articles archived so far; 0 before the archive and its tables exist."""
    if not db.exists():  # connecting would make an empty file
        return 0
    try:
        return int(rows(db, "SELECT count(*) AS n FROM articles")[0]["n"])
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_ctrl_c_ends_a_demo_in_one_line_with_no_traceback(tmp_path: Path) -> None:
    """The demo's sample server used to answer the crawler's reset connections with
    ConnectionResetError tracebacks, and its parse worker with a KeyboardInterrupt one."""
    db = tmp_path / "demo.db"
    run = _in_the_foreground("demo", "--db", str(db), "--articles", "300", "--port-base", "0")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _articles(db) < 40:
        time.sleep(0.1)  # past the parse worker's start (24 pages)
    run.send_signal(signal.SIGINT)
    _, stderr = run.communicate(timeout=30)

    assert run.returncode == 130, stderr
    assert stderr.strip().splitlines() == ["archiver: interrupted; what was archived is kept"]
    (recorded,) = rows(db, "SELECT status FROM runs")
    assert recorded["status"] == "interrupted"
