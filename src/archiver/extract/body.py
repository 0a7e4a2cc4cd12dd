"""The article body: its container, paragraphs, images, byline and attachments."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.extract import problems
from archiver.extract.chrome import class_id, in_chrome, is_chrome, plain_names
from archiver.extract.dates import find_vn_dates
from archiver.extract.kinds import elements_between
from archiver.extract.page import (
    BLOCK_TAGS,
    COMMENT_ID,
    SKIP_TAGS,
    TEXT_ID,
    VIEWS,
    Page,
    ancestor_ids,
    candidates,
    contains,
    gather,
)
from archiver.extract.urls import FILE_EXTENSIONS, is_file_url
from archiver.extract.vocabulary import (
    CAPTION_CHARS,
    CAPTION_NAMES,
    CAPTION_NAMES_LOWER,
    CHROME_BLOCK_SHARE,
    CLIMB,
    DECLARED_MIN,
    DECLARED_WINS,
    DIV_BODY_WINS,
    ENTRY_NAMES,
    FAMILY_OUTWEIGHED,
    FEW_CHARS,
    FILE_LINE,
    FORM_SHARE,
    HIDING_CLASSES,
    JS_HOOK,
    KEPT_PARAGRAPHS,
    LEAD_CHARS,
    LEAD_NAMED,
    LEAD_SIZE,
    LEAD_STEPS,
    LEAD_WORDS,
    LINE_COST,
    LINK_BLOCK,
    LINK_LINE,
    LIST_HITS,
    LIST_LINK_DENSITY,
    MIN_PARAGRAPH,
    NOT_STORY_NAMES,
    PARAGRAPH_SCORE_CAP,
    PROSE_LINE,
    PROSE_LINKS,
    PROSE_RUN,
    RANKED,
    REGISTER_ROWS,
    REPEATED,
    SCORED_LEVELS,
    SCREEN_READER_NAMES,
    SCREEN_READER_NAMES_LOWER,
    SHORT_LINE,
    SIBLING_PROSE,
    STORY_HELD,
    STORY_PARAGRAPHS,
    STORY_SHARE,
    TAIL_LINE,
    TITLE_NAMED,
    TOOLBAR_LINES,
    VIEW_LINE,
    WIDEN,
    WIDEN_LINK_DENSITY,
    WIDGET_NAMES,
)
from archiver.model import Attachment, Image
from archiver.normalize import clean_line, fold, join_url, nfc

# Inline formatting never wraps a widget: no need to read its class.
_PLAIN_TAGS = frozenset({"strong", "b", "em", "i", "u", "sup", "sub", "br", "img", "font", "a"})
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
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
# Any of the extensions anywhere in a (lower-cased) link: one scan instead of one a name.
_FILE_EXTENSION = re.compile("|".join(map(re.escape, FILE_EXTENSIONS)))
_DIGIT = re.compile(r"\d")
_ONCLICK_URL = re.compile(r"""open\(\s*['"]([^'"]+)['"]""")
# The site's footer (a story's own <footer> inside its <article> is the story's).
_SITE_FOOTER = (
    "footer:not(article *):not(blockquote *):not(figure *), [role=contentinfo]:not(article *),"
    " #footer"
)
_INNER_BLOCKS = BLOCK_TAGS | {"br"}
# A <div> with no child of those: one query in C, not a look at each <div>'s children.
_LEAF_DIV = "div:not(:has(" + ", ".join(f"> {tag}" for tag in sorted(_INNER_BLOCKS)) + "))"
_HOME_CRUMBS = ("Trang chủ", "Trang Chủ", "TRANG CHỦ", "Home")  # how a trail's line opens
_CRUMB_MARKS = " >»›/|"  # what a crumb may carry of the trail's separators
_CELLS = frozenset({"td", "th"})
_CELL_GAP = " | "  # between the cells of a row read as one line
_CELL_BLOCKS = ", ".join(sorted((BLOCK_TAGS - {"td", "th", "tr"}) | {"br", "img"}))
_REGISTERS = frozenset({"ul", "ol", "table"})  # blocks whose rows may each link a file
# Blocks read as a whole list of links when LINK_BLOCK of their text is link text.
_LIST_BLOCKS = frozenset({"div", "section", "ul", "ol", "table", "aside", "dl"})
# A plain line under an image that ends with its photographer: "... Ảnh: Minh Châu".
_PHOTO_CREDIT = re.compile(r"(?:^|[.\s(])Ảnh\s*:\s*[^.:;]{2,40}\)?$")
# A line of its own under a caption that names who took or owns the picture.
_CREDIT_LINE = re.compile(
    r"^(?:ảnh|nguồn ảnh|image|images|photo|photos|foto|fotos|bild|bildrechte|credit|crédit)"
    r"\s*:\s*\S.{0,60}$",
    re.IGNORECASE,
)


@dataclass
class Para:
    """One paragraph of body text, with the typography that classifies it."""

    text: str
    italic: bool = False
    strong: bool = False
    right: bool = False
    caption: bool = False
    table: int | None = None
    figure: int | None = None
    has_file_link: bool = False
    linked: int = 0  # how much of the line was link text, before cleaning
    listed: int | None = None  # the innermost list or table the line was read in


@dataclass
class Img:
    """One body image; `table` is the table it sits in, for pairing with its caption."""

    url: str
    table: int | None = None
    figure: int | None = None
    caption: str | None = None


@dataclass(slots=True)
class _Walk:
    base: str
    skip: frozenset[int] = frozenset()  # mem_ids of elements never read
    keep_lists: bool = False  # blocks of links are read too, not dropped
    items: list[Para | Img] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # the text of the line being read
    # (italic, bold) of the pieces of `parts` read inside <em>/<i> or <strong>/<b>
    styles: dict[int, tuple[bool, bool]] = field(default_factory=dict)
    italic: int = 0
    strong: int = 0
    caption: int = 0  # depth inside caption blocks
    captions: list[bool] = field(default_factory=list)  # per open block: is it a caption
    right: list[bool] = field(default_factory=lambda: [False])
    tables: list[int] = field(default_factory=list)
    # per open <figure>: its id when it holds a picture (its text is then a caption)
    figures: list[int | None] = field(default_factory=list)
    file_link: bool = False
    links: int = 0  # depth inside <a> to a page (a link to a file is content, not a link)
    anchors: list[bool] = field(default_factory=list)  # per open <a>: does it link a page
    lists: list[int] = field(default_factory=list)  # the open lists and tables
    cells: list[bool] = field(default_factory=list)  # per open cell: read as part of its row
    chars: int = 0  # text read so far, and how much of it was link text
    linked: int = 0
    line_linked: int = 0  # link text in the line being read
    # per open block: (items, chars, linked) when it opened, to drop it whole on leaving
    opened: list[tuple[int, int, int]] = field(default_factory=list)

    def flush(self) -> None:
        # Most calls find nothing to flush (a block opening right after another). With
        # no part read, no style or link text was noted either: only a link to a file
        # (an <a> around an image, say) may be left to forget.
        if not self.parts:
            self.file_link = False
            return
        text = clean_line("".join(self.parts))
        if text:
            italic = strong = False  # unless every piece of shown text is
            if self.styles:
                italic = strong = True
                for index, piece in enumerate(self.parts):
                    if piece.strip():
                        i, b = self.styles.get(index, (False, False))
                        italic, strong = italic and i, strong and b
            table = self.tables[-1] if self.tables else None
            figure = self.figure() if self.figures else None
            listed = self.lists[-1] if self.lists else None
            self.items.append(
                Para(text, italic, strong, self.right[-1], self.caption > 0, table, figure,
                     self.file_link, self.line_linked, listed)
            )  # fmt: skip
        self.line_linked = 0
        self.parts.clear()
        self.styles.clear()
        self.file_link = False

    def figure(self) -> int | None:
        """The innermost open figure that holds a picture."""
        return next((f for f in reversed(self.figures) if f is not None), None)


# --- container -----------------------------------------------------------------------


@dataclass(frozen=True)
class Container:
    """The element holding the article body, and its items when the search read them
    already (to tell a story told in lines from a list): read once, not twice."""

    node: LexborNode
    items: list[Para | Img] | None = None

    def read(self, base: str) -> list[Para | Img]:
        return self.items if self.items is not None else read_items(self.node, base)


def find_container(
    page: Page, articles: Callable[[], tuple[str, ...]], title: LexborNode | None = None
) -> Container | None:
    """The element holding the article body: by the seed's selector; else by the CMS
    family's, unless a block of much more prose lies elsewhere; else by text score."""
    family: LexborNode | None = None
    for selector in candidates(page, "body"):
        matches = page.tree.css(selector)
        if matches:
            best = max(matches, key=_text_score) if len(matches) > 1 else matches[0]
            if page.selectors.get("body"):
                return Container(best)
            if _text_score(best) > 0:
                family = best
                break
    if family is not None and _text_score(family) >= FEW_CHARS:
        return Container(family)
    scored = _scored_container(page, story_of(title))
    if family is not None:
        # Family markers are a guess from class names another site may share: its
        # short block ("you are not logged in" in a popup) loses to a story elsewhere.
        other = scored[0] if scored is not None else None
        if other is None or contains(family, other) or contains(other, family):
            return Container(family)
        if _text_score(other) < FAMILY_OUTWEIGHED * _text_score(family):
            return Container(family)
    if scored is None:
        return None
    return _unless_list(*scored, page.base, articles)


def first_prose(page: Page) -> LexborNode | None:
    """The first paragraph of the best-scored block, found without a title: where
    the story's prose starts."""
    scored = _scored_container(page)
    if scored is None:
        return None
    for p in scored[0].css("p"):
        named = p.attributes.get("class") or ""
        text = clean_line(p.text())
        # prose: a long line, or one that ends as a sentence or a clause ends (a title
        # set as a short paragraph over the story does not)
        prose = len(text) >= PROSE_LINE or text.endswith((*_SENTENCE_ENDS, ":", ";", ","))
        if len(text) >= MIN_PARAGRAPH and prose and not TITLE_NAMED.search(named):
            return p
    return scored[0]


def opening_post(page: Page, title: LexborNode) -> LexborNode | None:
    """On a forum thread's page, the block of the first paragraph of prose after the
    title: the opening post, which the replies follow. (Comments are never a story's
    body elsewhere; on a thread they are all there is.)"""
    after = False
    for node in page.tree.css(f"{title.tag}, p, div > br, td > br"):
        if node.mem_id == title.mem_id:
            after = True
            continue
        holder = node if node.tag == "p" else node.parent
        if not after or holder is None or in_chrome(holder):
            continue
        size = len(clean_line(holder.text()))
        if size >= PROSE_LINE and _linked_chars(holder) < PROSE_LINKS * size:
            return holder.parent if holder.tag == "p" else holder
    return None


def _text_score(node: LexborNode) -> float:
    return len(clean_line(node.text())) - 2 * _linked_chars(node)


def story_of(title: LexborNode | None) -> LexborNode | None:
    """The `<article>` element around the title, or the block microformats name an
    entry ("hentry", "h-entry"), when there is one: on a page that shows several
    stories, or a story beside sidebar boxes, the one whose heading is the title."""
    node = title.parent if title is not None else None
    while node is not None and node.tag not in ("body", "html"):
        if node.tag == "article":
            return node
        names = node.attributes.get("class")
        if names and ("entry" in names and ENTRY_NAMES.search(names)):
            return node
        node = node.parent
    return None


def _scored_container(
    page: Page, story: LexborNode | None = None
) -> tuple[LexborNode, float] | None:
    """The element whose paragraphs hold the most non-link text (readability-style),
    and its link density."""
    scored = _Scores().add(_paragraph_holders(page))
    found = _best_block(scored, story)
    if found is None or found[2] < FEW_CHARS:
        # Some templates write every paragraph as a <div>: count those as well.
        # They must be prose (few links) and hold twice the text, or a sidebar of
        # teaser <div>s beats a short story.
        wider = _best_block(scored.add(_leaf_divs(page)), story)
        prose = wider is not None and wider[1] < LIST_LINK_DENSITY
        if prose and (found is None or (wider is not None and wider[2] > DIV_BODY_WINS * found[2])):
            found = wider
    return (found[0], found[1]) if found is not None else None


def _paragraph_holders(page: Page) -> list[tuple[LexborNode, int]]:
    """Paragraphs (`<p>`, or text between `<br>`s) with their text length."""
    out = []
    sizes: dict[int, int] = {}  # a holder of many <br>s is measured once, not per <br>
    for p in gather(page, "p, div > br, td > br"):
        holder = p if p.tag == "p" else p.parent
        if holder is None:
            continue
        key = holder.mem_id
        if key not in sizes:
            sizes[key] = len(clean_line(holder.text(deep=p.tag == "p")))
        out.append((holder, sizes[key]))
    return out


def _leaf_divs(page: Page) -> list[tuple[LexborNode, int]]:
    """`<div>`s holding text and no block of their own."""
    return [(div, len(clean_line(div.text()))) for div in page.tree.css(_LEAF_DIV)]


def _best_block(
    scored: _Scores, story: LexborNode | None = None
) -> tuple[LexborNode, float, int] | None:
    """The best-scored block, its link density, and the paragraph text it holds."""
    scores, nodes, held = scored.scores, scored.nodes, scored.held
    every = sorted(scores, key=lambda k: scores[k], reverse=True)
    ranked = every[:RANKED]
    if story is not None:
        # The title's own story first, when its text is not negligible beside the rest
        # (a page that scrolls on to the next stories holds longer ones).
        inside = list(islice((k for k in every if contains(story, nodes[k])), RANKED))
        if inside and (
            scores[inside[0]] >= STORY_SHARE * scores[ranked[0]] or held[inside[0]] >= STORY_HELD
        ):
            ranked = inside + [k for k in ranked if k not in inside]
    for key in ranked:
        node = nodes[key]
        # A quotation is part of a text, never the whole of one (a post quotes a
        # poem, a forum post the one before it): the block around it is tried.
        if node.tag == "blockquote" or in_chrome(node) or _in_widget(node):
            continue
        if node.css_first(_SITE_FOOTER) is not None:
            continue  # the page's wrapper, scored by its footer's paragraphs
        density = scored.density(node)
        if density >= LINK_BLOCK:  # the links may all lie in blocks the walk drops
            density = _density_less_link_blocks(node, held.get(key, 0))
        if density < LINK_BLOCK:
            best, density = _widen(node, density, scored, story)
            return best, density, held.get(best.mem_id, 0)
    return None


@dataclass
class _Scores:
    """By mem_id, the score of each parent and grandparent of the paragraphs (their
    text, up to 600 characters each, counted whole and half), each ancestor up to
    CLIMB levels (`nodes`), the paragraph text under each (`held`), and the link
    density of those asked for (a block tried for the paragraphs and again for the
    paragraphs and leaf <div>s is measured once).

    The paragraphs of one block share their ancestors: each parent is climbed once,
    with its paragraphs' text summed. Scores add whole and half numbers, exact in
    any order; and an ancestor enters `scores` with the first paragraph it is scored
    for, as when each paragraph is climbed in turn (its parent first met there), so
    ties keep their order in the sort. Holders added later (the leaf <div>s) count as
    if they followed the first in one list.
    """

    scores: dict[int, float] = field(default_factory=dict)
    nodes: dict[int, LexborNode] = field(default_factory=dict)
    held: dict[int, int] = field(default_factory=dict)
    densities: dict[int, float] = field(default_factory=dict)

    def add(self, holders: list[tuple[LexborNode, int]]) -> _Scores:
        # mem_id -> (parent, its paragraphs' text, that text up to 600 characters each)
        parents: dict[int, tuple[LexborNode, int, int]] = {}
        for holder, text in holders:
            if text < MIN_PARAGRAPH:
                continue
            parent = holder.parent
            if parent is None:
                continue
            key = parent.mem_id
            _, total, weight = parents.get(key, (parent, 0, 0))
            capped = min(text, PARAGRAPH_SCORE_CAP)
            parents[key] = (parent, total + text, weight + capped)  # keeps its place
        scores, nodes, held = self.scores, self.nodes, self.held
        levels = len(SCORED_LEVELS)
        for parent, text, weight in parents.values():
            above: LexborNode | None = parent
            for level in range(CLIMB):
                if above is None or above.tag in ("html", "body"):
                    break
                key = above.mem_id
                nodes[key] = above
                held[key] = held.get(key, 0) + text
                if level < levels:
                    scores[key] = scores.get(key, 0.0) + SCORED_LEVELS[level] * weight
                above = above.parent
        return self

    def density(self, node: LexborNode) -> float:
        key = node.mem_id
        if key not in self.densities:
            self.densities[key] = _link_density(node)
        return self.densities[key]


def _in_widget(node: LexborNode) -> bool:
    """True when the node or an ancestor holds the comments or other stories: their
    paragraphs are never the story, however long. (A form may wrap a whole ASP.NET
    page: only its class says it is the comment form.) Classes named "js-..." are
    hooks for scripts, not names of what a block is ("js-truncate-related-to-my-size"
    on a story's wrapper)."""
    current: LexborNode | None = node
    while current is not None and current.tag not in ("body", "html"):
        names = class_id(current)
        if names != " " and _names_not_story(names):
            return True
        current = current.parent
    return False


@lru_cache(maxsize=4096)
def _names_not_story(names: str) -> bool:
    """Class and id names of a block of comments or other stories. Cached: the same
    wrappers are asked about for each candidate block, and on each page of a site."""
    plain = plain_names(names)
    return bool(
        plain
        and NOT_STORY_NAMES.search(plain)
        and ("js-" not in plain or NOT_STORY_NAMES.search(JS_HOOK.sub(" ", plain)))
    )


def _widen(
    node: LexborNode, density: float, scored: _Scores, story: LexborNode | None = None
) -> tuple[LexborNode, float]:
    """The best block's ancestor when that adds much paragraph text: a body split into
    sibling blocks (paragraph wrappers between ads) is read whole. Never wider than
    the title's story when the block lies in it."""
    best = node
    ancestor = node.parent
    if story is not None and not contains(story, node):
        story = None
    for _ in range(CLIMB):
        if ancestor is None or ancestor.tag in ("html", "body"):
            break
        if story is not None and not contains(story, ancestor):
            break
        more = scored.held.get(ancestor.mem_id, 0) >= WIDEN * scored.held.get(best.mem_id, 0)
        beside = best.parent is not None and ancestor.mem_id == best.parent.mem_id
        if more or (beside and _prose_beside(best)):
            if ancestor.css_first(_SITE_FOOTER) is not None:
                break  # the page's own wrapper: its footer is no story
            wider = 1.0 if in_chrome(ancestor) else scored.density(ancestor)
            if wider >= WIDEN_LINK_DENSITY:
                break
            best, density = ancestor, wider
        ancestor = ancestor.parent
    return best, density


def _prose_beside(node: LexborNode) -> bool:
    """The block's siblings are mostly paragraphs of prose: the story's opening
    paragraphs beside the wrapper (a paywall's, an ad slot's) of the rest."""
    parent = node.parent
    if parent is None:
        return False
    prose = other = 0
    for sibling in parent.iter():
        if sibling.mem_id == node.mem_id or sibling.tag in SKIP_TAGS:
            continue
        size = len(clean_line(sibling.text()))
        if size and sibling.tag != "p":  # an ad slot's text is mostly its script
            size -= sum(len(s.text()) for s in sibling.css("script, style, noscript"))
        if (
            sibling.tag == "p"
            and size >= SIBLING_PROSE
            and _linked_chars(sibling) < PROSE_LINKS * size
        ):
            prose += size
        else:
            other += max(size, 0)
    return prose >= SIBLING_PROSE and other < prose


def _density_less_link_blocks(node: LexborNode, paragraphs: int) -> float:
    """The link density of a block less its children that are mostly links (a
    slider or a "most read" box inside the story's wrapper): the body walk drops
    those (`_drop_if_links`), and the prose around them is what is read. A block
    whose paragraphs lie in such children (teaser tiles), or too few of them to
    make a story, keeps density 1."""
    if paragraphs < STORY_PARAGRAPHS:
        return 1.0
    text = linked = 0
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            text += len(clean_line(child.text_content or ""))
            continue
        if child.tag in SKIP_TAGS:
            continue
        size = len(clean_line(child.text()))
        links = _linked_chars(child) if child.tag != "a" else 0 if _to_file(child) else size
        if child.tag in _LIST_BLOCKS and links >= LINK_BLOCK * size:
            continue  # a box of links: the body walk drops it
        text, linked = text + size, linked + links
    if text < KEPT_PARAGRAPHS * paragraphs:
        return 1.0
    return linked / (text or 1)


def _link_density(node: LexborNode) -> float:
    linked = _linked_chars(node)
    # Without link text the share is 0 whatever the text: a body's whole text, dear to
    # clean, is not read.
    return linked / (len(clean_line(node.text())) or 1) if linked else 0.0


def _linked_chars(node: LexborNode) -> int:
    """The text of the node's links to other pages: a link to a file (a register of
    documents, one per row) is the page's content, not a way elsewhere."""
    return sum(len(clean_line(a.text())) for a in node.css("a") if not _to_file(a))


def _to_file(anchor: LexborNode) -> bool:
    href = (anchor.attributes.get("href") or "").lower()
    # The substring test first: most links name no file at all. The path is cut by
    # hand: a link that is no URL ("http://[cdn]/a.pdf") costs nothing here.
    if _FILE_EXTENSION.search(href) is None:
        return False
    return href.split("#", 1)[0].split("?", 1)[0].endswith(FILE_EXTENSIONS)


def _unless_list(
    node: LexborNode, density: float, base: str, articles: Callable[[], tuple[str, ...]]
) -> Container | None:
    """The best-scored block as the container, or None when it is a list of stories."""
    # An article body may link to a few other articles; a list is mostly its links.
    if density < LIST_LINK_DENSITY:
        return Container(node)
    inside = {href for a in node.css("a[href]") if (href := a.attributes.get("href"))}
    if len(inside) < LIST_HITS:  # too few to be a list: link discovery, the dearest step, spared
        return Container(node)
    # A related-stories box inside an article also links to listed articles; the
    # article still holds more paragraphs of prose than the box holds links. More
    # paragraphs than links at all: no count of hits can make it a list, and link
    # discovery is spared again.
    prose = _prose_paragraphs(node)
    if prose > len(inside):
        return Container(node)
    # A story written between <br>s has no <p>s to count: a run of prose lines with
    # no link between them is a story; a list alternates teaser and link.
    items = read_items(node, base)
    if _prose_run(items) >= PROSE_RUN:
        return Container(node, items)
    wanted = set(articles())
    hits = sum(1 for href in inside if any(u.endswith(href) for u in wanted))
    return None if hits >= LIST_HITS and prose <= hits else Container(node, items)


def _prose_run(items: list[Para | Img]) -> int:
    """The longest run of consecutive prose lines (100+ characters, little link text),
    with no link line between them."""
    longest = run = 0
    for item in items:
        if isinstance(item, Img):
            continue
        if len(item.text) >= PROSE_LINE and item.linked < PROSE_LINKS * len(item.text):
            run += 1
            longest = max(longest, run)
        elif item.linked >= LINK_LINE * len(item.text):
            run = 0
    return longest


def _prose_paragraphs(node: LexborNode) -> int:
    """Paragraphs of 100+ characters that are not mostly link text."""
    count = 0
    for p in node.css("p"):
        size = len(clean_line(p.text()))
        count += size >= PROSE_LINE and _linked_chars(p) < PROSE_LINKS * size
    return count


# --- paragraphs and images --------------------------------------------------------


def read_items(
    root: LexborNode, base: str, skip: frozenset[int] = frozenset(), keep_lists: bool = False
) -> list[Para | Img]:
    """Body text as paragraphs and images, in reading order; widgets skipped, and the
    elements whose mem_id is in `skip`; blocks that are mostly links dropped, unless
    `keep_lists` (a story that is a list of links with notes)."""
    walk = _Walk(base, skip=skip, keep_lists=keep_lists)
    root_tag = root.tag or ""
    if not _enter(walk, root, root_tag, True):
        return walk.items
    # One frame per open element: its children still to read, and its tag for leaving.
    frames = [(root.iter(include_text=True), root_tag)]
    while frames:
        children, tag = frames[-1]
        for node in children:
            # Text nodes (about half of all) are told by Lexbor's id, an int read in C;
            # `node.tag` looks the name up and is read only for elements. A node whose
            # id is not TEXT_ID is never named "-text", so the walk is the same.
            kind = node.tag_id
            if kind == TEXT_ID:
                text = node.text_content or ""
                if walk.italic or walk.strong:
                    walk.styles[len(walk.parts)] = (walk.italic > 0, walk.strong > 0)
                walk.parts.append(text)
                walk.chars += len(text)
                if walk.links:
                    walk.linked += len(text)
                    walk.line_linked += len(text)
            elif (
                kind != COMMENT_ID
                and (child_tag := node.tag)
                and child_tag[0] != "-"
                and _enter(walk, node, child_tag, False)
            ):
                frames.append((node.iter(include_text=True), child_tag))
                break
        else:
            frames.pop()
            _leave(walk, tag)
    walk.flush()
    return walk.items


def _enter(walk: _Walk, node: LexborNode, tag: str, is_root: bool) -> bool:
    """Open an element; False when its subtree is not body text."""
    if tag in SKIP_TAGS and not (is_root and tag == "form"):  # a page-wide <form> is read
        if tag == "noscript":
            _add_noscript_image(walk, node)
        return False
    if tag in _PLAIN_TAGS:  # inline formatting never wraps a widget: its class is not read
        return _enter_inline(walk, node, tag)
    attrs = node.attributes
    shut, right, captioned = _judged(
        attrs.get("class"), attrs.get("id"), attrs.get("style"), attrs.get("align"),
        "hidden" in attrs,
    )  # fmt: skip
    if (shut or (walk.skip and node.mem_id in walk.skip)) and not is_root:
        return False
    if tag in _CELLS:
        walk.cells.append(_row_cell(node))
        if walk.cells[-1]:  # a cell of a row of data: the row is one line
            if any(not part.isspace() for part in walk.parts):
                walk.parts.append(_CELL_GAP)
            return True
    if tag in BLOCK_TAGS:
        walk.flush()
        walk.opened.append((len(walk.items), walk.chars, walk.linked))
        walk.right.append(right or walk.right[-1])
        captioned = captioned or tag == "figcaption"
        walk.captions.append(captioned)
        walk.caption += captioned
        if tag == "table":
            walk.tables.append(node.mem_id)
        if tag in _REGISTERS:
            walk.lists.append(node.mem_id)
        elif tag == "figure":
            pictured = node.css_first("img, picture") is not None
            walk.figures.append(node.mem_id if pictured else None)
            walk.caption += pictured
    return True


def _enter_inline(walk: _Walk, node: LexborNode, tag: str) -> bool:
    if tag in ("img", "br"):
        walk.flush()
        if tag == "img":
            _add_image(walk, node.attributes)
        return False
    walk.italic += tag in ("em", "i")
    walk.strong += tag in ("strong", "b")
    if tag == "a":
        to_file = any(_file_url(walk.base, r) for r in _refs(node.attributes))
        walk.file_link = walk.file_link or to_file
        walk.anchors.append(not to_file)
        walk.links += not to_file
    return True


@lru_cache(maxsize=8192)
def _judged(
    names: str | None, ident: str | None, style: str | None, align: str | None, hidden: bool
) -> tuple[bool, bool, bool]:
    """For a block by its class, id, style, align and hidden attributes: whether it
    is a widget or hidden from sighted readers (never body text), whether it is
    right-aligned, whether it is a caption. Cached: templates repeat them."""
    named_shut, captioned = _by_class(names or "")
    squeezed = (style or "").replace(" ", "").lower()
    shown_none = bool(style and "none" in style and "display:none" in squeezed)
    shut = named_shut or _widget_named(ident or "") or hidden or shown_none
    right = "text-align:right" in squeezed or (align or "").lower() == "right"
    return shut, right, captioned


@lru_cache(maxsize=8192)
def _by_class(names: str) -> tuple[bool, bool]:
    """What class names alone say of a block: whether they shut it (a widget's, or a
    hiding class), whether they name a caption. Cached apart from `_judged`, whose
    key holds the id: most ids are met once, while their class names repeat."""
    if not names:
        return False, False
    lowered = names.lower()
    shut = _widget_named(names) or _hiding_class(names, lowered)
    return shut, _says(CAPTION_NAMES, CAPTION_NAMES_LOWER, names, lowered)


@lru_cache(maxsize=8192)
def _widget_named(names: str) -> bool:
    """`WIDGET_NAMES` on a class or an id alone, read as words: cached apart, since
    ids seldom repeat and class names do."""
    if not names:
        return False
    return WIDGET_NAMES.search(_words(plain_names(names))) is not None


def _words(names: str) -> str:
    """Class or id names lower-cased, their camelCase words split by hyphens: the
    case-sensitive pattern misses faster than a case-blind one. Names
    with no capital (most) have no camelCase to split."""
    return names if names.islower() else _CAMEL.sub("-", names).lower()


def _hiding_class(names: str, lowered: str) -> bool:
    """Class names (and the same lower-cased) that hide a block from sighted readers."""
    hidden = not HIDING_CLASSES.isdisjoint(lowered.split())
    return hidden or _says(SCREEN_READER_NAMES, SCREEN_READER_NAMES_LOWER, names, lowered)


def _says(blind: re.Pattern[str], lower: re.Pattern[str], names: str, lowered: str) -> bool:
    """A case-blind pattern found in the names: read by its case-sensitive twin in the
    lower-cased names when they are ASCII."""
    if names.isascii():
        return lower.search(lowered) is not None
    return blind.search(names) is not None


def _file_url(base: str, ref: str) -> str | None:
    """The attachment a reference names, absolute; None for any other link. A file
    reference that is no URL is noted as the page's problem."""
    # A file link names its extension: the substring test spares the join on the rest.
    if _FILE_EXTENSION.search(ref.lower()) is None:
        return None
    url = join_url(base, ref)
    if url is None:
        problems.note("attachment URL", ref)
        return None
    return url if is_file_url(url) else None


def _leave(walk: _Walk, tag: str) -> None:
    if tag in _PLAIN_TAGS:
        walk.italic -= tag in ("em", "i")
        walk.strong -= tag in ("strong", "b")
        if tag == "a" and walk.anchors:
            walk.links -= walk.anchors.pop()
    elif tag in _CELLS and walk.cells and walk.cells.pop():
        return  # read as part of its row, which ends the line
    elif tag in BLOCK_TAGS:
        walk.flush()
        items, chars, linked = walk.opened.pop()
        if tag in _LIST_BLOCKS and walk.opened and not walk.keep_lists:  # never the container
            _drop_if_links(walk, items, walk.chars - chars, walk.linked - linked)
        walk.right.pop()
        walk.caption -= walk.captions.pop()
        if tag == "table":
            walk.tables.pop()
        if tag in _REGISTERS:
            walk.lists.pop()
        elif tag == "figure":
            walk.caption -= walk.figures.pop() is not None


def _row_cell(cell: LexborNode) -> bool:
    """A cell of a row of data (a register's number, code, date, title): text with no
    block of its own, beside other cells. A cell that holds paragraphs is a layout's."""
    row = cell.parent
    if row is None or row.tag != "tr" or cell.css_first(_CELL_BLOCKS) is not None:
        return False
    return sum(1 for sibling in row.iter() if sibling.tag in _CELLS) >= 2


def _drop_if_links(walk: _Walk, since: int, chars: int, linked: int) -> None:
    """Drop what a block added when it is mostly link text: a list of other stories,
    tags or share links inside the body, whatever its class says."""
    if chars and linked >= LINK_BLOCK * chars:
        del walk.items[since:]


def _add_image(walk: _Walk, attrs: dict[str, str | None]) -> None:
    src = picture_url(attrs)
    if src is not None:
        table = walk.tables[-1] if walk.tables else None
        url = join_url(walk.base, src)
        if url is None:
            problems.note("image URL", src)
            return
        walk.items.append(Img(url, table, walk.figure()))


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


def _add_noscript_image(walk: _Walk, node: LexborNode) -> None:
    """The picture a `<noscript>` shows when scripts are off: a copy of the lazy image
    beside it, which was read already unless it named only a placeholder."""
    if _beside_a_picture(node):
        return
    inner = node.css_first("img")  # parsed without scripting: its markup is elements
    if inner is None:
        raw = node.text()  # parsed with scripting: its markup is text
        if "<img" not in raw.lower():
            return
        inner = LexborHTMLParser(raw).css_first("img")
    if inner is not None:
        walk.flush()
        _add_image(walk, inner.attributes)


def _beside_a_picture(node: LexborNode) -> bool:
    """Whether the element next to a `<noscript>` (text between skipped) is or holds
    an image that names its picture."""
    for step in ("prev", "next"):
        sibling = getattr(node, step)
        while sibling is not None and (sibling.tag or "-").startswith("-"):
            sibling = getattr(sibling, step)
        if sibling is None:
            continue
        img = sibling if sibling.tag == "img" else sibling.css_first("img")
        if img is not None and picture_url(img.attributes) is not None:
            return True
    return False


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


# --- the second pass ----------------------------------------------------------------


def fallback_items(page: Page) -> list[Para | Img]:
    """Body text found without a container: the page read whole (chrome, widgets and
    link lists skipped as always), then the run of lines that holds the most prose.

    Independent of the container search, for pages where it found too little: each
    line scores its length less a fixed cost, a link line costs its length, and the
    best-scoring run of consecutive lines (with the pictures among them) is the body.
    A list of stories is a teaser, a link, a teaser: no run crosses its links.
    """
    root = page.tree.body
    if root is None:
        return []
    # ASP.NET and DNN pages live in one <form>, which the walk would skip whole.
    size = len(root.text())
    root = next((f for f in root.css("form") if len(f.text()) >= FORM_SHARE * size), root)
    items = read_items(root, page.base, _chrome_blocks(root, size))
    best = (0, 0, 0)  # score, start, end
    score, start = 0, 0
    for index, item in enumerate(items):
        if isinstance(item, Img):
            continue
        size = len(item.text)
        value = -size - LINE_COST if item.linked >= LINK_LINE * size else size - LINE_COST
        if score <= 0:
            score, start = 0, index
        score += value
        if score > best[0]:
            best = (score, start, index + 1)
    _, first, last = best
    while first > 0 and isinstance(items[first - 1], Img):  # the picture heading the story
        first -= 1
    return items[first:last]


_CHROME_CANDIDATES = (
    "[class*=head i], [id*=head i], [class*=foot i], [id*=foot i], [class*=menu i], "
    "[id*=menu i], [class*=nav i], [id*=nav i], [class*=copyright i], [id*=copyright i], "
    "[class*=banner i], [id*=banner i], [class*=bottom i], [id*=bottom i]"
)


# A story shipped as markup inside a script that a client-side template renders
# (Blogger's Google blogs), under the element microdata names its body.
_TEMPLATE = ", ".join(
    f'[itemprop="articleBody"] script[type="{kind}"]'
    for kind in ("text/template", "text/html", "text/x-template")
)


def template_items(page: Page) -> list[Para | Img]:
    """The body read from the markup of a template script inside the element named
    `itemprop="articleBody"`, when the page ships its story so; else nothing."""
    for script in page.tree.css(_TEMPLATE):
        markup = script.text()
        if "<" in markup:
            root = LexborHTMLParser(markup).body
            if root is not None:
                return read_items(root, page.base)
    return []


def _chrome_blocks(root: LexborNode, size: int) -> frozenset[int]:
    """Header, footer, menu and banner blocks by class or id (the tags are skipped
    anyway), unless one wraps much of the page or holds a paragraph of prose: an
    address in the footer is no story, a story in a "header-wrapper" still is."""
    out = set()
    for node in root.css(_CHROME_CANDIDATES):
        if (
            is_chrome(node)
            and len(node.text()) < CHROME_BLOCK_SHARE * size
            and not any(len(p.text()) >= PROSE_LINE for p in node.css("p"))
        ):
            out.add(node.mem_id)
    return frozenset(out)


def bold_lead(paras: list[Para]) -> Para | None:
    """The sapo: a first paragraph set wholly in bold, a sentence or a few long, with
    the story following it."""
    if len(paras) < 2 or not paras[0].strong or paras[0].caption:
        return None
    low, high = LEAD_CHARS
    return paras[0] if low <= len(paras[0].text) <= high else None


_LEAD_TAGS = frozenset({"p", "h2", "h3", "div", "span", "strong", "b"})
_SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "»", ")")


