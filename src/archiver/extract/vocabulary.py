"""What extraction calls things: the class and id names it reads, and its thresholds.

The patterns on class and id names, and the numbers the heuristics weigh text,
links and scores against, live here, each with a name and a line on why it has
its value; the modules import them. (Word lists of page text, such as the
headings that end a story, stay with the code that reads them; guard.py keeps
its limits on hostile markup.) Patterns that overlap are built from the shared
word lists below, each matching exactly what it matched when written out whole.
"""

from __future__ import annotations

import re

from archiver.normalize import fold


def _either(*words: str) -> str:
    return "|".join(words)


def _whole(*words: str) -> str:
    """Words that count only as a whole name or a whole part of one ("nav", "top-nav"
    and "nav_bar", never "canvas")."""
    return r"(?:^|[\s_-])(?:" + _either(*words) + r")(?:$|[\s_-])"


def _spellings(word: str) -> tuple[str, ...]:
    """A pattern word with an optional hyphen ("lien-?quan") as the plain strings it
    matches: "lien-quan", "lienquan"."""
    if "-?" not in word:
        return (word,)
    head, tail = word.split("-?", 1)
    return tuple(f"{head}{joint}{rest}" for joint in ("-", "") for rest in _spellings(tail))


# --- shared word lists ---------------------------------------------------------------

# Menus, by their usual names.
MENU_WORDS = ("menu", "mainmenu", "main-menu", "nav", "navbar", "navigation")
# Breadcrumb trails: "breadcrumb(s)", Joomla's "pathway", Vietnamese "duong-dan".
TRAIL_WORDS = ("pathway", "duong-?dan")
CRUMB_WORDS = ("breadcrumbs?", *TRAIL_WORDS)
# Pagers.
PAGER_WORDS = ("pager", "paging", "pagination")
# Boxes of other stories: related, other news, "tin khác", "liên quan".
OTHER_STORY_WORDS = ("related", "other-?news", "tin-?khac", "lien-?quan")
# Cookie and consent dialogs (OneTrust's "ot-sdk-container" included): long paragraphs
# of legal prose that outscore a short story.
CONSENT_WORDS = ("onetrust", "ot-sdk", "cookie", "consent", "gdpr")

# --- page chrome ---------------------------------------------------------------------

# Page chrome by tag: never the main column, never the article.
CHROME_TAGS = frozenset({"header", "footer", "nav", "aside", "select"})
# Page chrome by class or id: header, menus, breadcrumb, pager, footer, banners, cookie
# dialogs, and the Wayback Machine's toolbar on an archived copy of a page that is gone.
CHROME_NAMES = re.compile(
    _whole("header", "footer", *MENU_WORDS, *CRUMB_WORDS, *PAGER_WORDS, "lfr-pagination",
           "top-?bar", "banner", "copyright")
    + "|" + _either(*CONSENT_WORDS, "wm-ipp"),
    re.IGNORECASE,
)  # fmt: skip
# A story's own blocks: inside them a header is the story's, not the page's.
CONTENT_TAGS = frozenset({"article", "main"})
# Chrome that stays chrome even inside an article, by tag...
HARD_CHROME_TAGS = frozenset({"nav", "footer", "aside", "select"})
# ... and by name: menus, breadcrumbs, pagers, footers.
HARD_CHROME_NAMES = re.compile(
    _whole(*MENU_WORDS, *CRUMB_WORDS, *PAGER_WORDS, "footer"), re.IGNORECASE
)
# The site's own blocks beside the story: a date or a byline in them is not the story's.
PAGE_CHROME_TAGS = frozenset({"footer", "nav", "aside"})
# A breadcrumb trail by its class or id: any "crumb", the trail words, a "path" or
# "navigator" word ("art-path", "site-navigator").
CRUMB_NAMES = re.compile(
    _either("crumb", *TRAIL_WORDS) + "|" + _whole("path", "navigator"), re.IGNORECASE
)
# A story's own header or footer (`<header class="entry-header">` around its title).
HEAD_OR_FOOT_NAMES = re.compile(r"header|footer", re.IGNORECASE)

# --- boxes beside the story ----------------------------------------------------------

