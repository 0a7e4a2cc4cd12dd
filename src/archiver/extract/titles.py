"""The title, chosen by agreement rather than by tag.

Candidates are the page's `<h1>`s, and when none of them agrees with what the page
declares, its other headings and heading-like styled elements ("news-title",
"title-detail", `itemprop=headline`). What the page declares is the JSON-LD
headline, `og:title`, `twitter:title` and `<title>`, whole and cut at its
separators ("Site - Title", "Title | Site"). The candidate that agrees best wins;
a site name, in front or behind, is never the title, and neither is a breadcrumb
heading (a heading made of several links) nor one in the page's chrome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborNode, SelectolaxError

from archiver.extract.body import first_prose
from archiver.extract.chrome import class_id, in_breadcrumb, in_chrome
from archiver.extract.dates import find_vn_dates
from archiver.extract.meta import in_side_widget
from archiver.extract.page import Page, candidates, contains, first_node, gather, ld_text
from archiver.extract.vocabulary import (
    AGREEING_CHARS,
    AGREEMENT_RATIOS,
    ASIDE_HEADINGS,
    LEAD_NAMED,
    NOT_TITLE_NAMES,
    PROSE_LINE,
    TITLE_LINE_CHARS,
    TITLE_LINE_SCOPE,
    TITLE_MAX_CHARS,
    TITLE_MIN_CHARS,
    TITLE_NAMED,
    TITLE_PROBE,
)
from archiver.normalize import clean_line, fold

# "Site - Title", "Title | Site", "Title « Site", "Site :: Title"
_SEPARATOR = re.compile(r"(\s+(?:[-–—|/•·»«]|::)\s+|\s*[|»«]\s*)")
# Elements that may show the title when no <h1> agrees with the declared one.
_TITLE_LIKE = (
    "h2, h3, [class*=title i], [class*=headline i], [class*=tieu i], [class*=heading i], "
    "td > strong, td > b"
)
# How a site's name starts ("Cổng thông tin điện tử tỉnh ..."); a story's title may
# start with "UBND tỉnh" or "Sở ...", so those say nothing.
_SITE_STARTS = (
    "cong thong tin", "cong ttdt", "trang thong tin dien tu", "trang tin dien tu",
    "bao dien tu", "website ", "portal ",
)  # fmt: skip
# A segment naming a host: "baohaugiang.com.vn", "Spiegel.de"
_HOSTLIKE = re.compile(r"\w\.(?:vn|com|net|org|info|gov|de|fr|uk|it|es|pl|at|ch)\b")
# A breadcrumb written as text: "Trang chủ > Tin tức", "Home » News"
_CRUMB_START = ("trang chu ", "trang chu>", "home ", "home>")
_CRUMB_MARKS = (" > ", " » ", " >> ", " / ")
# Box headings around a story, never its title: discovery's lists of other stories,
# and the boxes of a portal's sidebar and tools.
_FURNITURE = ASIDE_HEADINGS | frozenset(
    fold(t)
    for t in (
        "Other News", "Xem thêm", "Tin nổi bật", "Liên kết website", "Bình luận",
        "Ý kiến bạn đọc", "Giới thiệu", "Thống kê truy cập", "Thăm dò ý kiến", "Bản in",
        "Related", "Comments",
    )
)  # fmt: skip
# Typography that differs between a page's <title> or og:title and its heading:
# "d'intérêts" beside "d’intérêts", « » beside " ", dashes, no-break spaces.
_TYPOGRAPHY = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
     "–": "-", "—": "-", "\u00a0": " "}
)  # fmt: skip
_TAG_RANK = {"h1": 3, "h2": 2}


@dataclass(frozen=True)
class Title:
    node: LexborNode | None  # the element showing the title, when one was found
    text: str | None
    # The element is the title by the page's own word (it agrees with the declared
    # title, or a selector names it, or it is an <h1>), not only by where it stands.
    confirmed: bool = True


def find(page: Page) -> Title:
    """The page's title element and text."""
    selectors = candidates(page, "title")
    if page.selectors.get("title"):  # the seed's own selector is the user's word
        node = first_node(page, selectors)
        if node is not None:
            return Title(node, clean_line(node.text()) or None)
    declared = _Declared.of(page)
    if selectors and not page.selectors.get("title"):
        # The CMS family's title elements: theirs when they agree with the declared
        # title (or nothing is declared); a family's class may also name a box title.
        family = [n for sel in selectors for n in page.tree.css(sel)]
        best = _agreeing(family, declared)
        if best is not None and best[0] >= 2:
            return Title(best[3], ld_text(page, "headline") or clean_line(best[3].text()))
        if not declared.references and not declared.segments:
            node = next((n for n in family if _eligible(n, clean_line(n.text()), declared)), None)
            if node is not None:
                return Title(node, clean_line(node.text()) or None)
    heads = gather(page, "h1")
    best = _agreeing(heads, declared)
    if best is None:  # one query over the whole tree, only when no <h1> will do
        best = _agreeing(page.tree.css(_TITLE_LIKE), declared)
    if best is not None:
        node = best[3]
        return Title(node, ld_text(page, "headline") or clean_line(node.text()) or None)
    # Nothing agrees by tag or class: the declared title (a headline, og:title, or a
    # <title> piece) may be shown whole in an element of no telling name (a plain
    # <div>). Its node is where the date line and the byline are looked for.
    shown = _shown(page, declared)
    if shown is not None:
        return Title(shown, ld_text(page, "headline") or clean_line(shown.text()) or None)
    # A headline or og:title not shown is still the page's word for its title; a
    # <title> is weaker than the heading that opens the prose.
    if declared.stated:
        return Title(None, declared.stated)
    stop = first_prose(page)  # where the prose starts: the dear container search, once
    node = (
        _tag_shown_by_story(page, declared, stop)
        or _heading_of_prose(page, declared, stop)
        or _line_before_prose(page, declared, stop)
    )
    if node is not None:
        return Title(node, clean_line(node.text()) or None, confirmed=node.tag == "h1")
    return Title(None, declared.title_tag)


