"""Serve the sample sites over real HTTP on 127.0.0.1, one server per site."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

from archiver.sample.content import SiteTruth
from archiver.sample.liferay import LiferaySite
from archiver.sample.render import SampleSite, today_in_vietnam
from archiver.sample.sharepoint import SharePointSite
from archiver.sample.siteweb import WebSite
from archiver.sample.umbraco import UmbracoSite
from archiver.seeds import seed_toml

CORRECTION = "Bài viết được cập nhật: bổ sung kết quả thực hiện đến hết tháng 11."
SITE_CLASSES: tuple[type[SampleSite], ...] = (UmbracoSite, LiferaySite, SharePointSite)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # benchmarks open many connections at once; 5 drops some

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (a crawler killed or stopped by Ctrl-C) is no error
        to print a traceback for; anything else still is."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Rerouted(httpx.AsyncHTTPTransport):
    """Connects to the port a site is served on while requests, their Host header
    and every link keep the site's stable address (as a hosts file would)."""

    def __init__(self, ports: dict[str, int]) -> None:
        super().__init__()
        self._ports = ports  # "127.0.0.1:8761" -> the port actually bound

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        port = self._ports.get(request.url.netloc.decode("ascii"))
        if port is not None:
            request.url = request.url.copy_with(port=port)
        return await super().handle_async_request(request)


def _handler_for(site: SampleSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "SamplePortal/1.0"
        # Headers and body go out in separate writes; without this, delayed ACKs
        # add ~40 ms to every keep-alive request.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            self._answer(send_body=True)

        def do_HEAD(self) -> None:
            self._answer(send_body=False)

        def _answer(self, *, send_body: bool) -> None:
            response = site.route(self.path)
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if send_body:
                self.wfile.write(response.body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: tests and benchmarks read their own output, not an access log."""

    return Handler


class SamplePortal:
    """Three sample portals (Umbraco, Liferay, SharePoint) on free local ports, plus
    one randomised-layout site `layout-<seed>` per seed in `layout_seeds`."""

    def __init__(
        self,
        articles_per_site: int = 36,
        host: str = "127.0.0.1",
        *,
        port_base: int = 0,
        address_base: int = 0,
        today: date | None = None,
        layout_seeds: Sequence[int] = (),
    ) -> None:
        self.articles_per_site = articles_per_site
        self.host = host
        self.port_base = port_base  # 0: any free port; N: sites on N, N+1, N+2
        # 0: a site's address is the port it is served on; N: the sites are always
        # http://host:N, N+1, N+2, whatever ports serve them (reach them through
        # transport()), so a crawl finds the same URLs from one start to the next
        self.address_base = address_base
        self.rerouted: dict[str, int] = {}
        clock: Callable[[], date] = (lambda: today) if today else today_in_vietnam
        self._sites = [cls(articles_per_site, clock) for cls in SITE_CLASSES]
        if layout_seeds:
            # late: `python -m archiver.sample.layouts` must not find layouts already imported
            from archiver.sample.layout_site import layout_site

            self._sites += [layout_site(s, articles_per_site, clock) for s in layout_seeds]
        self._servers: list[_Server] = []
        self._threads: list[threading.Thread] = []
        self.sites: list[SiteTruth] = []

    def start(self) -> SamplePortal:
        """Bind every site and serve it from a daemon thread."""
        if self._servers:
            return self
        for offset, site in enumerate(self._sites):
            port = self.port_base + offset if self.port_base else 0
            server = _Server((self.host, port), _handler_for(site))
            bound = server.server_address[1]
            named = self.address_base + offset if self.address_base else bound
            site.base_url = f"http://{self.host}:{named}"
            if named != bound:
                self.rerouted[f"{self.host}:{named}"] = bound
            thread = threading.Thread(
                target=server.serve_forever, args=(0.05,), name=f"sample-{site.name}"
            )
            thread.daemon = True
            thread.start()
            self._servers.append(server)
            self._threads.append(thread)
        self.sites = [site.site_truth() for site in self._sites]
        return self

    def stop(self) -> None:
        """Stop serving and release the ports."""
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers, self._threads, self.rerouted = [], [], {}

    def transport(self) -> httpx.AsyncBaseTransport | None:
        """An httpx transport that reaches each site where it is served, when that is
        not its address (see address_base); None when every site is at its address."""
        return _Rerouted(dict(self.rerouted)) if self.rerouted else None

    def __enter__(self) -> SamplePortal:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def redesign(self, name: str) -> None:
        """Move the site called `name` to a script-rendered front end: from now on its
        listing and article pages are shells with no text and no links."""
        next(site for site in self._sites if site.name == name).redesigned = True

    def correct(self, name: str) -> None:
        """Have the site called `name` correct its newest article after publication,
        as editors do: a word added to the title, a paragraph to the body, same URL.
        Only a run that fetches the page again (--full) sees it."""
        site = next(site for site in self._sites if site.name == name)
        story = site.stories[0]
        site.stories[0] = replace(
            story,
            title=f"{story.title} (cập nhật)",
            paragraphs=(*story.paragraphs, CORRECTION),
        )
        self._refresh()

    def move_section(self, name: str) -> None:
        """Move the notices section of the site called `name` to a new path (the old
        listing 404s, the menu links the new one) and publish a notice there."""
        self._web_site(name).move_notices()
        self._refresh()

    def drop_section(self, name: str) -> None:
        """Take the notices section of the site called `name` off its menu; its listing
        404s, its notices' pages still serve."""
        self._web_site(name).drop_notices()
        self._refresh()

    def _web_site(self, name: str) -> WebSite:
        site = next(site for site in self._sites if site.name == name)
        if not isinstance(site, WebSite):
            raise KeyError(f"{name} has no sections to move")
        return site

    def _refresh(self) -> None:
        if self.sites:
            self.sites = [s.site_truth() for s in self._sites]

    def site(self, name: str) -> SiteTruth:
        """The running site called `name` (KeyError when there is none)."""
        for truth in self.sites:
            if truth.name == name:
                return truth
        raise KeyError(name)

    def seed_dicts(
        self, rate_limit: float = 50.0, concurrency: int = 4, *, home: bool = False
    ) -> list[dict[str, Any]]:
        """One seed per site, keys exactly as in seeds/*.toml; `home`: start from the
        home page (the crawler discovers sections) instead of the news listing."""
        seeds = []
        for site, truth in zip(self._sites, self.sites, strict=True):
            seed: dict[str, Any] = {
                "name": truth.name,
                "title": truth.title,
                "province": truth.province,
                "start_urls": [truth.home_url if home else truth.start_url],
                "allowed_domains": [self.host],
                "max_listing_pages": site.pages,
                "rate_limit": rate_limit,
                "concurrency": concurrency,
                "respect_robots": True,
                "timeout": 10.0,
            }
            if home:
                del seed["max_listing_pages"]  # each section found has its own length
            seeds.append(seed)
        return seeds

    def write_seeds(
        self,
        directory: Path,
        rate_limit: float = 50.0,
        concurrency: int = 4,
        *,
        home: bool = False,
    ) -> list[Path]:
        """Write <name>.toml for every site into `directory`; return the paths."""
        directory.mkdir(parents=True, exist_ok=True)
        paths = []
        for seed in self.seed_dicts(rate_limit=rate_limit, concurrency=concurrency, home=home):
            path = directory / f"{seed['name']}.toml"
            path.write_text(seed_toml(seed), "utf-8")
            paths.append(path)
        return paths
