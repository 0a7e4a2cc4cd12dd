"""Sitemaps -> article URLs with their dates (issue 16), read as the bytes arrive.

`SitemapReader` is fed the response chunk by chunk and gives back the items each
chunk completes, in memory that does not grow with the file: gzip (recognised by
its magic bytes, whatever the content type) is inflated a bounded piece at a
time, and each <url> element is let go once read. XML sitemaps (sitemaps.org
0.9 and its variants, Google News) and plain-text ones (one URL a line) are read;
image, video and hreflang extensions are ignored.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from xml.parsers import expat

from archiver.normalize import clean_line, join_url, stated_iso

GZIP_MAGIC = b"\x1f\x8b"
# Inflated at most this much at a time: one network chunk of a gzip bomb (a 64 KB
# chunk can inflate to 64 MB) never lands in memory whole.
_PIECE = 256 * 1024
# A text sitemap's line past this without a newline is no list of URLs (sitemaps.org
# caps a URL at 2,048 characters).
_LONGEST_LINE = 64 * 1024
_SPACE = b" \t\r\n"
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ROOTS = {"urlset": "url", "sitemapindex": "sitemap"}  # each root and the element it lists


@dataclass(frozen=True)
class SitemapItem:
    """One URL a sitemap lists, with what it says of it."""

    url: str
    is_sitemap: bool  # a child sitemap listed by a <sitemapindex>
    lastmod: str | None  # ISO 8601 as stated, its zone kept
    news_published: str | None  # Google News <news:publication_date>
    news_title: str | None  # Google News <news:title>


class SitemapReader:
    """A sitemap read incrementally: `feed` each chunk as it arrives, then `close`.

    Neither method raises, whatever the bytes: a fault ends the reading with its
    reason in `problem` (one line), and the items read before it stay given.
    """

    def __init__(
        self, url: str, *, max_urls: int | None = None, max_bytes: int = 64 * 1024 * 1024
    ) -> None:
        self.url = url
        self.max_urls = max_urls
        self.max_bytes = max_bytes  # of the sitemap itself, inflated
        self.kind: str | None = None  # "urlset", "sitemapindex" or "text" once known
        self.problem: str | None = None
        self.truncated = False  # stopped at max_urls with more to come
        self.skipped = 0  # entries without a usable http(s) URL
        self._head = b""  # the first bytes, until gzip or not is known
        self._gzip: bool | None = None
        self._inflater: zlib._Decompress | None = None
        self._seen = 0  # bytes of the sitemap itself read so far
        self._count = 0  # items given
        self._mode: str | None = None  # "xml" or "text" once the first byte tells
        self._bom_read = False
        self._pending = b""  # the first bytes, until a BOM is known or not
        self._parser: ET.XMLPullParser[ET.Element] | None = None
        self._root: ET.Element | None = None
        self._depth = 0
        self._line = b""  # a text sitemap's unfinished line
        self._done = False

    def feed(self, chunk: bytes) -> list[SitemapItem]:
        """The items this chunk completes."""
        out: list[SitemapItem] = []
        if self._done or not chunk:
            return out
        if self._gzip is None:
            self._head += chunk
            if len(self._head) < len(GZIP_MAGIC):
                return out
            self._gzip, chunk, self._head = self._head.startswith(GZIP_MAGIC), self._head, b""
            self._inflater = zlib.decompressobj(wbits=31) if self._gzip else None
        for data in self._inflate(chunk) if self._gzip else [chunk]:
            self._take(data, out)
            if self._done:
                break
        return out

    def close(self) -> list[SitemapItem]:
        """The items the end of the sitemap completes; says if it was cut short."""
        out: list[SitemapItem] = []
        if self._done:
            return out
        if self._gzip is None and self._head:  # a body shorter than the gzip magic
            self._gzip, head, self._head = False, self._head, b""
            self._take(head, out)
        elif self._gzip:
            for data in self._inflate(b""):
                self._take(data, out)
                if self._done:
                    break
            if not self._done and self._inflater is not None and not self._inflater.eof:
                self._fail("cut short: the gzip stream ends early")
        if not self._done:
            self._finish(out)
        self._stop()
        return out

    # -- bytes: gzip and the bound on size

    def _inflate(self, chunk: bytes) -> Iterator[bytes]:
        """Inflated pieces of at most _PIECE bytes; a next gzip member is read on
        (gzip files may be concatenated), zero padding after the last is allowed."""
        data = chunk
        while self._inflater is not None and not self._done:
            if self._inflater.eof:
                rest = self._inflater.unused_data + data
                if not rest.strip(b"\0"):
                    return
                if not rest.startswith(GZIP_MAGIC):
                    self._fail("not gzip after the end of the gzip stream")
                    return
                self._inflater, data = zlib.decompressobj(wbits=31), rest
            try:
                piece = self._inflater.decompress(data, _PIECE)
            except zlib.error as error:
                self._fail(f"broken gzip: {error}")
                return
            data = self._inflater.unconsumed_tail
            ended = self._inflater.eof
            if piece:
                yield piece
            if not data and len(piece) < _PIECE and not ended:
                return  # all input read, all output given

    def _take(self, data: bytes, out: list[SitemapItem]) -> None:
        """Data of the sitemap itself, within max_bytes, to the XML or text reader."""
        room = self.max_bytes - self._seen
        self._seen += len(data)
        if len(data) > room:
            self._dispatch(data[:room], out)
            if not self._done:
                self._fail(f"larger than {self.max_bytes} bytes")
            return
        self._dispatch(data, out)

    def _dispatch(self, data: bytes, out: list[SitemapItem], *, final: bool = False) -> None:
        if self._mode is None:
            data = self._start(data, final)
        if self._mode == "xml":
            self._xml(data, out)
        elif self._mode == "text":
            self._text(data, out)

    def _start(self, data: bytes, final: bool) -> bytes:
        """Tell XML from text by the first byte past a BOM and space (which an XML
        declaration may not follow, and many sitemaps put before it anyway)."""
        head = self._pending + data
        if not self._bom_read:
            if len(head) < len(_UTF8_BOM) and not final:
                self._pending = head  # a BOM may be split between chunks
                return b""
            self._bom_read = True
            if head.startswith(_UTF16_BOMS):  # expat reads UTF-16 itself
                self._mode, self._pending = "xml", b""
                return head
            head = head.removeprefix(_UTF8_BOM)
        head, self._pending = head.lstrip(_SPACE), b""
        if head:
            self._mode = "xml" if head.startswith(b"<") else "text"
        return head

    # -- XML

    def _xml(self, data: bytes, out: list[SitemapItem]) -> None:
        if self._parser is None:
            self._parser = ET.XMLPullParser(events=("start", "end"))
        if data:
            self._parser.feed(data)  # a fault is queued among the events, in its place
        self._events(out)

    def _events(self, out: list[SitemapItem]) -> None:
        if self._parser is None:
            return
        try:
            for event in self._parser.read_events():
                element = event[-1]
                if not isinstance(element, ET.Element):
                    continue  # only "start" and "end" are asked for: never so
                if event[0] == "start":
                    self._depth += 1
                    if self._depth == 1:
                        self._open(element)
                else:
                    self._depth -= 1
                    if self._depth == 1:
                        self._item(element, out)
                if self._done:
                    return
        except ET.ParseError as error:
            self._fail(f"malformed XML at {_where(error)}: {expat.ErrorString(error.code)}")

    def _open(self, root: ET.Element) -> None:
        name = _local(root.tag)
        if name not in _ROOTS:
            self._fail(f"not a sitemap: its root element is <{name[:40]}>")
            return
        self.kind, self._root = name, root

    def _item(self, element: ET.Element, out: list[SitemapItem]) -> None:
        """A <url> or <sitemap> read, then let go with whatever came before it."""
        assert self._root is not None and self.kind is not None  # set at the root's start
        listed = _local(element.tag) == _ROOTS[self.kind]
        item = _read(element, self.url, self.kind == "sitemapindex") if listed else None
        self._root.clear()  # the root holds every child read so far: memory would grow
        if listed:
            self._give(item, out)

    def _finish(self, out: list[SitemapItem]) -> None:
        """The end of the data: the last line of a text sitemap, or the XML's end."""
        if self._mode == "text":
            self._line_read(self._line, out)
        elif self._mode == "xml" and self._parser is not None:
            try:
                self._parser.close()
            except ET.ParseError as error:
                self._events(out)
                if not self._done:
                    self._fail(f"cut short at {_where(error)}")
                return
            self._events(out)
        elif self._pending:
            self._dispatch(b"", out, final=True)
            if not self._done:
                self._finish(out)
        else:
            self._fail("empty body" if self._seen == 0 else "not a sitemap: only spaces")

    # -- text: one URL a line

    def _text(self, data: bytes, out: list[SitemapItem]) -> None:
        lines = (self._line + data).split(b"\n")
        self._line = lines.pop()
        for line in lines:
            self._line_read(line, out)
            if self._done:
                return
        if len(self._line) > _LONGEST_LINE:
            self._fail(f"not a sitemap: a line longer than {_LONGEST_LINE} bytes")
        elif self.kind is None and len(self._line.lstrip()) >= len(b"https://"):
            self._line_read(self._line, [], probe=True)  # binary junk is told early

    def _line_read(self, raw: bytes, out: list[SitemapItem], *, probe: bool = False) -> None:
        line = raw.strip().decode("utf-8", "replace")
        if not line:
            return
        if not line[:8].lower().startswith(("http://", "https://")):
            if self.kind is None:
                self._fail("not a sitemap: neither XML nor a list of URLs")
            else:
                self.skipped += 1
            return
        if probe:
            return
        self.kind = "text"
        url = _http_url(self.url, line)
        if url is None:
            self.skipped += 1
            return
        self._give(SitemapItem(url, False, None, None, None), out)

    # -- the end of reading

    def _give(self, item: SitemapItem | None, out: list[SitemapItem]) -> None:
        if item is None:
            self.skipped += 1
        elif self.max_urls is not None and self._count >= self.max_urls:
            self.truncated = True
            self._stop()
        else:
            self._count += 1
            out.append(item)

    def _fail(self, problem: str) -> None:
        self.problem = problem
        self._stop()

    def _stop(self) -> None:
        """Read no more, and let go of the parser, its tree and the inflater."""
        self._done = True
        self._parser = self._root = self._inflater = None
        self._line = b""