def lead_block(title: LexborNode | None, container: LexborNode | None) -> LexborNode | None:
    """The lead shown in a block of its own between the story's heading and its body
    (or just before the body when there is no heading), named so by its class: the
    story's summary, which the body container does not hold."""
    if container is None:
        return None
    between = _between(title, container)
    for node in between:
        names = class_id(node)
        # A block that holds a <time> is the date line ("c-teaser__meta"), not a lead.
        if names.strip() and LEAD_NAMED.search(names) and node.css_first("time") is None:
            text = clean_line(node.text())
            low, high = LEAD_SIZE
            if low <= len(text) <= high and _linked_chars(node) < PROSE_LINKS * len(text):
                return node
    if title is None:
        return None
    # Unnamed: the first paragraph or subheading of prose between the heading and
    # the body, outside the body's block, a sentence or a few that ends as sentences
    # end. A subheading right under the heading (a dek) seldom has a full stop.
    after = _next_element(title)
    low, high = LEAD_CHARS
    for node in between:
        if node.tag not in _LEAD_TAGS or node.css_first("img, a, time") is not None:
            continue
        if contains(container, node):
            break
        text = clean_line(node.text())
        if not low <= len(text) <= high or len(text.split()) < LEAD_WORDS:
            continue
        dek = after is not None and after.mem_id == node.mem_id and not _dated(text)
        if text.endswith(_SENTENCE_ENDS) or dek:
            return node
    return None


