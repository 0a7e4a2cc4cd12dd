"""Signals that a page is neither an article nor a listing, whatever its links say.

Portals answer 200 for pages that are not news: a soft 404 in the full chrome,
search results (a list of article links that is no section of the site), the
legal-document register (văn bản: số ký hiệu, ngày ban hành, trích yếu and
file links) and photo galleries with no text. `generic._kind` asks these
before it trusts the link count or a heading.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from selectolax.lexbor import LexborNode

from archiver.extract.chrome import class_id
from archiver.extract.page import Page, ancestor_ids, contains, folds_to_start, gather, tag_ids
from archiver.extract.urls import absolute
from archiver.extract.vocabulary import (
    BETWEEN_STEPS,
    DISCUSSION_NAMES,
    GALLERY_CHARS,
    GALLERY_PICTURES,
    MISSING_PAGE,
    OPENING,
    REGISTER_COLUMNS,
    REGISTER_TABLE_ROWS,
    SINGLE_VIEW_NAMES,
)
from archiver.normalize import clean_line, fold

_NOT_FOUND = ("khong tim thay", "khong ton tai", "page not found", "loi 404", "404 not found")
_SEARCH_PATH = re.compile(r"(?:^|/)(?:tim-?kiem|timkiem|search|ket-qua-tim-kiem)(?:[/.]|$)", re.I)
_SEARCH_KEYS = frozenset({"q", "keyword", "keywords", "tukhoa", "searchtext", "search", "k", "s"})
_SEARCH_HEADINGS = ("ket qua tim kiem", "tim kiem", "search results")
_SEARCH_INITIALS = frozenset(heading[0] for heading in _SEARCH_HEADINGS)
_REGISTER_COLUMNS = ("so ky hieu", "ngay ban hanh", "trich yeu")


def is_missing(title: str | None, text: str | None) -> bool:
    """A soft 404: the page's own title says nothing was found, and little else is said."""
    folded = fold(title or "")
    return any(p in folded for p in _NOT_FOUND) and len(text or "") < MISSING_PAGE


def is_search(page: Page) -> bool:
    """A search-result page: a search URL, or a heading that says so."""
    parts = urlsplit(page.url)
    keys = {k.lower() for k, v in parse_qsl(parts.query) if v.strip()}
    if _SEARCH_PATH.search(parts.path) or keys & _SEARCH_KEYS:
        return True
    headings = (h.text(separator=" ") for h in gather(page, "h1, h2"))
    return any(
        _may_fold_to(raw) and folds_to_start(clean_line(raw), _SEARCH_HEADINGS) for raw in headings
    )


def _may_fold_to(raw: str) -> bool:
    """Whether the cleaned text could start with a search heading's letter: cleaning
    trims and composes, and a letter composed with its marks folds back to itself,
    so an ASCII first character other than those letters rules a heading out."""
    first = raw.lstrip()[:1]
    return not first.isascii() or first.lower() in _SEARCH_INITIALS


def is_register(page: Page) -> bool:
    """A legal-document register: a table headed số ký hiệu / ngày ban hành / trích yếu."""
    for table in gather(page, "table"):
        head = table.css_first("tr")
        if head is None:
            continue
        folded = fold(_text(head))
        if sum(column in folded for column in _REGISTER_COLUMNS) >= REGISTER_COLUMNS:
            return len(table.css("tr")) >= REGISTER_TABLE_ROWS
    return False


_BLOCKED = re.compile(
    r"captcha|không phải (là )?(người máy|robot)|not a robot|access denied|request blocked"
    r"|truy cập bị (chặn|từ chối)|checking your browser|attention required|ddos protection",
    re.IGNORECASE,
)
_GONE = re.compile(
    r"không tìm thấy|không tồn tại|page not found|404 not found|\berror 404\b|lỗi 404"
    r"|đã bị xóa|đã bị gỡ",
    re.IGNORECASE,
)


def why_not(page: Page) -> str | None:
    """For a page that is neither article nor listing: 'blocked' (a block or CAPTCHA
    page) or 'soft404' when its visible text says so. Asked only of such pages, so a
    word in a real article never condemns it."""
    root = page.tree.body or page.tree.root
    title = page.tree.css_first("title")
    parts = [title.text() if title else ""]
    if root is not None:
        parts += [n.text(deep=False) for n in root.traverse() if n.tag_id not in _INVISIBLE]
    return says_why_not(" ".join(" ".join(parts).split()))


