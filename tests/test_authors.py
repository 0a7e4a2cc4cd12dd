"""The author finder on small pages: each test stands for a family of layouts."""

from __future__ import annotations

import json

from archiver.extract import parse_page
from archiver.model import Record

TITLE = "Der Landtag berät über den Haushalt des kommenden Jahres"
PROSE = " ".join(
    ["Die Abgeordneten des Landtags berieten am Dienstag lange über den neuen Haushalt."] * 5
)
STORY = f"<p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p>"


def _ld(author: object) -> str:
    obj = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": TITLE}
    if author is not None:
        obj["author"] = author
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def _parse(body: str, head: str = "", url: str = "https://news.example.org/a/1") -> Record:
    html = f"<html><head><title>{TITLE}</title>{head}</head><body><main>{body}</main></body></html>"
    return parse_page(html, url)


def test_a_heading_further_down_is_no_byline() -> None:
    # tagesanzeiger.ch: the title is an <h2>, and so are the story's crossheads
    body = (
        f'<article><h2 class="head-title">{TITLE}</h2><p>{PROSE}</p>'
        f"<h2>Negative Folgen</h2>{STORY}</article>"
    )
    record = _parse(body, _ld({"@type": "Person", "name": "Paula Steiger"}))
    assert record.author == "Paula Steiger"


def test_a_closing_source_line_keeps_the_declared_writer() -> None:
    # zdfheute.de: "Quelle: dpa" closes a story the page declares written by a person
    body = f"<article><h1>{TITLE}</h1>{STORY}<p>Quelle: dpa</p></article>"
    record = _parse(body, _ld({"@type": "Person", "name": "Manuela Conrad"}))
    assert (record.author, record.source) == ("Manuela Conrad", "dpa")
    assert "Quelle" not in (record.body or "")


def test_an_editors_sign_after_the_name_is_dropped() -> None:
    # nzz.ch: each declared author carries the sign they initial short items with
    people = [
        {"@type": "Person", "name": n} for n in ("Elena Oberholzer (obe)", "Corina Gall (cog.)")
    ]
    body = f"<article><h1>{TITLE}</h1>{STORY}</article>"
    assert _parse(body, _ld(people)).author == "Elena Oberholzer, Corina Gall"
