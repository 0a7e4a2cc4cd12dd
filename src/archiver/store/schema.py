"""The archive's tables, named once, and the migrations that build them.

Every column list the store reads by position (the full-text indexes' columns,
their BM25 weights, the snippet column) is a tuple here, and the SQL is made
from it: reordering a tuple cannot leave a weight on the wrong column.

Migrations are sqlite-utils' registry (`Migrations`, its `_sqlite_migrations`
table records each step by name, with when it was applied): each step a SQL
script with an optional step in Python after it, in one transaction with its
record. Each step also sets `PRAGMA user_version` to its number: the read
commands, which may not write, tell an archive's schema by that one value, and
it is all that archives written before the registry recorded, so such an
archive has its steps recorded as applied before the registry runs. Only
`fetch`, `reparse` and `import`, under the archive's lock, apply them
(`Archive.open`); the read commands refuse an archive at another version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database, Migrations

from archiver import clock
from archiver.derive import GRAMS_COLUMNS, grams_of
from archiver.normalize import GRAM_JOIN, fold

# The word index: FTS5 over articles' title, summary and body, folded by unicode61
# (tones and vowel marks removed; đ kept as a letter of its own, see query.py).
WORD_TOKENIZER = "unicode61 remove_diacritics 2"
WORD_COLUMNS = ("title", "summary", "body")
# The bigram index (its columns' order: derive.GRAMS_COLUMNS): every pair of
# neighbouring folded syllables as one token, so a phrase is a few rare tokens in a
# row instead of common words whose positions FTS5 would compare in every page
# holding them all. Its tokens are made in Python (normalize.bigrams), so the store,
# not a trigger, keeps it in step with articles; contentless, it stores no text. The
# tokens arrive split, folded and joined, so the index only cuts at spaces: FTS5's
# ascii tokenizer (every non-ASCII character a token character) does that at a
# fraction of unicode61's cost.
GRAMS_TOKENIZER = f"ascii tokenchars '{GRAM_JOIN}'"
# BM25 weights by column, for both indexes: a word in the title counts ten times one
# in the body, one in the summary (the sapo) three times.
WEIGHTS = {"title": 10.0, "summary": 3.0, "body": 1.0}
# The column snippets are cut from.
SNIPPET_COLUMN = "body"

# The articles table's columns, in the order of the table (and of `SELECT *`).
ARTICLE_COLUMNS = (
    "id",
    "url",
    "site",
    "title",
    "published",
    "updated",
    "date_raw",
    "author",
    "category",
    "view_count",
    "summary",
    "body",
    "images",
    "attachments",
    "language",
    "final_url",
    "content_hash",
    "fingerprint",
    "sketch",
    "duplicate_of",
    "raw_sha256",
    "first_seen",
    "last_seen",
    "last_changed",
    "problems",
    "source",
)
# Columns that hold JSON lists.
JSON_COLUMNS = ("images", "attachments", "problems")
# The near-duplicate index's data: no part of a record, never exported.
INTERNAL_COLUMNS = ("sketch",)


def bm25(table: str, columns: tuple[str, ...]) -> str:
    """The BM25 call that weights `table`'s columns (given in table order) by WEIGHTS."""
    return f"bm25({table}, {', '.join(str(WEIGHTS[c]) for c in columns)})"


def snippet(table: str, columns: tuple[str, ...], marks: tuple[str, str], tokens: int) -> str:
    """The snippet() call that cuts from SNIPPET_COLUMN of `table` (columns in table order)."""
    opening, closing = marks
    return (
        f"snippet({table}, {columns.index(SNIPPET_COLUMN)}, '{opening}', '{closing}', '…',"
        f" {tokens})"
    )


def fold_label(text: str | None) -> str | None:
    """A label (a category) as filters compare it: folded, spaces made one; the SQL
    function fold() the archive registers, and what a filter's value is made into."""
    return fold(" ".join(text.split())) if text else text


_FRONTIER = """
CREATE TABLE pages (
    url TEXT PRIMARY KEY,              -- canonical form: the page's identity
    fetch_url TEXT NOT NULL,           -- the URL as found, which is what gets fetched
    site TEXT NOT NULL,
    role TEXT NOT NULL,                -- listing | article: why the crawler wants it
    kind TEXT,                         -- what it was: article, listing, other, attachment,
                                       -- soft404, blocked; NULL until fetched
    state TEXT NOT NULL,               -- queued | done | failed
    status INTEGER,
    final_url TEXT,
    content_type TEXT,
    article_id INTEGER REFERENCES articles(id),
    raw_sha256 TEXT,
    etag TEXT,
    last_modified TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    next_try TEXT,
    error TEXT,
    first_seen TEXT NOT NULL,
    fetched_at TEXT
);
CREATE INDEX pages_site_state ON pages(site, state);
"""

