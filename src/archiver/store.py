"""The archive: one SQLite file with its schema and migrations, article
upserts with revisions, compressed raw pages, the fetch log and runs."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import zstandard
from sqlite_utils import Database

from archiver import dedup
from archiver.errors import FetchError, MissingArchiveError, NotFoundError, StoreError
from archiver.frontier import SCHEMA as FRONTIER_SCHEMA
from archiver.frontier import Fetched, Frontier, Role
from archiver.model import Record
from archiver.normalize import GRAM_JOIN, bigrams, canonical_url, fold, syllables

Outcome = Literal["new", "updated", "unchanged", "duplicate"]
FTS_TOKENIZER = "unicode61 remove_diacritics 2"
# articles_grams holds every pair of neighbouring folded syllables as one token, so
# a phrase is a few rare tokens in a row instead of common words whose positions
# FTS5 would compare in every page holding them all (issue 6: 222 ms at 200,000
# pages). Its tokens are made in Python (normalize.bigrams), so store.py, not a
# trigger, keeps it in step with articles; contentless, it stores no text. The body
# comes first: FTS5 writes no column number for column 0, which holds most entries
# (a third smaller). Python has already split, folded and joined the tokens, so the
# index only cuts at spaces: FTS5's ascii tokenizer (every non-ASCII character a token
# character) does that at a third of unicode61's cost, the dearest part of saving an
# article (crawl: 167 -> ~205 articles/s).
GRAMS_TOKENIZER = f"ascii tokenchars '{GRAM_JOIN}'"
GRAMS_COLUMNS = ("body", "title", "summary")
_GRAMS = ", ".join(GRAMS_COLUMNS)
_GRAMS_INSERT = f"INSERT INTO articles_grams(rowid, {_GRAMS}) VALUES (?, ?, ?, ?)"
_GRAMS_DELETE = (
    f"INSERT INTO articles_grams(articles_grams, rowid, {_GRAMS}) VALUES ('delete', ?, ?, ?, ?)"
)
# Measured on 80 news pages: zlib -6 keeps 19.5% of the bytes at 56 MB/s, zstd -3
# 18.1% at 366 MB/s, zstd -9 16.5% at 78 MB/s. Level 3: compressing at level 9
# cost the crawl 2% of its speed for 9% less disk.
_ZSTD = zstandard.ZstdCompressor(level=3)
_ZSTD_OUT = zstandard.ZstdDecompressor()
# Fields whose change is a new revision; view counts and fetch times are not.
CONTENT_FIELDS = ("title", "published", "updated", "author", "category", "summary", "body")

_MIGRATIONS = [
    FRONTIER_SCHEMA
    + """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        site TEXT NOT NULL,
        title TEXT,
        published TEXT,
        updated TEXT,
        date_raw TEXT,
        author TEXT,
        category TEXT,
        view_count INTEGER,
        summary TEXT,
        body TEXT,
        images TEXT NOT NULL DEFAULT '[]',
        attachments TEXT NOT NULL DEFAULT '[]',
        language TEXT,
        final_url TEXT,
        content_hash TEXT NOT NULL,
        fingerprint TEXT,
        sketch TEXT,
        duplicate_of INTEGER REFERENCES articles(id),
        raw_sha256 TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        last_changed TEXT NOT NULL
    );
    CREATE INDEX articles_site_published ON articles(site, published);
    CREATE INDEX articles_fingerprint ON articles(fingerprint);
    CREATE TABLE sketch_index (
        hash INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id)
    );
    CREATE INDEX sketch_index_hash ON sketch_index(hash);
    CREATE INDEX sketch_index_article ON sketch_index(article_id);
    CREATE TABLE sketch_counts (hash INTEGER PRIMARY KEY, articles INTEGER NOT NULL);
    CREATE TABLE view_counts (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        observed_at TEXT NOT NULL,
        view_count INTEGER NOT NULL
    );
    CREATE INDEX view_counts_article ON view_counts(article_id, observed_at);
    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        run_id INTEGER,
        fetched_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        raw_sha256 TEXT,
        record TEXT NOT NULL
    );
    CREATE INDEX revisions_article ON revisions(article_id);
    CREATE TABLE raw_pages (
        sha256 TEXT PRIMARY KEY,
        compression TEXT NOT NULL,
        size INTEGER NOT NULL,
        content BLOB NOT NULL
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        status TEXT NOT NULL,
        requests INTEGER NOT NULL DEFAULT 0,
        sites TEXT NOT NULL DEFAULT '{}',
        pid INTEGER
    );
    CREATE TABLE failures (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        site TEXT NOT NULL,
        url TEXT NOT NULL,
        status INTEGER,
        reason TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX failures_run ON failures(run_id);
    """,
    f"""
    CREATE VIRTUAL TABLE articles_grams USING fts5(
        {_GRAMS}, content='', tokenize="{GRAMS_TOKENIZER}"
    );
    -- search leaves copies out by this index without reading the articles themselves
    CREATE INDEX articles_copies ON articles(id) WHERE duplicate_of IS NOT NULL;
    """,
    # values the page held that could not be read (issue 13), as a JSON list of lines
    "ALTER TABLE articles ADD COLUMN problems TEXT NOT NULL DEFAULT '[]';",
    # the organisation a story came from, apart from its author (issue 14): null on
    # the articles archived before, until a fetch or reparse reads them again
    "ALTER TABLE articles ADD COLUMN source TEXT;",
]


# SQLite's words for an archive it cannot write, whatever the statement
_CANNOT_WRITE = re.compile(r"disk is full|disk I/O error|readonly database|unable to open", re.I)


_NO_SHM = re.compile(r"unable to open|readonly database", re.I)


def _probed(conn: sqlite3.Connection) -> sqlite3.Connection:
    """conn, once it has shown it can read its file (SQLite opens files lazily)."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


def fold_label(text: str | None) -> str | None:
    """A label (a category) as filters compare it: folded, spaces made one; the SQL
    function fold() the archive registers, and what a filter's value is made into."""
    return fold(" ".join(text.split())) if text else text


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Archive:
    """An open archive database; `Archive.open(path)` creates and migrates it.

    sqlite-utils' plugins are not loaded: archiver uses none, and looking for them
    scans every installed package's entry points (~30 ms on each command's start)."""

    def __init__(self, db: Database, path: Path | None) -> None:
        self.db = db
        self.path = path
        self.frontier = Frontier(db)

    @classmethod
    def open(cls, path: Path) -> Archive:
        """Open (creating folders, tables and the search index as needed) the archive."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = Database(path, execute_plugins=False)
            archive = cls(db, path)
            archive._configure()
            archive._functions()
            archive._migrate()
        except (OSError, sqlite3.DatabaseError) as exc:
            raise StoreError(f"{path}: cannot open the archive: {exc}") from None
        return archive

    @classmethod
    def existing(cls, path: Path) -> Archive:
        """Open an archive that must exist already, for reading: a typo in --db is
        said ("no archive at PATH"), never answered with a new, empty archive."""
        if not path.is_file():
            raise MissingArchiveError(f"no archive at {path}")
        return cls.open(path)

    @classmethod
    def read_only(cls, path: Path) -> Archive:
        """Open an existing archive for the read commands: never created, migrated or
        written, so it may sit in a read-only folder or on read-only media. There a
        WAL archive cannot be opened read-only (SQLite would need its -shm file), so
        it is read as immutable: what its -wal holds, if anything, is not seen."""
        if not path.is_file():
            raise MissingArchiveError(f"no archive at {path}")
        uri = f"{path.resolve().as_uri()}?mode=ro"
        try:
            try:
                conn = _probed(sqlite3.connect(uri, uri=True, timeout=10))
            except sqlite3.OperationalError as exc:  # no -shm can be made beside it
                if not _NO_SHM.search(str(exc)):  # a read-only folder, read-only media
                    raise
                conn = _probed(sqlite3.connect(uri + "&immutable=1", uri=True))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot read the archive: {exc}") from None
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != len(_MIGRATIONS):
            conn.close()
            if version == 0:
                raise MissingArchiveError(f"{path} is not an archive (it has no archiver tables)")
            known = len(_MIGRATIONS)
            then = "an older" if version < known else "a newer"
            todo = (
                "run `archiver fetch` once to upgrade it" if version < known else "upgrade archiver"
            )
            raise MissingArchiveError(
                f"{path} was written by {then} archiver (schema {version}, this one reads"
                f" {known}): {todo}"
            )
        conn.execute("PRAGMA busy_timeout = 10000")
        archive = cls(Database(conn, execute_plugins=False), path)
        archive._functions()
        return archive

    @classmethod
    def memory(cls) -> Archive:
        """An in-memory archive, for tests."""
        archive = cls(Database(memory=True, execute_plugins=False), None)
        archive._functions()
        archive._migrate()
        return archive

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction. An archive that cannot be written (a full disk, a
        read-only file, an I/O error) is a StoreError naming the archive: it stops
        the run, and no page is blamed for it."""
        try:
            with self.db.atomic():
                yield
        except sqlite3.OperationalError as exc:
            if not _CANNOT_WRITE.search(str(exc)):
                raise
            raise StoreError(f"{self.path or 'archive'}: cannot write the archive: {exc}") from None
        except OSError as exc:
            raise StoreError(f"{self.path or 'archive'}: cannot write the archive: {exc}") from None

    def _functions(self) -> None:
        """SQL functions of archiver's own: fold(text), as search folds a query."""
        self.db.conn.create_function("fold", 1, fold_label, deterministic=True)

    def _configure(self) -> None:
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA busy_timeout = 10000")
        self.db.execute("PRAGMA foreign_keys = ON")

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(_MIGRATIONS[version:], start=version + 1):
            with self.db.atomic():
                self.db.executescript(script)
                if number == 1:
                    self.db.table("articles").enable_fts(
                        ["title", "summary", "body"], tokenize=FTS_TOKENIZER, create_triggers=True
                    )
                if number == 2:
                    self.index_grams()
                self.db.execute(f"PRAGMA user_version = {number}")

    def index_grams(self) -> None:
        """Build articles_grams anew from every article: on upgrade, or after rows were
        written without save_article (the search benchmark's bulk insert)."""
        with self._writing():
            self.db.execute("INSERT INTO articles_grams(articles_grams) VALUES ('delete-all')")
            rows = self.db.execute(f"SELECT id, {_GRAMS} FROM articles")
            self.db.conn.executemany(_GRAMS_INSERT, ((row[0], *_grams(*row[1:])) for row in rows))

    # -- runs -------------------------------------------------------------

    def start_run(self) -> int:
        """A new run's row. Runs still marked running died without a word (SIGKILL,
        a power cut): the caller holds the archive's lock, so none of them is alive;
        they are marked interrupted."""
        with self._writing():
            self.db.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            cursor = self.db.execute(
                "INSERT INTO runs (started, status, pid) VALUES (?, 'running', ?)",
                [now(), os.getpid()],
            )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, *, status: str, requests: int, sites: dict[str, Any]) -> str:
        finished = now()
        with self._writing():
            self.db.execute(
                "UPDATE runs SET finished = ?, status = ?, requests = ?, sites = ? WHERE id = ?",
                [finished, status, requests, json.dumps(sites, ensure_ascii=False), run_id],
            )
        return finished

    # -- the outcome of each fetch, one transaction each -----------------

    def finish_page(
        self, url: str, site: str, role: Role, kind: str, fetched: Fetched, raw: bytes | None = None
    ) -> None:
        """A fetched page that is not an article: remember what it was."""
        with self._writing():
            sha = self._store_raw(raw) if raw is not None else None
            self.frontier.done(url, site, role, kind, fetched, raw_sha256=sha)

    def walked(
        self,
        url: str,
        site: str,
        kind: str,
        fetched: Fetched,
        articles: list[str],
        following: str | None,
    ) -> None:
        """A listing page read: the articles it links queued, the page after it queued
        (anew, if an earlier walk went there) and the page itself done, in one
        transaction. A run killed before it commits walks this page again; one killed
        after finds what comes next in the frontier, so no crash leaves a gap that an
        incremental run's stop at known articles would hide."""
        with self._writing():
            self.frontier.enqueue(site, articles, "article")
            if following is not None:
                self.frontier.enqueue(site, [following], "listing", again=True)
            self.frontier.done(url, site, "listing", kind, fetched)

    def not_modified(self, url: str, attempts: int) -> None:
        with self._writing():
            self.frontier.not_modified(url, attempts)

    def fail_page(self, run_id: int, site: str, url: str, role: Role, error: FetchError) -> None:
        """Keep a failure: in the run's failures and in the frontier, with its retry time."""
        with self._writing():
            self.db.execute(
                "INSERT INTO failures (run_id, site, url, status, reason, attempts, at)"
                " VALUES (?,?,?,?,?,?,?)",
                [run_id, site, url, error.status, error.reason, error.attempts, now()],
            )
            self.frontier.failed(
                url,
                site,
                role,
                status=error.status,
                reason=error.reason,
                attempts=error.attempts,
                retry_after=error.retry_after,
            )

    def save_article(
        self,
        *,
        site: str,
        record: Record,
        raw: bytes,
        run_id: int | None = None,
        requested: str | None = None,
        fetched: Fetched | None = None,
        identity: str | None = None,
        derived: Derived | None = None,
    ) -> tuple[Outcome, int]:
        """Insert or update one article, and mark the URL it was requested as done,
        in one transaction; a content change adds a revision. The article is known by
        the canonical form of `identity` (the page's own canonical link), else of the
        URL it was read from. `derived`: what `derive` makes of the record, when the
        caller has it already (the crawl computes it in its parse worker)."""
        with self._writing():
            outcome, article_id, sha = self._save(site, record, raw, run_id, identity, derived)
            if requested is not None:
                fetched = fetched or Fetched(status=200, final_url=record.url)
                self.frontier.done(
                    requested,
                    site,
                    "article",
                    "article",
                    fetched,
                    article_id=article_id,
                    raw_sha256=sha,
                )
        return outcome, article_id

    def _save(
        self,
        site: str,
        record: Record,
        raw: bytes,
        run_id: int | None,
        identity: str | None,
        derived: Derived | None,
    ) -> tuple[Outcome, int, str]:
        url = canonical_url(identity or record.url)
        content_hash = derived.content_hash if derived else _content_hash(record)
        sha = self._store_raw(raw)
        stamp = now()
        row = self.db.execute(
            "SELECT id, content_hash FROM articles WHERE url = ?", [url]
        ).fetchone()
        if row is None:
            derived = derived or derive(record)
            outcome, article_id = self._insert(site, url, record, derived, sha, stamp, run_id)
            return outcome, article_id, sha
        article_id, old_hash = int(row[0]), row[1]
        self._observe_views(article_id, record.view_count, stamp)
        if old_hash == content_hash:
            self.db.execute(
                "UPDATE articles SET last_seen = ?, view_count = ?, raw_sha256 = ? WHERE id = ?",
                [stamp, record.view_count, sha, article_id],
            )
            return "unchanged", article_id, sha
        derived = derived or derive(record)  # only now: an unchanged page needs none of it
        fingerprint, sketch = derived.fingerprint, derived.sketch
        values = _columns(record) | {
            "content_hash": content_hash,
            "fingerprint": fingerprint,
            "sketch": dedup.encode(sketch) if sketch else None,
            "raw_sha256": sha,
            "last_seen": stamp,
            "last_changed": stamp,
        }
        self._index_grams(article_id, derived.grams, replace=True)
        self.db.table("articles").update(article_id, values)
        self._index_sketch(article_id, sketch, replace=True)
        self._add_revision(article_id, run_id, stamp, content_hash, sha, record)
        return "updated", article_id, sha

    def _insert(
        self,
        site: str,
        url: str,
        record: Record,
        derived: Derived,
        sha: str,
        stamp: str,
        run_id: int | None,
    ) -> tuple[Outcome, int]:
        content_hash = derived.content_hash
        fingerprint, sketch = derived.fingerprint, derived.sketch
        original = self._original_of(fingerprint, sketch)
        values = _columns(record) | {
            "url": url,
            "site": site,
            "content_hash": content_hash,
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
        cursor = self.db.execute(
            f"INSERT INTO articles ({names}) VALUES ({marks})", list(values.values())
        )
        article_id = int(cursor.lastrowid or 0)
        self._index_grams(article_id, derived.grams)
        self._index_sketch(article_id, sketch)
        self._observe_views(article_id, record.view_count, stamp)
        self._add_revision(article_id, run_id, stamp, content_hash, sha, record)
        return ("duplicate" if original else "new"), article_id

    def _original_of(self, fingerprint: str | None, sketch: tuple[int, ...] | None) -> int | None:
        """The first-seen article this text is a copy or near copy of, if any: an
        exact fingerprint first, then sketch candidates from the index, verified."""
        if fingerprint is not None:
            row = self.db.execute(
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
            for row in self.db.execute(
                f"SELECT hash FROM sketch_counts WHERE hash IN ({marks}) AND articles <= ?",
                [*smallest, dedup.STOCK_PHRASE],
            )
        ]
        if len(telling) < dedup.INDEX_SHARED:
            return None
        marks = ",".join("?" * len(telling))
        candidates = [
            row[0]
            for row in self.db.execute(
                f"SELECT article_id FROM sketch_index WHERE hash IN ({marks})"
                " GROUP BY article_id HAVING count(*) >= ? ORDER BY count(*) DESC, article_id"
                " LIMIT 10",
                [*telling, dedup.INDEX_SHARED],
            )
        ]
        if not candidates:
            return None
        stored = self.db.execute(
            f"SELECT id, sketch, coalesce(duplicate_of, id) FROM articles"
            f" WHERE id IN ({','.join('?' * len(candidates))}) ORDER BY id",
            candidates,
        ).fetchall()
        for _, other, root in stored:
            if other and dedup.resemblance(sketch, dedup.decode(other)) >= dedup.NEAR_DUPLICATE:
                return int(root)
        return None

    def _index_sketch(
        self, article_id: int, sketch: tuple[int, ...] | None, *, replace: bool = False
    ) -> None:
        if replace:
            self.db.execute(
                "UPDATE sketch_counts SET articles = articles - 1 WHERE hash IN"
                " (SELECT hash FROM sketch_index WHERE article_id = ?)",
                [article_id],
            )
            self.db.execute("DELETE FROM sketch_index WHERE article_id = ?", [article_id])
        if sketch:
            smallest = sketch[: dedup.INDEX_SIZE]
            self.db.conn.executemany(
                "INSERT INTO sketch_index (hash, article_id) VALUES (?, ?)",
                [(h, article_id) for h in smallest],
            )
            self.db.conn.executemany(
                "INSERT INTO sketch_counts (hash, articles) VALUES (?, 1)"
                " ON CONFLICT(hash) DO UPDATE SET articles = articles + 1",
                [(h,) for h in smallest],
            )

    def _index_grams(
        self, article_id: int, grams: tuple[str, ...], *, replace: bool = False
    ) -> None:
        """Index an article's bigrams; `replace`: first take out those of its stored text
        (a contentless FTS5 table forgets a row only when given the row's old text)."""
        if replace:
            old = self.db.execute(
                f"SELECT {_GRAMS} FROM articles WHERE id = ?", [article_id]
            ).fetchone()
            self.db.execute(_GRAMS_DELETE, [article_id, *_grams(*old)])
        self.db.execute(_GRAMS_INSERT, [article_id, *grams])

    def _observe_views(self, article_id: int, views: int | None, stamp: str) -> None:
        """Keep a view count when it differs from the last one seen: counters are
        observations over time, never a reason for a new revision."""
        if views is None:
            return
        last = self.db.execute(
            "SELECT view_count FROM view_counts WHERE article_id = ?"
            " ORDER BY observed_at DESC, rowid DESC LIMIT 1",
            [article_id],
        ).fetchone()
        if last is None or last[0] != views:
            self.db.execute(
                "INSERT INTO view_counts (article_id, observed_at, view_count) VALUES (?, ?, ?)",
                [article_id, stamp, views],
            )

    def _add_revision(
        self,
        article_id: int,
        run_id: int | None,
        stamp: str,
        content_hash: str,
        sha: str,
        record: Record,
    ) -> None:
        self.db.execute(
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

    def _store_raw(self, raw: bytes) -> str:
        """Keep raw bytes once per content (sha256), compressed."""
        sha = hashlib.sha256(raw).hexdigest()
        self.db.execute(
            "INSERT OR IGNORE INTO raw_pages (sha256, compression, size, content) VALUES (?,?,?,?)",
            [sha, "zstd", len(raw), _ZSTD.compress(raw)],
        )
        return sha

    def raw_page(self, sha256: str) -> bytes:
        """The raw bytes of a stored page, whichever way they were compressed."""
        row = self.db.execute(
            "SELECT compression, content FROM raw_pages WHERE sha256 = ?", [sha256]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"raw page {sha256} is not in the archive")
        try:
            return _ZSTD_OUT.decompress(row[1]) if row[0] == "zstd" else zlib.decompress(row[1])
        except (zstandard.ZstdError, zlib.error) as exc:
            raise StoreError(f"raw page {sha256} is damaged: {exc}") from None

    # -- reading ---------------------------------------------------------

    def article(self, id_or_url: str) -> dict[str, Any]:
        """One article by numeric id or by URL (any variant of its canonical form)."""
        if id_or_url.isascii() and id_or_url.isdigit():  # "²" is a digit, but no id
            number = int(id_or_url) if len(id_or_url) < 19 else -1  # beyond any rowid
            rows = self.db.query("SELECT * FROM articles WHERE id = ?", [number])
        else:
            try:
                key = canonical_url(id_or_url)
            except ValueError:  # "http://[::1": no URL, so no article
                raise NotFoundError(f"{id_or_url}: neither an id nor a URL") from None
            rows = self.db.query("SELECT * FROM articles WHERE url = ?", [key])
        found = next(iter(rows), None)
        if found is None:
            raise NotFoundError(f"{id_or_url}: no such article in {self.path or 'the archive'}")
        found["images"] = json.loads(found["images"])
        found["attachments"] = json.loads(found["attachments"])
        found["problems"] = json.loads(found["problems"])
        return found

    def revisions(self, article_id: int) -> list[dict[str, Any]]:
        sql = (
            "SELECT id, run_id, fetched_at, content_hash, record FROM revisions"
            " WHERE article_id = ? ORDER BY id"
        )
        rows = list(self.db.query(sql, [article_id]))
        for row in rows:
            row["record"] = json.loads(row["record"])
        return rows

    def has_site(self, site: str) -> bool:
        """Whether the archive knows a site by this name (it has fetched pages of it)."""
        found = self.db.execute("SELECT 1 FROM pages WHERE site = ? LIMIT 1", [site]).fetchone()
        return found is not None

    def site_names(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT DISTINCT site FROM pages ORDER BY 1")]

    def last_article_id(self) -> int:
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])

    def complete_articles(self, site: str, *, up_to_id: int) -> int:
        """A site's articles (up to an id) with a title, a date and a body."""
        row = self.db.execute(
            "SELECT count(*) FROM articles WHERE site = ? AND id <= ? AND title IS NOT NULL"
            " AND published IS NOT NULL AND body IS NOT NULL",
            [site, up_to_id],
        ).fetchone()
        return int(row[0])

    def count(self, table: str) -> int:
        return int(self.db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])


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


