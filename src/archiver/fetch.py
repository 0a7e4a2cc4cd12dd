"""HTTP for the crawler: one shared client, per-host politeness (robots.txt,
rate limit, concurrency), bounded retries, a size cap enforced while streaming
(decompressed bytes included) and decoding of bytes to NFC text."""

from __future__ import annotations

import asyncio
import email.utils
import random
import re
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import charset_normalizer
import httpx
from protego import Protego

from archiver.errors import FetchError
from archiver.normalize import nfc
from archiver.seeds import Site

MAX_BYTES = 10 * 1024 * 1024
MAX_ATTEMPTS = 3
MAX_RETRY_WAIT = 30.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class Response:
    """A fetched URL: bytes as received, and text when the body is HTML."""

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    text: str | None
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_html(self) -> bool:
        return self.text is not None


class HostGate:
    """At most `concurrency` requests in flight and one start per `interval` seconds."""

    def __init__(self, *, concurrency: int, interval: float) -> None:
        self._slots = asyncio.Semaphore(concurrency)
        self._lock = asyncio.Lock()
        self.interval = interval
        self._next_start = 0.0

    async def __aenter__(self) -> HostGate:
        await self._slots.acquire()
        async with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start)
            self._next_start = start + self.interval
        if start > now:
            await asyncio.sleep(start - now)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._slots.release()


@dataclass
class _Host:
    """What a run keeps per host: its politeness gate and its own connection pool
    (httpcore scans the whole pool on every request: small pools stay cheap)."""

    gate: HostGate
    client: httpx.AsyncClient


class Fetcher:
    """Fetches pages politely; one instance per run, shared by every site."""

    def __init__(
        self,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        max_bytes: int = MAX_BYTES,
        max_attempts: int = MAX_ATTEMPTS,
    ) -> None:
        self._transport = transport
        self.max_bytes = max_bytes
        self.max_attempts = max_attempts
        self.requests = 0
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, asyncio.Future[Protego | str | None]] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        for host in self._hosts.values():
            await host.client.aclose()

    async def fetch(self, url: str, site: Site) -> Response:
        """GET url under site's politeness rules; raises FetchError with the reason."""
        if not site.allows(url):
            raise FetchError(url, "outside the site's allowed_domains")
        if site.respect_robots:
            await self._check_robots(url, site)
        return await self._fetch_with_retries(url, site)

    async def _fetch_with_retries(self, url: str, site: Site) -> Response:
        for attempt in range(1, self.max_attempts + 1):
            try:
                response = await self._get(url, site)
            except FetchError as exc:
                if attempt == self.max_attempts or not _retryable(exc):
                    raise
                await asyncio.sleep(_backoff(attempt, None))
                continue
            if response.status in RETRY_STATUSES and attempt < self.max_attempts:
                await asyncio.sleep(_backoff(attempt, response.headers.get("retry-after")))
                continue
            if response.status >= 400:
                raise FetchError(url, f"HTTP {response.status}", status=response.status)
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    async def _get(self, url: str, site: Site) -> Response:
        host = self._host(url, site)
        async with host.gate:
            self.requests += 1
            try:
                async with asyncio.timeout(site.timeout):
                    return await self._stream(host.client, url, site)
            except TimeoutError:
                raise FetchError(url, f"timed out after {site.timeout:g} s") from None
            except httpx.TooManyRedirects:
                raise FetchError(url, "too many redirects") from None
            except httpx.HTTPError as exc:
                raise FetchError(url, _describe(exc)) from None

    async def _stream(self, client: httpx.AsyncClient, url: str, site: Site) -> Response:
        headers = {"User-Agent": site.user_agent}
        async with client.stream("GET", url, headers=headers) as resp:
            final_url = str(resp.url)
            if final_url != url and not site.allows(final_url):
                raise FetchError(url, f"redirected outside allowed_domains to {final_url}")
            body = await _read_capped(resp, url, self.max_bytes)
        content_type = resp.headers.get("content-type", "").split(";")[0].strip().lower()
        text = (
            decode(body, resp.headers.get("content-type", "")) if _is_html(content_type) else None
        )
        return Response(url, final_url, resp.status_code, content_type, body, text, resp.headers)

    def _host(self, url: str, site: Site) -> _Host:
        name = urlsplit(url).netloc.lower()
        if name not in self._hosts:
            client = httpx.AsyncClient(
                transport=self._transport,
                follow_redirects=True,
                max_redirects=10,
                headers={"Accept-Encoding": "gzip, deflate", "Accept-Language": "vi,en;q=0.5"},
                limits=httpx.Limits(max_keepalive_connections=site.concurrency),
            )
            gate = HostGate(concurrency=site.concurrency, interval=1 / site.rate_limit)
            self._hosts[name] = _Host(gate, client)
        return self._hosts[name]

    async def _check_robots(self, url: str, site: Site) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        if origin not in self._robots:
            self._robots[origin] = asyncio.ensure_future(self._load_robots(origin, site))
        robots = await self._robots[origin]
        if isinstance(robots, str):
            raise FetchError(url, robots)
        if robots is not None and not robots.can_fetch(url, site.user_agent):
            raise FetchError(url, "disallowed by robots.txt")

    async def _load_robots(self, origin: str, site: Site) -> Protego | str | None:
        """robots.txt once per origin (RFC 9309): a missing file allows everything,
        a server error forbids everything (the reason is returned), an unreachable
        host lets the page fetch itself report the failure."""
        try:
            response = await self._get(origin + "/robots.txt", site)
        except FetchError:
            return None
        if response.status >= 500:
            return f"robots.txt answered HTTP {response.status}: host not crawled"
        if response.status >= 400:
            return None
        robots = Protego.parse(decode(response.body, response.headers.get("content-type", "")))
        delay = robots.crawl_delay(site.user_agent)
        if delay:
            gate = self._host(origin + "/", site).gate
            gate.interval = max(gate.interval, float(delay))
        return robots


