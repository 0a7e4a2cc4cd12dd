"""Re-extract archived articles from their stored raw pages, after the parser
improved: a new revision only where the extracted content really changed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass

from archiver.decoding import decode
from archiver.errors import ArchiverError
from archiver.extract import parse_page
from archiver.store import Archive, StoredPage

BATCH = 500


@dataclass
class ReparseSummary:
    examined: int = 0
    changed: int = 0
    unchanged: int = 0
    not_articles: int = 0  # pages the parser no longer takes for articles: kept as they were
    failed: int = 0  # raw pages that could not be read; the first reason is kept
    first_error: str | None = None

    def to_dict(self) -> dict[str, int | str | None]:
        return asdict(self)


def reparse(
    archive: Archive,
    *,
    site: str | None = None,
    selectors: Mapping[str, Mapping[str, str]] | None = None,
    on_progress: Callable[[ReparseSummary], None] | None = None,
) -> ReparseSummary:
    """Parse every archived article of `site` (or all) again from its raw page;
    `selectors` are seed overrides by site name; `on_progress` is told the counts
    after each article."""
    summary = ReparseSummary()
    with archive.grouped():  # committed a group at a time; what was done is kept on Ctrl-C
        for page in archive.stored_pages(site=site, batch=BATCH):
            summary.examined += 1
            _reparse_one(archive, summary, page, selectors)
            if on_progress is not None:
                on_progress(summary)
    return summary


def _reparse_one(
    archive: Archive,
    summary: ReparseSummary,
    page: StoredPage,
    selectors: Mapping[str, Mapping[str, str]] | None,
) -> None:
    """One article parsed again from its raw page, and counted."""
    try:
        raw = archive.raw_page(page.raw_sha256)
    except ArchiverError as exc:
        summary.failed += 1
        summary.first_error = summary.first_error or f"{page.url}: {exc}"
        return
    record = parse_page(decode(raw), page.final_url or page.url, (selectors or {}).get(page.site))
    if record.kind != "article":
        summary.not_articles += 1
        return
    outcome, _ = archive.save_article(site=page.site, record=record, raw=raw)
    if outcome == "updated":
        summary.changed += 1
    else:
        summary.unchanged += 1