# Side blocks of a listing: may hold repeated links, but lose against the main column.
SIDE_NAMES = re.compile(
    _either("sidebar", "side-?bar", "right", "aside", "widget", "box", "new-?news", "tin-?moi",
            "most", "xem-?nhieu", "hot", "related", "other", "lien-?quan", "tin-?khac"),
    re.IGNORECASE,
)  # fmt: skip
# Blocks beside the main column that list other stories ("most read", "related",
# "latest"): never a listing's list, however long; an article page shows only these.
ASIDE_NAMES = re.compile(
    _either("most-?read", "mostread", "most-?view", "popular", "doc-?nhieu", "xem-?nhieu",
            "related", "lien-?quan", "tin-?moi", "new-?news", "latest", "tin-?khac",
            "other-?news", "sidebar"),
    re.IGNORECASE,
)  # fmt: skip
# The same blocks by their heading ("Đọc nhiều", "Tin mới"), folded, whole.
ASIDE_HEADINGS = frozenset(
    fold(t)
    for t in (
        "Đọc nhiều", "Đọc nhiều nhất", "Tin đọc nhiều", "Xem nhiều", "Xem nhiều nhất",
        "Tin xem nhiều", "Tin mới", "Tin mới nhất", "Tin mới cập nhật", "Tin liên quan",
        "Bài viết liên quan", "Tin khác", "Các tin khác", "Tin cùng chuyên mục", "Tin đã đưa",
        "Các tin đã đưa", "Most read", "Most viewed", "Most popular", "Latest news",
        "Related news", "Related articles",
    )
)  # fmt: skip
# Side blocks whose dates belong to other articles, as plain lower-case substrings.
SIDE_WORDS = (
    "other", "related", *_spellings("lien-?quan"), *_spellings("tin-?khac"), "comment",
    "sidebar", "right-col",
)  # fmt: skip
SIDE_WIDGET_NAMES = re.compile("|".join(SIDE_WORDS), re.I)  # the same, case-blind
# Listing items, which carry their own sapo (never the page's summary).
LIST_ITEM_NAMES = re.compile(r"item|list", re.I)

# --- widgets in and around the body --------------------------------------------------

# A print button or link ("print", "btn-print", "print-link", "printfriendly"); print
# layout classes ("print-full", "printable--none") say how a block prints, not what it is.
PRINT_TOOLS = "btn|button|link|icon|friendly|page|article|this|box|tool"
# Widgets inside or right after an article body, by class/id, read as words (camelCase
# split, lower-cased: case-sensitive). Distinctive names count anywhere in a name
# ("postcomments", "tinlienquan"); short ones only where a word starts, or "APageRoot"
# reads as a pager, "blueprint" as a print button and "text-with-summary" (Drupal's
# body field) as a summary. A post classed "no-share no-comments" has neither;
# "teaser-content" is the metered wrapper of a whole story, "teaser_287866" a content
# module its CMS numbered. Joomla's "article-info" holds the category, date, author
# and hits, above or below the text.
WIDGET_NAMES = re.compile(
    r"(?<!no-)comment(?!ary)|binh-?luan|social|tool-?bar|" + _either(*OTHER_STORY_WORDS)
    + r"|quang-?cao|advert|breadcrumb|" + _either(*TRAIL_WORDS)
    + r"|pagination|newsletter|whatsapp|consent|cookie"
    r"|(?:^|[\s_.-])(?:y-?kien|(?<!no-)share(?!d)|print(?:$|\s|[-_]?(?:" + PRINT_TOOLS + "))"
    r"|ads?(?:$|[\s_-])|rating|poll"
    r"|tags?(?:$|\s)|pager|paging|pagenav|sapo|(?<!with-)summary|date-?view|view-content-author|sign-?up"
    r"|article-?info"
    r"|teaser(?!-?content|[-_]?\d)|tag-?box)"
)  # fmt: skip
# Blocks whose paragraphs are never the story: comments and other stories ("respond"
# the comment form, not "responsive").
NOT_STORY_NAMES = re.compile(
    r"comment(?!ary|s?[-_](?:enabled|open|closed|count|link|number|icon))|binh-?luan"
    r"|respond(?!s?ive)|(?:^|[\s_-])repl(?:y|ies)|" + _either(*OTHER_STORY_WORDS)
    + r"|(?:modal|dialog)(?!-off)|cookie|consent|dsgvo",
    re.IGNORECASE,
)  # fmt: skip
JS_HOOK = re.compile(r"(?:^|\s)js-\S*")  # a class that only hooks a script
# Class names that hide an element from sighted readers ("Article content" labels for
# screen readers, collapsed duplicates): never body text. "hidden" and its kin as whole
# class tokens only: "hidden-xs" shows on every screen but the smallest.
HIDING_CLASSES = frozenset({"hidden", "d-none", "u-hidden", "is-hidden", "hide", "invisible"})
# Blocks that caption a picture ("caption", "detail-img__description", "photo-credit").
CAPTION_NAMES = re.compile(
    r"caption|(?:img|image|photo|picture|foto|bild)[\w-]*(?:desc|legend|credit|source)", re.I
)
SCREEN_READER_NAMES = re.compile(
    r"visually-?hidden|sr-only|srlabel|screen-?reader|offscreen|element-invisible|a11y", re.I
)
# The same, case-sensitive, for ASCII names lower-cased (most): they miss faster, and
# ASCII has no case a lower-cased reading would lose ("İ").
CAPTION_NAMES_LOWER = re.compile(CAPTION_NAMES.pattern)
SCREEN_READER_NAMES_LOWER = re.compile(SCREEN_READER_NAMES.pattern)
ENTRY_NAMES = re.compile(r"(?:^|\s)h-?entry(?:$|\s)")  # hAtom's and microformats2's entry

