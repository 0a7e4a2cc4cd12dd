"""The article body: its container, paragraphs, images, lead and attachments.

The modules, in the order a page meets them: `container` finds the element that
holds the story, `items` walks it into paragraphs and images, `lines` drops the
furniture among them, `lead` finds the sapo, `second` reads the page again when
the container held too little, `media` reads pictures and attached files, and
`density` measures how much of a block is link text.
What the cascade (generic.py) calls is named here.
"""

from archiver.extract.body.container import (
    Container,
    find_container,
    first_prose,
    opening_post,
    story_of,
)
from archiver.extract.body.items import Img, Para, read_items
from archiver.extract.body.lead import bold_lead, lead_block, read_as_body
from archiver.extract.body.lines import declared, images, paragraphs, view_lines
from archiver.extract.body.media import attachments, picture_url
from archiver.extract.body.second import fallback_items, template_items

__all__ = [
    "Container",
    "Img",
    "Para",
    "attachments",
    "bold_lead",
    "declared",
    "fallback_items",
    "find_container",
    "first_prose",
    "images",
    "lead_block",
    "opening_post",
    "paragraphs",
    "picture_url",
    "read_as_body",
    "read_items",
    "story_of",
    "template_items",
    "view_lines",
]