@dataclass(frozen=True)
class _Declared:
    """What the page says its title is, and what it says its own name is.

    `references` are whole titles (headline, og:title, <title> less the site's name),
    which a shown title may also hold or be held by; `segments` are the pieces of a
    <title>, which count only when said exactly (a piece may be the section's name).
    """

    references: tuple[str, ...]  # folded
    segments: tuple[str, ...]  # folded
    written: tuple[str, ...]  # the references and segments as written
    statements: tuple[str, ...]  # the headline, og:title and twitter:title as written
    stated: str | None  # the first of them
    title_tag: str | None  # <title> less the site's name, as written
    sites: frozenset[str]

    @classmethod
    def of(cls, page: Page) -> _Declared:
        sites = {
            title_key(name)
            for name in (
                page.meta.get("og:site_name"),
                page.meta.get("application-name"),
                _publisher(page),
            )
            if name
        }
        stated = [
            value
            for value in (
                ld_text(page, "headline"),
                page.meta.get("og:title"),
                page.meta.get("twitter:title"),
            )
            if value and title_key(value) not in sites
        ]
        tag = page.tree.css_first("title")
        raw = clean_line(tag.text()) if tag is not None else ""
        pieces = _SEPARATOR.split(raw) if raw else []  # segment, separator, segment...
        segments = [s.strip() for s in pieces[::2] if s.strip()]
        sites |= {title_key(s) for s in segments if _names_a_site(title_key(s), sites)}
        if len(segments) == 1 and not stated and _in_chrome_text(page, segments[0]):
            sites.add(title_key(segments[0]))  # a <title> that the header or footer repeats
        # The <title> less the site's name at either end, separators kept.
        while len(pieces) > 2 and title_key(pieces[0].strip()) in sites:
            pieces = pieces[2:]
        while len(pieces) > 2 and title_key(pieces[-1].strip()) in sites:
            pieces = pieces[:-2]
        core = "".join(pieces).strip()
        if title_key(core) in sites:
            core = ""
        shown = core
        if len(pieces) > 2 and len(pieces[-1].split()) >= 4:
            # Nothing says which piece is the site: shown alone, a long last piece is
            # taken for it ("Title - Site"); to agree with, every piece stays.
            shown = "".join(pieces[:-2]).strip()
        wholes = [title_key(v) for v in (*stated, core) if v]
        kept = [s for s in segments if title_key(s) not in sites]
        return cls(
            references=tuple(dict.fromkeys(wholes)),
            segments=tuple(title_key(s) for s in kept),
            # To find by its text: a <title> of one piece may be the site's slogan, which
            # a banner repeats; a piece of several is a title beside a name (the site's,
            # left out of `kept` when it is known as one).
            written=tuple(dict.fromkeys((*stated, *(kept if len(segments) > 1 else ())))),
            statements=tuple(dict.fromkeys(stated)),
            stated=stated[0] if stated else None,
            title_tag=shown or None,
            sites=frozenset(sites),
        )

    def agreement(self, folded: str) -> int:
        """3 for a title or a piece of <title> said exactly, 2 or 1 for a title that
        holds or is held by it."""
        if folded in self.references or folded in self.segments:
            return 3
        best = 0
        for ref in self.references:
            if min(len(folded), len(ref)) >= AGREEING_CHARS and (folded in ref or ref in folded):
                ratio = min(len(folded), len(ref)) / max(len(folded), len(ref))
                close, loose = AGREEMENT_RATIOS
                best = max(best, 2 if ratio >= close else 1 if ratio >= loose else 0)
        return best

    def is_site(self, folded: str) -> bool:
        return folded in self.sites


