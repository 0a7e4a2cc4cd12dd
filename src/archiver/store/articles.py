"""Writing articles: insert or update, revisions, view counts, the duplicate
fingerprints and both search indexes, all in the caller's transaction."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, Literal

from sqlite_utils import Database

from archiver import clock, dedup
from archiver.derive import Derived, content_hash, derive, grams_of
from archiver.model import Record
from archiver.normalize import canonical_url
from archiver.store.raw import store_raw
from archiver.store.schema import GRAMS_DELETE, GRAMS_INSERT, GRAMS_SELECT

Outcome = Literal["new", "updated", "unchanged", "duplicate"]


def save(
    db: Database,
    site: str,
    record: Record,
    raw: bytes,
    run_id: int | None,
    identity: str | None,
    derived: Derived | None,
) -> tuple[Outcome, int, str]:
    """Insert or update one article (known by the canonical form of `identity`, else of
    its URL); a content change adds a revision. Returns the outcome, the article's id
    and its raw page's sha256."""
    url = canonical_url(identity or record.url)
    hashed = derived.content_hash if derived else content_hash(record)
    sha = store_raw(db, raw)
    stamp = clock.stamp()
    row = db.execute("SELECT id, content_hash FROM articles WHERE url = ?", [url]).fetchone()
    if row is None:
        derived = derived or derive(record)
        outcome, article_id = _insert(db, site, url, record, derived, sha, stamp, run_id)
        return outcome, article_id, sha
    article_id, old_hash = int(row[0]), row[1]
    _observe_views(db, article_id, record.view_count, stamp)
    if old_hash == hashed:
        db.execute(
            "UPDATE articles SET last_seen = ?, view_count = ?, raw_sha256 = ? WHERE id = ?",
            [stamp, record.view_count, sha, article_id],
        )
        return "unchanged", article_id, sha
    derived = derived or derive(record)  # only now: an unchanged page needs none of it
    fingerprint, sketch = derived.fingerprint, derived.sketch
    values = _columns(record) | {
        "content_hash": hashed,
        "fingerprint": fingerprint,
        "sketch": dedup.encode(sketch) if sketch else None,
        "raw_sha256": sha,
        "last_seen": stamp,
        "last_changed": stamp,
    }
    _index_grams(db, article_id, derived.grams, replace=True)
    db.table("articles").update(article_id, values)
    _index_sketch(db, article_id, sketch, replace=True)
    _add_revision(db, article_id, run_id, stamp, hashed, sha, record)
    return "updated", article_id, sha


def _insert(
    db: Database,
    site: str,
    url: str,
    record: Record,
    derived: Derived,
    sha: str,
    stamp: str,
    run_id: int | None,
) -> tuple[Outcome, int]:
    hashed = derived.content_hash
    fingerprint, sketch = derived.fingerprint, derived.sketch
    original = _original_of(db, fingerprint, sketch)
    values = _columns(record) | {
        "url": url,
        "site": site,
        "content_hash": hashed,
        "fingerprint": fingerprint,
        "sketch": dedup.encode(sketch) if sketch else None,
        "duplicate_of": original,
        "raw_sha256": sha,
        "first_seen": stamp,
        "last_seen": stamp,
        "last_changed": stamp,
    }
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cursor = db.execute(f"INSERT INTO articles ({names}) VALUES ({marks})", list(values.values()))
    article_id = int(cursor.lastrowid or 0)
    _index_grams(db, article_id, derived.grams)
    _index_sketch(db, article_id, sketch)
    _observe_views(db, article_id, record.view_count, stamp)
    _add_revision(db, article_id, run_id, stamp, hashed, sha, record)
    return ("duplicate" if original else "new"), article_id


