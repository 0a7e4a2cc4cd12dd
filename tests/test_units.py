"""Search, export and `sites` by 2025 unit (issue 16): `--unit "Cần Thơ"` covers the
sites whose seed names that unit, those of the provinces merged into it too; the
real CLI over an archive of the sample portal."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archiver.sample import SamplePortal
from archiver.seeds import seed_toml

# haugiang (Hậu Giang) merged into Cần Thơ; sotttt is Hà Nội's; quangtri names no unit
UNITS = {"haugiang": "Cần Thơ", "sotttt": "Hà Nội"}
WARC_BY_UNIT = ("--unit", "Hà Nội", "--db")


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archiver", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("units")
    seeds = folder / "seeds"
    seeds.mkdir()
    with SamplePortal(articles_per_site=6) as portal:
        for seed in portal.seed_dicts():
            if seed["name"] in UNITS:
                seed["unit"] = UNITS[seed["name"]]
            (seeds / f"{seed['name']}.toml").write_text(seed_toml(seed), "utf-8")
        path = folder / "archive.db"
        done = cli("fetch", "--seeds", seeds, "--db", path)
        assert done.returncode == 0, done.stderr
    yield path


def sites_of(rows: list[dict[str, Any]]) -> set[str]:
    return {row["site"] for row in rows}


@pytest.mark.parametrize("typed", ["Cần Thơ", "can tho", "CAN THO", "Hậu Giang", "hau giang"])
def test_search_by_unit_however_typed(db: Path, typed: str) -> None:
    done = cli("search", "tinh", "--unit", typed, "--db", db, "--format", "json", "--limit", "50")
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)
    assert hits and sites_of(hits) == {"haugiang"}


def test_search_without_unit_finds_every_site(db: Path) -> None:
    done = cli("search", "tinh", "--db", db, "--format", "json", "--limit", "100")
    assert sites_of(json.loads(done.stdout)) == {"haugiang", "sotttt", "quangtri"}


def test_export_by_unit(db: Path) -> None:
    done = cli("export", "--unit", "TP Hà Nội", "--db", db)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == 6 and sites_of(rows) == {"sotttt"}


def test_warc_export_by_unit_holds_that_units_responses_alone(db: Path, tmp_path: Path) -> None:
    warc = tmp_path / "hanoi.warc.gz"
    with warc.open("wb") as out:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "archiver",
                "export",
                "--format",
                "warc",
                *WARC_BY_UNIT,
                str(db),
            ],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 0, done.stderr
    imported = cli("import", warc, "--db", tmp_path / "b.db", "--format", "json")
    assert set(json.loads(imported.stdout)["sites"]) == {"sotttt"}


def test_a_unit_no_site_has_is_a_usage_error_naming_the_units(db: Path) -> None:
    done = cli("search", "tinh", "--unit", "Đà Nẵng", "--db", db)
    assert done.returncode == 2
    assert "no site of the unit 'Đà Nẵng'" in done.stderr
    assert "Cần Thơ, Hà Nội" in done.stderr


def test_sites_are_grouped_by_unit(db: Path) -> None:
    done = cli("sites", "--db", db, "--format", "json")
    rows = json.loads(done.stdout)
    assert [(r["unit"], r["site"]) for r in rows] == [
        ("Cần Thơ", "haugiang"),
        ("Hà Nội", "sotttt"),
        (None, "quangtri"),
    ]
    assert rows[0]["province"] == "Hậu Giang" and rows[0]["title"]
    text = cli("sites", "--db", db).stdout.splitlines()
    assert [line for line in text if line.startswith("[")] == [
        "[Cần Thơ]",
        "[Hà Nội]",
        "[no unit named]",
    ]
    one = json.loads(cli("sites", "--unit", "can tho", "--db", db, "--format", "json").stdout)
    assert [r["site"] for r in one] == ["haugiang"]
