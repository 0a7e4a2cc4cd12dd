"""Layout fuzzing: sample articles and listings rendered through random layouts of
archiver.sample.layouts must parse to the same record whatever the template.

What counts as equal (documented here, asserted below):
- kind: "article" / "listing".
- title: the story's title, whitespace collapsed.
- body: its non-empty lines, each with whitespace collapsed, equal the truth's
  paragraphs as a list (same text, same order). A line is a paragraph whether the
  page ended it with a block or a <br>. Nothing else may be there: no sapo, byline,
  caption, date line, related list, share bar, comment form or sidebar text.
- date: (published, updated) exactly as the truth: ISO 8601, at the precision the
  page shows, +07:00 with a time; a "Cập nhật" label is an updated date.
- images: the real image URLs, in page order (canonical form), never a placeholder.
- author: the writers the byline names, as a set of names ("Thực hiện: A - B" is A
  and B; "A – TTXVN" is A); None with no byline or a CMS account's name.
- source: the agency a byline names beside its writer ("A – TTXVN": TTXVN), else None.
- view_count: the count under any label and grouping, wherever it stands (date line,
  beside it, under the text); never the sidebar's visitor counter. None without one.
- category: the breadcrumb's section (not its "Trang chủ", not a leaf that is the
  title, cut or whole, or "Chi tiết"), whatever the trail's tag, class or separators;
  with no breadcrumb, the menu's news section.
- listing: links.articles == the main column's items in page order (featured first,
  a thumbnail link counted once), nothing from menus, sidebars or most-read boxes;
  links.next_page == the next listing page, None on the last.

Reproduce a failing seed: `python -m archiver.sample.layouts --seed N --article`
prints the page (`--url`, `--truth`, `--describe`); `article_differences(article_case(N))`
lists what differs. A hypothesis failure prints its Layout: replay it with
`--set choice=value`. CI tries the same 200 layouts of each kind every run; a
deeper search: `FUZZ_EXAMPLES=3000 pytest tests/test_layout_fuzz.py -k any_`, and
with `FUZZ_SEARCH=1 ... --hypothesis-seed=N` other layouts each seed.
"""

from __future__ import annotations

import html
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archiver.extract import parse_page
from archiver.normalize import canonical_url
from archiver.sample import SamplePortal
from archiver.sample.layouts import (
    CHOICES,
    ArticleCase,
    Layout,
    ListingCase,
    article_case,
    listing_case,
)
from archiver.seeds import seed_toml

SWEEP = range(200)  # the CI gate: this many seeded layouts, articles and listings each
# Seeds beyond the sweep that once differed, kept: 532 is a DNN page whose story the
# body widened up to the page's wrapper, the site's footer address with it (the
# metadata choices added since draw other date and view forms for it, not another page).
FOUND_SEEDS = (532,)
E2E_SEEDS = (7, 8, 9)


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())


def article_differences(case: ArticleCase) -> list[str]:
    """What parse_page reads differently from the truth, one line per field."""
    record, truth = parse_page(case.html, case.url), case.truth
    out = []
    if record.kind != "article":
        out.append(f"kind: {record.kind!r}")
    if _squash(record.title) != truth.title:
        out.append(f"title: {record.title!r}")
    lines = [_squash(line) for line in (record.body or "").splitlines() if line.strip()]
    want = list(truth.paragraphs)
    if lines != want:
        missing = [p for p in want if p not in lines]
        extra = [line for line in lines if line not in want]
        detail = f"{len(missing)} missing, extra {[e[:60] for e in extra]}"
        out.append(f"body: {detail}" if missing or extra else "body: order differs")
    if (record.published, record.updated) != (truth.published, truth.updated):
        out.append(f"date: {(record.published, record.updated)} from {truth.date_raw!r}")
    images = [canonical_url(i.url) for i in record.images]
    if images != [canonical_url(url) for url, _ in truth.images]:
        out.append(f"images: {[i.url[-40:] for i in record.images]}")
    if _writers(record.author) != _writers(truth.author):
        out.append(f"author: {record.author!r}, want {truth.author!r}")
    if record.source != truth.source:
        out.append(f"source: {record.source!r}, want {truth.source!r}")
    if record.view_count != truth.view_count:
        out.append(f"view_count: {record.view_count!r}, want {truth.view_count!r}")
    if record.category != truth.category:
        out.append(f"category: {record.category!r}, want {truth.category!r}")
    return out


