"""HTTP for the crawler: per-host politeness (robots.txt, rate limit,
concurrency), redirects followed hop by hop inside the site, bounded retries,
conditional requests, and bodies read under a size cap (see decoding.py)."""

from __future__ import annotations

import asyncio
import email.utils
import random
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

import certifi
import httpx

from archiver import clock
from archiver.decoding import HTML_TYPES, decode, read_capped, read_into
from archiver.errors import (
    RETRY_STATUSES,
    FetchError,
    FetchTimeout,
    HttpStatus,
    NotAllowed,
    ProtocolError,
    RedirectRefused,
    RobotsRefused,
)
from archiver.extract.problems import ascii_safe
from archiver.model import Exchange
from archiver.normalize import join_url
from archiver.robots import ALLOW_ALL, HostGate, Robots
from archiver.seeds import Site

MAX_ATTEMPTS = 3
MAX_TOTAL_WAIT = 60.0  # seconds of back-off one URL may cost in one run
MAX_HOPS = 10
# The longest robots.txt Crawl-delay obeyed, in seconds: a host asking for more
# (Crawl-delay: 100000 would hold the run, and its lock, for days) is reported and
# not crawled this run.
MAX_CRAWL_DELAY = 60.0
# What one host's cookie jar may hold: a server setting a new cookie on every page
# made a 314 KB Cookie header after ten pages, and its pages failed. Past either
# bound the jar is emptied (8 KB is the header size most servers accept).
MAX_COOKIES = 50
MAX_COOKIE_BYTES = 8192
# The longest Retry-After obeyed, in seconds: a server asking for longer (or for
# 999999999999 s) is retried after a day, as the frontier's own back-off allows.
MAX_RETRY_AFTER = 86_400.0
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Validators:
    """What a server said about a page last time, for a conditional re-fetch."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


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
    attempts: int = 1
    exchange: Exchange | None = None  # the request and response head, for the archive

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def validators(self) -> Validators:
        return Validators(self.headers.get("etag"), self.headers.get("last-modified"))


@dataclass
class _Host:
    """What a run keeps per host: its politeness gate and its own connection pool
    (httpcore scans the whole pool on every request: small pools stay cheap)."""

    gate: HostGate
    client: httpx.AsyncClient
    robots: asyncio.Future[Robots] | None = None


class Fetcher:
    """Fetches pages politely; one instance per run, shared by every site."""

    def __init__(
        self,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        max_attempts: int = MAX_ATTEMPTS,
        max_total_wait: float = MAX_TOTAL_WAIT,
    ) -> None:
        self._transport = transport
        self.max_attempts = max_attempts
        self.max_total_wait = max_total_wait
        self.requests = 0
        self._hosts: dict[str, _Host] = {}
        self._tls: ssl.SSLContext | None = None

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        for host in self._hosts.values():
            await host.client.aclose()

    async def fetch(
        self, url: str, site: Site, *, validators: Validators | None = None
    ) -> Response:
        """GET url under site's rules, retrying what may pass; FetchError says why not.
        A 304 answer to `validators` comes back as a Response with `not_modified`."""
        if not site.allows(url):
            raise NotAllowed(url, "outside the site's allowed_domains")
        headers = validators.headers() if validators else {}
        waited = 0.0
        for attempt in range(1, self.max_attempts + 1):
            try:
                response = await self._follow(url, site, headers)
            except FetchError as exc:
                failure, wait = exc.after(attempt), _backoff(attempt, None)
            else:
                if response.status not in RETRY_STATUSES and response.status < 400:
                    return replace(response, attempts=attempt)
                failure = _status_error(response, attempt)
                wait = _backoff(attempt, response.headers.get("retry-after"))
            if attempt == self.max_attempts or not failure.retryable:
                raise failure
            if waited + wait > self.max_total_wait:
                raise failure.after(attempt, f"; gave up rather than wait {wait:.0f} s more")
            waited += wait
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    async def stream(
        self, url: str, site: Site, sink: Callable[[bytes], bool], *, limit: int
    ) -> Response:
        """GET url under site's rules once (a sink fed halfway cannot be fed again),
        passing the body to sink as it arrives, up to limit bytes decompressed: for
        sitemaps, which may be 50 MB. The Response comes back without its body."""
        if not site.allows(url):
            raise NotAllowed(url, "outside the site's allowed_domains")
        response = await self._follow(url, site, {}, sink=(sink, limit))
        if response.status >= 400:
            raise _status_error(response, 1)
        return response

    async def robots(self, url: str, site: Site) -> Robots:
        """The robots.txt rules of url's host (read once per run), whatever the seed's
        respect_robots says: for the `Sitemap:` lines it names."""
        host = self._host(url, site)
        if host.robots is None:
            parts = urlsplit(url)
            origin = f"{parts.scheme}://{parts.netloc.lower()}"
            host.robots = asyncio.ensure_future(self._load_robots(origin, site, host))
        return await host.robots

    async def _follow(
        self,
        url: str,
        site: Site,
        headers: Mapping[str, str],
        *,
        robots: bool = True,
        sink: tuple[Callable[[bytes], bool], int] | None = None,
    ) -> Response:
        """One request per hop: each hop must stay inside the site and obey robots.txt."""
        current, seen = url, {url}
        for _ in range(MAX_HOPS + 1):
            if robots and site.respect_robots:
                await self._check_robots(current, site)
            response = await self._get(current, site, headers, sink)
            if response.status not in REDIRECT_STATUSES:
                return replace(response, url=url)
            location = response.headers.get("location")
            if not location:
                raise RedirectRefused(url, f"HTTP {response.status} without a Location")
            target = join_url(current, location.strip())
            if target is None or urlsplit(target).scheme not in ("http", "https"):
                shown = ascii_safe(location.strip()[:80])
                raise RedirectRefused(url, f"redirected to {shown}, not a web address")
            if not site.allows(target):
                raise RedirectRefused(url, f"redirected outside allowed_domains to {target}")
            if target in seen:
                raise RedirectRefused(url, f"redirect loop at {target}")
            seen.add(target)
            current = target
        raise RedirectRefused(url, f"too many redirects (more than {MAX_HOPS})")

    async def _get(
        self,
        url: str,
        site: Site,
        headers: Mapping[str, str],
        sink: tuple[Callable[[bytes], bool], int] | None = None,
    ) -> Response:
        host = self._host(url, site)
        async with host.gate:
            self.requests += 1
            try:
                async with asyncio.timeout(site.timeout * (4 if sink else 1)):
                    return await self._stream(host.client, url, site, headers, sink)
            except TimeoutError:
                raise FetchTimeout(url, f"timed out after {site.timeout:g} s") from None
            except httpx.TimeoutException as exc:  # httpx's own read or connect timeout
                raise FetchTimeout(url, _describe(exc)) from None
            except httpx.ConnectError as exc:  # nothing reached the host: no turn used
                host.gate.unused()
                raise ProtocolError(url, _describe(exc)) from None
            except httpx.HTTPError as exc:
                raise ProtocolError(url, _describe(exc)) from None
            except (httpx.InvalidURL, ValueError) as exc:
                # The URL, or the Location of a redirect answering it (httpx reads that
                # before we do), is no URL a client can ask for.
                raise NotAllowed(url, f"not a web address to fetch or follow: {exc}") from None

    async def _stream(
        self,
        client: httpx.AsyncClient,
        url: str,
        site: Site,
        headers: Mapping[str, str],
        sink: tuple[Callable[[bytes], bool], int] | None = None,
    ) -> Response:
        request_headers = {"User-Agent": site.user_agent, **headers}
        requested_at = clock.stamp()
        async with client.stream("GET", url, headers=request_headers) as resp:
            if sink is not None and resp.status_code == 200:
                await read_into(resp, url, sink[1], sink[0])
                body = b""
            else:
                body = await read_capped(resp, url, site.max_page_bytes)
        _bound_cookies(client)
        content_type = resp.headers.get("content-type", "")
        mime = content_type.split(";")[0].strip().lower()
        text = decode(body, content_type) if mime in HTML_TYPES and body else None
        exchange = Exchange(
            url,
            requested_at,
            resp.status_code,
            _pairs(resp.headers.raw),
            resp.http_version,
            resp.reason_phrase,
            resp.request.method,
            _pairs(resp.request.headers.raw),
        )
        return Response(url, url, resp.status_code, mime, body, text, resp.headers, 1, exchange)

    def _host(self, url: str, site: Site) -> _Host:
        name = urlsplit(url).netloc.lower()
        if name not in self._hosts:
            client = httpx.AsyncClient(
                transport=self._transport,
                verify=self._tls_context(),
                follow_redirects=False,  # _follow checks every hop
                headers={"Accept-Encoding": "gzip, deflate", "Accept-Language": "vi,en;q=0.5"},
                timeout=httpx.Timeout(site.timeout, connect=min(site.timeout, 10.0)),
                # no more connections than requests the gate lets through at once
                limits=httpx.Limits(
                    max_connections=site.concurrency, max_keepalive_connections=site.concurrency
                ),
            )
            gate = HostGate(concurrency=site.concurrency, interval=1 / site.rate_limit)
            self._hosts[name] = _Host(gate, client)
        return self._hosts[name]

    def _tls_context(self) -> ssl.SSLContext:
        """One TLS context for every host's client: httpx builds a new one per client
        (~30 ms of CPU, loading the CA bundle), which a run over 156 seeds paid 156 times."""
        if self._tls is None:
            self._tls = ssl.create_default_context(cafile=certifi.where())
        return self._tls

    async def _check_robots(self, url: str, site: Site) -> None:
        robots = await self.robots(url, site)
        if not robots.allows(url, site.user_agent):
            raise RobotsRefused(url, robots.refusal or "disallowed by robots.txt")

    async def _load_robots(self, origin: str, site: Site, host: _Host) -> Robots:
        """robots.txt once per host and run (RFC 9309): a missing file allows all,
        a server error forbids all, an unreachable host lets the page fetch report
        its own failure; Crawl-delay slows the host's gate."""
        try:
            response = await self._follow(origin + "/robots.txt", site, {}, robots=False)
        except FetchError:
            return ALLOW_ALL
        if response.status >= 500:
            return Robots(refusal=f"robots.txt answered HTTP {response.status}: host not crawled")
        if response.status >= 400:
            return ALLOW_ALL
        robots = Robots.parse(decode(response.body, response.headers.get("content-type", "")))
        delay = robots.crawl_delay(site.user_agent)
        if delay and delay > MAX_CRAWL_DELAY:
            return Robots(
                refusal=f"robots.txt asks for a Crawl-delay of {delay:g} s, over archiver's cap"
                f" of {MAX_CRAWL_DELAY:g} s: host not crawled this run"
            )
        if delay:
            host.gate.interval = max(host.gate.interval, delay)
        return robots


