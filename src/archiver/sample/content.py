"""Deterministic Vietnamese articles for the sample portal, and the truth records.

A `Story` is what a site's editor wrote (title, paragraphs, pictures, when);
each CMS family turns it into an `ArticleTruth` (URL, date as shown) and HTML.
Story i of a site depends only on the site and i, never on how many stories
the portal holds, so a large portal extends the small one.
"""

from __future__ import annotations

import random
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from importlib import resources

from archiver.normalize import nfc

VN_TZ = timezone(timedelta(hours=7))
SEED_SLUG = "can-tiep-tuc-no-luc-tich-cuc-chu-dong-hon-nua-hoan-thanh-muc-tieu-nhiem-vu-nam-2020"


@dataclass(frozen=True)
class ArticleTruth:
    """What an ideal extractor should read from one article page."""

    url: str
    path: str
    title: str
    published: str | None
    updated: str | None
    date_raw: str
    author: str | None
    category: str
    view_count: int | None
    summary: str | None
    paragraphs: tuple[str, ...]
    images: tuple[tuple[str, str | None], ...]
    attachments: tuple[tuple[str, str | None], ...]
    source: str | None = None  # the agency a byline names beside its writer


@dataclass(frozen=True)
class SiteTruth:
    """One running sample site and everything it publishes, newest first."""

    name: str
    title: str
    family: str
    province: str
    base_url: str
    start_url: str
    articles: list[ArticleTruth]
    home_url: str = ""  # base_url + "/": where a crawl that discovers sections starts
    sections: tuple[str, ...] = ()  # listing page 1 of each news section, news first
    notices: list[ArticleTruth] = field(default_factory=list)  # the "Thông báo" section


@dataclass(frozen=True)
class Story:
    """An article as its editor wrote it, before any CMS shaped it."""

    index: int
    title: str
    slug: str
    summary: str
    paragraphs: tuple[str, ...]
    byline: str | None  # the name as printed; may be a placeholder such as "admin admin"
    images: tuple[tuple[int, str, str], ...]  # (paragraph index it follows, file stem, caption)
    attachment: str | None  # file stem of an attached document
    moment: datetime  # local time, +07:00
    has_time: bool  # False when the editor entered only a date
    view_count: int


PLACEHOLDER_AUTHORS = frozenset({"admin admin"})

