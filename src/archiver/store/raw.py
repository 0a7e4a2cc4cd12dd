"""Raw pages: the bytes a server sent, kept once per content (sha256), compressed.

zstd at level 3: about as small as zlib's default, several times faster; level 9
saves little disk for a slower crawl (figures in docs/benchmarks.md). Pages
written by earlier versions with zlib stay readable.
"""

from __future__ import annotations

import hashlib
import zlib

import zstandard
from sqlite_utils import Database

from archiver.errors import NotFoundError, StoreError

_ZSTD = zstandard.ZstdCompressor(level=3)
_ZSTD_OUT = zstandard.ZstdDecompressor()


def store_raw(db: Database, raw: bytes) -> str:
    """Keep raw bytes once per content; their sha256 (in the caller's transaction)."""
    sha = hashlib.sha256(raw).hexdigest()
    db.execute(
        "INSERT OR IGNORE INTO raw_pages (sha256, compression, size, content) VALUES (?,?,?,?)",
        [sha, "zstd", len(raw), _ZSTD.compress(raw)],
    )
    return sha


def raw_page(db: Database, sha256: str) -> bytes:
    """The raw bytes of a stored page, whichever way they were compressed."""
    row = db.execute(
        "SELECT compression, content FROM raw_pages WHERE sha256 = ?", [sha256]
    ).fetchone()
    if row is None:
        raise NotFoundError(f"raw page {sha256} is not in the archive")
    return unpacked(sha256, row[0], row[1])


def unpacked(sha256: str, compression: str, content: bytes) -> bytes:
    """A raw_pages row's content as the bytes it keeps."""
    try:
        return _ZSTD_OUT.decompress(content) if compression == "zstd" else zlib.decompress(content)
    except (zstandard.ZstdError, zlib.error) as exc:
        raise StoreError(f"raw page {sha256} is damaged: {exc}") from None
