"""Who wrote a page, and the organisation it came from.

Printed bylines come first, because they are what the reader sees and what a
citation names: the short line that closes the story, the element a seed or the
CMS family names, then a byline element printed after the title. What the page
declares (JSON-LD, <meta>) is used when nothing is printed, and where a printed
byline says the same names, for their cleaner form. A site's own name, its
publisher, an organisation and a CMS account are never authors: an organisation
given as the author is the story's `source`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, lru_cache, partial
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from archiver.extract.body import Para
from archiver.extract.bylines import (
    Byline,
    clean_author,
    is_labelled,
    is_organisation,
    is_placeholder,
    names_like,
    read_byline,
    split_byline,
    strip_label,
)
from archiver.extract.page import Page, candidates, first_node, gather
from archiver.normalize import clean_line, fold

# Elements a template marks as a byline, by microdata, rel or class.
# A link to the writer's page ("/autoren/name/max-kolter", "/author/jane-doe") is one
# (one substring to match costs half of two; `_is_marked` tells "/auto/" apart).
_MARKED = (
    '[itemprop~="author"], [rel~="author"], [class*="author" i], [class*="byline" i],'
    ' [class*="autor" i], a[href*="/aut" i]'
)
_MARKED_CLASS = re.compile(r"author|byline|autor", re.IGNORECASE)  # `_MARKED`'s classes
# Marked elements that name someone else: a commenter, the author of a teaser, a
# related story or a quotation, a photographer, an author's biography box and its tabs.
_ELSEWHERE = frozenset(
    {"comment", "comments", "teaser", "related", "caption", "credit", "credits", "image",
     "photo", "picture", "quote", "blockquote", "bio", "widget", "sidebar", "recommend",
     "recommended", "collection", "collections", "card", "share", "social", "search",
     "contact", "avatar", "popup", "modal", "newsletter", "about", "more", "follow", "reply",
     "nav", "menu", "tabs"}
)  # fmt: skip
# (Not "form": ASP.NET wraps a whole page in <form id="form1">; a comment or search
# form says what it is in its other names.)
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")  # "commentAuthor": comment, author
_ELSEWHERE_TAGS = frozenset({"footer", "aside", "nav", "figure", "figcaption", "blockquote"})
_NAME_WORDS = 4  # words of the longest name a bold line opening the body may give
_OPENING_LINES = 3  # lines of the body a byline opening it may stand on (after a kicker)
_PRINTED_TRIES = 12  # marked elements looked at after the title
_LINK_MORE = 30  # characters a link around a byline holds beyond it when it is a teaser
_AUTHOR_PAGE = re.compile(r"/auth?or/([^/?#]+)/?(?:[?#]|$)", re.IGNORECASE)  # its slug
_NAME_LIST = re.compile(r"\s*(?:[,;&]|\bund\b|\band\b)\s*")  # between a line's names
_LIST_TRIM = " ,;:&…"  # what a name in a printed list trails
_PRINTED_CHARS = 200  # a byline element longer than this is an author's box, not a byline
# Where a printed byline's names end: a date or time, a separator, a reading time.
_NAMES_END = re.compile(r"\s(?=\S*\d)|\s*[|•·]\s*|\s+(?:Updated|Published|Stand|Aktualisiert)\b")
# Meta tags whose name says they hold the author; others that say "author" name an app's
# maker (smartbanner), a handle (twitter) or a link.
_META_AUTHOR = re.compile(r"author|creator|byline", re.IGNORECASE)
_META_NOT = re.compile(r"twitter|smartbanner|url|link|image|avatar|mail|(?:^|[:._-])id$", re.I)
# A Twitter card's label for the writer, as Yoast SEO's translations write it.
_WRITTEN_BY = re.compile(
    r"written by|verfasst von|geschrieben von|écrit par|escrito por|scritto da"
    r"|geschreven door|được viết bởi",
    re.IGNORECASE,
)
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·»]\s+|\s*::\s*")
_ORG_TYPES = ("Organization", "Corporation", "NGO", "NewsMediaOrganization")
_LD_WRITTEN = ("Article", "Posting", "WebPage", "Report")  # JSON-LD types whose author wrote it
# The site's own names as keys (`_site_keys`), read when first called.
_Sites = Callable[[], frozenset[str]]


def find(
    page: Page, paras: list[Para], title: LexborNode | None, container: LexborNode | None
) -> tuple[Byline, list[Para]]:
    """The byline of the page, and the body without its closing byline paragraph. An
    organisation the page declares as an author is the source when the byline names
    none ("Lương Ý" printed, "Báo điện tử VTC News; Lương Văn Ý" declared)."""
    # The site's own names tell a name from the site's; most pages declare and print
    # no name to tell, so they are read when first asked. The host is read now, as
    # ever: a page address that is no URL ("http://[cdn]/") fails the page here.
    host = urlsplit(page.url).hostname or ""
    sites = cache(partial(_site_keys, page, host))
    people, orgs = _declared(page, sites)
    found, paras = _byline(page, paras, title, container, sites, people, orgs)
    if found.source is None and orgs:
        return Byline(found.author, orgs[0]), paras
    return found, paras


def _byline(
    page: Page,
    paras: list[Para],
    title: LexborNode | None,
    container: LexborNode | None,
    sites: _Sites,
    people: list[str],
    orgs: list[str],
) -> tuple[Byline, list[Para]]:
    closing = None
    if paras:
        last = paras[-1]
        closing = _closing(page, last, people, container)
        if closing is not None or is_placeholder(last.text):
            paras = paras[:-1]
        if closing is not None and closing.author is not None:
            return _finished(closing, sites), paras
    found = _shown(page, title, container, people)
    if found is None and not people:
        found, paras = _opening(paras)
    if found is None:
        found = Byline(", ".join(people) or None, orgs[0] if orgs else None)
    if closing is not None:  # a source alone closes the story ("Quelle: dpa")
        found = Byline(found.author, closing.source)
    return _finished(found, sites), paras


def _shown(
    page: Page, title: LexborNode | None, container: LexborNode | None, people: list[str]
) -> Byline | None:
    """The byline of a story whose last line names no writer: the family's element, or
    a printed byline."""
    node = first_node(page, candidates(page, "author"))
    if node is not None:
        return split_byline(node.text())
    return _printed(page, title, container, people)


def _opening(paras: list[Para]) -> tuple[Byline | None, list[Para]]:
    """The byline a bold line of names opening the body is ("MTHOBISI SITHOLE" over
    the story's first paragraph, or under a kicker's lines), and the body without it."""
    for index, para in enumerate(paras[: min(_OPENING_LINES, len(paras) - 1)]):
        if para.strong and not para.linked and _short_names(para.text):
            found = read_byline(para.text)
            if found is not None and found.author is not None:
                return found, paras[:index] + paras[index + 1 :]
    return None, paras


def _short_names(line: str) -> bool:
    """The line is a list of names of a few words each: not a document's heading in
    capitals ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") nor an office's name."""
    names = _NAME_LIST.split(line.replace("/", ","))
    return names_like(line) and all(len(n.split()) <= _NAME_WORDS for n in names)


