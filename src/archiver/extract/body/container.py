"""The element holding the article body: by the seed's or the family's selector, else
the block whose paragraphs hold the most prose (readability-style), widened to the
siblings that share the story."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from selectolax.lexbor import LexborNode

from archiver.extract.body.density import density_less_link_blocks, link_density, linked_chars
from archiver.extract.body.items import Img, Para, read_items
from archiver.extract.chrome import class_id, in_chrome, plain_names
from archiver.extract.page import (
    BLOCK_TAGS,
    SKIP_TAGS,
    Page,
    candidates,
    contains,
    gather,
)
from archiver.extract.vocabulary import (
    CLIMB,
    DIV_BODY_WINS,
    ENTRY_NAMES,
    FAMILY_OUTWEIGHED,
    FEW_CHARS,
    JS_HOOK,
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
    SCORED_LEVELS,
    SIBLING_PROSE,
    STORY_HELD,
    STORY_SHARE,
    TITLE_NAMED,
    WIDEN,
    WIDEN_LINK_DENSITY,
)
from archiver.normalize import clean_line

# The site's footer (a story's own <footer> inside its <article> is the story's).
_SITE_FOOTER = (
    "footer:not(article *):not(blockquote *):not(figure *), [role=contentinfo]:not(article *),"
    " #footer"
)
_INNER_BLOCKS = BLOCK_TAGS | {"br"}
# A <div> with no child of those: one query in C, not a look at each <div>'s children.
_LEAF_DIV = "div:not(:has(" + ", ".join(f"> {tag}" for tag in sorted(_INNER_BLOCKS)) + "))"
SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "»", ")")


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
        prose = len(text) >= PROSE_LINE or text.endswith((*SENTENCE_ENDS, ":", ";", ","))
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
        if size >= PROSE_LINE and linked_chars(holder) < PROSE_LINKS * size:
            return holder.parent if holder.tag == "p" else holder
    return None


def _text_score(node: LexborNode) -> float:
    return len(clean_line(node.text())) - 2 * linked_chars(node)


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
            density = density_less_link_blocks(node, held.get(key, 0))
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
            self.densities[key] = link_density(node)
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
            and linked_chars(sibling) < PROSE_LINKS * size
        ):
            prose += size
        else:
            other += max(size, 0)
    return prose >= SIBLING_PROSE and other < prose


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
        count += size >= PROSE_LINE and linked_chars(p) < PROSE_LINKS * size
    return count
