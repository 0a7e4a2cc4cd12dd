"""Archiver against two peers on the peers' own evaluation sets.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/peer_suites.py

The sets come from `../shared/data/peer-suites/peer-suites.tar.zst` (README.md
beside it), unpacked once into `data/.peer-suites/` with tarfile over
zstandard. Every page is read as bytes and decoded once with our own
`archiver.decoding.decode` (strict UTF-8, then the declared charset, then
charset_normalizer; NFC); every tool gets that same string. (The peers decode
their own way: trafilatura's evaluate.py hands the bytes to `extract`,
htmldate's comparison.py reads UTF-8 or a charset guess.) An entry whose page
is not in the archive is left out and counted: the archive holds the peers'
`eval/` and `test_set/` folders but not their `cache/` folders.

Body set (trafilatura's evaldata.json), scored as its evaluate.py and
eval_common.py score it: on each page every `with` snippet found in the text
(substring test after collapsing whitespace) is a true positive and every
`without` snippet found a false positive; the `with` snippets not found are
false negatives, the `without` ones true negatives. An empty output or a crash
misses every `with` snippet. Counts are summed over the set; precision,
recall, accuracy and F1 come from the totals.
- archiver: `parse_page(html, url)` with the entry's URL; its text is the
  summary (unless the body already holds it) followed by the body. The row
  "archiver body" scores the body alone.
- trafilatura: `extract(html, fast=False, include_comments=False,
  include_tables=True, include_formatting=False)` with no URL, the
  "trafilatura" row of its evaluate.py.

Date set (htmldate's eval_mediacloud_2020.json then eval_default.json), scored
as its comparison.py scores it: a date equal to the gold `YYYY-MM-DD` is a
true positive, another date a false positive, no date a false negative;
accuracy = TP / all pages here (its true-negative branch wants a JSON null
gold, which the set never has; the five NaN golds count like any other).
- archiver: the date part of `published`, else of `updated`, from
  `parse_page(html, url)` with the entry's URL (so it may read a date in the
  URL, which htmldate's run never sees).
- htmldate: `find_date(html, original_date=True, extensive_search=True)`, no URL.
- trafilatura: `extract_metadata(html).date`, its metadata date (htmldate's
  extensive search on its own parse tree, no URL).

Speed: pages per second, parsing only, on the decoded pages. The scoring pass
doubles as the warm-up; then the median of `--passes` timed passes for
archiver (3) and of `--peer-passes` for the peers (1: trafilatura's pass over
the body set alone takes about 40 s). On the date set archiver and htmldate
are timed as a crawl meets pages, once each: `--passes` pairs of fresh
processes that warm up on the even pages and time the odd ones, taking turns;
the median wall-clock rate goes in the table, and the CPU-time rates and the
median ratio of each pair's CPU-time rates (which a busy, shared machine changes
least) are printed below it.

Diagnostics: the body pages archiver does not call articles (grouped by kind,
other_kind and kind_reason with its numbers blanked), the `--worst` pages by
archiver's page F1 (2TP / (2TP + FP + FN) on that page) beside trafilatura's,
and archiver's date misses (no date, or a wrong one). `--set body|dates|both`
picks the sets, `--limit N` keeps the first N pages of each, `--json PATH`
writes every figure and per-page result.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import logging
import math
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import zstandard

from archiver.decoding import decode
from archiver.extract import parse_page
from archiver.model import Record

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "data" / "peer-suites" / "peer-suites.tar.zst"
CACHE = ROOT / "data" / ".peer-suites"
BODY_DIR = Path("trafilatura") / "tests"
DATE_DIR = Path("htmldate") / "tests"
DATE_FILES = ("eval_mediacloud_2020.json", "eval_default.json")  # comparison.py's order
PASSES = 3
PEER_PASSES = 1
_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
T = TypeVar("T")


@dataclass(frozen=True)
class BodyPage:
    """One entry of trafilatura's set: the page and the snippets it must and must not yield."""

    name: str  # the file name in eval/
    url: str
    html: str
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass(frozen=True)
class DatePage:
    """One entry of htmldate's set: the page and its gold date (None when unusable)."""

    name: str
    url: str
    html: str
    date: str | None


