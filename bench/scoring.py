"""The fundus development set and how an extraction is scored against it.

Shared by bench/extract_eval.py (ours against trafilatura) and
tests/test_extract_quality.py (the quality gate), so both score the same way.

The folder holds `<country>/<Publisher>_<date>.html.gz` pages and one
`<Publisher>.json` per publisher whose keys are parser versions (`V1`, `V1_1`,
`V2`, ...). A publisher's pages, sorted by date, match its versions sorted by
name; `meta.info` gives each page's URL.

Scores:
- body: precision, recall and F1 of 4-gram shingles (multisets, so text
  extracted twice costs precision) over lower-cased word tokens of NFC text,
  soft hyphens (U+00AD, invisible) removed on both sides;
  expected = summary + section headlines + paragraphs. An empty extraction
  scores 0 on all three.
- title: equal after NFC and whitespace normalisation.
- date: the calendar date written in `publishing_date` equals the date part of
  the extracted published date; a missing date is wrong.
- author: the set of expected names equals the set of names in the extracted
  string split on `,`, `;`, `&`, ` and `, ` und `, ` y `, ` et `, ` og `, ` i `;
  names compared case-folded with a leading "By"/"Von"/"Por" dropped. A page
  with no expected author is right when nothing was extracted.
- credit: the same test against the author, the source (archiver's organisation
  field), or both together, whichever matches: fundus's `authors` holds whoever a
  story is credited to, people or an organisation ("DER SPIEGEL", "dpa"), where
  archiver's author holds only people. An extractor with no source field is
  scored on its author alone.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SHINGLE = 4
_WORD = re.compile(r"\w+")
_AUTHOR_SPLIT = re.compile(r"\s*(?:[,;&]|\band\b|\bund\b|\by\b|\bet\b|\bog\b|\bi\b)\s*", re.I)
_AUTHOR_PREFIX = re.compile(r"^(?:by|von|por|par|av|door)\s+", re.I)


@dataclass(frozen=True)
class Sample:
    """One stored page with what a perfect extractor would return."""

    name: str  # "<country>/<file>"
    url: str
    html: str
    title: str
    body: str
    date: str  # YYYY-MM-DD as written in publishing_date
    authors: tuple[str, ...]


@dataclass(frozen=True)
class Extracted:
    """The fields an extractor returned for one page (None when it found nothing)."""

    title: str | None
    body: str | None
    published: str | None
    author: str | None
    source: str | None = None


@dataclass(frozen=True)
class Score:
    """One page's scores."""

    precision: float
    recall: float
    f1: float
    title: bool
    date: bool
    author: bool
    credit: bool = False


def load(folder: Path) -> list[Sample]:
    """Every page of the development set, in a stable order."""
    samples: list[Sample] = []
    for country in sorted(p for p in folder.iterdir() if (p / "meta.info").is_file()):
        info = json.loads((country / "meta.info").read_text(encoding="utf-8"))
        by_publisher: dict[str, list[Path]] = {}
        for page in sorted(country.glob("*.html.gz")):
            by_publisher.setdefault(page.name.rsplit("_", 3)[0], []).append(page)
        for publisher, pages in by_publisher.items():
            expected = json.loads((country / f"{publisher}.json").read_text(encoding="utf-8"))
            versions = sorted(expected)
            if len(versions) != len(pages):
                raise ValueError(f"{country.name}/{publisher}: {len(pages)} pages, {versions}")
            for page, version in zip(pages, versions, strict=True):
                samples.append(_sample(country, page, info[page.name]["url"], expected[version]))
    return samples


def _sample(country: Path, page: Path, url: str, fields: dict[str, object]) -> Sample:
    body = fields["body"]
    assert isinstance(body, dict)
    parts = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts += section.get("headline") or []
        parts += section.get("paragraphs") or []
    authors = fields.get("authors") or []
    assert isinstance(authors, list)
    return Sample(
        name=f"{country.name}/{page.name}",
        url=url,
        html=gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace"),
        title=str(fields["title"]),
        body="\n".join(parts),
        date=str(fields["publishing_date"])[:10],
        authors=tuple(str(a) for a in authors),
    )


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Word 4-grams of lower-cased NFC text (the whole text when shorter)."""
    # Soft hyphens are invisible: "Brenn\xadpunkt" is the word "Brennpunkt" on either side
    # (the expected texts keep them, archiver drops them, a reader never sees them).
    words = _WORD.findall(unicodedata.normalize("NFC", text).replace("\xad", "").lower())
    if len(words) < SHINGLE:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def score(sample: Sample, got: Extracted) -> Score:
    """How one extraction compares with the expected fields."""
    want = shingles(sample.body)
    have = shingles(got.body or "")
    common = sum((want & have).values())
    precision = common / sum(have.values()) if have else 0.0
    recall = common / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return Score(
        precision=precision,
        recall=recall,
        f1=f1,
        title=got.title is not None and _norm(got.title) == _norm(sample.title),
        date=got.published is not None and got.published[:10] == sample.date,
        author=_names(sample.authors) == _names(_AUTHOR_SPLIT.split(got.author or "")),
        credit=_names(sample.authors) in _credits(got),
    )


def _credits(got: Extracted) -> list[frozenset[str]]:
    """The name sets a story's credit may be read as: its author, its source, both."""
    both = ", ".join(x for x in (got.author, got.source) if x)
    readings = [x for x in (got.author, got.source) if x] + [both]
    return [_names(_AUTHOR_SPLIT.split(x)) for x in readings]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _names(names: Iterable[str]) -> frozenset[str]:
    return frozenset(_AUTHOR_PREFIX.sub("", _norm(n)).casefold() for n in names if _norm(n).strip())


@dataclass(frozen=True)
class Summary:
    """Mean scores over pages."""

    precision: float
    recall: float
    f1: float
    title: float
    date: float
    author: float
    credit: float


def summarise(scores: list[Score]) -> Summary:
    """Average every score over the pages."""
    n = len(scores) or 1
    return Summary(
        precision=sum(s.precision for s in scores) / n,
        recall=sum(s.recall for s in scores) / n,
        f1=sum(s.f1 for s in scores) / n,
        title=sum(s.title for s in scores) / n,
        date=sum(s.date for s in scores) / n,
        author=sum(s.author for s in scores) / n,
        credit=sum(s.credit for s in scores) / n,
    )


def archiver_fields(html: str, url: str) -> Extracted:
    """Archiver's record as the fields scored: the summary (lead) leads the body."""
    from archiver.extract import parse_page

    record = parse_page(html, url)
    body = record.body or ""
    if record.summary and _norm(record.summary) not in _norm(body):
        body = f"{record.summary}\n\n{body}"
    return Extracted(record.title, body or None, record.published, record.author, record.source)
