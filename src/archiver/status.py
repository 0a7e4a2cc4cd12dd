"""What the archive knows about its own runs and sites: `archiver runs` and
`archiver sites`, for a person who wants to see at a glance which portal went
quiet or broke."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from archiver.normalize import fold
from archiver.store import Archive, SiteCounts, SiteInfo

HISTORY_RUNS = 10  # error rate and last success are read from this many recent runs
MONTHS = 12
_BARS = " ▁▂▃▄▅▆▇█"


def recent_runs(archive: Archive, limit: int = 20) -> list[dict[str, Any]]:
    """The latest runs, newest first, with per-site counts and their totals."""
    out = []
    for run in archive.runs(limit):
        totals = {
            key: sum(s.get(key, 0) for s in run.sites.values())
            for key in ("articles_new", "articles_updated", "duplicates", "errors")
        }
        out.append(
            {
                "id": run.id,
                "started": run.started,
                "finished": run.finished,
                "status": run.status,
                "requests": run.requests,
                **totals,
                "unhealthy": [n for n, s in run.sites.items() if s.get("health", "ok") != "ok"],
                "sites": run.sites,
            }
        )
    return out


@dataclass(frozen=True)
class SiteStatus:
    """One site at a glance, as `archiver sites` shows it."""

    site: str
    articles: int
    newest: str | None  # the newest article's publication day
    last_ok: str | None  # when the last run without errors for it finished
    error_rate: float | None  # failed fetches over fetches, in the recent runs
    health: str  # ok, unhealthy, unreachable, never run
    health_reason: str | None
    health_warning: str | None
    per_month: dict[str, int]  # "YYYY-MM" -> articles published that month
    chart: str  # per_month as a sparkline
    unit: str | None = None  # the 2025 unit its seed names
    province: str | None = None  # the province as it was
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def sites_overview(
    archive: Archive, months: int = MONTHS, now: datetime | None = None
) -> list[SiteStatus]:
    """Per site: articles, newest article date, last good run, error rate, health,
    and articles per month over the last `months` months; grouped by 2025 unit (the
    units in order, sites naming none last), by name within a unit."""
    span = _last_months(now or datetime.now(UTC), months)
    history = _site_history(archive)
    stored = {counts.site: counts for counts in archive.site_counts(span[0])}
    infos = {info.name: info for info in archive.site_infos()}
    out = []
    names = set(stored) | set(history) | set(infos)
    for site in sorted(names, key=lambda n: (_unit_key(infos.get(n)), n)):
        info = infos.get(site)
        counts = stored.get(site, SiteCounts(site, 0, None, {}))
        n, newest = counts.articles, counts.newest
        runs = history.get(site, [])
        per_month = [counts.per_month.get(m, 0) for m in span]
        out.append(
            SiteStatus(
                site=site,
                articles=n,
                newest=newest,
                last_ok=next((r["finished"] for r in runs if _good(r)), None),
                error_rate=_error_rate(runs),
                health=_health(runs),
                health_reason=runs[0].get("health_reason") if runs else None,
                health_warning=runs[0].get("health_warning") if runs else None,
                per_month=dict(zip(span, per_month, strict=True)),
                chart=sparkline(per_month),
                unit=info.unit if info else None,
                province=info.province if info else None,
                title=info.title if info else None,
            )
        )
    return out


def _unit_key(info: SiteInfo | None) -> tuple[int, str]:
    unit = info.unit if info else None
    return (0, fold(unit)) if unit else (1, "")


def sparkline(values: list[int]) -> str:
    """One character per value, from blank (none) to a full block (the most)."""
    top = max(values, default=0)
    if top == 0:
        return _BARS[0] * len(values)
    return "".join(_BARS[0] if v == 0 else _BARS[max(1, round(v / top * 8))] for v in values)


def _last_months(now: datetime, count: int) -> list[str]:
    year, month = now.year, now.month
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _site_history(archive: Archive) -> dict[str, list[dict[str, Any]]]:
    """Each site's entries in the recent runs, newest first, with the run's end."""
    history: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for run in archive.runs(HISTORY_RUNS * 10, finished=True):
        for site, stats in run.sites.items():
            if len(history[site]) < HISTORY_RUNS:
                history[site].append({**stats, "finished": run.finished})
    return history


def _good(stats: dict[str, Any]) -> bool:
    return not stats.get("errors") and stats.get("health", "ok") == "ok"


def _error_rate(runs: list[dict[str, Any]]) -> float | None:
    fetched = sum(
        r.get("listing_pages", 0)
        + r.get("articles_new", 0)
        + r.get("articles_updated", 0)
        + r.get("duplicates", 0)
        + r.get("other_pages", 0)
        + r.get("errors", 0)
        for r in runs
    )
    errors = sum(r.get("errors", 0) for r in runs)
    return round(errors / fetched, 3) if fetched else None


def _health(runs: list[dict[str, Any]]) -> str:
    if not runs:
        return "never run"
    last = runs[0]
    if last.get("errors") and not last.get("listing_pages"):
        return "unreachable"  # the more telling word for a site that gave nothing
    return str(last.get("health", "ok"))
