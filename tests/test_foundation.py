"""Issue 2: the bilingual knowledge site, built for real with --strict."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from conftest import REPO, html_pages
from newsroom.render.knowledge import load_programme
from newsroom.settings import from_mkdocs_yml

KNOWLEDGE = ["", "programme/", "projects/", "about/", "search/"]
SITE_HOST = urlsplit("http://127.0.0.1:8000/").netloc
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def page_lang(site: Path, path: Path) -> str:
    return "en" if path.relative_to(site).parts[0] == "en" else "uk"


@pytest.mark.parametrize("url", KNOWLEDGE)
def test_every_knowledge_page_exists_in_both_languages(real_site, url):
    uk, en = real_site.html(url), real_site.html("en/" + url)
    assert uk.css_first("html").attributes["lang"] == "uk"
    assert en.css_first("html").attributes["lang"] == "en"
    assert uk.css_first("h1").text(strip=True) != en.css_first("h1").text(strip=True)


@pytest.mark.parametrize("url", KNOWLEDGE)
def test_language_switcher_leads_to_the_counterpart(real_site, url):
    for here, there, other in ((url, "en/" + url, "en"), ("en/" + url, url, "uk")):
        link = real_site.html(here).css_first(f'a.md-select__link[hreflang="{other}"]')
        target = urljoin("http://x/" + here, link.attributes["href"])
        assert target == "http://x/" + there


def test_html_lang_is_right_on_every_page(real_site):
    pages = html_pages(real_site.site)
    assert len(pages) > 40
    for path in pages:
        root = real_site.html(str(path.relative_to(real_site.site)))
        assert root.css_first("html").attributes["lang"] == page_lang(real_site.site, path), path


def test_no_request_to_another_host(real_site):
    """No script, stylesheet, image, frame or font comes from another host."""
    for path in html_pages(real_site.site):
        tree = real_site.html(str(path.relative_to(real_site.site)))
        for node in tree.css("script[src], link[href], img[src], iframe[src], source[src], video[src], audio[src]"):
            value = node.attributes.get("src") or node.attributes.get("href") or ""
            host = urlsplit(value).netloc
            assert host in ("", SITE_HOST), f"{path}: {node.tag} -> {value}"
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8")
    for css in real_site.site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        assert "fonts.googleapis" not in text and "@import url(http" not in text, css


def test_theme_words_are_in_the_page_language(real_site):
    uk, en = real_site.html(""), real_site.html("en/")
    # Material's own labels: the "skip to content" link and the language button.
    assert uk.css_first("a.md-skip").text(strip=True) == "Перейти до змісту"
    assert en.css_first("a.md-skip").text(strip=True) == "Skip to content"
    assert uk.css_first("title").text() != en.css_first("title").text()


def test_home_figures_equal_the_data_file(real_site):
    settings = from_mkdocs_yml(REPO)
    programme = load_programme(settings)
    data = yaml.safe_load((REPO / "data" / "programme.yml").read_text(encoding="utf-8"))
    assert [f["id"] for f in data["figures"]] == [f.id for f in programme.figures]
    for lang, url in (("uk", ""), ("en", "en/")):
        tree = real_site.html(url)
        shown = {node.attributes["data-figure"]: node.css_first("dd").text(strip=True)
                 for node in tree.css("[data-figure]")}
        assert shown == {f.id: f.display(lang) for f in programme.figures}
    uk = {n.attributes["data-figure"]: n.css_first("dd").text(strip=True) for n in real_site.html("").css("[data-figure]")}
    assert uk["officials"] == "25" and uk["applications"] == "19" and uk["projects_funded"] == "5"
    assert uk["final_meeting"] == "30 липня 2024"


def test_projects_overview_lists_project_pages_by_itself(tmp_path):
    """A project page with the declared fields shows up in the overview by itself."""
    import shutil

    from conftest import build, make_project

    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    for lang, title, community in (("uk", "Сортування відходів", "Громада А"),
                                   ("en", "Waste sorting", "Community A")):
        (docs / lang / "projects" / "waste.md").write_text(
            f"---\ntitle: {title}\ncommunity: {community}\narea: x\nperiod: \"02-06.2024\"\nresults: y\n---\n\n# {title}\n\nText.\n",
            encoding="utf-8")
    built = build(make_project(tmp_path / "project", docs=docs))
    for url, title in (("projects/", "Сортування відходів"), ("en/projects/", "Waste sorting")):
        links = built.html(url).css(".projects-list a")
        assert [a.text(strip=True) for a in links] == [title]
        assert urljoin("http://x/" + url, links[0].attributes["href"]) == f"http://x/{url}waste/"


def test_real_projects_overview_has_no_invented_projects(real_site):
    for url in ("projects/", "en/projects/"):
        tree = real_site.html(url)
        assert tree.css(".projects-list a") == []
        assert tree.css_first(".projects-none") is not None


def test_no_ukrainian_text_under_english_pages(real_site):
    """Cyrillic text on /en/ pages appears only inside an element marked lang="uk"."""
    for path in html_pages(real_site.site):
        if page_lang(real_site.site, path) != "en":
            continue
        tree = real_site.html(str(path.relative_to(real_site.site)))
        body = tree.css_first("body")
        for node in body.traverse(include_text=True):
            if node.tag != "-text" or not CYRILLIC.search(node.text_content or ""):
                continue
            parent, marked = node.parent, False
            while parent is not None and parent.tag != "html":
                if parent.attributes.get("lang", "en") != "en":
                    marked = True
                    break
                parent = parent.parent
            assert marked, f"{path}: {node.text_content!r}"
