"""Is a site giving what its seed promises? The rules each run judges each site by.

A site is unhealthy on a run, the first included, when it gave nothing:

- a seed selector matched nothing on every page of the run it is meant for;
- no listing page could be read, and no article either;
- its listing pages showed no article link at all;
- article links were followed and not one led to an article record.

A site with whole articles archived before is also unhealthy when its layout
seems to have changed (`drift`); for such a site that diagnosis stands in for
the last three. A site whose listings show only known articles is healthy:
nothing new is nothing wrong. When more than half of the article links followed led to
no article, the run records a warning and the site stays healthy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from selectolax.lexbor import LexborHTMLParser

from archiver.extract import parse_page

if TYPE_CHECKING:
    from archiver.runs import SiteStats

LISTING_SELECTORS = ("article_links", "next_page")
ARTICLE_SELECTORS = ("title", "published", "body", "author")
# Many genuine articles name no author: its selector missing on a page or two says
# nothing, so it is judged from this many article pages on. Every other selector is
# judged from one page: every listing shows article links, every article a title.
MIN_PAGES = {"author": 3}
# The warning: more than this share of the followed links led to no article, judged
# from this many links on (one odd link in three is no pattern).
WARN_SHARE = 0.5
WARN_MIN_FOLLOWED = 4
# Layout drift: judged on sites with DRIFT_BASELINE whole articles archived before this run,
# when at least DRIFT_MIN_PAGES article pages were read and fewer than DRIFT_MIN_COMPLETE
# of them were whole.
DRIFT_BASELINE = 3
DRIFT_MIN_PAGES = 3
DRIFT_MIN_COMPLETE = 0.5


def selector_hits(
    html: str, url: str, selectors: Mapping[str, str], keys: tuple[str, ...]
) -> dict[str, bool]:
    """Whether each of the seed's selectors among `keys` matched an element of the
    page. A next_page selector is left out on a page without a pager (the last page
    of a listing), as auto-detection sees it: there it has nothing to match."""
    own = {key: selectors[key] for key in keys if selectors.get(key)}
    if not own:
        return {}
    tree = LexborHTMLParser(html, scripting=True)  # as extraction parses it
    hits = {key: tree.css_first(css) is not None for key, css in own.items()}
    if hits.get("next_page") is False and not _has_pager(html, url, selectors):
        del hits["next_page"]
    return hits


def _has_pager(html: str, url: str, selectors: Mapping[str, str]) -> bool:
    others = {key: css for key, css in selectors.items() if key != "next_page"}
    return parse_page(html, url, others).links.next_page is not None


@dataclass
class SelectorTally:
    """Per seed selector: the pages of a run it was tried on, and those it matched on."""

    pages: Counter[str] = field(default_factory=Counter)
    matched: Counter[str] = field(default_factory=Counter)

    def add(self, hits: Mapping[str, bool]) -> None:
        for key, hit in hits.items():
            self.pages[key] += 1
            self.matched[key] += hit

    def misses(self) -> dict[str, int]:
        """The selectors that matched on none of their pages: key -> pages tried."""
        return {
            key: self.pages[key]
            for key in (*LISTING_SELECTORS, *ARTICLE_SELECTORS)
            if self.pages[key] >= MIN_PAGES.get(key, 1) and not self.matched[key]
        }


def reasons(stats: SiteStats, source: str, baseline: int) -> list[str]:
    """Why the site is unhealthy on this run, none when it is not. `source`: the seed
    file; `baseline`: the site's whole articles archived before this run."""
    misses = [
        f"{source}: selectors.{key} matched nothing on {_pages(pages, key)}"
        for key, pages in stats.selector_misses.items()
    ]
    return misses + (drift(stats, baseline) or nothing_given(stats))


def nothing_given(stats: SiteStats) -> list[str]:
    """Why the site gave nothing on this run; empty when it gave something."""
    found = []
    if not stats.listing_pages:
        if not stats.article_records:
            found.append("no listing page could be read")
    elif not stats.article_links and "article_links" not in stats.selector_misses:
        found.append(f"{_plural(stats.listing_pages, 'listing page')} showed no article link")
    if stats.links_followed and not stats.article_records:
        found.append(
            f"{stats.links_followed} article links led to no article"
            f" ({_outcomes(stats.not_articles)})"
        )
    return found


def warning(stats: SiteStats) -> str | None:
    """Most of the article links followed led to no article, though some did."""
    missed = stats.links_followed - stats.article_records
    if stats.links_followed < WARN_MIN_FOLLOWED or missed <= stats.links_followed * WARN_SHARE:
        return None
    return (
        f"{missed} of {stats.links_followed} article links led to no article"
        f" ({_outcomes(stats.not_articles)})"
    )


def drift(stats: SiteStats, baseline: int) -> list[str]:
    """Layout drift: a site that gave `baseline` whole articles before now gives
    pages without a title, a date or a body, or listing pages without links."""
    if baseline < DRIFT_BASELINE:
        return []
    read = stats.pages_complete + stats.pages_incomplete
    if read >= DRIFT_MIN_PAGES and stats.pages_complete / read < DRIFT_MIN_COMPLETE:
        return [
            f"{stats.pages_incomplete} of {read} article pages lacked a title, a date or"
            " a body: has the layout changed?"
        ]
    if stats.empty_listings:
        return [
            f"{stats.empty_listings} listing page(s) showed no article links:"
            " has the layout changed?"
        ]
    return []


def _pages(count: int, key: str) -> str:
    return _plural(count, "listing page" if key in LISTING_SELECTORS else "article page")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _outcomes(not_articles: Mapping[str, int]) -> str:
    """What the links led to instead, most first: "55 parsed as listing, 2 failed"."""
    ranked = sorted(not_articles.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(_outcome(kind, n) for kind, n in ranked)


def _outcome(kind: str, count: int) -> str:
    if kind == "failed":
        return f"{count} failed"
    if kind == "attachment":  # a file, never parsed
        return _plural(count, "attachment")
    return f"{count} parsed as {kind}"
