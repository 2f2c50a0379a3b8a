"""Every use of MkDocs' private API (``newsroom_mkdocs/private.py``) still
works with the MkDocs installed: each test fails when MkDocs changes what it
relies on."""

from __future__ import annotations

import ast
import functools

import pytest
from mkdocs import utils as mkdocs_utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import PluginCollection
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from conftest import REPO
from newsroom_mkdocs import private
from newsroom_mkdocs.stories import StoryPage


def _config(tmp_path) -> MkDocsConfig:
    config = MkDocsConfig()
    (tmp_path / "docs").mkdir()
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    errors, warnings = config.validate()
    assert not errors
    return config


def _file(config: MkDocsConfig, name: str, content: str) -> File:
    file = File(name, src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
    file.content_string = content
    return file


def _page(tmp_path, markdown: str = "# A title\n\ntext\n"):
    config = _config(tmp_path)
    file = _file(config, "story.md", markdown)
    page = Page(None, file, config)
    page.read_source(config)
    return page, config, Files([file])


def test_the_url_cache_is_an_lru_cache():
    assert isinstance(mkdocs_utils._norm_parts, functools._lru_cache_wrapper)
    mkdocs_utils.get_relative_url("a/b/", "c/d/")
    assert mkdocs_utils._norm_parts.cache_info().currsize > 0
    private.clear_url_cache()
    assert mkdocs_utils._norm_parts.cache_info().currsize == 0


def test_the_url_cache_is_emptied_after_every_so_many_pages():
    cache = private.UrlCache(every=3)
    sizes = []
    for n in range(7):
        mkdocs_utils.get_relative_url(f"page-{n}/", "news/")
        cache.page_written()
        sizes.append(mkdocs_utils._norm_parts.cache_info().currsize)
    assert sizes[2] == 0 == sizes[5]  # emptied after the 3rd and the 6th page
    assert sizes[1] > 0 and sizes[4] > 0 and sizes[6] > 0


def test_the_title_from_render_is_what_page_title_reads(tmp_path):
    page, config, files = _page(tmp_path)
    page.render(config, files)
    assert private.title_from_render(page) == "A title" == page.title
    private.set_title_from_render(page, "Another")
    assert page.title == "Another"


def test_event_origins_name_the_handler_s_owner():
    plugins = PluginCollection()
    assert isinstance(plugins._event_origins, dict)

    class Plugin:
        def on_page_markdown(self, markdown, **kwargs):
            return markdown

    from mkdocs.plugins import BasePlugin

    class Real(BasePlugin):
        def on_page_markdown(self, markdown, **kwargs):
            return markdown

    plugins["real"] = Real()
    [handler] = plugins.events["page_markdown"]
    assert private.event_origin(plugins, handler) == "real"


def test_a_page_becomes_a_story_page_with_its_state(tmp_path):
    page, config, files = _page(tmp_path)
    before = dict(vars(page))
    private.become(page, StoryPage)
    assert isinstance(page, StoryPage) and vars(page) == before
    page.render(config, files)
    assert page.content == ""  # a StoryPage renders its body later
    page.render_body(config, files)
    assert "<h1" in page.content
    with pytest.raises(AssertionError):
        private.become(page, File)  # not a Page subclass


def test_an_emptied_file_is_still_removed_from_its_files(tmp_path):
    config = _config(tmp_path)
    file = _file(config, "a.md", "x")
    files = Files([file])
    files.remove(file)
    private.empty(file)
    assert vars(file) == {} and list(files) == []


def test_the_adapter_is_the_only_place_that_uses_private_mkdocs_api():
    """No other module of the adapter or the hooks reaches into MkDocs'
    private names (an underscore after a dot, on an object from MkDocs)."""
    for path in [REPO / "hooks" / "news_hooks.py", *sorted((REPO / "newsroom_mkdocs").glob("*.py"))]:
        if path.name == "private.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                owner = ast.unparse(node.value)
                standard = (owner, node.attr) in {("os", "_exit")}  # (the standard library's, not MkDocs')
                assert owner == "self" or owner.startswith("self.") or standard, f"{path.name}: {ast.unparse(node)}"
            if isinstance(node, ast.Attribute) and node.attr == "__class__":
                raise AssertionError(f"{path.name}: swaps a class outside private.py")
