"""The body's paragraphs: furniture lines dropped (toolbars, repeated labels, trails,
view counts, the stories after an end heading), captions given to their images."""

from __future__ import annotations

import html
import re
from collections import Counter

from selectolax.lexbor import LexborHTMLParser

from archiver.extract.body.items import Img, Para
from archiver.extract.page import (
    VIEWS,
    Page,
)
from archiver.extract.vocabulary import (
    CAPTION_CHARS,
    DECLARED_MIN,
    DECLARED_WINS,
    FILE_LINE,
    LINK_LINE,
    PROSE_LINE,
    REGISTER_ROWS,
    REPEATED,
    SHORT_LINE,
    TAIL_LINE,
    TOOLBAR_LINES,
    VIEW_LINE,
)
from archiver.model import Image
from archiver.normalize import clean_line, fold, nfc

# A heading with one of these texts starts the page furniture after the article.
_STOP_HEADINGS = tuple(
    fold(t)
    for t in (
        "Các ý kiến của bạn đọc", "Ý kiến bạn đọc", "Gửi ý kiến", "Bình luận", "Tin liên quan",
        "Tin đã đưa", "Các tin khác", "Tin khác", "Other News", "Tin cùng chuyên mục",
        "Bài viết liên quan", "Các tin đã đưa", "Xem thêm",
    )
)  # fmt: skip
_JUNK_LINES = frozenset(
    fold(t)
    for t in (
        "Quảng cáo", "Không có quảng cáo", "Bản in", "Gửi email", "Lên top", "Xem tiếp »",
        "Mặc định Cỡ chữ", "In bài viết", "Chia sẻ", "Quay lại", "Đầu trang", "Bản in Gửi email",
    )
)  # fmt: skip
_LABEL_ENDS = " :.!?…»›>|-"  # what ends a label line ("Tags:", "Teilen!", "Mehr »")
# Headings after which a page shows other stories, in the languages of the peers'
# sets and the portals': a whole line that says one ends the story. (Whole lines
# only: "Read more about the plan here" is prose.)
_END_HEADINGS = frozenset(
    fold(t).strip(_LABEL_ENDS)
    for t in (
        "Related", "Related posts", "Related articles", "Related stories", "Read more",
        "Read also", "Read next", "You may also like", "You might also like", "More stories",
        "More on this topic", "Das könnte Sie auch interessieren", "Das könnte dich auch "
        "interessieren", "Auch interessant", "Mehr zum Thema", "Weitere Artikel",
        "Ähnliche Beiträge", "Ähnliche Artikel", "Verwandte Artikel", "Lesen Sie auch",
        "À lire aussi", "Lire aussi", "Sur le même sujet", "Dans la même rubrique",
        "Leer más", "Te puede interesar", "Noticias relacionadas", "Artículos relacionados",
        "Leggi anche", "Potrebbe interessarti", "Czytaj także", "Zobacz także",
        "Przeczytaj również", "Bài viết cùng chuyên mục", "Tin cùng chuyên mục",
        "Đọc thêm", "Xem thêm", "Tin mới", "Tin mới nhất", "Đọc nhiều",
    )
)  # fmt: skip
# Lines of a story's closing toolbar (share, back, print, a lone label): dropped from
# the end of the body, whole lines only.
_TAIL_LABELS = frozenset(
    fold(t).strip(_LABEL_ENDS)
    for t in (
        "Share", "Share this", "Share this article", "Share this post", "Share on",
        "Teilen", "Teilen mit", "Jetzt teilen", "Artikel teilen", "Diesen Artikel teilen",
        "Beitrag teilen", "Möchten Sie den Artikel teilen?", "Partager", "Partager cet "
        "article", "Compartir", "Condividi", "Udostępnij", "Gefällt mir", "Like this",
        "Like", "Tags", "Schlagwörter", "Stichwörter", "Themen", "Kategorie", "Kategorien",
        "Back", "Zurück", "Retour", "Volver", "Print", "Drucken", "Imprimer", "Kontakt",
        "Contact", "Von", "By", "Permalink", "Permalien", "Top", "Nach oben", "Back to top",
        "Chia sẻ", "Quay lại", "In bài", "Từ khóa", "Thẻ",
    )
)  # fmt: skip
# The same toolbar's labels that run on ("zurück zur Übersicht", "Posted by Anna").
_TAIL_STARTS = tuple(
    fold(t)
    for t in (
        "zurück zu", "back to", "retour à", "posted by", "posted in", "filed under",
        "this entry was posted", "eingestellt von", "abgelegt unter", "veröffentlicht in",
        "tags:", "schlagwörter:",
        "share on", "teilen auf", "teilen sie", "partager sur", "thẻ:", "từ khóa:",
    )
)  # fmt: skip
_TOOLBAR = re.compile(r"^(?:\s*(?:bản in|gửi email|lên top|in trang|quay lại)\s*\|?)+$", re.I)
DIGIT = re.compile(r"\d")
_HOME_CRUMBS = ("Trang chủ", "Trang Chủ", "TRANG CHỦ", "Home")  # how a trail's line opens
_CRUMB_MARKS = " >»›/|"  # what a crumb may carry of the trail's separators
# A plain line under an image that ends with its photographer: "... Ảnh: Minh Châu".
_PHOTO_CREDIT = re.compile(r"(?:^|[.\s(])Ảnh\s*:\s*[^.:;]{2,40}\)?$")
# A line of its own under a caption that names who took or owns the picture.
_CREDIT_LINE = re.compile(
    r"^(?:ảnh|nguồn ảnh|image|images|photo|photos|foto|fotos|bild|bildrechte|credit|crédit)"
    r"\s*:\s*\S.{0,60}$",
    re.IGNORECASE,
)


