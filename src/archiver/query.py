"""The search query language, and its translation to FTS5.

    hoi nghi            both words (accents, case and đ/d never matter)
    "hoi nghi tinh"     the syllables in this order
    hoi*                a prefix
    hoi nghi OR dai hoi either side of OR
    -covid  -"tin cu"   without this word or phrase

Anything else a person types is taken as plain words: an unbalanced quote, a
lone `-`, `AND`, `NEAR(`, `:`, SQL... never an error. Every term is folded
like the index (see search.py) and a leading d may stand for d or đ.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from archiver.normalize import fold, nfc

MAX_PHRASE_VARIANTS = 16  # d/đ spellings of one phrase; beyond this only the folded one
_TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # folded syllables: one word, or a phrase
    prefix: bool = False


@dataclass
class Query:
    groups: list[list[Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[Term] = field(default_factory=list)
    typed: list[str] = field(default_factory=list)  # positive words as typed, accents kept

    @property
    def empty(self) -> bool:
        return not self.groups

    def words(self) -> list[str]:
        """Every positive syllable, in order, for ranking and highlighting."""
        return [w for group in self.groups for term in group for w in term.words]


def parse(text: str) -> Query:
    """Read any user text as a query."""
    query = Query()
    pending_or = False
    for match in _TOKEN.finditer(nfc(text).replace("\u201c", '"').replace("\u201d", '"')):
        negative = bool(match.group(1) or match.group(3))
        raw = match.group(2) if match.group(2) is not None else match.group(4)
        if raw == "OR" and match.group(4) is not None:
            pending_or = bool(query.groups)
            continue
        if not negative:
            query.typed += [w.lower() for w in _WORD.findall(raw)]
        for term in _terms(raw, quoted=match.group(2) is not None):
            if negative:
                query.excluded.append(term)
            elif pending_or:
                query.groups[-1].append(term)
            else:
                query.groups.append([term])
            pending_or = False
    return query


def _terms(raw: str, *, quoted: bool) -> list[Term]:
    words = _WORD.findall(fold(raw))
    if not words:
        return []
    if quoted:
        return [Term(tuple(words))]
    prefix = raw.endswith("*")
    return [Term((w,), prefix=prefix and i == len(words) - 1) for i, w in enumerate(words)]


def to_fts(query: Query) -> str | None:
    """The FTS5 MATCH expression; None when nothing positive is asked for."""
    if query.empty:
        return None
    expression = " AND ".join(_or(_term(t) for t in group) for group in query.groups)
    if query.excluded:
        expression = f"({expression}) NOT {_or(_term(t) for t in query.excluded)}"
    return expression


def phrase_of(query: Query) -> str | None:
    """All positive syllables as one phrase, to rank pages that have them together
    first; None for a single word."""
    words = query.words()
    if len(words) < 2 or any(len(group) > 1 for group in query.groups):
        return None
    return _term(Term(tuple(words)))


def _term(term: Term) -> str:
    spellings = list(
        itertools.islice(itertools.product(*map(_forms, term.words)), MAX_PHRASE_VARIANTS)
    )
    star = "*" if term.prefix else ""
    return _or(f'"{" ".join(s)}"{star}' for s in spellings)


def _forms(word: str) -> tuple[str, ...]:
    """The indexed spellings of a folded syllable: đ only ever starts one."""
    return (word, "đ" + word[1:]) if word.startswith("d") else (word,)


def _or(parts: object) -> str:
    items = list(parts)  # type: ignore[call-overload]
    return items[0] if len(items) == 1 else "(" + " OR ".join(items) + ")"
