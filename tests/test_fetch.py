"""Unit tests of the fetcher over httpx.MockTransport (integration tests use a real server)."""

from __future__ import annotations

import asyncio
import gzip
import itertools
import time
import unicodedata
from collections.abc import Callable
from dataclasses import replace

import httpx
import pytest

from archiver.decoding import decode
from archiver.errors import (
    BrokenBody,
    FetchError,
    FetchTimeout,
    HttpStatus,
    NotAllowed,
    ProtocolError,
    RedirectRefused,
    RobotsRefused,
    TooLarge,
)
from archiver.fetch import Fetcher, Response, Validators
from archiver.robots import HostGate
from archiver.seeds import Site

SITE = Site(
    name="t",
    start_urls=("http://t.vn/",),
    allowed_domains=("t.vn",),
    rate_limit=1000,
    concurrency=4,
    timeout=5,
)
PAGE = "<html><body><p>Hội nghị tổng kết</p></body></html>"


def run(
    handler: httpx.MockTransport,
    url: str,
    site: Site = SITE,
    validators: Validators | None = None,
    **kw: int,
) -> Response:
    async def go() -> Response:
        async with Fetcher(transport=handler, **kw) as fetcher:
            return await fetcher.fetch(url, site, validators=validators)

    return asyncio.run(go())


def raw(status: int, data: bytes, **headers: str) -> httpx.Response:
    """A streamed response, as a real transport gives (content= would be pre-read)."""
    headers = {k.replace("_", "-"): v for k, v in headers.items()}
    return httpx.Response(status, stream=httpx.ByteStream(data), headers=headers)


def html(text: str = PAGE, status: int = 200) -> httpx.Response:
    return raw(status, text.encode(), content_type="text/html; charset=utf-8")


def test_html_is_decoded_to_nfc_text() -> None:
    decomposed = PAGE.replace("ộ", "o\u0323\u0302")
    response = run(httpx.MockTransport(lambda r: html(decomposed)), "http://t.vn/a")
    assert response.text is not None and "Hội nghị" in response.text


def test_retries_a_500_then_succeeds() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return raw(404, b"")
        calls.append(request.url.path)
        return html(status=500) if len(calls) == 1 else html()

    assert run(httpx.MockTransport(handler), "http://t.vn/a").status == 200
    assert calls == ["/a", "/a"]


def test_gives_up_after_max_attempts_with_the_status() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return raw(404, b"") if request.url.path == "/robots.txt" else html(status=503)

    with pytest.raises(HttpStatus) as caught:
        run(httpx.MockTransport(handler), "http://t.vn/a", max_attempts=2)
    assert caught.value.attempts == 2
    assert caught.value.status == 503 and "http://t.vn/a" in str(caught.value)


def test_robots_disallow_is_obeyed_and_says_so() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return raw(200, b"User-agent: *\nDisallow: /admin/\n", content_type="text/plain")
        return html()

    transport = httpx.MockTransport(handler)
    assert run(transport, "http://t.vn/ok").status == 200
    with pytest.raises(RobotsRefused, match=r"disallowed by robots\.txt"):
        run(transport, "http://t.vn/admin/x")


def test_robots_server_error_keeps_the_crawler_off_the_host() -> None:
    with pytest.raises(RobotsRefused, match=r"robots\.txt answered HTTP 503"):
        run(httpx.MockTransport(lambda r: html(status=503)), "http://t.vn/a")


def test_gzip_bomb_is_an_error_not_an_out_of_memory() -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000)

    def handler(request: httpx.Request) -> httpx.Response:
        return raw(200, bomb, content_encoding="gzip", content_type="text/html")

    with pytest.raises(TooLarge, match="larger than 100000 bytes"):
        run(httpx.MockTransport(handler), "http://t.vn/a", replace(SITE, max_page_bytes=100_000))


def test_gzip_body_within_the_cap_is_inflated() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return raw(
            200, gzip.compress(PAGE.encode()), content_encoding="gzip", content_type="text/html"
        )

    assert "Hội nghị" in (run(httpx.MockTransport(handler), "http://t.vn/a").text or "")


def test_redirect_off_the_site_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "t.vn" and request.url.path == "/a":
            return raw(302, b"", location="http://elsewhere.vn/x")
        return html()

    with pytest.raises(RedirectRefused, match="outside allowed_domains"):
        run(httpx.MockTransport(handler), "http://t.vn/a")


