"""Crawl the sample portal end to end (fetch, parse, store) and print throughput.

    .venv/bin/python bench/crawl.py [ARTICLES_PER_SITE ...]   (default: 667 6667,
                                                                i.e. 2,001 and 20,001 articles)

Politeness limits are lifted (high rate limit, 16 requests in flight per
site). The sample portal runs in a process of its own, as a remote site
would, so the figures are the crawler's; each size runs in a fresh process so
peak RSS is its own.
"""

from __future__ import annotations

import multiprocessing
import resource
import subprocess
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from archiver.pipeline import run_fetch
from archiver.sample import SamplePortal
from archiver.seeds import site_from_dict
from archiver.store import Archive


def serve(per_site: int, conn: Connection) -> None:
    """Run the sample portal until told to stop; send its seeds first."""
    with SamplePortal(articles_per_site=per_site) as portal:
        conn.send(portal.seed_dicts(rate_limit=100_000.0, concurrency=16))
        conn.recv()


def crawl(per_site: int) -> None:
    ours, theirs = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve, args=(per_site, theirs), daemon=True)
    server.start()
    try:
        measure(ours.recv())
    finally:
        ours.send("stop")
        server.join(timeout=10)


def measure(seeds: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sites = [site_from_dict(d, f"bench ({d['name']})") for d in seeds]
        opened = time.perf_counter()  # what a user waits for: open, crawl, close
        archive = Archive.open(Path(tmp) / "bench.db")
        started = time.perf_counter()
        summary = run_fetch(archive, sites)
        seconds = time.perf_counter() - started
        stored = archive.count("articles")
        archive.close()
        whole = time.perf_counter() - opened
        size_mb = (Path(tmp) / "bench.db").stat().st_size / 2**20
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # the parse worker has ended by now (the server has not): its peak is the children's
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"{stored:>7} articles  {summary.requests:>7} pages  {seconds:7.1f} s"
        f"  {summary.requests / seconds:7.1f} pages/s  {stored / seconds:7.1f} articles/s"
        f"  peak RSS {peak_mb:6.1f} MB + parse worker {worker_mb:5.1f} MB"
        f"  db {size_mb:6.1f} MB  status {summary.status}"
        f"  (open to close: {whole:.1f} s, {stored / whole:.1f} articles/s)",
        flush=True,
    )


def main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[0] == "--one":
        crawl(int(argv[1]))
        return
    for per_site in [int(a) for a in argv] or [667, 6667]:
        subprocess.run([sys.executable, __file__, "--one", str(per_site)], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
