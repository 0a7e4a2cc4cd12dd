"""Second passes for a page where the container search found too little: a story
shipped in a template script, or the run of lines that holds the most prose."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.extract.body.items import Img, Para, read_items
from archiver.extract.chrome import is_chrome
from archiver.extract.page import (
    Page,
)
from archiver.extract.vocabulary import (
    CHROME_BLOCK_SHARE,
    FORM_SHARE,
    LINE_COST,
    LINK_LINE,
    PROSE_LINE,
)


def fallback_items(page: Page) -> list[Para | Img]:
    """Body text found without a container: the page read whole (chrome, widgets and
    link lists skipped as always), then the run of lines that holds the most prose.

    Independent of the container search, for pages where it found too little: each
    line scores its length less a fixed cost, a link line costs its length, and the
    best-scoring run of consecutive lines (with the pictures among them) is the body.
    A list of stories is a teaser, a link, a teaser: no run crosses its links.
    """
    root = page.tree.body
    if root is None:
        return []
    # ASP.NET and DNN pages live in one <form>, which the walk would skip whole.
    size = len(root.text())
    root = next((f for f in root.css("form") if len(f.text()) >= FORM_SHARE * size), root)
    items = read_items(root, page.base, _chrome_blocks(root, size))
    best = (0, 0, 0)  # score, start, end
    score, start = 0, 0
    for index, item in enumerate(items):
        if isinstance(item, Img):
            continue
        size = len(item.text)
        value = -size - LINE_COST if item.linked >= LINK_LINE * size else size - LINE_COST
        if score <= 0:
            score, start = 0, index
        score += value
        if score > best[0]:
            best = (score, start, index + 1)
    _, first, last = best
    while first > 0 and isinstance(items[first - 1], Img):  # the picture heading the story
        first -= 1
    return items[first:last]


_CHROME_CANDIDATES = (
    "[class*=head i], [id*=head i], [class*=foot i], [id*=foot i], [class*=menu i], "
    "[id*=menu i], [class*=nav i], [id*=nav i], [class*=copyright i], [id*=copyright i], "
    "[class*=banner i], [id*=banner i], [class*=bottom i], [id*=bottom i]"
)
# A story shipped as markup inside a script that a client-side template renders
# (Blogger's Google blogs), under the element microdata names its body.
_TEMPLATE = ", ".join(
    f'[itemprop="articleBody"] script[type="{kind}"]'
    for kind in ("text/template", "text/html", "text/x-template")
)


def template_items(page: Page) -> list[Para | Img]:
    """The body read from the markup of a template script inside the element named
    `itemprop="articleBody"`, when the page ships its story so; else nothing."""
    for script in page.tree.css(_TEMPLATE):
        markup = script.text()
        if "<" in markup:
            root = LexborHTMLParser(markup).body
            if root is not None:
                return read_items(root, page.base)
    return []


def _chrome_blocks(root: LexborNode, size: int) -> frozenset[int]:
    """Header, footer, menu and banner blocks by class or id (the tags are skipped
    anyway), unless one wraps much of the page or holds a paragraph of prose: an
    address in the footer is no story, a story in a "header-wrapper" still is."""
    out = set()
    for node in root.css(_CHROME_CANDIDATES):
        if (
            is_chrome(node)
            and len(node.text()) < CHROME_BLOCK_SHARE * size
            and not any(len(p.text()) >= PROSE_LINE for p in node.css("p"))
        ):
            out.add(node.mem_id)
    return frozenset(out)