_PLACES = {
    "haugiang": ["Vị Thanh", "Ngã Bảy", "Long Mỹ", "Châu Thành", "Phụng Hiệp", "Vị Thủy"],
    "sotttt": ["Ba Đình", "Hoàn Kiếm", "Đống Đa", "Sóc Sơn", "Ba Vì", "Đông Anh"],
    "quangtri": ["Đông Hà", "Vĩnh Linh", "Gio Linh", "Hải Lăng", "Cam Lộ", "Đakrông"],
}
_TOPICS = [
    "chuyển đổi số",
    "cải cách hành chính",
    "xây dựng nông thôn mới",
    "giảm nghèo bền vững",
    "phát triển kinh tế tập thể",
    "bảo vệ môi trường",
    "thu hút đầu tư",
    "phát triển du lịch cộng đồng",
    "bảo đảm an toàn giao thông",
    "nuôi trồng thủy sản",
    "nuôi trồng thuỷ sản",
    "công tác thủy lợi nội đồng",
    "phòng, chống thiên tai",
    "chăm sóc sức khỏe Nhân dân",
    "xây dựng Đảng bộ trong sạch, vững mạnh",
    "bảo tồn văn hóa truyền thống",
]
_SUBJECTS = [
    "Ủy ban nhân dân tỉnh",
    "Ban Thường vụ Tỉnh ủy",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Kế hoạch và Đầu tư",
    "Hội Nông dân tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Chi cục Thủy lợi",
    "Chi cục Thuỷ sản",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh",
    "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông",
]
_PEOPLE = [
    ("Đặng Văn Đức", "Phó Chủ tịch Ủy ban nhân dân tỉnh"),
    ("Đỗ Thị Đào", "Giám đốc Sở Kế hoạch và Đầu tư"),
    ("Nguyễn Hoàng Long", "Bí thư Huyện ủy"),
    ("Trần Thị Thủy", "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh"),
    ("Lê Quang Đạt", "Phó Bí thư Thường trực Tỉnh ủy"),
    ("Phạm Minh Thuỷ", "Trưởng ban Dân vận Tỉnh ủy"),
    ("Võ Thành Đông", "Giám đốc Sở Nông nghiệp và Phát triển nông thôn"),
    ("Huỳnh Ngọc Điệp", "Chủ tịch Ủy ban nhân dân huyện"),
]
_REQUESTS = [
    "tập trung tháo gỡ khó khăn cho doanh nghiệp",
    "đẩy nhanh tiến độ giải ngân vốn đầu tư công",
    "tăng cường công tác tuyên truyền, vận động Nhân dân",
    "rà soát, hoàn thiện các thủ tục hành chính",
    "phối hợp chặt chẽ với các địa phương",
    "nâng cao chất lượng đội ngũ cán bộ, đảng viên",
    "chủ động phương án ứng phó với triều cường và xâm nhập mặn",
    "nhân rộng các mô hình sản xuất hiệu quả",
]
_THINGS = [
    "hợp tác xã nông nghiệp",
    "hộ gia đình đạt danh hiệu gia đình văn hóa",
    "công trình thủy lợi",
    "dự án đầu tư",
    "hồ sơ trực tuyến",
    "tổ hợp tác nuôi thuỷ sản",
    "ki-lô-mét đường giao thông nông thôn",
    "sản phẩm OCOP",
]
# A stretch of one year; YEAR is the story's year.
_SPANS = ["6 tháng đầu năm YEAR", "9 tháng năm YEAR", "quý I/YEAR", "năm YEAR", "10 tháng năm YEAR"]
_PERIODS = ["6 tháng đầu năm", "9 tháng", "quý I", "năm", "nhiệm kỳ 2020 - 2025", "10 tháng"]
_EVENTS = ["Hội thi nhà nông đua tài", "Ngày hội đại đoàn kết toàn dân tộc", "Tuần lễ Văn hóa"]
_CAPTIONS = [
    "Quang cảnh Hội nghị",
    "Các đại biểu tham quan mô hình",
    "Đồng chí {person} phát biểu chỉ đạo",
    "Trao bằng khen cho các tập thể xuất sắc",
    "Người dân thu hoạch lúa tại {place}",
    "Công trình đang được đẩy nhanh tiến độ",
]
WRITERS = [
    "Thanh Tâm",
    "Ngọc Trâm",
    "Minh Hà",
    "Đức Anh",
    "Hoàng Đạt",
    "Kim Thủy",
    "Phương Đông",
    "Bảo Ngọc",
    "Quốc Đạt",
]
_SENTENCES = [
    "{subject} vừa tổ chức Hội nghị sơ kết công tác {topic} {span}.",
    "Theo báo cáo, trong {period}, huyện {place} có thêm {n} {thing}, tăng {p}% so với "
    "cùng kỳ năm trước.",
    "Phát biểu tại buổi làm việc, đồng chí {person}, {position}, đề nghị các ngành, các cấp "
    "{request}.",
    "Bên cạnh kết quả đạt được, công tác {topic} vẫn còn một số khó khăn, hạn chế.",
    "Dịp này, {subject} tặng bằng khen cho {n} tập thể và {m} cá nhân có thành tích xuất sắc "
    "trong {topic}.",
    "Thời gian tới, {subject} tiếp tục {request}.",
    "Người dân ở {place} phấn khởi khi {topic} mang lại hiệu quả thiết thực.",
    "Đảng bộ huyện {place} xác định {topic} là nhiệm vụ trọng tâm của cả nhiệm kỳ.",
    "Đến nay, toàn tỉnh đã hoàn thành {n} {thing}, đạt {p}% kế hoạch đề ra.",
    "Đồng chí {person} ghi nhận nỗ lực của cán bộ, đảng viên và Nhân dân trong {topic}.",
    "Các đại biểu tập trung thảo luận, đánh giá những cách làm hay trong {topic}.",
    "Tổng kinh phí thực hiện hơn {n} tỷ đồng, chủ yếu từ nguồn xã hội hóa.",
    "{subject} yêu cầu các đơn vị {request}, bảo đảm hoàn thành chỉ tiêu năm {year}.",
    "Nhiều hộ dân ở {place} đã chuyển sang nuôi trồng thủy sản theo hướng an toàn sinh học.",
]
_TITLES = [
    "Hội nghị sơ kết {topic} {span}",
    "{place} đẩy mạnh {topic}",
    "Đảng bộ huyện {place} lãnh đạo thực hiện {topic}",
    "Tăng cường {topic} trên địa bàn {place}",
    "Hiệu quả từ mô hình {topic} ở {place}",
    "Khai mạc {event} năm {year}",
    "{subject} triển khai kế hoạch {topic} năm {year}",
    "Hội nghị Ban Chấp hành Đảng bộ tỉnh bàn giải pháp {topic}",
]
_POOLS = {
    "subject": _SUBJECTS,
    "topic": _TOPICS,
    "period": _PERIODS,
    "request": _REQUESTS,
    "thing": _THINGS,
    "event": _EVENTS,
}
_BANK_SIZE = 1500
# Fixed stories every corpus must hold: search tests rely on both tone placements.
_SPECIAL_SENTENCES = {
    ("haugiang", 1): "Đoàn công tác đã đến thăm và làm việc với xã Hòa Bình về {topic}.",
    ("sotttt", 2): "Tỉnh Hoà Bình đã chia sẻ kinh nghiệm triển khai {topic} tại hội nghị.",
}


