"""Parsing during a crawl: in a process of its own while the event loop fetches
and stores. This module imports no storage: a parse worker loads the extractor
and what saving an article computes (derive.py), nothing more."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from archiver import health
from archiver.derive import Derived, derive
from archiver.extract import parse_page
from archiver.model import Record


class Parser:
    """Parses pages in a process of its own while the event loop fetches and stores:
    extraction is pure Python and would otherwise hold the crawl to one core. On a
    one-core machine pages are parsed in the loop itself.

    A worker costs half a second to start and import the extractor, more than a small
    run (an incremental cron run, a test) spends parsing. So the first INLINE_PAGES
    pages are parsed in the loop; then the worker is started, and pages go on being
    parsed in the loop until it can take them."""

    INLINE_PAGES = 24

    def __init__(self, workers: int | None = None) -> None:
        cores = os.cpu_count() or 1
        self.workers = workers if workers is not None else (1 if cores > 1 else 0)
        self._pool: ProcessPoolExecutor | None = None
        self._warm: Future[None] | None = None  # done once the workers can take pages
        self._parsed = 0  # pages parsed in the loop

    async def __aenter__(self) -> Parser:
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def _start_pool(self) -> None:
        context = multiprocessing.get_context("spawn")  # no copy of our SQLite handle
        self._pool = ProcessPoolExecutor(
            self.workers,
            mp_context=context,
            initializer=_die_with_parent,
            initargs=(os.getpid(),),
        )
        self._warm = self._pool.submit(_ready)

    async def parse_listing(self, html: str, url: str, selectors: Mapping[str, str]) -> Parsed:
        """The record, and which of the seed's listing selectors matched."""
        return await self._run(_parse_listing, html, url, selectors)

    async def parse_article(self, html: str, url: str, selectors: Mapping[str, str]) -> Parsed:
        """The record, for an article what saving it needs computed (hash,
        fingerprints, bigrams), and which of the seed's article selectors matched,
        made in the worker beside the parse."""
        return await self._run(_parse_and_derive, html, url, selectors)

    async def _run(
        self,
        work: Callable[[str, str, Mapping[str, str]], Parsed],
        html: str,
        url: str,
        selectors: Mapping[str, str],
    ) -> Parsed:
        if self._warm is None or not self._warm.done():
            self._parsed += 1
            if self.workers and self._pool is None and self._parsed > self.INLINE_PAGES:
                self._start_pool()
            return work(html, url, selectors)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, work, html, url, dict(selectors))


@dataclass(frozen=True)
class Parsed:
    """What a parse worker makes of a page."""

    record: Record
    derived: Derived | None = None
    hits: Mapping[str, bool] = field(default_factory=dict)  # see health.selector_hits


def _ready() -> None:
    """Nothing: the first task a worker runs, done once it can take pages."""


def _parse_listing(html: str, url: str, selectors: Mapping[str, str]) -> Parsed:
    hits = health.selector_hits(html, url, selectors, health.LISTING_SELECTORS)
    return Parsed(parse_page(html, url, selectors, listing=True), hits=hits)


def _parse_and_derive(html: str, url: str, selectors: Mapping[str, str]) -> Parsed:
    record = parse_page(html, url, selectors)
    derived = derive(record) if record.kind == "article" else None
    # a soft 404 or a block page is no page the article selectors are meant for
    meant = record.other_kind is None
    hits = health.selector_hits(html, url, selectors, health.ARTICLE_SELECTORS) if meant else {}
    return Parsed(record, derived, hits)


def _die_with_parent(parent: int) -> None:
    """In a parse worker: leave when the crawler (pid `parent`) is gone. A SIGKILLed
    crawler cannot shut its pool down, and an idle worker would wait for work for
    ever. The pid comes from the crawler itself: a worker still starting up when the
    crawler died would otherwise take its new parent (init) for the crawler."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    # Ctrl-C reaches the whole process group: the crawler stops the run and its pool;
    # a worker interrupted mid-wait would only print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    threading.Thread(target=watch, daemon=True, name="watch-parent").start()
