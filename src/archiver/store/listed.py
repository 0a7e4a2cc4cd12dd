"""What a run has seen of each site, kept in temporary tables of the archive's
own connection instead of Python sets. Sets of every link a site's listings
showed grew with the site (at 66,667 articles a site the crawl's peak RSS rose
86% over a crawl of 667, issue 17); a temporary table lives in SQLite's temp
file behind a bounded page cache and vanishes with the connection. Each site's
rows are dropped when its crawl ends (`forget`).

A walk is one pass down a listing's pages (or one reading of a site's feeds
and sitemaps); its number tells its links from another walk's. Two numbers are
the run's own: LINKS, every article link on the site's hosts that any walk
showed, and QUEUED, every URL the run queued for fetching (so none is fetched
twice in one run)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

LINKS = 0  # the article links the run's walks showed, on the site's hosts
QUEUED = -1  # the URLs the run queued for fetching
BATCH = 500  # URLs a lookup asks for in one statement

_TABLES = (
    "CREATE TEMP TABLE IF NOT EXISTS listed_links"
    " (site TEXT NOT NULL, walk INTEGER NOT NULL, url TEXT NOT NULL,"
    " PRIMARY KEY (site, walk, url)) WITHOUT ROWID",
    "CREATE TEMP TABLE IF NOT EXISTS listed_pages"
    " (site TEXT NOT NULL, walk INTEGER NOT NULL, url TEXT NOT NULL,"
    " PRIMARY KEY (site, walk, url)) WITHOUT ROWID",
)


class Listed:
    """The URLs and listing pages each walk of a run has seen; writers run inside
    the caller's transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._walks = 0

    def new_walk(self) -> int:
        """A number for a walk no other walk of this connection has."""
        self._walks += 1
        return self._walks

    def make(self) -> None:
        """Create the tables, outside any transaction (a rolled-back one would take
        them with it): when a writer opens the archive."""
        for statement in _TABLES:
            self.db.execute(statement)

    def note(self, site: str, walk: int, urls: Iterable[str]) -> list[str]:
        """Of `urls` (canonical), those `walk` had not noted before, in order and once
        each; all are noted now."""
        keys = list(dict.fromkeys(urls))
        known: set[str] = set()
        for start in range(0, len(keys), BATCH):
            part = keys[start : start + BATCH]
            rows = self.db.execute(
                "SELECT url FROM listed_links WHERE site = ? AND walk = ?"
                f" AND url IN ({','.join('?' * len(part))})",
                [site, walk, *part],
            )
            known.update(row[0] for row in rows.fetchall())
        fresh = [key for key in keys if key not in known]
        self.db.conn.executemany(
            "INSERT INTO listed_links (site, walk, url) VALUES (?, ?, ?)",
            [(site, walk, key) for key in fresh],
        )
        return fresh

    def noted(self, site: str, walk: int) -> int:
        """How many URLs `walk` noted for the site."""
        row = self.db.execute(
            "SELECT count(*) FROM listed_links WHERE site = ? AND walk = ?", [site, walk]
        ).fetchone()
        return int(row[0])

    def visit(self, site: str, walk: int, url: str) -> None:
        """Note a listing page (canonical) as walked by `walk`."""
        self.db.execute(
            "INSERT OR IGNORE INTO listed_pages (site, walk, url) VALUES (?, ?, ?)",
            [site, walk, url],
        )

    def visited(self, site: str, walk: int, url: str) -> bool:
        """True when `walk` walked this listing page (canonical) already."""
        row = self.db.execute(
            "SELECT 1 FROM listed_pages WHERE site = ? AND walk = ? AND url = ?",
            [site, walk, url],
        ).fetchone()
        return row is not None

    def forget(self, site: str) -> None:
        """Drop what the site's walks noted (its crawl has ended)."""
        for table in ("listed_links", "listed_pages"):
            self.db.execute(f"DELETE FROM {table} WHERE site = ?", [site])
