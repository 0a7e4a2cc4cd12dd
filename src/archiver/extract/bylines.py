"""Bylines: who wrote an article and who it came from, read from a line of text.

A byline names people; an organisation in it (the paper, the agency, the unit
that owns the site) is the story's source, not its author. `Byline` keeps the
two apart; the page-aware choice between printed and declared bylines is in
authors.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archiver.extract.vocabulary import BYLINE_CHARS, BYLINE_WORDS, CASELESS_NAME
from archiver.normalize import clean_line, fold


@dataclass(frozen=True)
class Byline:
    """Who wrote a story (people) and the organisation it came from, either may be None."""

    author: str | None = None
    source: str | None = None


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
        "quản trị",
        "webmaster",
        "editor",
        "null",
        "none",
        "unknown",
    )
)
# Labels that name the writer ("Bài, ảnh:", "T/h:" = compiled by, "Thực hiện:" = made by).
_PREFIX = re.compile(
    r"^\s*(?:bài\s*(?:,|và|&)?\s*ảnh|bài|tin|tin\s*,?\s*ảnh|t/h|thực\s*hiện|tác\s*giả"
    r"|người\s*viết|tổng\s*hợp|author|by|von|autor(?:in)?|par|por)\s*[:.]\s*",
    re.IGNORECASE,
)
# Labels that name where the story came from: the source, never an author.
_SOURCE_PREFIX = re.compile(r"^\s*(?:nguồn(?:\s*tin)?|theo|source|quelle)\s*[:.]\s*", re.IGNORECASE)
# "Viết bởi" (written by): Joomla's Vietnamese label before the account's name
_SOFT_PREFIX = re.compile(r"^\s*(?:by|von|par|por|door|viết\s+bởi)\s+", re.IGNORECASE)
_SOFT_SOURCE = re.compile(r"^\s*(?:theo|nguồn)\s+", re.IGNORECASE)
_LOWER_OK = frozenset({"và", "-", "–", "—", "&", ",", "(", ")", "/", "und", "and", "et"})
_SENTENCE_MARKS = frozenset("。、：，！？©®")  # punctuation of a sentence or a notice
# Scripts that write a full name as one word: Chinese, Japanese, Korean, Thai.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_TRIM = " ,;:-–—()[]\"“”„«»'‘’*·•|"

# Words an organisation's name opens with on Vietnamese pages: the newspaper, the
# radio-TV station, the provincial department or centre, the school that owns the site.
# Not "đoàn" (the Youth Union): Đoàn is a family name too ("ĐOÀN MINH ĐỨC").
# Matched with their tone marks: folded, "Bảo" (a name) would read as "Báo" (a paper).
_ORG_WORDS = tuple(
    w + " "
    for w in (
        "báo", "đài", "trung tâm", "sở", "ban", "phòng", "ủy ban", "uỷ ban", "ubnd",
        "cổng thông tin", "cổng", "tạp chí", "văn phòng", "hội", "trường", "bệnh viện",
        "thông tấn", "tỉnh ủy", "tỉnh uỷ", "huyện ủy", "huyện uỷ", "thành ủy", "thành uỷ",
        "đảng ủy", "đảng uỷ", "công an", "bộ", "cục", "chi cục", "viện", "học viện",
        "công ty", "tổng công ty", "mặt trận", "liên đoàn", "hđnd", "hội đồng",
        "trang thông tin", "website", "kênh", "truyền hình", "phát thanh",
    )
)  # fmt: skip
# An agency written as one short word in capitals: TTXVN, VOV, VTV, AFP, TTXVN/VNA.
_ACRONYM = re.compile(r"^[A-ZĐ][A-ZĐ0-9&/-]{1,11}$")  # not "T.H.": initials are a name
# What a byline may say of its writer besides the name: a reporter (PV, phóng viên),
# a contributor (CTV), an editor (BTV), a team of them; "Redakteur", "reporter", the
# Korean reporter and correspondent (기자, 특파원).
# Neither a name nor a source, and never an organisation although in capitals.
_ROLE = (
    r"(?:nhóm\s+)?(?:pv|ctv|btv|phóng\s+viên|cộng\s+tác\s+viên|biên\s+tập\s+viên)"
    r"|redakteur(?:in)?|korrespondent(?:in)?|staff\s+(?:writer|reporter)|reporter|기자|특파원"
)
_LEADING_ROLE = re.compile(rf"^(?:{_ROLE})\b\s*[:.]?\s*", re.IGNORECASE)
_TRAILING_ROLE = re.compile(rf"\s*(?:[(\-–—,/]\s*)?\b(?:{_ROLE})\s*\)?$", re.IGNORECASE)
# The paper's staff: "Guardian staff reporter", "Takeo Maeda / Yomiuri Shimbun Staff
# Writers" (the people before the paper's name, if any, and the paper).
_STAFF = re.compile(
    r"^(?:(.+?)\s*(?:[,/|]|\s[-–—])\s*)?([^\s,/|][^,/|]*?)\s+staff\s+"
    r"(?:writer|reporter|correspondent)s?$",
    re.IGNORECASE,
)
# The separators between the people of a byline and their agency.
_PARTS = re.compile(r"\s+[-–—]\s+|\s*[,;/]\s*|\s*\|\s*")
_INITIALS = re.compile(r"^(?:[A-ZĐ]\.)+$")
# An editor's short sign in lower case after the name: "Elena Oberholzer (obe)".
_SIGN = re.compile(r"\s*\((?:[^\W\d_A-Z]{2,5})\.?\)(?=\s*(?:[,;&]|$))")
_BRACKETED = re.compile(r"^([^()]+?)\s*\(([^()]+)\)$")  # "Lê Minh (Báo Nhân Dân)"
_NOT_A_NAME = re.compile(r"@|https?:|www\.|\.(?:com|vn|net|org)\b|^\d+$", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")  # "emma-mackenzie": a profile's slug


def clean_author(text: str | None) -> str | None:
    """An author field tidied (label, quotes and decoration removed, spaces normal);
    None for placeholders, e-mail addresses, URLs, handles and numbers."""
    if text is None:
        return None
    name = _balanced(_PREFIX.sub("", clean_line(text)).strip(_TRIM))
    if not name or is_placeholder(name) or len(name) > BYLINE_CHARS:
        return None
    if _NOT_A_NAME.search(name) or _SLUG.match(name):
        return None
    return name


def _balanced(name: str) -> str:
    """The name with a closing parenthesis the trim took back: "Elena Oberholzer
    (obe)" keeps its initials' bracket; "(Thanh Tâm)" and "Thanh Tâm)" lose theirs."""
    return f"{name})" if name.count("(") > name.count(")") else name