# --- titles and leads ----------------------------------------------------------------

# An element named as a title by its class ("p.article-title", Joomla's "contentheading",
# Vietnamese "tieu-de"): a heading, not prose.
TITLE_NAMED = re.compile(r"title|headline|tieu|heading", re.IGNORECASE)
# Blocks that carry a story's lead by their class ("chapo", "article-teaser text--intro",
# "standfirst", "perex", "sapo"), between its heading and its body.
LEAD_NAMED = re.compile(
    r"lead(?!er)|intro|teaser|chapo|standfirst|abstract|perex|sapo|excerpt|summary"
    r"|description|sub-?title|deck|dek(?:$|[\s_-])",
    re.IGNORECASE,
)
# Headings that are not the story's title: its lead, a logo, a box's name, a byline
# (a byline's element shows a name, never the title).
NOT_TITLE_NAMES = re.compile(
    r"sapo|summary|lead|desc|intro|excerpt|teaser|logo|brand|site-?(?:title|name)|widget"
    r"|module-?title|box-?title|block-?title|portlet-?title|webpart|c_title|titlehead"
    r"|author|byline",
    re.IGNORECASE,
)
# A header by its name, and one named for a date (Blogger's "date-header").
HEADER_NAMES = re.compile(_whole("header"), re.I)
DATE_NAMES = re.compile(r"date", re.I)

# --- bylines ---------------------------------------------------------------------------

# The classes of the elements a template marks as a byline (printed._MARKED's).
BYLINE_NAMES = re.compile(r"author|byline|autor", re.IGNORECASE)
# Marked elements that name someone else: a commenter, the author of a teaser, a
# related story or a quotation, a photographer, an author's biography box and its tabs.
# (Not "form": ASP.NET wraps a whole page in <form id="form1">; a comment or search
# form says what it is in its other names.)
ELSEWHERE_WORDS = frozenset(
    {"comment", "comments", "teaser", "related", "caption", "credit", "credits", "image",
     "photo", "picture", "quote", "blockquote", "bio", "widget", "sidebar", "recommend",
     "recommended", "collection", "collections", "card", "share", "social", "search",
     "contact", "avatar", "popup", "modal", "newsletter", "about", "more", "follow", "reply",
     "nav", "menu", "tabs"}
)  # fmt: skip
# A line in an element so named (or of a heading's or a list's tag) labels what follows
# it, or is a button's ("分享让更多人看到", share it with more people): no byline.
LABEL_NAMES = re.compile(
    r"head|title|label|widget|tag|topic|box|teaser|related|share|social|\bh[1-6]\b",
    re.IGNORECASE,
)

# --- listings ------------------------------------------------------------------------