def _closing(
    page: Page, last: Para, people: list[str], container: LexborNode | None
) -> Byline | None:
    """The byline the body's last paragraph is: labelled, or a name that is neither a
    heading or label (of the next section, of a box of other stories, of tags) nor a
    link or a list item. A plain line (not bold, not set right) that only looks like
    a name gives way to the people the page declares when it shares no word with
    them: a line of furniture is likelier than a second, undeclared author."""
    found = read_byline(last.text, emphasized=last.strong or last.right)
    if found is None or is_labelled(last.text):
        return found
    if last.linked >= len(last.text) or _furniture(page, last.text, container):
        return None
    plain = not (last.strong or last.right)
    if plain and people and not set(fold(last.text).split()) & set(fold(" ".join(people)).split()):
        return None
    return found


# A line in an element so named, or in one of these, labels what follows it, or is a
# button's ("分享让更多人看到", share it with more people).
_LABEL_NAMES = re.compile(
    r"head|title|label|widget|tag|topic|box|teaser|related|share|social|\bh[1-6]\b",
    re.IGNORECASE,
)
_LABEL_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "th", "button"})


def _furniture(page: Page, line: str, container: LexborNode | None) -> bool:
    """The line is a heading, a label or a list item: the element that holds it, or its
    parent, is one by its tag or its class."""
    # asked of the body's container first: the whole page costs several times more
    holders = _holders(container, line) if container is not None else []
    for node in holders or _holders(page.tree, line):
        current: LexborNode | None = node
        for _ in range(2):
            if current is None or current.tag in ("body", "html"):
                break
            attrs = current.attributes
            names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
            if current.tag in _LABEL_TAGS or _LABEL_NAMES.search(names):
                return True
            current = current.parent
    return False


