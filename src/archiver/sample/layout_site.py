"""A sample site whose every page is rendered through one layout of layouts.py.

`SamplePortal(layout_seeds=(7,))` serves it beside the three fixed sites, as
`layout-7`: one template per site, as on a real portal; seeds vary the layout.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar
from urllib.parse import parse_qsl, urlencode, urlsplit

from archiver.sample import menus
from archiver.sample.content import ArticleTruth, Story
from archiver.sample.layout_chrome import Href
from archiver.sample.layouts import (
    CONTENT_SITES,
    Layout,
    article_truth,
    render_article,
    render_listing,
    render_page,
    site_story,
)
from archiver.sample.render import Response, SampleSite, esc, today_in_vietnam


def _target_key(target: str) -> str:
    """A request target with its query sorted, so a crawler's canonical form matches."""
    parts = urlsplit(target)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path + (f"?{query}" if query else "")


class LayoutSite(SampleSite):
    """A site whose every page is rendered through one drawn layout."""

    layout: ClassVar[Layout]
    content: ClassVar[str]
    family = "layout"
    province = "Hậu Giang"
    listing_base = ""
    page_param = ""

    def __init__(self, articles: int, today: Callable[[], date] = today_in_vietnam) -> None:
        super().__init__(articles, today)
        self._articles = {_target_key(self.article_path(s)): s for s in self.stories}
        self._listings = {_target_key(self.listing_path(p)): p for p in range(1, self.pages + 1)}

    def make_story(self, index: int) -> Story:
        return site_story(self.content, index)

    def article_path(self, story: Story) -> str:
        return self.layout.article_path(story)

    def listing_path(self, page: int) -> str:
        return self.layout.listing_path(page)

    def file_paths(self, story: Story) -> list[str]:
        return [self.layout.fam.image(story, k) for k in range(len(story.images))]

    def truth(self, story: Story) -> ArticleTruth:
        return article_truth(self.layout, story, self.base_url)

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.stories) // self.layout.per_page))

    def page_stories(self, page: int) -> list[Story]:
        per = self.layout.per_page
        return self.stories[(page - 1) * per : page * per]

    def article_html(self, story: Story) -> str:
        ring = self.stories[story.index + 1 :] + self.stories[: story.index]
        return render_article(
            self.layout, story, self.base_url, ring[: self.layout.related_count], today=self.today()
        )

    def listing_html(self, page: int) -> str:
        most_read = sorted(self.stories, key=lambda s: -s.view_count)[:6]
        return render_listing(
            self.layout,
            self.page_stories(page),
            page,
            self.pages,
            site_url=self.base_url,
            most_read=most_read,
            today=self.today(),
        )

    def home_html(self) -> str:
        """The home page: a menu (the listing under a section word, then other links)
        in the layout's idiom, at the top of the main column or in the side one."""
        layout = self.layout

        def parts(href: Href) -> tuple[str, str]:
            news = [("Trang chủ", href("/")), (layout.home_label, href(self.listing_path(1)))]
            extra = [(t, href(p)) for t, p in menus.OTHER_LINKS[: layout.home_extras]]
            menu = menus.layout_menu(layout.home_menu, news, [*extra, menus.EXTERNAL])
            newest = menus.newest_block(
                [(s.title, href(self.article_path(s))) for s in self.stories[:5]]
            )
            if layout.home_menu_place == "side":
                return newest, f'<div class="box menu-box"><h3>Chuyên mục</h3>{menu}</div>'
            return menu + newest, ""

        return render_page(
            layout, esc(layout.site_name), parts, site_url=self.base_url, today=self.today()
        )

    def route(self, target: str) -> Response:
        key = _target_key(target)
        if urlsplit(target).path == "/":
            return _html(self.home_html())
        if key in self._articles:
            return _html(self.article_html(self._articles[key]))
        if key in self._listings:
            return _html(self.listing_html(self._listings[key]))
        return super().route(target)


def _html(text: str) -> Response:
    return Response(200, "text/html; charset=utf-8", text.encode("utf-8"))


def layout_site(
    seed: int, articles: int, today: Callable[[], date] = today_in_vietnam
) -> LayoutSite:
    """Site `layout-<seed>`: `articles` stories, every page in layout `seed`."""

    class Site(LayoutSite):
        name = f"layout-{seed}"
        title = Layout.draw(seed).site_name
        layout = Layout.draw(seed)
        content = CONTENT_SITES[seed % len(CONTENT_SITES)]

    return Site(articles, today)
