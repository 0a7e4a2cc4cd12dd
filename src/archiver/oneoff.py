"""`archiver parse`: one saved page or one URL to a Record, no archive involved."""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import urlsplit

from archiver.decoding import decode
from archiver.errors import ArchiverError, ExtractError
from archiver.extract import parse_page
from archiver.fetch import Fetcher
from archiver.model import Record
from archiver.seeds import Site


def parse_target(path_or_url: str, url: str | None = None) -> Record:
    """Parse a file (its URL given by `url`, else its file: URI) or fetch and parse a URL."""
    if urlsplit(path_or_url).scheme in ("http", "https"):
        return asyncio.run(_fetch_and_parse(path_or_url))
    path = Path(path_or_url)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse_page(decode(data), url or path.resolve().as_uri())


async def _fetch_and_parse(url: str) -> Record:
    host = (urlsplit(url).hostname or "").lower()
    site = Site(name="parse", start_urls=(url,), allowed_domains=(host,))
    async with Fetcher() as fetcher:
        response = await fetcher.fetch(url, site)
    if response.text is None:
        raise ArchiverError(f"{url}: not an HTML page ({response.content_type})")
    return parse_page(response.text, response.final_url)
