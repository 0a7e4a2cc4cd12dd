"""Per-host politeness: the request gate (rate and concurrency) and robots.txt."""

from __future__ import annotations

import asyncio
import time

from protego import Protego


class HostGate:
    """At most `concurrency` requests in flight and one start per `interval` seconds."""

    def __init__(self, *, concurrency: int, interval: float) -> None:
        self._slots = asyncio.Semaphore(concurrency)
        self._lock = asyncio.Lock()
        self.interval = interval
        self._next_start = 0.0

    async def __aenter__(self) -> HostGate:
        await self._slots.acquire()
        try:
            async with self._lock:  # one waiter at a time, so starts stay in order
                wait = self._next_start - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                # from the moment this request really starts: a late start must not
                # let the next one follow it closer than the interval
                self._next_start = time.monotonic() + self.interval
        except BaseException:  # cancelled while waiting its turn: the slot is free again
            self._slots.release()
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._slots.release()

    def unused(self) -> None:
        """The request that took the last turn never reached the host (no connection
        could be made): the next one need not keep the interval after it."""
        self._next_start = time.monotonic()


class Robots:
    """What a host's robots.txt allows (RFC 9309): rules, or a reason to stay away."""

    def __init__(self, rules: Protego | None = None, *, refusal: str | None = None) -> None:
        self._rules = rules
        self.refusal = refusal  # set when the whole host is off limits, e.g. robots.txt 5xx

    @classmethod
    def parse(cls, text: str) -> Robots:
        return cls(Protego.parse(text))

    def allows(self, url: str, user_agent: str) -> bool:
        if self.refusal is not None:
            return False
        return self._rules is None or bool(self._rules.can_fetch(url, user_agent))

    def sitemaps(self) -> list[str]:
        """The `Sitemap:` lines, as written (relative ones are the caller's to resolve)."""
        return list(self._rules.sitemaps) if self._rules is not None else []

    def crawl_delay(self, user_agent: str) -> float | None:
        """The delay the host asks of this agent, in seconds; None when it asks none
        (or asks for no number: "nan", a negative delay). "inf" is asked, and refused."""
        delay = self._rules.crawl_delay(user_agent) if self._rules is not None else None
        seconds = float(delay) if delay else 0.0
        return seconds if seconds > 0 else None


ALLOW_ALL = Robots()
