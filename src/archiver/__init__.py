"""archiver: scrape, archive and search Vietnamese provincial news portals.

The library, in brief (the README has an example):

- `fetch_sites(db, sites)` crawls sites (`load_seeds(path)`) into the archive at db;
- `Archive.open(path)` / `Archive.read_only(path)` open an archive, as a context
  manager; its reads return `Article`, `Revision` and `Run` values;
- `search(archive, text, filters=Filters(...))` returns `Hit`s (`left_out=[]` also
  collects the prefixes too broad to search);
- `parse_page(html, url)` turns one page into a `Record`, touching no archive.

The names are loaded when first used: `import archiver` costs nothing, and a parse
worker that imports `archiver.extract` loads no storage.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/archiver-vn/archiver"
USER_AGENT = f"archiver/{__version__} (+{PROJECT_URL})"

if TYPE_CHECKING:
    from archiver.api import fetch_sites
    from archiver.errors import ArchiverError
    from archiver.extract import parse_page
    from archiver.model import Attachment, Image, Record
    from archiver.runs import RunOptions, RunSummary, SiteStats
    from archiver.searching import Hit, search
    from archiver.seeds import Site, load_seeds
    from archiver.store import Archive, Article, Filters, Revision, Run

# Each public name and the module it lives in.
_HOMES = {
    "Archive": "archiver.store",
    "ArchiverError": "archiver.errors",
    "Article": "archiver.store",
    "Attachment": "archiver.model",
    "Filters": "archiver.store",
    "Hit": "archiver.searching",
    "Image": "archiver.model",
    "Record": "archiver.model",
    "Revision": "archiver.store",
    "Run": "archiver.store",
    "RunOptions": "archiver.runs",
    "RunSummary": "archiver.runs",
    "Site": "archiver.seeds",
    "SiteStats": "archiver.runs",
    "fetch_sites": "archiver.api",
    "load_seeds": "archiver.seeds",
    "parse_page": "archiver.extract",
    "search": "archiver.searching",
}

__all__ = [
    "Archive",
    "ArchiverError",
    "Article",
    "Attachment",
    "Filters",
    "Hit",
    "Image",
    "Record",
    "Revision",
    "Run",
    "RunOptions",
    "RunSummary",
    "Site",
    "SiteStats",
    "__version__",
    "fetch_sites",
    "load_seeds",
    "parse_page",
    "search",
]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'archiver' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # once: later reads find it without coming here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
