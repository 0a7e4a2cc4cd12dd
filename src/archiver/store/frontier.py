"""The crawl frontier, kept in the archive's `pages` table (schema.py): every URL a run has
seen, what it turned out to be, and whether it is queued, done or failed (and
when to try it again). A run killed at any moment leaves its queue here; the
next run starts with it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlite_utils import Database

from archiver.clock import stamp
from archiver.model import Exchange
from archiver.normalize import canonical_url

Role = Literal["listing", "article"]
RETRY_BASE = timedelta(minutes=15)  # a failed page waits this long, doubling per failure
RETRY_MAX = timedelta(days=7)
BATCH = 500  # URLs a lookup asks for in one statement


@dataclass(frozen=True)
class Fetched:
    """What the frontier keeps of one fetch."""

    status: int | None
    final_url: str | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    attempts: int = 1
    exchange: Exchange | None = None  # the response's head, kept with its body


class Frontier:
    """Reads and writes `pages`; writers run inside the caller's transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def states(self, urls: Iterable[str]) -> dict[str, str]:
        """The state of each URL already in the frontier, by canonical URL."""
        return {url: seen[0] for url, seen in self.seen(urls).items()}

    def enqueue(self, site: str, urls: Iterable[str], role: Role, *, again: bool = False) -> None:
        """Add URLs not seen before as queued; with `again`, queue known ones anew."""
        at = stamp()
        conflict = "DO UPDATE SET state = 'queued'" if again else "DO NOTHING"
        self.db.conn.executemany(
            "INSERT INTO pages (url, fetch_url, site, role, state, first_seen)"
            f" VALUES (?, ?, ?, ?, 'queued', ?) ON CONFLICT(url) {conflict}",
            [(canonical_url(u), u, site, role, at) for u in urls],
        )

    def seen(self, urls: Iterable[str]) -> dict[str, tuple[str, str | None, str | None]]:
        """(state, fetched_at, next_try) of each URL already in the frontier, by
        canonical URL; asked BATCH at a time (a feed of 40,000 entries would pass
        SQLite's bound on a statement's parameters)."""
        keys = list(dict.fromkeys(canonical_url(u) for u in urls))
        out: dict[str, tuple[str, str | None, str | None]] = {}
        for start in range(0, len(keys), BATCH):
            part = keys[start : start + BATCH]
            marks = ",".join("?" for _ in part)
            rows = self.db.execute(
                f"SELECT url, state, fetched_at, next_try FROM pages WHERE url IN ({marks})",
                part,
            )
            out.update({row[0]: (row[1], row[2], row[3]) for row in rows.fetchall()})
        return out

    def pending(self, site: str, role: Role) -> Iterator[str]:
        """Pages an earlier run left queued, then failed ones now due again, oldest
        first. Read BATCH at a time along the (site, state) index, so a backlog of
        any size costs a bounded memory (issue 17) and each batch one index seek."""
        now = stamp()
        for state, due in (("queued", ""), ("failed", " AND next_try <= ?")):
            after = 0
            while True:
                rows = self.db.execute(
                    "SELECT rowid, fetch_url FROM pages WHERE site = ? AND state = ?"
                    f" AND rowid > ? AND role = ?{due} ORDER BY rowid LIMIT {BATCH}",
                    [site, state, after, role, *([now] if due else [])],
                ).fetchall()
                if not rows:
                    break
                yield from (row[1] for row in rows)
                after = rows[-1][0]

    def due(self, url: str) -> bool:
        """True when a failed URL may be tried again now."""
        row = self.db.execute(
            "SELECT next_try FROM pages WHERE url = ?", [canonical_url(url)]
        ).fetchone()
        return row is None or row[0] is None or row[0] <= stamp()

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified a page was last served with."""
        row = self.db.execute(
            "SELECT etag, last_modified FROM pages WHERE url = ?", [canonical_url(url)]
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def done(
        self,
        url: str,
        site: str,
        role: Role,
        kind: str,
        fetched: Fetched,
        *,
        article_id: int | None = None,
        raw_sha256: str | None = None,
    ) -> None:
        """Record a page as fetched and understood (in the caller's transaction)."""
        at = stamp()
        self.db.execute(
            """INSERT INTO pages (url, fetch_url, site, role, kind, state, status, final_url,
                   content_type, article_id, raw_sha256, etag, last_modified, attempts,
                   first_seen, fetched_at)
               VALUES (?, ?, ?, ?, ?, 'done', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(url) DO UPDATE SET
                   kind = excluded.kind, state = 'done', status = excluded.status,
                   final_url = excluded.final_url, content_type = excluded.content_type,
                   article_id = coalesce(excluded.article_id, article_id),
                   raw_sha256 = coalesce(excluded.raw_sha256, raw_sha256),
                   etag = excluded.etag, last_modified = excluded.last_modified,
                   attempts = attempts + excluded.attempts, failures = 0, next_try = NULL,
                   error = NULL, fetched_at = excluded.fetched_at""",
            [
                canonical_url(url),
                url,
                site,
                role,
                kind,
                fetched.status,
                fetched.final_url,
                fetched.content_type,
                article_id,
                raw_sha256,
                fetched.etag,
                fetched.last_modified,
                fetched.attempts,
                at,
                at,
            ],
        )

    def not_modified(self, url: str, attempts: int) -> None:
        """A conditional re-fetch answered 304: the page is as it was."""
        self.db.execute(
            "UPDATE pages SET state = 'done', status = 304, attempts = attempts + ?,"
            " fetched_at = ? WHERE url = ?",
            [attempts, stamp(), canonical_url(url)],
        )

    def failed(
        self,
        url: str,
        site: str,
        role: Role,
        *,
        status: int | None,
        reason: str,
        attempts: int,
        retry_after: float | None,
    ) -> None:
        """Record a failure and when to try again: 15 min, doubling, at most a week,
        never sooner than the server asked."""
        key = canonical_url(url)
        row = self.db.execute("SELECT failures FROM pages WHERE url = ?", [key]).fetchone()
        failures = (row[0] if row else 0) + 1
        wait = min(RETRY_BASE * 2 ** (failures - 1), RETRY_MAX)
        if retry_after:  # the server's wish, as long as the longest back-off at most
            wait = max(wait, timedelta(seconds=min(retry_after, RETRY_MAX.total_seconds())))
        now = datetime.now(UTC)
        self.db.execute(
            """INSERT INTO pages (url, fetch_url, site, role, state, status, attempts, failures,
                   next_try, error, first_seen, fetched_at)
               VALUES (?, ?, ?, ?, 'failed', ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(url) DO UPDATE SET
                   state = 'failed', status = excluded.status,
                   attempts = attempts + excluded.attempts, failures = excluded.failures,
                   next_try = excluded.next_try, error = excluded.error,
                   fetched_at = excluded.fetched_at""",
            [
                key,
                url,
                site,
                role,
                status,
                attempts,
                failures,
                stamp(now + wait),
                reason,
                stamp(now),
                stamp(now),
            ],
        )
