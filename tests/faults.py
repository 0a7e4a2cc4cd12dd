"""A fault-injection news site over real HTTP on 127.0.0.1, and helpers to crawl it.

Each route misbehaves in one way (a 500, a stall, a cut body, a redirect loop,
a gzip bomb, ...). The server records every request it receives, so tests
assert what the crawler actually sent, not what it says it did. `fetch()` runs
the real CLI in its own process and measures its peak memory.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from archiver import pipeline
from archiver.runs import RunSummary
from archiver.seeds import load_seeds, seed_toml
from archiver.store import Archive

# -- requests and replies ---------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One request as the server received it."""

    path: str  # path and query, as sent
    host: str  # the Host header, e.g. "127.0.0.1:40123"
    headers: dict[str, str]  # names lower-cased
    at: float  # time.monotonic() on arrival
    in_flight: int  # requests being served for this Host at arrival, this one included

    @property
    def route(self) -> str:
        return urlsplit(self.path).path


@dataclass(frozen=True)
class Request:
    """What a route sees: the path, its query, the headers and how many times
    this path (query excluded) was requested so far, this request included."""

    path: str
    query: dict[str, str]
    headers: dict[str, str]
    count: int


class Reply:
    """A complete answer; subclasses misbehave."""

    def __init__(
        self,
        status: int = 200,
        body: bytes | str = b"",
        *,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
    ) -> None:
        self.status = status
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        self.headers = {"Content-Type": content_type, **(headers or {})}
        self.delay = delay

    def write(self, handler: BaseHTTPRequestHandler, stopping: threading.Event) -> None:
        if self.delay:
            stopping.wait(self.delay)
        handler.send_response(self.status)
        for name, value in self.headers.items():
            handler.send_header(name, value)
        if "Content-Length" not in self.headers:
            handler.send_header("Content-Length", str(len(self.body)))
        handler.end_headers()
        handler.wfile.write(self.body)


class Stall(Reply):
    """Headers and the first bytes of the body, then nothing until the server stops."""

    def write(self, handler: BaseHTTPRequestHandler, stopping: threading.Event) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        handler.wfile.write(b"<html lang='vi'><body><h1 class='title'>Tr")
        handler.wfile.flush()
        stopping.wait(30)
        handler.close_connection = True


