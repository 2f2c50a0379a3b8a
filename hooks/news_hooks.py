"""MkDocs hooks: the events the news engine listens to, each handed to the
adapter (``newsroom_mkdocs``), which holds the state by lifetime: the
process, the build, the language under way.

mkdocs-static-i18n runs the whole build once per language: the first
language's on_pre_build starts a build, each later one's starts the next
language; the generated pages go in at on_files priority -200, after the
plugin's own files.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jinja2 import pass_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsroom.speed.watch import watch_natively  # noqa: E402
from newsroom_mkdocs.build import Build  # noqa: E402
from newsroom_mkdocs.process import current, start  # noqa: E402


def on_startup(command: str, dirty: bool) -> None:
    # Having on_startup keeps this module (and the process) across serve rebuilds.
    start(command, dirty)


def on_pre_build(config: MkDocsConfig) -> None:
    process = current()
    if config.plugins["i18n"].building:
        process.build.next_language(config)
    else:
        process.build = Build(process, config)


@event_priority(-200)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    return current().build.language.add_files(files, config)


def on_nav(nav, config: MkDocsConfig, files: Files):
    # MkDocs has made a Page for every file; a story's becomes a StoryPage.
    # (Making them in on_files instead was measured to slow a preview
    # rebuild: see bench/NOTES.md.)
    current().build.language.on_nav()
    return nav


@event_priority(-200)
def on_env(env, config: MkDocsConfig, files: Files):
    process = current()
    language = process.build.language
    env.bytecode_cache = process.templates
    env.globals["news_primary_nav"] = pass_context(lambda context, caller: language.nav.render(context, caller))
    language.on_env(files, env)  # every page is read: the pages are written from here on
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    current().build.language.page_markdown(page)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return current().build.language.page_content(html, page)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    return current().build.language.page_context(context, page, config)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return current().build.language.post_page(output, page, config)


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    build = current().build
    if template_name == "404.html" and build is not None:
        return build.not_found_context(context, config)
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        return current().build.not_found_written(output)
    return output


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    # A nested language build (mkdocs-static-i18n runs them from its own
    # on_post_build, before this one of the outer build) is done here.
    build = current().build
    build.language.end(config)
    if not config.plugins["i18n"].building:
        build.finish(config)


def on_build_error(error: Exception) -> None:
    build = current().build
    if build is not None:
        build.fail()


def on_serve(server, config: MkDocsConfig, builder):
    """Watch the paths of ``watch:`` (news/ among them) by the operating
    system's file events where it has them (``newsroom/speed/watch.py``)."""
    current().observer = watch_natively(server, [str(item) for item in config.watch])
    return server


def on_shutdown() -> None:
    current().end()