def slugify(text: str) -> str:
    """The ASCII slug a Vietnamese CMS makes from a title."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _rng(site: str, index: int, salt: str = "") -> random.Random:
    # crc32 is stable across runs, unlike hash() of a str.
    return random.Random(zlib.crc32(f"{site}/{index}/{salt}".encode()))


class _Slots(dict[str, str]):
    """Template values drawn only when a template asks for them (drawing is the cost)."""

    def __init__(self, rng: random.Random, site: str, year: int) -> None:
        super().__init__(year=str(year))
        self.rng, self.site = rng, site

    def __missing__(self, key: str) -> str:
        rng = self.rng
        if key in ("person", "position"):
            self["person"], self["position"] = rng.choice(_PEOPLE)
            return self[key]
        if key == "span":
            value = rng.choice(_SPANS).replace("YEAR", self["year"])
        elif key in ("n", "m", "p"):
            value = str(rng.randint(3, 250) if key != "p" else rng.randint(5, 98))
        else:
            value = rng.choice(_PLACES[self.site] if key == "place" else _POOLS[key])
        self[key] = value
        return value


def _fill(template: str, rng: random.Random, site: str, year: int) -> str:
    text = template.format_map(_Slots(rng, site, year))
    return text[0].upper() + text[1:]


@cache
def _sentence_bank(site: str, year: int) -> tuple[str, ...]:
    """Sentences a site's editors wrote in a year; articles draw from them (filling is slow)."""
    rng = _rng(site, year, "bank")
    return tuple(nfc(_fill(rng.choice(_SENTENCES), rng, site, year)) for _ in range(_BANK_SIZE))


def _paragraphs(rng: random.Random, site: str, index: int, year: int) -> list[str]:
    bank = _sentence_bank(site, year)
    paragraphs = [
        " ".join(rng.choices(bank, k=rng.randint(1, 4))) for _ in range(rng.randint(4, 10))
    ]
    special = _SPECIAL_SENTENCES.get((site, index))
    if special:
        paragraphs[1] += " " + nfc(_fill(special, rng, site, year))
    return paragraphs