def _pairs(raw: list[tuple[bytes, bytes]]) -> tuple[tuple[str, str], ...]:
    """Header lines as sent on the wire (HTTP header bytes are Latin-1)."""
    return tuple((name.decode("latin-1"), value.decode("latin-1")) for name, value in raw)


def _bound_cookies(client: httpx.AsyncClient) -> None:
    """Empty the host's cookie jar when it grows past MAX_COOKIES or MAX_COOKIE_BYTES."""
    jar = client.cookies.jar
    if not len(jar):
        return
    size = sum(len(c.name) + len(c.value or "") + 3 for c in jar)
    if len(jar) > MAX_COOKIES or size > MAX_COOKIE_BYTES:
        client.cookies.clear()


def _status_error(response: Response, attempt: int) -> HttpStatus:
    retry_after = response.headers.get("retry-after")
    return HttpStatus(
        response.url,
        f"HTTP {response.status}",
        status=response.status,
        attempts=attempt,
        retry_after=_retry_after_seconds(retry_after) if retry_after else None,
    )


def _backoff(attempt: int, retry_after: str | None) -> float:
    """Exponential backoff with jitter, or the server's Retry-After when longer."""
    wait = 0.5 * 2.0 ** (attempt - 1) + random.uniform(0, 0.25)
    if retry_after:
        wait = max(wait, _retry_after_seconds(retry_after))
    return wait


def _retry_after_seconds(value: str) -> float:
    """Retry-After in seconds, from 0 to MAX_RETRY_AFTER: delay seconds (ASCII digits,
    however many) or an HTTP date; anything else asks for no wait."""
    value = value.strip()
    if value.isascii() and value.isdigit():
        # More digits than a day has seconds is a day: 400 of them would read as inf.
        return MAX_RETRY_AFTER if len(value) > 6 else min(float(value), MAX_RETRY_AFTER)
    try:
        when: float = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, OverflowError, IndexError):
        return 0.0
    return min(max(0.0, when - time.time()), MAX_RETRY_AFTER)


def _describe(exc: httpx.HTTPError) -> str:
    """A short reason: the exception's class and its first message line."""
    message = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {message}".rstrip(": ")
