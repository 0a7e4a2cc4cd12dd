"""Hand the archive to other tools: every article as JSON Lines or CSV,
streamed row by row from SQLite so memory stays flat whatever the archive's size."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import Any, TextIO

from archiver.store import Archive
from archiver.store.schema import ARTICLE_COLUMNS, INTERNAL_COLUMNS, JSON_COLUMNS
from archiver.terminal import json_text


def export(
    archive: Archive,
    out: TextIO,
    *,
    fmt: str,
    site: str | None = None,
    since: str | None = None,
    sites: Sequence[str] | None = None,
) -> int:
    """Write the articles of `site` (or of `sites`, or all) published on or after
    `since`; return the count."""
    columns = [c for c in ARTICLE_COLUMNS if c not in INTERNAL_COLUMNS] + ["revisions"]
    writer = csv.DictWriter(out, fieldnames=columns) if fmt == "csv" else None
    if writer:
        writer.writeheader()
    count = 0
    for article, revisions in archive.articles(site=site, since=since, sites=sites):
        record: dict[str, Any] = article.to_dict() | {"revisions": revisions}
        for key in INTERNAL_COLUMNS:
            del record[key]
        if writer:
            for key in JSON_COLUMNS:  # as the archive holds them: JSON text
                record[key] = json.dumps(record[key], ensure_ascii=False)
            writer.writerow(record)
        else:
            out.write(json_text(record, indent=None) + "\n")
        count += 1
    return count
