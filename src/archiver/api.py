"""What a script needs to run a crawl the way `archiver fetch` runs one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import httpx

from archiver.lock import run_lock
from archiver.pipeline import run_fetch
from archiver.runs import OnProgress, RunOptions, RunSummary
from archiver.seeds import Site
from archiver.store import Archive

_DEFAULTS = RunOptions()


def fetch_sites(
    db: Path | str,
    sites: Sequence[Site],
    options: RunOptions = _DEFAULTS,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    on_progress: OnProgress | None = None,
) -> RunSummary:
    """Crawl each site once into the archive at `db`, as `archiver fetch` does: the
    archive's lock is held for the run (LockedError if another run holds it), and
    the archive is created or upgraded under it; the run is recorded in the archive
    and returned. `transport` replaces the network (httpx's, for tests)."""
    path = Path(db)
    with run_lock(path), Archive.open(path) as archive:
        return run_fetch(archive, sites, options, transport=transport, on_progress=on_progress)
