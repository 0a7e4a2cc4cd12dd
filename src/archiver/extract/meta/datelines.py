"""The lines near the title that may give a date or a view count: one walk of the
page by tag, the lines cut around its text nodes, ordered by distance from the title,
outside chrome and the side boxes of other stories."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from selectolax.lexbor import LexborNode

from archiver.extract.chrome import (
    chrome_by,
    class_id,
    plain_names,
)
from archiver.extract.page import (
    BLOCK_TAGS,
    COMMENT_ID,
    SKIP_TAGS,
    TEXT_ID,
    VIEWS,
    Page,
    contains,
    tag_ids,
)
from archiver.extract.vocabulary import (
    CONTENT_TAGS,
    DATE_LINE_CHARS,
    DATE_NAMES,
    HEADER_NAMES,
    SIDE_WIDGET_NAMES,
    SIDE_WORDS,
)
from archiver.normalize import clean_line

_YEAR = re.compile(r"\d{4}")
_DIGIT = re.compile(r"\d")
# Never date lines, and a link's date is its target's; the meta walk does read <form>.
_UNWALKED = (SKIP_TAGS - {"form"}) | {"a"}
_UNWALKED_IDS = tag_ids(_UNWALKED) | {COMMENT_ID}  # and no other node the walk meets
# The text nodes a walk found, each with its text and whether the title came before
# it; and whether the walk met the title (see `_digit_texts`).
DigitTexts = tuple[list[tuple[LexborNode, str, bool]], bool]


def may_show_count(walk: DigitTexts) -> bool:
    """Whether a line `lines_near_title` gives from this walk may hold a view count:
    the line it would cut around one of the walk's text nodes does, wherever that line
    lies (no chrome test, no order, no line left out as read twice)."""
    lines: dict[int, str] = {}  # by element: each element's text is cleaned once
    for node, text, _ in walk[0]:
        if _may_date(text):
            found = _line_around(node, lines)
            if found is not None and len(found[1]) <= DATE_LINE_CHARS and VIEWS.search(found[1]):
                return True
    return False


def _may_date(text: str) -> bool:
    """Whether a text node holding a digit may give a date line or a view-count line:
    it holds a year or a view count. Every line walk asks this."""
    return bool(_YEAR.search(text) or VIEWS.search(text))


def _line_around(text_node: LexborNode, lines: dict[int, str]) -> tuple[LexborNode, str] | None:
    """The line a text node stands on, and its element: the nearest block's text, or
    the node's own element's when the block's is longer than a line (a whole
    article). `lines` holds each element's cleaned text, read once."""
    parent = text_node.parent
    block = _block_of(parent)
    if block is None or parent is None:
        return None
    line = _cleaned_text(block, lines)
    if len(line) <= DATE_LINE_CHARS:
        return block, line
    return parent, _cleaned_text(parent, lines)


def _cleaned_text(element: LexborNode, lines: dict[int, str]) -> str:
    key = element.mem_id
    if key not in lines:
        lines[key] = clean_line(element.text())
    return lines[key]


def in_side_widget(node: LexborNode) -> bool:
    """An ancestor is a sidebar, a box of other or related stories, or comments."""
    current = node.parent
    while current is not None and current.tag not in ("body", "html"):
        if _is_side_widget(current):
            return True
        current = current.parent
    return False