def is_placeholder(name: str) -> bool:
    """True for CMS account names and template text that are not authors."""
    return fold(clean_line(name)).strip(" .") in _PLACEHOLDERS


def is_organisation(name: str) -> bool:
    """True for a name that is an organisation's by its own words: a newspaper, a
    station, a department, a school ("Báo Đắk Nông điện tử", "Sở Y tế", "TTXVN")."""
    name = clean_line(name).strip(_TRIM)
    if _ACRONYM.match(name):
        return True
    return name.lower().startswith(_ORG_WORDS) and len(name.split()) >= 2


def split_byline(text: str | None) -> Byline:
    """A byline's people and its organisation: "Thanh Hà – TTXVN" is Thanh Hà of
    TTXVN, "Báo Lạng Sơn" an organisation alone, "Lê Hà - Minh Tú" two people; a role
    beside a name is neither ("PV Thanh Hà", "Minh Anh (CTV)": Thanh Hà, Minh Anh); the
    paper whose staff writes is the source ("Guardian staff reporter")."""
    name = clean_author(text)
    staff = _STAFF.match(name or "")
    if staff:  # "… / Yomiuri Shimbun Staff Writers": the paper is the source
        return Byline(split_byline(staff.group(1)).author, staff.group(2))
    if name is not None:
        name = clean_author(_SIGN.sub("", _TRAILING_ROLE.sub("", _LEADING_ROLE.sub("", name))))
    if name is None:
        return Byline()
    if is_organisation(name):
        return Byline(None, name)
    bracketed = _BRACKETED.match(name)
    if bracketed and is_organisation(bracketed.group(2)):
        return Byline(clean_author(bracketed.group(1)), bracketed.group(2).strip())
    parts = [p for p in _PARTS.split(name) if p.strip(_TRIM)]
    if len(parts) > 1 and is_organisation(parts[-1]):
        agency = parts[-1].strip(_TRIM)
        people = name[: name.rfind(parts[-1])].strip(_TRIM)
        return Byline(clean_author(people), agency)
    return Byline(_slashed(name), None)


def _slashed(name: str) -> str:
    """Full names a slash divides, as a list: "Mathatisi Sebusi/Mohalenyane Phakela"."""
    names = [n.strip() for n in name.split("/")]
    if len(names) > 1 and all(len(n.split()) >= 2 for n in names):
        return ", ".join(names)
    return name