@dataclass(frozen=True)
class Derived:
    """What saving an article computes from its record alone: the crawl has its parse
    worker make it, so the process that writes the archive spends no time on it."""

    content_hash: str
    fingerprint: str | None
    sketch: tuple[int, ...] | None
    grams: tuple[str, ...]  # articles_grams' columns, in GRAMS_COLUMNS order


def derive(record: Record) -> Derived:
    """The hash, duplicate fingerprints and bigrams of a record."""
    fingerprint, sketch = dedup.fingerprints(record.body)
    grams = _grams(*(getattr(record, column) for column in GRAMS_COLUMNS))
    return Derived(_content_hash(record), fingerprint, sketch, grams)


def _grams(*fields: str | None) -> tuple[str, ...]:
    """What articles_grams indexes for an article's fields: their bigrams."""
    return tuple(" ".join(bigrams(syllables(text or ""))) for text in fields)


def _content_hash(record: Record) -> str:
    content = {name: getattr(record, name) for name in CONTENT_FIELDS}
    if record.source is not None:
        # Only when there is one: the articles archived before source existed keep their
        # hash, and are not all taken for changed on the first fetch after the upgrade.
        content["source"] = record.source
    content["images"] = [asdict(i) for i in record.images]
    content["attachments"] = [asdict(a) for a in record.attachments]
    blob = json.dumps(content, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()