def lines_near_title(
    page: Page,
    title_node: LexborNode | None,
    container: LexborNode | None,
    walk: DigitTexts | None = None,
) -> list[str]:
    """Short text lines holding a year, ordered by distance from the title (`walk`:
    `near_title_texts` of the same page, title and container, when made already).

    The walk prunes by tag only; class names, dear to read and test, are read just
    for the ancestors of what it finds. Lines on one side of the title keep their
    document order (nearest first); lines on both sides need the exact distances,
    which only the full walk (`_lines_by_distance`) counts.
    """
    root = page.tree.body
    if root is None:
        return []
    skip = _skipped(container, title_node)
    verdicts: dict[int, bool] = {}
    found: list[tuple[bool, str]] = []  # (after the title, line), in document order
    seen: set[int] = set()
    lines: dict[int, str] = {}
    texts, title_seen = walk or near_title_texts(root, title_node, container)
    for node, text, past_title in texts:
        if not _may_date(text) or not walked(node, root, verdicts):
            continue
        line = _line_of(node, seen, lines)
        if line is not None and len(line) <= DATE_LINE_CHARS:
            found.append((past_title, line))
    if title_node is None or not title_seen or not walked(title_node, root, verdicts):
        return [line for _, line in found]  # no title to measure from: document order
    after = [line for is_after, line in found if is_after]
    before = [line for is_after, line in found if not is_after]
    if before and after:  # rare: a line on each side of the title
        return _lines_by_distance(root, title_node, skip)
    return after or before[::-1]  # the nearest first either way


def _lines_by_distance(root: LexborNode, title_node: LexborNode, skip: int | None) -> list[str]:
    """`lines_near_title` by the full walk, each line ranked by its distance in nodes
    from the title (a line before the title counts three times as far)."""
    found: list[tuple[int, str]] = []
    title_at = 0
    seen: set[int] = set()
    lines: dict[int, str] = {}
    for order, (node, text) in enumerate(_meta_walk(root, skip)):
        if text is None:  # an element: it only holds a place in the order
            if node.mem_id == title_node.mem_id:
                title_at = order
            continue
        if not (_DIGIT.search(text) and _may_date(text)):  # the cheap test first
            continue
        line = _line_of(node, seen, lines)
        if line is not None and len(line) <= DATE_LINE_CHARS:
            found.append((order, line))
    ranked = sorted(found, key=lambda f: abs(f[0] - title_at) * (1 if f[0] > title_at else 3))
    return [line for _, line in ranked]


def _skipped(container: LexborNode | None, title_node: LexborNode | None) -> int | None:
    """The body's own text is not walked, unless the title (and its date) sits in it."""
    if container is not None and not contains(container, title_node):
        return container.mem_id
    return None


def walked(node: LexborNode, root: LexborNode, verdicts: dict[int, bool]) -> bool:
    """Whether the full walk reaches a node the tag-only walk reached: no element from
    it (a text node's parent) up to the root is chrome or a side widget, except an
    article's own header (a header inside `<article>` or `<main>`: its title and
    date line, as in page.in_chrome) and a header named for a date (Blogger's
    "date-header")."""
    current: LexborNode | None = node.parent if node.tag_id == TEXT_ID else node
    header: LexborNode | None = None  # a header the node sits in, if any
    top = root.mem_id
    while current is not None:
        key = current.mem_id
        if key == top:
            break
        tag = current.tag or ""
        if key not in verdicts:
            verdicts[key] = _walk_skips(tag, class_id(current))
        if tag in CONTENT_TAGS and header is not None:
            header = None  # the article's own header: not chrome
        if verdicts[key]:
            kind = _header_kind(current)
            if kind is None:
                return False
            if kind == "header":  # walked only inside an <article> or <main>
                header = current
        current = current.parent
    return header is None


def _header_kind(node: LexborNode) -> str | None:
    """For chrome the date walks may enter: "date" for a header named for a date
    (Blogger's "date-header"), walked anywhere; "header" for any other header (by
    tag or names), walked inside an `<article>` or `<main>`; None for the rest."""
    names = class_id(node)
    if node.tag != "header" and not HEADER_NAMES.search(names):
        return None
    return "date" if DATE_NAMES.search(names) else "header"