_TABLES = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    site TEXT NOT NULL,
    title TEXT,
    published TEXT,
    updated TEXT,
    date_raw TEXT,
    author TEXT,
    category TEXT,
    view_count INTEGER,
    summary TEXT,
    body TEXT,
    images TEXT NOT NULL DEFAULT '[]',
    attachments TEXT NOT NULL DEFAULT '[]',
    language TEXT,
    final_url TEXT,
    content_hash TEXT NOT NULL,
    fingerprint TEXT,
    sketch TEXT,
    duplicate_of INTEGER REFERENCES articles(id),
    raw_sha256 TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    last_changed TEXT NOT NULL
);
CREATE INDEX articles_site_published ON articles(site, published);
CREATE INDEX articles_fingerprint ON articles(fingerprint);
CREATE TABLE sketch_index (
    hash INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id)
);
CREATE INDEX sketch_index_hash ON sketch_index(hash);
CREATE INDEX sketch_index_article ON sketch_index(article_id);
CREATE TABLE sketch_counts (hash INTEGER PRIMARY KEY, articles INTEGER NOT NULL);
CREATE TABLE view_counts (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    observed_at TEXT NOT NULL,
    view_count INTEGER NOT NULL
);
CREATE INDEX view_counts_article ON view_counts(article_id, observed_at);
CREATE TABLE revisions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    run_id INTEGER,
    fetched_at TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    raw_sha256 TEXT,
    record TEXT NOT NULL
);
CREATE INDEX revisions_article ON revisions(article_id);
CREATE TABLE raw_pages (
    sha256 TEXT PRIMARY KEY,
    compression TEXT NOT NULL,
    size INTEGER NOT NULL,
    content BLOB NOT NULL
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL,
    requests INTEGER NOT NULL DEFAULT 0,
    sites TEXT NOT NULL DEFAULT '{}',
    pid INTEGER
);
CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    site TEXT NOT NULL,
    url TEXT NOT NULL,
    status INTEGER,
    reason TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX failures_run ON failures(run_id);
