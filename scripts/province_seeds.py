"""Write the provincial registry module, or the seeds made from it (issue 16).

    # src/archiver/provinces.py's data, from the registry's CSVs (outside the repo):
    .venv/bin/python scripts/province_seeds.py --from-csv ../shared/data/provinces
    # seeds/*.toml from archiver.provinces (CI checks they are in sync):
    .venv/bin/python scripts/province_seeds.py

One seed per site: each unit's portal, every pre-2025 province's portal and
newspaper, and its party-committee site where a host is known. A host shared by
several rows (a unit's portal is its namesake's) makes one seed. Review the diff;
never edit the generated files by hand.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver.seeds import seed_toml

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "src" / "archiver" / "provinces.py"
SEEDS = ROOT / "seeds"
BEGIN, END = "# BEGIN GENERATED", "# END GENERATED"
WIDTH = 100  # ruff's line length

# Centrally-run cities: "thành phố X", not "tỉnh X" (before and after 2025).
CITIES = frozenset({"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"})
# Papers whose name is not "Báo <province>".
PAPER_NAMES = {
    "sggp.org.vn": "Báo Sài Gòn Giải Phóng",
    "hanoimoi.vn": "Báo Hà Nội Mới",
    "baodienbienphu.com.vn": "Báo Điện Biên Phủ",
    "baodongkhoi.vn": "Báo Đồng Khởi",
    "baoapbac.vn": "Báo Ấp Bắc",
}
POLITE: dict[str, Any] = {"rate_limit": 0.5, "concurrency": 2}
CHECKED = "Not checked against the live site."

# The six seeds written by hand before this script: their listing pages, settings
# and comments are kept (their home page becomes the start URL).
KEPT: dict[str, dict[str, Any]] = {
    "angiang-dcs": {
        "comment": "Not checked against the live site: a SharePoint party-committee site; the\n"
        "list path comes from a stored URL (/Lists/TuTuongVanHoa/TongQuat.aspx?PageIndex=40).",
        "sections": ["https://www.angiang.dcs.vn/Lists/TuTuongVanHoa/TongQuat.aspx"],
        "max_listing_pages": 30,
    },
    "bacgiang": {
        "comment": "Not checked against the live site: a Liferay portal (DOMAIN.md), whose asset\n"
        "publisher lists articles in div.asset-abstract and pages with _101_cur=N.\n"
        "Bắc Giang merged into Bắc Ninh on 1/7/2025.",
        "sections": ["https://bacgiang.gov.vn/tin-tuc"],
        "max_listing_pages": 30,
        "selectors": {"article_links": "div.asset-abstract h3 a"},
    },
    "baodongthap": {
        "comment": "Not checked against the live site: the section path comes from stored\n"
        "article URLs (/chinh-tri/<slug>-132223.aspx); pagination auto-detected.",
        "sections": ["https://baodongthap.vn/chinh-tri"],
        "max_listing_pages": 30,
    },
    "baohaugiang": {
        "comment": "Not checked against the live site: the section path comes from a stored\n"
        "article URL (/thoi-su-trong-tinh/<slug>-142279.html); pagination is expected\n"
        "as ?p=N or /page-N and is auto-detected. The paper printed its last issue on\n"
        "30/6/2025: archive what is left.",
        "sections": ["https://baohaugiang.com.vn/thoi-su-trong-tinh"],
        "max_listing_pages": 50,
    },
    "haugiang": {
        "comment": "Not checked against the live site: the listing path follows the Umbraco-like\n"
        'layout of the seed page (../shared/seed/), the site\'s "Tin kinh tế" section.\n'
        "Hậu Giang merged into Cần Thơ on 1/7/2025; this portal may be retired or redirect.",
        "sections": ["https://www.haugiang.gov.vn/tin-tuc/tin-kinh-te"],
        "max_listing_pages": 50,
        "respect_robots": True,
        "timeout": 20.0,
    },
    "langson": {
        "comment": "Not checked against the live site: Lạng Sơn runs Drupal (DOMAIN.md), whose\n"
        "news listing pages with ?page=N and whose articles live at /node/<id>.",
        "sections": ["https://www.langson.gov.vn/tin-tuc"],
        "max_listing_pages": 30,
    },
}


# ---- provinces.py from the CSVs -------------------------------------------------


def module_data(csv_dir: Path) -> str:
    """The generated part of provinces.py: UNITS and PROVINCES as Python data."""
    with (csv_dir / "new_units.csv").open(encoding="utf-8", newline="") as file:
        units = list(csv.DictReader(file))
    with (csv_dir / "provinces.csv").open(encoding="utf-8", newline="") as file:
        provinces = list(csv.DictReader(file))
    lines = [
        f"{BEGIN} by scripts/province_seeds.py --from-csv: edit the CSVs, not this.",
        "# One row a record, packed by hand: ruff would spread each over ten lines.",
        "# fmt: off",
        "UNITS: tuple[Unit, ...] = (",
    ]
    for row in units:
        parts = [p.strip() for p in row["component_provinces"].split(";")]
        args = [_lit(row["unit"]), _lit(row["unit_ascii"]), _lit(row["type"]), _tuple(parts)]
        args.append(_host(row["portal"]))
        lines += _call("Unit", args)
    lines += [")", "PROVINCES: tuple[Province, ...] = ("]
    for row in provinces:
        party = _host(row["party_site"]) if row["party_site"] else "None"
        args = [_lit(row["province"]), _lit(row["province_ascii"]), _lit(row["merged_into"])]
        args += [_host(row["portal"]), party, _host(row["newspaper"])]
        lines += _call("Province", args, row["newspaper_status"])
    return "\n".join([*lines, ")", "# fmt: on", END])


def write_module(csv_dir: Path, module: Path = MODULE) -> None:
    """Replace the data between provinces.py's GENERATED markers."""
    text = module.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    module.write_text(text[:start] + module_data(csv_dir) + text[end:], encoding="utf-8")


