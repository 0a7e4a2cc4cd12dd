"""A seed for every provincial site (issue 16): the registry in archiver.provinces, the
seeds in seeds/ made from it, and the name lookups. No network."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from archiver.provinces import PROVINCES, UNITS, find_unit, province_in, unit_of_province
from archiver.seeds import Site, load_seeds

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
HAND_MADE = {
    "haugiang": ("https://www.haugiang.gov.vn/tin-tuc/tin-kinh-te",),
    "baohaugiang": ("https://baohaugiang.com.vn/thoi-su-trong-tinh",),
    "langson": ("https://www.langson.gov.vn/tin-tuc",),
    "bacgiang": ("https://bacgiang.gov.vn/tin-tuc",),
    "baodongthap": ("https://baodongthap.vn/chinh-tri",),
    "angiang-dcs": ("https://www.angiang.dcs.vn/Lists/TuTuongVanHoa/TongQuat.aspx",),
}


def _script() -> ModuleType:
    """scripts/province_seeds.py, which is no package: loaded from its file."""
    path = ROOT / "scripts" / "province_seeds.py"
    spec = importlib.util.spec_from_file_location("province_seeds", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def by_host() -> dict[str, Site]:
    sites = load_seeds(SEEDS)
    hosts = [_host(site.start_urls[0]) for site in sites]
    assert len(set(hosts)) == len(hosts), "two seeds for one host"
    return dict(zip(hosts, sites, strict=True))


def _host(text: str) -> str:
    return text.removeprefix("https://").split("/")[0].lower().removeprefix("www.")


def _absorbed(province_name: str) -> bool:
    """True for a province merged into a unit named after another."""
    unit = next(u for u in UNITS if province_name in u.provinces)
    return unit.provinces[0] != province_name


def test_the_registry_has_34_units_and_63_provinces_each_in_its_unit() -> None:
    assert len(UNITS) == 34 and len(PROVINCES) == 63
    assert sorted(p for u in UNITS for p in u.provinces) == sorted(p.name for p in PROVINCES)
    for province in PROVINCES:
        assert province.name in next(u for u in UNITS if u.name == province.unit).provinces


def test_every_unit_has_a_portal_seed(by_host: dict[str, Site]) -> None:
    for unit in UNITS:
        site = by_host[_host(unit.portal.name)]
        assert (site.unit, site.outlet, site.retired) == (unit.name, "portal", False), unit
        assert site.province == unit.provinces[0]


def test_every_province_has_a_portal_and_a_newspaper_seed(by_host: dict[str, Site]) -> None:
    for province in PROVINCES:
        for outlet, host in [("portal", province.portal), ("newspaper", province.newspaper)]:
            site = by_host[_host(host.name)]
            assert (site.province, site.unit, site.outlet) == (province.name, province.unit, outlet)
            assert site.start_urls == (f"https://{host.name}/",) and site.discover


def test_every_known_party_site_has_a_seed(by_host: dict[str, Site]) -> None:
    parties = [p for p in PROVINCES if p.party_site]
    assert len(parties) == 30
    for province in parties:
        assert province.party_site is not None
        site = by_host[_host(province.party_site.name)]
        assert (site.province, site.unit, site.outlet) == (province.name, province.unit, "party")
        assert site.title.startswith("Đảng bộ ")


def test_one_seed_per_site(by_host: dict[str, Site]) -> None:
    hosts = {_host(u.portal.name) for u in UNITS}
    for p in PROVINCES:
        hosts |= {_host(h.name) for h in (p.portal, p.party_site, p.newspaper) if h}
    assert set(by_host) == hosts and len(hosts) == 156
    assert sorted(path.stem for path in SEEDS.glob("*.toml")) == sorted(
        site.name for site in by_host.values()
    )


def test_a_host_no_source_confirms_is_unconfirmed(by_host: dict[str, Site]) -> None:
    cells: dict[str, list[bool]] = {}
    for unit in UNITS:
        cells.setdefault(_host(unit.portal.name), []).append(unit.portal.confirmed)
    for p in PROVINCES:
        for h in (p.portal, p.party_site, p.newspaper):
            if h:
                cells.setdefault(_host(h.name), []).append(h.confirmed)
    for host, flags in cells.items():
        assert by_host[host].confirmed is any(flags), host
    unconfirmed = {s.name for s in by_host.values() if not s.confirmed}
    assert {"hanoi", "longan", "baobacgiang", "haugiang-dcs"} <= unconfirmed
    assert len(unconfirmed) == 26  # NOTES.md: 2 portals, 21 party sites, 3 newspapers
    assert by_host["cantho.gov.vn"].confirmed  # the unit's cell is `?`, the province's not


def test_the_sites_of_provinces_merged_away_are_retired(by_host: dict[str, Site]) -> None:
    for p in PROVINCES:
        gone = _absorbed(p.name)
        assert by_host[_host(p.portal.name)].retired is gone, p.name
        if p.party_site:
            assert by_host[_host(p.party_site.name)].retired is gone, p.name
        paper_gone = gone and "merged" in p.newspaper_status
        assert by_host[_host(p.newspaper.name)].retired is paper_gone, p.name
    names = {s.name for s in by_host.values() if s.retired}
    assert {"haugiang", "baohaugiang", "bacgiang", "baokontum"} <= names
    assert not names & {"cantho", "baodongthap", "thuathienhue", "baothuathienhue", "baolaichau"}


def test_the_hand_made_seeds_keep_their_names_and_listing_pages(
    by_host: dict[str, Site],
) -> None:
    sites = {site.name: site for site in by_host.values()}
    for name, sections in HAND_MADE.items():
        assert sites[name].sections == sections, name
        assert sites[name].homes == sites[name].start_urls
    assert sites["bacgiang"].selectors == {"article_links": "div.asset-abstract h3 a"}
    assert (sites["haugiang"].respect_robots, sites["haugiang"].timeout) == (True, 20.0)
    assert sites["angiang-dcs"].title == "Đảng bộ tỉnh An Giang"


def test_every_seed_is_polite_and_says_what_is_known(by_host: dict[str, Site]) -> None:
    for site in by_host.values():
        assert (site.rate_limit, site.concurrency) == (0.5, 2), site.name
        text = Path(site.source).read_text(encoding="utf-8")
        assert text.startswith("# Not checked against the live site"), site.name
        if not site.confirmed:
            assert "not confirmed" in text, site.name


def test_the_seeds_are_what_the_script_writes_from_the_registry(tmp_path: Path) -> None:
    others = _script().write_seeds(tmp_path)
    assert others == []
    written = sorted(p.name for p in tmp_path.glob("*.toml"))
    assert written == sorted(p.name for p in SEEDS.glob("*.toml"))
    for name in written:
        assert (tmp_path / name).read_bytes() == (SEEDS / name).read_bytes(), name


def test_a_host_two_provinces_would_name_alike_stops_the_script(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    script = _script()
    twin = script.Seed("tayninh.example.vn", "portal", "x", "Tây Ninh", "Tây Ninh", True, False)
    real = script._province_sites
    monkeypatch.setattr(script, "_province_sites", lambda p, n: [*real(p, n), twin])
    with pytest.raises(SystemExit, match="two hosts make seed 'tayninh'"):
        script.plan()


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Cần Thơ", "Cần Thơ"),
        ("can tho", "Cần Thơ"),
        ("  CẦN   thơ ", "Cần Thơ"),
        ("TP HCM", "Hồ Chí Minh"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("ho chi minh", "Hồ Chí Minh"),
        ("Thành phố Huế", "Huế"),
        ("Thừa Thiên Huế", "Huế"),
        ("tinh dak lak", "Đắk Lắk"),
        ("Khánh Hoà", "Khánh Hòa"),  # the other tone-mark placement
        ("Hậu Giang", None),  # a province merged away is no unit
        ("Sài Gòn Giải Phóng", None),
        ("", None),
    ],
)
def test_find_unit(text: str, unit: str | None) -> None:
    assert find_unit(text) == unit


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("Hậu Giang", "Cần Thơ"),
        ("hau giang", "Cần Thơ"),
        ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
        ("ba ria vung tau", "Hồ Chí Minh"),
        ("Thừa Thiên Huế", "Huế"),
        ("Tỉnh Bắc Giang", "Bắc Ninh"),
        ("Đắk Nông", "Lâm Đồng"),
        ("Dak Lak", "Đắk Lắk"),
        ("Sài Gòn Giải Phóng", None),
    ],
)
def test_unit_of_province(name: str, unit: str | None) -> None:
    assert unit_of_province(name) == unit


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("Cổng thông tin điện tử tỉnh Hậu Giang", "Hậu Giang"),
        ("Báo Đắk Nông điện tử", "Đắk Nông"),
        ("BÁO BÀ RỊA - VŨNG TÀU ĐIỆN TỬ", "Bà Rịa - Vũng Tàu"),
        ("Cổng TTĐT Thừa Thiên Huế", "Thừa Thiên Huế"),  # not "Huế": the longest wins
        ("Báo Huế ngày nay", "Huế"),
        ("cong thong tin dien tu tinh hau giang", "Hậu Giang"),
        ("Thành ủy TP.HCM", "Hồ Chí Minh"),
        ("Đảng bộ tỉnh Lâm Đồng - Tin tức", "Lâm Đồng"),
        ("Cổng thông tin điện tử Chính phủ", None),
        ("Báo Nhân Dân", None),
        ("", None),
    ],
)
def test_province_in(title: str, named: str | None) -> None:
    assert province_in(title) == named
