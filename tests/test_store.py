from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from archiver import history
from archiver.errors import LockedError, MissingArchiveError, NotFoundError
from archiver.lock import run_lock
from archiver.model import Image, Record
from archiver.store import Archive, articles, schema

BODY = "Đó là ý kiến chỉ đạo của đồng chí Bí thư Tỉnh ủy tại Hội nghị. " * 6


def record(url: str = "https://a.gov.vn/tin/1", **changes: object) -> Record:
    base = Record(
        url=url,
        kind="article",
        title="Hội nghị tổng kết",
        published="2020-11-03",
        author="Thanh Tâm",
        body=BODY,
        view_count=427,
        images=(Image("https://a.gov.vn/media/1.png", "Quang cảnh Hội nghị"),),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_new_then_unchanged_then_updated_adds_one_revision() -> None:
    archive = Archive.memory()
    assert archive.save_article(site="a", record=record(), raw=b"<html>1")[0] == "new"
    outcome, article_id = archive.save_article(site="a", record=record(), raw=b"<html>1")
    assert outcome == "unchanged"
    changed = record(body=BODY + "\n\nĐoạn mới.")
    assert archive.save_article(site="a", record=changed, raw=b"<html>2")[0] == "updated"
    assert len(archive.revisions(article_id)) == 2
    assert (archive.article(str(article_id)).body or "").endswith("Đoạn mới.")


def test_view_count_alone_is_no_new_revision_but_is_kept() -> None:
    archive = Archive.memory()
    _, article_id = archive.save_article(site="a", record=record(), raw=b"x")
    outcome, _ = archive.save_article(site="a", record=record(view_count=500), raw=b"y")
    assert outcome == "unchanged"
    assert len(archive.revisions(article_id)) == 1
    assert archive.article(str(article_id)).view_count == 500


def test_url_variants_are_one_article() -> None:
    archive = Archive.memory()
    archive.save_article(
        site="a", record=record("https://A.gov.vn/tin/1?utm_source=fb#x"), raw=b"x"
    )
    outcome, _ = archive.save_article(site="a", record=record("https://a.gov.vn/tin/1"), raw=b"x")
    assert outcome == "unchanged"
    assert archive.count("articles") == 1
    assert archive.article("HTTPS://a.gov.vn:443/tin/1").title == "Hội nghị tổng kết"


def test_same_body_elsewhere_is_linked_as_duplicate() -> None:
    archive = Archive.memory()
    _, first = archive.save_article(site="a", record=record(), raw=b"x")
    outcome, second = archive.save_article(
        site="b", record=record("https://b.gov.vn/x", title="Khác"), raw=b"y"
    )
    assert outcome == "duplicate"
    assert archive.article(str(second)).duplicate_of == first


def test_raw_pages_are_stored_once_per_content() -> None:
    archive = Archive.memory()
    archive.save_article(site="a", record=record(), raw=b"<html>same")
    archive.save_article(site="a", record=record("https://a.gov.vn/tin/2"), raw=b"<html>same")
    assert archive.count("raw_pages") == 1
    sha = archive.article("https://a.gov.vn/tin/2").raw_sha256
    assert sha is not None and archive.raw_page(sha) == b"<html>same"


def test_update_date_stands_in_for_a_missing_publication_date() -> None:
    archive = Archive.memory()
    archive.save_article(site="a", record=record(published=None, updated="2020-11-03"), raw=b"x")
    row = archive.article("https://a.gov.vn/tin/1")
    assert (row.published, row.updated) == ("2020-11-03", "2020-11-03")


def test_unknown_article_is_a_clean_error() -> None:
    with pytest.raises(NotFoundError, match=r"https://nowhere\.vn/x"):
        Archive.memory().article("https://nowhere.vn/x")


def test_file_archive_is_created_with_folders(tmp_path: Path) -> None:
    archive = Archive.open(tmp_path / "deep" / "archive.db")
    archive.save_article(site="a", record=record(), raw=b"x")
    archive.close()
    assert Archive.open(tmp_path / "deep" / "archive.db").count("articles") == 1


def test_second_lock_holder_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    with run_lock(db), pytest.raises(LockedError, match="another run holds the lock"):  # noqa: SIM117
        with run_lock(db):
            pass
    with run_lock(db):  # released after the first holder left
        pass


def test_an_article_and_its_revision_are_stored_together_or_not_at_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    archive = Archive.memory()

    def broken(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(articles, "_add_revision", broken)
    with pytest.raises(RuntimeError):
        archive.save_article(
            site="a", record=record(), raw=b"x", requested="https://a.gov.vn/tin/1"
        )
    assert (archive.count("articles"), archive.count("raw_pages"), archive.count("pages")) == (
        0,
        0,
        0,
    )


def test_an_archive_of_schema_3_gains_source_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An archive written before `source` (schema 3) opens, upgrades in place and keeps
    every row; its articles are not taken for changed when read again alike."""
    path = tmp_path / "old.db"
    with monkeypatch.context() as old_code:
        old_code.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:3])
        old_code.setattr(schema, "VERSION", 3)
        columns = articles._columns  # the old code wrote no source column
        old_code.setattr(
            articles, "_columns", lambda r: {k: v for k, v in columns(r).items() if k != "source"}
        )
        old = Archive.open(path)
        old.save_article(site="a", record=record(), raw=b"<html>1")
        old.save_article(site="a", record=record("https://a.gov.vn/tin/2"), raw=b"<html>2")
        old.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 3
        names = [row[1] for row in db.execute("PRAGMA table_info(articles)")]
        assert "source" not in names
        before = db.execute("SELECT * FROM articles ORDER BY id").fetchall()

    upgraded = Archive.open(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
        after = db.execute("SELECT * FROM articles ORDER BY id").fetchall()
    assert [row[:-1] for row in after] == before  # every value kept, source appended
    assert [row[-1] for row in after] == [None, None]
    assert upgraded.article("1").author == "Thanh Tâm"
    assert upgraded.article("1").source is None
    assert upgraded.count("revisions") == 2
    # read again alike: unchanged, no revision; read with its source: one revision
    assert upgraded.save_article(site="a", record=record(), raw=b"<html>1")[0] == "unchanged"
    sourced = record(source="Báo Hậu Giang")
    assert upgraded.save_article(site="a", record=sourced, raw=b"<html>1")[0] == "updated"
    assert upgraded.article("1").source == "Báo Hậu Giang"
    assert upgraded.revisions(1)[-1].record["source"] == "Báo Hậu Giang"
    assert history.changes(upgraded.revisions(1))[-1]["changed"] == ["source"]
    upgraded.close()


def test_an_archive_of_a_newer_archiver_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Archive.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {schema.VERSION + 1}")
    with pytest.raises(MissingArchiveError, match=r"newer archiver .*upgrade archiver"):
        Archive.open(path)


def test_an_archive_from_before_the_registry_is_upgraded_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Archives written before sqlite-utils' registry counted their steps in
    user_version alone: those steps are recorded as applied, never run again."""
    path = tmp_path / "old.db"
    with monkeypatch.context() as old_code:
        old_code.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:4])
        old_code.setattr(schema, "VERSION", 4)
        old = Archive.open(path)
        old.save_article(site="a", record=record(), raw=b"<html>1")
        old.close()
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE _sqlite_migrations")  # as the release before wrote it
    with Archive.open(path) as upgraded:
        assert upgraded.article("1").title == record().title
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
        names = [n for (n,) in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        assert names == [step.name for step in schema.MIGRATIONS]
        assert db.execute("SELECT count(*) FROM responses").fetchone()[0] == 0


def test_the_frontier_is_asked_for_any_number_of_urls() -> None:
    """A feed of 40,000 entries: more URLs than SQLite takes parameters in one
    statement on older builds (32,766; 999 before 3.32)."""
    archive = Archive.memory()
    urls = [f"https://x.gov.vn/tin/{n}" for n in range(40_000)]
    archive.enqueue("x", urls[::1000])
    assert len(archive.seen(urls)) == 40 and len(archive.states(urls)) == 40
    assert set(archive.states(urls).values()) == {"queued"}
