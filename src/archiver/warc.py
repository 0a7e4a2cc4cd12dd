"""WARC, the format archivists keep web pages in (ISO 28500; version 1.1 written),
through warcio, the Webrecorder project's reader and writer: the format's corner
cases (gzip member per record, chunked and compressed payloads, digests, WARC
1.0 and 1.1, ARC) are what a well-kept library is for.

Written: a `warcinfo` record naming archiver and the sites, then for each kept
response its `response` record, the `request` that asked for it and a `metadata`
record saying where archiver filed it (site, kind, run). archiver keeps bodies as
decoded (no transfer or content coding), so a response head is written without
its Content-Encoding and Transfer-Encoding, their values kept under
`X-Archiver-Orig-*`, and with the Content-Length of the body it carries. A page
archived before heads were kept is written as a `resource` record.

Read: `response` and `resource` records of any producer (wget --warc-file,
Browsertrix, Common Crawl, heritrix), their payloads decoded as warcio decodes
them; other records are counted and passed over.
"""

from __future__ import annotations

import gzip
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver import USER_AGENT, clock
from archiver.errors import ArchiverError
from archiver.model import Exchange
from archiver.store import StoredResponse

_CODINGS = ("content-encoding", "transfer-encoding")


class WarcError(ArchiverError):
    """A file that is not WARC (or ARC), or is cut short where no record can follow."""


def write(out: BinaryIO, responses: Iterable[StoredResponse], info: Mapping[str, str]) -> int:
    """Write a warcinfo record (archiver's fields, then `info`) and every response to
    `out` as gzipped WARC 1.1; returns how many responses were written."""
    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    fields = {
        "software": USER_AGENT,
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        "robots": "obey",
        "http-header-user-agent": USER_AGENT,
        **info,
    }
    writer.write_record(writer.create_warcinfo_record(info.get("filename", ""), fields))
    count = 0
    for response in responses:
        for record in _records(writer, response):
            writer.write_record(record)
        count += 1
    return count


