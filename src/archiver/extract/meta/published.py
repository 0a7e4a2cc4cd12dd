"""A page's dates and view count: what its metadata declares, else the line nearest
its title (never the header clock), its `<time>`, its address, the last search."""

from __future__ import annotations

import re
from datetime import date

from selectolax.lexbor import LexborNode

from archiver.extract.anywhere import dates_anywhere
from archiver.extract.chrome import (
    in_chrome,
    under_tags,
)
from archiver.extract.dates import (
    DateLabel,
    ParsedDate,
    date_in_url,
    find_vn_dates,
    iso_from_structured,
)
from archiver.extract.meta.datelines import (
    in_side_widget,
    lines_near_title,
    may_show_count,
    near_title_texts,
    walked,
)
from archiver.extract.page import (
    VIEWS,
    Page,
    candidates,
    contains,
    first_node,
    may_count_views,
)
from archiver.extract.vocabulary import (
    PAGE_CHROME_TAGS,
)
from archiver.normalize import clean_line

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
_STRUCTURED_DATES: tuple[tuple[str, str, DateLabel], ...] = (
    ("datePublished", "article:published_time", "published"),
    ("dateModified", "article:modified_time", "updated"),
)


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
    return _date_node_line(page) + body_lines + lines_near_title(page, title_node, container)


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
    walk = near_title_texts(root, title_node, container)
    if not any(VIEWS.search(line) for line in shown) and not may_show_count(walk):
        return None  # no line could name a count: `_view_count` would find none
    if not may_count_views(root.text()):
        return None
    lines = shown + lines_near_title(page, title_node, container, walk)
    return _view_count(lines, title_node, container)


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
            if clean_line(node.text()) and root is not None and walked(node, root, verdicts):
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
