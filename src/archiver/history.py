"""An article's revisions as a reader wants them: when, what changed, and a
readable diff of title and body (paragraph by paragraph)."""

from __future__ import annotations

import difflib
from typing import Any

from archiver.model import REVISION_FIELDS
from archiver.store import Revision


def changes(revisions: list[Revision]) -> list[dict[str, Any]]:
    """Each revision with the fields that differ from the one before, and a diff."""
    out: list[dict[str, Any]] = []
    before: dict[str, Any] | None = None
    for revision in revisions:
        after = revision.record
        changed = [
            f for f in REVISION_FIELDS if before is not None and before.get(f) != after.get(f)
        ]
        out.append(
            {
                "id": revision.id,
                "run_id": revision.run_id,
                "fetched_at": revision.fetched_at,
                "content_hash": revision.content_hash,
                "changed": changed,
                "diff": diff(before, after) if before is not None else "",
            }
        )
        before = after
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> str:
    """A unified diff of title and body, one paragraph per line."""
    lines: list[str] = []
    for field in ("title", "body"):
        old = (before.get(field) or "").split("\n\n")
        new = (after.get(field) or "").split("\n\n")
        lines += difflib.unified_diff(
            old, new, f"{field} before", f"{field} after", n=1, lineterm=""
        )
    return "\n".join(lines)
