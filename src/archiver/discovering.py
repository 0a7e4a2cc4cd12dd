"""`archiver discover URL`: a ready seed for a site, from its home page.

The home page is read for the site's name, province and CMS family; the links its
menu offers are tested as sections; its feeds and sitemaps are read; and for each
section two sample articles are fetched and parsed, so whoever reads the seed sees
at once whether it works. Nothing is written to any archive."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
from selectolax.lexbor import LexborHTMLParser

from archiver import provinces
from archiver.errors import FetchError, SeedError
from archiver.explore import Explorer, Harvest, Home, Page
from archiver.extract.cms import detect_family
from archiver.fetch import Fetcher
from archiver.parsing import Parser
from archiver.seeds import Site, site_from_dict, toml_value

SAMPLES = 2  # articles parsed per section
RATE = 0.5  # requests per second while discovering, and in the seed: as the shipped seeds


@dataclass(frozen=True)
class Sample:
    """One article fetched and parsed from a section."""

    url: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    body_chars: int = 0
    error: str | None = None


@dataclass
class Section:
    url: str
    label: str
    article_links: int
    samples: list[Sample] = field(default_factory=list)
    page: Page | None = field(default=None, repr=False)  # its first page, as tested


@dataclass
class Proposal:
    """What discovery found, and the seed it proposes."""

    home: str
    seed: dict[str, Any]
    family: str | None
    sections: list[Section]
    rejected: list[tuple[str, str, str]]  # (url, label, why)
    feeds: list[str]
    sitemaps: list[str]
    links_from_feeds: int
    problems: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "home": self.home,
            "seed": self.seed,
            "family": self.family,
            "sections": [
                {
                    "url": s.url,
                    "label": s.label,
                    "article_links": s.article_links,
                    "samples": [sample.__dict__ for sample in s.samples],
                }
                for s in self.sections
            ],
            "rejected": [{"url": u, "label": label, "why": why} for u, label, why in self.rejected],
            "feeds": self.feeds,
            "sitemaps": self.sitemaps,
            "links_from_feeds": self.links_from_feeds,
            "problems": self.problems,
        }


def discover(
    url: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    max_sections: int = 12,
    rate_limit: float = RATE,
) -> Proposal:
    """Propose a seed for the site whose home page is url, asking at most rate_limit
    requests a second (the rate the seed is given too)."""
    return asyncio.run(_discover(url, transport, max_sections, rate_limit))


def probe_site(url: str, max_sections: int, rate_limit: float = RATE) -> Site:
    """The seed discovery crawls under: the home page's host (www. or not), polite."""
    try:
        return site_from_dict(
            {
                "name": _name(url),
                "start_urls": [url],
                "rate_limit": rate_limit,
                "concurrency": 1,
                "max_sections": max_sections,
                "timeout": 20.0,
            },
            url,
        )
    except SeedError as exc:
        raise SeedError(str(exc).replace("key 'start_urls'", "URL")) from None


async def _discover(
    url: str, transport: httpx.AsyncBaseTransport | None, max_sections: int, rate_limit: float
) -> Proposal:
    site = probe_site(url, max_sections, rate_limit)
    # two tries a URL, not three: a person waits on discovery
    async with (
        Fetcher(transport=transport, max_attempts=2) as fetcher,
        Parser(workers=1) as parser,
    ):
        explorer = Explorer(fetcher, parser, site)
        home = await explorer.home(url)
        sections, rejected = await _sections(explorer, home, max_sections)
        feeds = await explorer.feeds_of(home)
        harvest = Harvest()
        for feed in feeds:
            await explorer.read_feed(feed, harvest)
        sitemaps, _ = await explorer.sitemaps_of(url)
        read_before = len(harvest.read)
        await explorer.read_sitemaps(sitemaps, harvest, 50, quiet_missing=True)
        maps = [m for m in sitemaps if m in harvest.read[read_before:]]  # not their children
        for section in sections:
            section.samples = await _samples(explorer, section)
    return Proposal(
        home=url,
        seed=_seed(site, home, sections, [f for f in feeds if f in harvest.read], maps),
        family=_family([home.page, *(s.page for s in sections if s.page)]),
        sections=sections,
        rejected=rejected,
        feeds=feeds,
        sitemaps=maps,
        links_from_feeds=len(harvest.items),
        problems=harvest.problems,
    )


