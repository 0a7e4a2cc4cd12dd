"""The parse worker starts only when a run has pages enough to pay for it (its start
costs half a second); pages parse the same in the loop as in the worker."""

from __future__ import annotations

import asyncio

from archiver.parsing import Parser
from faults import article_html, paragraphs_for, title_for

PAGES = [(f"http://hoabinh.sample/a/{n}", f"/a/{n}") for n in range(40)]


def _parse_all(count: int) -> tuple[list[str | None], bool, bool]:
    """Titles of the first `count` pages, whether the pool was started, and whether a
    page was parsed by it."""

    async def go() -> tuple[list[str | None], bool, bool]:
        async with Parser(workers=1) as parser:
            titles = []
            for url, href in PAGES[:count]:
                html = article_html(title_for(href), paragraphs_for(href))
                titles.append((await parser.parse_article(html, url, {})).record.title)
            # once the worker is up, a page goes to it
            started = parser._pool is not None
            by_worker = False
            if started:
                await asyncio.wrap_future(parser._warm)  # type: ignore[arg-type]
                inline = parser._parsed
                url, href = PAGES[0]
                html = article_html(title_for(href), paragraphs_for(href))
                again = await parser.parse_article(html, url, {})
                by_worker = parser._parsed == inline and again.record.title == titles[0]
            return titles, started, by_worker

    return asyncio.run(go())


def test_a_small_run_parses_in_the_loop_and_starts_no_worker() -> None:
    titles, started, _ = _parse_all(Parser.INLINE_PAGES)
    assert titles == [title_for(href) for _, href in PAGES[: Parser.INLINE_PAGES]]
    assert not started


def test_a_larger_run_starts_the_worker_and_reads_pages_alike() -> None:
    titles, started, by_worker = _parse_all(Parser.INLINE_PAGES + 5)
    assert titles == [title_for(href) for _, href in PAGES[: Parser.INLINE_PAGES + 5]]
    assert started and by_worker
