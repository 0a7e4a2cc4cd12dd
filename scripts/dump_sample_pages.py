"""Write sample-portal pages into tests/fixtures/pages/ for golden-file tests.

Each page is saved byte for byte as the server sends it, except that the local
base (http://127.0.0.1:PORT) becomes a stable one (http://<site>.sample); its URL
goes beside it in a .url file. The header clock is pinned to the date the seed
fixture shows, so reruns give identical files.

    .venv/bin/python scripts/dump_sample_pages.py [--out DIR]
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import httpx

from archiver.sample import SamplePortal

PAGES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pages"
CLOCK_DAY = date(2026, 11, 26)  # the day haugiang-seed.html's header shows
# (site, name part, index in the site's newest-first article list); why each one:
ARTICLES = [
    ("haugiang", "article-attachment", 2),  # two images, a PDF attachment
    ("haugiang", "article-placeholder-author", 9),  # byline "admin admin": no author
    ("sotttt", "article-date-only", 1),  # "12:00 AM", attachment only in an iframe
    ("sotttt", "article-linked-file", 2),  # a time, "Hoà Bình", no byline, linked PDF
    ("quangtri", "article-entities", 3),  # body spelled as numeric entities, lead tag
    ("quangtri", "article-views-in-date", 1),  # "Lượt xem: N | Gửi lúc: ...", capitals byline
]


def dump(out: Path) -> list[Path]:
    """Serve the default portal and save the chosen pages; return the files written."""
    written: list[Path] = []
    with SamplePortal(today=CLOCK_DAY) as portal, httpx.Client(timeout=10.0) as client:
        wanted = [(s.name, "listing", s.start_url) for s in portal.sites]
        wanted += [(n, what, portal.site(n).articles[i].url) for n, what, i in ARTICLES]
        for name, what, url in wanted:
            base = portal.site(name).base_url
            response = client.get(url)
            response.raise_for_status()
            stable = f"http://{name}.sample"
            page = out / f"{name}-{what}.html"
            page.write_bytes(response.content.replace(base.encode(), stable.encode()))
            page.with_suffix(".url").write_text(url.replace(base, stable) + "\n", "utf-8")
            written.append(page)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PAGES)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in dump(args.out):
        print(path)


if __name__ == "__main__":
    main()