def _original_of(
    db: Database, fingerprint: str | None, sketch: tuple[int, ...] | None
) -> int | None:
    """The first-seen article this text is a copy or near copy of, if any: an
    exact fingerprint first, then sketch candidates from the index, verified."""
    if fingerprint is not None:
        row = db.execute(
            "SELECT coalesce(duplicate_of, id) FROM articles WHERE fingerprint = ?"
            " ORDER BY id LIMIT 1",
            [fingerprint],
        ).fetchone()
        if row:
            return int(row[0])
    if sketch is None:
        return None
    smallest = sketch[: dedup.INDEX_SIZE]
    # a hash on many pages is a stock phrase, no sign of a copy: leave it out, and
    # the lookup stays small however large the archive grows
    marks = ",".join("?" * len(smallest))
    telling = [
        row[0]
        for row in db.execute(
            f"SELECT hash FROM sketch_counts WHERE hash IN ({marks}) AND articles <= ?",
            [*smallest, dedup.STOCK_PHRASE],
        )
    ]
    if len(telling) < dedup.INDEX_SHARED:
        return None
    marks = ",".join("?" * len(telling))
    candidates = [
        row[0]
        for row in db.execute(
            f"SELECT article_id FROM sketch_index WHERE hash IN ({marks})"
            " GROUP BY article_id HAVING count(*) >= ? ORDER BY count(*) DESC, article_id"
            " LIMIT 10",
            [*telling, dedup.INDEX_SHARED],
        )
    ]
    if not candidates:
        return None
    stored = db.execute(
        f"SELECT id, sketch, coalesce(duplicate_of, id) FROM articles"
        f" WHERE id IN ({','.join('?' * len(candidates))}) ORDER BY id",
        candidates,
    ).fetchall()
    for _, other, root in stored:
        if other and dedup.resemblance(sketch, dedup.decode(other)) >= dedup.NEAR_DUPLICATE:
            return int(root)
    return None


def _index_sketch(
    db: Database, article_id: int, sketch: tuple[int, ...] | None, *, replace: bool = False
) -> None:
    if replace:
        db.execute(
            "UPDATE sketch_counts SET articles = articles - 1 WHERE hash IN"
            " (SELECT hash FROM sketch_index WHERE article_id = ?)",
            [article_id],
        )
        db.execute("DELETE FROM sketch_index WHERE article_id = ?", [article_id])
    if sketch:
        smallest = sketch[: dedup.INDEX_SIZE]
        db.conn.executemany(
            "INSERT INTO sketch_index (hash, article_id) VALUES (?, ?)",
            [(h, article_id) for h in smallest],
        )
        db.conn.executemany(
            "INSERT INTO sketch_counts (hash, articles) VALUES (?, 1)"
            " ON CONFLICT(hash) DO UPDATE SET articles = articles + 1",
            [(h,) for h in smallest],
        )


def _index_grams(
    db: Database, article_id: int, grams: tuple[str, ...], *, replace: bool = False
) -> None:
    """Index an article's bigrams; `replace`: first take out those of its stored text
    (a contentless FTS5 table forgets a row only when given the row's old text)."""
    if replace:
        old = db.execute(f"{GRAMS_SELECT} WHERE id = ?", [article_id]).fetchone()
        db.execute(GRAMS_DELETE, [article_id, *grams_of(*old)])
    db.execute(GRAMS_INSERT, [article_id, *grams])


def _observe_views(db: Database, article_id: int, views: int | None, stamp: str) -> None:
    """Keep a view count when it differs from the last one seen: counters are
    observations over time, never a reason for a new revision."""
    if views is None:
        return
    last = db.execute(
        "SELECT view_count FROM view_counts WHERE article_id = ?"
        " ORDER BY observed_at DESC, rowid DESC LIMIT 1",
        [article_id],
    ).fetchone()
    if last is None or last[0] != views:
        db.execute(
            "INSERT INTO view_counts (article_id, observed_at, view_count) VALUES (?, ?, ?)",
            [article_id, stamp, views],
        )


def _add_revision(
    db: Database,
    article_id: int,
    run_id: int | None,
    stamp: str,
    content_hash: str,
    sha: str,
    record: Record,
) -> None:
    db.execute(
        "INSERT INTO revisions"
        " (article_id, run_id, fetched_at, content_hash, raw_sha256, record)"
        " VALUES (?,?,?,?,?,?)",
        [
            article_id,
            run_id,
            stamp,
            content_hash,
            sha,
            json.dumps(record.to_dict(), ensure_ascii=False),
        ],
    )


def _columns(record: Record) -> dict[str, Any]:
    """Article columns from a record; `published` falls back to the update date,
    the only date some portals show (the label stays in date_raw)."""
    return {
        "title": record.title,
        "published": record.published or record.updated,
        "updated": record.updated,
        "date_raw": record.date_raw,
        "author": record.author,
        "source": record.source,
        "category": record.category,
        "view_count": record.view_count,
        "summary": record.summary,
        "body": record.body,
        "images": json.dumps([asdict(i) for i in record.images], ensure_ascii=False),
        "attachments": json.dumps([asdict(a) for a in record.attachments], ensure_ascii=False),
        "language": record.language,
        "final_url": record.url,
        "problems": json.dumps(list(record.problems), ensure_ascii=False),
    }