def title_key(text: str) -> str:
    """A title as compared: folded, its typography made plain, its spaces single."""
    return " ".join(fold(text.translate(_TYPOGRAPHY)).split())


def _publisher(page: Page) -> str | None:
    value = page.ld.get("publisher")
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else None


def _names_a_site(folded: str, sites: set[str]) -> bool:
    return folded in sites or folded.startswith(_SITE_STARTS) or bool(_HOSTLIKE.search(folded))


def _eligible(node: LexborNode, text: str, declared: _Declared) -> bool:
    """A candidate: a short text, no breadcrumb (several links, or a path), no site
    name, and outside the page's chrome."""
    if not TITLE_MIN_CHARS <= len(text) <= TITLE_MAX_CHARS:
        return False
    folded = title_key(text)
    if folded.startswith(_CRUMB_START) or any(mark in text for mark in _CRUMB_MARKS):
        return False
    if declared.is_site(folded) or folded in _FURNITURE or len(node.css("a")) >= 2:
        return False
    if NOT_TITLE_NAMES.search(class_id(node)):
        return False
    return not in_chrome(node)


def _agreeing(
    nodes: list[LexborNode], declared: _Declared
) -> tuple[int, int, int, LexborNode] | None:
    """The best-agreeing eligible node: (agreement, tag rank, -order, node), or None.
    Agreement is asked first: most candidates have none, and eligibility costs more."""
    if not declared.references and not declared.segments:
        return None
    best: tuple[int, int, int, LexborNode] | None = None
    for order, node in enumerate(nodes):
        text = clean_line(node.text())
        if not TITLE_MIN_CHARS <= len(text) <= TITLE_MAX_CHARS:
            continue
        agreement = declared.agreement(title_key(text))
        if agreement == 0:
            continue
        found = (agreement, _TAG_RANK.get(node.tag or "", 1), -order, node)
        if (best is None or found[:3] > best[:3]) and _eligible(node, text, declared):
            best = found
    return best


def _probe(text: str) -> str:
    """A :lexbor-contains argument: the text's first words, quotes escaped."""
    probe = text[:TITLE_PROBE].rsplit(" ", 1)[0] if len(text) > TITLE_PROBE else text
    return probe.replace("\\", "\\\\").replace('"', '\\"')


def _in_chrome_text(page: Page, text: str) -> bool:
    """Whether the page's header, menu or footer says this text: a site's name."""
    if len(text) < TITLE_MIN_CHARS * 2:
        return False
    # A breadcrumb's last crumb repeats the page's own title, which is no site name.
    return any(in_chrome(n) and not in_breadcrumb(n) for n in _holding(page, text))


