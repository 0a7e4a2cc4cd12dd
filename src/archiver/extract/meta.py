"""Page metadata: title, dates and view count, category, summary, language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from html import unescape

from selectolax.lexbor import LexborNode

from archiver.extract.anywhere import dates_anywhere
from archiver.extract.chrome import (
    chrome_by,
    class_id,
    in_chrome,
    is_breadcrumb,
    plain_names,
    under_tags,
)
from archiver.extract.dates import (
    DateLabel,
    ParsedDate,
    date_in_url,
    find_vn_dates,
    iso_from_structured,
)
from archiver.extract.page import (
    BLOCK_TAGS,
    COMMENT_ID,
    SKIP_TAGS,
    TEXT_ID,
    VIEWS,
    Page,
    candidates,
    contains,
    first_node,
    folds_to_start,
    ld_text,
    may_count_views,
    present,
    tag_ids,
)
from archiver.extract.urls import absolute
from archiver.extract.vocabulary import (
    CONTENT_TAGS,
    CUT_TITLE,
    DATE_LINE_CHARS,
    DATE_NAMES,
    HEADER_NAMES,
    LEAF_CHARS,
    LIST_ITEM_NAMES,
    PAGE_CHROME_TAGS,
    SIDE_WIDGET_NAMES,
    SIDE_WORDS,
    TRAIL_LINKS,
)
from archiver.normalize import clean_line, fold

_YEAR = re.compile(r"\d{4}")
# Links in a list or a menu that hold "tin": the place first, so that Lexbor reads the
# text of those links alone, once each ('ul a:..., nav a:...' read every link's twice
# and listed a link in both twice).
_NEWS_LINKS = 'a:is(ul a, nav a):lexbor-contains("tin" i)'
_ENTITY = re.compile(r"&(?:#\d+|#x[\da-f]+|[a-z]\w*);", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_VN_LOWER = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
# Both cases spelled out: an IGNORECASE class scans the page's text slower.
_VN_LETTERS = re.compile(f"[{_VN_LOWER}{_VN_LOWER.upper()}]")
# Never date lines, and a link's date is its target's; the meta walk does read <form>.
_UNWALKED = (SKIP_TAGS - {"form"}) | {"a"}
_UNWALKED_IDS = tag_ids(_UNWALKED) | {COMMENT_ID}  # and no other node the walk meets
# Names other than article:published_time under which pages state their publication date.
_DATE_META = (
    "article:published:time", "og:published_time", "datepublished", "publishdate",
    "publish-date", "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.created", "prism.publicationdate", "date",
)  # fmt: skip
# Marked-up publication times first, then any time element.
_TIME_SELECTORS = (
    "time[itemprop=datePublished][datetime]",
    "time[pubdate][datetime]",
    "time[datetime]",
)
# Breadcrumbs by their names and markup (page.is_breadcrumb decides), "div.cat-title",
# and links home, in one query: case-sensitive pieces of the names ("rumb" for
# "breadcrumb" and "BreadCrumb"), which cost Lexbor less than case-blind ones.
_HOME_LINKS = 'a:lexbor-contains("trang ch" i), a:lexbor-contains("home" i)'
_TRAIL_QUERY = (
    "[class*=rumb], [id*=rumb], [class*=athway], [class*=uong-dan], "
    f"[itemtype*=BreadcrumbList], [aria-label*=rumb], div.cat-title, {_HOME_LINKS}"
)
_HOME_WORDS = ("trang chu", "home")
_TRAIL_BLOCKS = frozenset({"ul", "ol", "div", "nav", "p", "li", "h1", "h2", "h3", "span"})
_TRAIL_GLUE = " »>/›|-:→·\u00a0\u203a\u00bb"
_TRAIL_LABEL = re.compile(r"bạn đang ở|vị trí|you are here", re.IGNORECASE)
# Crumbs that name no section: the home page, and the article's own page.
_NOT_SECTIONS = frozenset(
    {"trang chu", "home", "chi tiet", "xem chi tiet", "chi tiet tin", "noi dung", "bai viet"}
)
_SAPOS = ("div.sapo", ".asset-summary", "h2.sapo", "p.sapo")
_STRUCTURED_DATES: tuple[tuple[str, str, DateLabel], ...] = (
    ("datePublished", "article:published_time", "published"),
    ("dateModified", "article:modified_time", "updated"),
)


# --- dates and view count ------------------------------------------------------------


def dates_and_views(
    page: Page,
    title_node: LexborNode | None,
    container: LexborNode | None,
    body_lines: list[str] | None = None,
) -> tuple[list[ParsedDate], int | None]:
    """Dates and view count from the line nearest the title (never the header clock).

    `body_lines` are the short lines that open or close the body, where templates
    also put the date line; they come before the lines around the body, where other
    stories' dates stand in their lists."""
    dates = declared = _page_dates(page)
    if dates:  # the lines are read for a view count alone
        views = _views_beside_dates(page, title_node, container, body_lines or [])
    else:
        lines = _date_lines(page, title_node, container, body_lines or [])
        for line in lines:
            if not dates:
                dates = _to_the_minute(page, find_vn_dates(line))
        views = _view_count(lines, title_node, container)
    dates = dates or _time_element(page)
    in_url = date_in_url(page.url)
    if in_url is None:
        return dates or dates_anywhere(page, title_node, in_side_widget), views
    if not dates:
        return [in_url], views  # the address is the last witness: it never says the time
    shown = [d for d in dates if d.label == "published"]
    if not declared and shown and all(_far(d, in_url) for d in shown):
        # A shown date days away from the address's is another day's (an event's, a
        # related story's): the CMS wrote the address when it published the page.
        return [in_url, *(d for d in dates if d.label != "published")], views
    return [_local_day(d, in_url) if d.label == "published" else d for d in dates], views