def _writers(author: str | None) -> frozenset[str]:
    """The names an author field gives, co-writers split."""
    return frozenset(filter(None, (n.strip() for n in re.split(r",|\s+-\s+", author or ""))))


def listing_differences(case: ListingCase) -> list[str]:
    """What parse_page reads from a listing differently from the page's items."""
    record = parse_page(case.html, case.url)
    out = []
    if record.kind != "listing":
        out.append(f"kind: {record.kind!r}")
    got = [canonical_url(u) for u in record.links.articles]
    want = [canonical_url(u) for u in case.articles]
    if got != want:
        missing, extra = set(want) - set(got), [u for u in got if u not in want]
        out.append(f"links: {len(missing)} missing, {len(extra)} extra of {len(want)}")
    next_page = record.links.next_page and canonical_url(record.links.next_page)
    if next_page != (case.next_page and canonical_url(case.next_page)):
        out.append(f"next_page: {record.links.next_page!r}, want {case.next_page!r}")
    return out


# --- the generator keeps its truth expressible (a failure here is ours, not the extractor's)


def test_every_choice_is_a_layout_field() -> None:
    assert list(CHOICES) == list(Layout.__dataclass_fields__)
    assert Layout.draw(5) == Layout.draw(5)


def _resolved(page: str, url: str) -> set[str]:
    """Every URL an href, src, lazy attribute or srcset of the page points to."""
    base = re.search(r'<base href="([^"]*)"', page)
    root = urljoin(url, html.unescape(base.group(1))) if base else url
    values = re.findall(r'(?:href|src|data-[a-z-]+|srcset)="([^"\s]*)', page)
    return {canonical_url(urljoin(root, html.unescape(v))) for v in values}


@pytest.mark.parametrize("seed", range(0, 200, 7))
def test_the_truth_is_on_the_page(seed: int) -> None:
    case = article_case(seed)
    text = html.unescape(re.sub(r"<[^>]+>", "\n", case.html))
    assert all(p in text for p in case.truth.paragraphs)
    targets = _resolved(case.html, case.url)
    assert {canonical_url(u) for u, _ in case.truth.images} <= targets
    listing = listing_case(seed)
    links = _resolved(listing.html, listing.url)
    assert {canonical_url(u) for u in listing.articles} <= links
    assert listing.next_page is None or canonical_url(listing.next_page) in links


# --- the fuzz: seeded sweeps (the CI gate) and a shrinking property test


@pytest.mark.parametrize("seed", [*SWEEP, *FOUND_SEEDS])
def test_article_layout(seed: int) -> None:
    assert article_differences(article_case(seed)) == []


@pytest.mark.parametrize("seed", SWEEP)
def test_listing_layout(seed: int) -> None:
    assert listing_differences(listing_case(seed)) == []


