"""Extraction: the seed's fields pinned, golden files for every saved page, robustness."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from archiver.extract import parse_page
from archiver.model import Record

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
EXPECTED = ROOT / "tests" / "fixtures" / "expected"


def _regen() -> object:
    spec = importlib.util.spec_from_file_location(
        "regen_golden", ROOT / "scripts" / "regen_golden.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["regen_golden"] = module
    spec.loader.exec_module(module)
    return module


regen = _regen()
SEED = PAGES / "haugiang-seed.html"
SEED_URL: str = regen.SEED_URL  # type: ignore[attr-defined]


def test_seed_fields() -> None:
    record = parse_page(SEED.read_text(encoding="utf-8"), SEED_URL)
    assert record.kind == "article"
    assert record.title == (
        "Cần tiếp tục nỗ lực, tích cực, chủ động hơn nữa hoàn thành mục tiêu, nhiệm vụ năm 2020"
    )
    assert (record.published, record.updated) == (None, "2020-11-03")
    assert record.date_raw is not None and "Cập nhật vào ngày" in record.date_raw
    assert record.view_count == 427
    assert record.author == "Thanh Tâm"
    assert record.category == "Tin kinh tế"
    assert [(i.url, i.caption) for i in record.images] == [
        ("https://www.haugiang.gov.vn/media/1047/21120.png", "Quang cảnh Hội nghị")
    ]
    assert record.body is not None and record.body.startswith("Đó là ý kiến chỉ đạo")
    for junk in ("Các ý kiến của bạn đọc", "Quảng cáo", "Số lần xem", "Thanh Tâm",
                 "Quang cảnh Hội nghị", "Tin đã đưa", "Bản in", "26/11/2026"):  # fmt: skip
        assert junk not in record.body
    assert "\n\n\n" not in record.body
    assert record.body.count("\n\n") == 9  # ten paragraphs
    assert record.language == "vi"


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.html")), ids=lambda p: p.stem)
def test_golden(page: Path) -> None:
    expected = EXPECTED / f"{page.stem}.json"
    assert expected.exists(), f"run scripts/regen_golden.py to create {expected.name}"
    got = json.loads(regen.render(page))  # type: ignore[attr-defined]
    assert got == json.loads(expected.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "html",
    [
        "",
        "garbage <<<>>> &&& \x00",
        "<html>" + "<div>" * 5000 + "x" + "</div>" * 5000,
        "<p>" * 3000,
        "<html><body><h1>Không tìm thấy trang</h1><p>Trang không tồn tại.</p></body></html>",
    ],
    ids=["empty", "garbage", "deep-nesting", "unclosed", "soft-404"],
)
def test_never_raises(html: str) -> None:
    record = parse_page(html, "https://example.gov.vn/x")
    assert record.url == "https://example.gov.vn/x"
    assert record.kind == "other"


def test_selectors_override() -> None:
    html = SEED.read_text(encoding="utf-8")
    record = parse_page(html, SEED_URL, {"title": "div.cat-title"})
    assert record.title == "Tin kinh tế"


def test_unknown_layout_falls_back_to_scoring() -> None:
    html = SEED.read_text(encoding="utf-8")
    for cls in ("news-detail", "date-view", "cat-title", "content", "comments", "other-news"):
        html = html.replace(f'class="{cls}"', f'class="x{cls[:3]}"')
    record = parse_page(html, SEED_URL)
    assert record.kind == "article"
    assert record.updated == "2020-11-03"
    assert record.author == "Thanh Tâm"
    assert record.body is not None and record.body.startswith("Đó là ý kiến chỉ đạo")
    assert "Các ý kiến của bạn đọc" not in record.body


def test_decomposed_and_entity_text_is_nfc() -> None:
    body = "".join(
        f"<p>Hội nghị lần thứ {i} &ocirc;&#768; của tỉnh đã diễn ra tốt đẹp.</p>" for i in range(5)
    )
    html = f"<html><body><h1>Hội nghi\u0323</h1><div class='x'>{body}</div></body></html>"
    record = parse_page(html, "https://example.gov.vn/a")
    assert record.kind == "article"
    assert record.title == "Hội nghị"
    assert record.body is not None and "ồ" in record.body


# --- the sample portal: every article and every listing page against the truth ----------


@pytest.fixture(scope="module")
def portal() -> Iterator[Any]:
    sample = pytest.importorskip("archiver.sample")
    with sample.SamplePortal(articles_per_site=36) as running:
        yield running


def _get(client: httpx.Client, url: str) -> str:
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