@dataclass(frozen=True)
class Counts:
    """A confusion matrix: one page's, or a set's summed."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn
        )

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0


def total(counts: Iterable[Counts]) -> Counts:
    """The counts summed over pages."""
    return sum(counts, Counts())


# --- the archive -------------------------------------------------------------------------


def unpack(archive: Path, cache: Path = CACHE) -> Path:
    """The folder holding the unpacked archive, unpacking it on first use. Processes
    that ask at once (pytest's workers) take turns on a lock: one unpacks, the others
    then find it done; none removes a set another is reading."""
    stamp = f"{archive.name} {archive.stat().st_size} {archive.stat().st_mtime_ns}"
    marker = cache / ".unpacked"
    if marker.is_file() and marker.read_text(encoding="utf-8") == stamp:
        return cache
    cache.parent.mkdir(parents=True, exist_ok=True)
    with (cache.parent / f"{cache.name}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if marker.is_file() and marker.read_text(encoding="utf-8") == stamp:
            return cache  # another process unpacked it while this one waited
        return _unpack(archive, cache, stamp)


def _unpack(archive: Path, cache: Path, stamp: str) -> Path:
    # Unpack beside the cache and rename, so an interrupted run never leaves half a set.
    fresh = Path(tempfile.mkdtemp(prefix=f"{cache.name}-", dir=cache.parent))
    try:
        with (
            archive.open("rb") as raw,
            zstandard.ZstdDecompressor().stream_reader(raw) as stream,
            tarfile.open(fileobj=stream, mode="r|") as tar,
        ):
            tar.extractall(fresh, filter="data")
        (fresh / ".unpacked").write_text(stamp, encoding="utf-8")
        shutil.rmtree(cache, ignore_errors=True)
        fresh.rename(cache)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return cache


def _find(folder: Path, subdirs: Sequence[str], name: str) -> Path | None:
    """The first subdirs/name that exists, as the peers look pages up."""
    for subdir in subdirs:
        path = folder / subdir / name
        if path.is_file():
            return path
    return None


def load_body_set(tree: Path, limit: int | None = None) -> tuple[list[BodyPage], int]:
    """trafilatura's entries that have a page (the first `limit`), and how many lack one."""
    folder = tree / BODY_DIR
    entries = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    pages: list[BodyPage] = []
    missing = 0
    for url, item in entries.items():
        path = _find(folder, ("cache", "eval"), item["file"])
        if path is None:
            missing += 1
            continue
        with_, without = tuple(item["with"]), tuple(item["without"])
        pages.append(BodyPage(item["file"], url, decode(path.read_bytes()), with_, without))
        if len(pages) == limit:
            break
    return pages, missing


def load_date_set(tree: Path, limit: int | None = None) -> tuple[list[DatePage], int]:
    """htmldate's entries that have a page (the first `limit`), and how many lack one."""
    folder = tree / DATE_DIR
    entries: dict[str, dict[str, Any]] = {}
    for name in DATE_FILES:
        entries.update(json.loads((folder / name).read_text(encoding="utf-8")))
    pages: list[DatePage] = []
    missing = 0
    for url, item in entries.items():
        path = _find(folder, ("test_set", "cache", "eval"), item["file"])
        if path is None:
            missing += 1
            continue
        gold = item["date"] if isinstance(item["date"], str) else None  # NaN in five entries
        pages.append(DatePage(item["file"], url, decode(path.read_bytes()), gold))
        if len(pages) == limit:
            break
    return pages, missing


# --- scoring -----------------------------------------------------------------------------


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def count_snippets(page: BodyPage, text: str | None) -> Counts:
    """One page's counts, as eval_common.count_item makes them."""
    found = _norm(text) if text else None
    tp = sum(1 for s in page.with_ if found is not None and _norm(s) in found)
    fp = sum(1 for s in page.without if found is not None and _norm(s) in found)
    return Counts(tp=tp, fp=fp, fn=len(page.with_) - tp, tn=len(page.without) - fp)


def count_date(page: DatePage, date: str | None) -> Counts:
    """One page's counts, as comparison.py's evaluate_result makes them."""
    if date is None:
        return Counts(fn=1)
    return Counts(tp=1) if date == page.date else Counts(fp=1)


def archiver_text(record: Record) -> str:
    """The article text scored: the summary, unless the body holds it, then the body."""
    body = record.body or ""
    if record.summary and _norm(record.summary) not in _norm(body):
        return f"{record.summary}\n\n{body}"
    return body


def archiver_date(record: Record) -> str | None:
    """The date scored: the date part of the published date, else of the updated one."""
    date = record.published or record.updated
    return date[:10] if date else None


# --- the peers (imported late: CI does not install the bench extra) ---------------------


def trafilatura_text(html: str, url: str) -> str | None:
    """The "trafilatura" row of its evaluate.py (which passes no URL)."""
    from trafilatura import extract

    return extract(
        html, fast=False, include_comments=False, include_tables=True, include_formatting=False
    )


def htmldate_date(html: str, url: str) -> str | None:
    """htmldate's own run in comparison.py (no URL)."""
    from htmldate import find_date

    return find_date(html, original_date=True, extensive_search=True)


def trafilatura_date(html: str, url: str) -> str | None:
    """trafilatura's metadata date (no URL)."""
    from trafilatura import extract_metadata

    return extract_metadata(html).date


class Crashes:
    """A tool's crashes: counted, the first one kept, so none goes unseen."""

    def __init__(self) -> None:
        self.count = 0
        self.first: str | None = None

    def run(self, tool: Callable[[str, str], T], html: str, url: str, name: str) -> T | None:
        """tool(html, url), or None when it raises (the peers count a crash as a miss)."""
        try:
            return tool(html, url)
        except Exception as exc:  # counted and reported with the run's figures
            self.count += 1
            self.first = self.first or f"{name}: {type(exc).__name__}: {exc}"
            return None


def pages_per_second(
    pages: Sequence[BodyPage | DatePage], parse: Callable[[str, str], object], passes: int
) -> float:
    """Median throughput of timed passes (the caller's scoring pass was the warm-up)."""
    rates = []
    for _ in range(passes):
        start = time.perf_counter()
        for page in pages:
            # A crash was counted in the scoring pass; here only the time matters.
            with contextlib.suppress(Exception):
                parse(page.html, page.url)
        rates.append(len(pages) / (time.perf_counter() - start))
    return statistics.median(rates) if rates else math.nan


def first_sight_rates(
    archive: Path, limit: int | None, passes: int
) -> tuple[dict[str, float], dict[str, float], float]:
    """archiver's and htmldate's pages per second on pages they have not seen: each
    timed pass is a fresh process that warms up on the even pages of the set and
    times the odd ones once, as a crawl meets every page once (a second pass over
    the same pages would time both tools' caches). The tools take turns, `passes`
    pairs; returned: the median wall-clock rate of each, the median CPU-time rate
    of each, and the median of the pairs' CPU-time ratios (ours / theirs), which a
    busy machine changes least."""
    runs: dict[str, list[tuple[float, float]]] = {"archiver": [], "htmldate": []}
    for _ in range(passes):
        for tool in runs:
            command = [sys.executable, __file__, "--time-one", tool, "--archive", str(archive)]
            command += ["--limit", str(limit)] if limit else []
            out = subprocess.run(command, capture_output=True, text=True, check=True)
            wall, cpu = map(float, out.stdout.split())
            runs[tool].append((wall, cpu))
    wall_rate = {t: statistics.median(w for w, _ in r) for t, r in runs.items()}
    cpu_rate = {t: statistics.median(c for _, c in r) for t, r in runs.items()}
    pairs = zip(runs["archiver"], runs["htmldate"], strict=True)
    return wall_rate, cpu_rate, statistics.median(a[1] / b[1] for a, b in pairs)


def _time_one(tool: str, archive: Path, limit: int | None) -> int:
    """The child of first_sight_rates: prints wall-clock and CPU-time pages per second."""
    pages, _ = load_date_set(unpack(archive), limit)
    parse = parse_page if tool == "archiver" else htmldate_date
    for page in pages[::2]:
        with contextlib.suppress(Exception):
            parse(page.html, page.url)
    timed = pages[1::2]
    wall, cpu = time.perf_counter(), time.process_time()
    for page in timed:
        with contextlib.suppress(Exception):
            parse(page.html, page.url)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{len(timed) / wall} {len(timed) / cpu}")
    return 0


# --- the two runs ------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One tool's figures on one set."""

    tool: str
    counts: Counts
    pages_per_second: float | None
    crashes: int = 0


def run_body(pages: list[BodyPage], args: argparse.Namespace) -> dict[str, Any]:
    """Score and time archiver and trafilatura on the body set; print the tables."""
    records = [parse_page(p.html, p.url) for p in pages]
    ours = [count_snippets(p, archiver_text(r)) for p, r in zip(pages, records, strict=True)]
    body_only = [count_snippets(p, r.body) for p, r in zip(pages, records, strict=True)]
    crashes = Crashes()
    theirs = [count_snippets(p, crashes.run(trafilatura_text, p.html, "", p.name)) for p in pages]
    rows = [
        Row("archiver", total(ours), pages_per_second(pages, parse_page, args.passes)),
        Row("archiver body", total(body_only), None),
        Row(
            "trafilatura",
            total(theirs),
            pages_per_second(pages, trafilatura_text, args.peer_passes),
            crashes.count,
        ),
    ]
    _print_rows(rows, ("precision", "recall", "accuracy", "f1"))
    if crashes.first:
        print(f"  first trafilatura crash: {crashes.first}")
    _print_not_articles(pages, records)
    _print_worst_bodies(pages, records, ours, theirs, args.worst)
    per_page = [
        {
            "file": p.name,
            "url": p.url,
            "kind": r.kind,
            "other_kind": r.other_kind,
            "kind_reason": getattr(r, "kind_reason", None),
            "archiver": asdict(o),
            "archiver_body": asdict(b),
            "trafilatura": asdict(t),
        }
        for p, r, o, b, t in zip(pages, records, ours, body_only, theirs, strict=True)
    ]
    return {"rows": [_row_json(r) for r in rows], "pages": per_page}


def run_dates(pages: list[DatePage], args: argparse.Namespace) -> dict[str, Any]:
    """Score and time archiver, htmldate and trafilatura on the date set; print the tables."""
    found: dict[str, list[str | None]] = {
        "archiver": [archiver_date(parse_page(p.html, p.url)) for p in pages]
    }
    rows = []
    first_crashes = []
    for tool, fn in (("htmldate", htmldate_date), ("trafilatura", trafilatura_date)):
        crashes = Crashes()
        found[tool] = [crashes.run(fn, p.html, "", p.name) for p in pages]
        rows.append(Row(tool, total(map(count_date, pages, found[tool])), None, crashes.count))
        first_crashes += [f"  first {tool} crash: {crashes.first}"] if crashes.first else []
    wall, cpu, ratio = first_sight_rates(args.archive, args.limit, args.passes)
    rows.insert(
        0, Row("archiver", total(map(count_date, pages, found["archiver"])), wall["archiver"])
    )
    rows[1] = replace(rows[1], pages_per_second=wall["htmldate"])
    traf = pages_per_second(pages, trafilatura_date, args.peer_passes)
    rows[2] = replace(rows[2], pages_per_second=traf)
    _print_rows(rows, ("accuracy", "precision", "recall"))
    for line in first_crashes:
        print(line)
    print(
        f"  first sight, CPU time: archiver {cpu['archiver']:.1f} pages/s, htmldate "
        f"{cpu['htmldate']:.1f}; archiver / htmldate, median of {args.passes} pairs: {ratio:.2f}"
    )
    _print_date_misses(pages, found, args.worst)
    per_page = [
        {"file": p.name, "url": p.url, "gold": p.date, **{t: found[t][i] for t in found}}
        for i, p in enumerate(pages)
    ]
    return {"rows": [_row_json(r) for r in rows], "pages": per_page}


# --- printing ----------------------------------------------------------------------------


def _print_rows(rows: list[Row], metrics: Sequence[str]) -> None:
    head = "".join(f"{m:>10}" for m in metrics)
    print(f"{'':15}{head}{'TP':>7}{'FP':>6}{'FN':>6}{'TN':>6}{'pages/s':>9}{'crashes':>9}")
    for row in rows:
        figures = "".join(f"{getattr(row.counts, m):10.3f}" for m in metrics)
        c = row.counts
        rate = f"{row.pages_per_second:9.1f}" if row.pages_per_second is not None else f"{'':9}"
        counts = f"{c.tp:7}{c.fp:6}{c.fn:6}{c.tn:6}"
        print(f"{row.tool:15}{figures}{counts}{rate}{row.crashes:9}")
    ours = rows[0].pages_per_second
    for row in rows[1:]:
        if ours and row.pages_per_second:
            print(f"  archiver is {ours / row.pages_per_second:.1f}x as fast as {row.tool}")


def _print_not_articles(pages: list[BodyPage], records: list[Record]) -> None:
    # Reasons carry counts ("5 article links"); grouped with the numbers blanked out.
    groups: dict[tuple[str, str | None, str], list[tuple[str, str]]] = {}
    for page, record in zip(pages, records, strict=True):
        if record.kind != "article":
            reason = getattr(record, "kind_reason", None) or "-"
            key = (record.kind, record.other_kind, _DIGITS.sub("N", reason))
            groups.setdefault(key, []).append((page.name, reason))
    count = sum(len(names) for names in groups.values())
    print(f"\n{count} of {len(pages)} pages archiver does not call articles:")
    for (kind, other, shape), names in sorted(groups.items(), key=lambda g: -len(g[1])):
        print(f"  {len(names):4}  {kind} / {other or '-'} / {shape}")
        for name, reason in names:
            print(f"          {name:50} {reason}")


def _print_worst_bodies(
    pages: list[BodyPage],
    records: list[Record],
    ours: list[Counts],
    theirs: list[Counts],
    count: int,
) -> None:
    print(f"\nworst {count} pages by archiver's page F1 (TP/FN/FP ours | trafilatura):")
    order = sorted(range(len(pages)), key=lambda i: (ours[i].f1, -ours[i].fn - ours[i].fp))
    for i in order[:count]:
        o, t = ours[i], theirs[i]
        print(
            f"  {o.f1:.2f} {o.tp}/{o.fn}/{o.fp} | {t.f1:.2f} {t.tp}/{t.fn}/{t.fp}  "
            f"{records[i].kind:8} {pages[i].name}"
        )


def _print_date_misses(
    pages: list[DatePage], found: dict[str, list[str | None]], count: int
) -> None:
    ours, theirs = found["archiver"], found["htmldate"]
    none = [i for i, d in enumerate(ours) if d is None]
    wrong = [i for i, d in enumerate(ours) if d is not None and d != pages[i].date]
    print("\narchiver's date misses:")
    for label, misses in (("no date", none), ("a wrong date", wrong)):
        right = sum(1 for i in misses if theirs[i] == pages[i].date)
        print(f"  {label} on {len(misses)} pages (htmldate right on {right} of them)")
    print(f"\nfirst {count} wrong dates (gold | archiver | htmldate):")
    for i in wrong[:count]:
        print(f"  {pages[i].date} | {ours[i]} | {theirs[i]}  {pages[i].name}")


def _row_json(row: Row) -> dict[str, Any]:
    c = row.counts
    scores = {m: getattr(c, m) for m in ("precision", "recall", "accuracy", "f1")}
    return {"tool": row.tool, **asdict(c), **scores, "pages_per_second": row.pages_per_second}


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE, help="peer-suites.tar.zst")
    parser.add_argument("--set", choices=("body", "dates", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of a set")
    parser.add_argument("--passes", type=int, default=PASSES, help="archiver's timed passes")
    parser.add_argument("--peer-passes", type=int, default=PEER_PASSES, help="the peers' passes")
    parser.add_argument("--worst", type=int, default=10, help="how many worst pages to list")
    parser.add_argument("--json", type=Path, default=None, help="write figures and pages here")
    parser.add_argument("--time-one", choices=("archiver", "htmldate"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.archive.is_file():
        print(f"no archive at {args.archive} (pass --archive)", file=sys.stderr)
        return 2
    # The peers log every page they find odd; their crashes are counted instead.
    for noisy in ("trafilatura", "htmldate"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    if args.time_one:
        return _time_one(args.time_one, args.archive, args.limit)
    tree = unpack(args.archive)
    report: dict[str, Any] = {}
    if args.set in ("body", "both"):
        pages, missing = load_body_set(tree, args.limit)
        print(f"body: {len(pages)} pages of trafilatura's set ({missing} entries lack a page)\n")
        report["body"] = {"missing": missing, **run_body(pages, args)}
    if args.set in ("dates", "both"):
        pages_d, missing = load_date_set(tree, args.limit)
        print(f"\ndates: {len(pages_d)} pages of htmldate's set ({missing} entries lack a page)\n")
        report["dates"] = {"missing": missing, **run_dates(pages_d, args)}
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
