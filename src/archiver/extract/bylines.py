"""Bylines: who wrote an article, read from the short line that ends its body."""

from __future__ import annotations

import re

from archiver.normalize import clean_line, fold

# Account names and template leftovers that portals print where an author goes.
_PLACEHOLDERS = frozenset(
    fold(p)
    for p in (
        "admin admin",
        "admin",
        "administrator",
        "super user",  # Joomla's first account
        "superuser",
        "root",
        "guest",
        "tiêu đề website",
        "quản trị viên",
        "webmaster",
        "null",
        "none",
    )
)
_PREFIX = re.compile(
    r"^\s*(?:bài\s*(?:,|và|&)?\s*ảnh|bài|tin|tin\s*,?\s*ảnh|t/h|thực\s*hiện|nguồn|theo"
    r"|tác\s*giả|người\s*viết|tổng\s*hợp|author|source|by)\s*[:.]\s*",
    re.IGNORECASE,
)
_SOFT_PREFIX = re.compile(r"^\s*(?:theo|by)\s+", re.IGNORECASE)
_MAX_CHARS = 80
_MAX_WORDS = 12
_LOWER_OK = frozenset({"và", "-", "–", "—", "&", ",", "(", ")", "/"})


def clean_author(text: str | None) -> str | None:
    """An author field tidied (label removed, spaces normal); None for placeholders."""
    if text is None:
        return None
    name = _balanced(_PREFIX.sub("", clean_line(text)).strip(" ,;:-–—()[]\"“”„«»'"))
    if not name or is_placeholder(name) or len(name) > _MAX_CHARS:
        return None
    return name


def _balanced(name: str) -> str:
    """The name with a closing parenthesis the trim took back: "Elena Oberholzer
    (obe)" keeps its initials' bracket; "(Thanh Tâm)" and "Thanh Tâm)" lose theirs."""
    return f"{name})" if name.count("(") > name.count(")") else name


def is_placeholder(name: str) -> bool:
    """True for CMS account names and template text that are not authors."""
    return fold(clean_line(name)).strip(" .") in _PLACEHOLDERS


def byline_from_text(text: str, *, emphasized: bool = False) -> str | None:
    """The author named by a byline paragraph, or None if text is not a byline.

    `emphasized` is true when the line is bold or right-aligned, as bylines
    often are; it lets lower-case words (an agency name) pass.
    """
    line = clean_line(text)
    if not line or len(line) > _MAX_CHARS or len(line.split()) > _MAX_WORDS:
        return None
    if _PREFIX.match(line) or (emphasized and _SOFT_PREFIX.match(line)):
        return clean_author(_SOFT_PREFIX.sub("", line))
    if line.endswith((".", "!", "?", ":", ";")) and not _ends_with_initial(line):
        return None
    if _looks_like_name(line, emphasized=emphasized):
        return clean_author(line)
    return None


def _ends_with_initial(line: str) -> bool:
    # "Nguyễn V." or "T.H." end with a dot but are names.
    last = line.split()[-1]
    return len(last.rstrip(".")) <= 2


def _looks_like_name(line: str, *, emphasized: bool) -> bool:
    words = [w for w in re.split(r"\s+", line) if w not in _LOWER_OK]
    if not words or any(ch.isdigit() for ch in line):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    if capitalised == len(words):
        return len(words) <= 6 or line.isupper()
    return emphasized and capitalised >= 2 and words[0][:1].isupper()


# "(HG) - ", "STO - ", "(BBNĐT) ": a source tag in capitals opening the body of an
# item republished from a provincial paper; it stays in the text and is recorded.
_LEAD_TAG = re.compile(
    r"^\s*(\([A-ZĐ][A-ZĐ0-9&.]{0,9}\)(?=\s*[-–—]?\s)|[A-ZĐ][A-ZĐ0-9&.]{1,9}(?=\s*[-–—]\s))"
)


def lead_tag(text: str | None) -> str | None:
    """The lead tag a body opens with, as written, or None."""
    match = _LEAD_TAG.match(text or "")
    return match.group(1) if match else None