layouts = st.builds(Layout, **{name: st.sampled_from(opts) for name, opts in CHOICES.items()})
FUZZ = settings(
    derandomize="FUZZ_SEARCH" not in os.environ,
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _layout(**chosen: str | bool | int) -> Layout:
    """A layout of the first option of every choice but those given."""
    return Layout(**{**{name: options[0] for name, options in CHOICES.items()}, **chosen})


# Layouts the deeper and random searches found failing, kept as examples every run tries.
_FOUND = [
    # a title in a plain element: the byline after the body's block went unread
    (_layout(title_tag="div", title_class="", byline="p"), 0),
    (
        _layout(title_tag="div", title_class="", og_title=False, sapo="bold", byline="p",
                tags=True, byline_form="bai-anh"),
        540,
    ),
    # ...and the date line after it was read as the byline ("Thứ Năm")
    (_layout(title_tag="div", title_class="title", date_format=1), 0),
    # a title named nowhere, over a bold lead: the lead was taken for the prose's start
    (_layout(title_tag="div", title_class="", head_title="site", og_title=False, sapo="bold"), 3),
    # a title named nowhere, set as a short <p>: it was taken for the prose's start
    (_layout(title_tag="p", title_class="", head_title="site", og_title=False), 3),
    # the <title> alone names it, a sidebar's box heading ("Quảng cáo") came first
    (_layout(title_tag="div", title_class="", head_title="title", og_title=False,
             sidebar="left"), 0),
    # ...a table's cells, or nothing at all, naming it: the sidebar's heading won
    (_layout(title_tag="div", title_class="", head_title="title", og_title=False,
             body_shape="td", sidebar="left"), 0),
    (_layout(title_tag="div", title_class="", head_title="site", og_title=False,
             sidebar="left"), 0),
    # ...over a story in lines between <br>s: the lines' block holds the title too
    (_layout(title_tag="div", title_class="", head_title="site", og_title=False,
             body_shape="br2"), 0),
    # a short story in <div>s on a page in one <form>: the page's wrapper, scored by
    # its footer's address lines, was taken for the body
    (_layout(family="dnn", sapo="bold", body_shape="div", comments=True,
             footer="address"), 330),
    # a breadcrumb as a plain list above a story in lines: its section crumb in the body
    (_layout(family="dnn", breadcrumb="ul", body_shape="br2", crumb_class="",
             crumb_leaf="title"), 0),
]  # fmt: skip


@FUZZ
@given(layout=layouts, seed=st.integers(0, 999))
def test_any_article_layout_reads_the_same(layout: Layout, seed: int) -> None:
    assert article_differences(article_case(seed, layout)) == []


for _found_layout, _found_seed in _FOUND:
    test_any_article_layout_reads_the_same = example(layout=_found_layout, seed=_found_seed)(
        test_any_article_layout_reads_the_same
    )


@FUZZ
@given(layout=layouts, seed=st.integers(0, 999))
def test_any_listing_layout_reads_the_same(layout: Layout, seed: int) -> None:
    assert listing_differences(listing_case(seed, layout)) == []


# --- end to end: the real CLI crawls randomised sites with no selectors


@pytest.fixture(scope="module")
def portal() -> Iterator[SamplePortal]:
    with SamplePortal(articles_per_site=24, layout_seeds=E2E_SEEDS) as running:
        yield running


def test_randomised_sites_are_archived_whole(portal: SamplePortal, tmp_path: Path) -> None:
    names = {f"layout-{seed}" for seed in E2E_SEEDS}
    for seed in portal.seed_dicts():
        if seed["name"] in names:  # no selectors: the seed says where to start, nothing else
            (tmp_path / f"{seed['name']}.toml").write_text(seed_toml(seed), "utf-8")
    db = tmp_path / "archive.db"
    run = subprocess.run(
        [sys.executable, "-m", "archiver", "fetch", "--seeds", str(tmp_path), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    with sqlite3.connect(db) as conn:
        stored = dict(conn.execute("SELECT url, title FROM articles"))
    for name in sorted(names):
        site = portal.site(name)
        wrong = [a.url for a in site.articles if stored.get(canonical_url(a.url)) != a.title]
        assert not wrong, f"{name}: {len(wrong)} of {len(site.articles)} missing or mistitled"


# --- the portal of issue 12: the seed's own family, a title in a styled <div>, no <h1>,
# no og:title, <title> "Site - Title" and a "Các tin khác" list under the story

ISSUE_SEEDS = (1736, 20320)  # Umbraco layouts drawn with those choices, unlike content


def test_a_first_fetch_of_the_issues_portal_archives_every_article(tmp_path: Path) -> None:
    for seed in ISSUE_SEEDS:  # the seeds still draw the layout this test is about
        layout = Layout.draw(seed)
        assert (layout.family, layout.title_tag, layout.head_title) == (
            "umbraco",
            "div",
            "site - title",
        )
        assert (
            not layout.og_title and not layout.json_ld and layout.related_heading == "Các tin khác"
        )
    with SamplePortal(articles_per_site=30, layout_seeds=ISSUE_SEEDS) as portal:
        names = {f"layout-{seed}" for seed in ISSUE_SEEDS}
        for seed in portal.seed_dicts():
            if seed["name"] in names:
                (tmp_path / f"{seed['name']}.toml").write_text(seed_toml(seed), "utf-8")
        db = tmp_path / "archive.db"
        run = subprocess.run(
            [sys.executable, "-m", "archiver", "fetch", "--seeds", str(tmp_path), "--db", str(db),
             "--format", "json"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        summary = json_summary(run.stdout)
        with sqlite3.connect(db) as conn:
            stored = dict(conn.execute("SELECT url, title FROM articles"))
        for name in sorted(names):
            site = portal.site(name)
            assert summary["sites"][name]["health"] == "ok"
            assert summary["sites"][name]["articles_new"] == len(site.articles), summary["sites"]
            wrong = [a.url for a in site.articles if stored.get(canonical_url(a.url)) != a.title]
            assert not wrong, f"{name}: {len(wrong)} of {len(site.articles)} missing or mistitled"


def json_summary(stdout: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(stdout)
    return data
