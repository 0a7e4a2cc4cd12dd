"""The CLI's contract for bad input and unreachable sites: one line, the right exit code."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from archiver import __version__, report
from archiver.cli import DEMO_PORT_BASE, app
from archiver.lock import run_lock
from archiver.model import Links, Record
from archiver.runs import RunSummary, SiteStats
from archiver.store import Archive
from faults import FaultServer, Reply, add_news, always, write_seed

runner = CliRunner()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seed(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_invalid_seed_exits_2_naming_file_and_key_before_fetching(tmp_path: Path) -> None:
    path = seed(tmp_path / "seeds", "bad", 'start_urls = ["http://127.0.0.1:9/"]\nrate_limit = -1')
    db = tmp_path / "a.db"
    result = runner.invoke(app, ["fetch", "--seeds", str(path), "--db", str(db)])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert str(path) in result.stderr and "rate_limit" in result.stderr
    assert not db.exists()


def test_a_selector_that_does_not_parse_exits_2_before_fetching(
    server: FaultServer, tmp_path: Path
) -> None:
    good = seed(tmp_path / "seeds", "good", f'start_urls = ["{server.url("/tin-tuc")}"]')
    bad = seed(
        tmp_path / "seeds",
        "bad",
        f'start_urls = ["{server.url("/tin-tuc")}"]\n[selectors]\narticle_links = "div.list a["',
    )
    db = tmp_path / "a.db"
    result = runner.invoke(app, ["fetch", "--seeds", str(good.parent), "--db", str(db)])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"archiver: {bad}: key 'selectors.article_links': ")
    assert server.log == [] and not db.exists()


def test_unknown_site_name_exits_2(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    seed(folder, "a", 'start_urls = ["http://127.0.0.1:9/"]')
    args = ["fetch", "nope", "--seeds", str(folder), "--db", str(tmp_path / "d")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "no seed named 'nope'" in result.stderr


@pytest.mark.slow
def test_unreachable_sites_exit_1_with_one_line_each(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    for name in ("one", "two"):
        seed(folder, name, f'start_urls = ["http://127.0.0.1:{closed_port()}/tin-tuc"]\n')
    args = ["fetch", "--seeds", str(folder), "--db", str(tmp_path / "a.db"), "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["one", "two"]
    assert all("/tin-tuc" in line and "Traceback" not in line for line in lines)
    summary = json.loads(result.stdout)
    assert summary["status"] == "failed"
    assert summary["sites"]["one"]["errors"] == 1


def test_quiet_says_each_failing_site_in_one_line_and_nothing_else(
    capsys: pytest.CaptureFixture[str],
) -> None:
    failed = SiteStats(errors=1, first_error="http://a.vn/tin-tuc: connection refused")
    summary = RunSummary(run_id=3, started="2025-01-01T00:00:00+00:00", status="failed",
                         sites={"one": failed, "two": SiteStats()})  # fmt: skip
    report.print_run(summary, as_json=False, quiet=True)
    said = capsys.readouterr()
    assert said.out == ""
    assert said.err == "one: 1 error; first: http://a.vn/tin-tuc: connection refused\n"


def test_fetch_while_locked_exits_3(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    seed(folder, "a", 'start_urls = ["http://127.0.0.1:9/"]')
    db = tmp_path / "a.db"
    with run_lock(db):
        result = runner.invoke(app, ["fetch", "--seeds", str(folder), "--db", str(db)])
    assert result.exit_code == 3 and "another run holds the lock" in result.stderr


def test_show_unknown_article_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", "https://x.vn/a", "--db", str(_empty(tmp_path / "a.db"))])
    assert result.exit_code == 1
    expected = f"archiver: https://x.vn/a: no such article in {tmp_path / 'a.db'}"
    assert result.stderr.strip() == expected


def test_parse_missing_file_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(tmp_path / "nope.html")])
    assert result.exit_code == 1
    assert "nope.html: cannot read" in result.stderr and "Traceback" not in result.stderr


def test_search_empty_archive_in_json_is_an_empty_list(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["search", "hội nghị", "--format", "json", "--db", str(_empty(tmp_path / "a.db"))]
    )
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_search_with_no_match_in_csv_still_names_every_column(tmp_path: Path) -> None:
    db = _empty(tmp_path / "a.db")
    result = runner.invoke(app, ["search", "hội", "--format", "csv", "--db", str(db)])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["id,url,site,title,published,snippet,score"]


def test_a_query_past_its_bounds_is_searched_within_them_and_says_so(tmp_path: Path) -> None:
    db = _empty(tmp_path / "a.db")
    result = runner.invoke(app, ["search", "hoi " * 20_000, "--db", str(db)])
    assert result.exit_code == 0
    said = [line for line in result.stderr.splitlines() if line.startswith("archiver:")]
    assert said == [
        "archiver: the query asks more than one search may; searched for its first 32 terms"
        " (4 prefixes, 16 words a phrase) within its first 1000 characters"
    ]


def test_a_prefix_too_broad_to_search_is_left_out_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "a.db"
    with Archive.open(db) as archive:
        for n, body in enumerate(["Hội nghị tổng kết", "Hội thảo khoa học", "Hợp tác xã"]):
            page = Record(url=f"https://x.example/{n}", kind="article", title=body, body=body)
            archive.save_article(site="x", record=page, raw=body.encode())
    monkeypatch.setattr("archiver.store.fulltext.PREFIX_WORDS", 2)  # h* begins hoi, hop, ...
    result = runner.invoke(app, ["search", "h* tong", "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    assert [hit["url"] for hit in json.loads(result.stdout)] == ["https://x.example/0"]
    said = [line for line in result.stderr.splitlines() if line.startswith("archiver:")]
    assert said == [
        "archiver: left out h*: each begins more than 2 indexed words, too many to search"
        " at a bounded cost; type more of the word"
    ]


FIXTURES = Path(__file__).parent / "fixtures"
SEED_URL = (
    "https://www.haugiang.gov.vn/tin-tuc/tin-kinh-te/"
    "can-tiep-tuc-no-luc-tich-cuc-chu-dong-hon-nua-hoan-thanh-muc-tieu-nhiem-vu-nam-2020"
)


def test_parse_command_on_the_seed_page_matches_its_golden_file() -> None:
    page = FIXTURES / "pages" / "haugiang-seed.html"
    result = runner.invoke(app, ["parse", str(page), "--url", SEED_URL, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    parsed = json.loads(result.stdout)
    golden = json.loads((FIXTURES / "expected" / "haugiang-seed.json").read_text("utf-8"))
    # parse says why the page got its kind; the golden file keeps the kind alone
    assert parsed.pop("kind_reason").startswith("article: ")
    assert parsed == golden
    # the fields issue 2 names, asserted outright so a regenerated golden file cannot hide them
    assert parsed["title"] == (
        "Cần tiếp tục nỗ lực, tích cực, chủ động hơn nữa hoàn thành mục tiêu, nhiệm vụ năm 2020"
    )
    assert parsed["updated"] == "2020-11-03"
    assert (parsed["view_count"], parsed["author"]) == (427, "Thanh Tâm")
    assert parsed["category"] == "Tin kinh tế"
    assert parsed["images"] == [
        {
            "url": "https://www.haugiang.gov.vn/media/1047/21120.png",
            "caption": "Quang cảnh Hội nghị",
        }
    ]
    assert parsed["body"].startswith("Đó là ý kiến chỉ đạo")
    for boilerplate in ("Các ý kiến của bạn đọc", "Quảng cáo", "Số lần xem"):
        assert boilerplate not in parsed["body"]


def test_demo_archives_the_sample_portal_and_searches_it(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = runner.invoke(app, ["demo", "--db", str(db), "--articles", "12", "--port-base", "0"])
    assert result.exit_code == 0, result.stderr
    assert "run 1: ok" in result.stdout
    for site in ("haugiang", "sotttt", "quangtri"):
        assert re.search(rf"^{site} +\d+ +12 ", result.stdout, re.M), result.stdout
    assert "[Hội] [nghị]" in result.stdout


def test_demo_sites_keep_their_addresses_whatever_ports_serve_them(tmp_path: Path) -> None:
    """A second demo whose ports were taken (served elsewhere) finds the same URLs:
    nothing is archived twice under new addresses."""
    db = tmp_path / "demo.db"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        first = runner.invoke(app, ["demo", "--db", str(db), "--articles", "4", "--port-base", "0"])
        again = runner.invoke(
            app, ["demo", "--db", str(db), "--articles", "4", "--port-base", str(port)]
        )
    assert (first.exit_code, again.exit_code) == (0, 0), first.stderr + again.stderr
    assert re.search(r"^haugiang +\d+ +0 +0 +4 ", again.stdout, re.M), again.stdout
    archive = Archive.existing(db)
    urls = [article.url for article, _ in archive.articles()]
    archive.close()
    assert len(urls) == 12
    assert {u.split("/")[2] for u in urls} == {f"127.0.0.1:{DEMO_PORT_BASE + n}" for n in range(3)}


def test_readme_starts_with_the_two_setup_commands() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert block[0].endswith("pip install -e . && .venv/bin/archiver demo")
    assert block[1].endswith("pip install -e '.[test]' && .venv/bin/pytest")
    assert readme.index("```sh") < readme.index("##")


def test_search_rejects_a_date_that_is_not_one(tmp_path: Path) -> None:
    args = ["search", "x", "--since", "yesterday", "--db", str(tmp_path / "a.db")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "'yesterday' is not a date" in result.stderr


def test_docs_interface_names_every_key_parse_prints() -> None:
    """docs/interface.md is the contract: every key of parse's JSON is written there."""
    contract = (Path(__file__).parent.parent / "docs" / "interface.md").read_text("utf-8")
    page = FIXTURES / "pages" / "haugiang-seed.html"
    result = runner.invoke(app, ["parse", str(page), "--url", SEED_URL, "--format", "json"])
    missing = [
        k
        for k in json.loads(result.stdout)
        if f'"{k}"' not in contract and f"`{k}`" not in contract
    ]
    assert not missing, f"docs/interface.md does not name {missing}"


