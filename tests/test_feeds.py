"""Feeds and sitemaps (issue 16): entries and items with their dates as stated, the
faults each named in one line, and a sitemap read alike whatever its chunks."""

from __future__ import annotations

import gzip
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.feeds import Entry, FeedResult, looks_like_feed, parse_feed, stated_date
from archiver.sitemaps import SitemapItem, SitemapReader, sitemaps_from_robots

FEED_URL = "https://baohagiang.vn/rss/thoi-su.rss"
SITEMAP_URL = "https://baohagiang.vn/sitemaps/news.xml"

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Báo Hà Giang - Thời sự</title>
<item><title>Ủy ban nhân dân tỉnh họp phiên thường kỳ tháng 7</title>
<link>/thoi-su/202507/uy-ban-hop-phien-thuong-ky-1.html</link>
<pubDate>Tue, 01 Jul 2025 08:30:00 +0700</pubDate></item>
<item><title>Lũ quét ở Hoàng Su Phì</title>
<link>https://baohagiang.vn/xa-hoi/202507/lu-quet-2.html</link>
<pubDate>Wed, 02 Jul 2025 17:05:00 GMT</pubDate></item>
<item><title>Không có liên kết</title><pubDate>Wed, 02 Jul 2025 17:05:00 GMT</pubDate></item>
<item><title>Trùng lặp</title><link>https://baohagiang.vn/xa-hoi/202507/lu-quet-2.html</link></item>
<item><title>Thư điện tử</title><link>mailto:toasoan@baohagiang.vn</link></item>
</channel></rss>
""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://tuyenquang.gov.vn/tin-tuc/">
<title>Cổng thông tin Tuyên Quang</title>
<entry><title>Hội nghị   tổng kết</title>
<link rel="enclosure" href="/anh/hoi-nghi.jpg"/>
<link rel="alternate" href="hoi-nghi-tong-ket.html"/>
<id>tag:tuyenquang.gov.vn,2025:1</id>
<published>2025-07-01T08:30:00+07:00</published><updated>2025-07-02T01:00:00Z</updated>
</entry>
<entry xml:base="/van-ban/"><title>Văn bản mới</title><link href="quyet-dinh-12.html"/>
<updated>2025-07-03</updated></entry>
</feed>
""".encode()

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://laocai.gov.vn/"><title>Lao Cai</title><link>https://laocai.gov.vn/</link>
</channel>
<item rdf:about="https://laocai.gov.vn/tin/1"><title>Sa Pa</title>
<link>https://laocai.gov.vn/tin/1</link><dc:date>2025-07-01T08:30:00+07:00</dc:date></item>
</rdf:RDF>
"""


def urls(result: FeedResult) -> list[str]:
    return [entry.url for entry in result.entries]


def test_rss_2_entries_resolved_dated_in_their_zone_and_titled_in_vietnamese() -> None:
    result = parse_feed(RSS, FEED_URL)
    assert result.problem is None
    assert result.title == "Báo Hà Giang - Thời sự"
    assert result.entries == (
        Entry(
            "https://baohagiang.vn/thoi-su/202507/uy-ban-hop-phien-thuong-ky-1.html",
            "2025-07-01T08:30:00+07:00",
            None,
            "Ủy ban nhân dân tỉnh họp phiên thường kỳ tháng 7",
        ),
        Entry(
            "https://baohagiang.vn/xa-hoi/202507/lu-quet-2.html",
            "2025-07-02T17:05:00+00:00",
            None,
            "Lũ quét ở Hoàng Su Phì",
        ),
    )


def test_atom_links_resolved_against_xml_base_and_both_dates_kept() -> None:
    result = parse_feed(ATOM, "https://tuyenquang.gov.vn/feed.atom")
    assert result.problem is None
    assert result.title == "Cổng thông tin Tuyên Quang"
    first, second = result.entries
    assert first == Entry(
        "https://tuyenquang.gov.vn/tin-tuc/hoi-nghi-tong-ket.html",
        "2025-07-01T08:30:00+07:00",
        "2025-07-02T01:00:00+00:00",
        "Hội nghị tổng kết",
    )
    assert second.url == "https://tuyenquang.gov.vn/van-ban/quyet-dinh-12.html"
    assert (second.published, second.updated) == (None, "2025-07-03")