def _read(element: ET.Element, base: str, is_sitemap: bool) -> SitemapItem | None:
    """The item a <url> or <sitemap> element states, or None without a usable <loc>."""
    loc = lastmod = published = title = None
    for child in element:
        name = _local(child.tag)
        if name == "loc" and loc is None:
            loc = child.text
        elif name == "lastmod":
            lastmod = child.text
        elif name == "news":
            for part in child:
                part_name = _local(part.tag)
                if part_name == "publication_date":
                    published = part.text
                elif part_name == "title":
                    title = part.text
    url = _http_url(base, loc.strip()) if loc else None
    if url is None:
        return None
    return SitemapItem(
        url,
        is_sitemap,
        stated_iso(lastmod) if lastmod else None,
        stated_iso(published) if published else None,
        clean_line(title) or None if title else None,
    )


def sitemaps_from_robots(text: str, base_url: str) -> list[str]:
    """The sitemaps a robots.txt names on its `Sitemap:` lines (any case), resolved
    against its URL, http(s) only, each once, in their order."""
    found: list[str] = []
    for line in text.removeprefix("\ufeff").splitlines():
        key, colon, value = line.partition(":")
        if not colon or key.strip().lower() != "sitemap":
            continue
        value = value.split(" #", 1)[0].strip()  # a comment may follow the URL
        url = _http_url(base_url, value) if value else None
        if url is not None and url not in found:
            found.append(url)
    return found


def _http_url(base: str, ref: str) -> str | None:
    url = join_url(base, ref)
    return url if url is not None and url[:8].lower().startswith(("http://", "https://")) else None


def _local(tag: str) -> str:
    """An element's name without its namespace: sitemaps.org 0.9, its variants (a
    trailing slash, https, Google's 0.84) and none at all are read alike."""
    return tag.rpartition("}")[2]


def _where(error: ET.ParseError) -> str:
    line, column = error.position
    return f"line {line}, column {column}"