def _holders(root: LexborNode | LexborHTMLParser, line: str) -> list[LexborNode]:
    """The elements under `root` whose whole text is the line."""
    quoted = line.replace("\\", "\\\\").replace('"', '\\"')
    try:
        found = root.css(f':lexbor-contains("{quoted}")')
    except SelectolaxError:  # a query the line's odd text makes: no verdict, no cost
        return []
    return [node for node in found if clean_line(node.text()) == line]


def _finished(found: Byline, sites: _Sites) -> Byline:
    """The byline with the site's own name, its publisher and other organisations among
    its names moved to the source: "David Straub, MDR THÜRINGEN" on mdr.de is David
    Straub, from MDR THÜRINGEN."""
    if found.author is None:
        return found
    people: list[str] = []
    orgs: list[str] = []
    for part in _parts(found.author):
        (orgs if _is_site(part, sites) or is_organisation(part) else people).append(part)
    if not orgs:
        return found
    return Byline(", ".join(people) or None, found.source or orgs[0])


def _parts(names: str) -> list[str]:
    """The names of a byline, split at commas and semicolons (not at "và", "and"):
    "Lê Hà - Minh Tú" stays one byline."""
    if not re.search(r"[,;]", names):
        return [names]
    return [p.strip() for p in re.split(r"\s*[,;]\s*", names) if p.strip()]


# --- the site's own names ------------------------------------------------------------


def _key(text: str) -> str:
    return re.sub(r"\W+", "", fold(text))


def _site_keys(page: Page, host: str) -> frozenset[str]:
    """The names the site goes by, as keys: its Open Graph and application name, its
    publisher (meta and JSON-LD), its Twitter account, the last part of its <title>,
    its host name (`host`, the page URL's)."""
    meta = page.meta
    names = [meta.get(k, "") for k in ("og:site_name", "application-name", "publisher",
                                        "dc.publisher", "copyright")]  # fmt: skip
    names.append(meta.get("twitter:site", "").lstrip("@"))
    for obj in page.ld_all:
        publisher = obj.get("publisher")
        for item in publisher if isinstance(publisher, list) else [publisher]:
            if isinstance(item, dict):
                names += [str(item.get("name") or ""), str(item.get("alternateName") or "")]
        if _typed(obj, _ORG_TYPES) or _typed(obj, ("WebSite",)):
            names.append(str(obj.get("name") or ""))
    title = page.tree.css_first("title")
    parts = _TITLE_SEPARATORS.split(clean_line(title.text())) if title is not None else []
    if len(parts) > 1:
        names.append(parts[-1])
    host = host.removeprefix("www.")
    names += [host, host.split(".")[0]]
    return frozenset(k for k in map(_key, names) if len(k) >= 2)