def test_rss_1_rdf() -> None:
    result = parse_feed(RDF, "https://laocai.gov.vn/rss")
    assert result.problem is None
    assert result.entries == (
        Entry("https://laocai.gov.vn/tin/1", None, "2025-07-01T08:30:00+07:00", "Sa Pa"),
    )


def test_titles_are_kept_in_nfc() -> None:
    decomposed = "Hoa\u0300ng Su Phi\u0300"  # "Hoàng Su Phì" with combining graves
    body = RSS.replace("Lũ quét ở Hoàng Su Phì".encode(), decomposed.encode())
    assert parse_feed(body, FEED_URL).entries[1].title == "Hoàng Su Phì"


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        ("Tue, 01 Jul 2025 08:30:00 +0700", "2025-07-01T08:30:00+07:00"),
        ("Tue, 1 Jul 2025 08:30:00 GMT+7", "2025-07-01T08:30:00+07:00"),
        ("Tue, 01 Jul 2025 08:30:00 GMT+07:00", "2025-07-01T08:30:00+07:00"),
        ("Tue, 01 Jul 2025 08:30:00 ICT", "2025-07-01T08:30:00+07:00"),
        ("Tue, 01 Jul 2025 08:30:00 -0500", "2025-07-01T08:30:00-05:00"),
        ("2025-07-01T08:30:00+07:00", "2025-07-01T08:30:00+07:00"),
        ("2025-07-01T08:30:00.250+07:00", "2025-07-01T08:30:00+07:00"),
        ("2025-07-01T01:30:00Z", "2025-07-01T01:30:00+00:00"),
        ("2025-07-01 08:30:00", "2025-07-01T08:30:00"),
        ("2025-07-01", "2025-07-01"),
        ("01/07/2025 08:30", "2025-07-01T08:30:00"),
        ("01/07/2025", "2025-07-01"),
        ("2025/07/01 08:30:00", "2025-07-01T08:30:00"),
        ("  Tue, 01 Jul 2025\n 08:30:00 +0700 ", "2025-07-01T08:30:00+07:00"),
        ("hôm qua", None),
        ("31/02/2025", None),
    ],
)
def test_dates_keep_the_zone_they_are_stated_in(stated: str, expected: str | None) -> None:
    assert stated_date(stated) == expected


def test_a_date_only_feedparser_reads_comes_in_utc() -> None:
    body = RSS.replace(b"Tue, 01 Jul 2025 08:30:00 +0700", b"2025-07-01T08:30:00+07:00 ICT")
    assert stated_date("2025-07-01T08:30:00+07:00 ICT") is None
    assert parse_feed(body, FEED_URL).entries[0].published == "2025-07-01T01:30:00+00:00"


# -- malformed feeds: one printable line, and the entries before the fault


def assert_one_line(problem: str | None) -> str:
    assert problem is not None
    assert problem.isprintable() and "\n" not in problem and 0 < len(problem) <= 300
    return problem


def test_a_truncated_feed_keeps_the_entries_before_the_cut() -> None:
    cut = RSS.index(b"<pubDate>Wed")
    result = parse_feed(RSS[:cut], FEED_URL)
    assert "XML" in assert_one_line(result.problem)
    assert urls(result)[0] == (
        "https://baohagiang.vn/thoi-su/202507/uy-ban-hop-phien-thuong-ky-1.html"
    )


def test_an_unescaped_ampersand_is_named_and_the_entries_still_read() -> None:
    body = RSS.replace("Lũ quét ở".encode(), "Lũ & quét ở".encode())
    result = parse_feed(body, FEED_URL)
    assert "not well-formed XML at line 7" in assert_one_line(result.problem)
    assert len(result.entries) == 2
    assert result.entries[0].published == "2025-07-01T08:30:00+07:00"


