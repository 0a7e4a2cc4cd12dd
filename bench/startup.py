"""Start-up time of the CLI: how long a person waits for `--help` and a search.

    .venv/bin/python bench/startup.py [RUNS]      (default: 10)

Builds a small archive from the bundled sample portal (three sites, 36 articles
each, served on free ports of 127.0.0.1), then runs each command RUNS times as a
fresh process, the way a shell starts it, and prints the median and worst wall
time. Issue 13's target: `archiver --help` and `archiver search` on a small
archive answer in under 0.3 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 0.3  # seconds


def _timed(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - started


def main(runs: int) -> None:
    exe = [sys.executable, "-m", "archiver"]
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "demo.db")
        subprocess.run(
            [*exe, "demo", "--db", db, "--port-base", "0"], check=True, capture_output=True
        )
        commands = {
            "archiver --help": ["--help"],
            "archiver --version": ["--version"],
            'archiver search "hoi nghi"': ["search", "hoi nghi", "--db", db],
            "archiver show 1": ["show", "1", "--db", db],
            "archiver runs": ["runs", "--db", db],
        }
        # the floor: the interpreter, and the two libraries any command needs
        floor = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import typer'": [sys.executable, "-c", "import typer"],
            "python -c 'import sqlite_utils'": [sys.executable, "-c", "import sqlite_utils"],
        }
        print(f"{runs} runs each, Python {sys.version.split()[0]}; target {TARGET} s")
        print(f"{'command':32} {'median s':>9} {'worst s':>8}")
        for name, args in {**floor, **{k: [*exe, *v] for k, v in commands.items()}}.items():
            times = [_timed(args) for _ in range(runs)]
            print(f"{name:32} {statistics.median(times):9.3f} {max(times):8.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
