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

The indexes and the SQL that reads them are the store's (store/fulltext.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archiver.normalize import fold, marks_key
from archiver.query import narrow, parse, plan
from archiver.store import Archive
from archiver.store.fulltext import MARK_CLOSE, MARK_OPEN, Filters

__all__ = ["HIT_FIELDS", "Filters", "Hit", "search"]

RERANK_POOL = 100  # candidates re-ranked for accents, at most
_EVERYTHING = Filters()


@dataclass(frozen=True)
class Hit:
    """One search result; `snippet` marks the matched words with MARK_OPEN/MARK_CLOSE."""

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
        """The hit as `search --format json|csv` prints it (HIT_FIELDS, in order)."""
        return {
            "id": self.id,
            "url": self.url,
            "site": self.site,
            "title": self.title,
            "published": self.published,
            "snippet": self.marked(),
            "score": self.score,
        }


HIT_FIELDS = ["id", "url", "site", "title", "published", "snippet", "score"]


def search(
    archive: Archive,
    text: str,
    *,
    filters: Filters = _EVERYTHING,
    limit: int = 20,
    offset: int = 0,
    left_out: list[str] | None = None,
) -> list[Hit]:
    """The best matches for any user text, `offset` and `limit` applied; the prefixes
    too broad to ask at a bounded cost ("t*", see query.narrow) are added to
    `left_out`, when given."""
    index = archive.index
    expand = index.indexed_words()
    query, broad = narrow(parse(text), expand)
    if left_out is not None:
        left_out += broad
    expressions = plan(query, expand)
    if expressions is None:
        return []
    window = index.window(expressions)
    if window is None:
        return []
    accented = any(fold(w) != w for w in query.typed)
    count = max(offset + limit, RERANK_POOL if accented else 0)
    rows = index.articles(index.ranked(expressions, window, filters, count))
    if accented:
        typed = {marks_key(w) for w in query.typed}
        rows.sort(key=lambda r: (r[6], -_accent_matches(typed, r[3])))
    page = rows[offset : offset + limit]
    snippets = index.snippets(expressions.marked, [r[0] for r in page])
    return [
        Hit(r[0], r[1], r[2], r[3], r[4], snippets.get(r[0], ""), round(-r[5], 3)) for r in page
    ]


def _accent_matches(wanted: set[str], title: str | None) -> int:
    """How many of the typed words the title carries with their accents."""
    return len(wanted & {marks_key(w.strip(".,;:!?\"'()")) for w in (title or "").split()})