def test_an_html_page_served_as_a_feed_is_no_feed() -> None:
    page = b"<!DOCTYPE html><html><head><title>Trang chu</title></head><body>"
    page += b'<a href="/tin/1.html">Tin</a></body></html>'
    result = parse_feed(page, FEED_URL)
    assert assert_one_line(result.problem) == "not a feed: an HTML page"
    assert result.entries == ()


@pytest.mark.parametrize("body", [b"", b"  \r\n\t"])
def test_an_empty_body_is_no_feed(body: bytes) -> None:
    result = parse_feed(body, FEED_URL)
    assert (result.entries, assert_one_line(result.problem)) == ((), "empty body")


def test_binary_junk_is_no_feed() -> None:
    result = parse_feed(bytes(range(256)) * 8, FEED_URL)
    assert assert_one_line(result.problem).startswith("not a feed")
    assert result.entries == ()


def test_an_external_entity_is_not_read() -> None:
    body = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<rss version="2.0"><channel><title>&x;</title>'
        b"<item><link>https://x.vn/a</link></item></channel></rss>"
    )
    result = parse_feed(body, FEED_URL)
    assert "root:" not in (result.title or "")
    assert urls(result) == ["https://x.vn/a"]


@given(st.binary(max_size=600), st.sampled_from([b"", RSS[:200], ATOM[:300], b"<rss>"]))
@settings(max_examples=150, deadline=None)
def test_parse_feed_never_raises(junk: bytes, prefix: bytes) -> None:
    result = parse_feed(prefix + junk, FEED_URL)
    assert result.problem is None or result.problem.isprintable()
    assert all(entry.url.startswith(("http://", "https://")) for entry in result.entries)


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (RSS, "text/xml", True),
        (ATOM, "application/octet-stream", True),
        (RDF, "text/plain", True),
        (b"\xef\xbb\xbf<?xml-stylesheet href='a.xsl'?><!-- c --><rss>", "", True),
        (b"<!DOCTYPE html><html><body></body></html>", "application/rss+xml", False),
        (b"<urlset></urlset>", "text/xml", False),
        (b"{}", "application/rss+xml; charset=utf-8", True),
        (b"", "application/rss+xml", False),
        (b"hello", "text/html", False),
    ],
)
def test_looks_like_feed(body: bytes, content_type: str, expected: bool) -> None:
    assert looks_like_feed(body, content_type) is expected


# -- sitemaps

NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
URLSET = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="{NEWS_NS}"
 xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
<url><loc> /thoi-su/202507/uy-ban-hop-1.html </loc>
<lastmod>2025-07-01T08:30:00+07:00</lastmod>
<image:image><image:loc>https://baohagiang.vn/anh/1.jpg</image:loc></image:image></url>
<url><loc>https://baohagiang.vn/xa-hoi/202507/lu-quet-2.html</loc>
<news:news><news:publication><news:name>Báo Hà Giang</news:name>
<news:language>vi</news:language></news:publication>
<news:publication_date>2025-07-02T17:05:00+07:00</news:publication_date>
<news:title>Lũ quét ở Hoàng Su Phì &amp; Xín Mần</news:title></news:news></url>
<url><loc>javascript:void(0)</loc></url>
<url><loc>https://baohagiang.vn/van-hoa/202507/le-hoi-3.html</loc><lastmod>2025-07-03</lastmod></url>
</urlset>
""".encode()
URLSET_ITEMS = [
    SitemapItem(
        "https://baohagiang.vn/thoi-su/202507/uy-ban-hop-1.html",
        False,
        "2025-07-01T08:30:00+07:00",
        None,
        None,
    ),
    SitemapItem(
        "https://baohagiang.vn/xa-hoi/202507/lu-quet-2.html",
        False,
        None,
        "2025-07-02T17:05:00+07:00",
        "Lũ quét ở Hoàng Su Phì & Xín Mần",
    ),
    SitemapItem(
        "https://baohagiang.vn/van-hoa/202507/le-hoi-3.html", False, "2025-07-03", None, None
    ),
]
INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9/">
<sitemap><loc>https://baohagiang.vn/sitemaps/2025-07.xml.gz</loc>
<lastmod>2025-07-31T23:59:59Z</lastmod></sitemap>
<sitemap><loc>/sitemaps/2025-06.xml</loc></sitemap>
</sitemapindex>"""
TEXT = b"""\xef\xbb\xbfhttps://baohagiang.vn/a.html\r
\r
  https://baohagiang.vn/b.html  \r
not a url\r
http://baohagiang.vn/c.html"""


