"""The byline printed after a story's title, in an element marked as one.

A template marks its byline by microdata, rel, a class that says author or byline,
or a link to the writer's page; the first such element after the title, in the
story's block and outside comments, teasers, captions, quotations and the page's
chrome, that reads as a list of names is the printed byline. authors.py decides
between it and what the page declares.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from selectolax.lexbor import LexborNode

from archiver.extract.bylines import (
    Byline,
    clean_author,
    is_placeholder,
    names_like,
    split_byline,
    strip_label,
)
from archiver.extract.chrome import class_id
from archiver.extract.page import Page, ancestor_ids, gather
from archiver.extract.vocabulary import (
    BYLINE_NAMES,
    ELSEWHERE_WORDS,
    LINK_MORE,
    PRINTED_CHARS,
    PRINTED_TRIES,
)
from archiver.normalize import clean_line, fold

# Elements a template marks as a byline, by microdata, rel or class.
# A link to the writer's page ("/autoren/name/max-kolter", "/author/jane-doe") is one
# (one substring to match is cheaper than two; `_is_marked` tells "/auto/" apart).
_MARKED = (
    '[itemprop~="author"], [rel~="author"], [class*="author" i], [class*="byline" i],'
    ' [class*="autor" i], a[href*="/aut" i]'
)
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")  # "commentAuthor": comment, author
_ELSEWHERE_TAGS = frozenset({"footer", "aside", "nav", "figure", "figcaption", "blockquote"})
_AUTHOR_PAGE = re.compile(r"/auth?or/([^/?#]+)/?(?:[?#]|$)", re.IGNORECASE)  # its slug
NAME_LIST = re.compile(r"\s*(?:[,;&]|\bund\b|\band\b)\s*")  # between a line's names
_LIST_TRIM = " ,;:&…"  # what a name in a printed list trails
# Where a printed byline's names end: a date or time, a separator, a reading time.
_NAMES_END = re.compile(r"\s(?=\S*\d)|\s*[|•·]\s*|\s+(?:Updated|Published|Stand|Aktualisiert)\b")


def byline(
    page: Page, title: LexborNode | None, container: LexborNode | None, people: list[str]
) -> Byline | None:
    """The byline printed in an element marked as one, after the title: the declared
    names when it says them too (their form is cleaner than a line that runs on into a
    job title) unless it lists more people, else its own names."""
    for node in _marked_after(page, title, container):
        line = _line(node)
        listed = _listed(node) if line else ""
        text = listed or line
        if not text or _account_link(node):
            continue
        if people and _agree(text, people) and not (listed and _more(listed, people)):
            return Byline(", ".join(people))
        name = clean_author(text)
        if name is not None and names_like(name):
            return split_byline(name)
    return None


def _account_link(node: LexborNode) -> bool:
    """The element links to the author page of a CMS account ("/author/admin/"): the
    name it shows is the account's, whoever wrote the story."""
    link = node if node.tag == "a" else node.css_first("a[href]")
    return link is not None and account_page(link.attributes.get("href") or "")


def account_page(address: str) -> bool:
    """The address is the author page of a CMS account ("/author/admin/")."""
    found = _AUTHOR_PAGE.search(address)
    return found is not None and is_placeholder(found.group(1))


def _line(node: LexborNode) -> str:
    """The names an element prints, as one line: its text up to a date, a separator
    or a reading time, without a label; empty when it is too long for a byline."""
    text = clean_line(node.text(separator=" "))
    if len(text) > PRINTED_CHARS:
        return ""
    return strip_label(_NAMES_END.split(text, maxsplit=1)[0]).strip(_LIST_TRIM)


def _listed(node: LexborNode) -> str:
    """The names of an element that lists its people as like children (an <li> or a
    <div class="byline"> each), joined by commas; empty unless two at least are names.
    A footnote mark ("Xiaoying You0,") and a "show more" item ("…") are left out."""
    items = [(c, _line(c)) for c in node.iter(include_text=False) if c.tag != "script"]
    items = [(c, text) for c, text in items if any(ch.isalpha() for ch in text)]
    if len(items) < 2 or len({_kind(c) for c, _ in items}) > 1:
        return ""
    if not all(names_like(text) for _, text in items):
        return ""
    return ", ".join(text for _, text in items)


