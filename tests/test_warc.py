"""WARC out and in, through the real CLI: the sample portal fetched over loopback,
exported, checked and indexed by warcio's own tools, imported into a new archive
with the same records; WARC files written the way other tools write them (warcio
as another crawler would use it, and wget --warc-file itself) imported too."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.sample import SamplePortal
from archiver.store import Archive, articles, schema

# What a record is, for comparing archives: every field a reader sees (not the
# archive's own bookkeeping: ids, hashes, times of fetching).
FIELDS = tuple(
    c
    for c in schema.ARTICLE_COLUMNS
    if c not in ("id", "final_url", "content_hash", "fingerprint", "sketch", "raw_sha256")
    and c not in ("first_seen", "last_seen", "last_changed", "problems")
)


def cli(*args: str | Path, stdout: Any = subprocess.PIPE) -> subprocess.CompletedProcess[Any]:
    """The CLI, run where no seeds/ folder is (the project's own would name sites)."""
    return subprocess.run(
        [sys.executable, "-m", "archiver", *map(str, args)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=120,
        cwd=Path(__file__).parent,
    )


def records(db: Path) -> list[tuple[Any, ...]]:
    with Archive.read_only(db) as archive:
        return [tuple(getattr(article, f) for f in FIELDS) for article, _ in archive.articles()]


@pytest.fixture(scope="module")
def portal() -> Iterator[SamplePortal]:
    with SamplePortal(articles_per_site=8) as portal:
        yield portal


@pytest.fixture(scope="module")
def fetched(portal: SamplePortal, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("warc")
    seeds = folder / "seeds"
    portal.write_seeds(seeds)
    db = folder / "archive.db"
    run = cli("fetch", "--seeds", seeds, "--db", db)
    assert run.returncode == 0, run.stderr
    out = folder / "all.warc.gz"
    with out.open("wb") as file:
        exported = cli("export", "--format", "warc", "--seeds", seeds, "--db", db, stdout=file)
    assert exported.returncode == 0, exported.stderr
    return {"folder": folder, "seeds": seeds, "db": db, "warc": out}


def test_an_exported_archive_imports_into_the_same_records(fetched: dict[str, Path]) -> None:
    again = fetched["folder"] / "again.db"
    run = cli("import", fetched["warc"], "--db", again, "--format", "json")
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["failed"] == 0 and summary["status"] == "ok"
    before, after = records(fetched["db"]), records(again)
    assert len(before) == 24 and after == before
    # a second import of the same file finds every article unchanged
    second = json.loads(cli("import", fetched["warc"], "--db", again, "--format", "json").stdout)
    assert second["articles_unchanged"] == 24 and second["articles_new"] == 0
    assert records(again) == before


def test_warcios_own_tools_accept_the_export(fetched: dict[str, Path]) -> None:
    check = subprocess.run(
        [sys.executable, "-m", "warcio.cli", "check", "-v", str(fetched["warc"])],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    index = subprocess.run(
        [sys.executable, "-m", "warcio.cli", "index", str(fetched["warc"])],
        capture_output=True,
        text=True,
        check=True,
    )
    entries = [json.loads(line) for line in index.stdout.splitlines()]
    kinds = [e["warc-type"] for e in entries]
    assert kinds[0] == "warcinfo"
    info = gzip.GzipFile(fileobj=io.BytesIO(fetched["warc"].read_bytes())).read(4000)
    assert b"software: archiver/" in info and b"format: WARC File Format 1.1" in info
    assert b"archiver-seed-haugiang: " in info and b"start_urls http://127.0.0.1:" in info
    assert kinds.count("response") == kinds.count("request") == kinds.count("metadata") > 24
    # each member of the file is one gzip member: a record can be read from its offset
    data = fetched["warc"].read_bytes()
    offset = int(next(e for e in entries if e["warc-type"] == "response")["offset"])
    head = gzip.GzipFile(fileobj=io.BytesIO(data[offset:])).read(400)
    assert head.startswith(b"WARC/1.1\r\n") and b"\r\nWARC-Type: response\r\n" in head


def _warc_of_another_tool(path: Path, origin: str) -> None:
    """A WARC 1.0 file as a crawler that keeps bytes as sent writes one: chunked and
    gzipped payloads, request records, a redirect, a picture, a page not found."""
    body = (
        "<html><head><meta charset='utf-8'><title>Hội nghị sơ kết | Cổng TTĐT</title></head>"
        "<body><h1>Hội nghị sơ kết công tác sáu tháng</h1><p>Ngày 12/03/2024</p>"
        + "<p>Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị sơ kết công tác sáu tháng.</p>" * 5
        + "</body></html>"
    ).encode()
    zipped = gzip.compress(body)
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(zipped), zipped)
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)

        def reply(url: str, status: str, headers: list[tuple[str, str]], payload: bytes) -> None:
            head = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=head
            )
            writer.write_record(record)
            asked = StatusAndHeaders(
                f"GET {url.split('/', 3)[-1]} HTTP/1.1", [("Host", "x")], is_http_request=True
            )
            writer.write_record(writer.create_warc_record(url, "request", http_headers=asked))

        html = [("Content-Type", "text/html; charset=utf-8")]
        article = f"{origin}/tin-tuc/hoi-nghi-so-ket.html"
        reply(
            article,
            "200 OK",
            [*html, ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
            chunked,
        )
        reply(f"{origin}/old", "301 Moved Permanently", [("Location", article)], b"")
        reply(f"{origin}/logo.png", "200 OK", [("Content-Type", "image/png")], b"\x89PNG...")
        reply(f"{origin}/missing", "404 Not Found", html, b"<html>not found</html>")


def test_a_warc_of_another_tool_imports(tmp_path: Path) -> None:
    made = tmp_path / "other.warc.gz"
    _warc_of_another_tool(made, "https://www.haugiang.gov.vn")
    db = tmp_path / "archive.db"
    run = cli("import", made, "--db", db, "--format", "json")
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["articles_new"] == 1
    assert summary["passed"] == {
        "HTTP 301": 1,
        "HTTP 404": 1,
        "not HTML": 1,
        "request records": 4,
    }
    ((url, site, title, published, *_),) = records(db)
    assert url.endswith("haugiang.gov.vn/tin-tuc/hoi-nghi-so-ket.html")
    assert site == "www.haugiang.gov.vn"  # no seed, no archiver metadata: its host
    assert (title, published) == ("Hội nghị sơ kết công tác sáu tháng", "2024-03-12")
    # written out again, the head fits the decoded body archiver kept
    again = tmp_path / "again.warc.gz"
    with again.open("wb") as file:
        assert cli("export", "--format", "warc", "--db", db, stdout=file).returncode == 0
    text = gzip.decompress(again.read_bytes())
    assert b"X-Archiver-Orig-Content-Encoding: gzip" in text
    assert b"Transfer-Encoding" not in text.replace(b"X-Archiver-Orig-Transfer-Encoding", b"")
    assert "Ủy ban nhân dân tỉnh".encode() in text


@pytest.mark.skipif(shutil.which("wget") is None, reason="wget is not installed here")
def test_a_warc_written_by_wget_imports(portal: SamplePortal, tmp_path: Path) -> None:
    site = portal.site("haugiang")
    seeds = tmp_path / "seeds"
    portal.write_seeds(seeds)
    made = tmp_path / "wget"
    subprocess.run(
        [
            *("wget", "--quiet", "--recursive", "--level=2", "--no-parent", "--delete-after"),
            *("--no-verbose", f"--warc-file={made}", "--directory-prefix", str(tmp_path / "w")),
            site.start_url,
        ],
        timeout=120,
        check=False,  # wget's exit code counts the links that led nowhere
    )
    run = cli("import", f"{made}.warc.gz", "--seeds", seeds, "--db", tmp_path / "a.db")
    assert run.returncode == 0, run.stderr
    stored = {row[0]: row for row in records(tmp_path / "a.db")}
    truth = {a.url: a for a in site.articles}
    found = set(stored) & {u.lower() for u in truth} | set(stored) & set(truth)
    assert found, f"none of {len(truth)} articles imported: {sorted(stored)[:3]}"
    for url in found:
        assert stored[url][1] == "haugiang"
        assert stored[url][2] == truth[url].title


def test_a_file_that_is_no_warc_is_one_line_and_keeps_the_archive(tmp_path: Path) -> None:
    junk = tmp_path / "notes.warc.gz"
    junk.write_bytes(b"this is not a WARC file\n" * 10)
    run = cli("import", junk, "--db", tmp_path / "a.db")
    lines = run.stderr.decode().strip().splitlines()
    assert run.returncode == 1 and len(lines) == 1, lines
    assert str(junk) in lines[0] and "not a WARC" in lines[0]
    assert cli("import", tmp_path / "nowhere.warc", "--db", tmp_path / "a.db").returncode == 2


def test_pages_kept_before_heads_were_export_as_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An archive of schema 4 (bodies alone) upgrades: each kept body becomes a
    response row without a head, written as a WARC resource record."""
    from archiver.model import Record
    from archiver.store import Fetched

    path = tmp_path / "old.db"
    with monkeypatch.context() as old_code:
        old_code.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:4])
        old_code.setattr(schema, "VERSION", 4)
        old_code.setattr(articles, "_columns", articles._columns)
        old = Archive.open(path)
        page = Record(url="https://a.gov.vn/tin/1", kind="article", title="Tin", body="Nội dung.")
        fetched = Fetched(status=200, final_url=page.url, content_type="text/html")
        old.save_article(site="a", record=page, raw=b"<html>1", requested=page.url, fetched=fetched)
        old.close()
    with Archive.open(path) as upgraded:
        (kept,) = list(upgraded.responses())
    assert (kept.exchange.url, kept.exchange.http_version, kept.body) == (
        "https://a.gov.vn/tin/1",
        "",
        b"<html>1",
    )
    out = tmp_path / "old.warc.gz"
    with out.open("wb") as file:
        assert cli("export", "--format", "warc", "--db", path, stdout=file).returncode == 0
    index = subprocess.run(
        [sys.executable, "-m", "warcio.cli", "index", "-f", "warc-type,warc-target-uri", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"warc-type": "resource", "warc-target-uri": "https://a.gov.vn/tin/1"' in index.stdout
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION


@pytest.mark.parametrize("fraction", [0.31, 0.5, 0.73])
def test_a_file_cut_short_is_said_and_keeps_what_came_before(
    fetched: dict[str, Path], tmp_path: Path, fraction: float
) -> None:
    """A download that stopped half way: warcio reads the last record's first half as
    if it were whole; the import says where the file ends, keeps every whole page
    before it, and marks its run failed."""
    whole = fetched["warc"].read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: int(len(whole) * fraction)])
    db = tmp_path / "a.db"
    run = cli("import", cut, "--db", db)
    lines = run.stderr.decode().strip().splitlines()
    assert run.returncode == 1 and len(lines) == 1, lines
    assert str(cut) in lines[0] and "cut short" in lines[0]
    kept = records(db)
    assert 0 < len(kept) < 24
    complete = {row[0]: row for row in records(fetched["db"])}
    # no page is half a page; the page right before the cut may have lost the
    # metadata record naming its site, and is filed under its host
    differ = [(row, complete[row[0]]) for row in kept if row != complete[row[0]]]
    assert len(differ) <= 1, differ
    for row, whole in differ:
        assert row[2:] == whole[2:] and row[1] == "127.0.0.1"
    with Archive.read_only(db) as archive:
        assert [r.status for r in archive.runs()] == ["failed"]
