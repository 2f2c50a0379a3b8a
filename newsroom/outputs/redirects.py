"""Redirect pages: a story's old addresses (``aliases:``) lead to its page,
in each language.

Each is a small page of its own, not a page of the theme: a ``<meta
http-equiv="refresh">`` to the story's page in that language (relative, so
that it works under any address), the canonical link to it, ``noindex``, and
a plain link for a reader whose browser does not follow the refresh. They
are not listed anywhere: not in listings, feeds, the sitemap or the search
index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsroom.model import urls
from newsroom.outputs.csp import policy

if TYPE_CHECKING:
    from newsroom.render.site import NewsSite


def redirect_pages(site: NewsSite) -> dict[str, bytes]:
    """Output path -> the redirect page, for every alias of every story
    published in ``site``'s language (an untranslated story's alias leads to
    its original)."""
    settings, lang = site.settings, site.lang
    files: dict[str, bytes] = {}
    for entry in site.plan.entries:
        story = entry.story
        for alias in story.aliases:
            here = urls.url(lang, alias, settings.default_language)
            html = site.renderer.fragment(
                "redirect.html", "", title=entry.version.title,
                target=urls.relative(entry.url, here), canonical=urls.absolute(settings.site_url, entry.url),
                policy=policy([]))
            files[urls.dest(lang, alias, settings.default_language)] = str(html).encode("utf-8")
    return files
