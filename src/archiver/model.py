"""Records passed between the pipeline's stages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PageKind = Literal["article", "listing", "other"]
# A record's content: a change in any of these is a new revision of the article (its
# content hash covers them); view counts, dates of fetching and problems are not.
REVISION_FIELDS = (
    "title",
    "published",
    "updated",
    "author",
    "source",
    "category",
    "summary",
    "body",
    "images",
    "attachments",
)


@dataclass(frozen=True)
class Image:
    url: str
    caption: str | None = None


@dataclass(frozen=True)
class Attachment:
    url: str
    title: str | None = None


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and the head of its response, as sent and as received (a
    body is kept apart, once per content): what a WARC response record needs.
    `http_version` "" marks a page kept before heads were (its body alone)."""

    url: str  # the URL of the request answered (the last hop of any redirects)
    requested_at: str  # ISO 8601, UTC, when the request was sent
    status: int
    headers: tuple[tuple[str, str], ...] = ()  # as received, in order, repeats kept
    http_version: str = "HTTP/1.1"
    reason: str = ""
    method: str = "GET"
    request_headers: tuple[tuple[str, str], ...] = ()  # as sent

    def header(self, name: str) -> str | None:
        """The first value of a response header, by name in any case."""
        wanted = name.lower()
        return next((v for k, v in self.headers if k.lower() == wanted), None)


@dataclass(frozen=True)
class Links:
    """What a listing page points to: article URLs in page order, and the next page."""

    articles: tuple[str, ...] = ()
    next_page: str | None = None


@dataclass(frozen=True)
class Record:
    """One parsed page, in the shape `archiver parse` prints (see docs/interface.md)."""

    url: str
    kind: PageKind
    title: str | None = None
    published: str | None = None  # ISO 8601; with a time it carries +07:00
    updated: str | None = None
    author: str | None = None  # the people who wrote it, never a site or an account
    # the organisation the story came from ("Nguồn: Báo Chính phủ", "Theo TTXVN", an
    # agency after the writer's name, a newspaper given as the author)
    source: str | None = None
    category: str | None = None
    view_count: int | None = None
    summary: str | None = None
    body: str | None = None  # plain text, paragraphs separated by a blank line, NFC
    images: tuple[Image, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    links: Links = field(default_factory=Links)
    language: str | None = None
    date_raw: str | None = None  # the date string as the page wrote it, label included
    lead_tag: str | None = None  # a republisher's source tag opening the body: "(HG)", "STO"
    canonical: str | None = None  # the page's <link rel="canonical">, absolute
    other_kind: str | None = None  # for kind "other": soft404, blocked, search, register, gallery
    kind_reason: str | None = None  # why the page got its kind, for a human reading the output
    # values the page holds that could not be read ("image URL not read: 'http://[cdn]/a'"):
    # each lost alone, the rest of the record kept
    problems: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of docs/interface.md (lists, not tuples), plus date_raw, lead_tag,
        canonical, other_kind, kind_reason and problems."""
        out = asdict(self)
        out["images"] = [asdict(i) for i in self.images]
        out["attachments"] = [asdict(a) for a in self.attachments]
        out["links"] = {"articles": list(self.links.articles), "next_page": self.links.next_page}
        out["problems"] = list(self.problems)
        return out
