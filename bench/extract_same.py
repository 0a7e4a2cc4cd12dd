"""Dump every record parse_page makes on a fixed page set, to prove a speed-up
changes no output.

    .venv/bin/python bench/extract_same.py /tmp/before.jsonl   # on the old code
    .venv/bin/python bench/extract_same.py /tmp/after.jsonl    # on the new code
    cmp /tmp/before.jsonl /tmp/after.jsonl

The set: the fundus development set, every golden page, every golden page cut
short at a few fixed points (so the date, byline and container heuristics meet
pages that end early), and random markup built from the pieces the
property test uses (fixed seed, so both runs see the same inputs). With
`--against FILE` the run compares itself with an earlier dump and prints the
first differing records.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from scoring import load

from archiver.extract import parse_page

ROOT = Path(__file__).resolve().parent.parent
FUNDUS = ROOT.parent / "shared" / "data" / "fundus"
GOLDEN = ROOT / "tests" / "fixtures" / "pages"
CUTS = (0.2, 0.4, 0.6, 0.8)
RANDOM_PAGES = 400
PIECES = [
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<b>",
    "</b>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<script>",
    "</script>",
    "<h1>",
    "</h1>",
    "<h3>",
    "</h3>",
    "<a href='/x'>",
    "<a href='/tin-tuc/bai-viet-so-1.html'>",
    "<a href='/tin-tuc/bai-viet-so-2.html'>",
    "<a href='/a.pdf'>",
    "</a>",
    "<br/>",
    "<img src='/m/1.png'>",
    '<ul class="breadcrumb"><li>Tin tức</li></ul>',
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Hội nghị"}',
    '<meta property="og:type" content="article">',
    '<meta name="generator" content="Drupal 9">',
    '<div id="ctl00_main">',
    '<div class="journal-content-article">',
    "&#7843;",
    "&nbsp;",
    "\u00a0\u2003\u200b\ufeff",
    "\t\r\n",
    "Hội nghị tổng kết công tác năm của Đảng bộ tỉnh",
    "Ngày đăng: 08/07/2024 11:38",
    "Cập nhật vào ngày 09/07/2024",
    "Lượt xem: 1.234",
    "Số lần xem: 427",
    "Bài, ảnh: Thanh Tâm",
    "(HG) - ",
    "Không tìm thấy trang",
    "Trang sau",
    "o\u0302\u0301",
]


def pages() -> Iterator[tuple[str, str, str]]:
    """(name, html, url) for every page of the set, in a fixed order."""
    for sample in load(FUNDUS):
        yield sample.name, sample.html, sample.url
    for page in sorted(GOLDEN.glob("*.html")):
        html = page.read_text(encoding="utf-8")
        url_file = page.with_suffix(".url")
        url = (
            url_file.read_text(encoding="utf-8").strip()
            if url_file.exists()
            else "https://www.haugiang.gov.vn/tin-tuc/x"
        )
        yield page.name, html, url
        for cut in CUTS:
            yield f"{page.name}@{cut}", html[: int(len(html) * cut)], url
    rng = random.Random(4)
    for i in range(RANDOM_PAGES):
        html = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 300)))
        yield f"random-{i}", html, "https://example.gov.vn/tin-tuc/x"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where to write the JSON Lines dump")
    parser.add_argument("--against", type=Path, help="an earlier dump to compare with")
    args = parser.parse_args()
    lines = []
    for name, html, url in pages():
        record = parse_page(html, url).to_dict()
        lines.append(json.dumps({"page": name, **record}, sort_keys=True, ensure_ascii=False))
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} records written to {args.out}")
    if args.against is None:
        return 0
    before = args.against.read_text(encoding="utf-8").splitlines()
    differ = [(a, b) for a, b in zip(before, lines, strict=False) if a != b]
    if len(before) != len(lines):
        print(f"{len(before)} records before, {len(lines)} now", file=sys.stderr)
    for a, b in differ[:3]:
        print(f"- {a[:600]}\n+ {b[:600]}", file=sys.stderr)
    print(f"{len(differ)} records differ")
    return 1 if differ or len(before) != len(lines) else 0


if __name__ == "__main__":
    raise SystemExit(main())
