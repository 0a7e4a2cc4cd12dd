"""The search indexes, read: the SQL of `archiver.searching`.

Two FTS5 tables (schema.py): articles_fts, the words of title, summary and body,
and articles_grams, every pair of neighbouring syllables, where a quoted phrase is
a few rare tokens in a row. What a query costs: quoted phrases are found in the
bigram index, never by comparing word positions page by page; a prefix is
replaced by the words it begins; BM25 scores the newest SCORED_WINDOW matches
only; snippets are made for the hits shown only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from archiver.derive import GRAMS_COLUMNS
from archiver.query import Expand, Plan
from archiver.store.schema import WORD_COLUMNS, bm25, fold_label, snippet

SNIPPET_TOKENS = 16
# BM25 costs a lookup per matching row: a word on half of 200,000 pages would cost
# a lookup for each of them. Only the newest SCORED_WINDOW matches are scored, so a
# query costs the same on any archive size; older pages still match, they just
# cannot outrank the newest ones for the commonest words.
SCORED_WINDOW = 10_000
# A prefix that begins more indexed words than this is left out of the search
# (query.narrow): FTS5 would merge every entry of every such word ("t*": 29 s on
# 200,000 articles), and a longer OR would cost more with each word.
PREFIX_WORDS = 64
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # around matched words in snippets
_NEWEST = 2**63 - 1  # above any rowid
_BM25_WORDS = bm25("articles_fts", WORD_COLUMNS)
_BM25_GRAMS = bm25("articles_grams", GRAMS_COLUMNS)
_SNIPPET = snippet("articles_fts", WORD_COLUMNS, (MARK_OPEN, MARK_CLOSE), SNIPPET_TOKENS)


@dataclass(frozen=True)
class Filters:
    """What a search keeps: one site, a span of publication dates, a category."""

    site: str | None = None
    since: str | None = None
    until: str | None = None
    category: str | None = None
    duplicates: bool = False  # also list copies of a story
    sites: tuple[str, ...] | None = None  # only these sites (those of one 2025 unit)


@dataclass(frozen=True)
class Window:
    """The newest SCORED_WINDOW matches of a query."""

    floor: int  # the oldest rowid scored
    ids: list[int] | None  # the matches themselves, when the bigram index found them


class Index:
    """Both search indexes of one archive, read."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def indexed_words(self) -> Expand:
        """Lists the indexed words a prefix begins, from FTS5's own vocabulary (each
        prefix looked up once: a search asks twice, to narrow and to plan)."""
        known: dict[str, Sequence[str] | None] = {}

        def expand(prefix: str) -> Sequence[str] | None:
            if prefix not in known:
                known[prefix] = self._words_of(prefix)
            return known[prefix]

        return expand

    def _words_of(self, prefix: str) -> Sequence[str] | None:
        """The indexed words `prefix` begins; None when more than PREFIX_WORDS."""
        self._db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.articles_fts_words"
            " USING fts5vocab(main, articles_fts, instance)"
        )
        # One seek per word: the 'instance' table streams a word's entries where the
        # 'row' table would count them all first. A word is followed by the next one
        # at word + "\x01" (no token holds a control character); `term > word` would
        # step through every entry of the word.
        words: list[str] = []
        word = self._next_word(prefix)
        while word is not None and word.startswith(prefix):
            if len(words) == PREFIX_WORDS:
                return None
            words.append(word)
            word = self._next_word(word + "\x01")
        return words

    def _next_word(self, start: str) -> str | None:
        row = self._db.execute(
            "SELECT term FROM temp.articles_fts_words WHERE term >= ? LIMIT 1", [start]
        ).fetchone()
        return None if row is None else str(row[0])

    def window(self, expressions: Plan) -> Window | None:
        """Where the newest SCORED_WINDOW matches start; None when nothing matches."""
        if expressions.phrases is not None:
            ids = self._phrase_matches(expressions)
            return Window(ids[-1], ids) if ids else None
        row = self._db.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC"
            " LIMIT 1 OFFSET ?",
            [expressions.match, SCORED_WINDOW - 1],
        ).fetchone()
        return Window(int(row[0]) if row else 0, None)

    def _phrase_matches(self, expressions: Plan) -> list[int]:
        """The newest SCORED_WINDOW matches of a query with quoted phrases, newest first:
        the pages holding the phrases, from the bigram index a batch at a time, that also
        match the rest of the query in the word index."""
        found: list[int] = []
        below = _NEWEST
        while len(found) < SCORED_WINDOW:
            batch = [
                row[0]
                for row in self._db.execute(
                    "SELECT rowid FROM articles_grams WHERE articles_grams MATCH ? AND rowid < ?"
                    " ORDER BY rowid DESC LIMIT ?",
                    [expressions.phrases, below, SCORED_WINDOW],
                )
            ]
            if expressions.phrases_only:
                return batch
            if not batch:
                break
            # one pass over the batch's rowid range (FTS5 would start a new search for each
            # rowid of an IN list), keeping the batch's own rows only
            held = {
                row[0]
                for row in self._db.execute(
                    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
                    " AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))",
                    [expressions.match, batch[-1], batch[0], json.dumps(batch)],
                )
            }
            found += (rowid for rowid in batch if rowid in held)
            below = batch[-1]
        return found[:SCORED_WINDOW]

    def ranked(
        self, expressions: Plan, window: Window, filters: Filters, count: int
    ) -> list[tuple[int, float, int]]:
        """(rowid, score, apart) of the best `count` matches in the window: BM25 with the
        title weighted, apart 0 for pages holding all the words together."""
        if window.ids is not None:
            return self._ranked_phrases(expressions, window.ids, filters)[:count]
        join, where, params = _restrict(filters, "articles_fts.rowid")
        apart, apart_params = "0", []
        if expressions.together is not None:
            apart = (
                "articles_fts.rowid NOT IN (SELECT rowid FROM articles_grams"
                " WHERE articles_grams MATCH ? AND rowid >= ?)"
            )
            apart_params = [expressions.together, window.floor]
        conditions = "".join(" AND " + w for w in where)
        sql = f"""
            SELECT articles_fts.rowid, {_BM25_WORDS} AS rank, {apart} AS apart
            FROM articles_fts {join}
            WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? {conditions}
            ORDER BY apart, rank, articles_fts.rowid
            LIMIT ?"""
        rows = self._db.execute(
            sql, [*apart_params, expressions.match, window.floor, *params, count]
        ).fetchall()
        return list(rows)

    def _ranked_phrases(
        self, expressions: Plan, ids: list[int], filters: Filters
    ) -> list[tuple[int, float, int]]:
        """Every match found through the bigram index, best first. A quoted phrase counts
        in BM25 as one term, as FTS5 would count it: scored over the bigram index, where it
        is rare tokens in a row; the other words are scored over the word index."""
        db, floor = self._db, ids[-1]
        join, where, params = _restrict(filters, "j.value")
        kept = [
            row[0]
            for row in db.execute(
                f"SELECT j.value FROM json_each(?) j {join} WHERE {' AND '.join(where) or 1}",
                [json.dumps(ids), *params],
            )
        ]
        scores = dict.fromkeys(kept, 0.0)
        sql = f"SELECT rowid, {_BM25_GRAMS} FROM articles_grams"
        sql += " WHERE articles_grams MATCH ? AND rowid >= ?"
        _add(scores, db.execute(sql, [expressions.phrases, floor]))
        if expressions.rest is not None:  # `+`: a filter on each row, not a search per rowid
            sql = f"SELECT rowid, {_BM25_WORDS} FROM articles_fts WHERE articles_fts MATCH ?"
            sql += " AND rowid >= ? AND +rowid IN (SELECT value FROM json_each(?))"
            _add(scores, db.execute(sql, [expressions.rest, floor, json.dumps(kept)]))
        together = set(scores)
        if expressions.together is not None:
            sql = "SELECT rowid FROM articles_grams WHERE articles_grams MATCH ? AND rowid >= ?"
            together = {row[0] for row in db.execute(sql, [expressions.together, floor])}
        ranked = [(rowid, score, int(rowid not in together)) for rowid, score in scores.items()]
        return sorted(ranked, key=lambda r: (r[2], r[1], r[0]))

    def articles(self, ranked: list[tuple[int, float, int]]) -> list[tuple[Any, ...]]:
        """(id, url, site, title, published, rank, apart) for each ranked match, in order."""
        if not ranked:
            return []
        marks = ",".join("?" * len(ranked))
        found = {
            row[0]: row
            for row in self._db.execute(
                f"SELECT id, url, site, title, published FROM articles WHERE id IN ({marks})",
                [r[0] for r in ranked],
            )
        }
        return [(*found[rowid], rank, apart) for rowid, rank, apart in ranked if rowid in found]

    def snippets(self, expression: str, ids: list[int]) -> dict[int, str]:
        """Snippets for the hits shown only, one statement each: LIMIT 1 stops FTS5 at the
        hit instead of letting it look for the next match beyond."""
        sql = (
            f"SELECT {_SNIPPET} FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ? LIMIT 1"
        )
        snippets = {}
        for rowid in ids:
            row = self._db.execute(sql, [expression, rowid]).fetchone()
            if row is not None:
                snippets[rowid] = row[0]
        return snippets


