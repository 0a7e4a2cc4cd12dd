"""docs/interface.md is the contract: every command's JSON holds exactly the keys
its "JSON shapes" block names. The commands run for real (the CLI's app, in this
process): the sample portal is fetched over loopback into a real archive, which
the other commands then read."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from archiver.cli import app
from archiver.sample import SamplePortal

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "docs" / "interface.md"
PAGE = Path(__file__).parent / "fixtures" / "pages" / "haugiang-seed.html"


def shapes() -> dict[tuple[str, str], list[str]]:
    """(command, path) -> the keys the contract names there."""
    block = re.search(r"```shapes\n(.*?)```", CONTRACT.read_text("utf-8"), re.S)
    assert block, "docs/interface.md has no shapes block"
    out = {}
    for line in block.group(1).splitlines():
        head, _, keys = line.partition(": ")
        command, _, path = head.rpartition(" ")
        out[(command, path)] = keys.split()
    return out


def at(value: Any, path: str) -> list[Any]:
    """The objects `path` names in a command's output."""
    found = [value]
    for step in re.findall(r"\[\]|\*|\w+", path):
        if step == "[]":
            found = [item for f in found for item in f]
        elif step == "*":
            found = [item for f in found for item in f.values()]
        else:
            found = [f[step] for f in found]
    return found


runner = CliRunner()


def cli(folder: Path, *args: str | Path) -> Any:
    """The command's JSON, run by the CLI's own app in this process, from folder
    (the CLI in a process of its own is what tests/test_e2e.py runs)."""
    with contextlib.chdir(folder):
        run = runner.invoke(app, [str(a) for a in args])
    assert run.exit_code in (0, 1), run.stderr
    lines = run.stdout.splitlines()
    if args[0] == "export" or "--batch" in args:
        return [json.loads(line) for line in lines]
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("interface")
    with SamplePortal(articles_per_site=4) as portal:
        portal.write_seeds(folder / "seeds")
        db = folder / "archive.db"
        out: dict[str, Any] = {
            "fetch": cli(folder, "fetch", "--seeds", "seeds", "--db", db, "--format", "json")
        }
        home = portal.site("haugiang").home_url
        out["discover"] = cli(folder, "discover", home, "--rate-limit", "50", "--format", "json")
        out["check"] = cli(folder, "check", "haugiang", "--seeds", "seeds", "--format", "json")
    out["search"] = cli(folder, "search", "hoi nghi", "--db", db, "--format", "json")
    out["show"] = cli(folder, "show", "1", "--db", db, "--format", "json")
    out["show --history"] = cli(folder, "show", "1", "--history", "--db", db, "--format", "json")
    out["runs"] = cli(folder, "runs", "--db", db, "--format", "json")
    out["sites"] = cli(folder, "sites", "--db", db, "--format", "json")
    out["export"] = cli(folder, "export", "--db", db)
    out["reparse"] = cli(folder, "reparse", "--db", db, "--format", "json")
    warc = folder / "a.warc.gz"
    written = runner.invoke(app, ["export", "--format", "warc", "--db", str(db)])
    assert written.exit_code == 0, written.stderr
    warc.write_bytes(written.stdout_bytes)
    out["import"] = cli(folder, "import", warc, "--db", folder / "b.db", "--format", "json")
    out["parse"] = cli(folder, "parse", PAGE, "--url", "https://x.gov.vn/a", "--format", "json")
    batch = folder / "batch.txt"
    batch.write_text(f"{folder / 'missing.html'}\thttps://x.gov.vn/b\n", "utf-8")
    out["parse --batch error"] = cli(folder, "parse", "--batch", batch)
    yield out


@pytest.mark.parametrize("shape", sorted(shapes()), ids=lambda s: f"{s[0]} {s[1]}")
def test_a_commands_json_holds_the_keys_the_contract_names(
    outputs: dict[str, Any], shape: tuple[str, str]
) -> None:
    command, path = shape
    objects = at(outputs[command], path)
    assert objects, f"{command}: nothing at {path}"
    for value in objects:
        assert sorted(value) == sorted(shapes()[shape]), f"{command} {path}"


def test_every_json_command_has_a_shape() -> None:
    """A command that prints JSON and is missing from the block would go unchecked."""
    named = {command.split()[0] for command, _ in shapes()}
    assert named >= {"fetch", "search", "show", "runs", "sites", "export", "reparse"}
    assert named >= {"import", "parse", "discover", "check"}
