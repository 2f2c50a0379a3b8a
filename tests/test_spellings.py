"""A story's language files in either spelling: ``uk.md`` / ``en.md``, or
``index.uk.md`` / ``index.en.md`` as the web editor writes them; never both
in one story (issue 23)."""

from __future__ import annotations

import shutil

from conftest import FIXTURES, build, make_project

from newsroom.content.loader import load_uncached
from newsroom.settings import Settings

UK = "---\ntitle: Форум у Полтаві\ncategory: forum\n---\n\nТекст.\n"
EN = "---\ntitle: Forum in Poltava\n---\n\nText.\n"


def _news(tmp_path, files: dict[str, str]):
    news = tmp_path / "news"
    folder = news / "2025" / "2025-11-01-forum"
    folder.mkdir(parents=True)
    for name in ("categories.yml", "regions.yml"):
        shutil.copy(FIXTURES / "site" / "news" / name, news / name)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return news


def test_the_web_editors_spelling_is_a_story(tmp_path):
    _news(tmp_path, {"index.uk.md": UK, "index.en.md": EN})
    loaded = load_uncached(Settings(root=tmp_path))
    assert loaded.problems == []
    [story] = loaded.catalog.stories
    assert set(story.versions) == {"uk", "en"} and story.original == "uk"
    assert story.versions["en"].path == "news/2025/2025-11-01-forum/index.en.md"


def test_two_spellings_in_one_story_are_rejected(tmp_path):
    _news(tmp_path, {"uk.md": UK, "index.en.md": EN})
    loaded = load_uncached(Settings(root=tmp_path))
    assert [p.format() for p in loaded.problems] == [
        "news/2025/2025-11-01-forum/index.en.md: file: mixes two spellings of the language files with "
        "news/2025/2025-11-01-forum/uk.md; keep one spelling per story: uk.md and en.md, "
        "or index.uk.md and index.en.md"]
    assert loaded.catalog.stories == []


def test_the_build_publishes_the_web_editors_spelling(tmp_path):
    news = _news(tmp_path / "src", {"index.uk.md": UK, "index.en.md": EN})
    built = build(make_project(tmp_path / "p", news))
    assert "Форум у Полтаві" in built.page_path("news/2025/11/01/forum/").read_text(encoding="utf-8")
    assert "Forum in Poltava" in built.page_path("en/news/2025/11/01/forum/").read_text(encoding="utf-8")
