"""Reparse and search on the archives bench/crawl.py kept, one size after another.

    .venv/bin/python bench/crawl.py 667 6667 66667 --keep data/bench
    .venv/bin/python bench/scale.py data/bench/crawl-*.db [--reparse N]

For each archive, smallest first:
- reparse: `archive.reparse` of its first N articles (default 2,000; 0: all of
  them), three rounds, the median in articles/s and CPU ms per article, so the
  cost per article can be read against the size of the archive it is written
  into. The archive is changed only as reparse changes
  it (a page's record is saved again; unchanged content adds no revision).
- search: bench/search.py's mixed query set, five rounds after one warm-up
  round: p50, p95 and max of `archive.search`;
- store: `save_article` of 1,000 new articles into the archive (copies of its own
  first ones under new URLs, body words shuffled so no copy is a duplicate, raw
  page made unique), profiled, each in a transaction of its own and then
  grouped as the crawl commits them: milliseconds per article in all and in each part
  of the write (near-duplicate lookup, bigram index, sketch index, revision, raw
  page, the INSERT with its word-index triggers, the commit), so a part whose
  cost grows with the archive shows here;
- the bound on any query's cost (query.py's MAX_* caps): queries built to cost
  the most a user can ask (1,000 characters of the commonest words, 32 terms,
  four one-letter prefixes, a 16-word phrase, 32 ORs), the slowest of three.

Each archive is measured in a fresh process, so one's page cache and heap do not
flatter the next.
"""

from __future__ import annotations

import contextlib
import cProfile
import json
import pstats
import random
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from itertools import islice
from pathlib import Path

from archiver.decoding import decode
from archiver.derive import derive
from archiver.extract import parse_page
from archiver.reparse import ReparseSummary, reparse
from archiver.searching import Filters, search
from archiver.store import Archive

sys.path.insert(0, str(Path(__file__).parent))

from search import QUERIES, SYLLABLES

WORDS = list(dict.fromkeys(w.lower() for w in SYLLABLES))[:40]  # the commonest first
HOSTILE = {
    "1,000+ characters": " ".join(WORDS * 5),
    "32 terms": " ".join(WORDS[:32]),
    "4 prefixes": "t* h* c* n*",
    "16-word phrase": '"' + " ".join(WORDS[:16]) + '"',
    "32 ORs": " OR ".join(WORDS[:32]),
    "negations": f"{WORDS[0]} " + " ".join(f"-{w}" for w in WORDS[1:20]),
}


class _Enough(Exception):
    """Raised by the progress callback once N articles were reparsed."""


def time_reparse(archive: Archive, limit: int) -> tuple[int, float, float, ReparseSummary]:
    """Articles reparsed, wall and CPU seconds (the median of three rounds over the
    same articles: this machine is shared, one round alone says little)."""
    rounds: list[tuple[float, float]] = []
    done = ReparseSummary()
    for _ in range(3):

        def progress(summary: ReparseSummary) -> None:
            nonlocal done
            done = summary
            if limit and summary.examined >= limit:
                raise _Enough

        started, cpu = time.perf_counter(), time.process_time()
        with contextlib.suppress(_Enough):
            reparse(archive, on_progress=progress)
        rounds.append((time.perf_counter() - started, time.process_time() - cpu))
    wall = statistics.median(r[0] for r in rounds)
    return done.examined, wall, statistics.median(r[1] for r in rounds), done


# the parts of a write, by the function that does each (store/articles.py, raw.py)
PARTS = {
    "near-duplicate lookup": ("_original_of",),
    "bigram index": ("_index_grams",),
    "sketch index": ("_index_sketch",),
    "revision": ("_add_revision",),
    "view count": ("_observe_views",),
    "raw page": ("store_raw",),
    "insert": ("_insert",),
    # sqlite-utils' transaction (its own frames run BEGIN and COMMIT, or a savepoint's
    # two statements), and the group's COMMIT (store/writing.py)
    "begin and commit": ("atomic", "commit"),
}


