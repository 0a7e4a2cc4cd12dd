"""Load and validate seed files (`seeds/<name>.toml`) into `Site` objects."""

from __future__ import annotations

import difflib
import json
import math
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, SelectolaxError

from archiver import USER_AGENT
from archiver.errors import SeedError
from archiver.normalize import fold

OUTLETS = ("portal", "party", "newspaper", "other")
SELECTOR_KEYS = frozenset({"article_links", "next_page", "title", "published", "body", "author"})
_NAME = re.compile(r"^[a-z0-9_-]+$")
_EMPTY = LexborHTMLParser("")  # a selector is parsed before it is matched: any tree will do


@dataclass(frozen=True)
class Site:
    """One site to archive, as its seed describes it."""

    name: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    title: str = ""
    province: str = ""
    max_listing_pages: int = 50
    rate_limit: float = 1.0
    concurrency: int = 2
    respect_robots: bool = True
    timeout: float = 20.0
    max_page_bytes: int = 10 * 1024 * 1024  # per response, after decompression
    user_agent: str = USER_AGENT
    selectors: Mapping[str, str] = field(default_factory=dict)
    source: str = ""
    unit: str = ""  # the provincial-level unit since 1 July 2025 (34 of them)
    outlet: str = ""  # portal, party, newspaper or other
    confirmed: bool = True  # False: the host is inferred, not confirmed by any source
    retired: bool = False  # merged away in 2025: the site may redirect or vanish
    sections: tuple[str, ...] = ()  # listing pages walked besides start_urls
    feeds: tuple[str, ...] = ()  # RSS/Atom feeds read for article links
    sitemaps: tuple[str, ...] = ()  # sitemaps (or indexes) read for article links
    discover: bool = False  # find sections, feeds and sitemaps from the home page
    max_sections: int = 12  # sections found on the home page that are walked
    max_sitemap_urls: int = 5000  # article links taken from sitemaps per run

    @property
    def homes(self) -> tuple[str, ...]:
        """The start URLs that are a home page (a site root), where discovery starts."""
        return tuple(url for url in self.start_urls if is_home(url))

    def allows(self, url: str) -> bool:
        """True when url's host is an allowed domain or one of its subdomains (never for
        a string that is no URL)."""
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            return False
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)


def is_home(url: str) -> bool:
    """True for a site's root (`https://host/`, `https://host`, `/index.html`...)."""
    path = urlsplit(url).path.lower()
    return path in ("", "/") or bool(_HOME_PAGE.match(path))


_HOME_PAGE = re.compile(r"^/(?:index|default|home|trang-chu)(?:\.[a-z]+)?/?$")


def load_seeds(path: Path) -> list[Site]:
    """Read one seed file, or every `*.toml` in a folder, sorted by file name."""
    if path.is_dir():
        files = sorted(path.glob("*.toml"))
        if not files:
            raise SeedError(f"{path}: no *.toml seed files in this folder")
    elif path.is_file():
        files = [path]
    else:
        raise SeedError(f"{path}: no such seed file or folder")
    sites = [_load_file(f) for f in files]
    _check_unique(sites)
    return sites


def site_from_dict(data: Mapping[str, Any], source: str) -> Site:
    """Validate one seed's keys and values; errors name the source and the key."""
    unknown = set(data) - set(_CHECKS) - {"selectors"}
    if unknown:
        key = sorted(unknown)[0]
        near = difflib.get_close_matches(key, [*_CHECKS, "selectors"], n=1)
        hint = f" (did you mean {near[0]}?)" if near else f" (valid keys: {', '.join(_CHECKS)})"
        raise SeedError(f"{source}: unknown key '{key}'{hint}")
    values: dict[str, Any] = {}
    for key, check in _CHECKS.items():
        if key in data:
            try:
                values[key] = check(data[key])
            except (TypeError, ValueError) as exc:
                raise SeedError(f"{source}: key '{key}': {exc}") from None
    if "start_urls" not in values:
        raise SeedError(f"{source}: key 'start_urls': required, a list of listing-page URLs")
    values.setdefault("name", Path(source).stem)
    if not _NAME.match(values["name"]):
        raise SeedError(f"{source}: key 'name': must match [a-z0-9_-]+, got {values['name']!r}")
    values.setdefault("allowed_domains", _hosts(values["start_urls"]))
    values["selectors"] = _selectors(data.get("selectors", {}), source)
    if "discover" not in values:  # a home page as start URL asks for discovery
        values["discover"] = any(is_home(url) for url in values["start_urls"])
    site = Site(source=source, **values)
    for key in ("start_urls", "sections", "feeds", "sitemaps"):
        outside = [url for url in getattr(site, key) if not site.allows(url)]
        if outside:
            raise SeedError(
                f"{source}: key '{key}': {outside[0]!r} is outside allowed_domains"
                f" ({', '.join(site.allowed_domains)})"
            )
    return site


