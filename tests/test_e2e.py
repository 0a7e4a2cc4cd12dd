"""End to end: the real CLI, in its own process, archives the sample portal over
loopback into a real SQLite file; the archive is checked against the portal's truth."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archiver.normalize import canonical_url, fold
from archiver.sample import SamplePortal


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archiver", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def portal() -> Iterator[SamplePortal]:
    with SamplePortal(articles_per_site=36) as portal:
        yield portal


@pytest.fixture(scope="module")
def archived(portal: SamplePortal, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("e2e")
    seeds = folder / "seeds"
    seeds.mkdir()
    portal.write_seeds(seeds)
    db = folder / "archive.db"
    first = cli("fetch", "--seeds", str(seeds), "--db", str(db), "--format", "json")
    assert first.returncode == 0, first.stderr
    return {"db": db, "seeds": seeds, "summary": json.loads(first.stdout)}


def rows(db: Path, sql: str, *params: object) -> list[sqlite3.Row]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return list(conn.execute(sql, params))


def test_first_run_archives_every_article_of_every_site(
    portal: SamplePortal, archived: dict[str, Any]
) -> None:
    summary = archived["summary"]
    assert summary["status"] == "ok"
    for site in portal.sites:
        stats = summary["sites"][site.name]
        assert stats["errors"] == 0
        assert stats["articles_new"] + stats["duplicates"] == len(site.articles)
        assert stats["listing_pages"] >= 3


@pytest.mark.parametrize("name", ["haugiang", "sotttt", "quangtri"])
def test_stored_articles_match_the_portal_truth(
    portal: SamplePortal, archived: dict[str, Any], name: str
) -> None:
    site = portal.site(name)
    for truth in site.articles:
        (row,) = rows(
            archived["db"], "SELECT * FROM articles WHERE url = ?", canonical_url(truth.url)
        )
        assert row["site"] == name
        assert row["title"] == truth.title
        assert row["published"] == (truth.published or truth.updated)
        assert row["updated"] == truth.updated
        assert row["author"] == truth.author
        assert row["view_count"] == truth.view_count
        assert row["body"] == "\n\n".join(truth.paragraphs), truth.url
        images = [(i["url"], i["caption"]) for i in json.loads(row["images"])]
        assert images == [tuple(i) for i in truth.images]
        attachments = [a["url"] for a in json.loads(row["attachments"])]
        assert attachments == [a[0] for a in truth.attachments]


def search(db: Path, query: str) -> list[dict[str, Any]]:
    result = cli("search", query, "--db", str(db), "--format", "json", "--limit", "200")
    assert result.returncode == 0, result.stderr
    hits: list[dict[str, Any]] = json.loads(result.stdout)
    return hits


def bodies(db: Path, hits: list[dict[str, Any]]) -> list[str]:
    return [
        rows(db, "SELECT title || ' ' || body FROM articles WHERE id = ?", h["id"])[0][0]
        for h in hits
    ]


@pytest.mark.parametrize(
    ("query", "must_contain"),
    [("hoi nghi", "Hội nghị"), ("dang bo", "Đảng bộ"), ("Đảng bộ", "Đảng bộ")],
)
def test_search_without_accents(archived: dict[str, Any], query: str, must_contain: str) -> None:
    db = archived["db"]
    hits = search(db, query)
    assert hits
    texts = [fold(t) for t in bodies(db, hits)]
    assert all(all(w in t for w in fold(must_contain).split()) for t in texts)
    holding = [fold(must_contain) in t for t in texts]
    # every page with the phrase is found, and ranked above those with the words apart
    assert holding == sorted(holding, reverse=True)
    phrase_pages = rows(
        db, "SELECT count(*) FROM articles WHERE title || ' ' || body LIKE ?", f"%{must_contain}%"
    )[0][0]
    assert phrase_pages > 0 and sum(holding) >= phrase_pages


def test_a_quoted_phrase_finds_every_crawled_page_that_holds_it(archived: dict[str, Any]) -> None:
    # Phrases are looked up in the bigram index, which the crawl fills from what its
    # parse worker derived: a page missing there would be missing here.
    db = archived["db"]
    result = cli(
        "search", '"hoi nghi"', "--db", str(db), "--format", "json", "--limit", "1000",
        "--duplicates",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = {hit["id"] for hit in json.loads(result.stdout)}
    texts = rows(
        db, "SELECT id, title || ' ' || coalesce(summary, '') || ' ' || body FROM articles"
    )
    holding = {i for i, text in texts if re.search(r"\bhoi nghi\b", fold(text))}
    assert holding and found == holding


def test_search_hoa_binh_finds_both_tone_placements(archived: dict[str, Any]) -> None:
    texts = bodies(archived["db"], search(archived["db"], "hoa binh"))
    assert any("Hòa Bình" in t for t in texts)
    assert any("Hoà Bình" in t for t in texts)


def test_second_run_adds_nothing(portal: SamplePortal, archived: dict[str, Any]) -> None:
    db = archived["db"]
    before = [rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("articles", "revisions")]
    again = cli("fetch", "--seeds", str(archived["seeds"]), "--db", str(db), "--format", "json")
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    for site in portal.sites:
        stats = summary["sites"][site.name]
        assert (stats["articles_new"], stats["articles_updated"], stats["duplicates"]) == (0, 0, 0)
        assert stats["articles_unchanged"] > 0
    after = [rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("articles", "revisions")]
    assert after == before


def test_full_rerun_finds_no_change_despite_header_clocks(archived: dict[str, Any]) -> None:
    db = archived["db"]
    result = cli(
        "fetch", "--full", "--seeds", str(archived["seeds"]), "--db", str(db), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    for stats in json.loads(result.stdout)["sites"].values():
        assert stats["articles_new"] == stats["articles_updated"] == 0
        assert stats["articles_unchanged"] > 0


def test_show_by_url_and_id(portal: SamplePortal, archived: dict[str, Any]) -> None:
    truth = portal.site("haugiang").articles[0]
    shown = cli("show", truth.url, "--db", str(archived["db"]), "--format", "json")
    assert shown.returncode == 0, shown.stderr
    article = json.loads(shown.stdout)
    by_id = cli("show", str(article["id"]), "--db", str(archived["db"]), "--history")
    assert by_id.returncode == 0 and truth.title in by_id.stdout and "revisions (1)" in by_id.stdout


def test_quiet_run_with_nothing_new_prints_nothing(archived: dict[str, Any]) -> None:
    result = cli("fetch", "--quiet", "--seeds", str(archived["seeds"]), "--db", str(archived["db"]))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.slow
def test_a_redesigned_site_is_marked_unhealthy(tmp_path: Path) -> None:
    """A layout change in the sample portal between two runs: the site that changed is
    unhealthy, the others are not, and the run exits 1."""
    with SamplePortal(articles_per_site=12) as portal:
        portal.write_seeds(tmp_path / "seeds")
        db = str(tmp_path / "archive.db")
        first = cli("fetch", "--seeds", str(tmp_path / "seeds"), "--db", db, "--format", "json")
        assert first.returncode == 0, first.stderr
        portal.redesign("sotttt")
        second = cli(
            "fetch", "--full", "--seeds", str(tmp_path / "seeds"), "--db", db, "--format", "json"
        )
    assert second.returncode == 1
    health = {n: s["health"] for n, s in json.loads(second.stdout)["sites"].items()}
    assert health == {"haugiang": "ok", "sotttt": "unhealthy", "quangtri": "ok"}
    assert second.stderr.strip().startswith("sotttt: unhealthy:")