def _meta_walk(root: LexborNode, skip: int | None) -> Iterator[tuple[LexborNode, str | None]]:
    """Elements and text nodes in document order, outside chrome, links, widgets, `skip`
    (the headers `walked` lets through are walked: an article's own, a date's);
    each with its text when it is a text node, else None."""
    stack = [(root, False)]  # (node, whether an <article> or <main> holds it)
    while stack:
        node, in_content = stack.pop()
        tag = node.tag or ""
        if tag == "-text":
            yield node, node.text_content or ""
            continue
        if node.mem_id == skip:  # an element: never a text node
            yield node, None  # keeps its place in the order; its text is the body's
            continue
        if tag in _UNWALKED or tag.startswith("-"):
            continue
        if node is not root and _walk_skips(tag, class_id(node)):
            kind = _header_kind(node)
            if kind is None or (kind == "header" and not in_content):
                continue
        yield node, None
        inside = in_content or tag in CONTENT_TAGS
        child = node.last_child  # pushed last to first, so the first child pops first
        while child is not None:
            stack.append((child, inside))
            child = child.prev


def near_title_texts(
    root: LexborNode, title_node: LexborNode | None, container: LexborNode | None
) -> DigitTexts:
    """`_digit_texts` of the page's body, outside the body's container unless the
    title sits in it."""
    skip = container if _skipped(container, title_node) is not None else None
    return _digit_texts(root, skip, title_node)


def _digit_texts(root: LexborNode, skip: LexborNode | None, title: LexborNode | None) -> DigitTexts:
    """`_meta_walk` by tag only (chrome and widgets known only by their class or id are
    walked too): the text nodes holding a digit, as dates and view counts do, each with
    whether the title came before it; and whether the walk met the title at all."""
    found: list[tuple[LexborNode, str, bool]] = []
    title_seen = False
    # Tags are compared by Lexbor's id (`node.tag` builds a string for every node), and
    # `mem_id` (a new int each time) is read only from an element of the right tag.
    skip_tag, skip_id = (skip.tag_id, skip.mem_id) if skip is not None else (-1, -1)
    title_tag, title_id = (title.tag_id, title.mem_id) if title is not None else (-1, -1)
    # One iterator per open element; Lexbor leaves out the blank text nodes (about
    # half of all nodes) before Python sees them.
    frames: list[Iterator[LexborNode]] = [iter((root,))]
    while frames:
        for node in frames[-1]:
            tag = node.tag_id
            if tag == TEXT_ID:
                text = node.text_content or ""
                if not text.isspace() and _DIGIT.search(text):  # isspace: beyond ASCII
                    found.append((node, text, title_seen))
                continue
            if tag in _UNWALKED_IDS or (tag == skip_tag and node.mem_id == skip_id):
                continue  # `skip` is never the title: `_skipped` keeps a body holding it
            if tag == title_tag and not title_seen:
                title_seen = node.mem_id == title_id
            frames.append(node.iter(include_text=True, skip_empty=True))
            break
        else:
            frames.pop()
    return found, title_seen


def _is_side_widget(node: LexborNode) -> bool:
    return _side_names(class_id(node))


@lru_cache(maxsize=8192)
def _walk_skips(tag: str, names: str) -> bool:
    # One cached verdict per element instead of two lookups of a long class string.
    return chrome_by(tag, names) or _side_names(names)


@lru_cache(maxsize=8192)
def _side_names(names: str) -> bool:
    plain = plain_names(names)
    if plain.isascii():  # substring tests in C miss faster than the pattern
        lowered = plain.lower()
        return any(word in lowered for word in SIDE_WORDS)
    # IGNORECASE also matches a few letters beyond ASCII (ſ for s, K for k)
    return bool(SIDE_WIDGET_NAMES.search(plain))


def _line_of(text_node: LexborNode, seen: set[int], lines: dict[int, str]) -> str | None:
    """`_line_around`'s line, once per element: None when that element's line was
    given already (`seen`)."""
    found = _line_around(text_node, lines)
    if found is None or found[0].mem_id in seen:
        return None
    seen.add(found[0].mem_id)
    return found[1]


def _block_of(node: LexborNode | None) -> LexborNode | None:
    """The node, or its nearest ancestor, that is a block or the page's body."""
    while node is not None:
        tag = node.tag  # read once: each read builds the string anew
        if tag in BLOCK_TAGS or tag in ("body", "html"):
            return node
        node = node.parent
    return None
