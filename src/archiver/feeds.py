"""RSS and Atom feeds -> article URLs with their dates (issue 16): parsing only.

feedparser reads every flavour (RSS 0.9x, 1.0/RDF, 2.0, Atom) and broken feeds:
when the strict XML parse fails it reads on with a lenient one, so the entries
before the fault (and often those after it) come back, with the fault named in
`FeedResult.problem`. feedparser gives dates in UTC; archiver keeps a date in
the zone the feed states it, so the raw date text is read here.
"""

from __future__ import annotations

import calendar
import email.utils
import re
import xml.sax
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import feedparser

from archiver.normalize import clean_line, join_url, stated_iso

FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/rss"}
)
FEED_ROOTS = frozenset({"rss", "feed", "RDF"})  # RDF: RSS 1.0's rdf:RDF
_SNIFF = 4096  # bytes read for the root element: past the XML declaration and comments
# Before the root element: a BOM, space, the XML declaration, stylesheets, comments, DOCTYPE.
_ROOT = re.compile(
    rb"(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*<([A-Za-z_][\w.:-]*)",
    re.S | re.I,
)
_HTML_ROOTS = frozenset({"html", "head", "body"})
# Zones feeds write after a time that email.utils does not know; Vietnamese portals
# write "GMT+7" and "ICT" (Indochina Time) as often as "+0700".
_ZONE_WORDS = {"ICT": "+0700", "UTC": "+0000", "Z": "+0000"}
_GMT_OFFSET = re.compile(r"\s(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d\d))?$", re.I)
# Day first, as every Vietnamese portal writes a date: "01/07/2025 08:30(:00)".
_DAY_FIRST = re.compile(
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
    r"(?:[ T,]+(\d{1,2}):(\d\d)(?::(\d\d))?)?\s*(?:([+-])(\d\d):?(\d\d))?"
)


@dataclass(frozen=True)
class Entry:
    """One item of a feed: the article's address, its dates as stated, its title."""

    url: str  # absolute http(s) URL, resolved against the feed URL / xml:base
    published: str | None  # ISO 8601 in the feed's own zone; "YYYY-MM-DD" for a day alone
    updated: str | None
    title: str | None


@dataclass(frozen=True)
class FeedResult:
    """A feed's entries in the feed's order, its title, and why it is malformed."""

    entries: tuple[Entry, ...]
    title: str | None
    problem: str | None  # one printable line when the feed is malformed, else None


