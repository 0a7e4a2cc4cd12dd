"""Search, export and `sites` by 2025 unit (issue 16): `--unit "Cần Thơ"` covers the
sites whose seed names that unit, those of the provinces merged into it too; the
CLI (in this process: read commands only) over an archive of the sample portal,
fetched over real HTTP into a real SQLite file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from archiver.api import fetch_sites
from archiver.cli import app
from archiver.sample import SamplePortal
from archiver.seeds import load_seeds, seed_toml

# haugiang (Hậu Giang) merged into Cần Thơ; sotttt is Hà Nội's; quangtri names no unit
UNITS = {"haugiang": "Cần Thơ", "sotttt": "Hà Nội"}


runner = CliRunner()


def cli(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


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
        assert fetch_sites(path, load_seeds(seeds)).status == "ok"
    yield path


def sites_of(rows: list[dict[str, Any]]) -> set[str]:
    return {row["site"] for row in rows}


@pytest.mark.parametrize("typed", ["Cần Thơ", "can tho", "CAN THO", "Hậu Giang", "hau giang"])
def test_search_by_unit_however_typed(db: Path, typed: str) -> None:
    done = cli("search", "tinh", "--unit", typed, "--db", db, "--format", "json", "--limit", "50")
    assert done.exit_code == 0, done.stderr
    hits = json.loads(done.stdout)
    assert hits and sites_of(hits) == {"haugiang"}


def test_search_without_unit_finds_every_site(db: Path) -> None:
    done = cli("search", "tinh", "--db", db, "--format", "json", "--limit", "100")
    assert sites_of(json.loads(done.stdout)) == {"haugiang", "sotttt", "quangtri"}


def test_export_by_unit(db: Path) -> None:
    done = cli("export", "--unit", "TP Hà Nội", "--db", db)
    assert done.exit_code == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == 6 and sites_of(rows) == {"sotttt"}


def test_warc_export_by_unit_holds_that_units_responses_alone(db: Path, tmp_path: Path) -> None:
    warc = tmp_path / "hanoi.warc.gz"
    done = cli("export", "--format", "warc", "--unit", "Hà Nội", "--db", db)
    assert done.exit_code == 0, done.stderr
    warc.write_bytes(done.stdout_bytes)
    imported = cli("import", warc, "--db", tmp_path / "b.db", "--format", "json")
    assert set(json.loads(imported.stdout)["sites"]) == {"sotttt"}
    # imported by its seed, a site is known by its unit in the new archive too
    again = tmp_path / "c.db"
    cli("import", warc, "--db", again, "--seeds", db.parent / "seeds", "--format", "json")
    found = json.loads(cli("sites", "--unit", "ha noi", "--db", again, "--format", "json").stdout)
    assert [(r["site"], r["unit"]) for r in found] == [("sotttt", "Hà Nội")]


def test_a_unit_no_site_has_is_a_usage_error_naming_the_units(db: Path) -> None:
    done = cli("search", "tinh", "--unit", "Đà Nẵng", "--db", db)
    assert done.exit_code == 2
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