def _add(scores: dict[int, float], ranks: Iterable[tuple[int, float]]) -> None:
    for rowid, rank in ranks:
        if rowid in scores:
            scores[rowid] += rank


def _restrict(filters: Filters, rowid: str) -> tuple[str, list[str], list[Any]]:
    """The join, conditions and parameters that apply `filters` to the rows `rowid` names."""
    join, where, params = "", [], []
    for clause, value in (
        ("a.site = ?", filters.site),
        ("a.published >= ?", filters.since),
        ("substr(a.published, 1, 10) <= ?", filters.until),
        ("fold(a.category) = ?", fold_label(filters.category)),
    ):
        if value:
            join = f"JOIN articles a ON a.id = {rowid}"
            where.append(clause)
            params.append(value)
    if filters.sites is not None:
        join = f"JOIN articles a ON a.id = {rowid}"
        where.append("a.site IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(filters.sites)))
    if not filters.duplicates:  # one result per story: copies point at the first one seen
        where.append(
            "a.duplicate_of IS NULL"
            if join  # the row is read anyway; else the small index of copies is enough
            else "NOT EXISTS (SELECT 1 FROM articles c INDEXED BY articles_copies"
            f" WHERE c.id = {rowid} AND c.duplicate_of IS NOT NULL)"
        )
    return join, where, params
