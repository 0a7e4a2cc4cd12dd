"""The archive: one SQLite file. `Archive` opens it (creating and migrating it
for the writers, read-only for the readers), runs each write in one transaction,
and reads back typed values; the SQL itself lives in this package alone."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlite_utils import Database

from archiver import clock
from archiver.derive import Derived
from archiver.errors import FetchError, MissingArchiveError, StoreError
from archiver.model import Record
from archiver.store import responses, schema, sites
from archiver.store.articles import Outcome, save
from archiver.store.frontier import Fetched, Frontier, Role
from archiver.store.fulltext import Index
from archiver.store.listed import Listed
from archiver.store.raw import store_raw
from archiver.store.reading import Reads
from archiver.store.schema import fold_label
from archiver.store.writing import Writes

_NO_SHM = re.compile(r"unable to open|readonly database", re.I)


def _probed(conn: sqlite3.Connection) -> sqlite3.Connection:
    """conn, once it has shown it can read its file (SQLite opens files lazily)."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


class Archive(Reads):
    """An open archive database; `Archive.open(path)` creates and migrates it.

    sqlite-utils' plugins are not loaded: archiver uses none, and looking for them
    scans every installed package's entry points on each command's start."""

    def __init__(self, db: Database, path: Path | None) -> None:
        self._db = db
        self.path = path
        self._frontier = Frontier(db)
        self._listed = Listed(db)  # what this run's listings showed
        self.index = Index(db)  # the search indexes, read by archiver.searching
        self.run_id: int | None = None  # the run under way, which responses are kept for
        self._writes = Writes(db, path)

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

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
            archive._listed.make()
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
        if version != schema.VERSION:
            conn.close()
            if version == 0:
                raise MissingArchiveError(f"{path} is not an archive (it has no archiver tables)")
            known = schema.VERSION
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
        archive._listed.make()
        return archive

    def close(self) -> None:
        self._writes.commit()
        self._db.close()

    def _writing(self) -> contextlib.AbstractContextManager[None]:
        """One write: all of it or none of it (see Writes.one)."""
        return self._writes.one()

    def grouped(self) -> contextlib.AbstractContextManager[None]:
        """Commit the writes made inside a group at a time (see Writes.grouped)."""
        return self._writes.grouped()

    def commit_due(self) -> None:
        """Commit the group under way if it is due (see Writes.commit_due)."""
        self._writes.commit_due()

    def _functions(self) -> None:
        """SQL functions of archiver's own: fold(text), as search folds a query."""
        self._db.conn.create_function("fold", 1, fold_label, deterministic=True)

    def _configure(self) -> None:
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.execute("PRAGMA busy_timeout = 10000")
        self._db.execute("PRAGMA foreign_keys = ON")

    def _migrate(self) -> None:
        found = schema.version(self._db)
        if found > schema.VERSION:  # its tables are not the ones this code writes
            raise MissingArchiveError(
                f"{self.path or 'archive'} was written by a newer archiver (schema {found},"
                f" this one writes {schema.VERSION}): upgrade archiver"
            )
        schema.migrate(self._db)

    def index_grams(self) -> None:
        """Build the bigram index anew from every article: after rows were written
        without save_article (the search benchmark's bulk insert)."""
        with self._writing():
            schema.fill_grams(self._db)

    # -- runs -------------------------------------------------------------

    def start_run(self) -> int:
        """A new run's row. Runs still marked running died without a word (SIGKILL,
        a power cut): the caller holds the archive's lock, so none of them is alive;
        they are marked interrupted."""
        with self._writing():
            self._db.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            cursor = self._db.execute(
                "INSERT INTO runs (started, status, pid) VALUES (?, 'running', ?)",
                [clock.stamp(), os.getpid()],
            )
        self.run_id = int(cursor.lastrowid or 0)
        return self.run_id

    def finish_run(self, run_id: int, *, status: str, requests: int, sites: dict[str, Any]) -> str:
        finished = clock.stamp()
        with self._writing():
            self._db.execute(
                "UPDATE runs SET finished = ?, status = ?, requests = ?, sites = ? WHERE id = ?",
                [finished, status, requests, json.dumps(sites, ensure_ascii=False), run_id],
            )
        self.run_id = None
        return finished

    # -- the outcome of each fetch, one transaction each -----------------

    def finish_page(
        self, url: str, site: str, role: Role, kind: str, fetched: Fetched, raw: bytes | None = None
    ) -> None:
        """A fetched page that is not an article: remember what it was (and, given its
        body, keep the response)."""
        with self._writing():
            sha = self._keep(raw, fetched, site, kind) if raw is not None else None
            self._frontier.done(url, site, role, kind, fetched, raw_sha256=sha)

    def walked(
        self,
        url: str,
        site: str,
        kind: str,
        fetched: Fetched,
        articles: list[str],
        following: str | None,
        raw: bytes | None = None,
    ) -> None:
        """A listing page read: the articles it links queued, the page after it queued
        (anew, if an earlier walk went there) and the page itself done, in one
        transaction. A run killed before it commits walks this page again; one killed
        after finds what comes next in the frontier, so no crash leaves a gap that an
        incremental run's stop at known articles would hide."""
        with self._writing():
            self._frontier.enqueue(site, articles, "article")
            if following is not None:
                self._frontier.enqueue(site, [following], "listing", again=True)
            sha = self._keep(raw, fetched, site, kind) if raw is not None else None
            self._frontier.done(url, site, "listing", kind, fetched, raw_sha256=sha)

    def enqueue(self, site: str, urls: list[str]) -> None:
        """Article links found outside a listing page (a feed, a sitemap) queued."""
        with self._writing():
            self._frontier.enqueue(site, urls, "article")

    def not_modified(self, url: str, attempts: int) -> None:
        with self._writing():
            self._frontier.not_modified(url, attempts)

    def fail_page(self, run_id: int, site: str, url: str, role: Role, error: FetchError) -> None:
        """Keep a failure: in the run's failures and in the frontier, with its retry time."""
        with self._writing():
            self._db.execute(
                "INSERT INTO failures (run_id, site, url, status, reason, attempts, at)"
                " VALUES (?,?,?,?,?,?,?)",
                [run_id, site, url, error.status, error.reason, error.attempts, clock.stamp()],
            )
            self._frontier.failed(
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
            outcome, article_id, sha = save(self._db, site, record, raw, run_id, identity, derived)
            if fetched is not None and fetched.exchange is not None:
                responses.keep(self._db, fetched.exchange, sha, site, "article", run_id)
            if requested is not None:
                fetched = fetched or Fetched(status=200, final_url=record.url)
                self._frontier.done(
                    requested,
                    site,
                    "article",
                    "article",
                    fetched,
                    article_id=article_id,
                    raw_sha256=sha,
                )
        return outcome, article_id

    def _keep(self, raw: bytes, fetched: Fetched, site: str, kind: str) -> str:
        """Store a body, and the response it came in when its head is known."""
        sha = store_raw(self._db, raw)
        if fetched.exchange is not None:
            responses.keep(self._db, fetched.exchange, sha, site, kind, self.run_id)
        return sha

    # -- sites, and the sections, feeds and sitemaps found on them ------------

    def remember_site(self, info: sites.SiteInfo) -> None:
        """Keep what a seed says of its site (its unit for search, export, `sites`)."""
        with self._writing():
            sites.remember(self._db, info)

    def found(self, site: str) -> list[sites.Found]:
        """The sections, feeds and sitemaps known for a site, in every state."""
        return sites.found(self._db, site)

    def mark_found(
        self,
        site: str,
        kind: sites.LinkKind,
        urls: Iterable[tuple[str, str | None]],
        state: sites.State,
        reason: str | None = None,
        *,
        seen: bool = True,
    ) -> None:
        """Record (url, label) pairs of one kind as active, gone or rejected now."""
        with self._writing():
            sites.mark(self._db, site, kind, urls, state, reason, seen=seen)

    # -- the frontier, read by the crawl ------------------------------------

    def pending(self, site: str, role: Role) -> Iterator[str]:
        """Pages an earlier run left queued, then failed ones now due again, read a
        batch at a time."""
        return self._frontier.pending(site, role)

    def states(self, urls: Iterable[str]) -> dict[str, str]:
        """The state of each URL already in the frontier, by canonical URL."""
        return self._frontier.states(urls)

    def seen(self, urls: Iterable[str]) -> dict[str, tuple[str, str | None, str | None]]:
        """(state, fetched_at, next_try) of each URL the frontier holds, by canonical URL."""
        return self._frontier.seen(urls)

    # -- what this run's listings showed (temporary tables: listed.py) -----

    def new_walk(self) -> int:
        """A number for one walk down a listing, or one reading of feeds and sitemaps."""
        return self._listed.new_walk()

    def note(self, site: str, walk: int, urls: Iterable[str]) -> list[str]:
        """Of canonical `urls`, those `walk` had not noted, each once; all now noted."""
        with self._writing():
            return self._listed.note(site, walk, urls)

    def visit(self, site: str, walk: int, url: str) -> None:
        """Note a listing page (canonical) as walked by `walk`."""
        with self._writing():
            self._listed.visit(site, walk, url)

    def visited(self, site: str, walk: int, url: str) -> bool:
        """True when `walk` walked this listing page (canonical) already."""
        return self._listed.visited(site, walk, url)

    def noted(self, site: str, walk: int) -> int:
        """How many URLs `walk` noted for the site."""
        return self._listed.noted(site, walk)

    def forget_listed(self, site: str) -> None:
        """Drop what the site's walks noted: its crawl has ended."""
        with self._writing():
            self._listed.forget(site)

    def due(self, url: str) -> bool:
        """True when a failed URL may be tried again now."""
        return self._frontier.due(url)

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified a page was last served with."""
        return self._frontier.validators(url)

    def optimize(self) -> None:
        """Merge each search index into one segment: after a large import, so searches
        read one b-tree per index instead of many."""
        with self._writing():
            for table in ("articles_fts", "articles_grams"):
                self._db.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")

    def check(self) -> None:
        """Raise StoreError unless the file and both search indexes are sound."""
        try:
            problems = [row[0] for row in self._db.execute("PRAGMA quick_check")]
            for table in ("articles_fts", "articles_grams"):
                self._db.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems = [str(exc)]
        if problems != ["ok"]:
            raise StoreError(f"{self.path or 'archive'}: damaged: {'; '.join(problems)}")

    def count(self, table: str) -> int:
        """The rows of one of the archive's tables."""
        return int(self._db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])