class Cut(Reply):
    """Promises a long body in Content-Length, sends part of it and hangs up."""

    def __init__(self, body: bytes | str) -> None:
        super().__init__(200, body)

    def write(self, handler: BaseHTTPRequestHandler, stopping: threading.Event) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(self.body) + 20_000))
        handler.end_headers()
        handler.wfile.write(self.body[: len(self.body) // 2])
        handler.wfile.flush()
        handler.close_connection = True


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status, b"", headers={"Location": location})


Route = Callable[[Request], Reply]


def always(reply: Reply) -> Route:
    return lambda request: reply


def in_turn(*replies: Reply) -> Route:
    """The n-th request gets the n-th reply; the last one repeats."""
    return lambda request: replies[min(request.count, len(replies)) - 1]


# -- the server ---------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: a crawler hanging up on a stalled or cut response is the point."""


class FaultServer:
    """Routes by exact path (query excluded); unknown paths, robots.txt included, are 404."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Hit] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._in_flight: Counter[str] = Counter()
        self._counts: Counter[str] = Counter()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="fault-server", daemon=True
        )

    def start(self) -> FaultServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def hits(self, path: str) -> list[Hit]:
        """Requests for path: an exact path with query, or a route (any query)."""
        return [h for h in self.log if path in (h.path, h.route)]

    def _arrive(self, path: str, headers: dict[str, str]) -> Request:
        host = headers.get("host", "")
        route = urlsplit(path).path
        with self._lock:
            self._in_flight[host] += 1
            self._counts[route] += 1
            self.log.append(Hit(path, host, headers, time.monotonic(), self._in_flight[host]))
            count = self._counts[route]
        query = {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
        return Request(path, query, headers, count)

    def _leave(self, host: str) -> None:
        with self._lock:
            self._in_flight[host] -= 1

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "FaultServer/1.0"
            disable_nagle_algorithm = True

            def do_GET(self) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                request = server._arrive(self.path, headers)
                try:
                    route = server.routes.get(urlsplit(self.path).path)
                    reply = route(request) if route else Reply(404, page_html("Không có", ""))
                    reply.write(self, server.stopping)
                finally:
                    server._leave(headers.get("host", ""))

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: tests read the request log, not an access log."""

        return Handler


# -- pages ----------------------------------------------------------------------

TOPICS = [
    "Hội nghị tổng kết công tác cải cách hành chính",
    "Đoàn công tác kiểm tra tiến độ xây dựng nông thôn mới",
    "Triển khai kế hoạch chuyển đổi số trong cơ quan nhà nước",
    "Khánh thành cầu giao thông nông thôn ở huyện Phụng Hiệp",
    "Tập huấn nghiệp vụ phòng chống thiên tai cho cán bộ xã",
    "Hội thảo phát triển du lịch cộng đồng gắn với bảo tồn văn hóa",
]
CHROME = (
    '<div class="header"><a href="/">Trang chủ</a> <a href="/gioi-thieu">Giới thiệu</a>'
    ' <a href="/lien-he">Liên hệ</a></div>'
)
FOOTER = (
    '<div class="footer">Cổng thông tin điện tử tỉnh Hậu Giang. Bản quyền thuộc UBND tỉnh.</div>'
)


def title_for(href: str) -> str:
    """A distinct Vietnamese headline for each article path."""
    number = sum(ord(c) for c in href)
    return f"{TOPICS[number % len(TOPICS)]} ({href.rsplit('/', 1)[-1]})"


_WORDS = (  # noqa: SIM905 - one readable string of Vietnamese syllables
    "tỉnh huyện xã phường nông dân cán bộ đảng viên hội nghị tổng kết triển khai kế hoạch"
    " nhiệm vụ giải pháp thủy lợi lúa gạo trái cây thủy sản giáo dục trường học học sinh"
    " bệnh viện y tế giao thông đường cầu cống vốn đầu tư doanh nghiệp hợp tác xã du lịch"
    " văn hóa lễ hội môi trường rác thải nước sạch điện lưới chuyển đổi số dịch vụ công"
    " an ninh trật tự quốc phòng mặt trận thanh niên phụ nữ cựu chiến binh người cao tuổi"
    " năm nay quý tháng tuần sáng chiều tăng giảm hoàn thành vượt đạt chỉ tiêu"
).split()


def paragraphs_for(href: str) -> list[str]:
    """Three paragraphs drawn at random (seeded by href) from a vocabulary, so that no
    two articles share enough phrases to be taken for one story."""
    pick = random.Random(href)
    name = href.rsplit("/", 1)[-1]
    return [f"Bài {name}: " + " ".join(pick.choices(_WORDS, k=24)) + "." for _ in range(3)]


def page_html(heading: str, inner: str, *, head: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="vi"><head>{head}<title>{escape(heading)}</title></head>'
        f'<body>{CHROME}<div class="breadcrumb"><a href="/">Trang chủ</a> » '
        f'<a href="/tin-tuc">Tin tức</a></div>{inner}{FOOTER}</body></html>'
    )


def article_html(title: str, paragraphs: Sequence[str], *, head: str = "") -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    inner = (
        f'<h1 class="title">{escape(title)}</h1>'
        '<div class="date-view">Ngày đăng: 08/07/2024 11:38</div>'
        f'<div class="content">{body}</div>'
    )
    return page_html(title, inner, head=head)


def listing_html(hrefs: Sequence[str], next_href: str | None) -> str:
    items = "".join(
        f'<div class="news-item"><h3><a href="{h}">{escape(title_for(h))}</a></h3>'
        '<p class="sapo">Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị triển khai.</p></div>'
        for h in hrefs
    )
    pager = f'<div class="pager"><a href="{next_href}">Sau »</a></div>' if next_href else ""
    return page_html("Tin tức", f'<div class="news-list">{items}</div>{pager}')


def article(href: str, **headers: str) -> Reply:
    """The normal article at href, with extra response headers."""
    return Reply(200, article_html(title_for(href), paragraphs_for(href)), headers=headers)


def add_listing(
    server: FaultServer, pages: Sequence[Sequence[str]], path: str = "/tin-tuc"
) -> None:
    """A paged listing at path (?page=N): page N links pages[N-1] and, unless last, page N+1."""

    def route(request: Request) -> Reply:
        number = int(request.query.get("page", "1"))
        if not 1 <= number <= len(pages):
            return Reply(404, page_html("Không có", ""))
        next_href = f"?page={number + 1}" if number < len(pages) else None
        return Reply(200, listing_html(pages[number - 1], next_href))

    server.routes[path] = route


def add_news(server: FaultServer, hrefs: Sequence[str], per_page: int = 5) -> None:
    """A listing of hrefs, per_page a page, and a normal article behind each."""
    pages = [hrefs[i : i + per_page] for i in range(0, len(hrefs), per_page)]
    add_listing(server, pages)
    for href in hrefs:
        server.routes[href] = always(article(href))


@cache
def gzip_bomb(inflated: int) -> bytes:
    """`inflated` zero bytes, gzip-compressed (about 1/1000 of the size)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"\0" * (1 << 20)
    parts = [packer.compress(chunk) for _ in range(inflated // len(chunk))]
    return b"".join([*parts, packer.flush()])


# -- seeds, the CLI and the archive -------------------------------------------------


def write_seed(folder: Path, server: FaultServer, **keys: Any) -> Path:
    """A seed for the server's /tin-tuc; keys override the fast, polite-enough defaults."""
    seed: dict[str, Any] = {
        "name": "faulty",
        "start_urls": [server.url("/tin-tuc")],
        "allowed_domains": ["127.0.0.1"],
        "max_listing_pages": 10,
        "rate_limit": 50.0,
        "concurrency": 2,
        "respect_robots": True,
        "timeout": 2.0,
    }
    seed.update(keys)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{seed['name']}.toml"
    path.write_text(seed_toml(seed), "utf-8")
    return path


@dataclass
class CliRun:
    """A finished CLI process: exit code, output, wall time and peak RSS."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float
    summary: dict[str, Any] = field(default_factory=dict)

    def site(self, name: str = "faulty") -> dict[str, Any]:
        stats: dict[str, Any] = self.summary["sites"][name]
        return stats


def _child_env() -> dict[str, str]:
    """The environment minus proxies: the crawler must talk to 127.0.0.1 directly."""
    return {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}


# Runs the CLI and, on the way out, writes the process's own peak RSS (VmHWM, which
# execve resets) to a file. ru_maxrss from wait4 is no good here: Linux carries it
# across execve, so it includes the forked copy of a pytest process grown large.
_CLI_WITH_PEAK = """
import atexit, os, sys

def _peak():
    with open("/proc/self/status") as status, open(os.environ["PEAK_RSS_FILE"], "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM:")))