def _dated(text: str) -> bool:
    """A date or view line ("Ngày đăng 18/03/2019 | 04:01 PM | View count: 536")."""
    return bool(_DIGIT.search(text)) and bool(find_vn_dates(text) or VIEWS.search(text))


def _next_element(node: LexborNode) -> LexborNode | None:
    sibling = node.next
    while sibling is not None and (sibling.tag or "-").startswith("-"):
        sibling = sibling.next
    return sibling


def read_as_body(node: LexborNode, container: LexborNode | None) -> bool:
    """Whether the body walk read this block's text: it lies in the container and no
    widget or hidden block (a "sapo" class, say) of its own or above it was skipped."""
    if container is None or not contains(container, node):
        return False
    current: LexborNode | None = node
    while current is not None and current.mem_id != container.mem_id:
        attrs = current.attributes
        if (current.tag or "") in SKIP_TAGS or _judged(
            attrs.get("class"), attrs.get("id"), attrs.get("style"), attrs.get("align"),
            "hidden" in attrs,
        )[0]:  # fmt: skip
            return False
        current = current.parent
    return True


def _between(title: LexborNode | None, container: LexborNode) -> list[LexborNode]:
    """The elements after the heading and before the body container, outermost first
    (each with what it holds); without a heading, the container's previous siblings
    and those of its parent."""
    if title is None:
        found = []
        for start in (container, container.parent):
            sibling = start.prev if start is not None else None
            for _ in range(3):
                if sibling is None:
                    break
                if sibling.tag and sibling.tag[0] != "-":
                    found.append(sibling)
                sibling = sibling.prev
        return found
    if title.mem_id in ancestor_ids(container):
        return []
    return elements_between(title, container, LEAD_STEPS)[0]


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
    return len(para.text) < VIEW_LINE and bool(_DIGIT.search(para.text) and VIEWS.search(para.text))