def units_match(sites: list[Site], unit: str, source: Path) -> list[Site]:
    """The sites of one 2025 unit, however it is typed ("Cần Thơ", "can tho"): by
    the unit their seed names, or the unit their province merged into."""
    wanted = fold(" ".join(unit.split()))
    out = [s for s in sites if wanted in (fold(s.unit), fold(s.province))]
    if not out:
        units = sorted({s.unit for s in sites if s.unit})
        have = ", ".join(units[:40]) + (" ..." if len(units) > 40 else "") or "none"
        raise SeedError(f"{source}: no seed of the unit {unit!r} (units: {have})")
    return out


def seed_toml(seed: Mapping[str, Any]) -> str:
    """A seed's keys as TOML text (strings, numbers, booleans and lists of them)."""
    return "".join(f"{key} = {toml_value(value)}\n" for key, value in seed.items())


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string


def _load_file(path: Path) -> Site:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SeedError(f"{path}: invalid TOML: {exc}") from None
    data.setdefault("name", path.stem)
    return site_from_dict(data, str(path))


def _check_unique(sites: list[Site]) -> None:
    seen: dict[str, str] = {}
    for site in sites:
        if site.name in seen:
            raise SeedError(
                f"{site.source}: key 'name': {site.name!r} also used by {seen[site.name]}"
            )
        seen[site.name] = site.source


def _hosts(urls: tuple[str, ...]) -> tuple[str, ...]:
    hosts = (urlsplit(u).hostname or "" for u in urls)
    return tuple(dict.fromkeys(h.lower().removeprefix("www.") for h in hosts))


def _selectors(raw: Any, source: str) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise SeedError(f"{source}: key 'selectors': must be a table")
    for key, value in raw.items():
        if key not in SELECTOR_KEYS:
            raise SeedError(f"{source}: key 'selectors.{key}': unknown selector")
        if not isinstance(value, str) or not value.strip():
            raise SeedError(f"{source}: key 'selectors.{key}': must be a CSS selector string")
        if not _parses(value):
            raise SeedError(
                f"{source}: key 'selectors.{key}': {value!r} is not CSS that Lexbor can parse"
            )
    return dict(raw)


def _parses(selector: str) -> bool:
    """True when Lexbor, which runs the selectors, can parse this one. It raises on
    a selector it cannot parse; left to the run, that error would turn every page
    into a failed extraction instead of stopping the run with the seed named."""
    try:
        _EMPTY.css(selector)
    except SelectolaxError:
        return False
    return True


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"must be a string, got {value!r}")
    if not value.isprintable():  # a CR/LF in a User-Agent splits every request's headers
        raise ValueError(f"must be one line of printable text, got {value!r}")
    return value


def _url_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise TypeError("must be a non-empty list of URLs")
    return _urls(value)


def _urls(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise TypeError("must be a list of URLs")
    for url in value:
        try:
            parts = urlsplit(url) if isinstance(url, str) and url.isprintable() else None
            if parts is not None:
                parts.port  # noqa: B018 - read to see it is a port (99999 is none)
        except ValueError:
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {url!r}")
    return tuple(value)


def _domain_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(d, str) and d for d in value):
        raise TypeError("must be a list of host names")
    return tuple(d.lower().removeprefix("www.") for d in value)


def _positive(kind: type[int] | type[float]) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"must be a number, got {value!r}")
        if kind is int and not isinstance(value, int):
            raise TypeError(f"must be a whole number, got {value!r}")
        if not math.isfinite(value):  # nan and inf would turn a limit off
            raise ValueError(f"must be a finite number, got {value!r}")
        if value <= 0:
            raise ValueError(f"must be > 0, got {value!r}")
        return kind(value)

    return check


def _outlet(value: Any) -> str:
    if value not in OUTLETS:
        raise ValueError(f"must be one of {', '.join(OUTLETS)}, got {value!r}")
    return str(value)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"must be true or false, got {value!r}")
    return value


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "name": _text,
    "title": _text,
    "province": _text,
    "start_urls": _url_list,
    "allowed_domains": _domain_list,
    "max_listing_pages": _positive(int),
    "rate_limit": _positive(float),
    "concurrency": _positive(int),
    "respect_robots": _flag,
    "timeout": _positive(float),
    "max_page_bytes": _positive(int),
    "user_agent": _text,
    "unit": _text,
    "outlet": _outlet,
    "confirmed": _flag,
    "retired": _flag,
    "sections": _urls,
    "feeds": _urls,
    "sitemaps": _urls,
    "discover": _flag,
    "max_sections": _positive(int),
    "max_sitemap_urls": _positive(int),
}
