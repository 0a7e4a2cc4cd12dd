"""Streaming a large sitemap through `SitemapReader`: URLs per second and peak memory.

    .venv/bin/python bench/sitemaps.py [SIZE_MB]   (default: 50)

A urlset of SIZE_MB megabytes (uncompressed) is written, with realistic
Vietnamese article URLs, every entry with a <lastmod> and every other one with a
Google News block, and its gzip beside it. Each is then read in a fresh child
process in 64 KB chunks, as they would arrive from the network; the child reports
its own peak RSS (VmHWM from /proc/self/status: a parent's rusage of its children
counts what they shared with it before exec). A child that only imports the
module gives the floor, so the reader's own cost is the difference.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 1_000_000
CHUNK = 64 * 1024

SITES = ["baohagiang.vn", "baotuyenquang.com.vn", "baolaocai.vn", "baoyenbai.com.vn"]
SECTIONS = ["thoi-su", "xa-hoi", "kinh-te", "van-hoa", "the-thao", "phap-luat", "giao-duc"]
WORDS = [
    "uy-ban",
    "nhan-dan",
    "tinh",
    "trien-khai",
    "ke-hoach",
    "phat-trien",
    "kinh-te",
    "xa-hoi",
    "nong-thon-moi",
    "huyen",
    "hoang-su-phi",
    "xin-man",
    "lu-quet",
    "sat-lo",
    "dat",
    "giao-thong",
    "hoi-nghi",
    "tong-ket",
]
TITLES = [
    "Ủy ban nhân dân tỉnh triển khai kế hoạch phát triển kinh tế - xã hội",
    "Lũ quét ở Hoàng Su Phì: khẩn trương khắc phục hậu quả",
    "Hội nghị tổng kết công tác xây dựng nông thôn mới năm 2025",
    "Giao thông thông suốt sau sạt lở đất tại Xín Mần",
]
HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
)


def entry(n: int) -> str:
    site, section = SITES[n % len(SITES)], SECTIONS[n % len(SECTIONS)]
    slug = "-".join(WORDS[(n * 7 + k) % len(WORDS)] for k in range(8))
    day, hour = 1 + n % 28, n % 24
    stamp = f"2025-07-{day:02d}T{hour:02d}:{n % 60:02d}:00+07:00"
    url = f"https://{site}/{section}/2025{7:02d}/{slug}-{100000 + n}.html"
    text = f"<url><loc>{url}</loc><lastmod>{stamp}</lastmod>"
    if n % 2 == 0:
        text += (
            "<news:news><news:publication><news:name>Báo Hà Giang</news:name>"
            "<news:language>vi</news:language></news:publication>"
            f"<news:publication_date>{stamp}</news:publication_date>"
            f"<news:title>{TITLES[n % len(TITLES)]} &amp; tin {n}</news:title></news:news>"
        )
    return text + "</url>\n"


def build(path: Path, size: int) -> int:
    """Write a urlset of about `size` bytes; return its URLs."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        written = len(HEAD)
        while written < size:
            text = entry(count)
            out.write(text)
            written += len(text.encode())
            count += 1
        out.write("</urlset>\n")
    return count


# Reads a file through SitemapReader in 64 KB chunks; says URLs, seconds and peak RSS.
_READ = """
import json, sys, time
from archiver.sitemaps import SitemapReader
def peak():
    return int([l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1])
if sys.argv[1] == "--import-only":
    print(json.dumps({"peak_kb": peak()}))
    raise SystemExit
reader, count = SitemapReader("https://baohagiang.vn/sitemap.xml"), 0
started = time.perf_counter()
with open(sys.argv[1], "rb") as body:
    while chunk := body.read(65536):
        count += len(reader.feed(chunk))
count += len(reader.close())
seconds = time.perf_counter() - started
print(json.dumps({"urls": count, "seconds": seconds, "problem": reader.problem,
                  "peak_kb": peak()}))
"""


def child(argument: str) -> dict[str, object]:
    run = subprocess.run(
        [sys.executable, "-c", _READ, argument], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(run.stdout)
    return result


def main(args: list[str]) -> None:
    size = int(args[0]) if args else 50
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "sitemap.xml"
        started = time.perf_counter()
        urls = build(plain, size * MB)
        zipped = Path(folder) / "sitemap.xml.gz"
        zipped.write_bytes(gzip.compress(plain.read_bytes(), compresslevel=6))
        print(f"built {urls} URLs in {time.perf_counter() - started:.1f} s", flush=True)
        floor = child("--import-only")
        print(f"import only: peak RSS {int(str(floor['peak_kb'])) / 1024:.1f} MB", flush=True)
        for path in (plain, zipped):
            figures = child(str(path))
            seconds = float(str(figures["seconds"]))
            count = int(str(figures["urls"]))
            print(
                f"{path.name}: {path.stat().st_size / MB:.1f} MB, {count} URLs,"
                f" {seconds:.2f} s, {count / seconds:,.0f} URLs/s,"
                f" peak RSS {int(str(figures['peak_kb'])) / 1024:.1f} MB,"
                f" problem {figures['problem']}",
                flush=True,
            )
            assert count == urls, f"read {count} of {urls} URLs"


if __name__ == "__main__":
    main(sys.argv[1:])
