"""Text for people's terminals: never a control character taken from a page.

Titles, bodies, URLs and server messages come from pages nobody here controls. A
terminal obeys some characters rather than showing them (clear the screen, set the
window's title, forge a hyperlink, move the cursor); printed raw, a page could do
all that to whoever reads `show`, `search` or a cron mail. Everything archiver
prints for a person goes through `visible`; JSON goes through `json_text`, which
keeps the text as stored with every such character escaped.
"""

from __future__ import annotations

import json
import os
import re
from typing import TextIO

# Characters a terminal obeys rather than shows: C0 controls (line breaks and tabs
# aside), DEL, C1 controls (8-bit CSI among them) and the bidirectional overrides.
# Text from pages and URLs is printed with each of them escaped ("\\x1b"), so that a
# title cannot clear a screen, set a window's title or forge a link.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# In JSON, C0 controls are escaped by json itself; C1 controls and DEL are not.
_JSON_RAW = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """text with every control character escaped: what a person's terminal shows."""
    return _CONTROLS.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def json_text(data: object, indent: int | None = 2) -> str:
    """data as JSON (one line when `indent` is None), every control character escaped:
    the text as stored, which no terminal or pipe reading it will obey."""
    dumped = json.dumps(data, ensure_ascii=False, indent=indent)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def styled(stream: TextIO) -> bool:
    """True when text for stream may carry styling (bold): a terminal, with NO_COLOR
    unset or empty (no-color.org) and TERM not "dumb"."""
    return live(stream) and not os.environ.get("NO_COLOR")


def live(stream: TextIO) -> bool:
    """True when stream is a terminal that can redraw a line (progress): not a pipe
    or a file, and TERM not "dumb"."""
    return os.environ.get("TERM") != "dumb" and stream.isatty()
