"""What reading the archive gives back: typed values, never raw rows."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any

from archiver.model import Attachment, Image
from archiver.store.schema import ARTICLE_COLUMNS, JSON_COLUMNS


@dataclass(frozen=True)
class Article:
    """One archived article, as its row holds it (ARTICLE_COLUMNS, in that order)."""

    id: int
    url: str  # the canonical URL: the article's identity
    site: str
    title: str | None
    published: str | None
    updated: str | None
    date_raw: str | None
    author: str | None
    category: str | None
    view_count: int | None  # the latest seen; the history is in view_counts
    summary: str | None
    body: str | None
    images: tuple[Image, ...]
    attachments: tuple[Attachment, ...]
    language: str | None
    final_url: str | None  # where the page was read
    content_hash: str
    fingerprint: str | None
    sketch: str | None
    duplicate_of: int | None  # the first-seen article this one copies
    raw_sha256: str | None
    first_seen: str
    last_seen: str
    last_changed: str
    problems: tuple[str, ...]
    source: str | None

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Article:
        """The article a `SELECT *` row of `articles` holds."""
        values = dict(zip(ARTICLE_COLUMNS, row, strict=True))
        for name in JSON_COLUMNS:
            values[name] = json.loads(values[name])
        values["images"] = tuple(Image(**i) for i in values["images"])
        values["attachments"] = tuple(Attachment(**a) for a in values["attachments"])
        values["problems"] = tuple(values["problems"])
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The article as `show --format json` prints it: every column, the JSON
        columns as lists."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["images"] = [asdict(i) for i in self.images]
        out["attachments"] = [asdict(a) for a in self.attachments]
        out["problems"] = list(self.problems)
        return out


@dataclass(frozen=True)
class Revision:
    """One stored version of an article: the record as it was read then."""

    id: int
    run_id: int | None
    fetched_at: str
    content_hash: str
    record: dict[str, Any]  # Record.to_dict() of that version


@dataclass(frozen=True)
class Run:
    """One `fetch` run as the archive keeps it."""

    id: int
    started: str
    finished: str | None
    status: str  # running | ok | partial | failed | interrupted
    requests: int
    sites: dict[str, dict[str, Any]]  # per site: its counts and health, as printed


@dataclass(frozen=True)
class SiteCounts:
    """A site's articles: how many, the newest date, and how many a month."""

    site: str
    articles: int
    newest: str | None
    per_month: dict[str, int]  # "YYYY-MM" -> articles published that month
