"""The authors taxonomy (issue 21's worked example): ``authors:`` in a
story's original, ids from ``news/authors.yml`` with a name in each
language; a page per author at /news/author/<id>/, the names on story pages,
JSON-LD ``author`` (Person). Copy this file's shape for a new taxonomy."""

from __future__ import annotations

import json
import shutil

from conftest import FIXTURES, load_news
from test_news import PREFIX, story_url

from newsroom.content.loader import load_uncached
from newsroom.settings import Settings

BOTH = "2025-11-01-both-languages"
NAMES = {"uk": ["Перша Авторка", "Другий Автор"], "en": ["First Author", "Second Author"]}


def test_a_page_per_author_lists_their_stories(fixture_site):
    for lang in ("uk", "en"):
        tree = fixture_site.html(f"{PREFIX[lang]}news/author/first-author/")
        assert NAMES[lang][0] in tree.css_first("h1").text()
        links = {a.attributes["href"] for a in tree.css(".news-entry__title a")}
        assert len(links) == 2  # both stories that name her, each once
        second = fixture_site.html(f"{PREFIX[lang]}news/author/second-author/")
        assert len(second.css(".news-entry__title a")) == 1


def test_a_story_names_its_authors_with_links(fixture_site):
    for lang in ("uk", "en"):
        meta = fixture_site.html(story_url(BOTH, lang)).css_first(".news-story__meta")
        links = [(a.text(), a.attributes["href"]) for a in meta.css("a") if "/author/" in a.attributes["href"]]
        assert [name for name, _ in links] == NAMES[lang]
        assert links[0][1].endswith("news/author/first-author/")


def test_json_ld_author_is_a_person_from_authors_and_never_the_source(fixture_site):
    for lang in ("uk", "en"):
        tree = fixture_site.html(story_url(BOTH, lang))
        article = next(b for b in (json.loads(s.text()) for s in tree.css('script[type="application/ld+json"]'))
                       if b["@type"] == "NewsArticle")
        assert [a["@type"] for a in article["author"]] == ["Person", "Person"]
        assert [a["name"] for a in article["author"]] == NAMES[lang]
        assert article["author"][0]["url"].endswith(f"{PREFIX[lang]}news/author/first-author/")
        assert article["isBasedOn"]["name"] and article["isBasedOn"]["name"] not in NAMES[lang]


def _story(authors: str) -> dict[str, dict[str, str]]:
    return {"2025/2025-11-01-x": {"uk": f"---\ntitle: Х\ncategory: forum\nauthors: {authors}\n---\n\nТекст.\n"}}


def test_an_unknown_author_is_named_with_its_line(tmp_path):
    news = tmp_path / "news"
    (news / "2025" / "2025-11-01-x").mkdir(parents=True)
    for name in ("categories.yml", "regions.yml", "authors.yml"):
        shutil.copy(FIXTURES / "site" / "news" / name, news / name)
    (news / "2025" / "2025-11-01-x" / "uk.md").write_text(
        "---\ntitle: Х\ncategory: forum\nauthors: [first-author, nobody]\n---\n\nТекст.\n", encoding="utf-8")
    problems = load_uncached(Settings(root=tmp_path)).problems
    assert [p.format() for p in problems] == [
        "news/2025/2025-11-01-x/uk.md:4: authors: 'nobody' is not an author in news/authors.yml; "
        "use one of: first-author, second-author (news/authors.yml)"]


def test_an_author_needs_a_name_in_each_language(tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    for name in ("categories.yml", "regions.yml"):
        shutil.copy(FIXTURES / "site" / "news" / name, news / name)
    (news / "authors.yml").write_text("first-author:\n  uk: Перша Авторка\n", encoding="utf-8")
    [problem] = load_uncached(Settings(root=tmp_path)).problems
    assert (problem.path, problem.line, problem.field) == ("news/authors.yml", 1, "first-author")
    assert "needs a label in each language" in problem.message


def test_authors_are_optional_and_reach_the_catalog(tmp_path):
    catalog, _ = load_news(tmp_path, _story("[]"))
    assert catalog.stories[0].authors == () and catalog.authors == {}