def read(body: bytes, size: int = 65536, **limits: int) -> tuple[list[SitemapItem], SitemapReader]:
    reader = SitemapReader(SITEMAP_URL, **limits)  # type: ignore[arg-type]
    items: list[SitemapItem] = []
    for start in range(0, len(body), size):
        items += reader.feed(body[start : start + size])
    items += reader.close()
    return items, reader


def test_a_urlset_with_lastmod_google_news_and_images_ignored() -> None:
    items, reader = read(URLSET)
    assert items == URLSET_ITEMS
    assert (reader.kind, reader.problem, reader.truncated, reader.skipped) == (
        "urlset",
        None,
        False,
        1,
    )


def test_a_sitemap_index_lists_child_sitemaps() -> None:
    items, reader = read(INDEX)
    assert reader.kind == "sitemapindex" and reader.problem is None
    assert items == [
        SitemapItem(
            "https://baohagiang.vn/sitemaps/2025-07.xml.gz", True, "2025-07-31T23:59:59+00:00",
            None, None,
        ),
        SitemapItem("https://baohagiang.vn/sitemaps/2025-06.xml", True, None, None, None),
    ]  # fmt: skip


def test_a_gzipped_sitemap_is_known_by_its_magic_bytes() -> None:
    items, reader = read(gzip.compress(URLSET), size=50)
    assert (items, reader.kind, reader.problem) == (URLSET_ITEMS, "urlset", None)


def test_concatenated_gzip_members_are_read_on() -> None:
    half = URLSET.index(b"<url><loc>https://baohagiang.vn/van")
    body = gzip.compress(URLSET[:half]) + gzip.compress(URLSET[half:])
    assert read(body)[0] == URLSET_ITEMS


def test_a_text_sitemap_lists_one_url_a_line() -> None:
    items, reader = read(TEXT, size=7)
    assert [item.url for item in items] == [
        "https://baohagiang.vn/a.html",
        "https://baohagiang.vn/b.html",
        "http://baohagiang.vn/c.html",
    ]
    assert (reader.kind, reader.problem, reader.skipped) == ("text", None, 1)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"", "empty body"),
        (b"<html><body>Not found</body></html>", "not a sitemap: its root element is <html>"),
        (b"\x00\x01\x02junk junk junk", "not a sitemap: neither XML nor a list of URLs"),
        (
            URLSET.replace(b"&amp; X", b"& X"),
            "malformed XML at line 11, column 36: not well-formed",
        ),
        (gzip.compress(URLSET)[:-40], "cut short: the gzip stream ends early"),
        (b"\x1f\x8b\x08\x00junkjunkjunk", "broken gzip: "),
    ],
)
def test_faults_are_named_in_one_line(body: bytes, problem: str) -> None:
    _, reader = read(body)
    assert assert_one_line(reader.problem).startswith(problem)


def test_malformed_xml_keeps_the_items_before_the_fault_and_reads_no_more() -> None:
    body = URLSET.replace(b"&amp; X", b"& X")
    cut = body.index(b"& X")
    reader = SitemapReader(SITEMAP_URL)
    items = reader.feed(body[:cut]) + reader.feed(body[cut:])
    assert items == URLSET_ITEMS[:1]
    assert reader.feed(URLSET) == [] and reader.close() == []
    assert reader.problem is not None and reader.problem.startswith("malformed XML")


def test_a_sitemap_cut_mid_file_keeps_what_came_whole() -> None:
    cut = URLSET.index(b"<url><loc>https://baohagiang.vn/van") + 20
    items, reader = read(URLSET[:cut])
    assert items == URLSET_ITEMS[:2]
    assert assert_one_line(reader.problem).startswith("cut short at line")


