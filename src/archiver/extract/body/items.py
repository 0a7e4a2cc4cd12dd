"""The body walk: an element's text read as paragraphs and images (`Para`, `Img`), in
reading order, widgets, hidden blocks and lists of links left out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.extract import problems
from archiver.extract.body.media import file_url, picture_url, refs
from archiver.extract.chrome import plain_names
from archiver.extract.page import (
    BLOCK_TAGS,
    COMMENT_ID,
    SKIP_TAGS,
    TEXT_ID,
)
from archiver.extract.vocabulary import (
    CAPTION_NAMES,
    CAPTION_NAMES_LOWER,
    HIDING_CLASSES,
    LINK_BLOCK,
    SCREEN_READER_NAMES,
    SCREEN_READER_NAMES_LOWER,
    WIDGET_NAMES,
)
from archiver.normalize import clean_line, join_url

# Inline formatting never wraps a widget: no need to read its class.
_PLAIN_TAGS = frozenset({"strong", "b", "em", "i", "u", "sup", "sub", "br", "img", "font", "a"})
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_CELLS = frozenset({"td", "th"})
_CELL_GAP = " | "  # between the cells of a row read as one line
_CELL_BLOCKS = ", ".join(sorted((BLOCK_TAGS - {"td", "th", "tr"}) | {"br", "img"}))
_REGISTERS = frozenset({"ul", "ol", "table"})  # blocks whose rows may each link a file
# Blocks read as a whole list of links when LINK_BLOCK of their text is link text.
LIST_BLOCKS = frozenset({"div", "section", "ul", "ol", "table", "aside", "dl"})


@dataclass
class Para:
    """One paragraph of body text, with the typography that classifies it."""

    text: str
    italic: bool = False
    strong: bool = False
    right: bool = False
    caption: bool = False
    table: int | None = None
    figure: int | None = None
    has_file_link: bool = False
    linked: int = 0  # how much of the line was link text, before cleaning
    listed: int | None = None  # the innermost list or table the line was read in


@dataclass
class Img:
    """One body image; `table` is the table it sits in, for pairing with its caption."""

    url: str
    table: int | None = None
    figure: int | None = None
    caption: str | None = None


@dataclass(slots=True)
class _Walk:
    base: str
    skip: frozenset[int] = frozenset()  # mem_ids of elements never read
    keep_lists: bool = False  # blocks of links are read too, not dropped
    items: list[Para | Img] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # the text of the line being read
    # (italic, bold) of the pieces of `parts` read inside <em>/<i> or <strong>/<b>
    styles: dict[int, tuple[bool, bool]] = field(default_factory=dict)
    italic: int = 0
    strong: int = 0
    caption: int = 0  # depth inside caption blocks
    captions: list[bool] = field(default_factory=list)  # per open block: is it a caption
    right: list[bool] = field(default_factory=lambda: [False])
    tables: list[int] = field(default_factory=list)
    # per open <figure>: its id when it holds a picture (its text is then a caption)
    figures: list[int | None] = field(default_factory=list)
    file_link: bool = False
    links: int = 0  # depth inside <a> to a page (a link to a file is content, not a link)
    anchors: list[bool] = field(default_factory=list)  # per open <a>: does it link a page
    lists: list[int] = field(default_factory=list)  # the open lists and tables
    cells: list[bool] = field(default_factory=list)  # per open cell: read as part of its row
    chars: int = 0  # text read so far, and how much of it was link text
    linked: int = 0
    line_linked: int = 0  # link text in the line being read
    # per open block: (items, chars, linked) when it opened, to drop it whole on leaving
    opened: list[tuple[int, int, int]] = field(default_factory=list)

    def flush(self) -> None:
        # Most calls find nothing to flush (a block opening right after another). With
        # no part read, no style or link text was noted either: only a link to a file
        # (an <a> around an image, say) may be left to forget.
        if not self.parts:
            self.file_link = False
            return
        text = clean_line("".join(self.parts))
        if text:
            italic = strong = False  # unless every piece of shown text is
            if self.styles:
                italic = strong = True
                for index, piece in enumerate(self.parts):
                    if piece.strip():
                        i, b = self.styles.get(index, (False, False))
                        italic, strong = italic and i, strong and b
            table = self.tables[-1] if self.tables else None
            figure = self.figure() if self.figures else None
            listed = self.lists[-1] if self.lists else None
            self.items.append(
                Para(text, italic, strong, self.right[-1], self.caption > 0, table, figure,
                     self.file_link, self.line_linked, listed)
            )  # fmt: skip
        self.line_linked = 0
        self.parts.clear()
        self.styles.clear()
        self.file_link = False

    def figure(self) -> int | None:
        """The innermost open figure that holds a picture."""
        return next((f for f in reversed(self.figures) if f is not None), None)


def read_items(
    root: LexborNode, base: str, skip: frozenset[int] = frozenset(), keep_lists: bool = False
) -> list[Para | Img]:
    """Body text as paragraphs and images, in reading order; widgets skipped, and the
    elements whose mem_id is in `skip`; blocks that are mostly links dropped, unless
    `keep_lists` (a story that is a list of links with notes)."""
    walk = _Walk(base, skip=skip, keep_lists=keep_lists)
    root_tag = root.tag or ""
    if not _enter(walk, root, root_tag, True):
        return walk.items
    # One frame per open element: its children still to read, and its tag for leaving.
    frames = [(root.iter(include_text=True), root_tag)]
    while frames:
        children, tag = frames[-1]
        for node in children:
            # Text nodes (about half of all) are told by Lexbor's id, an int read in C;
            # `node.tag` looks the name up and is read only for elements. A node whose
            # id is not TEXT_ID is never named "-text", so the walk is the same.
            kind = node.tag_id
            if kind == TEXT_ID:
                text = node.text_content or ""
                if walk.italic or walk.strong:
                    walk.styles[len(walk.parts)] = (walk.italic > 0, walk.strong > 0)
                walk.parts.append(text)
                walk.chars += len(text)
                if walk.links:
                    walk.linked += len(text)
                    walk.line_linked += len(text)
            elif (
                kind != COMMENT_ID
                and (child_tag := node.tag)
                and child_tag[0] != "-"
                and _enter(walk, node, child_tag, False)
            ):
                frames.append((node.iter(include_text=True), child_tag))
                break
        else:
            frames.pop()
            _leave(walk, tag)
    walk.flush()
    return walk.items


def _enter(walk: _Walk, node: LexborNode, tag: str, is_root: bool) -> bool:
    """Open an element; False when its subtree is not body text."""
    if tag in SKIP_TAGS and not (is_root and tag == "form"):  # a page-wide <form> is read
        if tag == "noscript":
            _add_noscript_image(walk, node)
        return False
    if tag in _PLAIN_TAGS:  # inline formatting never wraps a widget: its class is not read
        return _enter_inline(walk, node, tag)
    attrs = node.attributes
    shut, right, captioned = judged(
        attrs.get("class"), attrs.get("id"), attrs.get("style"), attrs.get("align"),
        "hidden" in attrs,
    )  # fmt: skip
    if (shut or (walk.skip and node.mem_id in walk.skip)) and not is_root:
        return False
    if tag in _CELLS:
        walk.cells.append(_row_cell(node))
        if walk.cells[-1]:  # a cell of a row of data: the row is one line
            if any(not part.isspace() for part in walk.parts):
                walk.parts.append(_CELL_GAP)
            return True
    if tag in BLOCK_TAGS:
        walk.flush()
        walk.opened.append((len(walk.items), walk.chars, walk.linked))
        walk.right.append(right or walk.right[-1])
        captioned = captioned or tag == "figcaption"
        walk.captions.append(captioned)
        walk.caption += captioned
        if tag == "table":
            walk.tables.append(node.mem_id)
        if tag in _REGISTERS:
            walk.lists.append(node.mem_id)
        elif tag == "figure":
            pictured = node.css_first("img, picture") is not None
            walk.figures.append(node.mem_id if pictured else None)
            walk.caption += pictured
    return True


def _enter_inline(walk: _Walk, node: LexborNode, tag: str) -> bool:
    if tag in ("img", "br"):
        walk.flush()
        if tag == "img":
            _add_image(walk, node.attributes)
        return False
    walk.italic += tag in ("em", "i")
    walk.strong += tag in ("strong", "b")
    if tag == "a":
        to_file = any(file_url(walk.base, r) for r in refs(node.attributes))
        walk.file_link = walk.file_link or to_file
        walk.anchors.append(not to_file)
        walk.links += not to_file
    return True


@lru_cache(maxsize=8192)
def judged(
    names: str | None, ident: str | None, style: str | None, align: str | None, hidden: bool
) -> tuple[bool, bool, bool]:
    """For a block by its class, id, style, align and hidden attributes: whether it
    is a widget or hidden from sighted readers (never body text), whether it is
    right-aligned, whether it is a caption. Cached: templates repeat them."""
    named_shut, captioned = _by_class(names or "")
    squeezed = (style or "").replace(" ", "").lower()
    shown_none = bool(style and "none" in style and "display:none" in squeezed)
    shut = named_shut or _widget_named(ident or "") or hidden or shown_none
    right = "text-align:right" in squeezed or (align or "").lower() == "right"
    return shut, right, captioned


@lru_cache(maxsize=8192)
def _by_class(names: str) -> tuple[bool, bool]:
    """What class names alone say of a block: whether they shut it (a widget's, or a
    hiding class), whether they name a caption. Cached apart from `judged`, whose
    key holds the id: most ids are met once, while their class names repeat."""
    if not names:
        return False, False
    lowered = names.lower()
    shut = _widget_named(names) or _hiding_class(names, lowered)
    return shut, _says(CAPTION_NAMES, CAPTION_NAMES_LOWER, names, lowered)


@lru_cache(maxsize=8192)
def _widget_named(names: str) -> bool:
    """`WIDGET_NAMES` on a class or an id alone, read as words: cached apart, since
    ids seldom repeat and class names do."""
    if not names:
        return False
    return WIDGET_NAMES.search(_words(plain_names(names))) is not None


def _words(names: str) -> str:
    """Class or id names lower-cased, their camelCase words split by hyphens: the
    case-sensitive pattern misses faster than a case-blind one. Names
    with no capital (most) have no camelCase to split."""
    return names if names.islower() else _CAMEL.sub("-", names).lower()


def _hiding_class(names: str, lowered: str) -> bool:
    """Class names (and the same lower-cased) that hide a block from sighted readers."""
    hidden = not HIDING_CLASSES.isdisjoint(lowered.split())
    return hidden or _says(SCREEN_READER_NAMES, SCREEN_READER_NAMES_LOWER, names, lowered)


def _says(blind: re.Pattern[str], lower: re.Pattern[str], names: str, lowered: str) -> bool:
    """A case-blind pattern found in the names: read by its case-sensitive twin in the
    lower-cased names when they are ASCII."""
    if names.isascii():
        return lower.search(lowered) is not None
    return blind.search(names) is not None


def _leave(walk: _Walk, tag: str) -> None:
    if tag in _PLAIN_TAGS:
        walk.italic -= tag in ("em", "i")
        walk.strong -= tag in ("strong", "b")
        if tag == "a" and walk.anchors:
            walk.links -= walk.anchors.pop()
    elif tag in _CELLS and walk.cells and walk.cells.pop():
        return  # read as part of its row, which ends the line
    elif tag in BLOCK_TAGS:
        walk.flush()
        items, chars, linked = walk.opened.pop()
        if tag in LIST_BLOCKS and walk.opened and not walk.keep_lists:  # never the container
            _drop_if_links(walk, items, walk.chars - chars, walk.linked - linked)
        walk.right.pop()
        walk.caption -= walk.captions.pop()
        if tag == "table":
            walk.tables.pop()
        if tag in _REGISTERS:
            walk.lists.pop()
        elif tag == "figure":
            walk.caption -= walk.figures.pop() is not None


def _row_cell(cell: LexborNode) -> bool:
    """A cell of a row of data (a register's number, code, date, title): text with no
    block of its own, beside other cells. A cell that holds paragraphs is a layout's."""
    row = cell.parent
    if row is None or row.tag != "tr" or cell.css_first(_CELL_BLOCKS) is not None:
        return False
    return sum(1 for sibling in row.iter() if sibling.tag in _CELLS) >= 2


def _drop_if_links(walk: _Walk, since: int, chars: int, linked: int) -> None:
    """Drop what a block added when it is mostly link text: a list of other stories,
    tags or share links inside the body, whatever its class says."""
    if chars and linked >= LINK_BLOCK * chars:
        del walk.items[since:]


def _add_image(walk: _Walk, attrs: dict[str, str | None]) -> None:
    src = picture_url(attrs)
    if src is not None:
        table = walk.tables[-1] if walk.tables else None
        url = join_url(walk.base, src)
        if url is None:
            problems.note("image URL", src)
            return
        walk.items.append(Img(url, table, walk.figure()))


def _add_noscript_image(walk: _Walk, node: LexborNode) -> None:
    """The picture a `<noscript>` shows when scripts are off: a copy of the lazy image
    beside it, which was read already unless it named only a placeholder."""
    if _beside_a_picture(node):
        return
    inner = node.css_first("img")  # parsed without scripting: its markup is elements
    if inner is None:
        raw = node.text()  # parsed with scripting: its markup is text
        if "<img" not in raw.lower():
            return
        inner = LexborHTMLParser(raw).css_first("img")
    if inner is not None:
        walk.flush()
        _add_image(walk, inner.attributes)


def _beside_a_picture(node: LexborNode) -> bool:
    """Whether the element next to a `<noscript>` (text between skipped) is or holds
    an image that names its picture."""
    for step in ("prev", "next"):
        sibling = getattr(node, step)
        while sibling is not None and (sibling.tag or "-").startswith("-"):
            sibling = getattr(sibling, step)
        if sibling is None:
            continue
        img = sibling if sibling.tag == "img" else sibling.css_first("img")
        if img is not None and picture_url(img.attributes) is not None:
            return True
    return False
