"""What saving an article computes from its record alone: the content hash that
tells a revision, the fingerprints that tell a copy, and the bigrams the phrase
index holds. The crawl has its parse worker make them, so the process that
writes the archive spends no time on them; this module imports no storage.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Any

from archiver import dedup
from archiver.model import REVISION_FIELDS, Record
from archiver.normalize import bigrams, syllables

# The bigram index's columns, in its order (store/schema.py builds it from this): the
# body first, as FTS5 writes no column number for column 0, which holds most entries.
GRAMS_COLUMNS = ("body", "title", "summary")
_LISTS = ("images", "attachments")


@dataclass(frozen=True)
class Derived:
    """A record's content hash, duplicate fingerprints and bigrams."""

    content_hash: str
    fingerprint: str | None
    sketch: tuple[int, ...] | None
    grams: tuple[str, ...]  # the bigram index's columns, in GRAMS_COLUMNS order


def derive(record: Record) -> Derived:
    """The hash, duplicate fingerprints and bigrams of a record."""
    fingerprint, sketch = dedup.fingerprints(record.body)
    grams = grams_of(*(getattr(record, column) for column in GRAMS_COLUMNS))
    return Derived(content_hash(record), fingerprint, sketch, grams)


def grams_of(*fields: str | None) -> tuple[str, ...]:
    """What the bigram index holds for each of an article's fields: its bigrams."""
    return tuple(" ".join(bigrams(syllables(text or ""))) for text in fields)


def content_hash(record: Record) -> str:
    """The hash of what makes a revision (model.REVISION_FIELDS)."""
    content: dict[str, Any] = {}
    for name in REVISION_FIELDS:
        value = getattr(record, name)
        if name == "source" and value is None:
            # Only when there is one: the articles archived before source existed keep
            # their hash, and are not all taken for changed on the first fetch after.
            continue
        content[name] = [asdict(v) for v in value] if name in _LISTS else value
    blob = json.dumps(content, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()
