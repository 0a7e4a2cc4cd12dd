"""What a page declares its title to be (headline, og:title, <title> less the site's
name), and the elements that may show it: eligible, and agreeing with it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborNode, SelectolaxError

from archiver.extract.chrome import class_id, in_breadcrumb, in_chrome
from archiver.extract.page import Page, ld_text
from archiver.extract.vocabulary import (
    AGREEING_CHARS,
    AGREEMENT_RATIOS,
    ASIDE_HEADINGS,
    NOT_TITLE_NAMES,
    TITLE_MAX_CHARS,
    TITLE_MIN_CHARS,
    TITLE_PROBE,
)
from archiver.normalize import clean_line, fold

# "Site - Title", "Title | Site", "Title « Site", "Site :: Title"
_SEPARATOR = re.compile(r"(\s+(?:[-–—|/•·»«]|::)\s+|\s*[|»«]\s*)")
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
class Declared:
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
    def of(cls, page: Page) -> Declared:
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


def eligible(node: LexborNode, text: str, declared: Declared) -> bool:
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


def agreeing(
    nodes: list[LexborNode], declared: Declared
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
        if (best is None or found[:3] > best[:3]) and eligible(node, text, declared):
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
    return any(in_chrome(n) and not in_breadcrumb(n) for n in holding(page, text))


def holding(page: Page, text: str) -> list[LexborNode]:
    """The innermost elements whose text holds the start of this text; none when
    Lexbor cannot read the query a page's odd text makes (a title never costs the page)."""
    try:
        return list(page.tree.css(f'body :lexbor-contains("{_probe(text)}")'))
    except SelectolaxError:
        return []


def shown_whole(page: Page, declared: Declared) -> LexborNode | None:
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
        for node in holding(page, written):
            text = clean_line(node.text())
            said = len(text) <= TITLE_MAX_CHARS and title_key(text) == folded
            if said and eligible(node, text, declared):
                return node
    return None
