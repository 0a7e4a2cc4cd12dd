"""Search latency on a synthetic Vietnamese archive.

    .venv/bin/python bench/search.py [ARTICLES ...]      (default: 50000 200000)

Builds an archive of ARTICLES synthetic articles (~3 KB of Vietnamese text
each, words drawn with a Zipf-like skew from a syllable vocabulary, titles,
sites, dates, categories) through the archive's own schema and FTS triggers
(the bigram index is built afterwards by `Archive.index_grams()`, as when an
older archive is upgraded), then runs a mixed query set (common and rare words,
no accents, accents, đ/d, phrases, prefixes, OR, exclusions, filters) and
prints the index build time, the database size and p50/p95/max latency of
`search()`, then each query's median.
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from archiver.searching import Filters, search
from archiver.store import Archive

_VOCAB = (
    "tỉnh huyện xã phường nông dân cán bộ đảng viên hội nghị tổng kết triển khai kế hoạch"
    " nhiệm vụ giải pháp thủy lợi thuỷ sản lúa gạo trái cây giáo dục trường học sinh bệnh"
    " viện y tế giao thông đường cầu cống vốn đầu tư doanh nghiệp hợp tác du lịch văn hóa"
    " hoá lễ hội môi trường rác thải nước sạch điện lưới chuyển đổi số dịch vụ công an"
    " ninh trật tự quốc phòng mặt trận thanh niên phụ nữ cựu chiến binh người cao tuổi năm"
    " nay quý tháng tuần sáng chiều tăng giảm hoàn thành vượt đạt chỉ tiêu Hòa Hoà Bình"
    " Đồng Tháp Hậu Giang Sóc Trăng Cần Thơ Đại biểu Quốc hội Ủy ban nhân dân Chủ tịch Bí"
    " thư Phó Giám đốc Sở Ban Thường vụ Tỉnh ủy nghị quyết chương trình hành động đề án"
    " dự án công trình khánh thành khởi công nghiệm thu bàn giao hỗ trợ hộ nghèo an sinh"
    " xã hội việc làm lao động xuất khẩu thương mại chợ siêu thị giá cả thị trường mùa vụ"
)
SYLLABLES = _VOCAB.split()
SITES = ["haugiang", "soctrang", "cantho", "dongthap", "angiang", "baohaugiang", "baocantho"]
CATEGORIES = ["Thời sự", "Kinh tế", "Xã hội", "Văn hóa", "Nông nghiệp", "Y tế", "Giáo dục"]
QUERIES = [
    ("hoi nghi", {}),
    ("Hội nghị", {}),
    ("dang bo", {}),
    ("đảng viên", {}),
    ("hoa binh", {}),
    ("Hòa Bình", {}),
    ('"tong ket cong tac"', {}),
    ('"ủy ban nhân dân tỉnh"', {}),
    ("chuyen*", {}),
    ("khanh thanh cong trinh", {}),
    ("xuat khau OR thuong mai", {}),
    ("du lich -le", {}),
    ("nghiem thu ban giao", {}),
    ("sieu thi gia ca", {}),
    ("thuy loi", {"site": "haugiang"}),
    ("giao duc", {"since": "2024-01-01"}),
    ("benh vien", {"category": "Y tế"}),
    ("quoc phong an ninh", {}),
    ("dong thap", {}),
    ("cuu chien binh", {}),
]


def words(pick: random.Random, count: int) -> list[str]:
    # a Zipf-like skew: low indexes far more common, as in real text
    n = len(SYLLABLES)
    return [
        SYLLABLES[min(n - 1, int(pick.paretovariate(1.1)) - 1)]
        if pick.random() < 0.6
        else pick.choice(SYLLABLES)
        for _ in range(count)
    ]


def build(path: Path, count: int) -> float:
    archive = Archive.open(path)
    pick = random.Random(20261126)
    started = time.perf_counter()
    batch: list[tuple[object, ...]] = []
    for n in range(count):
        title = " ".join(words(pick, 10)).capitalize()
        body = "\n\n".join(" ".join(words(pick, 110)) + "." for _ in range(6))
        day = f"20{pick.randint(18, 25)}-{pick.randint(1, 12):02d}-{pick.randint(1, 28):02d}"
        batch.append(
            (
                f"https://{pick.choice(SITES)}.vn/a/{n}",
                pick.choice(SITES),
                title,
                day,
                pick.choice(CATEGORIES),
                body,
                f"h{n}",
                day,
                day,
                day,
            )
        )
        if len(batch) == 5000 or n == count - 1:
            # straight into the file, as save_article would take hours at this size;
            # the word index's triggers fire, the bigram index is built after
            with sqlite3.connect(path) as conn:
                conn.executemany(
                    "INSERT INTO articles (url, site, title, published, category, body,"
                    " content_hash, first_seen, last_seen, last_changed)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?)",
                    batch,
                )
            batch = []
    archive.index_grams()
    archive.optimize()
    archive.close()
    return time.perf_counter() - started


def measure(path: Path) -> dict[str, list[float]]:
    archive = Archive.open(path)
    for text, filters in QUERIES:  # warm the page cache once
        search(archive, text, filters=Filters(**filters))
    timings: dict[str, list[float]] = {text: [] for text, _ in QUERIES}
    for _ in range(5):
        for text, filters in QUERIES:
            started = time.perf_counter()
            search(archive, text, filters=Filters(**filters), limit=20)
            timings[text].append((time.perf_counter() - started) * 1000)
    return timings


def main(sizes: list[int]) -> None:
    for count in sizes:
        with tempfile.TemporaryDirectory(dir=".") as tmp:
            path = Path(tmp) / "search.db"
            seconds = build(path, count)
            size_mb = path.stat().st_size / 2**20
            per_query = measure(path)
            timings = sorted(t for times in per_query.values() for t in times)
            p95 = timings[int(len(timings) * 0.95) - 1]
            print(
                json.dumps(
                    {
                        "articles": count,
                        "build_s": round(seconds, 1),
                        "db_mb": round(size_mb),
                        "p50_ms": round(statistics.median(timings), 1),
                        "p95_ms": round(p95, 1),
                        "max_ms": round(timings[-1], 1),
                        "queries": len(timings),
                    }
                ),
                flush=True,
            )
            medians = {q: round(statistics.median(t), 1) for q, t in per_query.items()}
            print(json.dumps({"articles": count, "median_ms": medians}, ensure_ascii=False))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [50_000, 200_000])
