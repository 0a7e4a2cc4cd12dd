"""Taming hostile markup before Lexbor sees it.

Lexbor checks the stack of open elements on every block start tag (`<div>`,
`<p>`, ...), so a page nested tens of thousands deep parses in quadratic time
(docs/benchmarks.md: what it cost). Tags
deeper than MAX_DEPTH are dropped (their text is kept); only pages with
enough tags to be that deep pay for the check, and only pages that really are
that deep are rewritten.
"""

from __future__ import annotations

import re

MAX_DEPTH = 400
# A page with fewer tags cannot nest deep enough to matter, and the depth check
# would cost its time on every large real page.
CHECK_ABOVE_TAGS = 10_000
# Greedy attributes, and "/>" read from the match: a lazy `[^<>]*?(/?)>` tries the
# tail at every character.
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)([^<>]*)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


def tamed_utf8(html: str) -> bytes:
    """`tame(html)` as the UTF-8 bytes Lexbor reads, encoded as selectolax would
    encode a str (so the parse is the same), with the tags counted on the bytes:
    `bytes.replace` finds each "<" with memchr, faster than `str.count` scans."""
    data = html.encode("utf-8", "ignore")
    if len(data) - len(data.replace(b"<", b"")) < CHECK_ABOVE_TAGS:
        return data
    tamed = tame(html)
    return data if tamed is html else tamed.encode("utf-8", "ignore")


def tame(html: str) -> str:
    """html with tags nested deeper than MAX_DEPTH removed."""
    if html.count("<") < CHECK_ABOVE_TAGS or _max_depth(html) <= MAX_DEPTH:
        return html
    depth = 0

    def visit(match: re.Match[str]) -> str:
        nonlocal depth
        closing, name, rest = match.groups()
        if closing:
            depth = max(0, depth - 1)
            return match.group(0) if depth < MAX_DEPTH else ""
        if rest.endswith("/") or name.lower() in _VOID:
            return match.group(0) if depth < MAX_DEPTH else ""
        depth += 1
        return match.group(0) if depth <= MAX_DEPTH else ""

    return _TAG.sub(visit, html)


def _max_depth(html: str) -> int:
    """How deep the tags nest, counted as `tame` counts them (no string is built)."""
    depth = deepest = 0
    for closing, name, rest in _TAG.findall(html):
        if closing:
            depth = max(0, depth - 1)
        elif not (rest.endswith("/") or name.lower() in _VOID):
            depth += 1
            deepest = max(deepest, depth)
    return deepest
