"""Full-text search over the archive, the way Vietnamese readers type.

The FTS5 index uses `unicode61 remove_diacritics 2`, which folds every tone
and vowel mark (so "hoi nghi" finds "Hội nghị" and "hoa" finds both "hòa" and
"hoà") but keeps `đ` as a letter of its own; query.py folds the query the same
way and lets a leading d stand for d or đ. Ranking, best first:

1. pages holding all the words as one phrase;
2. pages whose title and snippet carry the words with the accents as typed
   (tone placement aside), when the query has accents: "hòa" ranks Hòa Bình
   above Hoa Bình;
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
RERANK_POOL = 200  # candidates re-ranked for accents, at most
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
    wanted = offset + limit
    rows = _candidates(
        archive, query, expression, filters, max(wanted, RERANK_POOL if accented else 0)
    )
    if accented:
        typed = {marks_key(w) for w in query.typed}
        rows.sort(key=lambda r: (r[7], -_accent_matches(typed, r[3], r[5])))
    return [
        Hit(r[0], r[1], r[2], r[3], r[4], r[5], round(-r[6], 3))
        for r in rows[offset : offset + limit]
    ]


def _candidates(
    archive: Archive, query: Query, expression: str, filters: Filters, count: int
) -> list[tuple[Any, ...]]:
    where, params = ["articles_fts MATCH ?"], [expression]
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
    apart = "0"
    if phrase is not None:
        apart = "a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
    sql = f"""
        SELECT a.id, a.url, a.site, a.title, a.published,
               snippet(articles_fts, 2, '{MARK_OPEN}', '{MARK_CLOSE}', '…', {SNIPPET_TOKENS}),
               bm25(articles_fts, 10.0, 3.0, 1.0) AS rank, {apart} AS apart
        FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
        WHERE {" AND ".join(where)}
        ORDER BY apart, rank, a.id
        LIMIT ?"""
    phrase_params = [phrase] if phrase is not None else []
    return list(archive.db.execute(sql, [*phrase_params, *params, count]).fetchall())


def _accent_matches(wanted: set[str], title: str | None, snippet: str) -> int:
    """How many of the typed words appear with their accents: twice for the title."""
    in_title = {marks_key(w) for w in (title or "").split()}
    in_snippet = {marks_key(w.strip(MARK_OPEN + MARK_CLOSE + ".,;:…")) for w in snippet.split()}
    return sum(2 * (w in in_title) + (w in in_snippet) for w in wanted)