def test_a_sitemap_over_max_bytes_stops_there() -> None:
    limit = URLSET.index(b"<url><loc>javascript")
    items, reader = read(URLSET, size=100, max_bytes=limit)
    assert items == URLSET_ITEMS[:2]
    assert reader.problem == f"larger than {limit} bytes"


def test_a_gzip_bomb_stops_at_max_bytes_of_inflated_data() -> None:
    bomb = gzip.compress(URLSET[:300] + b" " * 20_000_000)
    assert len(bomb) < 100_000
    items, reader = read(bomb, max_bytes=1_000_000)
    assert items == [] and reader.kind == "urlset"
    assert reader.problem == "larger than 1000000 bytes"


@pytest.mark.parametrize(("limit", "truncated"), [(2, True), (3, False)])
def test_max_urls(limit: int, truncated: bool) -> None:
    items, reader = read(URLSET, size=10, max_urls=limit)
    assert items == URLSET_ITEMS[:limit]
    assert (reader.truncated, reader.problem) == (truncated, None)


def test_sitemaps_from_robots() -> None:
    robots = "\ufeffUser-agent: *\nDisallow: /admin\nSITEMAP: /sitemap.xml # main\n"
    robots += "sitemap:https://baohagiang.vn/sitemap.xml\nSitemap: ftp://x/y\nSitemap:\n"
    robots += "Sitemap: https://cdn.baohagiang.vn/news.xml.gz\n"
    assert sitemaps_from_robots(robots, "https://baohagiang.vn/robots.txt") == [
        "https://baohagiang.vn/sitemap.xml",
        "https://cdn.baohagiang.vn/news.xml.gz",
    ]


def split(body: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({cut % (len(body) + 1) for cut in cuts})
    return [body[a:b] for a, b in zip([0, *points], [*points, len(body)], strict=True)]


def read_chunks(chunks: list[bytes]) -> tuple[list[SitemapItem], str | None, str | None]:
    reader = SitemapReader(SITEMAP_URL, max_urls=50)
    items = [item for chunk in chunks for item in reader.feed(chunk)] + reader.close()
    return items, reader.kind, reader.problem


BODIES = [URLSET, INDEX, TEXT, URLSET[:700], URLSET.replace(b"&amp; X", b"& X"), b"\xef\xbb\xbf  <"]


@given(
    st.sampled_from(BODIES),
    st.booleans(),
    st.lists(st.integers(min_value=0, max_value=10_000), max_size=12),
)
@settings(max_examples=300, deadline=None)
def test_any_split_into_chunks_reads_the_same_items(
    body: bytes, zipped: bool, cuts: list[int]
) -> None:
    data = gzip.compress(body) if zipped else body
    assert read_chunks(split(data, cuts)) == read_chunks([data])


def test_the_split_property_has_items_to_compare() -> None:
    """The property above could hold by reading nothing: whole bodies give items."""
    assert len(read_chunks([gzip.compress(URLSET)])[0]) == 3
    assert len(read_chunks([TEXT])[0]) == 3


@given(st.binary(max_size=400), st.sampled_from([b"", URLSET[:250], b"\x1f\x8b", b"https://"]))
@settings(max_examples=200, deadline=None)
def test_the_sitemap_reader_never_raises(junk: bytes, prefix: bytes) -> None:
    items, reader = read(prefix + junk, size=37)
    assert all(item.url.startswith(("http://", "https://")) for item in items)
    assert reader.problem is None or reader.problem.isprintable()


def test_memory_does_not_grow_with_the_sitemap() -> None:
    """Each <url> is let go once read: 30,000 of them (3 MB) are read in a few KB,
    where keeping them all would take tens of MB."""
    entry = "<url><loc>https://baohagiang.vn/xa-hoi/202507/tin-{}.html</loc><lastmod>2025-07-01</lastmod></url>"
    head = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    body = (head + "".join(entry.format(n) for n in range(30_000)) + "</urlset>").encode()
    reader = SitemapReader(SITEMAP_URL)
    tracemalloc.start()
    try:
        count = sum(len(reader.feed(body[i : i + 65536])) for i in range(0, len(body), 65536))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 30_000
    assert peak < 2_000_000, f"peak {peak} bytes"
