"""HTML fragments of the news pages, rendered by Jinja2 with autoescape.

Every value from front matter reaches HTML through these templates, so it is
escaped; JSON-LD is serialised by ``json.dumps`` and made safe for a
``<script>`` element.
"""

from __future__ import annotations

import json
import os
import zlib
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, Template, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup

from newsroom.model import urls
from newsroom.model.dates import event_when, long_date, month_heading, when
from newsroom.model.excerpt import shorten
from newsroom.model.labels import LABELS
from newsroom.render.pictures import LEAD_SIZES, THUMB_SIZES, lead_picture
from newsroom.model.stories import Catalog, event_is_past, vacancy_is_open
from newsroom.model.plan import Listing, Plan, StoryPage
from newsroom.settings import Settings


# An entry (at most a few KB of UTF-8) packed as raw deflate with a 2 KB
# window and a small state: 7 us an entry, where zlib.compress's defaults
# (a 32 KB window, state of about 256 KB set up at each call) took 57 us,
# for about the same size.
_WBITS, _MEM_LEVEL = -11, 4


def _pack(html: str) -> bytes:
    packer = zlib.compressobj(1, zlib.DEFLATED, _WBITS, _MEM_LEVEL)
    return packer.compress(html.encode()) + packer.flush()


def jsonld(data: Any) -> Markup:
    """JSON for a <script type="application/ld+json">: no '<', '>' or '&' left raw."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsroom.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters["long_date"] = long_date
    env.filters["when"] = when
    env.globals["event_when"] = event_when
    env.filters["shorten"] = shorten
    env.filters["jsonld"] = jsonld
    return env


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory, for environments created again and
    again with the same templates (MkDocs makes a new theme environment for
    each language build and each preview rebuild), and in ``folder`` when one
    is given, for the next build (speed switch ``template_cache``). Jinja2
    checks each entry against its template's source (and its own version)
    before using it: an entry of another source is compiled again."""

    def __init__(self, folder: Path | None = None) -> None:
        self.data: dict[str, bytes] = {}
        self.folder = folder

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.data.get(bucket.key)
        if code is None and self.folder is not None:
            try:
                code = (self.folder / f"{bucket.key}.bc").read_bytes()
            except OSError:
                return
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = self.data[bucket.key] = bucket.bytecode_to_string()
        if self.folder is not None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                temporary = self.folder / f"{bucket.key}.{os.getpid()}.tmp"
                temporary.write_bytes(code)
                os.replace(temporary, self.folder / f"{bucket.key}.bc")
            except OSError:
                pass  # (compiled again next time)


# Links in fragments are written from the site root behind this marker and
# made relative to each page at the end ("../" per folder level), so that an
# entry is rendered once and reused on every listing page that shows it.
ROOT = "\ue000"
# The title's opening tag in an entry as entry.html writes it at the h2 level
# (tests/test_entries.py renders every level both ways); the title's text is
# escaped, so the next "</h2>" closes it.
_TITLE_OPEN = '<h2 class="news-entry__title">'


def root_prefix(current: str) -> str:
    """``../`` once per folder of the page at ``current`` (site-relative)."""
    folder = current if current.endswith("/") or not current else current.rsplit("/", 1)[0] + "/"
    return "../" * folder.count("/")