def _kind(node: LexborNode) -> tuple[str, str]:
    """An element's tag and first class name: the items of one list share both."""
    classes = (node.attributes.get("class") or "").split()
    return node.tag or "", classes[0] if classes else ""


def _more(printed: str, people: list[str]) -> bool:
    """The printed list names more people than the page declares (the list's names
    look like names: `_listed`)."""
    return len(NAME_LIST.split(printed)) > len(people)


def _agree(printed: str, people: list[str]) -> bool:
    """The printed line names the declared people, or only some of them (a template
    that prints the first author): they agree, and the declared list is kept."""
    folded = fold(printed)
    if all(fold(name) in folded for name in people):
        return True
    said = fold(" ".join(people))
    names = [fold(n) for n in NAME_LIST.split(printed) if n]
    return bool(names) and all(name in said for name in names)


def _marked_after(
    page: Page, title: LexborNode | None, container: LexborNode | None
) -> Iterator[LexborNode]:
    """The marked elements after the title in the page's order and in the story's
    block (the title's and the body's nearest common ancestor), outside comments,
    teasers, captions, quotations and the page's chrome. Without a title, after the
    page's first <h1> and beside it (a heading the title finder did not agree with: a
    kicker and a title in one), and without one, none: a byline is read where it
    stands, under the story's heading."""
    if title is not None and title.tag:
        scope = _common(title, container) if container is not None else title.parent
    else:
        title = next(iter(gather(page, "h1")), None)
        if title is None:
            return
        scope = title.parent  # the heading may be far from the body: its own block
    seen = False
    tries = 0
    # asked of the story's block alone: a query of the whole page costs more
    # the title's tag is asked for only to find the title in the page's order
    for node in (scope or page.tree).css(f"{_MARKED}, {title.tag}"):
        if not seen:
            seen = node.mem_id == title.mem_id
            continue
        if node.tag in (title.tag, "a") and not _is_marked(node):
            continue  # a heading further down ("Negative Folgen"), a link to "/auto/"
        if node.tag in ("meta", "link", "script", "body", "html") or _elsewhere(node):
            continue
        tries += 1
        if tries > PRINTED_TRIES:
            return
        yield node


def _is_marked(node: LexborNode) -> bool:
    """The element is marked as a byline (`_MARKED`, asked of its attributes)."""
    attrs = node.attributes
    said = f"{attrs.get('itemprop') or ''} {attrs.get('rel') or ''}".split()
    if node.tag == "a" and re.search(r"/auth?or", attrs.get("href") or "", re.IGNORECASE):
        return True
    return "author" in said or bool(BYLINE_NAMES.search(attrs.get("class") or ""))


def _common(one: LexborNode, other: LexborNode) -> LexborNode | None:
    """The nearest element that holds both nodes."""
    above = ancestor_ids(one)
    node: LexborNode | None = other
    while node is not None and node.mem_id not in above:
        node = node.parent
    return node


def _elsewhere(node: LexborNode) -> bool:
    current: LexborNode | None = node
    while current is not None and current.tag not in ("body", "html"):
        if current.tag in _ELSEWHERE_TAGS or _named_elsewhere(class_id(current)):
            return True
        if current.tag == "a" and current is not node and _holds_more(current, node):
            return True  # a link to another story, its title and its byline: a teaser
        current = current.parent
    return False


def _holds_more(link: LexborNode, byline: LexborNode) -> bool:
    """The link says more than the byline it holds (a story's title): no link to the
    writer's own page."""
    return len(link.text(strip=True)) > len(byline.text(strip=True)) + LINK_MORE


@lru_cache(maxsize=4096)
def _named_elsewhere(names: str) -> bool:
    """Class and id names, read as words, say the element belongs to something else."""
    return any(word.lower() in ELSEWHERE_WORDS for word in _WORD.findall(names))
