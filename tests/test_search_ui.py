"""The site's search without a browser (issue 22): the home page's WebSite
JSON-LD with its SearchAction, what the header's box reads, the header and
search page templates (a plain GET form, no inline script), the stories'
dates in the index, and the assets' wiring in mkdocs.yml. The browser side
is in tests/browser/test_search.py."""

from __future__ import annotations

import json
import re
from datetime import date
from types import SimpleNamespace
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from newsroom.model.dates import long_date
from newsroom.outputs.search import result_meta
from newsroom.render.website import search_context, website_jsonld
from newsroom.settings import Settings

from conftest import REPO, html_pages, search_bundles

SITE = "Співпраця громад України та Польщі"
HEADER = REPO / "overrides" / "partials" / "header.html"
SEARCH_UI = REPO / "newsroom" / "render" / "templates" / "search_ui.html"
SCRIPT = REPO / "docs" / "uk" / "assets" / "news-search.js"
STYLE = REPO / "docs" / "uk" / "assets" / "news-search.css"


# --- the WebSite JSON-LD -------------------------------------------------------------

@pytest.mark.parametrize("lang, home, search", [
    ("uk", "https://example.org/", "https://example.org/search/"),
    ("en", "https://example.org/en/", "https://example.org/en/search/"),
])
def test_website_jsonld_has_a_search_action(lang, home, search):
    data = website_jsonld(SITE, Settings(site_url="https://example.org/"), lang)
    assert data["@context"] == "https://schema.org" and data["@type"] == "WebSite"
    assert data["name"] == SITE and data["url"] == home and data["inLanguage"] == lang
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"] == {"@type": "EntryPoint", "urlTemplate": search + "?q={search_term_string}"}
    assert action["query-input"] == "required name=search_term_string"
    # Filled in, the template is the language's search page with ?q=.
    filled = action["target"]["urlTemplate"].replace("{search_term_string}", "Полтава")
    assert filled.split("?")[0] == search and parse_qs(urlsplit(filled).query) == {"q": ["Полтава"]}
    # Plain JSON (the head serialises it with newsroom.render.fragments.jsonld).
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_website_jsonld_under_a_base_path():
    data = website_jsonld("Site", Settings(site_url="https://example.org/portal"), "en")
    assert data["url"] == "https://example.org/portal/en/"
    assert data["potentialAction"]["target"]["urlTemplate"] == \
        "https://example.org/portal/en/search/?q={search_term_string}"


def test_website_jsonld_is_safe_in_a_script_element():
    from newsroom.render.fragments import jsonld

    text = str(jsonld(website_jsonld('</script><script>alert(1)</script>', Settings(), "uk")))
    assert "<" not in text and json.loads(text)["name"] == '</script><script>alert(1)</script>'


# --- what the header's box reads --------------------------------------------------------

def test_search_context_names_every_bundle():
    settings = Settings()
    assert search_context(settings, "uk", 1) == {"page": "search/", "bundle": "pagefind/", "more": [],
                                                 "engine": "wordforms/pagefind.js"}
    assert search_context(settings, "en", 3) == {
        "page": "en/search/", "bundle": "en/pagefind/", "more": ["en/pagefind/2/", "en/pagefind/3/"],
        "engine": "en/pagefind/pagefind.js"}
    # A language whose search knows no word forms imports Pagefind itself.
    assert search_context(Settings(word_forms=()), "uk", 1)["engine"] == "pagefind/pagefind.js"


# --- a story's date in the index -----------------------------------------------------------

@pytest.mark.parametrize("dest, lang", [
    ("news/2025/12/04/forum/index.html", "uk"),
    ("en/news/2025/12/04/forum/index.html", "en"),
])
def test_result_meta_gives_a_storys_date(dest, lang):
    meta = HTMLParser(f"<body>{result_meta(dest, lang)}</body>")
    values = [node.attributes["data-pagefind-meta"] for node in meta.css("[data-pagefind-meta]")]
    assert values == [f"date:{long_date(date(2025, 12, 4), lang)}", "datetime:2025-12-04"]
    assert not meta.body.text(strip=True)   # nothing indexed as the page's text


@pytest.mark.parametrize("dest", ["index.html", "news/index.html", "en/news/2025/12/index.html",
                                  "news/2025/12/page/2/index.html", "about/index.html", "news/2025/13/40/x/index.html"])
def test_result_meta_is_empty_for_other_pages(dest):
    assert result_meta(dest, "uk") == ""


# --- the header template ---------------------------------------------------------------