def _empty(path: Path) -> Path:
    """An archive with nothing in it (read commands never create one)."""
    Archive.open(path).close()
    return path


@pytest.mark.parametrize(
    "command", [["search", "hoi"], ["show", "1"], ["runs"], ["sites"], ["export"]]
)
def test_read_commands_never_create_an_archive(tmp_path: Path, command: list[str]) -> None:
    typo = tmp_path / "typo" / "a.db"
    result = runner.invoke(app, [*command, "--db", str(typo)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"archiver: no archive at {typo}"
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize("since", ["20240312", "2024-W11-2", "2024-3-12", "yesterday"])
def test_since_takes_only_a_calendar_date(tmp_path: Path, since: str) -> None:
    result = runner.invoke(
        app, ["search", "x", "--since", since, "--db", str(_empty(tmp_path / "a.db"))]
    )
    assert result.exit_code == 2 and "is not a date like 2025-07-01" in result.stderr


def test_version_and_short_help() -> None:
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout.strip() == f"archiver {__version__}"
    for command in ([], ["fetch"], ["search"]):
        short = runner.invoke(app, [*command, "-h"], prog_name="archiver")
        long = runner.invoke(app, [*command, "--help"], prog_name="archiver")
        assert short.exit_code == long.exit_code == 0
        assert short.stdout == long.stdout and short.stdout.startswith("Usage: archiver")


@pytest.fixture
def kinh_te(tmp_path: Path) -> Path:
    """An archive of one article of site 'hoabinh', category 'Tin kinh tế'."""
    db = tmp_path / "a.db"
    archive = Archive.open(db)
    url = "https://hoabinh.example/tin/1.html"
    body = "Hội nghị bàn về phát triển kinh tế của tỉnh trong năm tới."
    record = Record(url=url, kind="article", title="Hội nghị kinh tế", category="Tin kinh tế",
                    published="2024-05-01", body=body)  # fmt: skip
    archive.save_article(site="hoabinh", record=record, raw=b"<html></html>", requested=url)
    archive.close()
    return db


@pytest.mark.parametrize("command", [["search", "hoi nghi"], ["export"], ["reparse"]])
def test_a_site_the_archive_does_not_know_is_a_usage_error(
    kinh_te: Path, command: list[str]
) -> None:
    result = runner.invoke(app, [*command, "--site", "hoabihn", "--db", str(kinh_te)])
    assert result.exit_code == 2
    assert f"no site 'hoabihn' in {kinh_te} (have: hoabinh)" in " ".join(result.stderr.split())


@pytest.mark.parametrize("category", ["Tin kinh tế", "tin kinh te", "TIN  KINH TẾ"])
def test_the_category_filter_folds_as_search_does(kinh_te: Path, category: str) -> None:
    args = ["search", "hoi nghi", "--category", category, "--format", "json"]
    result = runner.invoke(app, [*args, "--db", str(kinh_te)])
    assert result.exit_code == 0
    assert [hit["title"] for hit in json.loads(result.stdout)] == ["Hội nghị kinh tế"]


def test_reparse_with_seeds_that_do_not_exist_is_a_seed_error(kinh_te: Path) -> None:
    result = runner.invoke(app, ["reparse", "--seeds", "/typo/seeds", "--db", str(kinh_te)])
    assert result.exit_code == 2 and "no such seed file or folder" in result.stderr


def test_show_of_a_string_that_is_no_url_is_one_line(kinh_te: Path) -> None:
    result = runner.invoke(app, ["show", "http://[::1", "--db", str(kinh_te)])
    assert result.exit_code == 1
    assert result.stderr.strip() == "archiver: http://[::1: neither an id nor a URL"


def test_an_archive_path_under_a_regular_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    folder = tmp_path / "seeds"
    seed(folder, "a", 'start_urls = ["http://127.0.0.1:9/"]')
    db = tmp_path / "file" / "a.db"
    result = runner.invoke(app, ["fetch", "--seeds", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(f"archiver: {db}: cannot take the archive's lock:")


# Heavy modules a start-up must not load: the crawler, the HTTP client, the
# extractor, and pydantic (typer 0.29+ builds TypeAdapters on every start).
_HEAVY = ("httpx", "archiver.runs", "archiver.fetch", "archiver.extract", "pydantic")


@pytest.mark.parametrize("args", [["--help"], ["search", "hoi nghi", "--format", "json"]])
def test_help_and_search_load_nothing_they_do_not_use(kinh_te: Path, args: list[str]) -> None:
    """Start-up time is import time: `--help` and a search (issue 13: < 0.3 s, see
    bench/startup.py) must not load the crawler or the extractor."""
    code = (
        "import sys\n"
        "from archiver.cli import app\n"
        "try:\n"
        f"    app({[*args, '--db', str(kinh_te)] if args[0] == 'search' else args!r})\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        f"print('LOADED', sorted(m for m in {_HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "LOADED []"


_READS = [["search", "hoi nghi"], ["show", "1"], ["runs"], ["sites"], ["export"]]


def _can_mount() -> bool:
    probe = "unshare -m sh -c 'mount -t tmpfs tmpfs /mnt' 2>/dev/null"
    return shutil.which("unshare") is not None and subprocess.run(probe, shell=True).returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="needs a private mount namespace (unshare -m)")
def test_read_commands_read_an_archive_on_read_only_media(kinh_te: Path, tmp_path: Path) -> None:
    """Copied to a read-only file system (no -shm can be made beside it), the
    archive is still read by every read command."""
    media = tmp_path / "media"
    media.mkdir()
    reads = "; ".join(
        f"{sys.executable} -m archiver {shlex.join(args)} --db {media}/a.db; echo EXIT $?"
        for args in _READS
    )
    script = (
        f"mount -t tmpfs tmpfs {media} && cp {kinh_te} {media}/a.db"
        f" && mount -o remount,ro {media} && touch {media}/x 2>/dev/null; echo WRITABLE $?; {reads}"
    )
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True)
    assert "WRITABLE 1" in done.stdout, done.stdout + done.stderr  # the media is read-only
    assert re.findall(r"EXIT (\d+)", done.stdout) == ["0"] * len(_READS), done.stderr
    assert done.stdout.count("Hội nghị kinh tế") >= 3 and done.stderr == ""


@pytest.mark.parametrize("version", [2, 99])
def test_read_commands_never_migrate_an_archive(kinh_te: Path, version: int) -> None:
    """An archive of another schema is said to be one, and left exactly as it was."""
    with sqlite3.connect(kinh_te) as conn:
        conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    before = kinh_te.read_bytes()
    for args in _READS:
        result = runner.invoke(app, [*args, "--db", str(kinh_te)])
        assert result.exit_code == 2, (args, result.output)
        said = " ".join(result.stderr.split())
        assert f"{kinh_te} was written by {'an older' if version == 2 else 'a newer'}" in said
    assert kinh_te.read_bytes() == before


def _commands() -> dict[str, Any]:
    import typer.main

    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_every_command_has_an_example_and_every_option_a_help_text() -> None:
    lacking = [
        f"{name} {param.name}"
        for name, command in _commands().items()
        for param in command.params
        if not getattr(param, "help", None)
    ]
    assert lacking == []
    no_example = [n for n, command in _commands().items() if "Example" not in (command.help or "")]
    assert no_example == []
    shown = runner.invoke(app, ["search", "--help"], prog_name="archiver").stdout
    assert '\n    archiver search "hoi nghi" --since 2025-01-01\n' in shown  # kept as written


def test_shell_completion_is_offered() -> None:
    result = runner.invoke(app, ["--show-completion", "bash"], prog_name="archiver")
    assert result.exit_code == 0 and "complete" in result.stdout and "archiver" in result.stdout


def test_parse_reads_a_page_from_stdin() -> None:
    page = FIXTURES / "pages" / "haugiang-seed.html"
    from_file = runner.invoke(app, ["parse", str(page), "--url", SEED_URL])
    from_stdin = runner.invoke(app, ["parse", "-", "--url", SEED_URL], input=page.read_bytes())
    assert from_stdin.exit_code == 0, from_stdin.stderr
    assert json.loads(from_stdin.stdout) == json.loads(from_file.stdout)
    assert json.loads(from_file.stdout)["kind"] == "article"


@pytest.mark.parametrize("flags", [[], ["-v"], ["-vv"]])
def test_failed_urls_are_logged_as_warnings_when_asked(
    server: FaultServer, tmp_path: Path, flags: list[str]
) -> None:
    add_news(server, ["/a/1", "/a/2"])
    server.routes["/a/2"] = always(Reply(404, "gone"))
    seeds = tmp_path / "seeds"
    write_seed(seeds, server)
    db = tmp_path / "a.db"
    result = runner.invoke(app, ["fetch", *flags, "--seeds", str(seeds), "--db", str(db)])
    assert result.exit_code == 1
    warned = [line for line in result.stderr.splitlines() if " WARNING " in line]
    if flags:
        assert len(warned) == 1 and server.url("/a/2") in warned[0] and "404" in warned[0]
    else:  # without -v, only the site's own line says it
        assert warned == [] and result.stderr.count(server.url("/a/2")) == 1
    debug = [line for line in result.stderr.splitlines() if " DEBUG " in line]
    assert bool(debug) == (flags == ["-vv"])


def _ids(db: Path) -> list[tuple[int, str]]:
    archive = Archive.existing(db)
    try:
        return [(article.id, article.url) for article, _ in archive.articles()]
    finally:
        archive.close()


def test_the_demo_is_reproducible_ids_and_revision_included(tmp_path: Path) -> None:
    """What the README shows of the demo comes out the same on any machine: the
    same ids for the same articles, and a --full demo after the first finds the
    correction haugiang made to its newest article (id 1), so that
    `show 1 --history` has a revision to show."""
    demo = ["demo", "--articles", "4", "--port-base", "0"]
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    for db in (one, two):
        assert runner.invoke(app, [*demo, "--db", str(db)]).exit_code == 0
    assert _ids(one) == _ids(two) and len(_ids(one)) == 12
    assert _ids(one)[0][1].startswith(f"http://127.0.0.1:{DEMO_PORT_BASE}/")  # haugiang's

    again = runner.invoke(app, [*demo, "--full", "--db", str(one)])
    assert re.search(r"^haugiang +\d+ +0 +1 +3 ", again.stdout, re.M), again.stdout
    shown = runner.invoke(app, ["show", "1", "--history", "--format", "json", "--db", str(one)])
    revisions = json.loads(shown.stdout)["revisions"]
    assert [r["changed"] for r in revisions] == [[], ["title", "body"]]
    assert json.loads(shown.stdout)["title"].endswith("(cập nhật)")


_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _can_drop_to_nobody() -> bool:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    probe = [*_NOBODY, sys.executable, "-c", ""]
    return subprocess.run(probe, capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_drop_to_nobody(), reason="needs root and setpriv to run as nobody")
def test_read_commands_read_an_archive_in_a_folder_they_cannot_write(kinh_te: Path) -> None:
    """As a user who may read the archive but not write its folder (no -shm can be
    made there), every read command still reads it; a writing command says in one
    line that it cannot, with no traceback."""
    folder = Path(tempfile.mkdtemp(prefix="archiver-ro-"))
    try:
        folder.chmod(0o755)
        db = folder / "a.db"
        shutil.copy(kinh_te, db)
        db.chmod(0o644)
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        for args in [*_READS, ["reparse"]]:
            done = subprocess.run(
                [*_NOBODY, sys.executable, "-m", "archiver", *args, "--db", str(db)],
                capture_output=True, text=True, env=env, timeout=60,
            )  # fmt: skip
            if args == ["reparse"]:
                assert done.returncode in (1, 2) and "Traceback" not in done.stderr
                assert len(done.stderr.strip().splitlines()) == 1, done.stderr
            else:
                assert done.returncode == 0, (args, done.stderr)
        assert sorted(p.name for p in folder.iterdir()) == ["a.db"]
    finally:
        shutil.rmtree(folder)


def test_an_error_no_one_foresaw_is_one_line_not_a_traceback(
    kinh_te: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from archiver import cli, status

    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(status, "recent_runs", broken)
    monkeypatch.setattr(sys, "argv", ["archiver", "runs", "--db", str(kinh_te)])
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code == 1
    said = capsys.readouterr().err
    assert said.startswith("archiver: internal error: RuntimeError: a bug (a bug: please report")
    assert len(said.strip().splitlines()) == 1


def test_parse_of_a_broken_url_is_one_line() -> None:
    result = runner.invoke(app, ["parse", "http://[::1"])
    assert result.exit_code == 1
    said = "archiver: http://[::1: not a web address to fetch: Invalid IPv6 URL"
    assert result.stderr.strip() == said


def test_source_is_in_every_json_output(tmp_path: Path) -> None:
    """A story's source is kept apart from its author in parse, show and export."""
    page = tmp_path / "tin.html"
    story = "".join(
        f"<p>Đoạn {i}: Ủy ban nhân dân tỉnh triển khai kế hoạch phát triển kinh tế năm mới.</p>"
        for i in range(6)
    )
    page.write_text(
        f"<html><body><article><h1>Hội nghị tổng kết năm</h1>{story}"
        "<p><strong>Thanh Hà – TTXVN</strong></p></article></body></html>",
        encoding="utf-8",
    )
    parsed = runner.invoke(app, ["parse", str(page), "--url", "https://a.vn/t/1.html",
                                 "--format", "json"])  # fmt: skip
    record = json.loads(parsed.stdout)
    assert (record["author"], record["source"]) == ("Thanh Hà", "TTXVN")
    db = tmp_path / "a.db"
    archive = Archive.open(db)
    fields = {**record, "images": (), "attachments": (), "links": Links(), "problems": ()}
    archive.save_article(site="a", record=Record(**fields), raw=b"x")
    archive.close()
    shown = json.loads(
        runner.invoke(app, ["show", "1", "--format", "json", "--db", str(db)]).stdout
    )
    assert (shown["author"], shown["source"]) == ("Thanh Hà", "TTXVN")
    exported = runner.invoke(app, ["export", "--format", "jsonl", "--db", str(db)]).stdout
    assert json.loads(exported.splitlines()[0])["source"] == "TTXVN"