# The pager button that marks the page shown.
CURRENT_NAMES = re.compile(_whole("active", "current", "selected"), re.IGNORECASE)
# Class names that tell one item's post from another's (WordPress writes "post-12
# category-kinh-te tag-lua" on each): no part of what the items of a list share.
PER_POST_CLASSES = ("category-", "tag-", "format-", "status-", "post-", "type-")
# Body classes a CMS gives the page of one story: WordPress ("single-post",
# "postid-12"), Joomla's article view, Drupal's article node.
SINGLE_VIEW_NAMES = re.compile(
    r"(?:^|\s)(?:single-post|postid-\d+|page-id-\d+|view-article|node-type-article|page-node-type-article)"
    r"(?:$|\s)"
)
# Words a forum's software gives the page of one thread (its <body> class or id).
DISCUSSION_NAMES = re.compile(
    _whole("forum", "thread", "discussion", "viewtopic", "showthread"), re.IGNORECASE
)

# --- thresholds: text -----------------------------------------------------------------

PROSE_LINE = 100  # a paragraph this long is prose, not a label, an address or a title
PROSE_LINKS = 0.2  # share of link text a paragraph of prose may hold
LINK_LINE = 0.5  # share of link text that makes a line a link, not prose
SHORT_LINE = 60  # furniture lines (headings, toolbars) are never longer
MIN_PARAGRAPH = 25  # a paragraph shorter than this is a label, scored for nothing

# --- thresholds: the body container ---------------------------------------------------

CLIMB = 10  # how far up paragraph text is counted, and a body widened, for a container
SCORED_LEVELS = (1.0, 0.5)  # a paragraph scores its parent whole, its grandparent half
PARAGRAPH_SCORE_CAP = 600  # one paragraph scores at most this: a column is many of them
WIDEN = 1.6  # a parent holding this much more paragraph text is the real body
RANKED = 5  # the best-scored blocks tried, in order
STORY_SHARE = 0.2  # the title's story wins when it scores this share of the best block
STORY_HELD = 600  # paragraph text that makes the title's story more than a heading
FEW_CHARS = 1500  # a body this short may be written in <div>s rather than <p>s
DIV_BODY_WINS = 2  # a body of <div>s must hold this much more text than one of <p>s
FAMILY_OUTWEIGHED = 3  # a block elsewhere with this much more text beats the family's
LIST_LINK_DENSITY = 0.15  # share of linked text from which a container may be a list
# Widening may take in an ancestor with more links than that: the link lists it holds
# are dropped block by block as the body is read.
WIDEN_LINK_DENSITY = 0.25
LINK_BLOCK = 0.5  # share of link text that makes a block a list of links
SIBLING_PROSE = 80  # a paragraph of prose beside the best block, not a label
KEPT_PARAGRAPHS = 0.8  # share of a block's paragraph text left when its link blocks go
STORY_PARAGRAPHS = 600  # paragraph text that makes a story beside a box of links
LIST_HITS = 3  # links to listed articles that make a container a list of stories
PROSE_RUN = 3  # consecutive prose lines that make a story, whatever its links
FORM_SHARE = 0.8  # a <form> holding this share of the page's text is the page
CHROME_BLOCK_SHARE = 0.3  # a chrome-named block wrapping more of the page is no chrome
LINE_COST = 50  # what a line must hold to add to a run of prose (the second pass)

# --- thresholds: body lines ------------------------------------------------------------

TAIL_LINE = 100  # the closing toolbar's lines are never longer
TOOLBAR_LINES = 8  # nor are there more of them (a label, the buttons' names, tags)
REPEATED = 3  # a short line said this often in one body is a template's label
VIEW_LINE = 120  # a line stating the view count is never longer
FILE_LINE = 120  # a shorter line linking a file is its link text, not the story's
CAPTION_CHARS = 300  # a caption is never longer
REGISTER_ROWS = 3  # file links in one list or table that make it a register
DECLARED_MIN = 300  # a shorter JSON-LD articleBody is a teaser
# How much more text the declared body must hold to be taken: some sites declare
# the whole story and show part of it, and the part shown is what was published.
DECLARED_WINS = 3.0

# --- thresholds: leads -----------------------------------------------------------------

LEAD_CHARS = (60, 600)  # a sapo is a sentence or a few, never a label or a story
LEAD_STEPS = 60  # elements looked at between the heading and the body
LEAD_SIZE = (40, 1000)  # a lead block named so by its class
LEAD_WORDS = 8  # an unnamed lead says a sentence, not a label

# --- thresholds: dates and the page's own lines -------------------------------------------