def paragraphs(items: list[Para | Img], title: str | None) -> list[Para]:
    """Body paragraphs: furniture dropped, captions given to their images."""
    out: list[Para] = []
    pending: Img | None = None  # the image right before this paragraph
    last: Img | None = None
    captioned: Img | None = None  # the image the paragraph before captioned
    ends: list[int] = []  # where a heading of other stories stood
    # A list or table of several files is a register: its rows are the story's text.
    registers = Counter(i.listed for i in items if isinstance(i, Para) and i.has_file_link)
    trails = _trail_lists(items)
    for item in items:
        if isinstance(item, Img):
            pending = last = item
            captioned = None
            continue
        if captioned is not None and _CREDIT_LINE.match(item.text):
            captioned.caption = f"{captioned.caption} {item.text}"
            captioned = None
            continue
        captioned = None
        folded = fold(item.text) if len(item.text) < SHORT_LINE else ""  # fold is slow on long text
        if folded.startswith(_STOP_HEADINGS):
            break
        if folded and out and folded.strip(_LABEL_ENDS) in _END_HEADINGS:
            ends.append(len(out))  # "Read more": other stories follow, here or to the end
            continue
        if item.figure is not None or (item.caption and pending is None):
            # A figure's text (caption, photo credit) is never body text: it goes
            # to the figure's picture, whole.
            if last is not None and last.figure == item.figure:
                last.caption = f"{last.caption} {item.text}" if last.caption else item.text
                captioned = last
            pending = None
            continue
        if pending is not None and _is_caption(item, pending):
            pending.caption = item.text
            pending, captioned = None, pending
            continue
        pending = None
        if item.listed in trails:
            continue
        if not _is_junk(item, folded, title) or registers.get(item.listed, 0) >= REGISTER_ROWS:
            out.append(item)
    out = _cut_at_end_heading(out, ends)
    return _without_repeats(_without_toolbar(out))


def _without_toolbar(paras: list[Para]) -> list[Para]:
    """The paragraphs less the story's closing toolbar: in the run of short lines
    that ends the body, everything from the first share, back, tag or "posted by"
    label on (the share buttons' names and the tags follow their label)."""
    start = len(paras)
    while start > 1 and len(paras[start - 1].text) < TAIL_LINE:
        start -= 1
    for index in range(max(start, 1, len(paras) - TOOLBAR_LINES), len(paras)):
        folded = fold(paras[index].text)
        if folded.strip(_LABEL_ENDS) in _TAIL_LABELS or folded.startswith(_TAIL_STARTS):
            return paras[:index]
    return paras


