"""The extraction cascade: structured data, then CMS-family rules, then content scoring.

One parse per page; every field looks first at seed selectors, then at
JSON-LD/OpenGraph, then at the detected CMS family, then at generic heuristics.
The body (`body/`) and the metadata (`meta/`) are read separately from the
same `Page` (`page.py`); this module ties them into one Record.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.extract import authors, body, bylines, kinds, meta, problems, titles
from archiver.extract.body import Para
from archiver.extract.cms import detect_family
from archiver.extract.dates import ParsedDate, find_vn_dates
from archiver.extract.links import find_articles
from archiver.extract.page import Page, declaring, json_ld, ld_objects, meta_tags
from archiver.extract.pager import find_next_page
from archiver.extract.urls import base_of
from archiver.extract.vocabulary import (
    BLOCK_PAGE,
    BODY_DATE_LINE,
    BODY_DATE_PLACES,
    LISTING_LINKS,
    MIN_BODY_CHARS,
    OUTWEIGHS,
    PROSE_LINE,
    PROSE_PARAS,
    SAME_TITLE,
    STORY_CHARS,
    TWO_PARAGRAPH_CHARS,
)
from archiver.model import Links, PageKind, Record
from archiver.normalize import clean_block, clean_line

# The "other" pages whose text is kept: of no known kind, and galleries (their words
# and pictures are their content).
_TEXTUAL = (None, "gallery")


def extract(
    html: str | bytes,
    url: str,
    selectors: Mapping[str, str] | None = None,
    *,
    listing: bool = False,
) -> Record:
    """Parse one page (text, or UTF-8 bytes) into a Record (may raise on pathological
    input; see parse_page). A page reached as a listing gives its links whatever its
    kind: a start page that reads as one story (a CMS's static front page) still
    leads to the site's articles. Values that could not be read are dropped and
    named in the record's `problems`."""
    with problems.collecting() as found:
        record = _extract(html, url, selectors, listing)
    return replace(record, problems=tuple(found)) if found else record


def _extract(
    html: str | bytes, url: str, selectors: Mapping[str, str] | None, listing: bool
) -> Record:
    tree = LexborHTMLParser(html, scripting=True)
    found, gathered = declaring(tree)
    objects = ld_objects(found["script"])
    tags = meta_tags(found["meta"])
    page = Page(
        tree=tree,
        url=url,
        base=base_of(found["base"][0] if found["base"] else None, url),
        selectors=selectors or {},
        family=detect_family(tree, tags.get("generator", "")),
        ld=json_ld(objects),
        meta=tags,
        ld_all=objects,
        canonical=_href(found["link"][0]) if found["link"] else "",
        gathered=gathered,
    )

    # Link discovery is the dearest step and only listings (and the verdict on pages
    # that are not articles) need it: it runs when first asked, never on an article.
    # The body's list test asks for the article links alone, without the next page.
    @cache
    def articles() -> tuple[str, ...]:
        return find_articles(tree, url, page.base, page.selectors, page.family)

    @cache
    def links() -> Links:
        next_page = find_next_page(tree, url, page.base, page.selectors, page.family)
        return Links(articles=articles(), next_page=next_page)

    record = _record(page, links, articles)
    if listing and record.kind == "article":
        return replace(record, links=links())
    return record


def _record(
    page: Page, links: Callable[[], Links], articles: Callable[[], tuple[str, ...]]
) -> Record:
    found = titles.find(page)
    title_node, title = found.node, found.text
    chosen = body.find_container(page, articles, title_node)
    container = chosen.node if chosen is not None else None
    items = chosen.read(page.base) if chosen is not None else []
    paras = body.declared(page, body.paragraphs(items, title))
    searching = kinds.is_search(page)
    if not _is_prose(paras) and not searching:
        # Too little for a story: a second, independent pass before giving up.
        for second in (body.template_items(page), body.fallback_items(page)):
            more = body.declared(page, body.paragraphs(second, title))
            if sum(len(p.text) for p in more) > sum(len(p.text) for p in paras):
                items, paras, container = second, more, None
    images = body.images(items)
    ends = _end_lines(paras) + body.view_lines(items)
    dates, view_count = meta.dates_and_views(page, title_node, container, ends)
    paras = _without_date_lines(paras, dates)  # first: a date line may follow the byline
    byline, paras = authors.find(page, paras, title_node, container)
    lead = body.bold_lead(paras)
    if lead is not None:  # the sapo, in bold at the head of the story, is its summary
        paras = paras[1:]
    lead_text = lead.text if lead is not None else None
    block = body.lead_block(title_node, container) if lead is None else None
    if block is not None:
        lead_text = clean_line(block.text())
        said = len(paras) > 1 and paras[0].text == lead_text  # never the body's only text
        if said and body.read_as_body(block, container):
            paras = paras[1:]  # the lead block lies in the body's container: said once
    text = _body_text(paras)
    verdict = _kind(
        page, title_node, found.confirmed, title, text, paras, links, container, searching
    )

    if verdict.kind != "article" and title_node is not None and kinds.is_discussion(page):
        post = body.opening_post(page, title_node)
        if post is not None:  # a thread's replies follow its opening post
            items = body.read_items(post, page.base)
            paras, container = body.paragraphs(items, title), post
            text, images = _body_text(paras), body.images(items)
            verdict = Verdict("article", None, f"article: a thread's opening post, "
                              f"{len(text or '')} chars")  # fmt: skip
    kind = verdict.kind
    story = body.story_of(title_node) if kind == "article" and not paras else None
    if story is not None:
        # A story of short lines (captions, a list of links with notes) has no block
        # of prose to find: what its own <article> element says is its text, its
        # lists of links included (a link roll is the whole post).
        items = body.read_items(story, page.base, keep_lists=True)
        paras = body.paragraphs(items, title)
        text, images = _body_text(paras), body.images(items)
    textual = kind == "other" and verdict.other_kind in _TEXTUAL
    if kind == "listing":  # the dates and counts shown on a listing belong to its items;
        dates, view_count = meta.own_dates(page), None  # what the page declares is its own
    return Record(
        url=page.url,
        kind=kind,
        title=title,
        published=_first(dates, "published"),
        updated=_first(dates, "updated"),
        author=byline.author if kind == "article" else None,
        source=byline.source if kind == "article" else None,
        category=meta.category(page, title),
        view_count=view_count,
        summary=meta.summary(page, lead_text) if kind != "listing" else None,
        # A page of no known kind and a gallery keep the text they hold; a listing's
        # text is its teasers, and what soft 404, block, search and register pages
        # say is not content.
        body=text if kind == "article" or textual else None,
        images=images if kind == "article" or textual else (),
        attachments=body.attachments(page, container) if kind == "article" else (),
        links=Links() if kind == "article" else links(),
        language=meta.language(page, text or title or ""),
        date_raw=dates[0].raw if dates else None,
        lead_tag=bylines.lead_tag(text) if kind == "article" else None,
        canonical=meta.canonical(page),
        other_kind=verdict.other_kind,
        kind_reason=verdict.reason,
    )


def _href(node: LexborNode) -> str:
    return (node.attributes.get("href") or "").strip()


def _body_text(paras: list[Para]) -> str | None:
    """The paragraphs as one text, a blank line between them."""
    joined = "\n\n".join(p.text for p in paras)
    # Each paragraph is clean_line's output already: only a line break kept inside
    # one (clean_line keeps them) makes clean_block split and clean it again.
    if any("\n" in p.text for p in paras):
        return clean_block(joined) or None
    return joined or None


def _heads(
    page: Page, heading: LexborNode, container: LexborNode | None, links: Callable[[], Links]
) -> bool:
    """The prose follows its heading, with no list of stories between them: a listing's
    heading opens its list, and the prose of its sidebar or footer lies beyond it.
    Share, tag and author links between a story's heading and its text do not count."""
    between = kinds.links_before(heading, container)
    if between is None:
        return False
    if len(between) < LISTING_LINKS:
        return True
    wanted = set(links().articles)
    return sum(kinds.resolve(page.base, href) in wanted for href in set(between)) < LISTING_LINKS


def _is_prose(paras: list[Para]) -> bool:
    """A block of prose: two paragraphs or more that say a sentence or two, or one
    long one (two teaser lines under a listing's title are no story)."""
    size = sum(len(p.text) for p in paras)
    return size >= MIN_BODY_CHARS or (len(paras) >= 2 and size >= TWO_PARAGRAPH_CHARS)


_YEAR = re.compile(r"(?:19|20)\d\d")


def _end_lines(paras: list[Para]) -> list[str]:
    """The short lines at the head and the tail of the body that hold a year: where a
    template may put the date line inside the story's block."""
    if not paras:
        return []
    ends = [*paras[:BODY_DATE_PLACES], *paras[-BODY_DATE_PLACES:][::-1]]
    registers = _dated_tables(paras) if any(p.table is not None for p in ends) else set()
    kept = (p.text for p in ends if len(p.text) <= BODY_DATE_LINE and p.table not in registers)
    return [line for line in dict.fromkeys(kept) if _YEAR.search(line)]


def _dated_tables(paras: list[Para]) -> set[int]:
    """The tables whose short lines give two dates or more: registers of dated entries
    (documents, signatures), whose rows date themselves, not the story."""
    dated = Counter(
        p.table
        for p in paras
        if p.table is not None and len(p.text) <= BODY_DATE_LINE and find_vn_dates(p.text)
    )
    return {table for table, count in dated.items() if count > 1}


def _without_date_lines(paras: list[Para], dates: list[ParsedDate]) -> list[Para]:
    """The paragraphs less the date line ("Ngày đăng: 12/03/2025 08:15") when the
    template put it inside the body's block, at its head or its tail: a short line
    that gives the page's own date."""
    days = {d.value[:10] for d in dates}
    if not days or not paras:
        return paras
    ends = set(range(BODY_DATE_PLACES)) | {len(paras) - 1 - i for i in range(BODY_DATE_PLACES)}
    return [
        p
        for i, p in enumerate(paras)
        if not (
            i in ends
            and len(p.text) <= BODY_DATE_LINE
            and any(d.value[:10] in days for d in find_vn_dates(p.text))
        )
    ]


def _first(dates: list[ParsedDate], label: str) -> str | None:
    return next((d.value for d in dates if d.label == label), None)


def _kind(
    page: Page,
    heading: LexborNode | None,
    confirmed: bool,
    title: str | None,
    text: str | None,
    paras: list[Para],
    links: Callable[[], Links],
    container: LexborNode | None = None,
    searching: bool = False,
) -> Verdict:
    """The page's kind, what an 'other' page is when that can be told, and why.

    An article is judged by its own prose, never by the links around it: related,
    "other news" and "most read" lists do not turn a story into a listing. A page is
    a listing when its main content is the list itself (no block of prose, or prose
    outweighed by the list's own link text); 'other' needs positive evidence.
    """
    # Pages that are no news, whatever their links and headings look like, come first:
    # a soft 404 keeps the sidebar's links, search results are a list of articles.
    if kinds.is_missing(title, text):
        return Verdict("other", "soft404", "soft404: the title says the page was not found")
    if searching:
        return Verdict("other", "search", "search: a search URL or a search-results heading")
    if kinds.is_register(page) and not kinds.single_view(page):
        # A CMS's article view that holds a register (a school's list of published
        # files) is that article: the table is its text and its attachments.
        return Verdict("other", "register", "register: a table of legal documents")
    declared = bool(page.ld) or page.meta.get("og:type") == "article"
    strong = heading is not None and confirmed  # a heading the page itself vouches for
    size = len(text or "")
    prose = f"{len(paras)} paragraphs, {size} chars of prose"
    real = text is not None and _is_prose(paras)
    if real and size < BLOCK_PAGE and kinds.why_not(page) == "blocked":
        # A CAPTCHA or access-denied page is short; a story that mentions one is not.
        return Verdict("other", "blocked", "blocked: a short page that asks to prove a human")
    if real and heading is not None and len(paras) >= PROSE_PARAS:
        # The common story: its paragraphs right under its heading. Asked first, it
        # spares link discovery, the dearest step.
        between = kinds.links_before(heading, container)
        if between is not None and len(between) < LISTING_LINKS:
            return Verdict("article", None, f"article: {prose}, under its heading")
    long = sum(len(p.text) >= PROSE_LINE for p in paras)
    if real and long >= PROSE_PARAS and size >= STORY_CHARS:
        # Paragraphs of prose one after another: no list of stories reads so (its
        # teasers alternate with links), wherever the page puts its lists.
        return Verdict("article", None, f"article: {prose}, {long} of them long")
    if real:
        # Prose and a list on one page: the list is the content when its own link text
        # outweighs the prose, or lies between the title and the prose.
        found = links().articles
        listed = kinds.listed_chars(page, set(found), container) if found else 0
        few = len(found) < LISTING_LINKS
        # prose that holds its own beside the list, without a heading the page vouches for
        weighty = few or size >= OUTWEIGHS * listed or len(paras) >= PROSE_PARAS
        # A heading only found where the prose starts vouches for a story of several
        # paragraphs, not for one notice paragraph beside a list.
        vouched = strong or (len(paras) >= PROSE_PARAS and weighty)
        if heading is not None and vouched and _heads(page, heading, container, links):
            return Verdict("article", None, f"article: {prose}, under its heading")
        if strong and few:
            return Verdict("article", None, f"article: {prose} and a heading, no list")
        if declared and not strong and (few or size >= listed):
            return Verdict("article", None, f"article: {prose}, declared an article")
        if len(paras) >= PROSE_PARAS and (few or size >= OUTWEIGHS * listed):
            return Verdict("article", None, f"article: {prose}, well over the {listed} chars "
                           f"of its {len(found)} article links")  # fmt: skip
        if not few and not (strong and _one_story(page, title)):
            return Verdict("listing", None, f"listing: {len(found)} article links "
                           f"({listed} chars) and {prose}, not the page's story")  # fmt: skip
    if strong and _one_story(page, title):
        # A story behind a paywall or built by script, a photo post of captions, a
        # recipe of short steps: little prose, and "most read" links may be all else
        # the page shows. The page says what it is.
        return Verdict("article", None, f"article: declared a single story under this "
                       f"title, {prose} shown")  # fmt: skip
    found = links().articles
    if title and (strong or declared) and len(found) < LISTING_LINKS:
        files = body.attachments(page, container)
        if files:  # a notice that is nothing but its attached file
            return Verdict("article", None, f"article: a notice of {len(files)} attached files")
    next_page = links().next_page
    if len(found) >= LISTING_LINKS or (len(found) >= 2 and next_page):
        pager = ", and a next page" if next_page else ""
        return Verdict("listing", None, f"listing: {len(found)} article links{pager}, no prose")
    pictures = len(container.css("img")) if container is not None else 0
    if kinds.is_gallery(pictures, text):
        return Verdict("other", "gallery", f"gallery: {pictures} pictures, {size} chars of text")
    why = kinds.why_not(page)
    if why is not None:
        return Verdict("other", why, f"{why}: the page's text says so")
    return Verdict(
        "other",
        None,
        f"other: too little prose for a story ({prose}) and {len(found)} article links",
    )


# JSON-LD types that describe one story of a page, by the end of their name
# ("NewsArticle", "BlogPosting", "Recipe").
_STORY_TYPES = ("Article", "BlogPosting", "Recipe", "HowTo", "Review", "VideoObject")


def _one_story(page: Page, title: str | None) -> bool:
    """The page says it shows one story: by its JSON-LD, or its CMS's body classes."""
    return _declared_story(page, title) or kinds.single_view(page)


def _declared_story(page: Page, title: str | None) -> bool:
    """The page's JSON-LD describes one story (an article, a blog post, a recipe, a
    video) whose headline or name is the page's title, or its Open Graph type is a
    video's under that title: a listing declares no such thing about itself."""
    if not title:
        return False
    shown = titles.title_key(title)
    # Open Graph's video types, with the video named, mark one clip's page (a news
    # clip and its text); its og:title must be the title shown, as a headline must.
    meta = page.meta
    clip = meta.get("og:video") or meta.get("og:video:url") or meta.get("og:video:secure_url")
    if (
        clip
        and meta.get("og:type", "").startswith("video")
        and _same_title(titles.title_key(meta.get("og:title") or ""), shown)
    ):
        return True
    for obj in page.ld_all:
        kind = obj.get("@type")
        if not any(isinstance(k, str) and k.endswith(_STORY_TYPES)
                   for k in (kind if isinstance(kind, list) else [kind])):  # fmt: skip
            continue
        for key in ("headline", "name"):
            value = obj.get(key)
            if isinstance(value, str) and _same_title(titles.title_key(value), shown):
                return True
    return False


def _same_title(declared: str, shown: str) -> bool:
    if declared == shown:
        return True
    return min(len(declared), len(shown)) >= SAME_TITLE and (declared in shown or shown in declared)


@dataclass(frozen=True)
class Verdict:
    """A page's kind, what an 'other' page is, and why it got that kind."""

    kind: PageKind
    other_kind: str | None
    reason: str