DATE_LINE_CHARS = 160  # longer text is a paragraph, not a date or view-count line
BODY_DATE_LINE = 80  # a date line in the body may hold a label, a weekday and the views
BODY_DATE_PLACES = 2  # it opens or closes the body
TRAIL_LINKS = 6  # a trail is short; a menu that starts at the home page is longer
LEAF_CHARS = 300  # the article's own crumb after the links: its title at most
CUT_TITLE = 10  # a crumb cut from the title keeps at least this much of it

# --- thresholds: titles ------------------------------------------------------------------

TITLE_MIN_CHARS = 5  # a title is never shorter
TITLE_MAX_CHARS = 400  # nor longer
TITLE_PROBE = 40  # characters of a title to look for in the page's text
AGREEING_CHARS = 10  # a title held by another must be this long to agree with it
AGREEMENT_RATIOS = (0.6, 0.3)  # the length ratio of a held title that agrees 2, 1
TITLE_LINE_CHARS = (20, 250)  # a title named nowhere, on a line of its own
TITLE_LINE_SCOPE = 3  # levels above the prose's first paragraph such a title stands
SAME_TITLE = 20  # a title cut or extended by a site's name still holds this much

# --- thresholds: the page's kind ---------------------------------------------------------

MIN_BODY_CHARS = 300  # one paragraph this long is a story's prose
TWO_PARAGRAPH_CHARS = 120  # two short paragraphs must hold at least this much together
STORY_CHARS = 600  # three long paragraphs or more, together this long, make a story
PROSE_PARAS = 3  # paragraphs that make prose with no heading a story, not a notice
OUTWEIGHS = 2  # unheaded prose is the page's content when it has this much more text
LISTING_LINKS = 5  # article links that make a list of stories
BLOCK_PAGE = 600  # a block or CAPTCHA page says little more than that
MISSING_PAGE = 500  # a soft 404 says little more than that it found nothing
REGISTER_COLUMNS = 2  # register column names a table's first row must hold
REGISTER_TABLE_ROWS = 3  # a register's header and at least two documents
GALLERY_PICTURES = 3  # a gallery shows at least this many pictures
GALLERY_CHARS = 40  # and less text than this a picture
BETWEEN_STEPS = 200  # elements looked at between a heading and its prose
OPENING = 25  # a paragraph this long opens the prose

# --- thresholds: listings ----------------------------------------------------------------

LINK_TITLE_CHARS = 12  # a link's text shorter than this is no title ("Xem tiếp »")
LINK_TITLE_SPACES = 2  # titles are sentences: at least three words
SIDE_ANCESTORS = 6  # the nearest ancestors that may mark a link's list as a side box
ITEM_CLIMB = 5  # levels from a link up to the item that repeats in its list
MIN_GROUP = 2  # links a group must hold to be a list
LINK_TEXT_FULL = 120  # a link's text counts fully up to this (a title, not a word)
RICH_ITEM = 2.0  # what an item with a sapo, a picture or a date adds to its list
SIDE_GROUP = 0.4  # what a list in a side block keeps of its score
# From a list's first item up to the box whose title bar heads it: the nearest text
# before the item decides well before that, this only bounds a page of empty wrappers.
TITLE_BAR_CLIMB = 8
TITLE_BAR_CHARS = 60  # text this long before a list is content, not its title bar
FEATURED_CLIMB = 3  # from the first item: its list, and two blocks around that
FAMILY_FEATURED_CLIMB = FEATURED_CLIMB + 3  # a family's list sits deeper in its boxes
PAGER_BUTTON = 24  # a pager button's text is never longer
PAGE_WRAPPER = 0.5  # a child of <body> holding this share of its text wraps the page

# --- thresholds: bylines and dates -------------------------------------------------------

BYLINE_CHARS = 80  # a byline line (or a name in it) is never longer
BYLINE_WORDS = 12  # nor has more words
CASELESS_NAME = 8  # characters a name in a script without case seldom exceeds
BOLD_NAME_WORDS = 4  # words of the longest name a bold line opening the body may give
OPENING_LINES = 3  # lines of the body a byline opening it may stand on (after a kicker)
PRINTED_TRIES = 12  # marked elements looked at after the title
PRINTED_CHARS = 200  # a byline element longer than this is an author's box, not a byline
LINK_MORE = 30  # characters a link around a byline holds beyond it when it is a teaser
TIME_REACH = 24  # how far (characters) a time may sit from its date and still belong to it
