"""Who wrote a page, and the organisation it came from.

Printed bylines come first, because they are what the reader sees and what a
citation names: the short line that closes the story, the element a seed or the
CMS family names, a byline element printed after the title (printed.py), then a
bold line of names opening the body. What the page declares (JSON-LD, <meta>) is
used when nothing is printed, and where a printed byline says the same names, for
their cleaner form. A site's own name, its
publisher, an organisation and a CMS account are never authors: an organisation
given as the author is the story's `source`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, partial
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from archiver.extract import printed
from archiver.extract.body import Para
from archiver.extract.bylines import (
    Byline,
    is_labelled,
    is_organisation,
    is_placeholder,
    names_like,
    read_byline,
    split_byline,
)
from archiver.extract.chrome import class_id
from archiver.extract.page import Page, candidates, first_node
from archiver.extract.vocabulary import BOLD_NAME_WORDS, LABEL_NAMES, OPENING_LINES
from archiver.normalize import clean_line, fold

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
    return printed.byline(page, title, container, people)


def _opening(paras: list[Para]) -> tuple[Byline | None, list[Para]]:
    """The byline a bold line of names opening the body is ("MTHOBISI SITHOLE" over
    the story's first paragraph, or under a kicker's lines), and the body without it."""
    for index, para in enumerate(paras[: min(OPENING_LINES, len(paras) - 1)]):
        if para.strong and not para.linked and _short_names(para.text):
            found = read_byline(para.text)
            if found is not None and found.author is not None:
                return found, paras[:index] + paras[index + 1 :]
    return None, paras


def _short_names(line: str) -> bool:
    """The line is a list of names of a few words each: not a document's heading in
    capitals ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") nor an office's name."""
    names = printed.NAME_LIST.split(line.replace("/", ","))
    return names_like(line) and all(len(n.split()) <= BOLD_NAME_WORDS for n in names)


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


# Tags whose line labels what follows it (see LABEL_NAMES).
_LABEL_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "th", "button"})


def _furniture(page: Page, line: str, container: LexborNode | None) -> bool:
    """The line is a heading, a label or a list item: the element that holds it, or its
    parent, is one by its tag or its class."""
    # asked of the body's container first: a query of the whole page costs more
    holders = _holders(container, line) if container is not None else []
    for node in holders or _holders(page.tree, line):
        current: LexborNode | None = node
        for _ in range(2):
            if current is None or current.tag in ("body", "html"):
                break
            if current.tag in _LABEL_TAGS or LABEL_NAMES.search(class_id(current)):
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
        if name and not any(printed.account_page(str(value.get(k) or "")) for k in ("@id", "url")):
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
