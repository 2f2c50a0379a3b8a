"""The site itself as search engines read it: a schema.org ``WebSite`` with a
``SearchAction`` (the home page's JSON-LD), pointing at the language's search
page, which opens with ``?q=`` filled in and its results shown (issue 22)."""

from __future__ import annotations

from typing import Any

from newsroom.model import urls
from newsroom.settings import Settings

# The search page's path in each language (docs/<lang>/search.md) and its
# query parameter (the header's search form sends it; the page reads it).
SEARCH_PAGE = "search/"
QUERY_PARAMETER = "q"
# The placeholder of the SearchAction's URL template.
TERM = "search_term_string"


def search_url(settings: Settings, lang: str) -> str:
    """The absolute URL of ``lang``'s search page."""
    return urls.absolute(settings.site_url, urls.url(lang, SEARCH_PAGE, settings.default_language))


def website_jsonld(site_name: str, settings: Settings, lang: str) -> dict[str, Any]:
    """The ``WebSite`` of ``lang``'s home page, searchable at
    ``<site>/[<lang>/]search/?q={search_term_string}``."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": site_name,
        "url": urls.absolute(settings.site_url, urls.url(lang, "", settings.default_language)),
        "inLanguage": lang,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{search_url(settings, lang)}?{QUERY_PARAMETER}={{{TERM}}}",
            },
            "query-input": f"required name={TERM}",
        },
    }


def search_context(settings: Settings, lang: str, bundles: int) -> dict[str, Any]:
    """What the header's search box reads (``news_search`` in the theme's page
    context, overrides/partials/header.html): site-relative paths of
    ``lang``'s search page, its first Pagefind bundle and its further
    ``bundles - 1`` ones (newsroom/outputs/search.py's ``bundle_path``),
    and the module to import (``search_engine``)."""
    from newsroom.outputs.search import bundle_path

    prefix = urls.url(lang, "", settings.default_language)
    return {
        "page": prefix + SEARCH_PAGE,
        "bundle": prefix + "pagefind/",
        "more": [prefix + "pagefind/" + bundle_path(number) for number in range(1, max(1, bundles))],
        "engine": prefix + search_engine(settings, lang),
    }


def search_engine(settings: Settings, lang: str) -> str:
    """The module the search imports (Pagefind's API), relative to the
    language's root: the word forms' (outputs/wordforms.py) in front of
    Pagefind where the language's search knows word forms, else Pagefind's."""
    from newsroom.outputs import wordforms

    if lang in settings.word_forms:
        return wordforms.FOLDER + wordforms.MODULE
    return "pagefind/pagefind.js"
