"""Page -> Record: the one entry point of extraction.

`parse_page` never raises: a page that cannot be parsed comes back as
`Record(url=url, kind="other", other_kind="error")` with the failure as its reason
and problem, and the failure is logged with its URL. A value that cannot be read
costs only itself: it is named in the record's `problems`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from archiver.extract.generic import extract
from archiver.extract.guard import tamed_utf8
from archiver.model import Record

log = logging.getLogger(__name__)
# The other_kind of a page whose extraction failed as a whole: a failure of that page
# (fetched again later, re-parsed by `reparse`), never a page of known kind.
FAILED = "error"


def parse_page(
    html: str, url: str, selectors: Mapping[str, str] | None = None, *, listing: bool = False
) -> Record:
    """Parse one decoded page into a Record; seed selectors override auto-detection.
    A page reached as a listing (`listing`) gives its links whatever its kind."""
    try:
        return extract(tamed_utf8(html), url, selectors, listing=listing)
    except Exception as exc:  # any input yields a Record, the failure said
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        log.warning("%s: %s", url, reason)
        return Record(
            url=url, kind="other", other_kind=FAILED, kind_reason=f"{FAILED}: {reason}",
            problems=(reason,),
        )  # fmt: skip


__all__ = ["FAILED", "parse_page"]