async def _sections(
    explorer: Explorer, home: Home, limit: int
) -> tuple[list[Section], list[tuple[str, str, str]]]:
    sections: list[Section] = []
    rejected: list[tuple[str, str, str]] = []
    landed: set[str] = set()
    for candidate in home.offers.sections[: 2 * limit]:
        if len(sections) >= limit:
            break
        tested = await explorer.test(candidate)
        if tested.ok and tested.page is not None:
            if tested.page.response.final_url in landed:
                continue
            landed.add(tested.page.response.final_url)
            links = [u for u in tested.page.links.articles if explorer.site.allows(u)]
            section = Section(candidate.url, candidate.label, len(links), page=tested.page)
            section.samples = [Sample(u) for u in links[:SAMPLES]]
            sections.append(section)
        else:
            rejected.append((candidate.url, candidate.label, tested.reason or ""))
    return sections, rejected


async def _samples(explorer: Explorer, section: Section) -> list[Sample]:
    out = []
    for sample in section.samples:
        try:
            response = await explorer.fetcher.fetch(sample.url, explorer.site)
        except FetchError as exc:
            out.append(Sample(sample.url, error=exc.reason))
            continue
        if response.text is None:
            out.append(Sample(sample.url, error=f"not a page ({response.content_type})"))
            continue
        parsed = await explorer.parser.parse_article(response.text, response.final_url, {})
        record = parsed.record
        if record.kind != "article":
            out.append(Sample(sample.url, error=f"a page of kind {record.kind}"))
            continue
        out.append(
            Sample(
                sample.url, record.title, record.published, record.updated, len(record.body or "")
            )
        )
    return out


def _seed(
    site: Site, home: Home, sections: list[Section], feeds: list[str], sitemaps: list[str]
) -> dict[str, Any]:
    title = home.offers.title or ""
    province = provinces.province_in(title) or ""
    unit = (
        (provinces.unit_of_province(province) or provinces.find_unit(province) or "")
        if (province)
        else ""
    )
    seed: dict[str, Any] = {"name": site.name}
    if title:
        seed["title"] = title
    if province:
        seed["province"] = province
    if unit:
        seed["unit"] = unit
    seed["start_urls"] = [home.page.url]
    seed["allowed_domains"] = list(site.allowed_domains)
    seed["sections"] = [s.url for s in sections]
    if feeds:
        seed["feeds"] = feeds
    if sitemaps:
        seed["sitemaps"] = sitemaps
    seed["rate_limit"] = site.rate_limit
    seed["concurrency"] = 2
    return seed


def _family(pages: list[Page]) -> str | None:
    """The CMS family the home page shows, else the first its sections show (a home
    page is often a theme's own, without the CMS's list markup)."""
    for page in pages:
        tree = LexborHTMLParser(page.response.text or "")
        generator = tree.css_first('meta[name="generator"]')
        family = detect_family(tree, generator.attributes.get("content") if generator else None)
        if family is not None:
            return family.name
    return None


def _name(url: str) -> str:
    """A seed name from a host: its first label without www. (`-dcs` for party
    committees' *.dcs.vn), as the shipped seeds are named; a bare IP gives its port."""
    host = (urlsplit(url).hostname or "site").lower().removeprefix("www.")
    if re.fullmatch(r"[\d.]+|\[.*\]", host) or host == "localhost":
        return f"site-{urlsplit(url).port or 80}"
    first = re.sub(r"[^a-z0-9_-]", "-", host.split(".")[0]) or "site"
    return f"{first}-dcs" if host.endswith(".dcs.vn") else first


def seed_text(proposal: Proposal) -> str:
    """The proposed seed as TOML, with what was found as comments beside it."""
    lines = [f"# Proposed by `archiver discover {proposal.home}`."]
    if proposal.family:
        lines.append(f"# CMS family: {proposal.family}.")
    if not proposal.sections and not proposal.links_from_feeds:
        lines.append("# No news section, feed or sitemap was found: this seed archives nothing.")
    for problem in proposal.problems:
        lines.append(f"# Problem: {problem}")
    seed = dict(proposal.seed)
    sections = seed.pop("sections")
    for key, value in seed.items():
        lines.append(f"{key} = {toml_value(value)}")
    lines.append("sections = [")
    for section in proposal.sections:
        lines.append(
            f"    {toml_value(section.url)},  # {section.label or '?'}:"
            f" {section.article_links} article links"
        )
        for sample in section.samples:
            lines.append(f"    #   {_sample_line(sample)}")
    lines.append("]")
    if not sections:
        lines[-2:] = ["sections = []"]
    for url, label, why in proposal.rejected:
        lines.append(f"# not a section: {url} ({label or 'no label'}): {why}")
    return "\n".join(_one_line(line) for line in lines) + "\n"


def _sample_line(sample: Sample) -> str:
    if sample.error:
        return f"{sample.url}: {sample.error}"
    date = sample.published or (f"updated {sample.updated}" if sample.updated else "no date")
    return f"{sample.title or '(no title)'} | {date} | {sample.body_chars} characters"


def _one_line(line: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in line)
