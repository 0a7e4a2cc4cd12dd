"""One fetch at a time per archive: an advisory lock on `<db>.lock`.

flock(2) belongs to the open file, so the kernel drops it when the process
ends, however it ends: a SIGKILLed run never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from archiver.clock import stamp
from archiver.errors import LockedError, StoreError


@contextlib.contextmanager
def run_lock(db_path: Path) -> Iterator[None]:
    """Hold the archive's lock, or raise LockedError saying who holds it."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    try:  # a folder that is a file, a folder no one may write to: one line, not a traceback
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise StoreError(f"{db_path}: cannot take the archive's lock: {exc.strerror}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise LockedError(f"{db_path}: another run holds the lock ({holder})") from None
        handle.seek(0)
        handle.truncate()
        since = stamp()
        command = " ".join(["archiver", *sys.argv[1:3]])
        handle.write(f"pid {os.getpid()}, '{command}', since {since}")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