def test_pdf_is_not_decoded_as_html() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return raw(200, b"%PDF-1.4", content_type="application/pdf")

    response = run(httpx.MockTransport(handler), "http://t.vn/a.pdf")
    assert response.text is None and response.body == b"%PDF-1.4"


def test_off_site_url_is_never_requested() -> None:
    with pytest.raises(NotAllowed, match="outside the site's allowed_domains"):
        run(httpx.MockTransport(lambda r: html()), "http://other.vn/")


TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Windows-1258 the way old pages wrote it: letters precomposed, tones combining."""
    out = bytearray()
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in TONES)
        letter = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out += (letter + tones).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (cp1258("Hội nghị Đảng bộ"), "text/html; charset=windows-1258"),
        ("Hội nghị Đảng bộ".encode(), "text/html; charset=windows-1258"),  # header lies
        (cp1258('<meta charset="windows-1258"><p>Hội nghị Đảng bộ'), "text/html"),
    ],
)
def test_decode_trusts_the_bytes(data: bytes, content_type: str) -> None:
    assert "Hội nghị Đảng bộ" in decode(data, content_type)


def test_host_gate_spaces_request_starts() -> None:
    async def go() -> list[float]:
        gate = HostGate(concurrency=2, interval=0.05)
        starts: list[float] = []

        async def one() -> None:
            async with gate:
                starts.append(time.monotonic())

        await asyncio.gather(*(one() for _ in range(5)))
        return starts

    starts = sorted(asyncio.run(go()))
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.045


def test_redirects_are_followed_hop_by_hop_and_the_final_url_kept() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return raw(301, b"", location="/new")
        return html()

    response = run(httpx.MockTransport(handler), "http://t.vn/old")
    assert (response.url, response.final_url) == ("http://t.vn/old", "http://t.vn/new")


def test_redirect_loop_is_named() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return raw(302, b"", location="/b" if request.url.path == "/a" else "/a")

    with pytest.raises(RedirectRefused, match="redirect loop"):
        run(httpx.MockTransport(handler), "http://t.vn/a")


def test_conditional_request_and_304() -> None:
    seen: list[httpx.Headers] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers)
        return raw(304, b"")

    response = run(
        httpx.MockTransport(handler), "http://t.vn/a", validators=Validators('"v1"', None)
    )
    assert response.not_modified
    assert seen[-1]["if-none-match"] == '"v1"'


def test_retry_after_beyond_the_wait_budget_gives_up_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return raw(429, b"", retry_after="3600")

    slept: list[float] = []

    async def sleep(seconds: float) -> None:  # the waits asked for, none taken
        slept.append(seconds)

    monkeypatch.setattr("archiver.fetch.asyncio.sleep", sleep)
    with pytest.raises(HttpStatus) as caught:
        run(httpx.MockTransport(handler), "http://t.vn/a", replace(SITE, respect_robots=False))
    # no back-off taken: the first answer's wish is over the budget (the host's gate
    # may pause a few milliseconds between requests, which is no back-off)
    assert not [seconds for seconds in slept if seconds >= 1]
    assert caught.value.status == 429 and caught.value.retry_after == 3600
    assert "gave up rather than wait" in caught.value.reason


def test_a_request_cancelled_while_waiting_its_turn_gives_its_slot_back() -> None:
    """A run stopped (Ctrl-C, --max-duration) while requests wait out the interval
    must not leave the host with fewer slots than its concurrency."""

    async def scenario() -> int:
        gate = HostGate(concurrency=2, interval=30.0)
        async with gate:
            waiting = asyncio.create_task(gate.__aenter__())
            await asyncio.sleep(0.05)  # it holds a slot and sleeps out the interval
            waiting.cancel()
            await asyncio.gather(waiting, return_exceptions=True)
        gate.interval, gate._next_start = 0.0, 0.0
        inside = 0

        async def enter() -> None:
            nonlocal inside
            async with gate:
                inside += 1
                await asyncio.sleep(0.05)

        await asyncio.wait_for(asyncio.gather(enter(), enter()), timeout=5)
        return gate._slots._value

    assert asyncio.run(scenario()) == 2


NO_ROBOTS = replace(SITE, respect_robots=False)


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries without the back-off's real sleep: these tests count tries, not time."""
    monkeypatch.setattr("archiver.fetch._backoff", lambda attempt, retry_after: 0.0)