def make_story(
    site: str,
    index: int,
    moment: datetime,
    *,
    has_time: bool = True,
    bylines: tuple[str | None, ...] = (),
    title: str | None = None,
    slug: str | None = None,
) -> Story:
    """Story `index` of `site`, published at `moment`; same arguments, same story."""
    rng = _rng(site, index)
    year = moment.year
    title = title or _fill(_TITLES[index % len(_TITLES)], rng, site, year)
    slug = slug or slugify(title)
    paragraphs = _paragraphs(rng, site, index, year)
    images = []
    for k in range(rng.choice((0, 1, 1, 2))):
        caption = _fill(rng.choice(_CAPTIONS), rng, site, year)
        after = min(len(paragraphs) - 1, 1 + 2 * k)
        images.append((after, f"{slug[:20].strip('-')}-{k + 1}", caption))
    writers = bylines or (*WRITERS, None)
    return Story(
        index=index,
        title=title,
        slug=slug,
        summary=paragraphs[0].split(". ")[0].rstrip(".") + ".",
        paragraphs=tuple(paragraphs),
        byline=rng.choice(writers),
        images=tuple(images),
        attachment=f"tai-lieu-{index + 1}" if rng.random() < 0.25 else None,
        moment=moment,
        has_time=has_time,
        view_count=rng.choice((rng.randint(20, 999), rng.randint(1000, 25000))),
    )


def timeline(site: str, index: int, newest: datetime, step_hours: float) -> datetime:
    """When story `index` appeared: strictly older as index grows, O(1) per story."""
    rng = _rng(site, index, "time")
    moment = newest - timedelta(hours=step_hours * (index + rng.uniform(0.0, 0.8)))
    return moment.replace(second=rng.randint(0, 59), microsecond=0)


NOTICE_BASE = 1_000_000  # notice k is story NOTICE_BASE + k: never an article's index
_NOTICE_TITLES = (
    "Thông báo lịch tiếp công dân định kỳ tháng {month}/{year}",
    "Thông báo tuyển dụng viên chức năm {year}",
    "Thông báo kết quả lựa chọn nhà thầu gói thầu số {n}",
    "Thông báo về việc nghỉ Tết Nguyên đán năm {year}",
    "Thông báo lấy ý kiến dự thảo Nghị quyết số {n}",
    "Thông báo mời thầu xây dựng công trình thủy lợi số {n}",
    "Thông báo kết luận của Chủ tịch Ủy ban nhân dân tỉnh số {n}",
)


def notice_story(site: str, k: int, newest: datetime, *, has_time: bool = True) -> Story:
    """Notice `k` of `site`'s "Thông báo" section (0 newest), every ~30 hours back."""
    index = NOTICE_BASE + k
    rng = _rng(site, index, "time")
    moment = newest - timedelta(hours=30.0 * (k + rng.uniform(0.0, 0.8)))
    moment = moment.replace(second=0, microsecond=0)
    template = _NOTICE_TITLES[k % len(_NOTICE_TITLES)]
    title = template.format(month=moment.month, year=moment.year, n=100 + 7 * k)
    return make_story(site, index, moment, has_time=has_time, title=title)


@dataclass(frozen=True)
class SeedArticle:
    """The one real article the project started from, kept as package data."""

    category: str
    title: str
    day: date
    view_count: int
    blocks: tuple[tuple[str, str], ...]  # ("p", text) or ("img", caption)
    author: str


def load_seed() -> SeedArticle:
    """Parse data/seed-haugiang.txt (the page's text as a reader copied it)."""
    text = resources.files("archiver.sample").joinpath("data/seed-haugiang.txt").read_text("utf-8")
    lines = [line.strip() for line in text.splitlines()]
    date_at = next(i for i, line in enumerate(lines) if "Số lần xem" in line)
    found = re.search(r"\((\d\d)/(\d\d)/(\d{4})\).*Số lần xem: (\d+)", lines[date_at])
    assert found, "seed date line changed"
    d, m, y, views = (int(g) for g in found.groups())
    blocks: list[tuple[str, str]] = []
    author = ""
    body = iter(lines[date_at + 1 :])
    for line in body:
        if not line:
            continue
        if line.endswith("Các ý kiến của bạn đọc"):
            author = line.removesuffix("Các ý kiến của bạn đọc")
            break
        if line.endswith(".png"):
            blocks.append(("img", next(body)))
        else:
            blocks.append(("p", line))
    return SeedArticle(lines[0], lines[1], date(y, m, d), views, tuple(blocks), author)
