"""The story's lead (sapo): a bold first paragraph, or a block between the heading
and the body named or shaped as one."""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from archiver.extract.body.container import SENTENCE_ENDS
from archiver.extract.body.density import linked_chars
from archiver.extract.body.items import Para, judged
from archiver.extract.body.lines import DIGIT
from archiver.extract.chrome import class_id
from archiver.extract.dates import find_vn_dates
from archiver.extract.kinds import elements_between
from archiver.extract.page import (
    SKIP_TAGS,
    VIEWS,
    ancestor_ids,
    contains,
)
from archiver.extract.vocabulary import (
    LEAD_CHARS,
    LEAD_NAMED,
    LEAD_SIZE,
    LEAD_STEPS,
    LEAD_WORDS,
    PROSE_LINKS,
)
from archiver.normalize import clean_line

_LEAD_TAGS = frozenset({"p", "h2", "h3", "div", "span", "strong", "b"})


def bold_lead(paras: list[Para]) -> Para | None:
    """The sapo: a first paragraph set wholly in bold, a sentence or a few long, with
    the story following it."""
    if len(paras) < 2 or not paras[0].strong or paras[0].caption:
        return None
    low, high = LEAD_CHARS
    return paras[0] if low <= len(paras[0].text) <= high else None


def lead_block(title: LexborNode | None, container: LexborNode | None) -> LexborNode | None:
    """The lead shown in a block of its own between the story's heading and its body
    (or just before the body when there is no heading), named so by its class: the
    story's summary, which the body container does not hold."""
    if container is None:
        return None
    between = _between(title, container)
    for node in between:
        names = class_id(node)
        # A block that holds a <time> is the date line ("c-teaser__meta"), not a lead.
        if names.strip() and LEAD_NAMED.search(names) and node.css_first("time") is None:
            text = clean_line(node.text())
            low, high = LEAD_SIZE
            if low <= len(text) <= high and linked_chars(node) < PROSE_LINKS * len(text):
                return node
    if title is None:
        return None
    # Unnamed: the first paragraph or subheading of prose between the heading and
    # the body, outside the body's block, a sentence or a few that ends as sentences
    # end. A subheading right under the heading (a dek) seldom has a full stop.
    after = _next_element(title)
    low, high = LEAD_CHARS
    for node in between:
        if node.tag not in _LEAD_TAGS or node.css_first("img, a, time") is not None:
            continue
        if contains(container, node):
            break
        text = clean_line(node.text())
        if not low <= len(text) <= high or len(text.split()) < LEAD_WORDS:
            continue
        dek = after is not None and after.mem_id == node.mem_id and not _dated(text)
        if text.endswith(SENTENCE_ENDS) or dek:
            return node
    return None


def _dated(text: str) -> bool:
    """A date or view line ("Ngày đăng 18/03/2019 | 04:01 PM | View count: 536")."""
    return bool(DIGIT.search(text)) and bool(find_vn_dates(text) or VIEWS.search(text))


def _next_element(node: LexborNode) -> LexborNode | None:
    sibling = node.next
    while sibling is not None and (sibling.tag or "-").startswith("-"):
        sibling = sibling.next
    return sibling


def read_as_body(node: LexborNode, container: LexborNode | None) -> bool:
    """Whether the body walk read this block's text: it lies in the container and no
    widget or hidden block (a "sapo" class, say) of its own or above it was skipped."""
    if container is None or not contains(container, node):
        return False
    current: LexborNode | None = node
    while current is not None and current.mem_id != container.mem_id:
        attrs = current.attributes
        if (current.tag or "") in SKIP_TAGS or judged(
            attrs.get("class"), attrs.get("id"), attrs.get("style"), attrs.get("align"),
            "hidden" in attrs,
        )[0]:  # fmt: skip
            return False
        current = current.parent
    return True


def _between(title: LexborNode | None, container: LexborNode) -> list[LexborNode]:
    """The elements after the heading and before the body container, outermost first
    (each with what it holds); without a heading, the container's previous siblings
    and those of its parent."""
    if title is None:
        found = []
        for start in (container, container.parent):
            sibling = start.prev if start is not None else None
            for _ in range(3):
                if sibling is None:
                    break
                if sibling.tag and sibling.tag[0] != "-":
                    found.append(sibling)
                sibling = sibling.prev
        return found
    if title.mem_id in ancestor_ids(container):
        return []
    return elements_between(title, container, LEAD_STEPS)[0]
