"""Page -> Record: the one entry point of extraction.

`parse_page` never raises: a page that cannot be parsed comes back as
`Record(url=url, kind="other")` and the failure is logged with its URL.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from archiver.model import Record

log = logging.getLogger(__name__)


def parse_page(
    html: str, url: str, selectors: Mapping[str, str] | None = None, *, listing: bool = False
) -> Record:
    """Parse one decoded page into a Record; seed selectors override auto-detection.
    A page reached as a listing (`listing`) gives its links whatever its kind."""
    from archiver.extract.generic import extract  # late: generic imports discover, which imports us
    from archiver.extract.guard import tamed_utf8

    try:
        return extract(tamed_utf8(html), url, selectors, listing=listing)
    except Exception as exc:  # any input must yield a Record; the failure is logged, not lost
        log.warning("extraction failed for %s: %s: %s", url, type(exc).__name__, exc)
        return Record(url=url, kind="other")


__all__ = ["parse_page"]
