"""Shared fixtures: a fault-injection server per test (see faults.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from faults import FaultServer, serving


@pytest.fixture
def server() -> Iterator[FaultServer]:
    yield from serving()
