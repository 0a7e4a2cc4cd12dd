"""Full-text search over the archive, the way Vietnamese readers type.

The FTS5 index uses `unicode61 remove_diacritics 2`, which folds every tone
and vowel mark (so "hoi nghi" finds "Hội nghị" and "hoa" finds both "hòa" and
"hoà") but keeps `đ` as a letter of its own. A query word is therefore folded
(đ→d) and, since đ only ever starts a Vietnamese syllable, a leading `d` may
stand for `d` or `đ`: "dang" becomes ("dang" OR "đang"). Words are joined with
an explicit AND (FTS5 needs it after a parenthesised group). Pages holding the
words as one phrase rank first.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from archiver.normalize import fold, nfc
from archiver.store import Archive

_WORD = re.compile(r"\w+")
SNIPPET_TOKENS = 16
MAX_D_WORDS_IN_PHRASE = 4  # each doubles the phrase variants (d/đ)


@dataclass(frozen=True)
class Hit:
    id: int
    url: str
    site: str
    title: str | None
    published: str | None
    snippet: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "site": self.site,
            "title": self.title,
            "published": self.published,
            "snippet": self.snippet,
            "score": self.score,
        }


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH string for any user text: every word must occur; None when
    the text holds no words."""
    words = _words(query)
    if not words:
        return None
    return " AND ".join(_or(f'"{form}"' for form in _forms(w)) for w in words)


def phrase_expression(query: str) -> str | None:
    """The words as one phrase (a Vietnamese word is several syllables), for
    ranking "hội nghị" above pages that have "hội" and "nghị" apart."""
    words = _words(query)
    if len(words) < 2 or sum(w.startswith("d") for w in words) > MAX_D_WORDS_IN_PHRASE:
        return None
    phrases = itertools.product(*(_forms(w) for w in words))
    return _or('"' + " ".join(p) + '"' for p in phrases)


def _words(query: str) -> list[str]:
    return list(_WORD.findall(fold(nfc(query))))


def _forms(word: str) -> tuple[str, ...]:
    """The indexed forms a folded word may have: đ only ever starts a syllable."""
    return (word, "đ" + word[1:]) if word.startswith("d") else (word,)


def _or(terms: Iterable[str]) -> str:
    terms = list(terms)
    return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"


def search(
    archive: Archive,
    query: str,
    *,
    site: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    duplicates: bool = False,
) -> list[Hit]:
    """Best matches first: pages holding the words as a phrase, then BM25 with
    the title weighted above summary and body; copies of a story are left out
    unless `duplicates`."""
    expression = match_expression(query)
    if expression is None:
        return []
    phrase = phrase_expression(query)
    order = "rank, a.id"
    if phrase is not None:
        order = "a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?), " + order
    where, params = ["articles_fts MATCH ?"], [expression]
    if not duplicates:  # one result per story: copies point at the first one seen
        where.append("a.duplicate_of IS NULL")
    if site:
        where.append("a.site = ?")
        params.append(site)
    if since:
        where.append("a.published >= ?")
        params.append(since)
    if until:
        where.append("substr(a.published, 1, 10) <= ?")
        params.append(until)
    sql = f"""
        SELECT a.id, a.url, a.site, a.title, a.published,
               snippet(articles_fts, 2, '[', ']', '…', {SNIPPET_TOKENS}) AS snippet,
               bm25(articles_fts, 10.0, 3.0, 1.0) AS rank
        FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
        WHERE {" AND ".join(where)}
        ORDER BY {order}
        LIMIT ?"""
    phrase_params = [phrase] if phrase is not None else []
    rows = archive.db.execute(sql, [*params, *phrase_params, limit]).fetchall()
    return [Hit(r[0], r[1], r[2], r[3], r[4], r[5], round(-r[6], 3)) for r in rows]
