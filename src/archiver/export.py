"""Hand the archive to other tools: every article as JSON Lines or CSV,
streamed row by row from SQLite so memory stays flat whatever the archive's size."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from archiver.store import Archive
from archiver.terminal import json_text

_JSON_COLUMNS = ("images", "attachments", "problems")
_INTERNAL = ("sketch",)  # the near-duplicate index's data, not part of a record


def export(
    archive: Archive, out: TextIO, *, fmt: str, site: str | None = None, since: str | None = None
) -> int:
    """Write the articles of `site` (or all) published on or after `since`; return the count."""
    cursor = archive.db.conn.execute(
        "SELECT a.*, (SELECT count(*) FROM revisions r WHERE r.article_id = a.id) AS revisions"
        " FROM articles a WHERE (? IS NULL OR a.site = ?) AND (? IS NULL OR a.published >= ?)"
        " ORDER BY a.id",
        [site, site, since, since],
    )
    columns = [d[0] for d in cursor.description if d[0] not in _INTERNAL]
    writer = (
        csv.DictWriter(out, fieldnames=columns, extrasaction="ignore") if fmt == "csv" else None
    )
    if writer:
        writer.writeheader()
    count = 0
    names = [d[0] for d in cursor.description]
    for row in cursor:
        record: dict[str, Any] = dict(zip(names, row, strict=True))
        if writer:
            writer.writerow(record)
        else:
            for key in _JSON_COLUMNS:
                record[key] = json.loads(record[key])
            for key in _INTERNAL:
                record.pop(key, None)
            out.write(json_text(record, indent=None) + "\n")
        count += 1
    return count
