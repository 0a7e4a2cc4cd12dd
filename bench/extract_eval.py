"""Archiver's extractor against trafilatura on the fundus development set.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/extract_eval.py

Both run in this process on the same decoded pages. Prints body precision,
recall and F1 (4-gram shingles, mean over pages), title, date and author
accuracy, pages per second (parsing only, median of 3 passes after a warm-up
pass), and the 10 pages where archiver's body F1 is lowest. How each figure is
scored: bench/scoring.py.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from scoring import Extracted, Sample, Score, Summary, archiver_fields, load, score, summarise

from archiver.extract import parse_page

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "fundus"
PASSES = 3


def trafilatura_fields(html: str, url: str) -> Extracted:
    """trafilatura's default extraction with metadata, as the fields scored."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return Extracted(None, None, None, None)
    return Extracted(doc.title, doc.text, doc.date, doc.author)


def trafilatura_parse(html: str, url: str) -> object:
    import trafilatura

    return trafilatura.bare_extraction(html, url=url, with_metadata=True)


def pages_per_second(samples: list[Sample], parse: Callable[[str, str], object]) -> float:
    """Median throughput of PASSES timed passes (the caller has warmed up)."""
    rates = []
    for _ in range(PASSES):
        start = time.perf_counter()
        for sample in samples:
            parse(sample.html, sample.url)
        rates.append(len(samples) / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the fundus folder")
    parser.add_argument("--worst", type=int, default=10, help="how many worst pages to list")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no data folder at {args.data} (pass --data)", file=sys.stderr)
        return 2
    samples = load(args.data)
    # The scoring pass doubles as the warm-up pass for the timings.
    ours = [score(s, archiver_fields(s.html, s.url)) for s in samples]
    theirs = [score(s, trafilatura_fields(s.html, s.url)) for s in samples]
    our_rate = pages_per_second(samples, parse_page)
    their_rate = pages_per_second(samples, trafilatura_parse)
    print(f"{len(samples)} pages from {args.data}\n")
    _table(summarise(ours), summarise(theirs), our_rate, their_rate)
    _worst(samples, ours, theirs, args.worst)
    return 0


def _table(ours: Summary, theirs: Summary, our_rate: float, their_rate: float) -> None:
    rows = [
        ("body precision", ours.precision, theirs.precision),
        ("body recall", ours.recall, theirs.recall),
        ("body F1", ours.f1, theirs.f1),
        ("title exact", ours.title, theirs.title),
        ("date accuracy", ours.date, theirs.date),
        ("author accuracy", ours.author, theirs.author),
        ("credit accuracy", ours.credit, theirs.credit),
    ]
    print(f"{'':18}{'archiver':>10}{'trafilatura':>13}")
    for name, a, b in rows:
        print(f"{name:18}{a:10.3f}{b:13.3f}")
    print(f"{'pages/s':18}{our_rate:10.1f}{their_rate:13.1f}   ({our_rate / their_rate:.1f}x)")


def _worst(samples: list[Sample], ours: list[Score], theirs: list[Score], count: int) -> None:
    print(f"\nworst {count} pages by archiver's body F1 (P/R/F1 ours | F1 trafilatura):")
    order = sorted(range(len(samples)), key=lambda i: ours[i].f1)[:count]
    for i in order:
        o, t = ours[i], theirs[i]
        print(
            f"  {o.precision:.2f}/{o.recall:.2f}/{o.f1:.2f} | {t.f1:.2f}  "
            f"{samples[i].name}  {samples[i].url}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
