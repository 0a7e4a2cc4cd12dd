"""archiver beside a Scrapy + trafilatura + sqlite-utils pipeline, on the same sample
portal, in alternating pairs: each run a fresh process and a fresh database, timed
from opening the database to closing it.

    .venv/bin/pip install -e '.[bench]'      # scrapy, trafilatura
    .venv/bin/python bench/peer_crawl.py [ARTICLES_PER_SITE ...] [--pairs N]
        (default: 667 6667, i.e. 2,001 and 20,001 articles; 3 pairs)

archiver's run is bench/crawl.py's (politeness lifted: 16 requests in flight per
site, no rate limit). The peer gets the same: 48 requests in flight in all (Scrapy
counts 127.0.0.1 as one host whatever the port), no delay, robots.txt obeyed, and a
link rule per site as a Scrapy user would write one for these three layouts. Each
article page goes through trafilatura's `bare_extraction` (with metadata) in the
item pipeline and into a sqlite-utils table with an FTS5 index kept by triggers.
The portal runs in a process of its own, as in bench/crawl.py.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from crawl import serve

# the sample portal's three layouts: (listing pages, article pages)
RULES = [
    (r"/tin-tuc/tin-kinh-te(\?page=\d+)?$", r"/tin-tuc/tin-kinh-te/[a-z0-9-]+$"),
    (r"/web/sotttt/tin-tuc(\?_101_cur=\d+.*)?$", r"/view_content/\d+-"),
    (r"/Pages/tin-tuc\.aspx(\?Page=\d+)?$", r"/Pages/View_detail\.aspx\?ItemID=\d+"),
]


def peer(per_site: int) -> None:
    """One Scrapy crawl of the portal; prints its figures as JSON."""
    ours, theirs = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve, args=(per_site, theirs), daemon=True)
    server.start()
    try:
        seeds = ours.recv()
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(scrape(seeds, Path(tmp) / "peer.db")), flush=True)
    finally:
        ours.send("stop")
        server.join(timeout=10)


RESULT: dict[str, Any] = {}  # what the pipeline saw, read once the crawl is over


class Store:
    """The item pipeline: trafilatura, then one row and its FTS entry."""

    def __init__(self, path: str) -> None:
        self.path = path

    @classmethod
    def from_crawler(cls, crawler: Any) -> Store:
        return cls(crawler.settings["PEER_DB"])

    def open_spider(self, spider: Any) -> None:
        import sqlite_utils

        self.db = sqlite_utils.Database(self.path)
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db["articles"].create(  # type: ignore[union-attr]
            {"url": str, "title": str, "date": str, "author": str, "text": str}, pk="url"
        )
        self.db["articles"].enable_fts(["title", "text"], create_triggers=True)

    def process_item(self, item: dict[str, Any], spider: Any) -> dict[str, str]:
        import trafilatura

        doc = trafilatura.bare_extraction(
            item["html"], url=item["url"], with_metadata=True, as_dict=True
        )
        if doc:
            row = {k: doc.get(k) for k in ("title", "date", "author", "text")}
            self.db["articles"].insert({"url": item["url"], **row}, replace=True)
        return {"url": item["url"]}

    def close_spider(self, spider: Any) -> None:
        RESULT["stored"] = self.db["articles"].count
        self.db.close()


def scrape(seeds: list[dict[str, Any]], path: Path) -> dict[str, Any]:
    from scrapy.crawler import CrawlerProcess
    from scrapy.linkextractors import LinkExtractor
    from scrapy.spiders import CrawlSpider, Rule

    class Portal(CrawlSpider):  # type: ignore[misc]
        name = "portal"
        rules = tuple(
            rule
            for listing, article in RULES
            for rule in (
                Rule(LinkExtractor(allow=article), callback="article", follow=False),
                Rule(LinkExtractor(allow=listing), follow=True),
            )
        )

        def article(self, response: Any) -> dict[str, str]:
            return {"url": response.url, "html": response.text}

    settings = {
        "CONCURRENT_REQUESTS": 48,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 48,
        "DOWNLOAD_DELAY": 0,
        "ROBOTSTXT_OBEY": True,
        "LOG_LEVEL": "ERROR",
        "TELNETCONSOLE_ENABLED": False,
        "ITEM_PIPELINES": {Store: 300},
        "PEER_DB": str(path),
    }
    process = CrawlerProcess(settings)
    started = time.perf_counter()  # the database is opened when the spider opens
    process.crawl(Portal, start_urls=[url for seed in seeds for url in seed["start_urls"]])
    process.start()
    seconds = time.perf_counter() - started
    stored = RESULT["stored"]
    return {"articles": stored, "seconds": round(seconds, 1), "per_s": stored / seconds}


def ours(per_site: int) -> float:
    """archiver's articles/s (open to close) from bench/crawl.py, in its own process."""
    out = subprocess.run(
        [sys.executable, str(Path(__file__).parent / "crawl.py"), "--one", str(per_site)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = re.search(r"s\s+([\d.]+) articles/s", out)
    assert found, out
    return float(found.group(1))


def theirs(per_site: int) -> float:
    out = subprocess.run(
        [sys.executable, __file__, "--one", str(per_site)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return float(json.loads(out.strip().splitlines()[-1])["per_s"])


def main(argv: list[str]) -> None:
    pairs = 3
    if "--pairs" in argv:
        at = argv.index("--pairs")
        pairs, argv = int(argv[at + 1]), argv[:at] + argv[at + 2 :]
    if len(argv) == 2 and argv[0] == "--one":
        peer(int(argv[1]))
        return
    for per_site in [int(a) for a in argv] or [667, 6667]:
        rates: dict[str, list[float]] = {"archiver": [], "scrapy": []}
        for _ in range(pairs):
            rates["archiver"].append(ours(per_site))
            rates["scrapy"].append(theirs(per_site))
        medians = {name: statistics.median(values) for name, values in rates.items()}
        print(
            f"{3 * per_site:>7} articles  archiver {medians['archiver']:6.1f}/s"
            f" {[round(v, 1) for v in rates['archiver']]}"
            f"  scrapy+trafilatura {medians['scrapy']:6.1f}/s"
            f" {[round(v, 1) for v in rates['scrapy']]}"
            f"  ratio {medians['archiver'] / medians['scrapy']:.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
