"""Politeness as the server sees it: requests in flight and request starts per host."""

from __future__ import annotations

from pathlib import Path

import pytest

from faults import (
    FaultServer,
    Reply,
    Request,
    add_news,
    always,
    article,
    article_urls,
    fetch,
    write_seed,
)


def slow_news(server: FaultServer, count: int, per_page: int, delay: float) -> list[str]:
    """A news site whose every page, listings included, takes `delay` seconds to answer."""
    hrefs = [f"/a/{n}" for n in range(1, count + 1)]
    add_news(server, hrefs, per_page=per_page)
    listing = server.routes["/tin-tuc"]

    def slow_listing(request: Request) -> Reply:
        reply = listing(request)
        reply.delay = delay
        return reply

    server.routes["/tin-tuc"] = slow_listing
    for href in hrefs:
        reply = article(href)
        reply.delay = delay
        server.routes[href] = always(reply)
    return hrefs


@pytest.mark.slow
def test_rate_limit_and_concurrency_hold_for_one_host(server: FaultServer, tmp_path: Path) -> None:
    hrefs = slow_news(server, 15, per_page=5, delay=0.05)
    seed = write_seed(tmp_path / "seeds", server, concurrency=2, rate_limit=5.0)
    run = fetch(seed, tmp_path / "archive.db")
    assert run.code == 0, run.stderr
    assert len(article_urls(tmp_path / "archive.db")) == len(hrefs)
    starts = sorted(h.at for h in server.log)
    assert len(starts) >= 18  # 3 listing pages and 15 articles, robots.txt aside
    assert max(h.in_flight for h in server.log) <= 2
    # Five requests at 5 a second take a second: counted over every run of five
    # (the first request left out, its arrival carries its connection's setup), one
    # late arrival of a busy machine is averaged out, and a rate even 20% too fast
    # still fails.
    spans = [round(b - a, 3) for a, b in zip(starts[1:], starts[6:], strict=False)]
    assert min(spans) >= 1.0 - 0.1, spans
    # the first request's arrival carries its new connection's setup, which can be
    # tens of ms under load; 0.1 s of slack still fails a rate even 2% too fast
    assert starts[-1] - starts[0] >= (len(starts) - 1) / 5 - 0.1


@pytest.mark.slow
def test_concurrency_caps_requests_in_flight_when_responses_are_slow(
    server: FaultServer, tmp_path: Path
) -> None:
    """Here the rate allows far more than two at once: only `concurrency` holds them back,
    listing pages (walked while articles are fetched) included."""
    slow_news(server, 15, per_page=5, delay=0.3)
    seed = write_seed(tmp_path / "seeds", server, concurrency=2, rate_limit=100.0)
    run = fetch(seed, tmp_path / "archive.db")
    assert run.code == 0, run.stderr
    assert len([h for h in server.log if h.route.startswith("/a/")]) == 15
    assert max(h.in_flight for h in server.log) == 2  # both slots used, never a third
