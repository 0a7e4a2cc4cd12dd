"""Regenerate tests/fixtures/expected/<name>.json from every saved page.

Run after a deliberate extraction change, then review the diff: expected files
are never edited by hand.

    .venv/bin/python scripts/regen_golden.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from archiver.extract import parse_page

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
EXPECTED = ROOT / "tests" / "fixtures" / "expected"
SEED_URL = (
    "https://www.haugiang.gov.vn/tin-tuc/tin-kinh-te/"
    "can-tiep-tuc-no-luc-tich-cuc-chu-dong-hon-nua-hoan-thanh-muc-tieu-nhiem-vu-nam-2020"
)


def page_url(page: Path) -> str:
    """The URL a saved page was fetched from: its .url file, or the seed's URL."""
    url_file = page.with_suffix(".url")
    if url_file.exists():
        return url_file.read_text(encoding="utf-8").strip()
    if page.stem == "haugiang-seed":
        return SEED_URL
    raise SystemExit(f"{page}: no .url file beside it")


def render(page: Path) -> str:
    """The expected-file text for one saved page, less `kind_reason` (its counts move
    with the prose; test_golden checks its first word against the kind)."""
    record = parse_page(page.read_text(encoding="utf-8"), page_url(page))
    fields = record.to_dict()
    fields.pop("kind_reason", None)
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    EXPECTED.mkdir(parents=True, exist_ok=True)
    changed = 0
    for page in sorted(PAGES.glob("*.html")):
        target = EXPECTED / f"{page.stem}.json"
        text = render(page)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed += 1
            print(f"wrote {target.relative_to(ROOT)}")
    print(f"{changed} expected file(s) changed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