def time_store(archive: Archive, grouped: bool, count: int = 1000) -> dict[str, float]:
    """Milliseconds per article of saving `count` new articles, in all and by part:
    each in a transaction of its own, or `grouped` as the crawl commits them."""
    shuffle = random.Random(17).shuffle
    batch = []
    for n, page in enumerate(islice(archive.stored_pages(), count)):
        raw = archive.raw_page(page.raw_sha256) + f"<!-- copy {n} {grouped} -->".encode()
        record = parse_page(decode(raw), page.final_url or page.url)
        words = (record.body or "").split(" ")
        shuffle(words)
        record = replace(record, url=f"{record.url}?copy={n}-{grouped}", body=" ".join(words))
        batch.append((page.site, record, raw, derive(record)))
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    with archive.grouped() if grouped else contextlib.nullcontext():
        for site, record, raw, derived in batch:
            archive.save_article(site=site, record=record, raw=raw, derived=derived)
    profile.disable()
    seconds = time.perf_counter() - started
    spent: dict[str, float] = {"all (profiled)": seconds}
    for (_, _, function), row in pstats.Stats(profile).stats.items():  # type: ignore[attr-defined]
        for part, names in PARTS.items():
            if function in names:
                spent[part] = spent.get(part, 0.0) + row[3]  # cumulative seconds
    if "insert" in spent:  # what _insert calls is reported on its own
        inner = ("near-duplicate lookup", "bigram index", "sketch index", "revision", "view count")
        spent["insert"] -= sum(spent.get(part, 0.0) for part in inner)
    return {part: round(value * 1000 / max(len(batch), 1), 3) for part, value in spent.items()}


def time_search(archive: Archive) -> tuple[list[float], dict[str, float]]:
    for text, filters in QUERIES:  # one round to warm the page cache
        search(archive, text, filters=Filters(**filters))
    timings: list[float] = []
    for _ in range(5):
        for text, filters in QUERIES:
            started = time.perf_counter()
            search(archive, text, filters=Filters(**filters), limit=20)
            timings.append((time.perf_counter() - started) * 1000)
    worst: dict[str, float] = {}
    for name, text in HOSTILE.items():
        times = []
        for _ in range(3):
            started = time.perf_counter()
            search(archive, text, limit=20)
            times.append((time.perf_counter() - started) * 1000)
        worst[name] = round(max(times), 1)
    return sorted(timings), worst


def measure(path: Path, limit: int) -> None:
    archive = Archive.open(path)
    articles = archive.count("articles")
    timings, worst = time_search(archive)
    examined, seconds, cpu, summary = time_reparse(archive, limit)
    alone, together = time_store(archive, grouped=False), time_store(archive, grouped=True)
    archive.close()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    print(
        json.dumps(
            {
                "articles": articles,
                "reparsed": examined,
                "reparse_s": round(seconds, 1),
                "reparse_per_s": round(examined / seconds, 1) if seconds else None,
                "reparse_cpu_ms_per_article": round(cpu * 1000 / max(examined, 1), 2),
                "reparse_changed": summary.changed,
                "search_p50_ms": round(statistics.median(timings), 1),
                "search_p95_ms": round(p95, 1),
                "search_max_ms": round(timings[-1], 1),
                "hostile_max_ms": worst,
                "store_ms_per_article": alone,
                "store_ms_per_article_grouped": together,
            },
            ensure_ascii=False,
        ),
        flush=True,
    )


def main(argv: list[str]) -> None:
    limit = 2000
    if "--reparse" in argv:
        at = argv.index("--reparse")
        limit, argv = int(argv[at + 1]), argv[:at] + argv[at + 2 :]
    if len(argv) == 2 and argv[0] == "--one":
        measure(Path(argv[1]), limit)
        return
    paths = sorted((Path(a) for a in argv), key=lambda p: p.stat().st_size)
    for path in paths:
        command = [sys.executable, __file__, "--one", str(path), "--reparse", str(limit)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
