"""A sample portal: three CMS-shaped news sites served on 127.0.0.1, with the truth.

Tests, benchmarks and `archiver demo` crawl it and compare what they extract
with `SiteTruth`/`ArticleTruth`. See docs/sample-portal.md.
"""

from __future__ import annotations

from archiver.sample.content import ArticleTruth, SiteTruth
from archiver.sample.server import SamplePortal

__all__ = ["ArticleTruth", "SamplePortal", "SiteTruth"]
