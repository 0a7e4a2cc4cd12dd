"""The extraction cascade: structured data, then CMS-family rules, then content scoring.

One parse per page; every field looks first at seed selectors, then at
JSON-LD/OpenGraph, then at the detected CMS family, then at generic heuristics.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver import discover
from archiver.extract.bylines import byline_from_text, clean_author
from archiver.extract.cms import CmsFamily, detect_family
from archiver.extract.dates import ParsedDate, find_vn_dates, iso_from_structured
from archiver.model import Attachment, Image, Links, PageKind, Record
from archiver.normalize import clean_block, clean_line, fold

_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "form", "nav", "button", "select", "input", "textarea",
     "svg", "header", "footer", "aside", "iframe", "object", "template", "head", "title"}
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
     "table", "tr", "td", "th", "tbody", "thead", "blockquote", "figure", "figcaption", "pre",
     "dl", "dt", "dd", "main", "center", "hr", "address"}
)  # fmt: skip
# Inline formatting never wraps a widget: no need to read its class.
_PLAIN_TAGS = frozenset({"strong", "b", "em", "i", "u", "sup", "sub", "br", "img", "font", "a"})
# Widgets inside or right after an article body, by class/id.
_WIDGET = re.compile(
    r"comment|binh-?luan|y-?kien|share|social|tool-?bar|toolbar|print|related|other-?news"
    r"|tin-?khac|lien-?quan|(?:^|[\s_-])ads?(?:$|[\s_-])|quang-?cao|advert|rating|poll|tags?(?:$|\s)"
    r"|breadcrumb|pager|paging|pagination|sapo|summary|date-?view|view-content-author",
    re.IGNORECASE,
)
# A heading with one of these texts starts the page furniture after the article.
_STOP_HEADINGS = tuple(
    fold(t)
    for t in (
        "Các ý kiến của bạn đọc", "Ý kiến bạn đọc", "Gửi ý kiến", "Bình luận", "Tin liên quan",
        "Tin đã đưa", "Các tin khác", "Tin khác", "Other News", "Tin cùng chuyên mục",
        "Bài viết liên quan", "Các tin đã đưa", "Xem thêm",
    )
)  # fmt: skip
_JUNK_LINES = frozenset(
    fold(t)
    for t in (
        "Quảng cáo", "Không có quảng cáo", "Bản in", "Gửi email", "Lên top", "Xem tiếp »",
        "Mặc định Cỡ chữ", "In bài viết", "Chia sẻ", "Quay lại", "Đầu trang", "Bản in Gửi email",
    )
)  # fmt: skip
_TOOLBAR = re.compile(r"^(?:\s*(?:bản in|gửi email|lên top|in trang|quay lại)\s*\|?)+$", re.I)
_VIEWS = re.compile(
    r"(?:số\s*lần\s*xem|lượt\s*xem|số\s*lượt\s*xem|lượt\s*đọc|view\s*count|views?)\s*:?\s*"
    r"(\d{1,3}(?:[.,]\d{3})+|\d+)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\d{4}")
_VN_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
_ONCLICK_URL = re.compile(r"""open\(\s*['"]([^'"]+)['"]""")
_NOT_FOUND = "khong tim thay"
_MIN_BODY_CHARS = 300
_LISTING_LINKS = 5
_SHORT = 60  # furniture lines (headings, toolbars) are never longer
_MAX_LINE = 160  # longer text is a paragraph, not a date or view-count line


@dataclass
class Para:
    """One paragraph of body text, with the typography that classifies it."""

    text: str
    italic: bool = False
    strong: bool = False
    right: bool = False
    caption: bool = False
    table: int | None = None
    has_file_link: bool = False


@dataclass
class Img:
    url: str
    table: int | None = None
    caption: str | None = None


@dataclass
class _Walk:
    base: str
    items: list[Para | Img] = field(default_factory=list)
    parts: list[tuple[str, bool, bool]] = field(default_factory=list)
    italic: int = 0
    strong: int = 0
    caption: int = 0
    right: list[bool] = field(default_factory=lambda: [False])
    tables: list[int] = field(default_factory=list)
    file_link: bool = False

    def flush(self) -> None:
        text = clean_line("".join(t for t, _, _ in self.parts))
        if text:
            shown = [(i, b) for t, i, b in self.parts if t.strip()]
            self.items.append(
                Para(
                    text,
                    italic=all(i for i, _ in shown),
                    strong=all(b for _, b in shown),
                    right=self.right[-1],
                    caption=self.caption > 0,
                    table=self.tables[-1] if self.tables else None,
                    has_file_link=self.file_link,
                )
            )
        self.parts.clear()
        self.file_link = False


@dataclass
class Page:
    """What the cascade knows about one parsed page."""

    tree: LexborHTMLParser
    url: str
    base: str
    selectors: Mapping[str, str]
    family: CmsFamily | None
    ld: dict[str, Any]
    meta: dict[str, str]


def extract(html: str, url: str, selectors: Mapping[str, str] | None = None) -> Record:
    """Parse one page into a Record (may raise on pathological input; see parse_page)."""
    tree = LexborHTMLParser(html, scripting=True)
    page = Page(
        tree=tree,
        url=url,
        base=discover.base_url(tree, url),
        selectors=selectors or {},
        family=detect_family(tree),
        ld=_json_ld(tree),
        meta=_meta(tree),
    )
    links = discover.find_links(tree, url, page.selectors, family=page.family)
    return _record(page, links)


def _record(page: Page, links: Links) -> Record:
    title_node = _title_node(page)
    title = _title(page, title_node)
    container = _body_container(page, links)
    items = _walk(container, page.base) if container is not None else []
    paras = _clean_paras(items, title)
    author, paras = _author(page, paras)
    images = _images(items)
    body = clean_block("\n\n".join(p.text for p in paras)) or None
    dates, view_count = _meta_line(page, title_node, container)
    kind = _kind(page, title_node is not None, title, body, paras, links)
    if kind == "listing":  # the dates and counts on a listing belong to its items
        dates, view_count = [], None
    return Record(
        url=page.url,
        kind=kind,
        title=title,
        published=_first(dates, "published"),
        updated=_first(dates, "updated"),
        author=author if kind == "article" else None,
        category=_category(page, title),
        view_count=view_count,
        summary=_summary(page, container) if kind != "listing" else None,
        body=body if kind == "article" else None,
        images=images if kind == "article" else (),
        attachments=_attachments(page, title_node, container) if kind == "article" else (),
        links=links,
        language=_language(page, body or title or ""),
        date_raw=dates[0].raw if dates else None,
    )


# --- structured data ---------------------------------------------------------------


def _json_ld(tree: LexborHTMLParser) -> dict[str, Any]:
    """The first JSON-LD object that describes an article, flattened from @graph."""
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text() or "null")
        except ValueError:
            continue
        for obj in _ld_objects(data):
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                return obj
    return {}


def _ld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _ld_objects(data.get("@graph"))


def _meta(tree: LexborHTMLParser) -> dict[str, str]:
    out: dict[str, str] = {}
    for node in tree.css("meta[content]"):
        key = node.attributes.get("property") or node.attributes.get("name") or ""
        value = node.attributes.get("content") or ""
        if key and value.strip():
            out.setdefault(key.lower(), clean_line(value))
    return out


def _ld_text(page: Page, key: str) -> str | None:
    value = page.ld.get(key)
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list) and value:
        value = value[0].get("name") if isinstance(value[0], dict) else value[0]
    return clean_line(value) or None if isinstance(value, str) else None


# --- selectors -----------------------------------------------------------------------


def _candidates(page: Page, key: str, family_key: str | None = None) -> tuple[str, ...]:
    own = page.selectors.get(key)
    if own:
        return (own,)
    if page.family is None:
        return ()
    value: tuple[str, ...] = getattr(page.family, family_key or key)
    return value


def _first_node(
    page: Page, selectors: tuple[str, ...], *, skip_chrome: bool = False
) -> LexborNode | None:
    for selector in selectors:
        for node in page.tree.css(selector):
            if clean_line(node.text()) and not (skip_chrome and _in_chrome(node)):
                return node
    return None


# --- title ---------------------------------------------------------------------------


def _title_node(page: Page) -> LexborNode | None:
    node = _first_node(page, _candidates(page, "title"))
    if node is not None:
        return node
    for heading in page.tree.css("h1"):
        if clean_line(heading.text()) and not _in_chrome(heading):
            return heading
    return None


def _title(page: Page, node: LexborNode | None) -> str | None:
    if node is not None and not page.selectors.get("title"):
        headline = _ld_text(page, "headline")
        if headline:
            return headline
    if node is not None:
        return clean_line(node.text()) or None
    fallback = _ld_text(page, "headline") or page.meta.get("og:title")
    if fallback:
        return fallback
    title = page.tree.css_first("title")
    return _strip_site_name(page, clean_line(title.text())) if title is not None else None


def _strip_site_name(page: Page, text: str) -> str | None:
    """`<title>` without its trailing " - <site name>" (a long tail, or og:site_name)."""
    head, sep, tail = text.rpartition(" - ") if " - " in text else text.rpartition(" | ")
    if sep and (tail == page.meta.get("og:site_name") or len(tail.split()) >= 4):
        return head or None
    return text or None


def _in_chrome(node: LexborNode) -> bool:
    current: LexborNode | None = node
    while current is not None and current.tag not in ("body", "html"):
        if discover.is_chrome(current):
            return True
        current = current.parent
    return False


# --- body ----------------------------------------------------------------------------


def _body_container(page: Page, links: Links) -> LexborNode | None:
    for selector in _candidates(page, "body"):
        matches = page.tree.css(selector)
        if matches:
            best = max(matches, key=_text_score) if len(matches) > 1 else matches[0]
            if _text_score(best) > 0 or page.selectors.get("body"):
                return best
    scored = _scored_container(page)
    if scored is None or _is_list_container(scored, links):
        return None
    return scored


def _text_score(node: LexborNode) -> float:
    text = len(clean_line(node.text()))
    linked = sum(len(clean_line(a.text())) for a in node.css("a"))
    return text - 2 * linked


def _scored_container(page: Page) -> LexborNode | None:
    """The element whose paragraphs hold the most non-link text (readability-style)."""
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    for p in page.tree.css("p, div > br, td > br"):
        holder = p if p.tag == "p" else p.parent
        if holder is None or holder.parent is None:
            continue
        text = len(clean_line(holder.text(deep=False) if p.tag == "br" else holder.text()))
        if text < 25:
            continue
        for weight, node in ((1.0, holder.parent), (0.5, holder.parent.parent)):
            if node is not None and node.tag not in ("html", "body"):
                nodes[node.mem_id] = node
                scores[node.mem_id] = scores.get(node.mem_id, 0.0) + weight * min(text, 600)
    ranked = sorted(scores, key=lambda k: scores[k], reverse=True)
    for key in ranked[:5]:
        node = nodes[key]
        if not _in_chrome(node) and _link_density(node) < 0.5:
            return node
    return None


def _link_density(node: LexborNode) -> float:
    text = len(clean_line(node.text())) or 1
    return sum(len(clean_line(a.text())) for a in node.css("a")) / text


def _is_list_container(node: LexborNode, links: Links) -> bool:
    wanted = set(links.articles)
    inside = {a.attributes.get("href") for a in node.css("a[href]")}
    hits = sum(1 for href in inside if href and any(u.endswith(href) for u in wanted))
    return hits >= 3


def _walk(root: LexborNode, base: str) -> list[Para | Img]:
    """Body text as paragraphs and images, in reading order; widgets skipped."""
    walk = _Walk(base)
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            _leave(walk, node)
        elif node.tag == "-text":
            walk.parts.append((node.text_content or "", walk.italic > 0, walk.strong > 0))
        elif node.tag and not node.tag.startswith("-") and _enter(walk, node, node is root):
            stack.append((node, True))
            stack.extend((c, False) for c in reversed(list(node.iter(include_text=True))))
    walk.flush()
    return walk.items


def _enter(walk: _Walk, node: LexborNode, is_root: bool) -> bool:
    """Open an element; False when its subtree is not body text."""
    tag = node.tag or ""
    if tag in _SKIP_TAGS:
        return False
    if not is_root and tag not in _PLAIN_TAGS and _WIDGET.search(discover._class_id(node)):
        return False
    if tag in ("img", "br"):
        walk.flush()
        if tag == "img":
            _add_image(walk, node)
        return False
    if tag in _BLOCK_TAGS:
        walk.flush()
        walk.right.append(_aligned(node) or walk.right[-1])
        walk.caption += tag == "figcaption"
        if tag == "table":
            walk.tables.append(node.mem_id)
    walk.italic += tag in ("em", "i")
    walk.strong += tag in ("strong", "b")
    if tag == "a" and any(discover.is_file_url(urljoin(walk.base, r)) for r in _file_refs(node)):
        walk.file_link = True
    return True


def _leave(walk: _Walk, node: LexborNode) -> None:
    tag = node.tag or ""
    walk.italic -= tag in ("em", "i")
    walk.strong -= tag in ("strong", "b")
    if tag in _BLOCK_TAGS:
        walk.flush()
        walk.right.pop()
        walk.caption -= tag == "figcaption"
        if tag == "table":
            walk.tables.pop()


def _aligned(node: LexborNode) -> bool:
    style = (node.attributes.get("style") or "").replace(" ", "").lower()
    align = (node.attributes.get("align") or "").lower()
    return "text-align:right" in style or align == "right"


def _add_image(walk: _Walk, node: LexborNode) -> None:
    src = node.attributes.get("src") or node.attributes.get("data-src") or ""
    if src.strip() and not src.startswith("data:"):
        table = walk.tables[-1] if walk.tables else None
        walk.items.append(Img(urljoin(walk.base, src.strip()), table))


def _clean_paras(items: list[Para | Img], title: str | None) -> list[Para]:
    """Body paragraphs: furniture dropped, captions given to their images."""
    out: list[Para] = []
    pending: Img | None = None
    for item in items:
        if isinstance(item, Img):
            pending = item
            continue
        folded = fold(item.text) if len(item.text) < _SHORT else ""  # fold is slow on long text
        if folded.startswith(_STOP_HEADINGS):
            break
        if pending is not None and _is_caption(item, pending):
            pending.caption = item.text
            pending = None
            continue
        pending = None
        if not _is_junk(item, folded, title):
            out.append(item)
    return out


def _is_caption(para: Para, image: Img) -> bool:
    if len(para.text) > 300:
        return False
    same_cell_table = image.table is not None and para.table == image.table
    return para.caption or para.italic or same_cell_table or fold(para.text).startswith("anh:")


def _is_junk(para: Para, folded: str, title: str | None) -> bool:
    if folded in _JUNK_LINES or _TOOLBAR.match(para.text) or para.text == title:
        return True
    if para.has_file_link and len(para.text) < 120:
        return True  # "Tập tin đính kèm: Tải file tại đây" belongs in attachments
    return len(para.text) < 120 and bool(_VIEWS.search(para.text))


def _images(items: list[Para | Img]) -> tuple[Image, ...]:
    seen: dict[str, Image] = {}
    for item in items:
        if isinstance(item, Img) and item.url not in seen:
            seen[item.url] = Image(item.url, item.caption)
    return tuple(seen.values())


# --- author --------------------------------------------------------------------------


def _author(page: Page, paras: list[Para]) -> tuple[str | None, list[Para]]:
    """The author, and the body without its byline paragraph."""
    if paras:
        last = paras[-1]
        name = byline_from_text(last.text, emphasized=last.strong or last.right)
        if name is not None or _is_placeholder_line(last.text):
            return name, paras[:-1]
    node = _first_node(page, _candidates(page, "author"))
    if node is not None:
        return clean_author(node.text()), paras
    return clean_author(_ld_text(page, "author") or page.meta.get("author")), paras


def _is_placeholder_line(text: str) -> bool:
    from archiver.extract.bylines import is_placeholder

    return is_placeholder(text)


# --- dates and view count ------------------------------------------------------------


def _meta_line(
    page: Page, title_node: LexborNode | None, container: LexborNode | None
) -> tuple[list[ParsedDate], int | None]:
    """Dates and view count from the line nearest the title (never the header clock)."""
    node = _first_node(page, _candidates(page, "published", "date"), skip_chrome=True)
    lines = [clean_line(node.text())] if node is not None else []
    lines += _lines_near_title(page, title_node, container)
    dates = _structured_dates(page)
    views: int | None = None
    for line in lines:
        if not dates:
            dates = find_vn_dates(line)
        if views is None and (match := _VIEWS.search(line)):
            views = int(re.sub(r"[.,]", "", match.group(1)))
    return dates, views


def _structured_dates(page: Page) -> list[ParsedDate]:
    out: list[ParsedDate] = []
    pairs = (
        ("datePublished", "article:published_time", "published"),
        ("dateModified", "article:modified_time", "updated"),
    )
    for ld_key, meta_key, label in pairs:
        raw = page.ld.get(ld_key) or page.meta.get(meta_key)
        value = iso_from_structured(raw) if isinstance(raw, str) else None
        if value and isinstance(raw, str) and label in ("published", "updated"):
            out.append(ParsedDate(value, "published" if label == "published" else "updated", raw))
    return out if any(d.label == "published" for d in out) else []


def _lines_near_title(
    page: Page, title_node: LexborNode | None, container: LexborNode | None
) -> list[str]:
    """Short text lines holding a year, ordered by distance from the title."""
    root = page.tree.body
    if root is None:
        return []
    title_id = title_node.mem_id if title_node is not None else None
    body_id = container.mem_id if container is not None else None
    found: list[tuple[int, str]] = []
    title_at: int | None = None
    seen: set[int] = set()
    skip = body_id if container is not None and not _contains(container, title_node) else None
    for order, node in enumerate(_meta_walk(root, skip)):
        if node.mem_id == title_id:
            title_at = order
            continue
        text = node.text_content or ""
        if not (_YEAR.search(text) or _VIEWS.search(text)):
            continue
        line = _line_of(node, seen)
        if line is not None and len(line) <= _MAX_LINE:
            found.append((order, line))
    if title_at is None:
        return [line for _, line in found]
    anchor = title_at
    return [
        line
        for _, line in sorted(found, key=lambda f: abs(f[0] - anchor) * (1 if f[0] > anchor else 3))
    ]


def _contains(outer: LexborNode, inner: LexborNode | None) -> bool:
    node = inner
    while node is not None:
        if node.mem_id == outer.mem_id:
            return True
        node = node.parent
    return False


def _meta_walk(root: LexborNode, skip: int | None) -> Iterator[LexborNode]:
    """Elements and text nodes in document order, outside chrome, links, widgets, `skip`."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.mem_id == skip:
            yield node  # keeps its place in the order; its text is the body's
            continue
        tag = node.tag or ""
        if tag == "-text":
            yield node
            continue
        if tag.startswith("-") or (tag in _SKIP_TAGS and tag != "form") or tag == "a":
            continue
        if node is not root and (discover.is_chrome(node) or _is_side_widget(node)):
            continue
        yield node
        stack.extend(reversed(list(node.iter(include_text=True))))


def _is_side_widget(node: LexborNode) -> bool:
    return bool(
        re.search(
            r"other|related|lien-?quan|tin-?khac|comment|sidebar|right-col",
            discover._class_id(node),
            re.I,
        )
    )


def _line_of(text_node: LexborNode, seen: set[int]) -> str | None:
    """The text of the nearest block around a text node (once per block).

    When that block is long (a whole article), the text node's own element.
    """
    parent = text_node.parent
    node = parent
    while node is not None and node.tag not in _BLOCK_TAGS and node.tag not in ("body", "html"):
        node = node.parent
    if node is None or parent is None:
        return None
    line = clean_line(node.text())
    if len(line) > _MAX_LINE:
        node, line = parent, clean_line(parent.text())
    if node.mem_id in seen:
        return None
    seen.add(node.mem_id)
    return line


def _first(dates: list[ParsedDate], label: str) -> str | None:
    return next((d.value for d in dates if d.label == label), None)


# --- category, summary, attachments, language, kind -----------------------------------


def _category(page: Page, title: str | None) -> str | None:
    for selector in (
        *_candidates(page, "category"),
        ".breadcrumb",
        ".breadcrumbs",
        "div.cat-title",
    ):
        for node in page.tree.css(selector):
            name = _last_crumb(node, title)
            if name:
                return name
    declared = _ld_text(page, "articleSection") or page.meta.get("article:section")
    return declared or _news_section(page)


def _news_section(page: Page) -> str | None:
    """Last resort for pages with no breadcrumb: the top menu's news section.

    Provincial portals have one "Tin tức ..." entry in their main menu and file
    every article without a breadcrumb under it; a guess, so it comes last.
    """
    for a in page.tree.css("ul a, nav a"):
        text = clean_line(a.text())
        if fold(text).startswith("tin tuc") and _in_chrome(a):
            return text
    return None


def _last_crumb(node: LexborNode, title: str | None) -> str | None:
    items = node.css("li") or node.css("a") or [node]
    texts = [clean_line(i.text()) for i in items]
    texts = [t for t in texts if t and t != title and t not in ("»", ">", "/")]
    return texts[-1] if texts else None


def _summary(page: Page, container: LexborNode | None) -> str | None:
    selectors = (*_candidates(page, "summary"), "div.sapo", ".asset-summary", "h2.sapo", "p.sapo")
    for selector in selectors:
        node = page.tree.css_first(selector)
        if node is not None and not _in_list(node):
            text = clean_line(node.text())
            if text:
                return text
    return (
        _ld_text(page, "description")
        or page.meta.get("description")
        or page.meta.get("og:description")
    )


def _in_list(node: LexborNode) -> bool:
    # Listing items carry their own sapo; those are not the page's summary.
    parent = node.parent
    return parent is not None and bool(re.search(r"item|list", discover._class_id(parent), re.I))


def _attachments(
    page: Page, title_node: LexborNode | None, container: LexborNode | None
) -> tuple[Attachment, ...]:
    scope = container.parent if container is not None and container.parent is not None else None
    if scope is None:
        return ()
    found: dict[str, Attachment] = {}
    for node in scope.css("a[href], a[onclick], iframe[src], embed[src], object[data]"):
        for raw in _file_refs(node):
            url = urljoin(page.base, raw)
            if discover.is_file_url(url) and url not in found:
                text = clean_line(node.text()) if node.tag == "a" else ""
                found[url] = Attachment(url, text or None)
    return tuple(found.values())


def _file_refs(node: LexborNode) -> list[str]:
    attrs = node.attributes
    refs = [attrs.get(k) or "" for k in ("href", "src", "data")]
    refs += _ONCLICK_URL.findall(attrs.get("onclick") or "")
    return [r.strip() for r in refs if r and r.strip()]


def _language(page: Page, text: str) -> str | None:
    html = page.tree.css_first("html")
    lang = (html.attributes.get("lang") or "").strip() if html is not None else ""
    if lang.lower().startswith("vi") or _VN_LETTERS.search(text):
        return "vi"
    return lang or None


def _kind(
    page: Page, headed: bool, title: str | None, body: str | None, paras: list[Para], links: Links
) -> PageKind:
    # A listing page's <title> and a long side text (an introduction, a notice) look like
    # an article; a real article shows its title as a heading or declares itself.
    declared = bool(page.ld) or page.meta.get("og:type") == "article"
    real = body is not None and (len(paras) >= 2 or len(body) >= _MIN_BODY_CHARS)
    missing = title is not None and _NOT_FOUND in fold(title) and len(body or "") < 500
    if title and real and (headed or declared) and not missing:
        return "article"
    if len(links.articles) >= _LISTING_LINKS:
        return "listing"
    return "other"
