"""HTML fragments of the news pages, rendered by Jinja2 with autoescape.

Every value from front matter reaches HTML through these templates, so it is
escaped; JSON-LD is serialised by ``json.dumps`` and made safe for a
``<script>`` element.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from itertools import groupby
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import urls
from .dates import long_date, month_name, when
from .excerpt import shorten
from .labels import LABELS
from .model import Catalog, event_is_past, vacancy_is_open
from .plan import Listing, Plan, StoryPage
from .settings import Settings


def jsonld(data: Any) -> Markup:
    """JSON for a <script type="application/ld+json">: no '<', '>' or '&' left raw."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsroom", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters["long_date"] = long_date
    env.filters["when"] = when
    env.filters["shorten"] = shorten
    env.filters["jsonld"] = jsonld
    return env


class Renderer:
    """Renders the fragments of one language's pages."""

    def __init__(self, catalog: Catalog, settings: Settings, plan: Plan):
        self.catalog = catalog
        self.settings = settings
        self.plan = plan
        self.lang = plan.lang
        self.env = environment()
        self.base = {
            "lang": self.lang,
            "t": LABELS[self.lang],
            "categories": catalog.categories,
            "regions": catalog.regions,
            "excerpt_chars": settings.excerpt_chars,
            "term_url": self.term_url,
            "lang_url": self.lang_url,
            "event_is_past": lambda event: event_is_past(event, plan.now),
            "vacancy_state": lambda story: vacancy_is_open(story, plan.now.date()),
        }

    def lang_url(self, path: str) -> str:
        return urls.url(self.lang, path, self.settings.default_language)

    def term_url(self, kind: str, term: str) -> str:
        return self.lang_url(urls.term(kind, term))

    def _render(self, name: str, current: str, **context: Any) -> Markup:
        def link(target: str) -> str:
            return urls.relative(target, current)

        template = self.env.get_template(name)
        return Markup(template.render(**self.base, link=link, **context))

    def story_header(self, page: StoryPage, current: str) -> Markup:
        tags = [self.catalog.tags[t] for t in dict.fromkeys(self.plan.taxonomies[1].terms_of(page.story))]
        return self._render("story_header.html", current, page=page, tags=tags)

    def story_footer(self, page: StoryPage, current: str) -> Markup:
        return self._render("story_footer.html", current, page=page)

    def listing(self, page: Listing, current: str) -> Markup:
        months = []
        if page.by_month:
            for key, items in groupby(page.entries, key=lambda e: e.story.day.replace(day=1)):
                months.append((month_name(key, self.lang), list(items)))
        feeds = []
        calendar = None
        if page.kind in ("all", "category"):
            base = urls.term(page.kind, page.term)
            feeds = [("rss", self.lang_url(base + urls.RSS)), ("atom", self.lang_url(base + urls.ATOM))]
        if page.kind == "events":
            calendar = self.lang_url(urls.ICS)
        return self._render("listing.html", current, page=page, months=months, feeds=feeds,
                            calendar=calendar)

    def home_block(self, kind: str, current: str) -> Markup:
        t = LABELS[self.lang]
        if kind == "latest":
            entries, more, more_label, empty = self.plan.latest, urls.NEWS, t["all_news"], t["nothing_yet"]
        elif kind == "events":
            entries, more, more_label, empty = self.plan.upcoming_events, urls.EVENTS, t["events"], t["no_events"]
        else:
            entries, more, more_label, empty = (self.plan.open_vacancies, urls.VACANCIES, t["vacancies"],
                                                t["no_vacancies"])
        return self._render("home_block.html", current, kind=kind, entries=entries,
                            more=self.lang_url(more), more_label=more_label, empty=empty)

    def head(self, current: str, **context: Any) -> Markup:
        return self._render("head.html", current, **context)

    def fragment(self, name: str, current: str, **context: Any) -> Markup:
        return self._render(name, current, **context)


def now_iso(now: datetime) -> str:
    return now.isoformat(timespec="seconds")
