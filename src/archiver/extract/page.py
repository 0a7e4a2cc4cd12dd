"""The parsed page, and the lookups every field shares.

Each field looks first at seed selectors, then at JSON-LD/OpenGraph, then at
the detected CMS family; this module holds those sources and the vocabulary
(tag sets, the view-count pattern) that the body and metadata readers share.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.extract import problems
from archiver.extract.chrome import in_chrome
from archiver.extract.cms import CmsFamily
from archiver.normalize import clean_line, fold

# Never body text, never a date line (the meta walk does read inside <form>).
SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "form", "nav", "button", "select", "input", "textarea",
     "svg", "header", "footer", "aside", "iframe", "object", "template", "head", "title"}
)  # fmt: skip
BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
     "table", "tr", "td", "th", "tbody", "thead", "blockquote", "figure", "figcaption", "pre",
     "dl", "dt", "dd", "main", "center", "hr", "address"}
)  # fmt: skip
# "Lượt xem: 1.234": the view count, and a line the body drops.
VIEWS = re.compile(
    r"(?:(?:số\s*lần\s*xem|lượt\s*xem|số\s*lượt\s*xem|lượt\s*đọc|đã\s*xem|lần\s*xem"
    r"|lượt\s*truy\s*cập|view\s*count|views?)\s*:?|hits\s*:)\s*"
    r"(\d{1,3}(?:[.,]\d{3})+|\d+)",
    re.IGNORECASE,
)


# A word every label VIEWS knows holds, as pages write it (lower, title or upper
# case): a text with none of them shows no view count, and the pattern (dear on long
# text) need not be tried on it. Exact forms, not lower(): lower-casing a page's
# text costs more than the walk this spares.
_VIEW_WORDS = tuple(
    form for word in ("xem", "view", "hits", "đọc", "truy")
    for form in (word, word.capitalize(), word.upper())
)  # fmt: skip
# The fifteen forms as one pattern of plain alternatives: one scan of a page's text
# that stops at the first form it meets, where fifteen substring tests scan the
# whole text for each absent form (docs/benchmarks.md, issue 14's speed round). It
# matches where one of the forms is a substring, and nowhere else.
_ANY_VIEW_WORD = re.compile("|".join(map(re.escape, sorted(_VIEW_WORDS))))


def may_count_views(text: str) -> bool:
    """False when `text` holds no view count (VIEWS finds none in it) written in
    lower, title or upper case."""
    return _ANY_VIEW_WORD.search(text) is not None


def tag_ids(names: Iterable[str]) -> frozenset[int]:
    """Lexbor's ids of these (standard) tag names: `node.tag_id` is an int read in C,
    where `node.tag` looks the name up and returns a string, for each node of a walk."""
    tree = LexborHTMLParser("")
    return frozenset(tree.create_node(name).tag_id for name in names)


def _node_ids() -> list[int]:
    """Lexbor's ids of a text and a comment node (`node.tag` "-text" and "-comment")."""
    body = LexborHTMLParser("x<!---->").body
    return [node.tag_id for node in body.iter(include_text=True)] if body is not None else []


TEXT_ID, COMMENT_ID = _node_ids()


@dataclass
class Page:
    """What the cascade knows about one parsed page."""

    tree: LexborHTMLParser
    url: str
    base: str
    selectors: Mapping[str, str]
    family: CmsFamily | None
    ld: dict[str, Any]
    meta: dict[str, str]
    ld_all: list[dict[str, Any]] = field(default_factory=list)  # every JSON-LD object
    canonical: str = ""  # the canonical link's href, as written
    gathered: dict[str, list[LexborNode]] | None = None  # see `gather`


# --- structured data ---------------------------------------------------------------