def render_header(lang: str, page_url: str, base_url: str, news_search: dict | None = None) -> HTMLParser:
    """overrides/partials/header.html rendered by the theme's own Jinja
    environment (Material with overrides/), with a page context like the
    site's."""
    from mkdocs.theme import Theme

    env = Theme(name="material", custom_dir=str(REPO / "overrides"), language=lang).get_env()
    i18n = SimpleNamespace(config=SimpleNamespace(languages=[
        SimpleNamespace(locale="uk", default=True), SimpleNamespace(locale="en", default=False)]))
    config = {
        "site_name": SITE,
        "theme": {"language": lang, "palette": {"scheme": "default"}, "icon": {}, "features": []},
        "extra": {},
        "plugins": {"i18n": i18n},
        "repo_url": None,
    }
    context = {
        "config": config, "features": [], "base_url": base_url,
        "page": SimpleNamespace(url=page_url, title="Сторінка", meta={}),
        "nav": SimpleNamespace(homepage=SimpleNamespace(url="")),
    }
    if news_search is not None:
        context["news_search"] = news_search
    template = env.from_string('{% import "partials/language.html" as lang with context %}'
                               '{% include "partials/header.html" %}')
    return HTMLParser(template.render(**context))


def form_of(html: HTMLParser):
    forms = html.css("form.news-search")
    assert len(forms) == 1
    return forms[0]


@pytest.mark.parametrize("lang, page_url, base_url, action, bundle, label", [
    ("uk", "news/2025/11/01/forum/", "../../../../..", "../../../../../search/", "../../../../../pagefind/",
     "Пошук на сайті"),
    ("en", "en/news/", "../..", "../search/", "../pagefind/", "Search the site"),
    ("en", "en/", "..", "search/", "pagefind/", "Search the site"),
])
def test_header_form_without_news_search(lang, page_url, base_url, action, bundle, label):
    """Without the build's news_search the box still searches its own
    language: the paths from the build's language; data-more left out (the
    script then reads the bundles from the search page)."""
    form = form_of(render_header(lang, page_url, base_url))
    attributes = form.attributes
    assert attributes["action"] == action and attributes["method"] == "get"
    assert attributes["role"] == "search" and attributes["aria-label"] == label
    assert attributes["data-bundle"] == bundle and "data-more" not in attributes
    # The action, from the page, is the language's search page.
    target = urljoin("https://example.org/" + page_url, action)
    assert target == "https://example.org/" + ("" if lang == "uk" else "en/") + "search/"


def test_header_form_with_news_search():
    news_search = {"page": "en/search/", "bundle": "en/pagefind/", "more": ["en/pagefind/2/", "en/pagefind/3/"]}
    form = form_of(render_header("en", "en/news/2025/11/01/forum/", "../../../../../..", news_search))
    attributes = form.attributes
    assert attributes["action"] == "../../../../../search/"
    assert attributes["data-bundle"] == "../../../../../pagefind/"
    assert attributes["data-more"] == "../../../../../pagefind/2/ ../../../../../pagefind/3/"
    # One bundle: data-more is there, empty (nothing to fetch to find out).
    form = form_of(render_header("uk", "", ".", {"page": "search/", "bundle": "pagefind/", "more": []}))
    assert form.attributes["data-more"] == "" and form.attributes["action"] == "search/"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_header_box_is_a_labelled_search_field(lang):
    form = form_of(render_header(lang, "about/", ".."))
    field = form.css_first("input")
    assert field.attributes["name"] == "q" and field.attributes["type"] == "search"
    labels = form.css(f'label[for="{field.attributes["id"]}"]')
    assert len(labels) == 1 and labels[0].text(strip=True) == {"uk": "Пошук на сайті", "en": "Search the site"}[lang]
    status = form.css_first(".news-search__status")
    assert status.attributes["role"] == "status" and status.attributes["aria-live"] == "polite"
    assert "hidden" in form.css_first(".news-search__panel").attributes
    assert form.css_first(".news-search__all").attributes["href"] == form.attributes["action"]
    # Every word the script shows, in the page's language.
    words = {name[7:]: value for name, value in form.attributes.items() if name.startswith("data-t-")}
    assert {"searching", "none", "one", "other", "all", "error"} <= set(words)
    if lang == "uk":
        assert {"few", "many"} <= set(words) and "«{q}»" in words["none"]
    assert not form.css("script")


# --- no inline script (Content-Security-Policy, issue 24) ---------------------------------

def test_templates_have_no_inline_script():
    for path in (HEADER, SEARCH_UI):
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag, f"{path.relative_to(REPO)}: inline {tag}"