def _date_lines(
    page: Page, title_node: LexborNode | None, container: LexborNode | None, body_lines: list[str]
) -> list[str]:
    """The lines that may give the date or the view count, the most likely first: the
    date element's, the body's opening and closing lines, the lines near the title."""
    return _date_node_line(page) + body_lines + _lines_near_title(page, title_node, container)


def _date_node_line(page: Page) -> list[str]:
    node = _date_node(page)
    return [clean_line(node.text())] if node is not None else []


def _views_beside_dates(
    page: Page, title_node: LexborNode | None, container: LexborNode | None, body_lines: list[str]
) -> int | None:
    """The view count of a page whose metadata gives its dates: read from its lines as
    a page without them is read, on a page whose text names a count (may_count_views).

    Most such pages show none, and the lines near the title cost a walk that places
    each one: the lines any walk could give are tested first, unplaced."""
    root = page.tree.body
    if root is None:
        return None
    shown = _date_node_line(page) + body_lines
    walk = _near_title_texts(root, title_node, container)
    if not any(VIEWS.search(line) for line in shown) and not _may_show_count(walk):
        return None  # no line could name a count: `_view_count` would find none
    if not may_count_views(root.text()):
        return None
    lines = shown + _lines_near_title(page, title_node, container, walk)
    return _view_count(lines, title_node, container)