"""


@dataclass(frozen=True)
class Migration:
    """One step of the schema: `script`, then `then(db)` in the same transaction."""

    name: str
    script: str
    then: Callable[[Database], None] | None = None


def _word_index(db: Database) -> None:
    db.table("articles").enable_fts(
        list(WORD_COLUMNS), tokenize=WORD_TOKENIZER, create_triggers=True
    )


_GRAMS = ", ".join(GRAMS_COLUMNS)
GRAMS_INSERT = f"INSERT INTO articles_grams(rowid, {_GRAMS}) VALUES (?, ?, ?, ?)"
# A contentless FTS5 table forgets a row only when given the row's old text.
GRAMS_DELETE = (
    f"INSERT INTO articles_grams(articles_grams, rowid, {_GRAMS}) VALUES ('delete', ?, ?, ?, ?)"
)
GRAMS_SELECT = f"SELECT {_GRAMS} FROM articles"


def fill_grams(db: Database) -> None:
    """Build articles_grams anew from every article (in the caller's transaction)."""
    db.execute("INSERT INTO articles_grams(articles_grams) VALUES ('delete-all')")
    rows = db.execute(f"SELECT id, {_GRAMS} FROM articles")
    db.conn.executemany(GRAMS_INSERT, ((row[0], *grams_of(*row[1:])) for row in rows))


# Applied in order; an archive's user_version is how many it has had. Append only:
# a step once released is never edited, as archives out there have run it.
MIGRATIONS = (
    Migration("tables, frontier and the word index", _FRONTIER + _TABLES, _word_index),
    Migration(
        "the bigram index, for phrases",
        f"""
        CREATE VIRTUAL TABLE articles_grams USING fts5(
            {", ".join(GRAMS_COLUMNS)}, content='', tokenize="{GRAMS_TOKENIZER}"
        );
        -- search leaves copies out by this index without reading the articles themselves
        CREATE INDEX articles_copies ON articles(id) WHERE duplicate_of IS NOT NULL;
        """,
        fill_grams,
    ),
    # values the page held that could not be read (issue 13), as a JSON list of lines
    Migration("problems", "ALTER TABLE articles ADD COLUMN problems TEXT NOT NULL DEFAULT '[]';"),
    # the organisation a story came from, apart from its author (issue 14): null on the
    # articles archived before, until a fetch or reparse reads them again
    Migration("source", "ALTER TABLE articles ADD COLUMN source TEXT;"),
    # every response kept whole (issue 15): its request, status line and headers beside
    # the body, so the archive can be written out as WARC. The pages fetched before
    # have their body alone: each gets a row with no head (http_version ''), which a
    # WARC export writes as a resource record.
    Migration(
        "responses",
        """
        CREATE TABLE responses (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,               -- the URL the response answered
            site TEXT NOT NULL,
            run_id INTEGER,
            kind TEXT,                       -- article, listing, other...: what it was
            requested_at TEXT NOT NULL,
            method TEXT NOT NULL,
            request_headers TEXT NOT NULL,   -- JSON [[name, value], ...] as sent
            http_version TEXT NOT NULL,      -- '' when only the body was kept
            status INTEGER NOT NULL,
            reason TEXT NOT NULL,
            headers TEXT NOT NULL,           -- JSON [[name, value], ...] as received
            raw_sha256 TEXT NOT NULL REFERENCES raw_pages(sha256)
        );
        CREATE INDEX responses_site ON responses(site, requested_at);
        INSERT INTO responses (url, site, kind, requested_at, method, request_headers,
                               http_version, status, reason, headers, raw_sha256)
            SELECT coalesce(final_url, fetch_url), site, kind, coalesce(fetched_at, first_seen),
                   'GET', '[]', '', coalesce(status, 200), '',
                   json_array(json_array('Content-Type', coalesce(content_type, 'text/html'))),
                   raw_sha256
            FROM pages WHERE raw_sha256 IS NOT NULL ORDER BY coalesce(fetched_at, first_seen);
        """,
    ),
    # what a seed says of its site (issue 16: search, export and `sites` by 2025 unit),
    # and the sections, feeds and sitemaps found on its home page, kept so that a
    # portal that moves or drops one is followed and the change reported
    Migration(
        "sites and their sections",
        """
        CREATE TABLE sites (
            name TEXT PRIMARY KEY,
            title TEXT,
            province TEXT,                   -- as it was (one of the 63)
            unit TEXT,                       -- one of the 34 units since 1 July 2025
            outlet TEXT,                     -- portal, party, newspaper, other
            confirmed INTEGER NOT NULL DEFAULT 1,
            retired INTEGER NOT NULL DEFAULT 0,
            home TEXT,                       -- the seed's first start URL
            updated TEXT NOT NULL
        );
        CREATE TABLE sections (
            site TEXT NOT NULL,
            kind TEXT NOT NULL,              -- section | feed | sitemap | child (of an index)
            url TEXT NOT NULL,               -- canonical form
            fetch_url TEXT NOT NULL,
            label TEXT,                      -- the menu's word for it
            state TEXT NOT NULL,             -- active | gone | rejected
            reason TEXT,                     -- why gone or rejected
            first_seen TEXT NOT NULL,
            last_seen TEXT,                  -- last found on the home page or read
            checked TEXT NOT NULL,           -- last tested
            PRIMARY KEY (site, kind, url)
        );
        INSERT INTO sites (name, updated) SELECT DISTINCT site, datetime('now') FROM pages;
        """,
    ),
)
VERSION = len(MIGRATIONS)


SET = "archiver"  # the registry's name for archiver's steps in _sqlite_migrations


def version(db: Database) -> int:
    """The number of migrations the archive has had."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database) -> None:
    """Apply the migrations the archive has not had, each in its own transaction."""
    registry = Migrations(SET)
    for number, step in enumerate(MIGRATIONS, start=1):
        registry(name=step.name)(_applying(number, step))
    _record_earlier(db, registry)
    registry.apply(db)


def _applying(number: int, step: Migration) -> Callable[[Database], None]:
    def apply(db: Database) -> None:
        db.executescript(step.script)
        if step.then is not None:
            step.then(db)
        db.execute(f"PRAGMA user_version = {number}")

    apply.__name__ = f"step_{number}"
    return apply


def _record_earlier(db: Database, registry: Migrations) -> None:
    """An archive migrated before the registry (its steps counted in user_version
    alone) gets those steps recorded as applied, so none runs twice."""
    done = version(db)
    table = db.table(registry.migrations_table)
    if done == 0 or table.exists():
        return
    with db.atomic():
        registry.ensure_migrations_table(db)
        table.insert_all(
            {"migration_set": SET, "name": step.name, "applied_at": clock.stamp()}
            for step in MIGRATIONS[:done]
        )
