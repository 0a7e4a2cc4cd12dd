"""The library API: the names `archiver` exports, and a script's whole round, a
crawl of the sample portal over loopback into a real file, then reads and search,
through those names alone."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import archiver
from archiver import (
    Archive,
    Article,
    Filters,
    Hit,
    Record,
    Revision,
    Run,
    RunOptions,
    RunSummary,
    fetch_sites,
    load_seeds,
    parse_page,
    search,
)
from archiver.errors import LockedError
from archiver.lock import run_lock
from archiver.sample import SamplePortal


def test_all_is_sorted_and_complete() -> None:
    assert archiver.__all__ == sorted(archiver.__all__)
    public = {name for name in dir(archiver) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(archiver, name)).__name__ == "module"}
    constants = {"PROJECT_URL", "USER_AGENT", "TYPE_CHECKING", "annotations", "importlib"}
    assert public - modules - constants == set(archiver.__all__) - {"__version__"}


@pytest.mark.parametrize("name", archiver.__all__)
def test_every_exported_name_is_archivers_own(name: str) -> None:
    value = getattr(archiver, name)
    home = getattr(value, "__module__", "archiver")
    assert home.startswith("archiver"), (name, home)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Archvie'"):
        _ = archiver.Archvie  # type: ignore[attr-defined]


def test_importing_archiver_loads_neither_storage_nor_the_extractor() -> None:
    """`import archiver` is free, and the parse worker's import of the extractor
    and of derive brings no SQLite in."""
    code = (
        "import sys, archiver, archiver.extract, archiver.derive, archiver.parsing\n"
        "print(sorted(m for m in sys.modules if m.startswith(('archiver.store', 'sqlite'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


@pytest.fixture(scope="module")
def portal() -> Iterator[SamplePortal]:
    with SamplePortal(articles_per_site=8) as portal:
        yield portal


def test_a_script_crawls_reads_and_searches(portal: SamplePortal, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    portal.write_seeds(seeds)
    db = tmp_path / "archive.db"

    summary = fetch_sites(db, load_seeds(seeds), RunOptions(max_pages=2))

    assert isinstance(summary, RunSummary) and summary.status == "ok"
    with Archive.read_only(db) as archive:
        (run,) = archive.runs()
        assert isinstance(run, Run) and run.id == summary.run_id and run.status == "ok"
        hits = search(archive, "hoi nghi", filters=Filters(site="haugiang"), limit=3)
        assert hits and all(isinstance(h, Hit) and h.site == "haugiang" for h in hits)
        article = archive.article(str(hits[0].id))
        assert isinstance(article, Article)
        assert (article.url, article.title) == (hits[0].url, hits[0].title)
        assert article.body and article.published
        (revision,) = archive.revisions(article.id)
        assert isinstance(revision, Revision) and revision.record["title"] == article.title
        stored = list(archive.articles(site="haugiang"))
        expected = len(portal.site("haugiang").articles)
        assert len(stored) == expected and all(n == 1 for _, n in stored)


def test_fetch_sites_waits_for_no_one(portal: SamplePortal, tmp_path: Path) -> None:
    """A second crawl of the same archive while one holds its lock is refused, and
    nothing is written."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    portal.write_seeds(seeds)
    db = tmp_path / "archive.db"
    with run_lock(db), pytest.raises(LockedError, match="another run holds the lock"):
        fetch_sites(db, load_seeds(seeds))
    assert not db.exists()


def test_parse_page_needs_no_archive() -> None:
    html = (
        "<html><head><title>Hội nghị tổng kết | Cổng TTĐT</title></head><body>"
        "<h1>Hội nghị tổng kết</h1><p>Ngày 12/03/2024</p>"
        + "<p>Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm.</p>" * 4
        + "</body></html>"
    )
    record = parse_page(html, "https://x.gov.vn/tin/1")
    assert isinstance(record, Record)
    assert (record.kind, record.title, record.published) == (
        "article",
        "Hội nghị tổng kết",
        "2024-03-12",
    )


def test_an_archive_closes_at_the_end_of_its_with_block(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        assert archive.count("articles") == 0
    with pytest.raises(Exception, match="closed"):
        archive.count("articles")