def _may_show_count(walk: _DigitTexts) -> bool:
    """Whether a line `_lines_near_title` gives from this walk may hold a view count:
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
    """Whether a text node may give a date line or a view-count line: it holds a year
    or a view count (the digit test first, the cheap one). Every line walk asks this."""
    return bool(_DIGIT.search(text) and (_YEAR.search(text) or VIEWS.search(text)))


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


def _to_the_minute(page: Page, shown: list[ParsedDate]) -> list[ParsedDate]:
    """A shown publication day with its time, when the page marks up its publication
    time (`<time itemprop=datePublished datetime>`) on the same day: Joomla prints
    "Ngày đăng: 17/11/2023" over datetime="2023-11-17T08:30:00+07:00"."""
    if not shown or len(shown[0].value) > 10 or shown[0].label != "published":
        return shown
    for selector in _TIME_SELECTORS[:2]:  # marked as the publication time, not any <time>
        node = page.tree.css_first(selector)
        raw = (node.attributes.get("datetime") or "").strip() if node is not None else ""
        value = iso_from_structured(raw) if raw else None
        if value and value[:10] == shown[0].value and len(value) > 10:
            return [ParsedDate(value, "published", raw), *shown[1:]]
    return shown


def _far(found: ParsedDate, in_url: ParsedDate) -> bool:
    """More than a day apart: not the same moment seen from another zone."""
    return abs((date.fromisoformat(found.value[:10]) - date.fromisoformat(in_url.value)).days) > 1


def own_dates(page: Page) -> list[ParsedDate]:
    """The dates a page declares of itself, in its metadata or its address, and no
    date it shows: a listing's shown dates are its items'. (A page misjudged a
    listing keeps its own date this way.)"""
    dates = _page_dates(page)
    in_url = date_in_url(page.url)
    return dates or ([in_url] if in_url is not None else [])


def _page_dates(page: Page) -> list[ParsedDate]:
    """The dates the page's metadata states: article:published_time and JSON-LD,
    else the publication date under another name."""
    return _structured_dates(page) or _declared_date(page)


def _view_count(
    lines: list[str], title_node: LexborNode | None, container: LexborNode | None
) -> int | None:
    """The first count in the lines, those in the article's own block first: a site's
    visitor counter ("Lượt truy cập: 1.204.377") in a column nearer the title than
    the count under the text is the site's, not the article's."""
    counts: list[tuple[int, str, bool]] = []  # (count, line, labelled as visits)
    for line in lines:
        if match := VIEWS.search(line):
            visits = bool(_VISITS.search(match.group(0)))
            counts.append((int(re.sub(r"[.,]", "", match.group(1))), line, visits))
    if not counts:
        return None
    if len({count for count, _, _ in counts}) == 1 and not any(v for _, _, v in counts):
        return counts[0][0]  # no choice to make
    block = _article_block(title_node, container)
    text = clean_line(block.text()) if block is not None else ""
    own = next((count for count, line, _ in counts if text and line in text), None)
    # "Lượt truy cập" (visits) outside the article's block is the site's counter
    return own if own is not None else next((c for c, _, v in counts if not v), None)


_VISITS = re.compile(r"truy\s*cập", re.IGNORECASE)


def _article_block(
    title_node: LexborNode | None, container: LexborNode | None
) -> LexborNode | None:
    """The smallest element holding both the title and the body (the body's parent
    without a title), unless that is the whole page."""
    if container is None:
        return None
    block: LexborNode | None = container.parent if title_node is None else container
    while block is not None and title_node is not None and not contains(block, title_node):
        block = block.parent
    return None if block is None or block.tag in ("body", "html") else block


def _local_day(found: ParsedDate, in_url: ParsedDate) -> ParsedDate:
    """A publication time a day off the day the URL states is the same moment seen
    from another zone (a UTC timestamp of an evening story): the page's own day is
    the URL's. The time, which belongs to the other zone, is dropped."""
    if len(found.value) <= 10:  # a bare day: no zone to be in
        return found
    stated, day = date.fromisoformat(found.value[:10]), date.fromisoformat(in_url.value)
    if abs((stated - day).days) != 1:
        return found
    return ParsedDate(in_url.value, found.label, found.raw)


def _date_node(page: Page) -> LexborNode | None:
    """The date element named by the seed, else the CMS family's first one outside the
    chrome and the lists of other stories (a family's "span.date" is theirs too)."""
    selectors = candidates(page, "published", "date")
    if page.selectors.get("published"):
        return first_node(page, selectors)
    root = page.tree.body
    verdicts: dict[int, bool] = {}
    for selector in selectors:
        for node in page.tree.css(selector):
            if clean_line(node.text()) and root is not None and _walked(node, root, verdicts):
                return node
    return None


def _structured_dates(page: Page) -> list[ParsedDate]:
    out: list[ParsedDate] = []
    for ld_key, meta_key, label in _STRUCTURED_DATES:
        raw = page.ld.get(ld_key) or page.meta.get(meta_key)
        value = iso_from_structured(raw) if isinstance(raw, str) else None
        if value and isinstance(raw, str):
            out.append(ParsedDate(value, label, raw))
    return out if any(d.label == "published" for d in out) else []


def _declared_date(page: Page) -> list[ParsedDate]:
    """The publication date under another name: any JSON-LD object, Dublin Core, ..."""
    raws = [obj.get("datePublished") for obj in page.ld_all]
    raws += [page.meta.get(key) for key in _DATE_META]
    for raw in raws:
        value = iso_from_structured(raw) if isinstance(raw, str) else None
        if value and isinstance(raw, str):
            return [ParsedDate(value, "published", raw)]
    return []


