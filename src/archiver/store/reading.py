"""The archive's reads, each returning typed values (values.py): `Archive` has
them all; they are here so that the file that opens and writes the archive stays
one a reader can hold."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from archiver.errors import NotFoundError
from archiver.normalize import canonical_url
from archiver.store import responses, sites
from archiver.store.raw import raw_page
from archiver.store.responses import StoredResponse
from archiver.store.values import Article, Revision, Run, SiteCounts


@dataclass(frozen=True)
class StoredPage:
    """Where an article's raw page is kept."""

    article_id: int
    site: str
    url: str
    final_url: str | None
    raw_sha256: str


class Reads:
    """What reading an archive gives: articles, revisions, raw pages and responses,
    runs and per-site counts."""

    _db: Database
    path: Path | None  # the archive's file, for messages

    def article(self, id_or_url: str) -> Article:
        """One article by numeric id or by URL (any variant of its canonical form)."""
        if id_or_url.isascii() and id_or_url.isdigit():  # "²" is a digit, but no id
            number = int(id_or_url) if len(id_or_url) < 19 else -1  # beyond any rowid
            found = self._db.execute("SELECT * FROM articles WHERE id = ?", [number]).fetchone()
        else:
            try:
                key = canonical_url(id_or_url)
            except ValueError:  # "http://[::1": no URL, so no article
                raise NotFoundError(f"{id_or_url}: neither an id nor a URL") from None
            found = self._db.execute("SELECT * FROM articles WHERE url = ?", [key]).fetchone()
        if found is None:
            raise NotFoundError(f"{id_or_url}: no such article in {self.path or 'the archive'}")
        return Article.from_row(found)

    def site_infos(self) -> list[sites.SiteInfo]:
        """What the seeds said of each site fetched into the archive, by name."""
        return sites.infos(self._db)

    def revisions(self, article_id: int) -> list[Revision]:
        """An article's stored versions, oldest first."""
        rows = self._db.execute(
            "SELECT id, run_id, fetched_at, content_hash, record FROM revisions"
            " WHERE article_id = ? ORDER BY id",
            [article_id],
        )
        return [Revision(i, run, at, sha, json.loads(record)) for i, run, at, sha, record in rows]

    def raw_page(self, sha256: str) -> bytes:
        """The bytes a stored page was served with."""
        return raw_page(self._db, sha256)

    def articles(
        self,
        *,
        site: str | None = None,
        since: str | None = None,
        sites: Sequence[str] | None = None,
    ) -> Iterator[tuple[Article, int]]:
        """Every article of `site` (or of `sites`, or all) published on or after
        `since`, by id, with its number of revisions; streamed, so memory stays flat
        on any archive."""
        among = json.dumps(list(sites)) if sites is not None else None
        cursor = self._db.conn.execute(
            "SELECT a.*, (SELECT count(*) FROM revisions r WHERE r.article_id = a.id)"
            " FROM articles a WHERE (? IS NULL OR a.site = ?) AND (? IS NULL OR a.published >= ?)"
            " AND (? IS NULL OR a.site IN (SELECT value FROM json_each(?))) ORDER BY a.id",
            [site, site, since, since, among, among],
        )
        for row in cursor:
            yield Article.from_row(row[:-1]), int(row[-1])

    def stored_pages(self, *, site: str | None = None, batch: int = 500) -> Iterator[StoredPage]:
        """The raw page behind each article of `site` (or all), by id, read a batch at
        a time so the caller may write between them."""
        last_id = 0
        while rows := self._db.execute(
            "SELECT id, site, url, final_url, raw_sha256 FROM articles"
            " WHERE id > ? AND (? IS NULL OR site = ?) AND raw_sha256 IS NOT NULL"
            " ORDER BY id LIMIT ?",
            [last_id, site, site, batch],
        ).fetchall():
            for row in rows:
                yield StoredPage(*row)
            last_id = rows[-1][0]

    def responses(
        self,
        *,
        site: str | None = None,
        since: str | None = None,
        sites: Sequence[str] | None = None,
    ) -> Iterator[StoredResponse]:
        """Every kept response of `site` (or of `sites`, or all) requested on or after
        `since`, oldest first, each with its body; streamed."""
        return responses.kept(self._db, site=site, since=since, sites=sites)

    def unit_sites(self, unit: str) -> list[str]:
        """The sites whose seed names `unit` (folded as a search folds) as their 2025
        unit, or as their province."""
        rows = self._db.execute(
            "SELECT name FROM sites WHERE fold(unit) = fold(?) OR fold(province) = fold(?)"
            " ORDER BY name",
            [unit, unit],
        )
        return [row[0] for row in rows]

    def units(self) -> list[str]:
        """The 2025 units the archive's sites belong to."""
        rows = self._db.execute("SELECT DISTINCT unit FROM sites WHERE unit IS NOT NULL")
        return sorted(row[0] for row in rows)

    def runs(self, limit: int = 20, *, finished: bool = False) -> list[Run]:
        """The latest runs (only those that finished, with `finished`), newest first."""
        rows = self._db.execute(
            "SELECT id, started, finished, status, requests, sites FROM runs"
            f"{' WHERE finished IS NOT NULL' if finished else ''} ORDER BY id DESC LIMIT ?",
            [limit],
        )
        return [
            Run(run_id, started, ended, status, requests, json.loads(sites or "{}"))
            for run_id, started, ended, status, requests, sites in rows
        ]

    def site_counts(self, since_month: str) -> list[SiteCounts]:
        """Each site's articles: all of them, the newest date, and how many a month
        from `since_month` ("YYYY-MM") on."""
        months: dict[str, dict[str, int]] = {}
        for site, month, n in self._db.execute(
            "SELECT site, substr(published, 1, 7) AS month, count(*) FROM articles"
            " WHERE published >= ? GROUP BY site, month",
            [since_month],
        ):
            months.setdefault(site, {})[month] = n
        rows = self._db.execute(
            "SELECT site, count(*), max(substr(published, 1, 10)) FROM articles GROUP BY site"
        )
        return [SiteCounts(site, n, newest, months.get(site, {})) for site, n, newest in rows]

    def has_site(self, site: str) -> bool:
        """Whether the archive knows a site by this name (it has fetched pages of it)."""
        found = self._db.execute("SELECT 1 FROM pages WHERE site = ? LIMIT 1", [site]).fetchone()
        return found is not None

    def site_names(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT DISTINCT site FROM pages ORDER BY 1")]

    def last_article_id(self) -> int:
        return int(self._db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])

    def complete_articles(self, site: str, *, up_to_id: int) -> int:
        """A site's articles (up to an id) with a title, a date and a body."""
        row = self._db.execute(
            "SELECT count(*) FROM articles WHERE site = ? AND id <= ? AND title IS NOT NULL"
            " AND published IS NOT NULL AND body IS NOT NULL",
            [site, up_to_id],
        ).fetchone()
        return int(row[0])
