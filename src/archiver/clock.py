"""The one way archiver writes a moment: UTC, ISO 8601, to the second."""

from __future__ import annotations

from datetime import UTC, datetime


def stamp(when: datetime | None = None) -> str:
    """`when` (default: now) as "2026-12-04T14:30:00+00:00"."""
    return (when or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0).isoformat()