def parse_feed(body: bytes, url: str) -> FeedResult:
    """Read the entries of an RSS, RDF or Atom feed fetched from `url`; never raises."""
    if not body.strip():
        return FeedResult((), None, "empty body")
    headers = {"content-location": url, "content-type": "application/xml"}
    try:
        parsed = feedparser.parse(body, response_headers=headers)
        entries = tuple(_entries(parsed.entries, url))
    except Exception as error:  # a third-party parser on any bytes: said, not raised
        return FeedResult(
            (), None, _one_line(f"feed parser failed: {type(error).__name__}: {error}")
        )
    title = _text(parsed.feed.get("title"))
    if not parsed.get("version"):
        return FeedResult(entries, title, _not_a_feed(body, parsed))
    problem = _fault(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    return FeedResult(entries, title, problem)


def looks_like_feed(body: bytes, content_type: str) -> bool:
    """Whether a response is a feed: its root element (rss, feed, rdf:RDF) when the
    first few KB show one, else its content type. The body outranks the header: an
    HTML page served as application/rss+xml is no feed."""
    root = _root_name(body)
    if root is not None:
        return root.rpartition(":")[2] in FEED_ROOTS
    media = content_type.split(";", 1)[0].strip().lower()
    return media in FEED_TYPES and bool(body.strip())


def _entries(items: list[Any], feed_url: str) -> list[Entry]:
    """Entries with a usable http(s) link, each URL once (the first kept)."""
    seen: set[str] = set()
    out = []
    for item in items:
        url = _link(item, feed_url)
        if url is None or url in seen:
            continue
        seen.add(url)
        published = _date(item, "published")
        updated = _date(item, "updated")
        out.append(Entry(url, published, updated, _text(item.get("title"))))
    return out


def _link(item: Any, feed_url: str) -> str | None:
    """The entry's article address: its link (feedparser takes an RSS guid that is a
    permalink as one), else an alternate among its links; absolute, http(s) only."""
    candidates = [item.get("link")]
    candidates += [
        link.get("href")
        for link in item.get("links", ())
        if link.get("rel", "alternate") == "alternate"
    ]
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            url = join_url(feed_url, candidate.strip())
            if url is not None and url[:8].lower().startswith(("http://", "https://")):
                return url
    return None


def _date(item: Any, key: str) -> str | None:
    """The entry's date under `key` in the zone the feed states it. dict.get reads the
    key itself: feedparser answers a missing "updated" with "published"."""
    raw = dict.get(item, key)
    if not isinstance(raw, str) or not raw.strip():
        return None
    stated = stated_date(raw)
    if stated is not None:
        return stated
    parsed = dict.get(item, f"{key}_parsed")  # feedparser's reading, in UTC
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    except (OverflowError, ValueError, OSError):  # a year out of datetime's range
        return None


def stated_date(text: str) -> str | None:
    """A feed's date text in archiver's form, its zone kept: RFC 822 ("Tue, 01 Jul
    2025 08:30:00 +0700", "GMT+7", "ICT"), ISO 8601, or day first ("01/07/2025
    08:30"). No zone is added where none is stated. None when it is none of these."""
    text = " ".join(text.split())
    if text[:4].isdigit() and text[4:5] == "/":  # "2025/07/01": feedparser reads 1 December
        text = text.replace("/", "-", 2)
    return stated_iso(text) or _mail_date(text) or _day_first(text)


def _mail_date(text: str) -> str | None:
    """An RFC 822 date with its offset kept; a name or "GMT+7" made an offset first."""
    text = _GMT_OFFSET.sub(_offset_of, text)
    head, _, last = text.rpartition(" ")
    if last.upper() in _ZONE_WORDS:
        text = f"{head} {_ZONE_WORDS[last.upper()]}"
    try:
        stamp = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return stamp.replace(microsecond=0).isoformat()


def _offset_of(match: re.Match[str]) -> str:
    sign, hours, minutes = match.groups()
    return f" {sign}{int(hours):02d}{minutes or '00'}"


def _day_first(text: str) -> str | None:
    """A day-first date ("01/07/2025 08:30"): what Vietnamese CMSs write in feeds too."""
    match = _DAY_FIRST.fullmatch(text)
    if match is None:
        return None
    day, month, year, hour, minute, second, sign, zone_h, zone_m = match.groups()
    try:
        if hour is None:
            return datetime(int(year), int(month), int(day)).date().isoformat()
        stamp = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
        if sign is not None:
            offset = timedelta(hours=int(zone_h), minutes=int(zone_m))
            stamp = stamp.replace(tzinfo=timezone(-offset if sign == "-" else offset))
    except ValueError:  # a day or an hour out of range
        return None
    return stamp.isoformat()


def _text(value: object) -> str | None:
    """A title as archiver keeps text: NFC, spaces made one; None when empty."""
    if not isinstance(value, str):
        return None
    return clean_line(value) or None


def _fault(error: object) -> str:
    """Why feedparser found the feed malformed, in one line."""
    if isinstance(error, xml.sax.SAXParseException):
        where = f"line {error.getLineNumber()}, column {error.getColumnNumber()}"
        return _one_line(f"not well-formed XML at {where}: {error.getMessage()}")
    if isinstance(error, feedparser.CharacterEncodingOverride):
        return _one_line(f"wrong encoding declared: {error}")
    return _one_line(f"{type(error).__name__}: {error}")


def _not_a_feed(body: bytes, parsed: Any) -> str:
    """Why a body that feedparser found no feed in is none."""
    root = _root_name(body)
    if root is not None and root.lower() in _HTML_ROOTS:
        return "not a feed: an HTML page"
    if root is not None:
        return _one_line(f"not a feed: its root element is <{root}>")
    if parsed.get("bozo"):
        return "not a feed: " + _fault(parsed.get("bozo_exception"))
    return "not a feed: no RSS, RDF or Atom element"


def _root_name(body: bytes) -> str | None:
    """The name of the first element in the body's first few KB, or None."""
    head = body[:_SNIFF]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: read as ASCII for the tags
        head = head.decode("utf-16", "replace").encode("ascii", "replace")
    match = _ROOT.match(head.removeprefix(b"\xef\xbb\xbf"))
    return match.group(1).decode("ascii", "replace") if match else None


def _one_line(text: str) -> str:
    """Text made one printable line: what a log line or a database column holds."""
    printable = "".join(c if c.isprintable() else " " for c in text)
    return " ".join(printable.split())[:300]