def _failing(exc: Exception) -> tuple[httpx.MockTransport, list[str]]:
    """A transport that raises `exc` on every request, and the paths it was asked for."""
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        raise exc

    return httpx.MockTransport(handler), calls


@pytest.mark.usefixtures("no_backoff")
@pytest.mark.parametrize(
    ("failure", "kind"),
    [
        (httpx.ConnectError("connection refused"), ProtocolError),
        (httpx.RemoteProtocolError("server disconnected"), ProtocolError),
        (httpx.ReadTimeout("read timed out"), FetchTimeout),
    ],
)
def test_network_failures_are_typed_and_retried(failure: Exception, kind: type[FetchError]) -> None:
    transport, calls = _failing(failure)
    with pytest.raises(kind) as caught:
        run(transport, "http://t.vn/a", NO_ROBOTS, max_attempts=2)
    assert calls == ["/a", "/a"] and caught.value.attempts == 2


@pytest.mark.usefixtures("no_backoff")
def test_retry_is_decided_by_the_failures_type_never_by_its_words() -> None:
    """A connection failure whose message happens to say "redirect", "robots.txt" or
    "larger than" is still a network failure: retried. (Reading the message, it was
    taken for a refusal and given up at once.)"""
    words = "redirect larger than robots.txt allowed_domains web address"
    transport, calls = _failing(httpx.ConnectError(words))
    with pytest.raises(ProtocolError):
        run(transport, "http://t.vn/a", NO_ROBOTS, max_attempts=3)
    assert len(calls) == 3


@pytest.mark.usefixtures("no_backoff")
@pytest.mark.parametrize(("status", "tries"), [(404, 1), (403, 1), (503, 2), (429, 2)])
def test_an_error_status_is_retried_only_when_a_second_try_may_pass(
    status: int, tries: int
) -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        return html(status=status)

    with pytest.raises(HttpStatus) as caught:
        run(httpx.MockTransport(handler), "http://t.vn/a", NO_ROBOTS, max_attempts=2)
    assert (caught.value.status, caught.value.retryable) == (status, status >= 429)
    assert len(calls) == tries


def test_a_broken_gzip_body_is_its_own_failure_and_not_retried() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        return raw(200, b"not gzip at all", content_encoding="gzip", content_type="text/html")

    with pytest.raises(BrokenBody):
        run(httpx.MockTransport(handler), "http://t.vn/a", NO_ROBOTS)
    assert calls == ["/a"]


def test_a_failure_met_again_is_a_new_error_of_the_same_kind() -> None:
    """The fetcher counts tries and notes why it stopped on a new error: the one
    raised is never changed after the fact."""
    first = TooLarge("http://t.vn/a", "larger than 10 bytes", status=200)
    later = first.after(3, "; gave up")
    assert type(later) is TooLarge and later is not first
    assert (later.attempts, later.reason, later.status) == (3, "larger than 10 bytes; gave up", 200)
    assert (first.attempts, first.reason) == (1, "larger than 10 bytes")


def test_a_connection_never_made_uses_no_turn_of_the_host(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A host that refused the connection saw no request: the next one (a page after
    its robots.txt, on a dead host) is not held for the interval. Answers, even
    errors, still hold it."""
    slept: list[float] = []
    real_sleep = asyncio.sleep

    async def record(seconds: float) -> None:
        slept.append(seconds)
        await real_sleep(0)

    monkeypatch.setattr("archiver.robots.asyncio.sleep", record)

    asked: list[str] = []

    def refuse(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        raise httpx.ConnectError("refused", request=request)

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        return httpx.Response(500, stream=httpx.ByteStream(b"busy"))

    async def two(handler: Callable[[httpx.Request], httpx.Response]) -> list[float]:
        slept.clear()
        site = replace(NO_ROBOTS, rate_limit=0.01)  # an interval of 100 s
        async with Fetcher(transport=httpx.MockTransport(handler), max_attempts=1) as fetcher:
            for path in ("/a", "/b"):
                with pytest.raises(FetchError):
                    await fetcher.fetch(f"http://t.vn{path}", site)
        return list(slept)

    assert not [s for s in asyncio.run(two(refuse)) if s > 1]
    assert [s for s in asyncio.run(two(answer)) if s > 1]
    assert asked == ["/a", "/b", "/a", "/b"]
