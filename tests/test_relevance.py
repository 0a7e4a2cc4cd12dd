"""A relevance test set: Vietnamese queries as readers type them, over a fixed
corpus, with the results each must give (issue 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from archiver.cli import app
from archiver.model import Record
from archiver.searching import Filters, search
from archiver.store import Archive

# key: (site, published, category, title, body)
CORPUS = {
    "hoinghi": (
        "haugiang",
        "2024-03-05",
        "Thời sự",
        "Hội nghị tổng kết công tác Đảng năm 2023",
        "Tỉnh ủy tổ chức hội nghị tổng kết công tác xây dựng Đảng bộ tỉnh.",
    ),
    "hoithao": (
        "haugiang",
        "2024-03-20",
        "Thời sự",
        "Hội thảo khoa học về nông nghiệp",
        "Các nhà khoa học trao đổi về giống lúa chịu mặn và chuyển đổi cây trồng.",
    ),
    "dangbo": (
        "soctrang",
        "2024-05-01",
        "Xây dựng Đảng",
        "Đại hội Đảng bộ huyện Mỹ Xuyên",
        "Đại hội đại biểu Đảng bộ huyện lần thứ XII thành công tốt đẹp.",
    ),
    "dang_ten": (
        "soctrang",
        "2023-11-11",
        "Văn hóa",
        "Nghệ nhân Đặng Văn Lành",
        "Ông Đặng Văn Lành gìn giữ nghề đan lát truyền thống ở Kế Sách.",
    ),
    "dangky": (
        "cantho",
        "2024-06-15",
        "Dịch vụ công",
        "Hướng dẫn đăng ký kinh doanh trực tuyến",
        "Người dân có thể đăng ký hộ kinh doanh qua cổng dịch vụ công.",
    ),
    "hoabinh_new": (
        "hoabinh",
        "2024-02-02",
        "Du lịch",
        "Du lịch Hòa Bình hút khách",
        "Lượng khách đến Hòa Bình tăng nhờ hồ thủy điện và bản làng.",
    ),
    "hoabinh_old": (
        "hoabinh",
        "2024-02-10",
        "Nông nghiệp",
        "Cam Cao Phong, đặc sản Hoà Bình",
        "Nông dân Hoà Bình mở rộng vùng trồng cam theo hướng hữu cơ.",
    ),
    "hoa_flower": (
        "dalat",
        "2024-01-20",
        "Du lịch",
        "Lễ hội hoa Đà Lạt",
        "Hoa nở khắp thành phố, bình yên giữa mùa xuân, du khách check-in.",
    ),
    "thuydien": (
        "hoabinh",
        "2023-12-01",
        "Kinh tế",
        "Nhà máy thủy điện Hòa Bình vận hành an toàn",
        "Công nhân thuỷ điện trực ca bảo đảm an toàn hồ chứa mùa lũ.",
    ),
    "covid": (
        "cantho",
        "2021-08-01",
        "Y tế",
        "Cần Thơ phòng chống dịch COVID-19",
        "Thành phố lập chốt kiểm soát, xét nghiệm COVID-19 diện rộng.",
    ),
    "covid_old": (
        "cantho",
        "2020-04-01",
        "Y tế",
        "Tin cũ về dịch bệnh",
        "Bài viết lưu trữ: dịch COVID-19 năm 2020, tin cũ cần tham khảo.",
    ),
    "chuyendoiso": (
        "haugiang",
        "2024-07-07",
        "Khoa học",
        "Chuyển đổi số trong cơ quan nhà nước",
        "Tỉnh đẩy mạnh chuyển đổi số, công nghệ thông tin và dữ liệu số.",
    ),
    "congnghe": (
        "soctrang",
        "2024-07-08",
        "Khoa học",
        "Ứng dụng công nghệ cao vào sản xuất lúa",
        "Nông dân áp dụng công nghệ tưới tiết kiệm, thông tin thị trường kịp thời.",
    ),
    "quocphong": (
        "cantho",
        "2024-08-01",
        "Quốc phòng",
        "Diễn tập khu vực phòng thủ",
        "Lực lượng vũ trang diễn tập phòng thủ dân sự cấp thành phố.",
    ),
    "hue": (
        "hue",
        "2024-09-09",
        "Văn hóa",
        "Festival Huế 2024",
        "Huế rực rỡ sắc màu lễ hội, di sản cố đô thu hút du khách.",
    ),
    "hoi_rong": (
        "haugiang",
        "2024-04-04",
        "Thời sự",
        "Hỏi đáp chính sách đất đai",
        "Người dân hỏi về thủ tục cấp giấy chứng nhận quyền sử dụng đất.",
    ),
}
IDS: dict[str, int] = {}


@pytest.fixture(scope="module")
def archive() -> Archive:
    archive = Archive.memory()
    for key, (site, day, category, title, body) in CORPUS.items():
        rec = Record(
            url=f"https://{site}.gov.vn/{key}",
            kind="article",
            title=title,
            body=body,
            published=day,
            category=category,
        )
        IDS[key] = archive.save_article(site=site, record=rec, raw=key.encode())[1]
    return archive


def keys(archive: Archive, query: str, **filters: str) -> list[str]:
    by_id = {v: k for k, v in IDS.items()}
    hits = search(archive, query, filters=Filters(**filters), limit=50)  # type: ignore[arg-type]
    return [by_id[h.id] for h in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # without accents, as typed on a phone
        ("hoi nghi", {"hoinghi"}),
        ("hoi nghi tong ket", {"hoinghi"}),
        ("dai hoi dang bo", {"dangbo"}),
        ("chuyen doi so", {"chuyendoiso"}),
        ("le hoi", {"hoa_flower", "hue"}),
        # with accents, right or wrong or mixed
        ("Hội nghị", {"hoinghi"}),
        ("hôi nghi", {"hoinghi"}),
        ("hội nghi", {"hoinghi"}),
        ("hỏi nghị", {"hoinghi"}),
        # đ and d
        ("dang ky kinh doanh", {"dangky"}),
        ("đăng ký", {"dangky"}),
        ("Đặng Văn Lành", {"dang_ten"}),
        ("dang van lanh", {"dang_ten"}),
        # tone placement: hòa and hoà, thủy and thuỷ
        ("hoa binh", {"hoabinh_new", "hoabinh_old", "thuydien", "hoa_flower"}),
        ("thủy điện", {"hoabinh_new", "thuydien"}),
        ("thuỷ điện", {"hoabinh_new", "thuydien"}),
        # case and decomposed input
        ("HỘI NGHỊ", {"hoinghi"}),
        ("HOI NGHI", {"hoinghi"}),
        ("H\u00f4\u0323i nghi\u0323", {"hoinghi"}),  # ô + combining dot below
        ("Ho\u0302\u0323i nghi\u0323", {"hoinghi"}),  # combining marks
        # phrases over syllables
        ('"cong nghe thong tin"', {"chuyendoiso"}),
        ('"thong tin"', {"chuyendoiso", "congnghe"}),
        ('"tin thong"', set()),
        # prefixes
        ("hoi*", {"hoinghi", "hoithao", "dangbo", "hoi_rong", "hoa_flower", "hue"}),
        ("chuyen*", {"chuyendoiso", "hoithao"}),
        # exclusions and OR
        ("covid", {"covid", "covid_old"}),
        ('covid -"tin cu"', {"covid"}),
        ("covid -cu", {"covid"}),
        ("festival OR quoc phong", set()),
        ("festival OR dien tap", {"quocphong"}),  # OR binds the words beside it
        ('festival OR "dien tap"', {"hue", "quocphong"}),
        # punctuation and query syntax typed by mistake
        ("COVID-19", {"covid", "covid_old"}),
        ("hoi nghi:", {"hoinghi"}),
        ('"hoi nghi', {"hoinghi"}),
    ],
)
def test_query(archive: Archive, query: str, expected: set[str]) -> None:
    assert set(keys(archive, query)) == expected


def test_exact_accents_rank_first(archive: Archive) -> None:
    assert keys(archive, "Hòa Bình")[0] == "hoabinh_new"
    assert keys(archive, "Hoà Bình")[0] in ("hoabinh_new", "hoabinh_old")
    assert keys(archive, "hoa")[-1] != "hoa_flower" or len(keys(archive, "hoa")) == 1
    assert keys(archive, "hoa nở")[0] == "hoa_flower"
    assert keys(archive, "hỏi")[0] == "hoi_rong"
    assert keys(archive, "hội")[0] != "hoi_rong"


def test_phrase_ranks_above_words_apart(archive: Archive) -> None:
    # "hội nghị" together in hoinghi; nowhere else are both words
    assert keys(archive, "dang bo")[0] == "dangbo"


@pytest.mark.parametrize(
    ("query", "filters", "expected"),
    [
        ("hoa binh", {"site": "hoabinh"}, {"hoabinh_new", "hoabinh_old", "thuydien"}),
        ("hoa binh", {"since": "2024-02-05"}, {"hoabinh_old"}),
        ("hoa binh", {"until": "2024-01-31"}, {"thuydien", "hoa_flower"}),
        ("hoa binh", {"category": "du lịch"}, {"hoabinh_new", "hoa_flower"}),
        ("covid", {"since": "2021-01-01", "until": "2021-12-31"}, {"covid"}),
    ],
)
def test_filters(archive: Archive, query: str, filters: dict[str, str], expected: set[str]) -> None:
    assert set(keys(archive, query, **filters)) == expected


def test_limit_and_offset_page_through_the_same_order(archive: Archive) -> None:
    everything = keys(archive, "hoi*")
    pages = [search(archive, "hoi*", limit=2, offset=n) for n in range(0, len(everything), 2)]
    by_id = {v: k for k, v in IDS.items()}
    assert [by_id[h.id] for page in pages for h in page] == everything


runner = CliRunner()


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(max_size=60)
    | st.lists(
        st.sampled_from(
            [
                '"',
                "(",
                ")",
                "AND",
                "OR",
                "NOT",
                "NEAR(",
                "*",
                "-",
                ":",
                "^",
                "'",
                "; DROP TABLE articles;--",
                "hội",
                "dang",
                "\x00",
                "\\",
                "%",
                "_",
            ]
        ),
        max_size=12,
    ).map(" ".join)
)
@pytest.mark.slow
def test_search_command_takes_any_text(text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    db = _empty_archive(tmp_path_factory.getbasetemp() / "search-any.db")
    result = runner.invoke(app, ["search", "--db", str(db), "--format", "json", "--", text])
    assert result.exit_code == 0, result.stderr
    assert isinstance(__import__("json").loads(result.stdout), list)


def test_search_command_takes_a_10kb_query(tmp_path_factory: pytest.TempPathFactory) -> None:
    db = _empty_archive(tmp_path_factory.getbasetemp() / "search-any.db")
    result = runner.invoke(app, ["search", "hội nghị " * 1200, "--db", str(db)])
    assert result.exit_code == 0 and "Traceback" not in result.stderr


def test_a_query_starting_with_a_dash_needs_the_double_dash(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    db = str(_empty_archive(tmp_path_factory.getbasetemp() / "search-any.db"))
    bare = runner.invoke(app, ["search", "-covid", "--db", db])
    assert bare.exit_code == 2 and "Error: No such option: -c" in bare.stderr
    assert runner.invoke(app, ["search", "--db", db, "--", "-covid"]).exit_code == 0


def _empty_archive(path: Path) -> Path:
    """An archive with nothing in it (read commands never create one)."""
    Archive.open(path).close()
    return path