def test_search_page_fragment():
    """The search page's UI as the engine renders it: its bundles in
    data- attributes, Pagefind's script from the site, no inline script."""
    from newsroom.render.fragments import ROOT, environment

    def render(lang, more):
        html = environment().get_template("search_ui.html").render(
            lang=lang, link=lambda target: ROOT + target,
            lang_url=lambda path: ("" if lang == "uk" else f"{lang}/") + path,
            base_path="/", more_bundles=more,
            engine="wordforms/pagefind.js" if lang == "uk" else "pagefind/pagefind.js")
        return HTMLParser(html.replace(ROOT, "../"))

    html = render("en", ["2/", "3/"])
    root = html.css_first("#site-search")
    assert root.attributes["data-bundle"] == "../en/pagefind/"
    assert root.attributes["data-engine"] == "../en/pagefind/pagefind.js"
    assert root.attributes["data-more"] == "../en/pagefind/2/ ../en/pagefind/3/"
    assert root.attributes["data-base"] == "/" and root.attributes["data-date-label"] == "Date"
    assert [s.attributes.get("src") for s in html.css("script")] == ["../en/pagefind/pagefind-ui.js"]
    html = render("uk", [])
    assert html.css_first("#site-search").attributes["data-more"] == ""
    assert html.css_first("#site-search").attributes["data-engine"] == "../wordforms/pagefind.js"
    assert html.css_first("#site-search").attributes["data-date-label"] == "Дата"
    assert "JavaScript" in html.css_first("noscript").text()


# --- the script -----------------------------------------------------------------------------

def test_one_function_shapes_every_query():
    """expandQuery(term, lang) is defined once and every query goes through
    it (query()): the search page's processTerm and the header's search."""
    text = SCRIPT.read_text(encoding="utf-8")
    assert len(re.findall(r"function expandQuery\(term, lang\)", text)) == 1
    assert "window.newsSearch.expandQuery(term, LANG)" in text
    assert "processTerm: query" in text and "query(term)" in text
    # Pagefind is only ever imported by the header, when it is first focused.
    assert len(re.findall(r"(?<![\w.])import\((?!\))", text)) == 1
    assert "innerHTML" not in text   # results are built as nodes, never as HTML


def test_assets_exist():
    assert SCRIPT.is_file() and STYLE.is_file()


def test_search_assets_are_wired_in_mkdocs_yml():
    """The header's script and style are published for every page (the
    header's box shows results and opens on a phone only with them)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert "assets/news-search.css" in (config.get("extra_css") or []), \
        "mkdocs.yml: add `  - assets/news-search.css` under extra_css"
    assert "assets/news-search.js" in (config.get("extra_javascript") or []), \
        "mkdocs.yml: add `extra_javascript:` with `  - assets/news-search.js`"


# --- the built fixture site --------------------------------------------------------------

def test_every_page_has_one_search_form_to_its_languages_search_page(fixture_site):
    """Every page the theme writes (not the redirects of moved stories)."""
    site = fixture_site.site
    themed = 0
    for path in html_pages(site):
        url = path.relative_to(site).as_posix()
        html = HTMLParser(path.read_text(encoding="utf-8"))
        if html.css_first('meta[http-equiv="refresh"]') is not None:
            assert not html.css("form"), url
            continue
        themed += 1
        lang = html.css_first("html").attributes["lang"]
        form = form_of(html)
        page_url = "https://example.org/" + url
        if url.endswith("404.html"):
            page_url = "https://example.org/"   # served at any address: its links are absolute paths
        expected = "https://example.org/" + ("" if lang == "uk" else f"{lang}/") + "search/"
        assert urljoin(page_url, form.attributes["action"]) == expected, url
        assert form.css_first("input").attributes["name"] == "q"
        assert not form.css("script")
    assert themed > 20


def test_the_search_page_adds_no_inline_script(fixture_site):
    """The search page carries the same inline scripts as any other
    knowledge page: the theme's own."""
    def inline(url):
        return sorted(s.text() for s in fixture_site.html(url).css("script") if "src" not in s.attributes)

    for prefix in ("", "en/"):
        assert inline(prefix + "search/") == inline(prefix + "about/")
        srcs = [s.attributes["src"] for s in fixture_site.html(prefix + "search/").css("script[src]")]
        assert any(src.endswith("pagefind/pagefind-ui.js") for src in srcs), srcs


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_stories_carry_their_date_in_the_index(fixture_site, lang):
    prefix = "" if lang == "uk" else "en/"
    fragments = {url: fragment for bundle in search_bundles(fixture_site.site, lang)
                 for url, fragment in bundle.items()}
    story = fragments[f"/{prefix}news/2025/11/01/both-languages/"]
    assert story["meta"]["date"] == long_date(date(2025, 11, 1), lang)
    assert story["meta"]["datetime"] == "2025-11-01"
    # The meta is not searchable text.
    assert "2025-11-01" not in story["content"]
    # Pages that are not stories have no date.
    assert "date" not in fragments[f"/{prefix}about/"]["meta"]
