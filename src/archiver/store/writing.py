"""How the archive's writes reach its file: each whole or not at all, alone or a
group at a time, and an archive that cannot be written said as a StoreError."""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from archiver.errors import StoreError

GROUP_SECONDS = 0.5  # a group's writes are committed at most this long after its first
GROUP_WRITES = 200  # or once it holds this many
# SQLite's words for an archive it cannot write, whatever the statement
_CANNOT_WRITE = re.compile(r"disk is full|disk I/O error|readonly database|unable to open", re.I)


@dataclass
class _Group:
    """The writes of a group not yet committed: how many, and since when."""

    writes: int = 0
    began: float = 0.0

    def begin(self) -> None:
        self.writes, self.began = 0, time.monotonic()

    def done_one(self) -> bool:
        """Count a write; True when the group is due to be committed."""
        self.writes += 1
        return self.writes >= GROUP_WRITES or time.monotonic() - self.began >= GROUP_SECONDS


class Writes:
    """The writes of one archive connection."""

    def __init__(self, db: Database, path: Path | None) -> None:
        self.db = db
        self.path = path
        self._group: _Group | None = None

    @contextlib.contextmanager
    def one(self) -> Iterator[None]:
        """One write: all of it or none of it. Alone, its own transaction; inside
        `grouped`, a savepoint of the group's transaction. An archive that cannot be
        written (a full disk, a read-only file, an I/O error) is a StoreError naming
        the archive: it stops the run, and no page is blamed for it."""
        with self._cannot_write():
            group = self._group
            if group is not None and not self.db.conn.in_transaction:
                self.db.execute("BEGIN")
                group.begin()
            with self.db.atomic():  # a savepoint inside a group's transaction
                yield
            if group is not None and group.done_one():
                self.commit()

    @contextlib.contextmanager
    def grouped(self) -> Iterator[None]:
        """Commit the writes made inside together, a group every GROUP_SECONDS or
        GROUP_WRITES writes, whichever comes first, and what is left at the end. Each
        write stays whole (a savepoint); a crash loses at most the group under way,
        whose pages the frontier still holds as queued. A commit per article made
        each one write its pages of every index to the WAL, and a segment of both
        FTS5 indexes for the merges to fold in: the cost that grew with the archive
        (issue 17)."""
        self._group = _Group()
        try:
            yield
        finally:
            self._group = None
            self.commit()

    def commit_due(self) -> None:
        """Commit the group under way if it began GROUP_SECONDS ago or more: a crawl
        calls this on a timer, so writes made before a stall (a server that does
        not answer) are not left waiting for the next write to commit them."""
        group = self._group
        if group is not None and time.monotonic() - group.began >= GROUP_SECONDS:
            self.commit()

    def commit(self) -> None:
        """Commit the group under way, if any."""
        if self.db.conn.in_transaction:
            with self._cannot_write():
                self.db.execute("COMMIT")

    @contextlib.contextmanager
    def _cannot_write(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as exc:
            if not _CANNOT_WRITE.search(str(exc)):
                raise
            raise StoreError(f"{self.path or 'archive'}: cannot write the archive: {exc}") from None
        except OSError as exc:
            raise StoreError(f"{self.path or 'archive'}: cannot write the archive: {exc}") from None
