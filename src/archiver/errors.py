"""The exception tree of archiver.

    ArchiverError            anything the program reports as a clean one-line error
     ├── SeedError           a seed file is missing, unreadable or invalid (exit 2)
     ├── FetchError          a URL could not be fetched (recorded, the run goes on)
     │    ├── FetchTimeout     no answer in the site's timeout (retried)
     │    ├── ProtocolError    the connection or the HTTP exchange failed (retried)
     │    ├── HttpStatus       the server answered an error status (retried: 429, 5xx)
     │    ├── TooLarge         the body is over the site's max_page_bytes
     │    ├── BrokenBody       the body's compression is broken
     │    ├── RedirectRefused  a redirect leaves the site, loops, or leads nowhere
     │    ├── RobotsRefused    robots.txt forbids the page or the host
     │    └── NotAllowed       the URL is outside the site, or no web address
     ├── ExtractError        a page could not be parsed
     ├── StoreError          the archive cannot be opened or written
     │    └── MissingArchiveError  a read command's archive does not exist (exit 2)
     ├── LockedError         another fetch holds the archive's lock (exit 3)
     └── NotFoundError       an id or URL that is not in the archive

The CLI maps each to a message and an exit code; library code raises them with
the file, URL or key that went wrong in the message.
"""

from __future__ import annotations

from typing import Self

# Statuses a second try may pass: too many requests, and the server's own failures.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class ArchiverError(Exception):
    """Base of every error archiver reports to its user."""


class SeedError(ArchiverError):
    """A seed file is missing, unreadable or invalid."""


class FetchError(ArchiverError):
    """A URL could not be fetched. Each subclass is one reason, and says by its type
    whether a second try may pass (`retryable`); `reason` is for people only."""

    def __init__(
        self,
        url: str,
        reason: str,
        *,
        status: int | None = None,
        attempts: int = 1,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.attempts = attempts
        self.retry_after = retry_after  # seconds the server asked us to wait, when it did

    @property
    def retryable(self) -> bool:
        """Whether a second try may pass: never, unless the kind of failure says so."""
        return False

    def after(self, attempts: int, note: str = "") -> Self:
        """The same failure as met after `attempts` tries, with a note on why the
        tries stopped: a new error, the one raised is never changed."""
        return type(self)(
            self.url,
            self.reason + note,
            status=self.status,
            attempts=attempts,
            retry_after=self.retry_after,
        )


class FetchTimeout(FetchError):
    """No answer within the site's timeout."""

    @property
    def retryable(self) -> bool:
        return True


class ProtocolError(FetchError):
    """The connection or the HTTP exchange failed (refused, reset, malformed)."""

    @property
    def retryable(self) -> bool:
        return True


class HttpStatus(FetchError):
    """The server answered with an error status; `status` holds it."""

    @property
    def retryable(self) -> bool:
        return self.status in RETRY_STATUSES


class TooLarge(FetchError):
    """The body is larger than the site allows."""


class BrokenBody(FetchError):
    """The body's compression is broken."""


class RedirectRefused(FetchError):
    """A redirect that is not followed: out of the site, a loop, too many hops, or
    one that names no web address."""


class RobotsRefused(FetchError):
    """robots.txt forbids the page, or the host (a server error on robots.txt, a
    Crawl-delay over archiver's cap)."""


class NotAllowed(FetchError):
    """The URL is outside the site's allowed_domains, or is no web address."""


class ExtractError(ArchiverError):
    """A page could not be parsed."""


class StoreError(ArchiverError):
    """The archive cannot be opened or written."""


class MissingArchiveError(StoreError):
    """A read command was pointed at an archive that does not exist (exit 2)."""


class LockedError(ArchiverError):
    """Another fetch holds the archive's lock."""


class NotFoundError(ArchiverError):
    """An id or URL that is not in the archive."""
