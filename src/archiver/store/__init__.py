"""The archive, and the only code that speaks SQL to it.

- schema.py: the tables, their column lists named once, and the migrations;
- archive.py: `Archive`, opening the file and each write's transaction;
- reading.py: its reads, which return typed values (values.py);
- articles.py: saving an article (revisions, view counts, duplicates, indexes);
- frontier.py: the crawl's queue of pages;
- raw.py: the raw pages, compressed;
- responses.py: each response's request and head, for WARC;
- fulltext.py: the search indexes, read;
- sites.py: what seeds say of their sites, and the sections found on them.
"""

from __future__ import annotations

from archiver.store.archive import Archive
from archiver.store.articles import Outcome
from archiver.store.frontier import Fetched, Frontier, Role
from archiver.store.fulltext import Filters
from archiver.store.reading import StoredPage
from archiver.store.responses import StoredResponse
from archiver.store.schema import fold_label
from archiver.store.sites import Found, SiteInfo
from archiver.store.values import Article, Revision, Run, SiteCounts

__all__ = [
    "Archive",
    "Article",
    "Fetched",
    "Filters",
    "Found",
    "Frontier",
    "Outcome",
    "Revision",
    "Role",
    "Run",
    "SiteCounts",
    "SiteInfo",
    "StoredPage",
    "StoredResponse",
    "fold_label",
]
