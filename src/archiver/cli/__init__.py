"""The `archiver` command: a thin typer layer over the library.

Each command imports what it needs when it runs: `archiver --help` and a search
answer without loading httpx, the crawler and the extractor.
"""

from __future__ import annotations

import logging
import sys

from archiver import report
from archiver.cli import crawl, explore, reading
from archiver.cli.common import app
from archiver.cli.crawl import DEMO_PORT_BASE

__all__ = ["DEMO_PORT_BASE", "app", "crawl", "explore", "main", "reading"]

# `archiver --help` lists the commands in the order a new user meets them, whichever
# module defines them.
_HELP_ORDER = (
    "discover",
    "check",
    "fetch",
    "search",
    "show",
    "reparse",
    "runs",
    "sites",
    "export",
    "import",
    "parse",
    "demo",
)
app.registered_commands.sort(
    key=lambda command: _HELP_ORDER.index(command.name or command.callback.__name__)  # type: ignore[union-attr]
)


def main() -> None:
    """Console-script entry point. An error no one foresaw (a bug) is still one line
    and exit 1; its traceback goes to the log, which -vv shows."""
    try:
        app()
    except Exception as exc:
        logging.getLogger("archiver").debug("internal error", exc_info=True)
        report.say(
            f"archiver: internal error: {type(exc).__name__}: {exc} (a bug: please report it"
            " with the command and what -vv adds to its output)",
            err=True,
        )
        sys.exit(1)
