"""What a fetch run is asked to do and what it reports: its options, and each
site's counts, which the run's summary, `archiver runs` and the health checks read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class RunOptions:
    full: bool = False  # walk all pagination and re-fetch known articles
    max_pages: int | None = None  # overrides each seed's max_listing_pages
    timeout: float | None = None  # overrides each seed's timeout
    max_duration: float | None = None  # seconds after which the run stops, cleanly
    # sites one after another, one request at a time each: articles are stored in
    # the same order, and so get the same ids, every time (the demo, the README)
    in_turn: bool = False


@dataclass
class SiteStats:
    listing_pages: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    duplicates: int = 0
    other_pages: int = 0  # linked from listings but not articles (attachments, soft 404s, ...)
    errors: int = 0
    first_error: str | None = None
    pages_complete: int = 0  # article pages read with a title, a date and a body
    pages_incomplete: int = 0  # article links whose page lacked one of them
    empty_listings: int = 0  # listing pages that showed no article link
    article_links: int = 0  # distinct article links the listing pages showed, on allowed hosts
    links_followed: int = 0  # article links fetched (or failing) this run; 304s are not counted
    article_records: int = 0  # followed links that gave an article record
    not_articles: dict[str, int] = field(default_factory=dict)  # what the others gave, by kind
    selector_misses: dict[str, int] = field(default_factory=dict)  # key -> pages it missed on
    health: str = "ok"  # "unhealthy" when the site gave nothing or its layout changed (health.py)
    health_reason: str | None = None
    health_warning: str | None = None  # most of the links followed gave no article
    # pages holding a value that could not be read (the value dropped, the page kept)
    pages_with_problems: int = 0
    first_problem: str | None = None
    # a site from its home page (issue 16): the sections walked, those found new this
    # run and those gone ("url: why"); feeds and sitemaps read, the article links
    # they gave, and what was wrong with them ("url: why")
    sections: int = 0
    sections_new: list[str] = field(default_factory=list)
    sections_gone: list[str] = field(default_factory=list)
    feeds: int = 0
    sitemaps: int = 0
    feed_links: int = 0
    discovery_problems: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        name = "duplicates" if outcome == "duplicate" else f"articles_{outcome}"
        setattr(self, name, getattr(self, name) + 1)

    def problems(self, url: str, found: tuple[str, ...]) -> None:
        """Count a page whose record names values that could not be read."""
        if found:
            self.pages_with_problems += 1
            self.first_problem = self.first_problem or f"{url}: {found[0]}"


@dataclass
class RunSummary:
    run_id: int
    started: str
    status: str = "running"
    finished: str | None = None
    stopped: str | None = None  # why the run stopped before its end (--max-duration)
    requests: int = 0
    sites: dict[str, SiteStats] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["sites"] = {name: asdict(stats) for name, stats in self.sites.items()}
        return out


OnProgress = Callable[[str, "SiteStats"], None]  # (site, its counts) after each page