def read_byline(text: str, *, emphasized: bool = False) -> Byline | None:
    """The byline a line of text is, or None if it is no byline.

    A labelled line ("Bài, ảnh: Minh Khoa", "Nguồn: Báo Chính phủ") is one whatever
    it says; an unlabelled one must look like a name. `emphasized` is true when the
    line is bold or right-aligned, as bylines often are; it lets lower-case words
    (an agency's name) pass, and "Theo ..." without a colon.
    """
    line = clean_line(text)
    if not line or len(line) > BYLINE_CHARS or len(line.split()) > BYLINE_WORDS:
        return None
    if _SOURCE_PREFIX.match(line) or (emphasized and _SOFT_SOURCE.match(line)):
        source = _SOFT_SOURCE.sub("", _SOURCE_PREFIX.sub("", line))
        found = split_byline(source)
        # "Theo Lê Minh (Báo Nhân Dân)" names a writer and the paper; a name alone is
        # the source, whatever it names
        return found if found.source else Byline(None, found.author)
    if _PREFIX.match(line) or (emphasized and _SOFT_PREFIX.match(line)):
        return split_byline(_SOFT_PREFIX.sub("", line))
    if ":" in line or "?" in line or "@" in line:
        return None  # another role's credit ("Ảnh: ...", "Redaktion: ..."), or a question
    if line.endswith((".", "!", ";")) and not _ends_with_initial(line):
        return None
    if _looks_like_name(line, emphasized=emphasized):
        return split_byline(line)
    return None


def byline_from_text(text: str, *, emphasized: bool = False) -> str | None:
    """The author a byline line names (its people, or else its organisation), or None."""
    found = read_byline(text, emphasized=emphasized)
    if found is None:
        return None
    return found.author or found.source


def _ends_with_initial(line: str) -> bool:
    # "Nguyễn V." or "T.H." end with a dot but are names.
    last = line.split()[-1]
    return len(last.rstrip(".")) <= 2 or bool(_INITIALS.match(last))


def _looks_like_name(line: str, *, emphasized: bool) -> bool:
    words = [w for w in re.split(r"\s+", line) if w not in _LOWER_OK]
    if not words or any(ch.isdigit() or ch in _SENTENCE_MARKS for ch in line):
        return False
    if any(len(w) > CASELESS_NAME and w.upper() == w.lower() for w in words):
        return False  # a line of Chinese or Japanese longer than a name
    capitalised = sum(1 for w in words if _capital(w))
    if capitalised == len(words):
        return len(words) <= 6 or line.isupper()
    return emphasized and capitalised >= 2 and _capital(words[0])


def _capital(word: str) -> bool:
    """The word opens with a capital, or with a letter of a script without case."""
    first = word[:1]
    return first.isalpha() and not first.islower()


def names_like(text: str) -> bool:
    """True when every part of a list of names (split at commas, slashes and "and")
    looks like a name (at most six words, none opening in lower case but joining words)
    and one at least is a full name (two words, or one word of a script that writes a
    name so: Chinese, Japanese, Korean, Thai): a printed byline, not a sentence nor an
    agency and an editor's sign ("Reuters/kra")."""
    parts = [p for p in re.split(r"\s*(?:[,;&/]|\bund\b|\band\b|\bvà\b)\s*", text) if p]
    # one full name at least: a lone capitalised word is a button or a section's name,
    # and so is a lone word of Arabic or Hebrew, which write names in words too
    full = any(" " in p or _UNSPACED.search(p) for p in parts)
    return bool(parts) and full and all(_looks_like_name(p, emphasized=False) for p in parts)


# "(HG) - ", "STO - ", "(BBNĐT) ": a source tag in capitals opening the body of an
# item republished from a provincial paper; it stays in the text and is recorded.
_LEAD_TAG = re.compile(
    r"^\s*(\([A-ZĐ][A-ZĐ0-9&.]{0,9}\)(?=\s*[-–—]?\s)|[A-ZĐ][A-ZĐ0-9&.]{1,9}(?=\s*[-–—]\s))"
)


def lead_tag(text: str | None) -> str | None:
    """The lead tag a body opens with, as written, or None."""
    match = _LEAD_TAG.match(text or "")
    return match.group(1) if match else None


def is_labelled(text: str) -> bool:
    """True when a line opens with a byline or source label ("Bài, ảnh:", "Nguồn:")."""
    line = clean_line(text)
    return bool(_PREFIX.match(line) or _SOURCE_PREFIX.match(line))


def strip_label(text: str) -> str:
    """The text without a byline label or a leading "By"/"Von" ("Von: Simone Jung")."""
    return _SOFT_PREFIX.sub("", _PREFIX.sub("", clean_line(text)))
