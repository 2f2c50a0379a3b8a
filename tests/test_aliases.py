"""Stories that move (issue 23): ``aliases:`` lists a story's old addresses,
each a redirect page in each language (meta refresh and canonical to the new
page, noindex), kept out of listings, feeds, the sitemap and the search;
``move`` renames the folder and adds the alias; ``check`` rejects an alias
that is a live address or another story's alias."""

from __future__ import annotations

import shutil
import subprocess
import sys

from selectolax.lexbor import LexborHTMLParser

from conftest import FIXTURES, REPO, build, make_project

from newsroom.content.loader import load_uncached
from newsroom.editors.cli import main
from newsroom.settings import Settings

UK = "---\ntitle: Форум у Полтаві\ncategory: forum\n{extra}---\n\nТекст.\n"
EN = "---\ntitle: Forum in Poltava\n---\n\nText.\n"


def _news(root, stories: dict[str, dict[str, str]]):
    news = root / "news"
    news.mkdir(parents=True)
    for name in ("categories.yml", "regions.yml"):
        shutil.copy(FIXTURES / "site" / "news" / name, news / name)
    for folder, files in stories.items():
        (news / folder).mkdir(parents=True)
        for name, text in files.items():
            (news / folder / name).write_text(text, encoding="utf-8")
    return news


def test_move_renames_the_folder_and_adds_the_alias(tmp_path, capsys):
    project = make_project(tmp_path / "p", _news(tmp_path / "src", {
        "2025/2025-11-01-forum": {"uk.md": UK.format(extra="# a comment that stays\ntags: [Полтава]\n"),
                                  "en.md": EN}}))
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "news"], cwd=project, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "story"],
                   cwd=project, check=True)
    code = main(["move", "news/2025/2025-11-01-forum", "--slug", "forum-hromad", "--date", "2025-11-02",
                 "--root", str(project)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "git mv" in out and "/news/2025/11/01/forum/ leads there" in out
    new = project / "news/2025/2025-11-02-forum-hromad"
    assert sorted(p.name for p in new.iterdir()) == ["en.md", "uk.md"]
    assert not (project / "news/2025/2025-11-01-forum").exists()
    text = (new / "uk.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Форум у Полтаві\ncategory: forum\n# a comment that stays\ntags: [Полтава]\n")
    assert "aliases: [/news/2025/11/01/forum/]" in text and text.endswith("---\n\nТекст.\n")
    status = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True).stdout
    assert "R  news/2025/2025-11-01-forum/en.md -> news/2025/2025-11-02-forum-hromad/en.md" in status
    loaded = load_uncached(Settings(root=project))
    assert loaded.problems == [] and loaded.catalog.stories[0].aliases == ("news/2025/11/01/forum/",)

    built = build(project)
    for prefix, title in (("", "Форум у Полтаві"), ("en/", "Forum in Poltava")):
        page = LexborHTMLParser(built.page_path(f"{prefix}news/2025/11/01/forum/").read_text(encoding="utf-8"))
        refresh = page.css_first('meta[http-equiv="refresh"]').attributes["content"]
        assert refresh == "0; url=../../02/forum-hromad/"
        assert page.css_first('link[rel="canonical"]').attributes["href"].endswith(
            f"{prefix}news/2025/11/02/forum-hromad/")
        assert page.css_first('meta[name="robots"]').attributes["content"] == "noindex"
        assert page.css_first("a").text() == title
        assert built.exists(f"{prefix}news/2025/11/02/forum-hromad/")
        assert "forum/" not in [a.attributes["href"].rsplit("11/", 1)[-1]
                                for a in built.html(f"{prefix}news/").css("main a")]
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "2025/11/01/forum/" not in sitemap and "2025/11/02/forum-hromad/" in sitemap
    assert "2025/11/01/forum/" not in (built.site / "news/rss.xml").read_text(encoding="utf-8")
    assert not any("11/01/forum" in p.read_text(encoding="utf-8", errors="replace")
                   for p in (built.site / "pagefind").rglob("*.json"))


def test_check_rejects_an_alias_that_is_a_live_address_or_another_story_s(tmp_path):
    root = tmp_path
    _news(root, {
        "2025/2025-11-01-forum": {"uk.md": UK.format(extra="aliases: [/news/2025/11/02/other/]\n")},
        "2025/2025-11-02-other": {"uk.md": UK.format(extra="")},
        "2025/2025-11-03-third": {"uk.md": UK.format(extra="aliases:\n  - /news/2025/10/01/old/\n")},
        "2025/2025-11-04-fourth": {"uk.md": UK.format(extra="aliases: [news/2025/10/01/old]\n")},
    })
    problems = sorted(p.format() for p in load_uncached(Settings(root=root)).problems)
    assert problems == [
        "news/2025/2025-11-01-forum/uk.md:4: aliases: /news/2025/11/02/other/ is the address of "
        "news/2025/2025-11-02-other; remove it: only an address the story no longer has redirects",
        "news/2025/2025-11-04-fourth/uk.md:4: aliases: /news/2025/10/01/old/ is already an alias of "
        "news/2025/2025-11-03-third; an old address can lead to one story only: remove it here or there",
    ]


def test_an_alias_that_is_not_a_story_address_is_named(tmp_path):
    _news(tmp_path, {"2025/2025-11-01-forum": {"uk.md": UK.format(extra="aliases: [/about/]\n")}})
    [problem] = load_uncached(Settings(root=tmp_path)).problems
    assert (problem.line, problem.field) == (4, "aliases")
    assert "'/about/' is not a story's address" in problem.message
