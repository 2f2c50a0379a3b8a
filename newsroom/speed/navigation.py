"""The theme's primary navigation, rendered once for all the story pages
whose links to it come out the same.

Material renders the whole navigation into every page: for a national
portal's stories, a noticeable share of each page. A story is not in the
navigation, so the partial marks nothing active on its page, and its links
depend on the page only through MkDocs' ``url`` filter: a link's relative
form depends on how many folders deep the page is and on the folders it
shares with the target, which, for targets at most ``depth`` folders deep,
are among the page's first ``depth``. So the navigation is rendered once per
(page depth, first ``depth`` folders) and reused.

``PrimaryNav.render(context, caller)`` is called by the theme's override
(``overrides/main.html`` wraps Material's nav partial in
``news_primary_nav``); ``caller()`` renders the partial. Switched off
(``nav_cache``), it renders every page's navigation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit


class PrimaryNav:
    """The navigation HTML of one language build's story pages, by URL shape."""

    def __init__(self, is_story: Callable[[str], bool], enabled: bool = True) -> None:
        self.is_story = is_story  # dest_uri -> whether it is a story's page
        self.enabled = enabled
        self.html: dict[tuple, str] = {}
        self.depth: int | None = None
        self.pages: set[int] = set()  # ids of the pages in the navigation

    def render(self, context: Any, caller: Callable[[], str]) -> str:
        page = context.get("page")
        if not self.enabled or page is None or not self.is_story(page.file.dest_uri):
            return caller()
        if self.depth is None:
            nav = context.get("nav")
            self.depth = nav_depth(nav, context.get("config"))
            self.pages = {id(item) for item in getattr(nav, "pages", None) or []}
        if id(page) in self.pages:  # a story put in the navigation by hand: marked active there
            return caller()
        parts = page.url.strip("/").split("/")
        key = (len(parts), tuple(parts[:self.depth]))
        html = self.html.get(key)
        if html is None:
            html = self.html[key] = caller()
        return html


def nav_depth(nav: Any, config: Any) -> int:
    """How many folders deep the deepest target the navigation links to is
    (its pages, links and home; the theme's own files are under assets/, a
    folder no story's URL begins with)."""
    def depth(url: str | None) -> int:
        path = urlsplit(url or "").path.strip("/")
        return len(path.split("/")) if path else 0

    def items(children):
        for item in children or []:
            yield item
            yield from items(getattr(item, "children", None))

    home = ((config or {}).get("extra") or {}).get("homepage")
    urls = [getattr(item, "url", None) for item in items(getattr(nav, "items", None))]
    urls.append(getattr(getattr(nav, "homepage", None), "url", None))
    return max([depth(url) for url in urls + [home]] + [1])