async def _read_capped(resp: httpx.Response, url: str, limit: int) -> bytes:
    """The body, decompressed, never holding more than limit + one chunk in memory."""
    encoding = resp.headers.get("content-encoding", "").strip().lower()
    inflater = None
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    out = bytearray()
    try:
        async for chunk in resp.aiter_raw():
            out += inflater.decompress(chunk, limit + 1 - len(out)) if inflater else chunk
            if len(out) > limit:
                raise FetchError(
                    url, f"response larger than {limit} bytes", status=resp.status_code
                )
    except zlib.error as exc:
        raise FetchError(url, f"broken {encoding} body: {exc}", status=resp.status_code) from None
    return bytes(out)


def decode(body: bytes, content_type: str = "") -> str:
    """Bytes to NFC text: strict UTF-8, then the declared charsets, then detection."""
    declared = [_charset(content_type), _meta_charset(body)]
    for encoding in ("utf-8", *[d for d in declared if d]):
        try:
            return nfc(body.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(body).best()
    text = str(best) if best is not None else body.decode("utf-8", errors="replace")
    return nfc(text)


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    return match.group(1).lower() if match else None


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def _is_html(content_type: str) -> bool:
    return content_type in HTML_TYPES or content_type == ""


def _retryable(exc: FetchError) -> bool:
    return exc.status is None and "larger than" not in exc.reason and "redirect" not in exc.reason


def _backoff(attempt: int, retry_after: str | None) -> float:
    """Exponential backoff with jitter, or the server's Retry-After, capped."""
    wait = 0.5 * 2.0 ** (attempt - 1) + random.uniform(0, 0.25)
    if retry_after:
        wait = max(wait, _retry_after_seconds(retry_after))
    return min(wait, MAX_RETRY_WAIT)


def _retry_after_seconds(value: str) -> float:
    if value.strip().isdigit():
        return float(value)
    try:
        when: float = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, when - time.time())


def _describe(exc: httpx.HTTPError) -> str:
    """A short reason: the exception's class and its first message line."""
    message = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {message}".rstrip(": ")
