"""Values a page holds that could not be read: said on the page's record.

A bad value costs only itself: an image whose URL is no URL, a JSON-LD block nested
too deep, a link to "http://[oops/x". The extractor drops the value, keeps the rest
of the record, and notes the problem here; `extract` gathers the notes of one page
into `Record.problems`. Outside a `collecting()` block a note goes nowhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

MAX_PROBLEMS = 20  # a page of a thousand bad links says so in twenty lines
_SHOWN = 80  # characters of a bad value quoted in its note

_current: ContextVar[list[str] | None] = ContextVar("problems", default=None)


@contextmanager
def collecting() -> Iterator[list[str]]:
    """Gather the notes made while the block runs (one page's extraction)."""
    found: list[str] = []
    token = _current.set(found)
    try:
        yield found
    finally:
        _current.reset(token)


def note(what: str, value: str, why: str = "") -> None:
    """Say that `value` could not be read as `what` ("image URL", "JSON-LD block"),
    and why when that is known: the value quoted with its control characters escaped,
    cut to a readable length."""
    found = _current.get()
    if found is None or len(found) >= MAX_PROBLEMS:
        return
    shown = value if len(value) <= _SHOWN else f"{value[:_SHOWN]}..."
    because = f" ({why})" if why else ""
    problem = f"{what} not read{because}: {ascii_safe(shown)}"
    if problem not in found:
        found.append(problem)


def ascii_safe(text: str) -> str:
    """text quoted as Python would, control characters escaped (never printed raw)."""
    return repr(text)
