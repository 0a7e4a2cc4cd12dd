"""Crawl the sample portal end to end (fetch, parse, store) and print throughput.

    .venv/bin/python bench/crawl.py [ARTICLES_PER_SITE ...] [--keep DIR] [--portal-here]
        (default: 667 6667 66667, i.e. 2,001, 20,001 and 200,001 articles: about
         20 minutes here, most of it the last; 3.5 GB of temporary disk)

Politeness limits are lifted (high rate limit, 16 requests in flight per
site). The sample portal runs in a process of its own, as a remote site
would, so the figures are the crawler's; each size runs in a fresh process so
peak RSS is its own. CPU per article is the crawler's (fetch, store) + the
parse worker's (extraction). The clock runs from opening the archive to closing it,
what a user waits for. While the crawl runs, a thread samples the articles
stored and the process's RSS four times a second: the slowest window of 1,000
consecutive articles shows a slowdown that an average over the whole crawl
hides. With --keep, each archive is kept as DIR/crawl-<articles>.db (for
bench/scale.py). With --portal-here the portal runs in the crawl's own process, as
tests and `archiver demo` run it (its threads then share the crawl's GIL).
A size crawled in under 30 s (2,001 articles) is crawled three times and its
median kept. The last lines compare each size with the first: articles/s, peak
RSS and KB per article, issue 17's three bars.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from archiver.pipeline import run_fetch
from archiver.sample import SamplePortal
from archiver.seeds import site_from_dict
from archiver.store import Archive

WINDOW = 1000  # articles
SHORT = 30.0  # seconds: a crawl shorter than this is run RUNS times, its median kept
RUNS = 3
EVERY = 0.25  # seconds between samples
_PAGE = os.sysconf("SC_PAGE_SIZE")


def serve(per_site: int, conn: Connection) -> None:
    """Run the sample portal until told to stop; send its seeds first."""
    with SamplePortal(articles_per_site=per_site) as portal:
        conn.send(portal.seed_dicts(rate_limit=100_000.0, concurrency=16))
        conn.recv()


def crawl(per_site: int, keep: Path | None, portal_here: bool = False) -> None:
    if portal_here:  # the portal's threads share this process (and its GIL) with the crawl
        with SamplePortal(articles_per_site=per_site) as portal:
            measure(portal.seed_dicts(rate_limit=100_000.0, concurrency=16), keep)
        return
    ours, theirs = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve, args=(per_site, theirs), daemon=True)
    server.start()
    try:
        measure(ours.recv(), keep)
    finally:
        ours.send("stop")
        server.join(timeout=10)


class Sampler(threading.Thread):
    """(seconds, articles stored, RSS bytes) four times a second, read through a
    connection of its own (WAL lets it read while the crawl writes)."""

    def __init__(self, path: Path, origin: float) -> None:
        super().__init__(daemon=True)
        self.path, self.origin = path, origin
        self.samples: list[tuple[float, int, int]] = []
        self.done = threading.Event()

    def run(self) -> None:
        db: sqlite3.Connection | None = None
        while not self.done.wait(EVERY):
            try:
                db = db or sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
                stored = db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
            except sqlite3.Error:  # not created yet, or busy: the next sample will do
                continue
            self.samples.append((time.perf_counter() - self.origin, stored, rss()))
        if db is not None:
            db.close()

    def slowest_window(self) -> tuple[float, int]:
        """The most seconds any WINDOW consecutive articles took, and where it began."""
        crossed: list[float] = []  # when the k-th thousand was first stored
        for at, stored, _ in self.samples:
            while len(crossed) * WINDOW <= stored:
                crossed.append(at)
        pairs = [(b - a, i * WINDOW) for i, (a, b) in enumerate(itertools.pairwise(crossed))]
        return max(pairs, default=(0.0, 0))


def rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * _PAGE


def measure(seeds: list[dict[str, Any]], keep: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        sites = [site_from_dict(d, f"bench ({d['name']})") for d in seeds]
        opened = time.perf_counter()  # what a user waits for: open, crawl, close
        sampler = Sampler(path, opened)
        sampler.start()
        archive = Archive.open(path)
        summary = run_fetch(archive, sites)
        stored = archive.count("articles")
        sampler.done.set()  # its connection closed first, so closing checkpoints the WAL
        sampler.join()
        archive.close()
        whole = time.perf_counter() - opened
        size = path.stat().st_size
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, keep / f"crawl-{stored}.db")
    ours, worker = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    # the parse worker has ended by now (the server has not): its figures are the children's
    peak_mb, worker_mb = ours.ru_maxrss / 1024, worker.ru_maxrss / 1024
    cpu_ms = [(r.ru_utime + r.ru_stime) * 1000 / max(stored, 1) for r in (ours, worker)]
    slowest, began = sampler.slowest_window()
    print(
        f"{stored:>7} articles  {summary.requests:>7} pages  {whole:7.1f} s"
        f"  {stored / whole:6.1f} articles/s"
        f"  slowest {WINDOW:,} articles {slowest:5.1f} s"
        f" ({WINDOW / slowest if slowest else 0:.1f}/s, from #{began:,})"
        f"  peak RSS {peak_mb:6.1f} MB (+ parse worker {worker_mb:5.1f} MB)"
        f"  db {size / 2**20:7.1f} MB, {size / max(stored, 1) / 1024:4.1f} KB/article"
        f"  CPU {cpu_ms[0]:.2f} + {cpu_ms[1]:.2f} ms/article  status {summary.status}",
        flush=True,
    )
    for share in (0.1, 0.5, 1.0):  # how RSS grew along the crawl
        at = [s for s in sampler.samples if s[1] >= share * stored][:1]
        if at:
            print(f"    RSS at {share:4.0%} of the articles: {at[0][2] / 2**20:6.1f} MB")


def main(argv: list[str]) -> None:
    keep, here = None, "--portal-here" in argv
    argv = [a for a in argv if a != "--portal-here"]
    if "--keep" in argv:
        at = argv.index("--keep")
        keep, argv = Path(argv[at + 1]), argv[:at] + argv[at + 2 :]
    if len(argv) >= 2 and argv[0] == "--one":
        crawl(int(argv[1]), keep, here)
        return
    extra = (["--keep", str(keep)] if keep else []) + (["--portal-here"] if here else [])
    sizes = [int(a) for a in argv] or [667, 6667, 66667]
    summary = [one_size(per_site, extra) for per_site in sizes]
    base = summary[0]
    print("\narticles   articles/s (median, runs)      vs first   peak RSS   vs first  KB/article")
    for stored, rates, peak, kb in summary:
        rate = statistics.median(rates)
        print(
            f"{stored:>8,}  {rate:7.1f} {[round(r, 1) for r in rates]!s:<22}"
            f" {rate / statistics.median(base[1]):7.0%}  {peak:6.1f} MB  {peak / base[2] - 1:+7.1%}"
            f"  {kb:6.1f}"
        )


def one_size(per_site: int, extra: list[str]) -> tuple[int, list[float], float, float]:
    """Crawl one size in fresh processes; a size whose crawl is over in less than
    SHORT seconds is crawled RUNS times and its median kept: a few seconds of a
    shared machine's fast or slow minute would otherwise decide its figure. Returns
    the articles, each run's articles/s, the median peak RSS and KB per article."""
    rates, peaks, kb, stored = [], [], 0.0, 0
    while True:
        command = [sys.executable, __file__, "--one", str(per_site), *extra]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        print(out, end="", flush=True)
        found = _LINE.search(out)
        assert found, out
        stored, seconds = int(found["stored"]), float(found["seconds"])
        rates.append(float(found["rate"]))
        peaks.append(float(found["peak"]))
        kb = float(found["kb"])
        if seconds >= SHORT or len(rates) == RUNS:
            return stored, rates, statistics.median(peaks), kb


_LINE = re.compile(
    r"(?P<stored>\d+) articles .*?(?P<seconds>[\d.]+) s\s+(?P<rate>[\d.]+) articles/s"
    r".*?peak RSS\s+(?P<peak>[\d.]+) MB.*?(?P<kb>[\d.]+) KB/article"
)


if __name__ == "__main__":
    main(sys.argv[1:])