def json_ld(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The first JSON-LD object that describes an article (see `ld_objects`)."""
    return next((obj for obj in objects if _is_article(obj)), {})


# What a page declares about itself, found in one walk of the tree (each query walks
# the whole tree): <meta content>, JSON-LD, <base href>, the canonical link.
_DECLARING = (
    'meta[content], script[type="application/ld+json"], base[href], link[rel="canonical"][href]'
)


_DECLARING_TAGS = frozenset({"meta", "script", "base", "link"})


def declaring(
    tree: LexborHTMLParser,
) -> tuple[dict[str, list[LexborNode]], dict[str, list[LexborNode]]]:
    """The elements of `_DECLARING` by tag ("meta", "script", "base", "link"), each
    list in page order; and `Page.gathered` (see `gather`), from the same query.

    One walk of the tree for both lists (each walk costs its time on a large page):
    they name different tags, so no element matches both, and each list keeps its
    own matches in page order, as its own query would give them.
    """
    found: dict[str, list[LexborNode]] = {"meta": [], "script": [], "base": [], "link": []}
    gathered: list[tuple[LexborNode, str]] = []
    for node in tree.css(f"{_DECLARING}, {_GATHERED_QUERY}"):
        tag = node.tag or ""
        if tag in _DECLARING_TAGS:
            found[tag].append(node)
        else:
            gathered.append((node, tag))
    return found, _gathered(gathered)


def ld_objects(scripts: list[LexborNode]) -> list[dict[str, Any]]:
    """Every JSON-LD object in these `<script>`s, @graph members included, in page order."""
    out: list[dict[str, Any]] = []
    for script in scripts:
        text = script.text() or "null"
        try:  # strict=False: raw newlines inside strings are common and harmless
            out.extend(_ld_objects(json.loads(text, strict=False)))
        except ValueError as exc:
            problems.note("JSON-LD block", text, str(exc))
        except RecursionError:  # nested deeper than Python's stack: the block alone is lost
            problems.note("JSON-LD block", text, "nested too deep")
    return out


def _is_article(obj: dict[str, Any]) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.endswith("Article") for k in kinds)


def _ld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _ld_objects(data.get("@graph"))


def meta_tags(metas: list[LexborNode]) -> dict[str, str]:
    """`<meta>` contents by lower-cased property or name; the first of each wins."""
    out: dict[str, str] = {}
    for node in metas:
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        value = attrs.get("content") or ""
        if key and key not in out and value.strip():  # a repeated key is not cleaned again
            out[key] = clean_line(value)
    return out


def ld_text(page: Page, key: str) -> str | None:
    """A JSON-LD field as text (a name when the value is an object or a list)."""
    value = page.ld.get(key)
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list) and value:
        value = value[0].get("name") if isinstance(value[0], dict) else value[0]
    return clean_line(value) or None if isinstance(value, str) else None


def ld_names(page: Page, key: str) -> list[str]:
    """Every name a JSON-LD field gives, in order: the text, or the name of each
    object, of a value that may be one or a list (co-authors, say)."""
    value = page.ld.get(key)
    names = []
    for item in value if isinstance(value, list) else [value]:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and (name := clean_line(name)):
            names.append(name)
    return names


def folds_to_start(text: str, prefixes: tuple[str, ...]) -> bool:
    """`fold(text).startswith(prefixes)`, without folding most texts that cannot.

    fold() keeps an ASCII first letter as its lower case (nothing composes before it
    and no mark is dropped), so that letter alone rules out most menu and heading texts.
    """
    first = text[:1]
    if first.isascii() and not any(p[:1] in ("", first.lower()) for p in prefixes):
        return False
    return fold(text).startswith(prefixes)


# --- selectors -----------------------------------------------------------------------


def candidates(page: Page, key: str, family_key: str | None = None) -> tuple[str, ...]:
    """Selectors for a field: the seed's own, else the CMS family's, else none."""
    own = page.selectors.get(key)
    if own:
        return (own,)
    if page.family is None:
        return ()
    value: tuple[str, ...] = getattr(page.family, family_key or key)
    return value


def present(page: Page, selectors: tuple[str, ...]) -> tuple[str, ...]:
    """The selectors, or none when no element matches any of them.

    Each query walks the whole tree; one walk for the list (as `one_query` writes it)
    settles the common page, where none matches, and the caller then tries them in
    its own order.
    """
    return selectors if page.tree.css_first(one_query(selectors)) is not None else ()


_TAG_CLASS = re.compile(r"([a-z][a-z0-9]*)\.([\w-]+)")  # "div.sapo"


@lru_cache(maxsize=64)
def one_query(selectors: tuple[str, ...]) -> str:
    """The selectors as one query for the same elements in fewer selectors (Lexbor
    pays for each selector of a list on every element): those naming one class on
    several tags folded, "div.sapo" and "p.sapo" into ".sapo:is(div, p)"."""
    tags: dict[str, list[str]] = {}  # class -> the tags it is asked on
    others: list[str] = []
    for selector in selectors:
        if found := _TAG_CLASS.fullmatch(selector):
            tags.setdefault(found[2], []).append(found[1])
        else:
            others.append(selector)
    folded = [
        f".{name}:is({', '.join(on)})" if len(on) > 1 else f"{on[0]}.{name}"
        for name, on in tags.items()
    ]
    return ", ".join(folded + others)


def first_node(
    page: Page, selectors: tuple[str, ...], *, skip_chrome: bool = False
) -> LexborNode | None:
    """The first node with text matched by the selectors, in selector order."""
    for selector in selectors:
        node = first_shown(page.tree.css(selector), skip_chrome=skip_chrome)
        if node is not None:
            return node
    return None


def first_shown(nodes: list[LexborNode], *, skip_chrome: bool = False) -> LexborNode | None:
    """The first of the nodes that holds text (and lies outside the chrome)."""
    for node in nodes:
        if clean_line(node.text()) and not (skip_chrome and in_chrome(node)):
            return node
    return None


# Elements several readers ask for on every page, found in one walk of the tree
# instead of four: h1 for the title, h1 and h2 for the search verdict,
# tables for the register verdict, paragraphs and line breaks for the container.
_GATHERED = "h1, h2, table, p, div > br, td > br"
GATHERED_KEYS = ("h1", "h1, h2", "table", "p, div > br, td > br")
# `_GATHERED` with every <br>: Python keeps those under a div or td (a few a page),
# where Lexbor would test each <br>'s parent among the query's selectors on every element.
_GATHERED_QUERY = "h1, h2, table, p, br"
_BR_PARENTS = ("div", "td")


def gather(page: Page, key: str) -> list[LexborNode]:
    """`page.tree.css(key)` for a key of GATHERED_KEYS, from one query for all four."""
    if page.gathered is None:  # a Page built without `declaring`
        found = page.tree.css(_GATHERED_QUERY)
        page.gathered = _gathered([(node, node.tag or "") for node in found])
    return page.gathered[key]


def _gathered(nodes: list[tuple[LexborNode, str]]) -> dict[str, list[LexborNode]]:
    """The matches of `_GATHERED_QUERY` (each with its tag), in page order, sorted out
    by GATHERED_KEYS."""
    h1: list[LexborNode] = []
    headings: list[LexborNode] = []
    tables: list[LexborNode] = []
    paragraphs: list[LexborNode] = []
    for node, tag in nodes:
        if tag == "table":
            tables.append(node)
        elif tag == "p":
            paragraphs.append(node)
        elif tag == "br":
            parent = node.parent
            if parent is not None and parent.tag in _BR_PARENTS:
                paragraphs.append(node)
        else:
            headings.append(node)
            if tag == "h1":
                h1.append(node)
    return dict(zip(GATHERED_KEYS, (h1, headings, tables, paragraphs), strict=True))


def ancestor_ids(node: LexborNode | None) -> set[int]:
    """The mem_ids of the node and of every element above it."""
    found = set()
    while node is not None:
        found.add(node.mem_id)
        node = node.parent
    return found


def contains(outer: LexborNode, inner: LexborNode | None) -> bool:
    """True when `inner` is `outer` or lies inside it."""
    node = inner
    target = outer.mem_id  # read once: each read makes a new int
    while node is not None:
        if node.mem_id == target:
            return True
        node = node.parent
    return False
