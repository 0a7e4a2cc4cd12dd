"""How much of a block is link text: what tells a story from a list of links."""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from archiver.extract.body.items import LIST_BLOCKS
from archiver.extract.body.media import FILE_EXTENSION
from archiver.extract.page import SKIP_TAGS
from archiver.extract.urls import FILE_EXTENSIONS
from archiver.extract.vocabulary import KEPT_PARAGRAPHS, LINK_BLOCK, STORY_PARAGRAPHS
from archiver.normalize import clean_line


def density_less_link_blocks(node: LexborNode, paragraphs: int) -> float:
    """The link density of a block less its children that are mostly links (a
    slider or a "most read" box inside the story's wrapper): the body walk drops
    those (`_drop_if_links`), and the prose around them is what is read. A block
    whose paragraphs lie in such children (teaser tiles), or too few of them to
    make a story, keeps density 1."""
    if paragraphs < STORY_PARAGRAPHS:
        return 1.0
    text = linked = 0
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            text += len(clean_line(child.text_content or ""))
            continue
        if child.tag in SKIP_TAGS:
            continue
        size = len(clean_line(child.text()))
        links = linked_chars(child) if child.tag != "a" else 0 if _to_file(child) else size
        if child.tag in LIST_BLOCKS and links >= LINK_BLOCK * size:
            continue  # a box of links: the body walk drops it
        text, linked = text + size, linked + links
    if text < KEPT_PARAGRAPHS * paragraphs:
        return 1.0
    return linked / (text or 1)


def link_density(node: LexborNode) -> float:
    linked = linked_chars(node)
    # Without link text the share is 0 whatever the text: a body's whole text, dear to
    # clean, is not read.
    return linked / (len(clean_line(node.text())) or 1) if linked else 0.0


def linked_chars(node: LexborNode) -> int:
    """The text of the node's links to other pages: a link to a file (a register of
    documents, one per row) is the page's content, not a way elsewhere."""
    return sum(len(clean_line(a.text())) for a in node.css("a") if not _to_file(a))


def _to_file(anchor: LexborNode) -> bool:
    href = (anchor.attributes.get("href") or "").lower()
    # The substring test first: most links name no file at all. The path is cut by
    # hand: a link that is no URL ("http://[cdn]/a.pdf") costs nothing here.
    if FILE_EXTENSION.search(href) is None:
        return False
    return href.split("#", 1)[0].split("?", 1)[0].endswith(FILE_EXTENSIONS)
