"""Text and URL normal forms shared by extraction, dedup, storage and search."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
# Characters on which str.split() and _SPACES disagree: line separators other than
# "\n" that _SPACES keeps, and spaces that str.split() keeps (U+200B, U+FEFF); and NUL,
# which stands in for "\n" while a line is split. Text without any is cleaned exactly
# alike, and faster, by split and join.
_DIFFERS = "\x00\x1c\x1d\x1e\x1f\x85\u1680\u2028\u2029\u200b\ufeff"
_SPLIT_DIFFERS = re.compile(f"[{_DIFFERS}]")
_LONG = 1000  # from this length a substring search per character beats the pattern
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Query parameters that name a visit, not a page: trackers and session ids.
_NOT_IDENTITY = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|yclid|mc_cid|mc_eid|_ga|_gl|zarsrc|gidzl"
    r"|jsessionid|phpsessid|aspsessionid\w*|sessionid|sid)$",
    re.IGNORECASE,
)
# ";jsessionid=..." path parameters (Java) and "/(S(...))/" segments (ASP.NET cookieless)
_PATH_SESSION = re.compile(r";jsessionid=[^/?#]*|/\((?:[A-Z]\([^)]*\))+\)(?=/)", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_MARKS = r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_COMBINING = re.compile(f"[{_MARKS}]+")
# letters, digits and combining marks: the characters FTS5's unicode61 keeps in a token
_SYLLABLE = re.compile(f"(?:[^\\W_]|[{_MARKS}])+")
_SYLLABLE_NFC = re.compile(r"[^\W_]+")  # the same, twice as fast, for text without marks
GRAM_JOIN = "_"  # a token character of the bigram index (tokenchars), in no syllable


def nfc(text: str) -> str:
    """Compose text to NFC, the only form archiver stores."""
    return unicodedata.normalize("NFC", text)


def clean_line(text: str) -> str:
    """NFC, every kind of space made one plain space, trimmed."""
    if not text.isascii():  # ASCII is NFC already, and isascii() is read, not scanned
        text = nfc(text)
    # Printable text (most lines) holds no "\n" and none of _SPLIT_DIFFERS, all control,
    # format or separator characters; str.isprintable tells in C, and stops at the
    # first such character.
    if text.isprintable():
        # Then a plain space is its only whitespace: text already spaced once between
        # words and trimmed (most text) is its own clean form, and split is spared.
        if "  " in text or text[:1] == " " or text[-1:] == " ":
            return " ".join(text.split())
        return text
    # Most other text is printable text between line breaks and indentation, all of
    # which strip() takes away (it cannot hold a soft hyphen, which is no space).
    inner = text.strip()
    if inner.isprintable():
        return " ".join(inner.split()) if "  " in inner else inner
    if "\xad" in text or "\u2060" in text:  # soft hyphens and word joiners are not text:
        # "Mit\xadtel\xadal\xadter"; dropped, they may leave a letter and its mark to compose
        return clean_line(text.replace("\xad", "").replace("\u2060", ""))
    if _split_differs(text):
        return _SPACES.sub(" ", text).strip()
    if "\n" in text:  # kept, as _SPACES keeps it: NUL carries it through the split
        return " ".join(text.replace("\n", "\0").split()).replace("\0", "\n").strip()
    return " ".join(text.split())


def _split_differs(text: str) -> bool:
    if len(text) >= _LONG:
        return any(c in text for c in _DIFFERS)
    return _SPLIT_DIFFERS.search(text) is not None


def clean_block(text: str) -> str:
    """Clean each line and keep paragraphs apart by exactly one blank line."""
    paragraphs = (clean_line(p.replace("\n", " ")) for p in _BLANK_LINES.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def fold(text: str) -> str:
    """Lower-case, accents removed, đ made d: what a reader types without accents.

    Folding also makes the two tone-mark placements (hòa/hoà, thủy/thuỷ) equal.
    """
    if text.isascii():  # no mark to drop, no đ: the lower case is the folded form
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text.lower())
    return _COMBINING.sub("", decomposed).replace("đ", "d")


def syllables(text: str) -> list[str]:
    """The folded syllables (tokens) of a text, split where the FTS5 index splits it."""
    # split first, then fold each syllable through a cache: a language has a few
    # thousand, and folding a whole page at once costs several times more
    split = _SYLLABLE if _COMBINING.search(text) else _SYLLABLE_NFC
    return [word for word in map(_fold_syllable, split.findall(text)) if word]


@lru_cache(maxsize=65536)
def _fold_syllable(word: str) -> str:
    return fold(word)


def bigrams(words: Sequence[str]) -> list[str]:
    """Each pair of neighbouring syllables as one token ("uy_ban ban_nhan"): a phrase
    of n syllables is then n - 1 such tokens in a row."""
    return list(map(GRAM_JOIN.join, itertools.pairwise(words)))


def join_url(base: str, ref: str) -> str | None:
    """ref resolved against base, or None when the result is no URL a client can ask
    for: a bracketed host that is no IPv6 address ("http://[cdn]/a.jpg"), a port out
    of range, a control character left in it (an ESC in a pager's link)."""
    if _PLAIN_ABSOLUTE.fullmatch(ref) and _round_trips(ref):
        return ref  # what urljoin gives it against any base, and a URL a client can ask for
    try:
        url = urljoin(base, ref)
        urlsplit(url).port  # noqa: B018 - read only to see that it is a port
    except ValueError:
        return None
    return url if url.isprintable() else None


# An http(s) URL in printable ASCII with a plain host (no user, port or brackets): most
# links on a page. urljoin splits and joins it again whatever the base (or returns it
# whole when its scheme is not the base's), which gives it back unchanged when
# nothing is dropped on the way (`_round_trips`).
_PLAIN_ABSOLUTE = re.compile(r"https?://[A-Za-z0-9.-]+(?:[/?#][!-~]*)?")


def _round_trips(url: str) -> bool:
    """A plain absolute URL that urlsplit and urlunsplit give back as it is: no ";"
    (urlparse takes what follows as parameters) and no empty query or fragment."""
    return ";" not in url and "?#" not in url and url[-1] not in "?#"


def stated_iso(text: str) -> str | None:
    """An ISO 8601 date (as feeds and sitemaps state them) in archiver's form:
    "2025-07-01T08:30:00+07:00" in its own zone, "2025-07-01" for a day alone, no
    zone added where none is stated; None when the text is no such date."""
    text = text.strip()
    if not text[:4].isdigit():  # a date starts with its year: other text needs no try
        return None
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) <= len("2025-07-01"):  # a day alone ("20250701" too): no time to state
        return stamp.date().isoformat()
    return (stamp.replace(microsecond=0) if stamp.microsecond else stamp).isoformat()


# a page's URL is asked for its form several times while that page is handled; a
# larger cache only held more of the crawl's past (8,192 entries: ~2 MB, issue 17)
@lru_cache(maxsize=1024)
def canonical_url(url: str) -> str:
    """The one form of a URL that identifies an article: scheme and host in lower
    case, no `www.`, no default port, no fragment, no trackers or session ids (in
    the query or the path), query parameters sorted."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: keep the URL's own netloc
        port, host = None, parts.netloc.lower()
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    path = _PATH_SESSION.sub("", parts.path) or "/"
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = sorted((k, v) for k, v in query if not _NOT_IDENTITY.match(k))
    return urlunsplit((scheme, netloc, path, urlencode(kept), ""))


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def marks_key(word: str) -> str:
    """A word's letters and marks with the tone's position forgotten, so the old
    and new placements compare equal (hòa = hoà, thủy = thuỷ) but hoa does not."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = "".join(sorted(c for c in decomposed if c in _TONES))
    letters = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return letters + tones