def _holding(page: Page, text: str) -> list[LexborNode]:
    """The innermost elements whose text holds the start of this text; none when
    Lexbor cannot read the query a page's odd text makes (a title never costs the page)."""
    try:
        return list(page.tree.css(f'body :lexbor-contains("{_probe(text)}")'))
    except SelectolaxError:
        return []


def _shown(page: Page, declared: _Declared) -> LexborNode | None:
    """The eligible element whose whole text is a declared title, found by its text
    (Lexbor's :lexbor-contains gives the innermost element holding it). A page that
    states its title (headline, og:title) is read for that alone: a piece of its
    <title> may be the site's name, shown in the banner."""
    root = page.tree.body
    wanted = declared.statements or declared.written
    if root is None or not wanted:
        return None
    shown = " ".join(root.text().split())  # one pass in C spares most queries, which walk
    for written in sorted(wanted, key=len, reverse=True):
        if len(written) < TITLE_MIN_CHARS * 2 or written[:TITLE_PROBE] not in shown:
            continue
        folded = title_key(written)
        # Every element holding the text matches, the page's wrappers first: their
        # text is too long to be a title, and is not folded to be compared.
        for node in _holding(page, written):
            text = clean_line(node.text())
            said = len(text) <= TITLE_MAX_CHARS and title_key(text) == folded
            if said and _eligible(node, text, declared):
                return node
    return None


def _heading_of_prose(
    page: Page, declared: _Declared, stop: LexborNode | None
) -> LexborNode | None:
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
                shown = _eligible(node, text, declared) and node.css_first("a") is None
                if shown and not in_side_widget(node):
                    since.append(node)
    heads = gather(page, "h1")
    return next((h for h in heads if _eligible(h, clean_line(h.text()), declared)), None)


_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
# Elements that may show a title with no name to tell it: a line of its own.
_LINE_TAGS = frozenset({"div", "span", "td", "strong", "b", "font"})
_NOT_LINE = frozenset({"a", "div", "p", "br", "ul", "ol", "table", "img", "li"})


def _holds(node: LexborNode, tags: frozenset[str]) -> bool:
    """Whether an element below the node (not the node itself) has one of the tags."""
    return any(inner.tag in tags for inner in node.traverse() if inner.mem_id != node.mem_id)


def _line_before_prose(
    page: Page, declared: _Declared, stop: LexborNode | None
) -> LexborNode | None:
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


def _tag_shown_by_story(
    page: Page, declared: _Declared, stop: LexborNode | None
) -> LexborNode | None:
    """The element in the prose's block that shows the <title> whole, when the
    <title> is one piece: a sidebar box's heading ("Quảng cáo") that comes before the
    story in the page's order is no rival then. (A one-piece <title> shown elsewhere,
    in a banner, may be the site's slogan or a template's placeholder.)"""
    scope = _story_scope(stop, page.tree.body)
    if declared.title_tag is None or scope is None or len(declared.title_tag) < TITLE_MIN_CHARS * 2:
        return None
    folded = title_key(declared.title_tag)
    for node in _holding(page, declared.title_tag):
        if not contains(scope, node):
            continue
        text = clean_line(node.text())
        said = len(text) <= TITLE_MAX_CHARS and title_key(text) == folded
        if said and _eligible(node, text, declared):
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


def _is_line(node: LexborNode, text: str, declared: _Declared) -> bool:
    """A line that may be a title: 20-250 characters, no full stop at its end, no
    link, block or date inside, eligible as a title."""
    low, high = TITLE_LINE_CHARS
    return (
        low <= len(text) <= high
        and not text.endswith((".", ":", "!", "?"))
        and not _holds(node, _NOT_LINE)
        and not find_vn_dates(text)
        and _eligible(node, text, declared)
    )


def _is_lead(paragraph: LexborNode) -> bool:
    """A paragraph named a lead by its class, or whose text is all in one bold child."""
    if LEAD_NAMED.search(paragraph.attributes.get("class") or ""):
        return True
    bold = paragraph.css_first("b, strong")
    text = clean_line(paragraph.text())
    return bold is not None and len(clean_line(bold.text())) >= len(text) - 1
