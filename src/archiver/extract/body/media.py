"""Pictures and files a body links: the real picture behind a lazy loader's stand-in,
the largest of a srcset, and attachments by their extension."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from archiver.extract import problems
from archiver.extract.page import (
    Page,
)
from archiver.extract.urls import FILE_EXTENSIONS, is_file_url
from archiver.model import Attachment
from archiver.normalize import clean_line, join_url

# Any of the extensions anywhere in a (lower-cased) link: one scan instead of one a name.
FILE_EXTENSION = re.compile("|".join(map(re.escape, FILE_EXTENSIONS)))
_ONCLICK_URL = re.compile(r"""open\(\s*['"]([^'"]+)['"]""")
# Where lazy loaders keep the real picture while `src` shows a stand-in, most explicit
# first; then `src` itself; then the largest of a srcset.
_LAZY_SOURCES = ("data-src", "data-original", "data-lazy-src", "data-lazy", "data-url")
_SRCSETS = ("srcset", "data-srcset", "data-lazy-srcset")
# The stand-ins a lazy loader shows before its script runs, by file name.
_PLACEHOLDER = re.compile(
    r"(?:^|/)(?:img[-_]?)?(?:blank|spacer|placeholder|lazy(?:[-_]?load(?:ing|er)?)?|loading"
    r"|loader|gr[ae]y|transparent|pixel|1x1|empty)(?:[-_]?(?:\d+(?:x\d+)?|img|image|bg))?"
    r"\.(?:gif|png|jpe?g|svg|webp)$",
    re.IGNORECASE,
)
# A template's own pictures: a file-type icon beside an attachment ("icons/pdf.png"),
# a print or e-mail button ("printButton.png"). Never a story's picture.
_UI_PICTURE = re.compile(
    r"/icons?/[^/]*$|(?:^|/)[\w-]*(?:icon|button)\.(?:gif|png|svg)$", re.IGNORECASE
)


def picture_url(attrs: dict[str, str | None]) -> str | None:
    """The reference of the picture an `<img>` shows once its lazy loader has run,
    or None when it names only a placeholder."""
    for name in _LAZY_SOURCES:
        ref = _real_picture(attrs.get(name))
        if ref is not None:
            return ref
    src = _real_picture(attrs.get("src"))
    if src is not None and not (attrs.get("width") == "1" and attrs.get("height") == "1"):
        return src
    for name in _SRCSETS:
        srcset = attrs.get(name)
        ref = _largest_candidate(srcset) if srcset else None
        if ref is not None:
            return ref
    return None


def _real_picture(ref: str | None) -> str | None:
    ref = (ref or "").strip()
    if not ref or ref.startswith("data:"):
        return None
    path = ref.split("?", 1)[0].split("#", 1)[0]
    return None if _PLACEHOLDER.search(path) or _UI_PICTURE.search(path) else ref


def _largest_candidate(srcset: str) -> str | None:
    """The widest candidate of a srcset ("a.jpg 300w, b.jpg 1024w"), or the densest
    ("a.jpg, b.jpg 2x") when none gives its width; placeholders skipped."""
    best: tuple[bool, float] | None = None
    found: str | None = None
    for ref, descriptor in _srcset_candidates(srcset):
        ref_real = _real_picture(ref)
        size = _candidate_size(descriptor)
        if ref_real is not None and size is not None and (best is None or size > best):
            best, found = size, ref_real
    return found


def _srcset_candidates(srcset: str) -> list[tuple[str, str]]:
    """(URL, descriptor) pairs: a URL runs to the next space, and a comma that ends it
    (or ends its descriptor) starts the next candidate; URLs may hold commas."""
    return [(m["ref"], (m["descriptor"] or "").strip()) for m in _SRCSET_ITEM.finditer(srcset)]


_SRCSET_ITEM = re.compile(r"(?P<ref>[^\s,]\S*?)(?=,*(?:\s|$))(?:,+|\s+(?P<descriptor>[^,]*),?)?")


def _candidate_size(descriptor: str) -> tuple[bool, float] | None:
    """(by width, the number) of a descriptor: widths outrank densities; none is 1x."""
    if not descriptor:
        return (False, 1.0)
    number, unit = descriptor[:-1], descriptor[-1:].lower()
    try:
        value = float(number)
    except ValueError:
        return None
    return (unit == "w", value) if unit in ("w", "x") else None


def file_url(base: str, ref: str) -> str | None:
    """The attachment a reference names, absolute; None for any other link. A file
    reference that is no URL is noted as the page's problem."""
    # A file link names its extension: the substring test spares the join on the rest.
    if FILE_EXTENSION.search(ref.lower()) is None:
        return None
    url = join_url(base, ref)
    if url is None:
        problems.note("attachment URL", ref)
        return None
    return url if is_file_url(url) else None


def refs(attrs: dict[str, str | None]) -> list[str]:
    refs = [attrs.get("href"), attrs.get("src"), attrs.get("data")]
    if onclick := attrs.get("onclick"):
        refs += _ONCLICK_URL.findall(onclick)
    return [r.strip() for r in refs if r and r.strip()]


def _file_refs(node: LexborNode) -> list[str]:
    return refs(node.attributes)


def attachments(page: Page, container: LexborNode | None) -> tuple[Attachment, ...]:
    """Files linked from the body container's parent (the body and its attachment box)."""
    scope = container.parent if container is not None else None
    if scope is None:
        return ()
    found: dict[str, Attachment] = {}
    for node in scope.css("a[href], a[onclick], iframe[src], embed[src], object[data]"):
        for raw in _file_refs(node):
            url = file_url(page.base, raw)
            if url is not None and url not in found:
                text = clean_line(node.text()) if node.tag == "a" else ""
                found[url] = Attachment(url, text or None)
    return tuple(found.values())
