"""What a page that is not an article is: a soft 404, a block or CAPTCHA page,
or just some other page. Asked only of pages extraction did not take for
articles, so a word in a real article's text never condemns it."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from archiver.model import Record

_BLOCKED = re.compile(
    r"captcha|không phải (là )?(người máy|robot)|not a robot|access denied|request blocked"
    r"|truy cập bị (chặn|từ chối)|checking your browser|attention required|ddos protection",
    re.IGNORECASE,
)
_SOFT_404 = re.compile(
    r"không tìm thấy|không tồn tại|page not found|404 not found|\berror 404\b|lỗi 404"
    r"|đã bị xóa|đã bị gỡ",
    re.IGNORECASE,
)


def non_article_kind(html: str, record: Record) -> str:
    """'blocked', 'soft404', or the record's own kind ('listing' or 'other')."""
    if record.kind != "other":
        return record.kind
    tree = LexborHTMLParser(html)
    for node in tree.css("script, style, noscript"):
        node.decompose()
    root = tree.body or tree.root
    text = " ".join((root.text(separator=" ") if root else "").split())
    title = tree.css_first("title")
    text = f"{title.text() if title else ''} {text}"
    if _BLOCKED.search(text):
        return "blocked"
    if _SOFT_404.search(text):
        return "soft404"
    return "other"
