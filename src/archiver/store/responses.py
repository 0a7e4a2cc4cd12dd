"""Responses as they were received: one row per fetch whose body was kept, with its
request and its response head (the body itself is in raw_pages, once per content)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from archiver.model import Exchange
from archiver.store.raw import unpacked


@dataclass(frozen=True)
class StoredResponse:
    """One kept response: its exchange, where it belongs, and its body."""

    id: int
    site: str
    run_id: int | None
    kind: str | None
    exchange: Exchange
    body: bytes


def keep(
    db: Database, exchange: Exchange, sha: str, site: str, kind: str, run_id: int | None
) -> None:
    """Add one response (in the caller's transaction)."""
    db.execute(
        "INSERT INTO responses (url, site, run_id, kind, requested_at, method, request_headers,"
        " http_version, status, reason, headers, raw_sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            exchange.url,
            site,
            run_id,
            kind,
            exchange.requested_at,
            exchange.method,
            json.dumps(exchange.request_headers, ensure_ascii=False),
            exchange.http_version,
            exchange.status,
            exchange.reason,
            json.dumps(exchange.headers, ensure_ascii=False),
            sha,
        ],
    )


def kept(
    db: Database,
    *,
    site: str | None,
    since: str | None,
    sites: Sequence[str] | None = None,
    batch: int = 200,
) -> Iterator[StoredResponse]:
    """The responses of `site` (or all) requested on or after `since`, oldest first,
    with their bodies, read a batch at a time."""
    last = 0
    among = json.dumps(list(sites)) if sites is not None else None
    while rows := db.execute(
        "SELECT r.id, r.site, r.run_id, r.kind, r.url, r.requested_at, r.method,"
        " r.request_headers, r.http_version, r.status, r.reason, r.headers, r.raw_sha256,"
        " p.compression, p.content FROM responses r JOIN raw_pages p ON p.sha256 = r.raw_sha256"
        " WHERE r.id > ? AND (? IS NULL OR r.site = ?) AND (? IS NULL OR r.requested_at >= ?)"
        " AND (? IS NULL OR r.site IN (SELECT value FROM json_each(?))) ORDER BY r.id LIMIT ?",
        [last, site, site, since, since, among, among, batch],
    ).fetchall():
        for row in rows:
            (number, name, run, kind, url, at, method, asked, version, status, reason) = row[:11]
            exchange = Exchange(
                url,
                at,
                status,
                _pairs(row[11]),
                version,
                reason,
                method,
                _pairs(asked),
            )
            body = unpacked(row[12], row[13], row[14])
            yield StoredResponse(number, name, run, kind, exchange, body)
        last = rows[-1][0]


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((str(name), str(value)) for name, value in json.loads(text))
