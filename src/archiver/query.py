"""The search query language, and its translation to FTS5.

    hoi nghi            both words (accents, case and đ/d never matter)
    "hoi nghi tinh"     the syllables in this order
    hoi*                a prefix
    hoi nghi OR dai hoi either side of OR
    -covid  -"tin cu"   without this word or phrase

Anything else a person types is taken as plain words: an unbalanced quote, a
lone `-`, `AND`, `NEAR(`, `:`, SQL... never an error. Every term is folded
like the index (see searching.py) and a leading d may stand for d or đ.

A query becomes a Plan: expressions over the word index (articles_fts) and the
bigram index (articles_grams, see store.py), where a quoted phrase is a run of
bigram tokens ("uy_ban ban_nhan nhan_dan") rather than common words whose
positions FTS5 would compare page by page.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from archiver.normalize import bigrams, nfc, syllables

MAX_PHRASE_VARIANTS = 16  # d/đ spellings of one phrase; beyond this only the folded one
# What one query may ask, so that its cost is bounded whatever is typed (issue 13: one
# word 20,000 times ran past a minute): the first MAX_QUERY_CHARS characters; the
# first MAX_TERMS distinct terms (a phrase counts once, its first MAX_PHRASE_WORDS
# syllables); MAX_PREFIXES prefix terms. Terms said twice are asked once.
MAX_QUERY_CHARS = 1_000
MAX_TERMS = 32
MAX_PHRASE_WORDS = 16
MAX_PREFIXES = 4
_TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')
_WORD = re.compile(r"[^\W_]+")  # a syllable as typed: letters and digits, as the index splits
# The indexed words that start with a prefix; None when there are too many to list.
Expand = Callable[[str], Sequence[str] | None]


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # folded syllables: one word, or a phrase
    prefix: bool = False


@dataclass
class Query:
    groups: list[list[Term]] = field(default_factory=list)  # AND of ORs
    excluded: list[Term] = field(default_factory=list)
    typed: list[str] = field(default_factory=list)  # positive words as typed, accents kept
    cut: bool = False  # the text asked more than a query may: the rest was left out

    @property
    def empty(self) -> bool:
        return not self.groups

    def words(self) -> list[str]:
        """Every positive syllable, in order, for ranking and highlighting."""
        return [w for group in self.groups for term in group for w in term.words]


def parse(text: str) -> Query:
    """Read any user text as a query, within the bounds above (`cut` says when the
    text asked more)."""
    query = Query(cut=len(text) > MAX_QUERY_CHARS)
    if query.cut:  # at the last space within the cap: no word is cut in two
        kept = text[: MAX_QUERY_CHARS + 1]
        text = kept.rsplit(None, 1)[0] if not kept[-1].isspace() else kept
    pending_or = False
    seen: set[Term] = set()
    for match in _TOKEN.finditer(nfc(text).replace("\u201c", '"').replace("\u201d", '"')):
        negative = bool(match.group(1) or match.group(3))
        raw = match.group(2) if match.group(2) is not None else match.group(4)
        if raw == "OR" and match.group(4) is not None:
            pending_or = bool(query.groups)
            continue
        taken = 0
        terms, shortened = _terms(raw, quoted=match.group(2) is not None)
        query.cut = query.cut or shortened
        for term in terms:
            if term in seen:
                pending_or = False
                continue  # asked once already: the same matches, at twice the cost
            if len(seen) >= MAX_TERMS or (term.prefix and _prefixes(seen) >= MAX_PREFIXES):
                query.cut = True
                continue
            seen.add(term)
            taken += 1
            if negative:
                query.excluded.append(term)
            elif pending_or:
                query.groups[-1].append(term)
            else:
                query.groups.append([term])
            pending_or = False
        if taken and not negative:
            query.typed += [w.lower() for w in _WORD.findall(raw)][:MAX_PHRASE_WORDS]
    return query


def _prefixes(terms: set[Term]) -> int:
    return sum(term.prefix for term in terms)


def _terms(raw: str, *, quoted: bool) -> tuple[list[Term], bool]:
    """The terms one token asks for, and whether a phrase was cut to MAX_PHRASE_WORDS."""
    words = syllables(raw)
    if not words:
        return [], False
    if quoted:
        return [Term(tuple(words[:MAX_PHRASE_WORDS]))], len(words) > MAX_PHRASE_WORDS
    prefix = raw.endswith("*")
    terms = [Term((w,), prefix=prefix and i == len(words) - 1) for i, w in enumerate(words)]
    return terms, False


@dataclass(frozen=True)
class Plan:
    """One query as FTS5 expressions."""

    match: str  # articles_fts: what every match holds; a phrase of `phrases` only as its words
    phrases: str | None  # articles_grams: the quoted phrases every match holds
    rest: str | None  # articles_fts: the words asked for besides `phrases`, to score
    together: str | None  # articles_grams: all the words as one phrase, to rank first
    marked: str  # articles_fts: every word asked for, to mark in snippets
    phrases_only: bool  # nothing asked for, or excluded, besides `phrases`


def plan(query: Query, expand: Expand | None = None) -> Plan | None:
    """The query's Plan, each prefix replaced by the words `expand` lists for it; None
    when nothing positive is asked for."""
    if query.empty:
        return None
    # quoted phrases that every match must hold (a group of phrases only): the bigram
    # index finds those pages; a phrase beside a word in an OR, or excluded, stays a
    # phrase of the word index
    chained = [g for g in query.groups if all(len(t.words) > 1 for t in g)]
    others = [g for g in query.groups if g not in chained]
    loose = [_or(_and(_term(Term((w,)), expand) for w in t.words) for t in g) for g in chained]
    rest = " AND ".join(_or(_term(t, expand) for t in group) for group in others)
    phrases = " AND ".join(_or(_chain(t.words) for t in group) for group in chained)
    words = query.words()
    together = None
    if len(words) > 1 and all(len(group) == 1 for group in query.groups):
        together = _chain(words) if _chain(words) != phrases else None
    marked = (_term(Term((w,), t.prefix), expand) for g in query.groups for t in g for w in t.words)
    return Plan(
        match=_without(" AND ".join([*loose, rest] if rest else loose), query, expand),
        phrases=phrases or None,
        rest=rest or None,
        together=together,
        marked=_or(marked),
        phrases_only=not rest and not query.excluded,
    )


def narrow(query: Query, expand: Expand) -> tuple[Query, list[str]]:
    """The query without the prefixes too broad to ask, and those prefixes ("t*"). A
    prefix that begins more indexed words than `expand` lists would go to FTS5 as a
    prefix, and FTS5 merges every entry of every word it begins before it returns the
    first row: "t*" took 29 s on 200,000 articles (issue 17). A group left with no
    term goes; a query left with none asks for nothing."""
    broad: list[str] = []

    def askable(term: Term) -> bool:
        if term.prefix and any(expand(form) is None for form in _forms(term.words[0])):
            broad.append(f"{term.words[0]}*")
            return False
        return True

    groups = [kept for group in query.groups if (kept := [t for t in group if askable(t)])]
    excluded = [term for term in query.excluded if askable(term)]
    return replace(query, groups=groups, excluded=excluded), list(dict.fromkeys(broad))


def to_fts(query: Query, expand: Expand | None = None) -> str | None:
    """The query as one FTS5 expression over articles_fts, phrases as phrases; None
    when nothing positive is asked for."""
    if query.empty:
        return None
    positive = " AND ".join(_or(_term(t, expand) for t in group) for group in query.groups)
    return _without(positive, query, expand)


def _without(positive: str, query: Query, expand: Expand | None) -> str:
    if not query.excluded:
        return positive
    return f"({positive}) NOT {_or(_term(t, expand) for t in query.excluded)}"


def _chain(words: Sequence[str]) -> str:
    """A phrase over articles_grams: its bigrams, one after the other."""
    return '"' + " ".join(bigrams(words)) + '"'


def _term(term: Term, expand: Expand | None) -> str:
    if term.prefix:
        return _prefix(term.words[0], expand)
    spellings = itertools.islice(itertools.product(*map(_forms, term.words)), MAX_PHRASE_VARIANTS)
    return _or(f'"{" ".join(s)}"' for s in spellings)


def _prefix(word: str, expand: Expand | None) -> str:
    """A prefix as the indexed words it begins: FTS5 merges every entry of every such
    word anew in each statement that holds a prefix. Too many words: the prefix."""
    forms = _forms(word)
    found = [expand(form) for form in forms] if expand else [None]
    if any(words is None for words in found) or not any(found):
        return _or(f'"{form}"*' for form in forms)
    return _or('"' + w.replace('"', '""') + '"' for words in found for w in words or ())


def _forms(word: str) -> tuple[str, ...]:
    """The indexed spellings of a folded syllable: đ only ever starts one."""
    return (word, "đ" + word[1:]) if word.startswith("d") else (word,)


def _or(parts: object) -> str:
    return _join(parts, " OR ")


def _and(parts: object) -> str:
    return _join(parts, " AND ")


def _join(parts: object, operator: str) -> str:
    items = list(dict.fromkeys(parts))  # type: ignore[call-overload]
    return items[0] if len(items) == 1 else "(" + operator.join(items) + ")"
