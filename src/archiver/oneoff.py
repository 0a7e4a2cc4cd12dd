"""`archiver parse`: saved pages or one URL to Records, no archive involved."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from archiver.decoding import decode
from archiver.errors import ArchiverError, ExtractError
from archiver.extract import parse_page
from archiver.fetch import Fetcher
from archiver.model import Record
from archiver.seeds import Site
from archiver.terminal import json_text

STDIN_URL = "file:///dev/stdin"  # what links on a page read from stdin resolve against


def parse_target(path_or_url: str, url: str | None = None) -> Record:
    """Parse a file (its URL given by `url`, else its file: URI), a page on stdin
    ("-"; its URL given by `url`, else file:///dev/stdin) or fetch and parse a URL."""
    if path_or_url == "-":
        return parse_page(decode(sys.stdin.buffer.read()), url or STDIN_URL)
    try:
        scheme = urlsplit(path_or_url).scheme
    except ValueError as exc:  # "http://[::1": no URL, and no file either
        raise ExtractError(f"{path_or_url}: not a web address to fetch: {exc}") from None
    if scheme in ("http", "https"):
        return asyncio.run(_fetch_and_parse(path_or_url))
    return parse_file(Path(path_or_url), url)


def parse_file(path: Path, url: str | None = None) -> Record:
    """Parse one saved page; a file that cannot be read is an ExtractError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse_page(decode(data), url or path.resolve().as_uri())


def parse_batch(lines: Iterable[str], out: TextIO) -> int:
    """Parse each `PATH<TAB>URL` line, writing one JSON object per line in the same
    order and flushing after each; return how many lines failed."""
    failed = 0
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        path, _, url = line.partition("\t")
        try:
            result = parse_file(Path(path), url.strip() or None).to_dict()
        except ArchiverError as exc:
            failed += 1
            result = {"url": url.strip() or path, "line": number, "error": str(exc)}
        out.write(json_text(result, indent=None) + "\n")
        out.flush()
    return failed


async def _fetch_and_parse(url: str) -> Record:
    host = (urlsplit(url).hostname or "").lower()
    site = Site(name="parse", start_urls=(url,), allowed_domains=(host,))
    async with Fetcher() as fetcher:
        response = await fetcher.fetch(url, site)
    if response.text is None:
        raise ArchiverError(f"{url}: not an HTML page ({response.content_type})")
    return parse_page(response.text, response.final_url)
