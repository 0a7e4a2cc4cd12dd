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

from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from archiver.extract.body import first_prose
from archiver.extract.page import Page, candidates, first_node, gather, ld_text
from archiver.extract.titles.declared import Declared, agreeing, eligible, shown_whole, title_key
from archiver.extract.titles.prose import heading_of_prose, line_before_prose, tag_shown_by_story
from archiver.normalize import clean_line

# Elements that may show the title when no <h1> agrees with the declared one.
_TITLE_LIKE = (
    "h2, h3, [class*=title i], [class*=headline i], [class*=tieu i], [class*=heading i], "
    "td > strong, td > b"
)


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
    declared = Declared.of(page)
    if selectors and not page.selectors.get("title"):
        # The CMS family's title elements: theirs when they agree with the declared
        # title (or nothing is declared); a family's class may also name a box title.
        family = [n for sel in selectors for n in page.tree.css(sel)]
        best = agreeing(family, declared)
        if best is not None and best[0] >= 2:
            return Title(best[3], ld_text(page, "headline") or clean_line(best[3].text()))
        if not declared.references and not declared.segments:
            node = next((n for n in family if eligible(n, clean_line(n.text()), declared)), None)
            if node is not None:
                return Title(node, clean_line(node.text()) or None)
    heads = gather(page, "h1")
    best = agreeing(heads, declared)
    if best is None:  # one query over the whole tree, only when no <h1> will do
        best = agreeing(page.tree.css(_TITLE_LIKE), declared)
    if best is not None:
        node = best[3]
        return Title(node, ld_text(page, "headline") or clean_line(node.text()) or None)
    # Nothing agrees by tag or class: the declared title (a headline, og:title, or a
    # <title> piece) may be shown whole in an element of no telling name (a plain
    # <div>). Its node is where the date line and the byline are looked for.
    shown = shown_whole(page, declared)
    if shown is not None:
        return Title(shown, ld_text(page, "headline") or clean_line(shown.text()) or None)
    # A headline or og:title not shown is still the page's word for its title; a
    # <title> is weaker than the heading that opens the prose.
    if declared.stated:
        return Title(None, declared.stated)
    stop = first_prose(page)  # where the prose starts: the dear container search, once
    node = (
        tag_shown_by_story(page, declared, stop)
        or heading_of_prose(page, declared, stop)
        or line_before_prose(page, declared, stop)
    )
    if node is not None:
        return Title(node, clean_line(node.text()) or None, confirmed=node.tag == "h1")
    return Title(None, declared.title_tag)


__all__ = ["Title", "find", "title_key"]
