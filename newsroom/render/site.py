"""One language's news site as a list of pages to generate, with their
metadata and HTML, independent of MkDocs (the hooks only adapt it)."""

from __future__ import annotations

import re
from html import unescape
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from markupsafe import Markup, escape

from newsroom.content.bodies import clean
from newsroom.content.problems import Problem
from newsroom.model.pictures import copy_name, fallback_width
from newsroom.render.pictures import text_pictures
from newsroom.render.video import videos
from newsroom.model import urls
from newsroom.model.labels import LABELS
from newsroom.model.stories import Catalog
from newsroom.model.plan import Listing, Plan, StoryPage, plan
from newsroom.render.fragments import Renderer
from newsroom.render.seo import head_context, story_image, story_jsonld
from newsroom.settings import Settings


class Parts(NamedTuple):
    head: str
    before: str   # a story's header, or a listing's whole content
    after: str    # a story's footer


_TAGS = re.compile(r"<[^>]*>")


@dataclass(slots=True)
class Generated:
    """A page the news engine adds to the site in one language. (Slotted,
    and what is read once per page computed when read: a national portal
    has tens of thousands of them in each of two processes.)"""

    lang: str
    path: str                 # language-neutral path, such as news/page/2/
    dest_uri: str             # the file written
    url: str                  # site-relative URL
    title: str
    spec: StoryPage | Listing
    languages: tuple[str, ...]    # the site's, the default first

    @property
    def description(self) -> str:
        """A story's excerpt; a listing's description (what it lists, by kind)."""
        if self.is_story:
            return self.spec.version.excerpt
        words = LABELS[self.lang]
        text = words[f"desc_{self.spec.kind}"].format(label=self.spec.term_label)
        return text if self.spec.number == 1 else f"{text} {words['desc_page'].format(number=self.spec.number)}"

    @property
    def src_uri(self) -> str:
        """Where MkDocs believes its source is (for relative links)."""
        if not self.is_story and self.spec.kind in ("events", "vacancies") and self.path in (urls.EVENTS, urls.VACANCIES):
            return f"{self.lang}/{self.path.rstrip('/')}.md"
        return f"{self.lang}/{self.path}index.md"

    @property
    def alternates(self) -> dict[str, str]:
        """Language -> URL of the versions of this page that exist."""
        default = self.languages[0]
        versions = self.spec.story.versions if self.is_story else self.languages
        return {lang: urls.url(lang, self.path, default) for lang in self.languages if lang in versions}

    @property
    def switch(self) -> dict[str, str]:
        """Language -> URL for the language switcher: a story's version, else
        that language's news."""
        alternates = self.alternates
        default = self.languages[0]
        return {lang: alternates.get(lang) or urls.url(lang, urls.NEWS, default) for lang in self.languages}

    @property
    def is_story(self) -> bool:
        return isinstance(self.spec, StoryPage)

    @property
    def markdown(self) -> str:
        """What MkDocs renders: a story's body (decompressed when asked for);
        nothing for a listing."""
        if isinstance(self.spec, StoryPage):
            # A leading blank line: MkDocs must not read MultiMarkdown metadata from the body.
            return "\n" + self.spec.version.body
        return "\n"

    @property
    def framed(self) -> bool:
        """A listing page that is not in the navigation: written into a frame
        (see ``Frames``) instead of being rendered by the theme one by one."""
        return not self.is_story and not (self.spec.number == 1 and self.spec.kind in ("all", "events", "vacancies"))

    @property
    def depth(self) -> int:
        return self.path.count("/")


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
        # Stories oldest first: a new story comes last (the search index's
        # bundles before it stay as they were: speed/incremental.py).
        self.pages: list[Generated] = [self._story(p) for p in reversed(self.plan.stories)]
        self.pages += [self._listing(p) for p in self.plan.listings]
        self.by_dest = {page.dest_uri: page for page in self.pages}
        # Paths of the listings rendered by the theme one by one (in the navigation).
        self.unframed_listings = frozenset(p.path for p in self.pages if not p.is_story and not self.is_framed(p))
        self.labels_key = (tuple(
            (kind, term.id, tuple(sorted(term.labels.items())), term.also)
            for kind, terms in (("c", catalog.categories), ("r", catalog.regions), ("t", catalog.tags))
            for term in terms.values()))

    # -- URLs -----------------------------------------------------------------
    def url(self, path: str, lang: str | None = None) -> str:
        return urls.url(lang or self.lang, path, self.settings.default_language)

    # -- pages ----------------------------------------------------------------
    def _story(self, page: StoryPage) -> Generated:
        return Generated(
            lang=self.lang, path=page.path, dest_uri=urls.dest(self.lang, page.path, self.settings.default_language),
            url=self.url(page.path), title=page.version.title, spec=page, languages=self.settings.languages)

    def _listing(self, page: Listing) -> Generated:
        title = page.title if page.number == 1 else f"{page.title} ({LABELS[self.lang]['page']} {page.number})"
        return Generated(
            lang=self.lang, path=page.path, dest_uri=urls.dest(self.lang, page.path, self.settings.default_language),
            url=self.url(page.path), title=title, spec=page, languages=self.settings.languages)

    def searchable(self, dest_uri: str, name: str) -> bool:
        """Whether a page of this language goes into its search index:
        stories and knowledge pages (``name``: the knowledge page's file in
        its language folder), not listings nor the search page itself."""
        generated = self.by_dest.get(dest_uri)
        if generated is not None:
            return generated.is_story
        return name != "search.md"

    def search_record(self, page: Generated, body_html: str) -> str:
        """What the search indexes of a story's page besides its title: its
        summary (when it has one that its body does not already say) and its body."""
        summary = page.spec.version.summary if page.is_story else None
        if not summary or " ".join(summary.split()) in " ".join(unescape(_TAGS.sub(" ", body_html)).split()):
            return body_html
        return f"<p>{escape(summary)}</p>{body_html}"

    def search_terms(self, page: Generated) -> tuple[str, ...]:
        """The names a story is also found by (outputs/wordforms.py): its
        terms' labels in this language and their other names (``also:``),
        for every taxonomy that is searched."""
        if not page.is_story:
            return ()
        names: list[str] = []
        for taxonomy in self.plan.taxonomies:
            if taxonomy.searched:
                for term in taxonomy.terms_of(page.spec.story):
                    names.append(taxonomy.term_label(term, self.lang))
                    names.extend(taxonomy.term_also(term))
        return tuple(dict.fromkeys(names))

    def search_names(self) -> tuple[str, ...]:
        """Every name the language's stories are found by (``search_terms``)."""
        return tuple(dict.fromkeys(name for page in self.pages for name in self.search_terms(page)))

    def clean_body(self, page: Generated, html: str) -> tuple[str, list[Problem]]:
        """A story's body as rendered from its Markdown, through the allowlist
        of what a text may carry (``content/bodies.py``); a Problem per removal."""
        version, story = page.spec.version, page.spec.story
        # A picture of the story's folder, by its name or as MkDocs wrote its
        # link from this page (the folder is published once, at the
        # language-neutral path).
        folder = urls.story(story.day, story.slug)
        assets = {*story.assets, *(urls.relative(folder + name, page.url) for name in story.assets)}
        html, problems = clean(html, page.markdown, version.path, version.body_line - 1, assets,
                               fast=self.settings.fast_checks)
        link = urls.relative(folder, page.url)
        html, found = text_pictures(html, story, link, page.markdown, version.path, version.body_line - 1)
        # A paragraph that is only a video's link: click-to-play, made after
        # the allowlist (render/video.py), with the lead picture as its poster.
        lead = story.picture(story.image)
        poster = ("" if link == "./" else link) + copy_name(lead, fallback_width(lead), "jpg") if lead else None
        return videos(html, page.lang, poster, version.title), problems + found

    def is_framed(self, page: Generated) -> bool:
        """Whether a page is written into a frame (``frames``) rather than
        rendered by the theme."""
        return self.settings.frames and page.framed

    # -- what the hooks put on a page ----------------------------------------
    def meta(self, page: Generated) -> dict:
        """Page metadata for the theme: values escaped, since the theme's
        templates print them without autoescape."""
        return {"title": escape(page.title), "description": escape(page.description)}

    def parts(self, page: Generated) -> Parts:
        """What the news engine renders for a generated page: its <head> part
        and, for a story, the HTML before and after its body; for a listing,
        its whole content. Pure: the same page gives the same parts in any
        process (see ``offload``)."""
        head = str(self.head(page))
        if isinstance(page.spec, StoryPage):
            return Parts(head, str(self.renderer.story_header(page.spec, page.url)),
                         str(self.renderer.story_footer(page.spec, page.url)))
        return Parts(head, str(self.renderer.listing(page.spec, page.url)), "")

    @staticmethod
    def content(parts: Parts, body_html: str) -> Markup:
        return Markup(parts.before + body_html + parts.after)

    def head(self, page: Generated) -> Markup:
        """The news engine's part of a generated page's <head>."""
        settings = self.settings
        jsonld, og_type, image, extra = [], "website", None, None
        if isinstance(page.spec, StoryPage):
            story = page.spec.story
            jsonld = story_jsonld(story, self.lang, self.catalog, settings, self.site_name,
                                  urls.absolute(settings.site_url, page.url), self.now)
            og_type, image = "article", story_image(story)
        elif page.spec.kind == "category":
            extra = (urls.term("category", page.spec.term), page.spec.title)
        return self.page_head(page.url, page.title, page.description, page.alternates,
                              jsonld=jsonld, og_type=og_type, image=image, extra_feed=extra)

    def page_head(self, url: str, title: str, description: str, alternates: dict[str, str], *,
                  jsonld: list | None = None, og_type: str = "website", image: str | None = None,
                  extra_feed: tuple[str, str] | None = None) -> Markup:
        """The news engine's part of any page's <head> (knowledge pages too)."""
        head = head_context(lang=self.lang, settings=self.settings, site_name=self.site_name, title=title,
                            description=description, url=url, alternates=alternates, jsonld=jsonld or [],
                            og_type=og_type, image=image, extra_feed=extra_feed)
        return self.renderer.head(url, **head)

    def home_block(self, kind: str, current: str) -> Markup:
        return self.renderer.home_block(kind, current)