def _is_site(name: str, site_keys: _Sites) -> bool:
    """The name is the site's, or its first word is (an edition: "MDR THÜRINGEN"), or
    it is the first word of the site's name ("LBCI" of "LBCI Lebanon")."""
    key = _key(name)
    if not key:
        return False
    sites = site_keys()
    if key in sites:
        return True
    words = name.split()
    if len(words) > 1 and _key(words[0]) in sites and words[0].isupper():
        return True
    return len(words) == 1 and name.isupper() and any(s.startswith(key) for s in sites)


# --- what the page declares ----------------------------------------------------------


def _declared(page: Page, sites: _Sites) -> tuple[list[str], list[str]]:
    """The people the page declares as its authors, and the organisations it declares
    so: JSON-LD first, then the <meta> tags that name an author."""
    people: list[str] = []
    orgs: list[str] = []
    for name, is_org in _ld_authors(page):
        _sort(name, is_org, sites, people, orgs)
    if not people:
        for name in _meta_authors(page):
            _sort(name, False, sites, people, orgs)
            if people:
                break
    if not people and "author" in page.meta:
        for name in _repeated_author_tags(page):
            _sort(name, False, sites, people, orgs)
    return list(dict.fromkeys(people)), list(dict.fromkeys(orgs))


def _repeated_author_tags(page: Page) -> list[str]:
    """The author tags after the first (`Page.meta` keeps the first of each name): a
    page may declare its site first and its writer next (hankookilbo.com)."""
    head = page.tree.head
    tags = head.css('meta[name="author" i]') if head is not None else []
    return [str(tag.attributes.get("content") or "") for tag in tags[1:]]


def _sort(name: str, is_org: bool, sites: _Sites, people: list[str], orgs: list[str]) -> None:
    for part in re.split(r"\s*;\s*", name):
        found = split_byline(part)
        if found.author is not None and (is_org or _is_site(found.author, sites)):
            orgs.append(found.author)
        elif found.author is not None and _addressed(found.author, sites):
            orgs.append(_parts(found.author)[0])
        elif found.author is not None:
            people.append(found.author)
        if found.source is not None:
            orgs.append(found.source)


def _addressed(name: str, sites: _Sites) -> bool:
    """The name is the site's, with its address: "hessenschau.de, Frankfurt, Germany"."""
    parts = _parts(name)
    return len(parts) > 1 and _is_site(parts[0], sites)


def _ld_authors(page: Page) -> Iterator[tuple[str, bool]]:
    """Each JSON-LD author of the story (a name, and whether it is an organisation);
    a reference by @id is looked up in the page's other objects."""
    story = page.ld if "author" in page.ld else _written(page)
    by_id = {obj["@id"]: obj for obj in page.ld_all if isinstance(obj.get("@id"), str)}
    yield from _ld_names(story.get("author"), by_id, depth=0)


def _written(page: Page) -> dict[str, Any]:
    """The first JSON-LD object of a type that is written by its author, with an author."""
    return next(
        (o for o in page.ld_all if "author" in o and _typed(o, _LD_WRITTEN, suffix=True)), {}
    )


def _ld_names(value: Any, by_id: dict[str, Any], depth: int) -> Iterator[tuple[str, bool]]:
    if depth > 3:
        return
    if isinstance(value, list):
        for item in value:
            yield from _ld_names(item, by_id, depth + 1)
    elif isinstance(value, str):
        yield value, False
    elif isinstance(value, dict):
        ref = value.get("@id")
        if not _person_name(value) and isinstance(ref, str) and ref in by_id:
            value = by_id[ref]
        name = _person_name(value)
        if name and not any(_account_page(str(value.get(k) or "")) for k in ("@id", "url")):
            yield name, _typed(value, _ORG_TYPES)


def _person_name(obj: dict[str, Any]) -> str | None:
    name = obj.get("name")
    if isinstance(name, list):
        name = next((n for n in name if isinstance(n, str)), None)
    if not isinstance(name, str) or not name.strip():
        given, family = obj.get("givenName"), obj.get("familyName")
        parts = [p for p in (given, family) if isinstance(p, str) and p.strip()]
        name = " ".join(parts) or obj.get("byline")
    return name if isinstance(name, str) and name.strip() else None


