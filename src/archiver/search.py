"""Full-text search over the archive, the way Vietnamese readers type.

The FTS5 index uses `unicode61 remove_diacritics 2`, which folds every tone
and vowel mark (so "hoi nghi" finds "Hội nghị" and "hoa" finds both "hòa" and
"hoà") but keeps `đ` as a letter of its own; query.py folds the query the same
way and lets a leading d stand for d or đ. Ranking, best first:

1. pages holding all the words as one phrase;
2. pages whose title carries the words with the accents as typed (tone
   placement aside), when the query has accents: "hòa" ranks Hòa Bình above
   Hoa Bình;
3. BM25, the title weighted above summary and body.

Copies of a story (duplicate_of) are left out unless asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archiver.normalize import fold, marks_key
from archiver.query import Query, parse, phrase_of, to_fts
from archiver.store import Archive

SNIPPET_TOKENS = 16
RERANK_POOL = 100  # candidates re-ranked for accents, at most
# BM25 costs a lookup per matching row: a word on half of 200,000 pages would take
# a quarter of a second. Only the newest SCORED_WINDOW matches are scored, so a
# query costs the same on any archive size; older pages still match, they just
# cannot outrank the newest ones for the commonest words.
SCORED_WINDOW = 10_000
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # around matched words in snippets; see marked()


@dataclass(frozen=True)
class Hit:
    id: int
    url: str
    site: str
    title: str | None
    published: str | None
    snippet: str
    score: float

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The snippet with its matched words between `before` and `after`."""
        return self.snippet.replace(MARK_OPEN, before).replace(MARK_CLOSE, after)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "site": self.site,
            "title": self.title,
            "published": self.published,
            "snippet": self.marked(),
            "score": self.score,
        }


@dataclass(frozen=True)
class Filters:
    site: str | None = None
    since: str | None = None
    until: str | None = None
    category: str | None = None
    duplicates: bool = False  # also list copies of a story


def search(
    archive: Archive,
    text: str,
    *,
    filters: Filters = Filters(),
    limit: int = 20,
    offset: int = 0,
) -> list[Hit]:
    """The best matches for any user text, `offset` and `limit` applied."""
    query = parse(text)
    expression = to_fts(query)
    if expression is None:
        return []
    accented = any(fold(w) != w for w in query.typed)
    count = max(offset + limit, RERANK_POOL if accented else 0)
    rows = _candidates(archive, query, expression, filters, count)
    if accented:
        typed = {marks_key(w) for w in query.typed}
        rows.sort(key=lambda r: (r[6], -_accent_matches(typed, r[3])))
    page = rows[offset : offset + limit]
    snippets = _snippets(archive, expression, [r[0] for r in page])
    return [
        Hit(r[0], r[1], r[2], r[3], r[4], snippets.get(r[0], ""), round(-r[5], 3)) for r in page
    ]


def _window_floor(archive: Archive, expression: str) -> int:
    """The rowid from which the newest SCORED_WINDOW matches start (0: all of them)."""
    row = archive.db.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC"
        " LIMIT 1 OFFSET ?",
        [expression, SCORED_WINDOW - 1],
    ).fetchone()
    return int(row[0]) if row else 0


def _snippets(archive: Archive, expression: str, ids: list[int]) -> dict[int, str]:
    """Snippets for the hits shown only: snippet() on every candidate would cost more
    than the search."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = archive.db.execute(
        f"SELECT rowid, snippet(articles_fts, 2, '{MARK_OPEN}', '{MARK_CLOSE}', '…',"
        f" {SNIPPET_TOKENS}) FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN ({marks})",
        [expression, *ids],
    ).fetchall()
    return dict(rows)


def _candidates(
    archive: Archive, query: Query, expression: str, filters: Filters, count: int
) -> list[tuple[Any, ...]]:
    floor = _window_floor(archive, expression)
    where, params = ["articles_fts MATCH ?", "articles_fts.rowid >= ?"], [expression, floor]
    for clause, value in (
        ("a.site = ?", filters.site),
        ("a.published >= ?", filters.since),
        ("substr(a.published, 1, 10) <= ?", filters.until),
        ("lower(a.category) = lower(?)", filters.category),
    ):
        if value:
            where.append(clause)
            params.append(value)
    if not filters.duplicates:  # one result per story: copies point at the first one seen
        where.append("a.duplicate_of IS NULL")
    phrase = phrase_of(query)
    apart, phrase_params = "0", []
    if phrase is not None:
        apart = (
            "a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ?)"
        )
        phrase_params = [phrase, floor]
    sql = f"""
        SELECT a.id, a.url, a.site, a.title, a.published,
               bm25(articles_fts, 10.0, 3.0, 1.0) AS rank, {apart} AS apart
        FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
        WHERE {" AND ".join(where)}
        ORDER BY apart, rank, a.id
        LIMIT ?"""
    return list(archive.db.execute(sql, [*phrase_params, *params, count]).fetchall())


def _accent_matches(wanted: set[str], title: str | None) -> int:
    """How many of the typed words the title carries with their accents."""
    return len(wanted & {marks_key(w.strip(".,;:!?\"'()")) for w in (title or "").split()})