def _cut_at_end_heading(paras: list[Para], ends: list[int]) -> list[Para]:
    """The paragraphs up to the first heading of other stories that closes the body:
    no paragraph of prose follows it. The same heading over a box inside the story
    ("Auch interessant" between two paragraphs) cuts nothing."""
    for end in ends:
        if not any(
            len(p.text) >= PROSE_LINE and p.linked < LINK_LINE * len(p.text) for p in paras[end:]
        ):
            return paras[:end]
    return paras


def _without_repeats(paras: list[Para]) -> list[Para]:
    """The paragraphs less short lines said REPEATED times or more: labels a template
    stamps on every block ("Article content", "Advertisement"), never prose."""
    counts = Counter(p.text for p in paras if len(p.text) < SHORT_LINE)
    if not counts or max(counts.values()) < REPEATED:
        return paras
    return [p for p in paras if counts.get(p.text, 0) < REPEATED]


def _is_caption(para: Para, image: Img) -> bool:
    """The paragraph right after an image is its caption: named one, in italics, in
    the image's table cell, or a photo credit. A picture in a <figure> has its caption
    inside it: an italic line after the figure is the story's (an editor's note)."""
    if len(para.text) > CAPTION_CHARS:
        return False
    same_cell_table = image.table is not None and para.table == image.table
    credit = fold(para.text).startswith("anh:") or bool(_PHOTO_CREDIT.search(para.text))
    return para.caption or (para.italic and image.figure is None) or same_cell_table or credit


def _trail_lists(items: list[Para | Img]) -> set[int]:
    """The lists whose first line is a lone linked "Trang chủ" (or "Home"): breadcrumb
    trails no class names, read one crumb a line. Every line of them is furniture."""
    first: dict[int, Para] = {}
    for item in items:
        if isinstance(item, Para) and item.listed is not None:
            first.setdefault(item.listed, item)
    return {
        listed
        for listed, para in first.items()
        if para.linked and para.text.strip(_CRUMB_MARKS) in _HOME_CRUMBS
    }


def _is_junk(para: Para, folded: str, title: str | None) -> bool:
    if folded in _JUNK_LINES or _TOOLBAR.match(para.text) or para.text == title:
        return True
    if para.linked and para.text.startswith(_HOME_CRUMBS):
        return True  # a breadcrumb no class names: "Trang chủ > Tin tức > ..."
    if para.has_file_link and len(para.text) < FILE_LINE:
        return True  # "Tập tin đính kèm: Tải file tại đây" belongs in attachments
    # The count is digits: the cheap test spares most lines the slow pattern.
    return len(para.text) < VIEW_LINE and bool(DIGIT.search(para.text) and VIEWS.search(para.text))


def view_lines(items: list[Para | Img]) -> list[str]:
    """The body's view-count lines ("Lượt xem: 3656" under the text), which the
    paragraphs leave out as furniture."""
    return [
        i.text
        for i in items
        if isinstance(i, Para)
        and len(i.text) < VIEW_LINE
        and DIGIT.search(i.text)
        and VIEWS.search(i.text)
    ]


def declared(page: Page, paras: list[Para]) -> list[Para]:
    """The JSON-LD articleBody as paragraphs when it holds much more text than the
    paragraphs read from the page (a body split over script-built blocks, or cut
    short by a widget), else the paragraphs."""
    value = page.ld.get("articleBody")
    if not isinstance(value, str) or len(value) < DECLARED_MIN:
        return paras
    if "</" in value:  # some sites declare the body as markup
        root = LexborHTMLParser(value).body
        value = root.text(separator="\n") if root is not None else ""
    elif "&" in value:  # or as text with entities left in
        value = html.unescape(value)
    shown = sum(len(p.text) for p in paras)
    # Cleaning the lines only trims them: a value no longer than that (the common
    # case, the same story) cannot win, and is not split and cleaned.
    if len(nfc(value)) <= DECLARED_WINS * shown:
        return paras
    lines = [clean_line(line) for line in value.splitlines()]
    found = [Para(line) for line in lines if line]
    if sum(len(p.text) for p in found) > DECLARED_WINS * shown:
        return found
    return paras


def images(items: list[Para | Img]) -> tuple[Image, ...]:
    """The body's images, first occurrence of each URL, with their captions."""
    seen: dict[str, Image] = {}
    for item in items:
        if isinstance(item, Img) and item.url not in seen:
            seen[item.url] = Image(item.url, item.caption)
    return tuple(seen.values())
