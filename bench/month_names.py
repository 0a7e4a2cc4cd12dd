"""Our month-name table against dateparser, on the date lines archiver must read.

    .venv/bin/pip install dateparser   # not a dependency: only this benchmark uses it
    .venv/bin/python bench/month_names.py [--rounds N]

Issue 14 asks for month names in the languages of htmldate's set plus Vietnamese,
from "a table you own, or a well-kept library if one is fast enough". The lines are
the date lines of tests/test_dates.py (Vietnamese portal forms quoted in DOMAIN.md
and the forms of htmldate's set, each with the day it gives). Each tool reads every
line as a date line on a page is read: archiver with `find_vn_dates`, dateparser
with `search_dates` (the lines carry labels, weekdays and counts around the date)
and the day-first order Vietnamese pages use. Printed: lines whose day each tool
gets right, and microseconds per line (best of `--rounds`).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from archiver.extract.dates import find_vn_dates
from test_dates import CASES


def ours(line: str) -> str | None:
    found = find_vn_dates(line)
    return found[0].value[:10] if found else None


def dateparser_day(line: str) -> str | None:
    from dateparser.search import search_dates

    found = search_dates(line, settings={"DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False})
    return found[0][1].date().isoformat() if found else None


def best_time(read: Callable[[str], str | None], lines: list[str], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for line in lines:
            read(line)
        best = min(best, time.perf_counter() - start)
    return best / len(lines) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    lines = [text for text, _, _ in CASES]
    days = [value[:10] for _, value, _ in CASES]
    print(f"{len(lines)} date lines (tests/test_dates.py CASES)\n")
    print(f"{'':12}{'right':>8}{'µs/line':>10}")
    for name, read in (("archiver", ours), ("dateparser", dateparser_day)):
        try:
            got = [read(line) for line in lines]
        except ImportError:
            print(f"{name:12}  not installed (pip install dateparser)")
            continue
        right = sum(g == d for g, d in zip(got, days, strict=True))
        print(f"{name:12}{right:>5}/{len(lines)}{best_time(read, lines, args.rounds):>10.1f}")
        wrong = [(line, g) for line, g, d in zip(lines, got, days, strict=True) if g != d]
        for line, g in wrong[:8]:
            print(f"    {g!s:10}  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
