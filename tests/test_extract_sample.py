"""Extraction over HTTP: every article and listing page of the sample portal on
127.0.0.1 parsed against the portal's own truth. Nothing here leaves loopback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from archiver.extract import parse_page
from archiver.model import Record


@pytest.fixture(scope="module")
def portal() -> Iterator[Any]:
    sample = pytest.importorskip("archiver.sample")
    with sample.SamplePortal(articles_per_site=36) as running:
        yield running


def _get(client: httpx.Client, url: str) -> str:
    """A page of the sample portal; anything but loopback is refused, never fetched."""
    assert httpx.URL(url).host == "127.0.0.1", f"not the sample portal: {url}"
    response = client.get(url)
    response.raise_for_status()
    return response.text


def _fields(record: Record) -> dict[str, Any]:
    return {
        "kind": record.kind,
        "title": record.title,
        "published": record.published,
        "updated": record.updated,
        "author": record.author,
        "category": record.category,
        "view_count": record.view_count,
        "summary": record.summary,
        "body": record.body,
        "images": [(i.url, i.caption) for i in record.images],
        "attachments": [(a.url, a.title) for a in record.attachments],
    }


def _truth(article: Any) -> dict[str, Any]:
    return {
        "kind": "article",
        "title": article.title,
        "published": article.published,
        "updated": article.updated,
        "author": article.author,
        "category": article.category,
        "view_count": article.view_count,
        "summary": article.summary,
        "body": "\n\n".join(article.paragraphs),
        "images": list(article.images),
        "attachments": list(article.attachments),
    }


def test_sample_portal_articles(portal: Any) -> None:
    wrong: list[str] = []
    with httpx.Client() as client:
        for site in portal.sites:
            for article in site.articles:
                got = _fields(parse_page(_get(client, article.url), article.url))
                want = _truth(article)
                wrong += [
                    f"{article.url} {k}: {got[k]!r} != {want[k]!r}"
                    for k in want
                    if got[k] != want[k]
                ]
    assert not wrong, "\n".join(wrong[:20])


def test_sample_portal_listings(portal: Any) -> None:
    from archiver.sample.render import PER_PAGE

    with httpx.Client() as client:
        for site in portal.sites:
            url: str | None = site.start_url
            expected = [a.url for a in site.articles]
            pages = 0
            while url is not None:
                record = parse_page(_get(client, url), url)
                start = pages * PER_PAGE
                assert record.kind == "listing", url
                assert list(record.links.articles) == expected[start : start + PER_PAGE], url
                pages += 1
                url = record.links.next_page
                assert pages <= len(expected) // PER_PAGE + 1, "pagination does not end"
            assert pages * PER_PAGE >= len(expected) > (pages - 1) * PER_PAGE, site.name
