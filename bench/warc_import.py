"""`archiver import` on a large WARC file: pages per second and peak memory.

    .venv/bin/python bench/warc_import.py [SIZE_MB ...]   (default: 100 1024)

For each size, a WARC 1.1 file (uncompressed; a response and a request record per
page, as a crawler writes them) is built from the sample portal's three sites,
every article a page of its own, until it holds SIZE_MB megabytes; then
`archiver import` reads it into a fresh archive in a process of its own, whose
peak RSS is the import's. Memory should not grow with the file: pages are read
one at a time.
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.sample.server import SITE_CLASSES

MB = 1_000_000


def build(path: Path, size: int) -> int:
    """Write sample pages to `path` until it holds `size` bytes; return the pages."""
    per_site = size // (len(SITE_CLASSES) * 7_000) + 1  # ~7 KB a page and its records
    sites = [cls(per_site) for cls in SITE_CLASSES]
    pages = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False, warc_version="1.1")
        for index in range(per_site):
            for number, site in enumerate(sites):
                site.base_url = f"http://127.0.0.1:{8761 + number}"
                story = site.stories[index]
                path_of = site.article_path(story)
                page = site.route(path_of)
                head = StatusAndHeaders(
                    "200 OK",
                    [("Content-Type", page.content_type), ("Content-Length", str(len(page.body)))],
                    protocol="HTTP/1.1",
                )
                url = site.url(path_of)
                writer.write_record(
                    writer.create_warc_record(
                        url, "response", payload=io.BytesIO(page.body), http_headers=head
                    )
                )
                asked = StatusAndHeaders(
                    f"GET {path_of} HTTP/1.1", [("Host", url.split("/")[2])], is_http_request=True
                )
                writer.write_record(writer.create_warc_record(url, "request", http_headers=asked))
                pages += 1
            if out.tell() >= size:
                return pages
    return pages


def measure(size_mb: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        warc = Path(folder) / "sample.warc"
        started = time.perf_counter()
        pages = build(warc, size_mb * MB)
        built = time.perf_counter() - started
        db = Path(folder) / "archive.db"
        started = time.perf_counter()
        command = [sys.executable, "-m", "archiver", "import", str(warc), "--db", str(db)]
        run = subprocess.run(
            [*command, "--format", "json"],
            capture_output=True,
            text=True,
            cwd=folder,
            check=True,
        )
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        summary = json.loads(run.stdout)
        return {
            "file MB": round(warc.stat().st_size / MB),
            "pages": pages,
            "built in s": round(built, 1),
            "imported": summary["articles_new"] + summary["duplicates"],
            "seconds": round(seconds, 1),
            "pages/s": round(pages / seconds, 1),
            "peak RSS MB": round(peak, 1),
            "db MB": round(db.stat().st_size / MB),
            "failed": summary["failed"],
        }


def main(sizes: list[int]) -> None:
    for size in sizes:
        # each size in a process of its own: RUSAGE_CHILDREN keeps the largest child's peak
        if len(sizes) > 1:
            subprocess.run([sys.executable, __file__, str(size)], check=True)
            continue
        figures = measure(size)
        print("  ".join(f"{key} {value}" for key, value in figures.items()), flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1024])
