"""Where a parse's time goes: CPU time per stage of `parse_page` on htmldate's set.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/stages.py [--size big|small]

The pages are those `bench/peer_suites.py` times against htmldate (its date set,
unpacked from `../shared/data/peer-suites/`). As there, archiver warms up on the
even pages and is timed on the odd ones, which it meets for the first time. Each
stage is one function of `archiver.extract`, wrapped to add up its CPU time;
stages nest (the container search reads a block to tell a story from a list),
so the shares may add up to more than the whole. The wrappers cost a little:
the total is a few percent slower than `peer_suites.py` measures.

`--size big` (or `small`) times the fifth of the odd pages that are largest (or
smallest) in bytes: where the cost grows with the page.
"""

from __future__ import annotations

import argparse
import functools
import logging
import sys
import time
from collections import Counter
from collections.abc import Callable
from types import ModuleType
from typing import Any

import peer_suites

from archiver.extract import authors, body, generic, guard, meta, parse_page, titles

# (module, function, label): the stages of generic._record, in the order they run
STAGES: list[tuple[ModuleType, str, str]] = [
    (guard, "tamed_utf8", "encode for Lexbor"),
    (generic, "LexborHTMLParser", "Lexbor parse"),
    (generic, "declaring", "declared elements"),
    (generic, "meta_tags", "meta tags"),
    (generic, "ld_objects", "JSON-LD"),
    (generic, "detect_family", "CMS family"),
    (titles, "find", "title"),
    (body, "find_container", "body container"),
    (body, "read_items", "body walk"),
    (body, "paragraphs", "paragraphs"),
    (body, "template_items", "second pass: template"),
    (body, "fallback_items", "second pass: whole page"),
    (meta, "dates_and_views", "dates and view count"),
    (authors, "find", "authors"),
    (body, "lead_block", "lead block"),
    (generic, "_kind", "kind"),
    (meta, "category", "category"),
    (meta, "summary", "summary"),
    (body, "attachments", "attachments"),
    (meta, "language", "language"),
]


def _timed(function: Callable[..., Any], label: str, spent: Counter[str]) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - started

    return timed


def _patch(module: ModuleType, name: str, timed: Callable[..., Any]) -> None:
    """Put the timed function where the code calls it: in every extraction module
    that imported our own function (a package re-exports what its modules define),
    and only in `module` for another library's (the parser a module calls)."""
    original = getattr(module, name)
    homes = [module]
    if getattr(original, "__module__", "").startswith("archiver."):
        homes = [m for key, m in list(sys.modules.items()) if key.startswith("archiver.extract")]
    for home in homes:
        if getattr(home, name, None) is original:
            setattr(home, name, timed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=("all", "big", "small"), default="all")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    pages, _ = peer_suites.load_date_set(peer_suites.unpack(peer_suites.DEFAULT_ARCHIVE))
    spent: Counter[str] = Counter()
    for module, name, label in STAGES:
        _patch(module, name, _timed(getattr(module, name), label, spent))
    for page in pages[::2]:
        parse_page(page.html, page.url)
    timed = pages[1::2]
    if args.size != "all":
        by_size = sorted(timed, key=lambda page: len(page.html))
        fifth = len(by_size) // 5
        timed = by_size[-fifth:] if args.size == "big" else by_size[:fifth]
    spent.clear()
    started = time.process_time()
    for page in timed:
        parse_page(page.html, page.url)
    total = time.process_time() - started
    print(f"{len(timed)} pages ({args.size}), {total / len(timed) * 1000:.2f} ms a page, "
          f"{len(timed) / total:.0f} pages/s (CPU time)")  # fmt: skip
    print(f"{'stage':28} {'ms a page':>10} {'share':>6}")
    for label, seconds in spent.most_common():
        print(f"{label:28} {seconds / len(timed) * 1000:10.3f} {seconds / total:6.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
