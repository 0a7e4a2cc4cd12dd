"""A 50 MB sitemap read the way a crawl reads one: fetched over HTTP from a local
server, streamed through the fetcher's sink into `SitemapReader`, every batch of
links put to the archive's frontier to learn which the run wants.

    .venv/bin/python bench/sitemap_crawl.py [SIZE_MB]   (default: 50)

Two readings, each in a fresh child process that reports its own peak RSS (VmHWM):
- the default bound (max_sitemap_urls = 5000): the reading stops at 5,000 wanted
  links, as every run of a site with a large sitemap does;
- no bound short of the file (200,000): every link of the file is wanted (an empty
  archive), read to its end; the links are held until the run queues them.
A child that only imports the modules gives the floor.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from sitemaps import MB, SITES, build  # the bench's own sitemap builder

_READ = """
import asyncio, json, sys, time
from types import SimpleNamespace
from archiver.explore import Explorer, Harvest
from archiver.fetch import Fetcher
from archiver.homewalk import _wanted
from archiver.parsing import Parser
from archiver.runs import RunOptions
from archiver.seeds import site_from_dict
from archiver.store import Archive

def peak():
    return int([l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1])

url, limit, sites = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
if limit == 0:
    print(json.dumps({"peak_kb": peak()}))
    raise SystemExit
site = site_from_dict(
    {"name": "bench", "start_urls": [url], "allowed_domains": ["127.0.0.1", *sites],
     "rate_limit": 100.0, "respect_robots": False, "max_sitemap_urls": limit}, "bench")

async def read():
    with Archive.memory() as archive:
        crawl = SimpleNamespace(archive=archive, options=RunOptions())
        harvest = Harvest(wanted=_wanted(crawl))
        async with Fetcher() as fetcher, Parser(1) as parser:
            started = time.perf_counter()
            await Explorer(fetcher, parser, site).read_sitemaps([url], harvest, limit)
            return harvest, time.perf_counter() - started

harvest, seconds = asyncio.run(read())
print(json.dumps({"links": len(harvest.items), "seconds": seconds, "whole": bool(harvest.read),
                  "problems": harvest.problems, "peak_kb": peak()}))
"""


class _Files(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No access log: the figures are the output."""


class _Quiet(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A reader that stops at its bound hangs up mid-file: no error of the bench."""


def child(url: str, limit: int) -> dict[str, object]:
    run = subprocess.run(
        [sys.executable, "-c", _READ, url, str(limit), json.dumps(SITES)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(run.stdout)
    return result


def main(args: list[str]) -> None:
    size = int(args[0]) if args else 50
    with tempfile.TemporaryDirectory() as folder:
        urls = build(Path(folder) / "sitemap.xml", size * MB)
        server = _Quiet(("127.0.0.1", 0), partial(_Files, directory=folder))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/sitemap.xml"
        print(f"{size} MB sitemap, {urls} URLs, served at {url}", flush=True)
        floor = child(url, 0)
        print(f"import only: peak RSS {int(str(floor['peak_kb'])) / 1024:.1f} MB", flush=True)
        for limit in (5000, 200_000):
            started = time.perf_counter()
            got = child(url, limit)
            print(
                f"max_sitemap_urls {limit}: {got['links']} links wanted in"
                f" {float(str(got['seconds'])):.2f} s"
                f" (child {time.perf_counter() - started:.1f} s),"
                f" read to its end: {got['whole']}, peak RSS"
                f" {int(str(got['peak_kb'])) / 1024:.1f} MB, problems {got['problems']}",
                flush=True,
            )
        server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1:])
