"""Response bodies: read with a size cap that holds after decompression, and
bytes turned into NFC text, trusting the bytes when the declarations lie."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable

import charset_normalizer
import httpx

from archiver.errors import BrokenBody, TooLarge
from archiver.normalize import nfc

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)

HTML_TYPES = ("text/html", "application/xhtml+xml", "")


async def read_capped(resp: httpx.Response, url: str, limit: int) -> bytes:
    """The body, decompressed, never holding more than limit + one chunk in memory
    (httpx's own decoding inflates a whole chunk before any check could run)."""
    out = bytearray()

    def keep(chunk: bytes) -> bool:
        out.extend(chunk)
        return True

    await read_into(resp, url, limit, keep)
    return bytes(out)


async def read_into(
    resp: httpx.Response, url: str, limit: int, sink: Callable[[bytes], bool]
) -> int:
    """Pass the body, decompressed, to sink chunk by chunk (a sitemap of 50 MB is read
    without being held); sink returns False to stop reading. The bytes read are
    returned; more than limit is TooLarge."""
    encoding = resp.headers.get("content-encoding", "").strip().lower()
    inflater = None
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    total = 0
    try:
        async for raw in resp.aiter_raw():
            chunk = inflater.decompress(raw, limit + 1 - total) if inflater else raw
            total += len(chunk)
            if total > limit:
                raise TooLarge(url, f"larger than {limit} bytes", status=resp.status_code)
            if chunk and not sink(chunk):
                break
    except zlib.error as exc:
        raise BrokenBody(url, f"broken {encoding} body: {exc}", status=resp.status_code) from None
    return total


def decode(body: bytes, content_type: str = "") -> str:
    """Bytes to NFC text: strict UTF-8, then the declared charsets, then detection."""
    declared = [header_charset(content_type), _meta_charset(body)]
    for encoding in ("utf-8", *[d for d in declared if d]):
        try:
            return nfc(body.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(body).best()
    text = str(best) if best is not None else body.decode("utf-8", errors="replace")
    return nfc(text)


def header_charset(content_type: str) -> str | None:
    """The charset a Content-Type header declares, lower-cased."""
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1).lower() if match else None


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii").lower() if match else None