class Renderer:
    """Renders the fragments of one language's pages."""

    def __init__(self, catalog: Catalog, settings: Settings, plan: Plan):
        self.catalog = catalog
        self.settings = settings
        self.plan = plan
        self.lang = plan.lang
        self.env = environment()
        self.t = LABELS[self.lang]
        self._entries: dict[str, bytes] = {}  # UTF-8, raw deflate (``_pack``)
        self.base = {
            "lang": self.lang,
            "t": self.t,
            "categories": catalog.categories,
            "regions": catalog.regions,
            "authors": catalog.authors,
            "excerpt_chars": settings.excerpt_chars,
            "term_url": self.term_url,
            "lang_url": self.lang_url,
            "link": lambda target: ROOT + target,
            "entry": self.entry,
            "event_status": self.event_status,
            "vacancy_status": self.vacancy_status,
            "picture": self.picture,
        }
        # Compiled when first used: a build's own process renders only heads
        # and home blocks (its helper process renders the rest).
        self.templates: dict[str, Template] = {}

    def template(self, name: str) -> Template:
        template = self.templates.get(name)
        if template is None:
            template = self.templates[name] = self.env.get_template(name)
        return template

    def lang_url(self, path: str) -> str:
        return urls.url(self.lang, path, self.settings.default_language)

    def term_url(self, kind: str, term: str) -> str:
        return self.lang_url(urls.term(kind, term))

    def _badge(self, kind: str) -> Markup:
        return Markup('<span class="news-badge news-badge--{}">{}</span>').format(kind, self.t[kind])

    def event_status(self, story) -> Markup:
        if story.event is None:
            return Markup("")
        return self._badge("past" if event_is_past(story.event, self.plan.now) else "upcoming")

    def vacancy_status(self, story) -> Markup:
        """Open or closed by the deadline; a vacancy without one is never
        called open ("no deadline given")."""
        state = vacancy_is_open(story, self.plan.now.date())
        if state is None:
            return self._badge("undated") if story.is_vacancy else Markup("")
        return self._badge("open" if state else "closed")

    def picture(self, story, kind: str) -> Markup:
        """A story's lead picture: under the title of its page ("lead",
        loaded at once), or beside it in listings ("thumb", lazily)."""
        folder = ROOT + urls.story(story.day, story.slug)
        if kind == "lead":
            return lead_picture(story, self.lang, folder, lazy=False, sizes=LEAD_SIZES, css="news-lead")
        return lead_picture(story, self.lang, folder, lazy=True, sizes=THUMB_SIZES, css="news-thumb",
                            largest=960)

    def entry(self, entry, heading: str = "h2") -> Markup:
        """A listing entry, rendered once per story (as ``h2``; another level
        is that text with its title's two tags renamed: one copy of each
        story's entry is kept, not one per level), and kept compressed,
        decompressed at each use (the 2,088 entries of the benchmark's
        corpus at N = 1000, both languages: 818 bytes of UTF-8 on average,
        463 packed by ``_pack``; 469 by ``zlib.compress`` at level 1)."""
        packed = self._entries.get(entry.story.id)
        if packed is None:
            html = Markup(self.template("entry.html").render(**self.base, e=entry, heading="h2"))
            self._entries[entry.story.id] = _pack(html)
        else:
            html = Markup(zlib.decompress(packed, _WBITS).decode())
        if heading == "h2":
            return html
        start, end = html.split(_TITLE_OPEN, 1)
        title, rest = end.split("</h2>", 1)
        return Markup(f'{start}<{heading} class="news-entry__title">{title}</{heading}>{rest}')

    def rendered_entries(self) -> dict[str, bytes]:
        """Every entry rendered (or reused) so far, by story id, packed: what
        a --dirty build keeps for the next (``speed/kept_entries.py``)."""
        return dict(self._entries)

    def reuse_entries(self, entries: dict[str, bytes]) -> None:
        """Entries rendered by an earlier build of the same engine, by story
        id, as ``rendered_entries`` gave them."""
        self._entries.update(entries)

    def _render(self, name: str, current: str, **context: Any) -> Markup:
        html = self.template(name).render(**self.base, **context)
        return Markup(html.replace(ROOT, root_prefix(current)))

    def story_header(self, page: StoryPage, current: str) -> Markup:
        tags = [self.catalog.tags[t] for t in dict.fromkeys(self.plan.taxonomy("tag").terms_of(page.story))]
        return self._render("story_header.html", current, page=page, tags=tags)

    def story_footer(self, page: StoryPage, current: str) -> Markup:
        return self._render("story_footer.html", current, page=page)

    def listing(self, page: Listing, current: str) -> Markup:
        months = []
        if page.by_month:
            for key, items in groupby(page.entries, key=lambda e: e.story.day.replace(day=1)):
                months.append((month_heading(key, self.lang), list(items)))
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
        t = self.t
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
