"""Fingerprints of a story's text, to find the same story under another URL or
on another site.

- The exact fingerprint is a hash of the folded text without spaces: the same
  words with other accents, spacing or tone placement match.
- The near-duplicate sketch is a bottom-k MinHash: the k smallest 32-bit hashes
  of the text's 4-word shingles. Two sketches estimate the Jaccard resemblance
  of the two texts; a republished item with a lead tag, a different byline or
  a trimmed last paragraph stays well above the threshold. The few smallest
  hashes double as an index: near-duplicates share some of them, so candidates
  are found with one indexed query, not a scan.
"""

from __future__ import annotations

import hashlib
import re
import zlib

from archiver.normalize import fold

SHINGLE_WORDS = 4
SKETCH_SIZE = 32
INDEX_SIZE = 8  # the smallest hashes kept in the index
# Candidates must share this many of them: near copies (resemblance 0.6 and more)
# share about five on average and fewer than three about 5% of the time at 0.6
# (0.4% at 0.75), while unrelated pages of one portal often share one stock phrase.
INDEX_SHARED = 3
STOCK_PHRASE = 50  # a hash on more pages than this is boilerplate, not evidence
MIN_SHINGLES = 12  # shorter texts say too little to call two of them one story
NEAR_DUPLICATE = 0.6  # estimated resemblance from which two texts are one story
_WORD = re.compile(r"\w+")


def fingerprints(text: str | None) -> tuple[str | None, tuple[int, ...] | None]:
    """Both fingerprints of a body, folding it once."""
    folded = fold(text or "")
    return _exact(folded), _sketch(folded)


def fingerprint(text: str | None) -> str | None:
    """Exact fingerprint of a body: folded, without spaces; None for short bodies."""
    return _exact(fold(text or ""))


def sketch(text: str | None) -> tuple[int, ...] | None:
    """The bottom-k MinHash sketch of a text, smallest first; None when too short."""
    return _sketch(fold(text or ""))


def _exact(folded: str) -> str | None:
    if len(folded) < 200:
        return None
    return hashlib.sha256("".join(folded.split()).encode()).hexdigest()


def _sketch(folded: str) -> tuple[int, ...] | None:
    words = _WORD.findall(folded)
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
    }
    if len(shingles) < MIN_SHINGLES:
        return None
    hashes = sorted({zlib.crc32(s.encode()) for s in shingles})
    return tuple(hashes[:SKETCH_SIZE])


def resemblance(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard resemblance of the texts two sketches were made from."""
    k = min(SKETCH_SIZE, len(a), len(b))
    union = sorted(set(a) | set(b))[:k]
    both = set(a) & set(b)
    return sum(h in both for h in union) / k if k else 0.0


def encode(sketch_: tuple[int, ...]) -> str:
    return " ".join(map(str, sketch_))


def decode(stored: str) -> tuple[int, ...]:
    return tuple(int(h) for h in stored.split())