def _time_element(page: Page) -> list[ParsedDate]:
    """The first machine-readable `<time datetime>` outside the page chrome and side
    lists; else, as a last resort, the first one anywhere outside `<footer>`, `<nav>`,
    `<aside>` and side lists (an article's block named "footer" dates it, as on
    ahlen.de)."""
    for selector in _TIME_SELECTORS:
        for node in page.tree.css(selector):
            raw = node.attributes.get("datetime") or ""
            value = iso_from_structured(raw)
            if value and not in_chrome(node) and not in_side_widget(node):
                return [ParsedDate(value, "published", raw.strip())]
    for node in page.tree.css(_TIME_SELECTORS[-1]):
        raw = node.attributes.get("datetime") or ""
        value = iso_from_structured(raw)
        if value and not under_tags(node, PAGE_CHROME_TAGS) and not in_side_widget(node):
            return [ParsedDate(value, "published", raw.strip())]
    return []


def in_side_widget(node: LexborNode) -> bool:
    """An ancestor is a sidebar, a box of other or related stories, or comments."""
    current = node.parent
    while current is not None and current.tag not in ("body", "html"):
        if _is_side_widget(current):
            return True
        current = current.parent
    return False


def _lines_near_title(
    page: Page,
    title_node: LexborNode | None,
    container: LexborNode | None,
    walk: _DigitTexts | None = None,
) -> list[str]:
    """Short text lines holding a year, ordered by distance from the title (`walk`:
    `_near_title_texts` of the same page, title and container, when made already).

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
    texts, title_seen = walk or _near_title_texts(root, title_node, container)
    for node, text, past_title in texts:
        if not _may_date(text) or not _walked(node, root, verdicts):
            continue
        line = _line_of(node, seen, lines)
        if line is not None and len(line) <= DATE_LINE_CHARS:
            found.append((past_title, line))
    if title_node is None or not title_seen or not _walked(title_node, root, verdicts):
        return [line for _, line in found]  # no title to measure from: document order
    after = [line for is_after, line in found if is_after]
    before = [line for is_after, line in found if not is_after]
    if before and after:  # rare: a line on each side of the title
        return _lines_by_distance(root, title_node, skip)
    return after or before[::-1]  # the nearest first either way


def _lines_by_distance(root: LexborNode, title_node: LexborNode, skip: int | None) -> list[str]:
    """`_lines_near_title` by the full walk, each line ranked by its distance in nodes
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
        if not _may_date(text):
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


def _walked(node: LexborNode, root: LexborNode, verdicts: dict[int, bool]) -> bool:
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
    (the headers `_walked` lets through are walked: an article's own, a date's);
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


# The text nodes a walk found, each with its text and whether the title came before
# it; and whether the walk met the title (see `_digit_texts`).
_DigitTexts = tuple[list[tuple[LexborNode, str, bool]], bool]


def _near_title_texts(
    root: LexborNode, title_node: LexborNode | None, container: LexborNode | None
) -> _DigitTexts:
    """`_digit_texts` of the page's body, outside the body's container unless the
    title sits in it."""
    skip = container if _skipped(container, title_node) is not None else None
    return _digit_texts(root, skip, title_node)


def _digit_texts(
    root: LexborNode, skip: LexborNode | None, title: LexborNode | None
) -> _DigitTexts:
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


# --- category, summary, language -----------------------------------------------------


def category(page: Page, title: str | None) -> str | None:
    """The section: the last crumb of a breadcrumb that is a section, else the
    declared section, else the menu's news entry."""
    for selector in candidates(page, "category"):
        for node in page.tree.css(selector):
            name = _last_crumb(page, node, title)
            if name:
                return name
    for node in _trails(page):
        name = _last_crumb(page, node, title)
        if name:
            return name
    declared = ld_text(page, "articleSection") or page.meta.get("article:section")
    return declared or _news_section(page)


def _trails(page: Page) -> Iterator[LexborNode]:
    """Breadcrumbs by name or markup (outermost first, in page order), then "div.cat-title"
    headings, then trails known by their shape alone: a row of links from the home
    page, and nothing else (a first <h1> written as the trail, say). One query finds
    the three kinds (each query walks the whole tree); Python sorts them out."""
    named, headings, homes = [], [], []
    for node in page.tree.css(_TRAIL_QUERY):
        if node.tag == "a" and not is_breadcrumb(node):
            homes.append(node)
        elif is_breadcrumb(node):
            named.append(node)
        elif node.tag == "div" and "cat-title" in (node.attributes.get("class") or ""):
            headings.append(node)
    yield from named
    yield from headings
    for home in homes:
        trail = _trail_of(home)
        if trail is not None:
            yield trail


