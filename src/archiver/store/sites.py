"""What the archive keeps of each site beside its pages: what its seed says (title,
province, 2025 unit) and the sections, feeds and sitemaps found on its home page,
with when each was last seen and whether it is still there."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlite_utils import Database

from archiver.clock import stamp
from archiver.normalize import canonical_url

LinkKind = Literal["section", "feed", "sitemap", "child"]  # child: an index's sitemap
State = Literal["active", "gone", "rejected"]


@dataclass(frozen=True)
class SiteInfo:
    """A site as its seed described it when it was last fetched."""

    name: str
    title: str | None
    province: str | None
    unit: str | None
    outlet: str | None
    confirmed: bool
    retired: bool
    home: str | None


@dataclass(frozen=True)
class Found:
    """A section, feed or sitemap of a site, as the archive remembers it."""

    kind: LinkKind
    url: str  # as fetched
    label: str | None
    state: State
    reason: str | None
    first_seen: str
    last_seen: str | None
    checked: str


def remember(db: Database, info: SiteInfo) -> None:
    db.execute(
        "INSERT INTO sites (name, title, province, unit, outlet, confirmed, retired, home,"
        " updated) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(name) DO UPDATE SET"
        " title = excluded.title, province = excluded.province, unit = excluded.unit,"
        " outlet = excluded.outlet, confirmed = excluded.confirmed,"
        " retired = excluded.retired, home = excluded.home, updated = excluded.updated",
        [
            info.name,
            info.title or None,
            info.province or None,
            info.unit or None,
            info.outlet or None,
            int(info.confirmed),
            int(info.retired),
            info.home,
            stamp(),
        ],
    )


def infos(db: Database) -> list[SiteInfo]:
    rows = db.execute(
        "SELECT name, title, province, unit, outlet, confirmed, retired, home FROM sites"
        " ORDER BY name"
    )
    return [SiteInfo(r[0], r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6]), r[7]) for r in rows]


def found(db: Database, site: str) -> list[Found]:
    rows = db.execute(
        "SELECT kind, fetch_url, label, state, reason, first_seen, last_seen, checked"
        " FROM sections WHERE site = ? ORDER BY kind, first_seen, url",
        [site],
    )
    return [Found(*row) for row in rows]


def mark(
    db: Database,
    site: str,
    kind: LinkKind,
    urls: Iterable[tuple[str, str | None]],
    state: State,
    reason: str | None = None,
    *,
    seen: bool = True,
) -> None:
    """Record each (url, label) as `state` now; `seen`: it was found or read this run."""
    at = stamp()
    db.conn.executemany(
        "INSERT INTO sections (site, kind, url, fetch_url, label, state, reason, first_seen,"
        " last_seen, checked) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(site, kind, url)"
        " DO UPDATE SET state = excluded.state, reason = excluded.reason,"
        " label = coalesce(excluded.label, label), checked = excluded.checked,"
        " last_seen = coalesce(excluded.last_seen, last_seen)",
        [
            (site, kind, canonical_url(u), u, label, state, reason, at, at if seen else None, at)
            for u, label in urls
        ],
    )


def due_again(checked: str, days: float, now: datetime | None = None) -> bool:
    """True when a link tested at `checked` is to be tested again."""
    then = datetime.fromisoformat(checked)
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    return (now or datetime.now(UTC)) - then >= timedelta(days=days)
