"""CMS family detection: the folded marker query finds what the plain one does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from archiver.extract.cms import _all_markers, _families

PAGES = sorted((Path(__file__).parent / "fixtures" / "pages").glob("*.html"))
PLAIN = ", ".join(marker for family in _families() for marker in family.markers)


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_folded_markers_match_the_same_elements(page: Path) -> None:
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"), scripting=True)
    # As sets: Lexbor lists an element once per selector of a list it matches, and
    # the folded query has fewer selectors.
    folded = {node.mem_id for node in tree.css(_all_markers())}
    assert folded == {node.mem_id for node in tree.css(PLAIN)}


MARKERS = [m for family in _families() for m in family.markers]


@pytest.mark.parametrize("marker", [m for m in MARKERS if re.fullmatch(r"[a-z0-9]+\.[\w-]+", m)])
def test_each_tag_class_marker_is_still_found(marker: str) -> None:
    tag, name = marker.split(".")
    tree = LexborHTMLParser(f"<html><body><{tag} class='x {name}'>a</{tag}></body></html>")
    assert tree.css_first(_all_markers()) is not None


@pytest.mark.parametrize("marker", [m for m in MARKERS if re.fullmatch(r"[a-z0-9]*#[\w-]+", m)])
def test_each_id_marker_is_still_found(marker: str) -> None:
    tag, name = marker.split("#")
    tree = LexborHTMLParser(f"<html><body><{tag or 'div'} id='{name}'></body></html>")
    assert tree.css_first(_all_markers()) is not None


@pytest.mark.parametrize("marker", [m for m in MARKERS if m.startswith("[id^=")])
def test_each_id_prefix_marker_is_still_found(marker: str) -> None:
    prefix = marker.removeprefix("[id^=").removesuffix("]").strip("'")
    tree = LexborHTMLParser(f"<html><body><div id='{prefix}x'>a</div></body></html>")
    assert tree.css_first(_all_markers()) is not None
    tree = LexborHTMLParser(f"<html><body><div id='x{prefix}'>a</div></body></html>")
    assert tree.css_first(_all_markers()) is None


DESCENDANT = [m for m in MARKERS if re.fullmatch(r"[a-z0-9]+\.[\w-]+ [a-z0-9]+\.[\w-]+", m)]


@pytest.mark.parametrize("marker", DESCENDANT)
def test_each_descendant_marker_keeps_its_context(marker: str) -> None:
    outer, inner = (part.split(".") for part in marker.split(" "))
    item = f"<{inner[0]} class='{inner[1]}'>a</{inner[0]}>"
    inside = LexborHTMLParser(f"<body><{outer[0]} class='{outer[1]}'>{item}</{outer[0]}></body>")
    assert inside.css_first(_all_markers()) is not None
    other = "section" if outer[0] != "section" else "aside"
    elsewhere = LexborHTMLParser(f"<body><{other} class='{outer[1]}'>{item}</{other}></body>")
    assert elsewhere.css_first(_all_markers()) is None
