"""Drupal 7 sites (Lạng Sơn, An Giang communes): `/node/1973`, `?page=6`.

Drupal prints "Submitted by <account> on 18 October 2019" in English: the
account is the editorial desk, not the author. The print module serves
`/print/<nid>` with its own `print-` classes.
"""

from __future__ import annotations

from archiver.extract.cms.family import CmsFamily

FAMILY = CmsFamily(
    name="drupal",
    markers=("div.field-name-body", "div.view-content div.views-row", "div.print-content"),
    generator="drupal",
    title=("h1#page-title", "h1.print-title", "h1.page-title", "div.node h2.title"),
    date=("div.node div.submitted", "span.submitted", "div.print-created"),
    body=(
        # the body field, not its item: the file field beside it is the attachment box
        "div.node div.field-name-body",
        "div.print-content div.field-name-body",
        "div.print-content",
    ),
    summary=("div.field-name-field-sapo", "div.field-name-field-summary"),
    category=("div.breadcrumb", "div.print-breadcrumb", "div.field-name-field-category"),
    article_links=(
        "div.view-content div.views-row .views-field-title a",
        "div.view-content div.views-row h2 a",
    ),
    next_page=("li.pager-next a", "a[title='Go to next page']", "a[title='Đến trang tiếp']"),
)
