"""Text shown to a person never holds a control character taken from a page (issue
13): a title, body, URL or site name that would clear the screen, set the window's
title, forge a hyperlink, move the cursor or ring the bell is printed escaped by
`show`, `search`, `sites`, `runs` and fetch's stderr lines; JSON keeps the text as
stored, escaped, piped or not."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archiver import report, terminal
from archiver.cli import app
from archiver.model import Record
from archiver.runs import RunSummary, SiteStats
from archiver.store import Archive

runner = CliRunner()

ATTACKS = [
    "\x1b[2J\x1b[H",  # clear the screen, cursor home
    "\x1b]0;pwned\x07",  # set the window's title, then BEL
    "\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\",  # a hyperlink
    "\x9b31m",  # an 8-bit CSI: red
    "\r\x08\x7f",  # carriage return, backspace, DEL
    "\u202egnp.exe",  # a right-to-left override
]
SITE = "hoabinh\x1b[5m"
# what no terminal output may hold: C0 (but line breaks and tabs), DEL, C1, bidi overrides
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "archive.db"
    archive = Archive.open(path)
    evil = "".join(ATTACKS)
    record = Record(
        url="https://hoabinh.example/tin/1.html",
        kind="article",
        title=f"Hội nghị {evil}",
        published="2024-05-01",
        author=f"Minh {ATTACKS[1]}",
        body=f"Đoạn một của hội nghị.{evil}\n\nĐoạn hai của hội nghị.",
    )
    archive.save_article(site=SITE, record=record, raw=b"<html></html>")
    run_id = archive.start_run()
    stats = {"errors": 1, "first_error": f"x{ATTACKS[0]}", "health": "unhealthy"}
    archive.finish_run(run_id, status="partial", requests=1, sites={SITE: stats})
    archive.close()
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["show", "1"],
        ["show", "1", "--history"],
        ["search", "hoi nghi"],
        ["sites"],
        ["runs"],
    ],
    ids=lambda args: " ".join(args),
)
def test_text_output_escapes_every_control_character(db: Path, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    shown = result.stdout + result.stderr
    assert RAW.findall(shown) == []
    assert "hoabinh\\x1b[5m" in shown  # the site's name, escaped, still readable


@pytest.mark.parametrize(
    "args",
    [["show", "1"], ["search", "hoi nghi"], ["sites"], ["runs"]],
    ids=lambda args: " ".join(args),
)
def test_json_output_keeps_the_text_as_stored_escaped(db: Path, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert RAW.findall(result.stdout) == []
    assert SITE in _texts(json.loads(result.stdout))  # decoded, the stored text is whole


def _texts(data: object) -> set[str]:
    """Every string in decoded JSON, keys included."""
    if isinstance(data, str):
        return {data}
    if isinstance(data, dict):
        return set(data) | {t for value in data.values() for t in _texts(value)}
    if isinstance(data, list):
        return {t for item in data for t in _texts(item)}
    return set()


def test_export_lines_escape_every_control_character(db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert RAW.findall(result.stdout) == []
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["title"] == f"Hội nghị {''.join(ATTACKS)}"


def test_fetchs_stderr_lines_escape_what_urls_and_servers_said(
    capsys: pytest.CaptureFixture[str],
) -> None:
    stats = SiteStats(errors=1, first_error=f"https://x.example/{ATTACKS[1]}: HTTP 500")
    summary = RunSummary(run_id=7, started="2024-05-01T00:00:00+00:00", sites={SITE: stats})
    summary.status = "partial"
    report.print_run(summary, as_json=False, quiet=True)
    said = capsys.readouterr()
    assert RAW.findall(said.out + said.err) == []
    assert "x.example/\\x1b]0;pwned\\x07: HTTP 500" in said.err


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("env", "styled", "live"),
    [
        ({}, True, True),
        ({"NO_COLOR": "1"}, False, True),
        ({"NO_COLOR": ""}, True, True),  # no-color.org: set and not empty
        ({"TERM": "dumb"}, False, False),
    ],
)
def test_no_color_and_a_dumb_terminal_are_honoured(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], styled: bool, live: bool
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert (terminal.styled(_Tty()), terminal.live(_Tty())) == (styled, live)
    assert not terminal.styled(io.StringIO()) and not terminal.live(io.StringIO())


def test_progress_says_pages_new_errors_rate_and_time_per_site() -> None:
    screen = _Tty()
    with report.progress(True, to=screen) as tick:
        assert tick is not None
        tick("quangtri", 3, "3 pages, 2 new, 1 error")
        tick("haugiang\x1b]0;pwned\x07", 1, "1 pages, 0 new, 0 errors")
    shown = screen.getvalue()
    assert "quangtri: 3 pages, 2 new, 1 error, - pages/s" in shown
    assert re.search(r"\d:\d\d:\d\d", shown)  # time elapsed
    assert "\x1b]0;pwned" not in shown and "haugiang\\x1b]0;pwned\\x07" in shown
    with report.progress(False) as nothing:
        assert nothing is None