def _records(writer: WARCWriter, response: StoredResponse) -> list[object]:
    exchange = response.exchange
    date = _warc_date(exchange.requested_at)
    if not exchange.http_version:  # kept before heads were: the body alone
        kind = exchange.header("Content-Type") or "application/octet-stream"
        resource = writer.create_warc_record(
            exchange.url,
            "resource",
            payload=io.BytesIO(response.body),
            length=len(response.body),
            warc_content_type=kind,
            warc_headers_dict={"WARC-Date": date},
        )
        return [resource, _metadata(writer, response, resource, date)]
    head = StatusAndHeaders(
        f"{exchange.status} {exchange.reason}".strip(),
        _stored_head(exchange.headers, len(response.body)),
        protocol=exchange.http_version,
    )
    reply = writer.create_warc_record(
        exchange.url,
        "response",
        payload=io.BytesIO(response.body),
        length=len(response.body),
        http_headers=head,
        warc_headers_dict={"WARC-Date": date},
    )
    reply_id = reply.rec_headers.get_header("WARC-Record-ID")
    parts = urlsplit(exchange.url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    asked = StatusAndHeaders(
        f"{exchange.method} {target} {exchange.http_version}",
        list(exchange.request_headers),
        is_http_request=True,
    )
    request = writer.create_warc_record(
        exchange.url,
        "request",
        http_headers=asked,
        warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": reply_id},
    )
    return [reply, request, _metadata(writer, response, reply, date)]


def _metadata(writer: WARCWriter, response: StoredResponse, about: object, date: str) -> object:
    lines = [f"archiver-site: {response.site}"]
    if response.kind:
        lines.append(f"archiver-kind: {response.kind}")
    if response.run_id is not None:
        lines.append(f"archiver-run: {response.run_id}")
    payload = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    refers = about.rec_headers.get_header("WARC-Record-ID")  # type: ignore[attr-defined]
    return writer.create_warc_record(
        response.exchange.url,
        "metadata",
        payload=io.BytesIO(payload),
        length=len(payload),
        warc_content_type="application/warc-fields",
        warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": refers},
    )


def _stored_head(headers: Iterable[tuple[str, str]], length: int) -> list[tuple[str, str]]:
    """The response head as it fits the decoded body archiver kept."""
    out = []
    for name, value in headers:
        lowered = name.lower()
        if lowered in _CODINGS:
            out.append((f"X-Archiver-Orig-{name}", value))
        elif lowered != "content-length":
            out.append((name, value))
    out.append(("Content-Length", str(length)))
    return out


def _warc_date(stamp: str) -> str:
    """An archiver moment ("...+00:00") as WARC-Date wants it ("...Z")."""
    when = datetime.fromisoformat(stamp).astimezone(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


# -- reading ----------------------------------------------------------------------


@dataclass(frozen=True)
class Capture:
    """One page a WARC file holds: the exchange that fetched it, and its body
    decoded (None when it was larger than the reader's limit)."""

    exchange: Exchange
    body: bytes | None
    site: str | None = None  # the site an archiver export filed it under

    @property
    def content_type(self) -> str:
        return self.exchange.header("Content-Type") or ""


def read(path: Path, max_bytes: int, passed: Counter[str] | None = None) -> Iterator[Capture]:
    """The pages (response and resource records) of a WARC or ARC file, gzipped or
    not, in file order; a body over `max_bytes` is not read (body None). Records of
    other types are counted in `passed`. A file that is no WARC is a WarcError
    naming it."""
    passed = passed if passed is not None else Counter()
    gzipped = False
    try:
        with path.open("rb") as stream:
            gzipped = _check_start(path, stream)
            yield from _captures(ArchiveIterator(stream, arc2warc=True), max_bytes, passed)
        if gzipped:
            _check_end(path)
    except _CutShort as exc:
        raise WarcError(
            f"{path}: cut short inside the record of {exc}; the pages before it were read"
        ) from None
    except _Damaged as exc:
        if gzipped:  # a record cut inside its own header: the file may be cut short
            _check_end(path)
        raise WarcError(f"{path}: damaged after the pages read: {exc}") from None
    except ArchiveLoadFailed as exc:
        raise WarcError(f"{path}: not a WARC file, or damaged: {exc}") from None
    except OSError as exc:
        raise WarcError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _check_start(path: Path, stream: BinaryIO) -> bool:
    """A WARC file starts "WARC/", an ARC file "filedesc://", gzipped or not: warcio
    would read any line of five words as an ARC record. True when it is gzipped."""
    start = stream.read(512)
    stream.seek(0)
    gzipped = start[:2] == b"\x1f\x8b"
    if gzipped:
        try:
            start = gzip.GzipFile(fileobj=io.BytesIO(start)).read(16)
        except (OSError, EOFError):
            start = start[:0]  # a member longer than 512 bytes: read what came
            with gzip.open(path, "rb") as unzipped:
                start = unzipped.read(16)
    if not start.startswith((b"WARC/", b"filedesc://")):
        raise WarcError(f"{path}: not a WARC file (it starts {start[:16]!r})")
    return gzipped


def _check_end(path: Path) -> None:
    """A gzipped file read to its end by warcio may still end inside a gzip member
    (a download cut short): warcio stops there without a word; gzip does not."""
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except (EOFError, OSError) as exc:
        raise WarcError(f"{path}: cut short ({exc}); the pages before it were read") from None


def _captures(records: Iterable[object], max_bytes: int, passed: Counter[str]) -> Iterator[Capture]:
    """Each page, with the site an archiver metadata record that follows it names:
    a page is held until the next page comes (one body at a time)."""
    held: Capture | None = None
    held_id = None
    for record in _whole(records):
        kind = record.rec_type  # type: ignore[attr-defined]
        if kind not in ("response", "resource"):
            passed[f"{kind} records"] += 1
            if kind == "metadata" and held is not None:
                headers = record.rec_headers  # type: ignore[attr-defined]
                if headers.get_header("WARC-Concurrent-To") == held_id:
                    held = replace(held, site=_fields(record).get("archiver-site") or held.site)
            _drain(record)
            continue
        try:
            capture = _capture(record, max_bytes)
        except _CutShort:
            if held is not None:
                yield held  # whole, whatever comes after it
            raise
        if held is not None:
            yield held
        held = capture
        held_id = record.rec_headers.get_header("WARC-Record-ID")  # type: ignore[attr-defined]
    if held is not None:
        yield held


def _whole(records: Iterable[object]) -> Iterator[object]:
    """The records, where a record warcio cannot read at all is a _Damaged error: a
    file cut inside a record's own header makes warcio fail in ways of its own."""
    iterator = iter(records)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            return
        except ArchiveLoadFailed:
            raise
        except Exception as exc:  # warcio's own failure on bytes that are no record
            raise _Damaged(f"{type(exc).__name__}: {exc}") from None
        yield record


def _drain(record: object) -> None:
    """Read the rest of a record passed over, to know it is whole."""
    stream = record.raw_stream  # type: ignore[attr-defined]
    while stream.read(65536):
        pass
    if getattr(stream, "limit", 0):
        raise _CutShort(record.rec_headers.get_header("WARC-Target-URI") or "a record")  # type: ignore[attr-defined]


def _fields(record: object) -> dict[str, str]:
    """An application/warc-fields payload's "name: value" lines (its first 64 KiB)."""
    text = record.content_stream().read(65536).decode("utf-8", "replace")  # type: ignore[attr-defined]
    pairs = (line.partition(":") for line in text.splitlines())
    return {name.strip(): value.strip() for name, sep, value in pairs if sep}


def _capture(record: object, max_bytes: int) -> Capture | None:
    kind = record.rec_type  # type: ignore[attr-defined]
    if kind not in ("response", "resource"):
        return None
    headers = record.rec_headers  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI") or ""
    at = _stamp(headers.get_header("WARC-Date") or "")
    http = record.http_headers  # type: ignore[attr-defined]
    if kind == "response" and http is not None:
        code, _, reason = (http.statusline or "").partition(" ")
        exchange = Exchange(
            url,
            at,
            int(code) if code.isdigit() else 0,
            tuple((str(k), str(v)) for k, v in http.headers),
            http.protocol or "HTTP/1.1",
            reason,
        )
    else:
        kind_of = headers.get_header("Content-Type") or "application/octet-stream"
        exchange = Exchange(url, at, 200, (("Content-Type", kind_of),), "", "")
    body = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    if len(body) > max_bytes:
        return Capture(exchange, None)
    if getattr(record.raw_stream, "limit", 0):  # type: ignore[attr-defined]
        # the record's declared length was not there to read: the file ends inside it
        raise _CutShort(url)
    return Capture(exchange, body)


class _CutShort(Exception):
    """A record the file ends inside of (warcio reads what there is, silently)."""


class _Damaged(Exception):
    """Bytes where a record should start that warcio cannot read."""


def _stamp(warc_date: str) -> str:
    """A WARC-Date ("2024-03-12T08:00:00Z", maybe with a fraction) as archiver writes
    moments; the reading moment for a record without one."""
    try:
        when = datetime.fromisoformat(warc_date.replace("Z", "+00:00"))
    except ValueError:
        when = datetime.now(UTC)
    return clock.stamp(when if when.tzinfo else when.replace(tzinfo=UTC))