def _typed(obj: dict[str, Any], types: tuple[str, ...], *, suffix: bool = False) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    if suffix:
        return any(isinstance(k, str) and k.endswith(types) for k in kinds)
    return any(isinstance(k, str) and k.lower() in {t.lower() for t in types} for k in kinds)


def _meta_authors(page: Page) -> Iterator[str]:
    """The author meta tags' values, `author` first, then the writer a labelled Twitter
    card names, then the others in page order; Dublin Core's "Brazil, Rachel" read as
    "Rachel Brazil"."""
    keys = [k for k in page.meta if _META_AUTHOR.search(k) and not _META_NOT.search(k)]
    if "author" in keys:
        yield page.meta["author"]
    yield from _card_writers(page.meta)
    for key in keys:
        value = page.meta[key]
        if key.endswith("creator") and value.count(",") == 1 and ";" not in value:
            family, given = (p.strip() for p in value.split(","))
            value = f"{given} {family}"
        if key != "author":
            yield value


def _card_writers(meta: dict[str, str]) -> Iterator[str]:
    """The writer a Twitter card's label names (Yoast SEO writes "twitter:label1" =
    "Written by" and "twitter:data1" = the name, or "twitter:misc:Written by" = the
    name, where the author tag may hold an e-mail address)."""
    for key, value in meta.items():
        if key.startswith("twitter:label") and _WRITTEN_BY.fullmatch(value):
            named = meta.get("twitter:data" + key.removeprefix("twitter:label"))
            if named:
                yield named
        elif key.startswith("twitter:misc:") and _WRITTEN_BY.fullmatch(key[13:]):
            yield value


# --- the byline printed after the title ----------------------------------------------


def _printed(
    page: Page, title: LexborNode | None, container: LexborNode | None, people: list[str]
) -> Byline | None:
    """The byline printed in an element marked as one, after the title: the declared
    names when it says them too (their form is cleaner than a line that runs on into a
    job title) unless it lists more people, else its own names."""
    for node in _marked_after(page, title, container):
        line = _line(node)
        listed = _listed(node) if line else ""
        text = listed or line
        if not text or _account_link(node):
            continue
        if people and _agree(text, people) and not (listed and _more(listed, people)):
            return Byline(", ".join(people))
        name = clean_author(text)
        if name is not None and names_like(name):
            return split_byline(name)
    return None


def _account_link(node: LexborNode) -> bool:
    """The element links to the author page of a CMS account ("/author/admin/"): the
    name it shows is the account's, whoever wrote the story."""
    link = node if node.tag == "a" else node.css_first("a[href]")
    return link is not None and _account_page(link.attributes.get("href") or "")


def _account_page(address: str) -> bool:
    found = _AUTHOR_PAGE.search(address)
    return found is not None and is_placeholder(found.group(1))


def _line(node: LexborNode) -> str:
    """The names an element prints, as one line: its text up to a date, a separator
    or a reading time, without a label; empty when it is too long for a byline."""
    text = clean_line(node.text(separator=" "))
    if len(text) > _PRINTED_CHARS:
        return ""
    return strip_label(_NAMES_END.split(text, maxsplit=1)[0]).strip(_LIST_TRIM)


def _listed(node: LexborNode) -> str:
    """The names of an element that lists its people as like children (an <li> or a
    <div class="byline"> each), joined by commas; empty unless two at least are names.
    A footnote mark ("Xiaoying You0,") and a "show more" item ("…") are left out."""
    items = [(c, _line(c)) for c in node.iter(include_text=False) if c.tag != "script"]
    items = [(c, text) for c, text in items if any(ch.isalpha() for ch in text)]
    if len(items) < 2 or len({_kind(c) for c, _ in items}) > 1:
        return ""
    if not all(names_like(text) for _, text in items):
        return ""
    return ", ".join(text for _, text in items)


