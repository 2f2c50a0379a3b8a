"""One language's news site as a list of pages to generate, with their
metadata and HTML, independent of MkDocs (the hooks only adapt it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup, escape

from . import urls
from .labels import LABELS
from .model import Catalog
from .plan import Listing, Plan, StoryPage, plan
from .render import Renderer
from .settings import Settings


@dataclass
class Generated:
    """A page the news engine adds to the site in one language."""

    lang: str
    path: str                 # language-neutral path, such as news/page/2/
    src_uri: str              # where MkDocs believes its source is (for relative links)
    dest_uri: str             # the file written
    url: str                  # site-relative URL
    title: str
    description: str
    markdown: str
    spec: StoryPage | Listing
    alternates: dict[str, str] = field(default_factory=dict)   # lang -> URL of existing versions
    switch: dict[str, str] = field(default_factory=dict)       # lang -> URL for the language switcher

    @property
    def is_story(self) -> bool:
        return isinstance(self.spec, StoryPage)


class NewsSite:
    """The news pages of one language build."""

    def __init__(self, catalog: Catalog, settings: Settings, lang: str, now: datetime, site_name: str = ""):
        self.catalog = catalog
        self.site_name = site_name
        self.settings = settings
        self.lang = lang
        self.now = now
        self.plan: Plan = plan(catalog, settings, lang, now)
        self.renderer = Renderer(catalog, settings, self.plan)
        self.pages: list[Generated] = [self._story(p) for p in self.plan.stories]
        self.pages += [self._listing(p) for p in self.plan.listings]
        self.by_dest = {page.dest_uri: page for page in self.pages}

    # -- URLs -----------------------------------------------------------------
    def url(self, path: str, lang: str | None = None) -> str:
        return urls.url(lang or self.lang, path, self.settings.default_language)

    def _src_uri(self, path: str, kind: str = "") -> str:
        if kind in ("events", "vacancies") and path in (urls.EVENTS, urls.VACANCIES):
            return f"{self.lang}/{path.rstrip('/')}.md"
        return f"{self.lang}/{path}index.md"

    # -- pages ----------------------------------------------------------------
    def _story(self, page: StoryPage) -> Generated:
        story = page.story
        alternates = {lang: self.url(page.path, lang) for lang in self.settings.languages
                      if lang in story.versions}
        switch = {lang: alternates.get(lang) or self.url(urls.NEWS, lang) for lang in self.settings.languages}
        return Generated(
            lang=self.lang, path=page.path, src_uri=self._src_uri(page.path),
            dest_uri=urls.dest(self.lang, page.path, self.settings.default_language),
            url=self.url(page.path), title=page.version.title, description=page.version.excerpt,
            # A leading blank line: MkDocs must not read MultiMarkdown metadata from the body.
            markdown="\n" + page.version.body, spec=page, alternates=alternates, switch=switch,
        )

    def _listing(self, page: Listing) -> Generated:
        alternates = {lang: self.url(page.path, lang) for lang in self.settings.languages}
        title = page.title if page.number == 1 else f"{page.title} ({LABELS[self.lang]['page']} {page.number})"
        return Generated(
            lang=self.lang, path=page.path, src_uri=self._src_uri(page.path, page.kind),
            dest_uri=urls.dest(self.lang, page.path, self.settings.default_language),
            url=self.url(page.path), title=title,
            description=title, markdown="\n", spec=page, alternates=alternates, switch=dict(alternates),
        )

    # -- what the hooks put on a page ----------------------------------------
    def meta(self, page: Generated) -> dict:
        """Page metadata for the theme: values escaped, since the theme's
        templates print them without autoescape."""
        return {"title": escape(page.title), "description": escape(page.description)}

    def content(self, page: Generated, body_html: str) -> Markup:
        if isinstance(page.spec, StoryPage):
            return (self.renderer.story_header(page.spec, page.url) + Markup(body_html)
                    + self.renderer.story_footer(page.spec, page.url))
        return self.renderer.listing(page.spec, page.url)

    def home_block(self, kind: str, current: str) -> Markup:
        return self.renderer.home_block(kind, current)