_INVISIBLE = tag_ids(("script", "style", "noscript", "template"))
# _BLOCKED and _GONE for lower-cased text: IGNORECASE tries each letter's cases at
# every place of a page's text, a scan dearer than lower() and a plain pattern.
# Both match alike on any text without the letters whose case-blind match
# is not their lower case (a test checks every code point): dotted and dotless I, long s.
_BLOCKED_LOWER = re.compile(_BLOCKED.pattern)
_GONE_LOWER = re.compile(_GONE.pattern)
_CASE_ODD = ("\u0130", "\u0131", "\u017f")


def says_why_not(text: str) -> str | None:
    """'blocked' when the text asks to prove a human (or says access is denied),
    'soft404' when it says the page is not there, else None."""
    blocked, gone = _BLOCKED, _GONE
    if not any(letter in text for letter in _CASE_ODD):
        blocked, gone, text = _BLOCKED_LOWER, _GONE_LOWER, text.lower()
    if blocked.search(text):
        return "blocked"
    return "soft404" if gone.search(text) else None


def single_view(page: Page) -> bool:
    """The CMS says this page shows one story, by the classes of its <body>."""
    root = page.tree.body
    names = root.attributes.get("class") if root is not None else None
    return bool(names and SINGLE_VIEW_NAMES.search(names))


def is_discussion(page: Page) -> bool:
    """The page is one thread of a forum: by its <body>'s class or id, or its JSON-LD."""
    root = page.tree.body
    if root is not None and DISCUSSION_NAMES.search(class_id(root)):
        return True
    return any(obj.get("@type") == "DiscussionForumPosting" for obj in page.ld_all)


def is_gallery(images: int, text: str | None) -> bool:
    """A photo gallery: several pictures and hardly a sentence between them."""
    return images >= GALLERY_PICTURES and len(text or "") < GALLERY_CHARS * images


def _text(node: LexborNode) -> str:
    return clean_line(node.text(separator=" "))


def listed_chars(page: Page, articles: set[str], container: LexborNode | None) -> int:
    """The text of the links to these articles outside the body container: how much
    of the page the list of other stories takes, to weigh against the prose."""
    total = 0
    for link in page.tree.css("a[href]"):
        href = (link.attributes.get("href") or "").strip()
        if (
            href
            and resolve(page.base, href) in articles
            and not (container is not None and contains(container, link))
        ):
            total += len(clean_line(link.text()))
    return total


def resolve(base: str, href: str) -> str | None:
    """href made absolute as discovery makes it; None for one that is no URL at all
    ("http://[oops/x"): one bad link costs only itself."""
    return absolute(base, href)


def links_before(heading: LexborNode, container: LexborNode | None) -> list[str] | None:
    """The links between a heading and the body container that follows it, in page
    order (none when the container holds the heading); None when the container does
    not follow the heading closely (not within BETWEEN_STEPS elements)."""
    if container is None:
        return None
    # Where the prose starts: the container's first paragraph of text (a page-wide
    # container may hold the heading, the list and a footer's paragraphs).
    target = next(
        (p for p in container.css("p") if len(clean_line(p.text())) >= OPENING), container
    )
    if contains(target, heading):
        return []
    passed, reached = elements_between(heading, target, BETWEEN_STEPS)
    if not reached:
        return None
    hrefs: list[str] = []
    for node in passed:
        if node.tag == "a":
            hrefs.append(node.attributes.get("href") or "")
        else:
            hrefs += [a.attributes.get("href") or "" for a in node.css("a[href]")]
    return hrefs


def elements_between(
    start: LexborNode, target: LexborNode, steps: int
) -> tuple[list[LexborNode], bool]:
    """The elements after `start` (and all it holds) and before `target`, in page
    order, each standing for its whole subtree; and whether `target` was reached
    within `steps` of them (the ancestors of `target` are gone down into, not passed)."""
    above = ancestor_ids(target)
    passed: list[LexborNode] = []
    current: LexborNode | None = start
    reached = target.mem_id
    for _ in range(steps):
        # The next element in document order after `current` and all it holds.
        while current is not None and current.next is None:
            current = current.parent
        if current is None:
            return passed, False
        current = current.next
        while current is not None and current.mem_id in above:
            if current.mem_id == reached:
                return passed, True
            current = current.child  # the target lies inside: go down to it
        if current is None:
            return passed, False
        tag = current.tag
        if tag and tag[0] != "-":
            passed.append(current)
    return passed, False