def _lit(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a valid Python string literal too


def _tuple(items: list[str]) -> str:
    return "(" + ", ".join(map(_lit, items)) + ("," if len(items) == 1 else "") + ")"


def _host(cell: str) -> str:
    name = cell.strip()
    if name.endswith("?"):
        return f"Host({_lit(name[:-1])}, confirmed=False)"
    return f"Host({_lit(name)})"


def _call(kind: str, args: list[str], text: str = "") -> list[str]:
    """A constructor call packed into lines under WIDTH, a long text split at spaces."""
    lines, line = [], f"    {kind}("
    for i, arg in enumerate(args):
        piece = arg + ("," if i < len(args) - 1 or text else "")
        if len(line) + 1 + len(piece) > WIDTH - 2:
            lines.append(line.rstrip())
            line = "        "
        line += ("" if line.endswith(("(", " ")) else " ") + piece
    lines.append(line)
    if text:
        chunks = textwrap.wrap(text, WIDTH - 14, drop_whitespace=False)
        assert "".join(chunks) == text, text  # split, never changed
        lines += [f"        {_lit(chunk)}" for chunk in chunks]
    lines[-1] += "),"
    return lines


# ---- seeds from archiver.provinces ------------------------------------------------


@dataclass
class Seed:
    """One site's seed, before it is written."""

    host: str
    outlet: str
    title: str
    province: str
    unit: str
    confirmed: bool
    retired: bool
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        labels = self.host.removeprefix("www.").split(".")
        if labels[0] == "dcs":  # dcs.bacgiang.gov.vn: the province's label says more
            labels = labels[1:]
        dcs = self.host.endswith(".dcs.vn") or self.host.startswith("dcs.")
        return labels[0] + ("-dcs" if dcs else "")


def plan() -> list[Seed]:
    """Every seed, one per host, sorted by name; names are checked to be unique."""
    from archiver.provinces import PROVINCES, UNITS  # not at the top: --from-csv rewrites it

    seeds: dict[str, Seed] = {}
    for unit in UNITS:
        _add(seeds, _unit_portal(unit))
    for province in PROVINCES:
        unit = next(u for u in UNITS if u.name == province.unit)
        for seed in _province_sites(province, unit.provinces[0] == province.name):
            _add(seeds, seed)
    names: dict[str, str] = {}
    for seed in seeds.values():
        if seed.name in names:
            raise SystemExit(f"two hosts make seed {seed.name!r}: {names[seed.name]}, {seed.host}")
        names[seed.name] = seed.host
    return sorted(seeds.values(), key=lambda s: s.name)


def _key(host: str) -> str:
    return host.lower().removeprefix("www.")


def _add(seeds: dict[str, Seed], seed: Seed) -> None:
    """Keep the first seed of a host; a later row for it can only confirm it."""
    first = seeds.setdefault(_key(seed.host), seed)
    if first is not seed and seed.confirmed and not first.confirmed:
        first.confirmed = True
        first.notes = [n for n in first.notes if n != _INFERRED]


_INFERRED = "Host inferred, not confirmed (registry `?`)."
_WHAT = {"portal": "portal", "party": "site", "newspaper": "paper's site"}


def _place(name: str) -> str:
    return f"thành phố {name}" if name in CITIES else f"tỉnh {name}"


def _unit_portal(unit: Any) -> Seed:
    namesake = unit.provinces[0]
    title = f"Cổng thông tin điện tử {_place(unit.name)}"
    seed = Seed(
        unit.portal.name, "portal", title, namesake, unit.name, unit.portal.confirmed, False
    )
    if unit.type == "merged":
        others = ", ".join(unit.provinces[1:])
        seed.notes.append(f"{unit.name} took in {others} on 1/7/2025.")
    elif namesake != unit.name:
        seed.notes.append(f"{namesake} became the centrally-run city of {unit.name} before 2025.")
    if not unit.portal.confirmed and (unit.type == "merged" or namesake != unit.name):
        seed.notes.append(f"That {unit.name} kept this portal is not confirmed (registry `?`).")
    elif not unit.portal.confirmed:
        seed.notes.append(_INFERRED)
    return seed


def _province_sites(province: Any, namesake: bool) -> Iterable[Seed]:
    name, unit = province.name, province.unit
    gone = f"{name} merged into {unit} on 1/7/2025; this {{}} may redirect or vanish."
    portal = province.portal
    title = f"Cổng thông tin điện tử {_place(name)}"
    sites = [Seed(portal.name, "portal", title, name, unit, portal.confirmed, not namesake)]
    if province.party_site:
        party = province.party_site
        title = f"Đảng bộ {_place(name)}"
        sites.append(Seed(party.name, "party", title, name, unit, party.confirmed, not namesake))
    status = province.newspaper_status
    paper = province.newspaper
    title = PAPER_NAMES.get(_key(paper.name), f"Báo {name}")
    retired = not namesake and "merged" in status
    sites.append(Seed(paper.name, "newspaper", title, name, unit, paper.confirmed, retired))
    for seed in sites:
        if seed.retired:
            seed.notes.append(gone.format(_WHAT[seed.outlet]))
        if not seed.confirmed:
            seed.notes.append(_INFERRED)
    if status:
        source = "registry, `?`: inferred" if status.endswith("?") else "registry"
        sites[-1].notes.append(f"The paper in 2025 ({source}): {status}")
    return sites


def seed_texts() -> dict[str, str]:
    """Each seed file's name and text, as written to seeds/."""
    return {f"{seed.name}.toml": _toml(seed) for seed in plan()}


def _toml(seed: Seed) -> str:
    kept = KEPT.get(seed.name, {})
    keys: dict[str, Any] = {
        "name": seed.name,
        "title": seed.title,
        "province": seed.province,
        "unit": seed.unit,
        "outlet": seed.outlet,
        "confirmed": seed.confirmed,
        "retired": seed.retired,
        "start_urls": [f"https://{seed.host}/"],
    }
    if "sections" in kept:
        keys["sections"] = kept["sections"]
    keys["allowed_domains"] = [_key(seed.host)]
    keys |= {k: kept[k] for k in ("max_listing_pages",) if k in kept}
    keys |= POLITE
    keys |= {k: kept[k] for k in ("respect_robots", "timeout") if k in kept}
    comment = kept.get("comment") or _wrap(" ".join([CHECKED, *seed.notes]))
    text = "".join(f"# {line}\n" for line in comment.splitlines()) + seed_toml(keys)
    return text + _table("selectors", kept.get("selectors", {}))


def _wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, 86, break_long_words=False, break_on_hyphens=False))


def _table(name: str, values: Mapping[str, str]) -> str:
    if not values:
        return ""
    return f"\n[{name}]\n" + seed_toml(dict(sorted(values.items())))


def write_seeds(folder: Path = SEEDS) -> list[str]:
    """Write every seed into folder; return the names of other .toml files found there."""
    texts = seed_texts()
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, text in texts.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    return sorted(p.name for p in folder.glob("*.toml") if p.name not in texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from-csv", type=Path, metavar="DIR", help="regenerate provinces.py")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="where the seeds go")
    args = parser.parse_args(argv)
    if args.from_csv:
        write_module(args.from_csv)
        print(f"wrote {MODULE.relative_to(ROOT)}")
        return 0
    others = write_seeds(args.seeds)
    print(f"wrote {len(seed_texts())} seeds to {args.seeds}")
    for name in others:
        print(f"not from the registry (left as is): {name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
