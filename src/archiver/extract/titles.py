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

from selectolax.lexbor import LexborNode

from archiver.extract.page import Page, candidates, first_node, gather, in_chrome, ld_text
from archiver.normalize import clean_line, fold

# "Site - Title", "Title | Site", "Title « Site", "Site :: Title"
_SEPARATOR = re.compile(r"(\s+(?:[-–—|/•·»«]|::)\s+|\s*[|»«]\s*)")
# Elements that may show the title when no <h1> agrees with the declared one.
_TITLE_LIKE = (
    "h2, h3, [class*=title i], [class*=headline i], [class*=tieude i], [class*=tieu-de i], "
    "[class*=heading i], [itemprop=headline], td > strong, td > b"
)
# Words that make a <title> segment the site's name rather than the story's.
_SITE_WORDS = (
    "cong thong tin", "cong ttdt", "trang thong tin", "trang tin dien tu", "bao dien tu",
    "ubnd tinh", "uy ban nhan dan", "tinh uy", "dang bo tinh", "so thong tin",
    "portal", "online", ".vn", ".com", ".net", ".org", ".de", "www.",
)  # fmt: skip
_MIN_CHARS = 5
_MAX_CHARS = 400
_TAG_RANK = {"h1": 3, "h2": 2}


@dataclass(frozen=True)
class Title:
    node: LexborNode | None  # the element showing the title, when one was found
    text: str | None


def find(page: Page) -> Title:
    """The page's title element and text."""
    node = first_node(page, candidates(page, "title"))
    if node is not None:  # the seed's selector, or the CMS family's
        own = bool(page.selectors.get("title"))
        headline = None if own else ld_text(page, "headline")
        return Title(node, headline or clean_line(node.text()) or None)
    declared = _Declared.of(page)
    heads = [n for n in gather(page, "h1") if _eligible(n, declared)]
    best = _agreeing(heads, declared)
    if best is None or best[0] < 3:
        others = [n for n in page.tree.css(_TITLE_LIKE) if _eligible(n, declared)]
        best = max(
            filter(None, (best, _agreeing(others, declared))),
            key=lambda found: found[:2],
            default=None,
        )
    if best is not None:
        node = best[3]
        return Title(node, ld_text(page, "headline") or clean_line(node.text()) or None)
    # Nothing agrees: the first <h1> that is no breadcrumb nor site name, when the page
    # declares no title of its own to contradict it; else what the page declares.
    if heads and not declared.references:
        return Title(heads[0], clean_line(heads[0].text()) or None)
    text = declared.best()
    if text is None and heads:
        return Title(heads[0], clean_line(heads[0].text()) or None)
    return Title(None, text)


@dataclass(frozen=True)
class _Declared:
    """What the page says its title is, folded, and what it says its name is."""

    references: tuple[str, ...]  # folded, site names left out
    shown: tuple[str, ...]  # the same, as written
    sites: frozenset[str]

    @classmethod
    def of(cls, page: Page) -> _Declared:
        sites = {
            fold(name)
            for name in (
                page.meta.get("og:site_name"),
                page.meta.get("application-name"),
                _publisher(page),
            )
            if name
        }
        whole: list[str] = []
        for value in (
            ld_text(page, "headline"),
            page.meta.get("og:title"),
            page.meta.get("twitter:title"),
        ):
            if value:
                whole.append(value)
        tag = page.tree.css_first("title")
        raw = clean_line(tag.text()) if tag is not None else ""
        pieces = _SEPARATOR.split(raw) if raw else []  # segment, separator, segment...
        segments = [s.strip() for s in pieces[::2]]
        if len(segments) > 1:
            whole.append(raw)
        # A segment of several is the site's name when it says so; a headline or an
        # og:title is only when it is that name exactly.
        if len(segments) > 1:
            sites |= {fold(s) for s in segments if _names_a_site(fold(s), sites)}
            if not any(fold(s) in sites for s in segments):
                # Neither says so: a short name at either end beside a longer title.
                ends = sorted((segments[0], segments[-1]), key=len)
                if len(ends[0].split()) <= 3 and len(ends[0]) * 2 <= len(ends[1]):
                    sites.add(fold(ends[0]))
            if any(fold(s) in sites for s in segments):
                # The <title> less the site's name at either end, separators kept.
                while len(pieces) > 2 and fold(pieces[0].strip()) in sites:
                    pieces = pieces[2:]
                while len(pieces) > 2 and fold(pieces[-1].strip()) in sites:
                    pieces = pieces[:-2]
                whole = [w for w in whole if w != raw] + ["".join(pieces).strip()]
        shown: list[str] = []
        for value in [*whole, *segments]:
            folded = fold(value)
            if folded and folded not in sites and value not in shown:
                shown.append(value)
        return cls(tuple(fold(s) for s in shown), tuple(shown), frozenset(sites))

    def agreement(self, folded: str) -> int:
        """3 for a reference said exactly, 2 or 1 for one that holds or is held by it."""
        best = 0
        for ref in self.references:
            if folded == ref:
                return 3
            if len(folded) >= 10 and len(ref) >= 10 and (folded in ref or ref in folded):
                ratio = min(len(folded), len(ref)) / max(len(folded), len(ref))
                best = max(best, 2 if ratio >= 0.6 else 1 if ratio >= 0.3 else 0)
        return best

    def best(self) -> str | None:
        """The declared title: the first reference (the headline, og:title, or the
        <title> less the site's name)."""
        return self.shown[0] if self.shown else None

    def is_site(self, folded: str) -> bool:
        return folded in self.sites


def _publisher(page: Page) -> str | None:
    value = page.ld.get("publisher")
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else None


def _names_a_site(folded: str, sites: set[str]) -> bool:
    return folded in sites or any(word in folded for word in _SITE_WORDS)


def _eligible(node: LexborNode, declared: _Declared) -> bool:
    """A candidate: a short text, no breadcrumb (several links), no site name, and
    outside the page's chrome."""
    text = clean_line(node.text())
    if not _MIN_CHARS <= len(text) <= _MAX_CHARS:
        return False
    if len(node.css("a")) >= 2 or declared.is_site(fold(text)):
        return False
    return not in_chrome(node)


def _agreeing(
    nodes: list[LexborNode], declared: _Declared
) -> tuple[int, int, int, LexborNode] | None:
    """The best-agreeing node: (agreement, tag rank, -order, node), or None."""
    best: tuple[int, int, int, LexborNode] | None = None
    for order, node in enumerate(nodes):
        agreement = declared.agreement(fold(clean_line(node.text())))
        if agreement == 0:
            continue
        found = (agreement, _TAG_RANK.get(node.tag or "", 1), -order, node)
        if best is None or found[:3] > best[:3]:
            best = found
    return best
