"""Page metadata beside the body: dates and view count (`published`, reading the
lines near the title that `datelines` finds), the section (`sections`), and the
summary, language and canonical address (`about`). What the cascade calls is
named here."""

from archiver.extract.meta.about import canonical, language, summary
from archiver.extract.meta.datelines import in_side_widget
from archiver.extract.meta.published import dates_and_views, own_dates
from archiver.extract.meta.sections import category

__all__ = [
    "canonical",
    "category",
    "dates_and_views",
    "in_side_widget",
    "language",
    "own_dates",
    "summary",
]
