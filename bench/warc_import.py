"""`archiver import` on a large WARC file: pages per second and peak memory.

    .venv/bin/python bench/warc_import.py [SIZE_MB ...]   (default: 100 1024)

For each size, a WARC 1.1 file (uncompressed; a response and a request record per
page, as a crawler writes them) is built from the sample portal's three sites,
every article a page of its own, until it holds SIZE_MB megabytes (in a process
of its own); then `archiver import` reads it into a fresh archive in another,
which reports its own peak RSS (VmHWM: the rusage figure of a child counts the
pages it shared with its parent before exec). Memory should not grow with the
file: pages are read one at a time.
"""

from __future__ import annotations

import io
import json
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


# Runs `archiver import` in this interpreter, then says its peak RSS on stderr.
_IMPORT = """
import sys
from archiver.cli import main
sys.argv = ["archiver", *sys.argv[1:]]
try:
    main()
finally:
    peak = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
    print("peak", peak.split()[1], file=sys.stderr)
"""


def measure(size_mb: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        warc = Path(folder) / "sample.warc"
        started = time.perf_counter()
        made = subprocess.run(
            [sys.executable, __file__, "--build", str(warc), str(size_mb)],
            capture_output=True,
            text=True,
            check=True,
        )
        pages = int(made.stdout)
        built = time.perf_counter() - started
        db = Path(folder) / "archive.db"
        started = time.perf_counter()
        command = ["import", str(warc), "--db", str(db), "--format", "json"]
        run = subprocess.run(
            [sys.executable, "-c", _IMPORT, *command],
            capture_output=True,
            text=True,
            cwd=folder,
            check=True,
        )
        seconds = time.perf_counter() - started
        peak = int(run.stderr.split("peak ")[-1].split()[0]) / 1024
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


def main(args: list[str]) -> None:
    if args[:1] == ["--build"]:
        print(build(Path(args[1]), int(args[2]) * MB))
        return
    for size in [int(a) for a in args] or [100, 1024]:
        figures = measure(size)
        print("  ".join(f"{key} {value}" for key, value in figures.items()), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