def _kind(node: LexborNode) -> tuple[str, str]:
    """An element's tag and first class name: the items of one list share both."""
    classes = (node.attributes.get("class") or "").split()
    return node.tag or "", classes[0] if classes else ""


def _more(printed: str, people: list[str]) -> bool:
    """The printed list names more people than the page declares (the list's names
    look like names: `_listed`)."""
    return len(_NAME_LIST.split(printed)) > len(people)


def _agree(printed: str, people: list[str]) -> bool:
    """The printed line names the declared people, or only some of them (a template
    that prints the first author): they agree, and the declared list is kept."""
    folded = fold(printed)
    if all(fold(name) in folded for name in people):
        return True
    said = fold(" ".join(people))
    names = [fold(n) for n in _NAME_LIST.split(printed) if n]
    return bool(names) and all(name in said for name in names)


def _marked_after(
    page: Page, title: LexborNode | None, container: LexborNode | None
) -> Iterator[LexborNode]:
    """The marked elements after the title in the page's order and in the story's
    block (the title's and the body's nearest common ancestor), outside comments,
    teasers, captions, quotations and the page's chrome. Without a title, after the
    page's first <h1> and beside it (a heading the title finder did not agree with: a
    kicker and a title in one), and without one, none: a byline is read where it
    stands, under the story's heading."""
    if title is not None and title.tag:
        scope = _common(title, container) if container is not None else title.parent
    else:
        title = next(iter(gather(page, "h1")), None)
        if title is None:
            return
        scope = title.parent  # the heading may be far from the body: its own block
    seen = False
    tries = 0
    # asked of the story's block alone: the whole page costs several times more
    # the title's tag is asked for only to find the title in the page's order
    for node in (scope or page.tree).css(f"{_MARKED}, {title.tag}"):
        if not seen:
            seen = node.mem_id == title.mem_id
            continue
        if node.tag in (title.tag, "a") and not _is_marked(node):
            continue  # a heading further down ("Negative Folgen"), a link to "/auto/"
        if node.tag in ("meta", "link", "script", "body", "html") or _elsewhere(node):
            continue
        tries += 1
        if tries > _PRINTED_TRIES:
            return
        yield node


def _is_marked(node: LexborNode) -> bool:
    """The element is marked as a byline (`_MARKED`, asked of its attributes)."""
    attrs = node.attributes
    said = f"{attrs.get('itemprop') or ''} {attrs.get('rel') or ''}".split()
    if node.tag == "a" and re.search(r"/auth?or", attrs.get("href") or "", re.IGNORECASE):
        return True
    return "author" in said or bool(_MARKED_CLASS.search(attrs.get("class") or ""))


def _common(one: LexborNode, other: LexborNode) -> LexborNode | None:
    """The nearest element that holds both nodes."""
    above = set()
    node: LexborNode | None = one
    while node is not None:
        above.add(node.mem_id)
        node = node.parent
    node = other
    while node is not None and node.mem_id not in above:
        node = node.parent
    return node


def _elsewhere(node: LexborNode) -> bool:
    current: LexborNode | None = node
    while current is not None and current.tag not in ("body", "html"):
        attrs = current.attributes
        names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        if current.tag in _ELSEWHERE_TAGS or _named_elsewhere(names):
            return True
        if current.tag == "a" and current is not node and _holds_more(current, node):
            return True  # a link to another story, its title and its byline: a teaser
        current = current.parent
    return False


def _holds_more(link: LexborNode, byline: LexborNode) -> bool:
    """The link says more than the byline it holds (a story's title): no link to the
    writer's own page."""
    return len(link.text(strip=True)) > len(byline.text(strip=True)) + _LINK_MORE


@lru_cache(maxsize=4096)
def _named_elsewhere(names: str) -> bool:
    """Class and id names, read as words, say the element belongs to something else."""
    return any(word.lower() in _ELSEWHERE for word in _WORD.findall(names))
