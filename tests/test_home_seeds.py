"""A site from its home page (issue 16), end to end: the real CLI in its own process
against the sample portal over loopback, a real SQLite file.

- a seed that is only a home page archives every article and every notice (the
  notices are reachable only through a section the menu names);
- `archiver discover` proposes a seed that archives the same with no edits;
- a section that moves is followed, one that vanishes is reported;
- a malformed feed is said without failing the run;
- `archiver check` tries seeds without touching an archive, and on the shipped
  seeds, with no network, says each is unreachable in one line.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sqlite3
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from typer.testing import CliRunner

from archiver.api import fetch_sites
from archiver.cli import app
from archiver.extract.home import read_home
from archiver.normalize import canonical_url
from archiver.sample import SamplePortal, SiteTruth
from archiver.sample.layout_site import layout_site
from archiver.sample.layouts import Layout
from archiver.seeds import load_seeds, seed_toml
from faults import FaultServer, Reply, always, page_html

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("haugiang", "sotttt", "quangtri")


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archiver", *args],
        capture_output=True,
        text=True,
        timeout=180,
        # proxies of the machine left out: the sample portal is on 127.0.0.1
        env={k: v for k, v in os.environ.items() if "proxy" not in k.lower()},
    )


def archived_urls(db: Path, site: str) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT url FROM articles WHERE site = ?", [site])}


def everything(truth: SiteTruth) -> set[str]:
    return {canonical_url(a.url) for a in [*truth.articles, *truth.notices]}


@pytest.fixture(scope="module")
def portal() -> Iterator[SamplePortal]:
    with SamplePortal(articles_per_site=12) as running:
        yield running


@pytest.fixture(scope="module")
def home_run(portal: SamplePortal, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("home")
    seeds = folder / "seeds"
    portal.write_seeds(seeds, home=True)
    db = folder / "archive.db"
    done = cli("fetch", "--seeds", str(seeds), "--db", str(db), "--format", "json")
    return {"db": db, "done": done, "summary": json.loads(done.stdout or "{}")}


def test_home_page_seeds_hold_no_listing_url(portal: SamplePortal, tmp_path: Path) -> None:
    for path in portal.write_seeds(tmp_path, home=True):
        seed = tomllib.loads(path.read_text("utf-8"))
        assert seed["start_urls"] == [portal.site(seed["name"]).home_url]
        assert "sections" not in seed


@pytest.mark.parametrize("name", NAMES)
def test_a_home_page_seed_archives_every_article_and_notice(
    portal: SamplePortal, home_run: dict[str, Any], name: str
) -> None:
    assert home_run["done"].returncode == 0, home_run["done"].stderr
    truth = portal.site(name)
    assert truth.notices, "the sample site has a notices section to find"
    assert archived_urls(home_run["db"], name) >= everything(truth)
    stats = home_run["summary"]["sites"][name]
    assert stats["errors"] == 0 and stats["health"] == "ok"
    assert {canonical_url(u) for u in stats["sections_new"]} == {
        canonical_url(u) for u in truth.sections
    }


def test_feeds_and_sitemaps_are_read_and_a_malformed_feed_is_said(
    home_run: dict[str, Any],
) -> None:
    sites = home_run["summary"]["sites"]
    assert sites["haugiang"]["sitemaps"] >= 2  # the index and its gzipped child at least
    assert all(sites[name]["feeds"] >= 1 for name in NAMES)
    problems = sites["quangtri"]["discovery_problems"]
    assert len(problems) == 1 and "thong-bao" in problems[0] and "malformed" in problems[0]
    assert home_run["summary"]["status"] == "ok"  # said, and the run goes on
    said = [line for line in home_run["done"].stderr.splitlines() if "malformed" in line]
    assert len(said) == 1 and said[0].startswith("quangtri: 1 feed or sitemap problem; first:")


def test_what_was_found_is_kept_per_site(portal: SamplePortal, home_run: dict[str, Any]) -> None:
    with sqlite3.connect(home_run["db"]) as conn:
        rows = conn.execute(
            "SELECT site, kind, fetch_url, state FROM sections WHERE state = 'active'"
        ).fetchall()
    for name in NAMES:
        sections = {url for site, kind, url, _ in rows if site == name and kind == "section"}
        assert sections == set(portal.site(name).sections)
        assert any(site == name and kind == "feed" for site, kind, _, _ in rows)


def test_a_second_run_finds_nothing_new_and_walks_the_same_sections(
    portal: SamplePortal, home_run: dict[str, Any], tmp_path: Path
) -> None:
    seeds = tmp_path / "seeds"
    portal.write_seeds(seeds, home=True)
    again = cli("fetch", "--seeds", str(seeds), "--db", str(home_run["db"]), "--format", "json")
    assert again.returncode == 0, again.stderr
    for name in NAMES:
        stats = json.loads(again.stdout)["sites"][name]
        assert stats["articles_new"] == 0
        assert stats["sections"] == 2 and stats["sections_new"] == []


def test_a_moved_section_is_followed_and_a_vanished_one_reported(tmp_path: Path) -> None:
    with SamplePortal(articles_per_site=12) as portal:
        seeds = tmp_path / "seeds"
        portal.write_seeds(seeds, home=True)
        db = tmp_path / "archive.db"
        haugiang = [s for s in load_seeds(seeds) if s.name == "haugiang"]
        assert fetch_sites(db, haugiang).status == "ok"
        old = portal.site("haugiang").sections[1]
        portal.move_section("haugiang")
        moved = portal.site("haugiang")
        new = moved.sections[1]
        assert new != old
        fetch = ("fetch", "haugiang", "--seeds", str(seeds), "--db", str(db), "--format", "json")
        second = cli(*fetch)  # the CLI, for what it says on stderr
        stats = json.loads(second.stdout)["sites"]["haugiang"]
        assert canonical_url(moved.notices[0].url) in archived_urls(db, "haugiang")
        assert stats["sections_new"] == [new]
        assert [line.split(": ")[0] for line in stats["sections_gone"]] == [old]
        assert f"haugiang: 1 section gone: {old}: " in second.stderr

        portal.drop_section("haugiang")
        third = fetch_sites(db, haugiang).sites["haugiang"]
        assert [line.split(": ")[0] for line in third.sections_gone] == [new]
        assert third.sections_new == []
        with sqlite3.connect(db) as conn:
            states = dict(
                conn.execute(
                    "SELECT fetch_url, state FROM sections WHERE site = 'haugiang'"
                    " AND kind = 'section'"
                ).fetchall()
            )
        assert states[old] == states[new] == "gone"


@pytest.mark.slow  # a discover, then a fetch of what it proposes: in CI's slow run
@pytest.mark.parametrize("name", NAMES)
def test_discover_proposes_a_seed_that_archives_the_whole_site(
    portal: SamplePortal, tmp_path: Path, name: str
) -> None:
    truth = portal.site(name)
    seeds = tmp_path / "seeds"
    found = cli("discover", truth.home_url, "--write", str(seeds), "--rate-limit", "50")
    assert found.returncode == 0, found.stderr
    (path,) = seeds.glob("*.toml")
    assert found.stdout == path.read_text("utf-8")
    seed = tomllib.loads(found.stdout)
    assert {canonical_url(u) for u in seed["sections"]} == {
        canonical_url(u) for u in truth.sections
    }
    assert "characters" in found.stdout  # the sample articles parsed, shown as comments
    family = {"haugiang": "umbraco", "sotttt": "liferay", "quangtri": "sharepoint"}[name]
    assert f"\n# CMS family: {family}.\n" in found.stdout
    db = tmp_path / "archive.db"
    done = cli("fetch", "--seeds", str(seeds), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert archived_urls(db, seed["name"]) >= everything(truth)


def test_discover_says_when_a_page_offers_nothing(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("archiver.fetch._backoff", lambda attempt, retry_after: 0.0)
    shell = page_html("Cổng thông tin", "<div id='root'>Đang tải dữ liệu...</div>")
    server.routes["/"] = always(Reply(200, shell))
    found = in_process("discover", server.url("/"), "--rate-limit", "50")
    assert found.returncode == 1
    assert "No news section, feed or sitemap was found" in found.stdout
    gone = in_process("discover", "http://127.0.0.1:9/", "--rate-limit", "50")
    assert gone.returncode == 1 and gone.stdout == ""
    assert gone.stderr.startswith("archiver: http://127.0.0.1:9/: ")
    assert gone.stderr.count("\n") == 1


def test_check_tries_seeds_without_an_archive(portal: SamplePortal, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    portal.write_seeds(seeds, home=True)
    done = in_process("check", "--seeds", str(seeds), "--format", "json")
    assert done.returncode == 0, done.stderr
    checks = {c["site"]: c for c in json.loads(done.stdout)}
    assert set(checks) == set(NAMES)
    for check in checks.values():
        assert check["would_archive"] and check["reachable"]
        assert {"title", "date", "body"} <= set(check["fields"])
        assert {w["kind"] for w in check["ways"]} >= {"start", "section", "feed"}
    assert not list(tmp_path.glob("**/*.db"))


def test_check_says_a_seed_would_archive_nothing(portal: SamplePortal, tmp_path: Path) -> None:
    portal.redesign("sotttt")
    try:
        seeds = tmp_path / "seeds"
        portal.write_seeds(seeds, home=True)
        done = in_process("check", "sotttt", "--seeds", str(seeds))
    finally:
        next(s for s in portal._sites if s.name == "sotttt").redesigned = False
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("sotttt: would archive nothing")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every connection httpx would open in this process is refused before a socket
    is made (the hosts asked for are listed): the shipped seeds name real hosts, and
    tests never reach the internet, whatever the machine's network or proxies."""
    asked: list[str] = []

    async def refuse(self: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
        asked.append(request.url.host)
        raise httpx.ConnectError("refused by the test: no network", request=request)

    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", refuse)
    return asked


def test_check_on_every_shipped_seed_offline_is_one_line_each(no_network: list[str]) -> None:
    """Each shipped seed, its host unreachable, is said in one line: no traceback."""
    done = runner.invoke(app, ["check", "--seeds", str(ROOT / "seeds"), "--timeout", "5"])
    shipped = list((ROOT / "seeds").glob("*.toml"))
    lines = done.stdout.splitlines()
    assert done.exit_code == 1 and isinstance(done.exception, SystemExit)
    assert len(lines) == len(shipped) >= 34
    assert all(": unreachable: " in line for line in lines), lines[:3]
    assert len(set(no_network)) >= len(shipped) - 5  # every seed was tried (hosts shared)


def test_seed_keys_for_home_pages_round_trip(tmp_path: Path, no_network: list[str]) -> None:
    path = tmp_path / "x.toml"
    path.write_text(
        seed_toml(
            {
                "name": "x",
                "start_urls": ["https://x.gov.vn/"],
                "sections": ["https://x.gov.vn/tin-tuc"],
                "feeds": ["https://x.gov.vn/rss"],
                "unit": "Cần Thơ",
                "outlet": "portal",
                "confirmed": False,
                "rate_limit": 50.0,
            }
        ),
        "utf-8",
    )
    done = in_process("check", "--seeds", str(path), "--unit", "can tho")
    assert done.returncode == 1 and done.stdout.startswith("x: unreachable: ")
    assert set(no_network) == {"x.gov.vn"}
    wrong = in_process("check", "--seeds", str(path), "--unit", "Hà Nội")
    assert wrong.returncode == 2 and "no seed of the unit 'Hà Nội'" in wrong.stderr


runner = CliRunner()


def in_process(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI's app run in this process (read-only commands, quick ones): what a
    subprocess would give, without the start of one."""
    done = runner.invoke(app, list(args))
    return subprocess.CompletedProcess(list(args), done.exit_code, done.stdout, done.stderr)


def test_any_layouts_home_menu_offers_its_listing() -> None:
    """The layout randomiser varies the home menu (markup, place, section word, other
    links): on 200 layouts the listing is always among the candidates a run tests."""
    missed = []
    for seed in range(200):
        site = layout_site(seed, 12)
        site.base_url = "http://portal.test"
        offers = read_home(site.home_html(), "http://portal.test/", lambda u: "portal.test" in u)
        listing = canonical_url(site.url(site.listing_path(1)))
        if listing not in [canonical_url(c.url) for c in offers.sections[:12]]:
            missed.append((seed, Layout.draw(seed), [c.label for c in offers.sections]))
    assert not missed, missed[:3]


@pytest.mark.slow  # three sites crawled from their home page: in CI's slow run
def test_randomised_layout_sites_are_archived_from_their_home_page(tmp_path: Path) -> None:
    with SamplePortal(articles_per_site=12, layout_seeds=(3, 17, 41)) as portal:
        seeds = tmp_path / "seeds"
        portal.write_seeds(seeds, home=True)
        db = tmp_path / "archive.db"
        names = [f"layout-{n}" for n in (3, 17, 41)]
        sites = [s for s in load_seeds(seeds) if s.name in names]
        assert fetch_sites(db, sites).status == "ok"
        for name in names:
            assert archived_urls(db, name) >= everything(portal.site(name)), name


FUNDUS_VN = ROOT.parent / "shared" / "data" / "fundus" / "vn" / "VnExpress_2025_10_22.html.gz"


@pytest.mark.skipif(not FUNDUS_VN.is_file(), reason=f"fundus page not found at {FUNDUS_VN}")
def test_a_real_newspapers_menu_offers_its_sections_first() -> None:
    """VnExpress's own menu (a page of the fundus set, not one we wrote): the beats
    come before anything else, and no story is offered as a section."""
    url = "https://vnexpress.net/dau-bung-keo-dai-phat-hien-ung-thu-lymphoma-ruot-non-4954454.html"
    html = gzip.decompress(FUNDUS_VN.read_bytes()).decode("utf-8")
    offers = read_home(html, url, lambda u: "vnexpress.net" in u)
    first = [urlsplit(c.url).path for c in offers.sections[:12]]
    assert {"/thoi-su", "/the-gioi", "/kinh-doanh", "/phap-luat", "/the-thao"} <= set(first)
    assert not [c.url for c in offers.sections if re.search(r"-\d{5,}\.html$", c.url)]