def view_lines(items: list[Para | Img]) -> list[str]:
    """The body's view-count lines ("Lượt xem: 3656" under the text), which the
    paragraphs leave out as furniture."""
    return [
        i.text
        for i in items
        if isinstance(i, Para)
        and len(i.text) < VIEW_LINE
        and _DIGIT.search(i.text)
        and VIEWS.search(i.text)
    ]


def images(items: list[Para | Img]) -> tuple[Image, ...]:
    """The body's images, first occurrence of each URL, with their captions."""
    seen: dict[str, Image] = {}
    for item in items:
        if isinstance(item, Img) and item.url not in seen:
            seen[item.url] = Image(item.url, item.caption)
    return tuple(seen.values())


# --- attachments ---------------------------------------------------------


def attachments(page: Page, container: LexborNode | None) -> tuple[Attachment, ...]:
    """Files linked from the body container's parent (the body and its attachment box)."""
    scope = container.parent if container is not None else None
    if scope is None:
        return ()
    found: dict[str, Attachment] = {}
    for node in scope.css("a[href], a[onclick], iframe[src], embed[src], object[data]"):
        for raw in _file_refs(node):
            url = _file_url(page.base, raw)
            if url is not None and url not in found:
                text = clean_line(node.text()) if node.tag == "a" else ""
                found[url] = Attachment(url, text or None)
    return tuple(found.values())


def _file_refs(node: LexborNode) -> list[str]:
    return _refs(node.attributes)


def _refs(attrs: dict[str, str | None]) -> list[str]:
    refs = [attrs.get("href"), attrs.get("src"), attrs.get("data")]
    if onclick := attrs.get("onclick"):
        refs += _ONCLICK_URL.findall(onclick)
    return [r.strip() for r in refs if r and r.strip()]
