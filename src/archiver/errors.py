"""The exception tree of archiver.

    ArchiverError            anything the program reports as a clean one-line error
     ├── SeedError           a seed file is missing, unreadable or invalid (exit 2)
     ├── FetchError          a URL could not be fetched (recorded, the run goes on)
     ├── ExtractError        a page could not be parsed
     ├── StoreError          the archive cannot be opened or written
     │    └── MissingArchiveError  a read command's archive does not exist (exit 2)
     ├── LockedError         another fetch holds the archive's lock (exit 3)
     └── NotFoundError       an id or URL that is not in the archive

The CLI maps each to a message and an exit code; library code raises them with
the file, URL or key that went wrong in the message.
"""

from __future__ import annotations


class ArchiverError(Exception):
    """Base of every error archiver reports to its user."""


class SeedError(ArchiverError):
    """A seed file is missing, unreadable or invalid."""


class FetchError(ArchiverError):
    """A URL could not be fetched."""

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
