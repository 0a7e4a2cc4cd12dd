"""What every sample site shares: routing, files, the header clock, page counts.

Each CMS family (umbraco.py, liferay.py, sharepoint.py) subclasses `SampleSite`
and supplies its URL shapes, its truth and its HTML.
"""

from __future__ import annotations

import html
import io
import struct
import zipfile
import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

from archiver.sample.content import VN_TZ, ArticleTruth, SiteTruth, Story

PER_PAGE = 10
WEEKDAY_NUMBERS = ("Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "Chủ nhật")

esc = html.escape


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


NOT_FOUND = Response(404, "text/html; charset=utf-8", b"<html><body>404 Not Found</body></html>")


def today_in_vietnam() -> date:
    """The date a visitor in Vietnam sees now (what header clocks print)."""
    return datetime.now(VN_TZ).date()


def header_clock(day: date) -> str:
    """`Thứ 5, Ngày 26/11/2026 -`: the header line showing today, not the article's date."""
    return f"{WEEKDAY_NUMBERS[day.weekday()]}, Ngày {day:%d/%m/%Y} -"


def page_count(articles: int) -> int:
    return max(1, -(-articles // PER_PAGE))


@cache
def png_bytes() -> bytes:
    """A valid 1x1 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@cache
def pdf_bytes() -> bytes:
    """A small one-page PDF with an empty page."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = io.BytesIO(b"%PDF-1.4\n")
    out.seek(0, io.SEEK_END)
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, obj))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (4, xref))
    return out.getvalue()


@cache
def docx_bytes() -> bytes:
    """A minimal Word document (a zip with the three parts Word needs)."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
        'main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>",
        "word/document.xml": '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats'
        '.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Quyết định</w:t></w:r></w:p>'
        "</w:body></w:document>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), text)
    return out.getvalue()


FILE_TYPES: dict[str, tuple[str, Callable[[], bytes]]] = {
    ".png": ("image/png", png_bytes),
    ".jpg": ("image/png", png_bytes),  # the banner: any small image will do
    ".pdf": ("application/pdf", pdf_bytes),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        docx_bytes,
    ),
}


class SampleSite(ABC):
    """One portal: its stories, URL shapes and pages, independent of any server."""

    name: ClassVar[str]
    title: ClassVar[str]
    family: ClassVar[str]
    province: ClassVar[str]
    robots: ClassVar[str] = "User-agent: *\nDisallow: /admin/\n"
    listing_base: ClassVar[str]  # path of listing page 1
    page_param: ClassVar[str]  # query parameter naming the other listing pages
    category: ClassVar[str] = ""  # the section's name as its pages print it

    def __init__(self, articles: int, today: Callable[[], date] = today_in_vietnam) -> None:
        self.today = today
        self.redesigned = False  # True: serve SCRIPT_SHELL, as after a move to a JS front end
        self.base_url = ""
        # where listing page 1 is served now (None: the section was dropped)
        self.section_path: str | None = self.listing_base
        self.stories: list[Story] = []
        used: set[str] = set()
        for index in range(articles):
            story = self.make_story(index)
            if story.slug in used:  # two titles alike: the CMS appends a counter
                story = replace(story, slug=f"{story.slug}-{index + 1}")
            used.add(story.slug)
            self.stories.append(story)
        self._index_stories()

    def _index_stories(self) -> None:
        self.by_target = {self.article_path(s): s.index for s in self.stories}
        self._position = {s.index: at for at, s in enumerate(self.stories)}
        self.files = {p for s in self.stories for p in self.file_paths(s)} | self.extra_files()

    def publish(self, story: Story) -> None:
        """Put a new story at the top of the section, as an editor publishing does."""
        self.stories.insert(0, story)
        self._index_stories()

    def neighbours(self, story: Story, start: int, stop: int) -> list[Story]:
        """The stories `start` to `stop` places after `story` in listing order (negative:
        before it), as "other news" boxes list them."""
        at = self._position[story.index]
        return self.stories[max(0, at + start) : max(0, at + stop)]

    def story_at(self, index: int) -> Story:
        return self.stories[self._position[index]]

    @abstractmethod
    def make_story(self, index: int) -> Story: ...

    @abstractmethod
    def article_path(self, story: Story) -> str:
        """Path (with query when the CMS uses one) of the story's page."""

    @abstractmethod
    def listing_path(self, page: int) -> str: ...

    def listing_page(self, path: str, query: dict[str, list[str]]) -> int | None:
        """Which listing page a request asks for, or None when it is not a listing."""
        if path != self.section_path:
            return None
        value = query.get(self.page_param, ["1"])[0]
        return int(value) if value.isdigit() else None

    @abstractmethod
    def file_paths(self, story: Story) -> list[str]: ...

    @abstractmethod
    def truth(self, story: Story) -> ArticleTruth: ...

    @abstractmethod
    def article_html(self, story: Story) -> str: ...

    @abstractmethod
    def listing_html(self, page: int) -> str: ...

    def extra_files(self) -> set[str]:
        return set()

    def extra_page(self, path: str) -> str | None:
        """Pages besides articles and listings (admin, about); None when absent."""
        return None

    @property
    def pages(self) -> int:
        return page_count(len(self.stories))

    def page_stories(self, page: int) -> list[Story]:
        return self.stories[(page - 1) * PER_PAGE : page * PER_PAGE]

    def url(self, path: str) -> str:
        return self.base_url + path

    def site_truth(self) -> SiteTruth:
        return SiteTruth(
            name=self.name,
            title=self.title,
            family=self.family,
            province=self.province,
            base_url=self.base_url,
            start_url=self.url(self.listing_path(1)),
            articles=[self.truth(s) for s in self.stories],
            home_url=self.url("/"),
            sections=(self.url(self.listing_path(1)),),
        )

    def route(self, target: str) -> Response:
        """Answer one GET request target (path plus query)."""
        parts = urlsplit(target)
        path = parts.path
        if path == "/robots.txt":
            return Response(200, "text/plain; charset=utf-8", self.robots.encode())
        index = self.by_target.get(path + (f"?{parts.query}" if parts.query else ""))
        if index is not None:
            return html_page(
                SCRIPT_SHELL if self.redesigned else self.article_html(self.story_at(index))
            )
        page = self.listing_page(path, parse_qs(parts.query))
        if page is not None and 1 <= page <= self.pages:
            return html_page(SCRIPT_SHELL if self.redesigned else self.listing_html(page))
        if path in self.files:
            kind, make = FILE_TYPES[path[path.rfind(".") :].lower()]
            return Response(200, kind, make())
        extra = self.extra_page(path)
        return NOT_FOUND if extra is None else html_page(extra)


# What a portal moved to a script-rendered front end serves: the chrome, no text, no links.
SCRIPT_SHELL = (
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin điện tử'
    '</title></head><body><div id="root">Đang tải dữ liệu...</div>'
    '<script src="/static/js/main.8f3a2c.js"></script></body></html>'
)


def html_page(text: str) -> Response:
    return Response(200, "text/html; charset=utf-8", text.encode("utf-8"))
