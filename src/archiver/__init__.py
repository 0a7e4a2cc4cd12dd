"""archiver: scrape, archive and search Vietnamese provincial news portals."""

from __future__ import annotations

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/archiver-vn/archiver"
USER_AGENT = f"archiver/{__version__} (+{PROJECT_URL})"