def _trail_of(home: LexborNode) -> LexborNode | None:
    """The block a link home opens, when that block is a trail: 2 to 6 links, the
    home link first, between them only separators (and a "Bạn đang ở:" label)."""
    if not folds_to_start(clean_line(home.text()), _HOME_WORDS):
        return None
    block = home.parent
    while block is not None and block.tag not in _TRAIL_BLOCKS:
        block = block.parent
    if block is not None and block.tag == "li":
        block = block.parent
    if block is None or block.tag in ("body", "html") or in_chrome(block):
        return None
    links = block.css("a")
    if not 2 <= len(links) <= TRAIL_LINKS or links[0].mem_id != home.mem_id:
        return None
    # Between the links only separators; after the last, maybe the article's own
    # crumb, which is no link.
    glue, _, leaf = clean_line(block.text()).rpartition(clean_line(links[-1].text()))
    for link in links[:-1]:
        glue = glue.replace(clean_line(link.text()), "", 1)
    trail = not _TRAIL_LABEL.sub("", glue).strip(_TRAIL_GLUE) and len(leaf) <= LEAF_CHARS
    return block if trail else None


def _news_section(page: Page) -> str | None:
    """Last resort for pages with no breadcrumb: the top menu's news section.

    Provincial portals have one "Tin tức ..." entry in their main menu and file
    every article without a breadcrumb under it; a guess, so it comes last.
    """
    # Lexbor keeps to the links that hold "tin" at all (any case), sparing Python
    # the text of every other menu link; the fold below decides.
    for a in page.tree.css(_NEWS_LINKS):
        text = clean_line(a.text())
        if folds_to_start(text, ("tin tuc",)) and in_chrome(a):
            return text
    return None


def _last_crumb(page: Page, node: LexborNode, title: str | None) -> str | None:
    """The last crumb of a trail that names a section: not the home page, not the
    article (its title, whole or cut, or a "Chi tiết" label), not a separator."""
    items = node.css("li") or node.css("a") or [node]
    for item in reversed(items):
        text = clean_line(item.text())
        if text and not _not_section(text, title):
            return text
    return None


def _not_section(text: str, title: str | None) -> bool:
    folded = " ".join(fold(text).strip(_TRAIL_GLUE).split())
    if not folded or folded in _NOT_SECTIONS:
        return True
    if title is None:
        return False
    if text == title:
        return True
    cut = text.rstrip(".… ").strip()  # "Hội nghị Ban Chấp hành Đảng..." cuts the title
    return text != cut and len(cut) >= CUT_TITLE and title.startswith(cut)


def summary(page: Page, lead: str | None = None) -> str | None:
    """The lead (sapo) shown on the page (by selector, else the bold paragraph that
    opens the body, `lead`), else the declared description."""
    selectors = (*candidates(page, "summary"), *present(page, _SAPOS))
    for selector in selectors:
        node = page.tree.css_first(selector)
        if node is not None and not _in_list(node):
            text = clean_line(node.text())
            if text:
                return text
    if lead:
        return lead
    declared = (
        ld_text(page, "description")
        or page.meta.get("description")
        or page.meta.get("og:description")
    )
    return _unescaped(declared) if declared else None


def _unescaped(text: str) -> str:
    """Text with character references left in by a CMS that escaped it twice or three
    times ("K&amp;uuml;hlturm"): a description is text, never markup."""
    for _ in range(3):
        if not _ENTITY.search(text):
            break
        text = unescape(text)
    return text


def _in_list(node: LexborNode) -> bool:
    # Listing items carry their own sapo; those are not the page's summary.
    parent = node.parent
    return parent is not None and bool(LIST_ITEM_NAMES.search(class_id(parent)))


def language(page: Page, text: str) -> str | None:
    """ "vi" for a Vietnamese page (declared, or Vietnamese letters in text), else <html lang>."""
    html = page.tree.root  # the <html> element, without a query for it
    lang = (html.attributes.get("lang") or "").strip() if html is not None else ""
    if lang.lower().startswith("vi") or (not text.isascii() and _VN_LETTERS.search(text)):
        return "vi"
    return lang or None


def canonical(page: Page) -> str | None:
    """The page's `<link rel="canonical">`, made absolute, if it has one."""
    href = page.canonical
    return absolute(page.base, href) if href else None