atexit.register(_peak)
sys.argv[0] = "archiver"
from archiver.seeds import seed_toml
from archiver.cli import main
main()
"""


def cli(*args: str, timeout: float = 60.0) -> CliRun:
    """Run the archiver CLI with ARGS in a child process to its end, with its own peak RSS."""
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r") as peak,
    ):
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-c", _CLI_WITH_PEAK, *args],
            stdout=out,
            stderr=err,
            env=_child_env() | {"PEAK_RSS_FILE": peak.name},
        )
        killer = threading.Timer(timeout, process.kill)
        killer.start()
        try:
            _, status, _usage = os.wait4(process.pid, 0)
        finally:
            killer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        run = CliRun(
            process.returncode,
            out.read().decode("utf-8"),
            err.read().decode("utf-8", errors="replace"),
            seconds,
            int(peak.read() or 0) / 1024,  # VmHWM is in KiB
        )
    if run.stdout.strip().startswith("{"):
        with contextlib.suppress(json.JSONDecodeError):  # JSON Lines are no summary
            run.summary = json.loads(run.stdout)
    return run


def fetch(seed: Path, db: Path, *extra: str) -> CliRun:
    """`archiver fetch` of one seed into db, with the JSON summary parsed."""
    return cli("fetch", "--seeds", str(seed), "--db", str(db), "--format", "json", *extra)


def fetch_here(seeds: Path, db: Path, **options: Any) -> RunSummary:
    """The crawl `archiver fetch` runs, in this process (so a test may patch it): the
    seeds at `seeds` into the archive at `db`; `options` go to run_fetch."""
    archive = Archive.open(db)
    try:
        return pipeline.run_fetch(archive, load_seeds(seeds), **options)
    finally:
        archive.close()


def rows(db: Path, sql: str, *params: object) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    try:
        conn.row_factory = sqlite3.Row
        return list(conn.execute(sql, params))
    finally:
        conn.close()


def failures(db: Path) -> dict[str, str]:
    """url -> reason for every failure row."""
    return {r["url"]: r["reason"] for r in rows(db, "SELECT url, reason FROM failures")}


def article_urls(db: Path) -> set[str]:
    return {r["url"] for r in rows(db, "SELECT url FROM articles")}


def serving() -> Iterator[FaultServer]:
    """A started server that is stopped afterwards (the body of the pytest fixture)."""
    server = FaultServer().start()
    try:
        yield server
    finally:
        server.stop()
