"""`archiver import`: pages archived by others (wget --warc-file, Browsertrix,
Common Crawl extracts, an earlier `archiver export`) enter the archive through the
same extraction, deduplication and storage as a fetch, as one recorded run.

Each HTML page answered 200 is parsed with its site's selectors; an article is
saved as a fetched one is (a revision when it changed, a copy linked to its
original), any other page is kept as a response of its kind. Pages are read one
at a time and bodies over the site's max_page_bytes are passed over, so memory
stays flat whatever the file's size.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archiver import warc
from archiver.decoding import HTML_TYPES, decode
from archiver.derive import derive
from archiver.errors import ArchiverError, StoreError
from archiver.extract import FAILED, parse_page
from archiver.homewalk import site_info
from archiver.model import Exchange
from archiver.seeds import Site
from archiver.store import Archive, Fetched, Role

log = logging.getLogger(__name__)
DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # a body larger than this is passed over


@dataclass
class ImportSummary:
    """What an import did, by outcome; `passed` counts what it left aside, by reason."""

    run_id: int = 0
    status: str = "ok"
    pages: int = 0  # response and resource records read
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    duplicates: int = 0
    other_pages: int = 0  # HTML pages that are no article, kept as responses
    failed: int = 0  # pages that could not be parsed or stored
    first_error: str | None = None
    passed: dict[str, int] = field(default_factory=dict)
    sites: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


OnProgress = Callable[[ImportSummary], None]


def import_warcs(
    archive: Archive,
    paths: Sequence[Path],
    *,
    sites: Sequence[Site] = (),
    site: str | None = None,
    on_progress: OnProgress | None = None,
) -> ImportSummary:
    """Import every page of the WARC files at `paths`. A page belongs to `site` when
    given, else to the first seed of `sites` that allows its URL, else to its host."""
    summary = ImportSummary(run_id=archive.start_run())
    passed: Counter[str] = Counter()
    status = "failed"
    try:
        for path in paths:
            for capture in warc.read(path, _max_bytes(sites), passed):
                summary.pages += 1
                reason = _passed_over(capture)
                if reason is not None:
                    passed[reason] += 1
                else:
                    _import_page(archive, summary, capture, _site_of(capture, sites, site))
                if on_progress is not None:
                    on_progress(summary)
        status = "partial" if summary.failed else "ok"
        for seed in sites:  # what their seeds say of the sites imported (their unit)
            if seed.name in summary.sites:
                archive.remember_site(site_info(seed))
    finally:
        summary.passed = dict(sorted(passed.items()))
        summary.status = status
        archive.finish_run(summary.run_id, status=status, requests=0, sites=summary.sites)
    return summary


def _passed_over(capture: warc.Capture) -> str | None:
    """Why a page is no page to import, or None."""
    status = capture.exchange.status
    if capture.body is None:
        return "larger than the page limit"
    if status != 200:
        return f"HTTP {status}"
    if capture.content_type.split(";")[0].strip().lower() not in HTML_TYPES or not capture.body:
        return "not HTML"
    return None


def _import_page(
    archive: Archive,
    summary: ImportSummary,
    capture: warc.Capture,
    site: tuple[str, dict[str, str]],
) -> None:
    assert capture.body is not None  # _passed_over let it through
    try:
        _store(archive, summary, capture.body, capture.exchange, site)
    except StoreError:
        raise  # the archive itself cannot be written: no page is to blame
    except ArchiverError as exc:
        _failed(summary, site[0], capture.exchange.url, exc)


def _store(
    archive: Archive,
    summary: ImportSummary,
    body: bytes,
    exchange: Exchange,
    site: tuple[str, dict[str, str]],
) -> None:
    name, selectors = site
    counts = summary.sites.setdefault(name, {})
    url, content_type = exchange.url, exchange.header("Content-Type") or ""
    record = parse_page(decode(body, content_type), url, selectors)
    if record.other_kind == FAILED:
        _failed(summary, name, url, ArchiverError(record.kind_reason or FAILED))
        return
    fetched = Fetched(status=200, final_url=url, content_type=content_type, exchange=exchange)
    if record.kind != "article":
        kind = record.other_kind or record.kind
        role: Role = "listing" if record.kind == "listing" else "article"
        archive.finish_page(url, name, role, kind, fetched, raw=body)
        summary.other_pages += 1
        counts["other_pages"] = counts.get("other_pages", 0) + 1
        return
    outcome, _ = archive.save_article(
        site=name,
        record=record,
        raw=body,
        run_id=summary.run_id,
        requested=url,
        fetched=fetched,
        identity=_same_host(record.canonical, url),
        derived=derive(record),
    )
    key = "duplicates" if outcome == "duplicate" else f"articles_{outcome}"
    setattr(summary, key, getattr(summary, key) + 1)
    counts[key] = counts.get(key, 0) + 1


def _failed(summary: ImportSummary, site: str, url: str, exc: Exception) -> None:
    log.warning("%s: not imported: %s", url, exc)
    summary.failed += 1
    summary.first_error = summary.first_error or f"{url}: {exc}"
    counts = summary.sites.setdefault(site, {})
    counts["errors"] = counts.get("errors", 0) + 1


def _site_of(
    capture: warc.Capture, sites: Sequence[Site], forced: str | None
) -> tuple[str, dict[str, str]]:
    """The site a page is filed under, and the selectors that read it: --site, else
    the seed whose domains hold it, else the site an archiver export named, else the
    host."""
    url = capture.exchange.url
    place = urlsplit(url).netloc.lower()
    candidates = [s for s in sites if forced is None or s.name == forced]
    # a seed whose start page is on the very host and port first: two sites may
    # share a domain (by port, or a portal and its subsites)
    candidates.sort(key=lambda s: all(urlsplit(u).netloc.lower() != place for u in s.start_urls))
    for seed in candidates:
        if seed.allows(url):
            return seed.name, dict(seed.selectors)
    return forced or capture.site or _host(url), {}


def _max_bytes(sites: Sequence[Site]) -> int:
    return max((s.max_page_bytes for s in sites), default=DEFAULT_MAX_BYTES)


def _same_host(canonical: str | None, url: str) -> str | None:
    """The page's canonical URL as its identity, when it names the same host."""
    return canonical if canonical and _host(canonical) == _host(url) else None


def _host(url: str) -> str:
    return urlsplit(url).hostname or "unknown"
