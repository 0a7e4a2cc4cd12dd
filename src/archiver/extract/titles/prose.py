"""A title the page names nowhere by tag or class: the heading that opens its prose,
the line of its own before the prose, or the <title> shown in the prose's block."""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from archiver.extract.dates import find_vn_dates
from archiver.extract.meta import in_side_widget
from archiver.extract.page import Page, contains, gather
from archiver.extract.titles.declared import (
    Declared,
    eligible,
    holding,
    title_key,
)
from archiver.extract.vocabulary import (
    LEAD_NAMED,
    PROSE_LINE,
    TITLE_LINE_CHARS,
    TITLE_LINE_SCOPE,
    TITLE_MAX_CHARS,
    TITLE_MIN_CHARS,
    TITLE_NAMED,
)
from archiver.normalize import clean_line

_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
# Elements that may show a title with no name to tell it: a line of its own.
_LINE_TAGS = frozenset({"div", "span", "td", "strong", "b", "font"})
_NOT_LINE = frozenset({"a", "div", "p", "br", "ul", "ol", "table", "img", "li"})


def _holds(node: LexborNode, tags: frozenset[str]) -> bool:
    """Whether an element below the node (not the node itself) has one of the tags."""
    return any(inner.tag in tags for inner in node.traverse() if inner.mem_id != node.mem_id)


def heading_of_prose(page: Page, declared: Declared, stop: LexborNode | None) -> LexborNode | None:
    """The heading that opens the story's prose, on a page that declares no title:
    the last eligible heading before the prose starts (an <h1> among those since the
    previous paragraph first), else the first eligible <h1>. The prose starts at the
    body container's first paragraph, or, in a container of lines between <br>s, at
    its first long line of text."""
    root = page.tree.body
    since: list[LexborNode] = []
    before: list[LexborNode] = []  # the headings before the last paragraph (a sapo, say)
    inside = False  # past the start of a container that has no paragraph
    if stop is not None and root is not None:
        for node in root.traverse(include_text=True):
            tag = node.tag or ""
            if tag == "-text":
                opens = inside and len(clean_line(node.text_content or "")) >= PROSE_LINE
                if not opens or (node.parent is not None and node.parent.tag == "a"):
                    continue
            elif node.mem_id == stop.mem_id and stop.tag != "p":
                inside = True
                continue
            if tag == "-text" or node.mem_id == stop.mem_id:
                since = since or before
                if not since:
                    break
                return next((n for n in since if n.tag == "h1"), since[-1])
            if tag == "p" and not TITLE_NAMED.search(node.attributes.get("class") or ""):
                if len(clean_line(node.text())) >= PROSE_LINE:
                    before, since = since or before, []
            elif tag in _HEADINGS or TITLE_NAMED.search(node.attributes.get("class") or ""):
                text = clean_line(node.text())
                # a sidebar box's heading ("Quảng cáo") comes before the story too
                shown = eligible(node, text, declared) and node.css_first("a") is None
                if shown and not in_side_widget(node):
                    since.append(node)
    heads = gather(page, "h1")
    return next((h for h in heads if eligible(h, clean_line(h.text()), declared)), None)


def line_before_prose(page: Page, declared: Declared, stop: LexborNode | None) -> LexborNode | None:
    """The last line of its own before the prose, on a page that names its title
    nowhere (no <title> but the site's name, no heading, no title class): a leaf of
    20-250 characters outside a paragraph, with no link, no date and no full stop at
    its end (a lead sentence has one). In a container of lines between <br>s (the
    prose's start is no <p>) the prose starts at its first long line of text."""
    root = _story_scope(stop, page.tree.body)
    if stop is None or root is None:
        return None
    last: LexborNode | None = None
    inside = False  # past the start of a container that has no paragraph
    said = False  # and some text of it read: a title opens its container, or is before it
    for node in root.traverse(include_text=True):
        tag = node.tag or ""
        if tag == "-text":
            text = clean_line(node.text_content or "") if inside else ""
            if len(text) >= PROSE_LINE:
                return last
            said = said or bool(text)
            continue
        if node.mem_id == stop.mem_id:
            if stop.tag == "p":
                return last
            inside = True
        elif said:
            continue
        elif tag == "p":
            text = clean_line(node.text())
            if len(text) >= PROSE_LINE:
                # prose: no title comes after it, and one before it only past its lead
                last = last if _is_lead(node) else None
            elif _is_line(node, text, declared):  # a title set as a short paragraph
                last = node
        elif tag in _LINE_TAGS and not (node.parent is not None and node.parent.tag == "p"):
            text = clean_line(node.text())
            if _is_line(node, text, declared):
                last = node
    return None


def tag_shown_by_story(
    page: Page, declared: Declared, stop: LexborNode | None
) -> LexborNode | None:
    """The element in the prose's block that shows the <title> whole, when the
    <title> is one piece: a sidebar box's heading ("Quảng cáo") that comes before the
    story in the page's order is no rival then. (A one-piece <title> shown elsewhere,
    in a banner, may be the site's slogan or a template's placeholder.)"""
    scope = _story_scope(stop, page.tree.body)
    if declared.title_tag is None or scope is None or len(declared.title_tag) < TITLE_MIN_CHARS * 2:
        return None
    folded = title_key(declared.title_tag)
    for node in holding(page, declared.title_tag):
        if not contains(scope, node):
            continue
        text = clean_line(node.text())
        said = len(text) <= TITLE_MAX_CHARS and title_key(text) == folded
        if said and eligible(node, text, declared):
            return node
    return None


def _story_scope(stop: LexborNode | None, body: LexborNode | None) -> LexborNode | None:
    """Where a title named nowhere may stand: in the prose's block, up to TITLE_LINE_SCOPE
    levels above its first paragraph, not in a column beside it (a sidebar's
    "Quảng cáo" label comes before the story in the page's order too)."""
    scope = stop
    for _ in range(TITLE_LINE_SCOPE):
        if scope is None or scope.parent is None or scope.parent.tag in ("body", "html"):
            return body
        scope = scope.parent
    return scope


def _is_line(node: LexborNode, text: str, declared: Declared) -> bool:
    """A line that may be a title: 20-250 characters, no full stop at its end, no
    link, block or date inside, eligible as a title."""
    low, high = TITLE_LINE_CHARS
    return (
        low <= len(text) <= high
        and not text.endswith((".", ":", "!", "?"))
        and not _holds(node, _NOT_LINE)
        and not find_vn_dates(text)
        and eligible(node, text, declared)
    )


def _is_lead(paragraph: LexborNode) -> bool:
    """A paragraph named a lead by its class, or whose text is all in one bold child."""
    if LEAD_NAMED.search(paragraph.attributes.get("class") or ""):
        return True
    bold = paragraph.css_first("b, strong")
    text = clean_line(paragraph.text())
    return bold is not None and len(clean_line(bold.text())) >= len(text) - 1
