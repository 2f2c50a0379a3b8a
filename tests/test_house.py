"""The house rules (issue 21): one switch for all speed, fields derived from
the dataclasses, taxonomies by kind, the hooks a page long.

- With NEWSROOM_SPEED=off every speed mechanism runs its plain in-process
  path (no helper, no worker, no frames, no navigation cache, no reading
  pool); the site is byte for byte the same, for the fixture site and for a
  generated corpus of a few hundred stories a language.
- What is pickled for the helper and what the preview's fingerprints sum up
  come from the dataclasses' fields: a field added later reaches both.
"""

from __future__ import annotations

import ast
import pickle
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import fields, make_dataclass, replace
from datetime import date, datetime, time

import pytest

from conftest import (FIXTURE_PAGE_SIZE, FIXTURE_SEARCH_BUNDLE, FIXTURES, REPO, build, make_project)
from conftest import site_files as tree

from newsroom.model.stories import Event, Picture, Story, Term, Version, reduce_fields
from newsroom.settings import PLAIN_PATHS, Settings
from newsroom.speed.preview import digest


def _both_ways(project, tmp_path, env=None, tables_of_contents=False):
    # Both at once (the plain path is one process; they share only the
    # pictures' cache, written by atomic renames).
    with ThreadPoolExecutor(1) as pool:
        beside = pool.submit(build, project, site=tmp_path / "plain", env={**(env or {}), "NEWSROOM_SPEED": "off"})
        fast = build(project, site=tmp_path / "fast", env=env, verbose=True)
        plain = beside.result()
    _assert_stories_framed(fast.result.stderr + fast.result.stdout, tables_of_contents)
    return tree(fast.site), tree(plain.site)


def _assert_stories_framed(log: str, tables_of_contents: bool) -> None:
    """The story frames ran (newsroom_mkdocs/story_frames.py): in each
    language, story pages were written into their frame, with a table of
    contents too where the corpus has them."""
    found = re.findall(r"(\w+): (\d+) of (\d+) story pages written into their frame \((\d+) with a table", log)
    assert {lang for lang, *_ in found} == {"uk", "en"}, log[-3000:]
    for lang, framed, stories, with_toc in found:
        assert int(with_toc) < int(framed) <= int(stories) and (int(with_toc) > 0) == tables_of_contents, \
            (lang, framed, stories, with_toc)


def _assert_same(fast: dict, plain: dict) -> None:
    assert len(fast) > 100
    assert sorted(fast) == sorted(plain), set(fast) ^ set(plain)
    differ = [name for name in fast if fast[name] != plain[name]]
    assert differ == []


@pytest.mark.slow
def test_the_fixture_site_is_the_same_with_speed_off(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "site" / "news", page_size=FIXTURE_PAGE_SIZE,
                           search_bundle=FIXTURE_SEARCH_BUNDLE)
    _assert_same(*_both_ways(project, tmp_path))


@pytest.mark.slow
def test_a_generated_corpus_is_the_same_with_speed_off(tmp_path):
    """A few hundred stories a language: the helper, the worker (render_ahead
    from 64), frames at several depths and under news/events/, the navigation
    cache and the reading pool (set to start at 100 folders) all run."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import corpus
    finally:
        sys.path.remove(str(REPO / "bench"))
    project = make_project(tmp_path / "p", page_size=5)
    (project / "news").unlink()
    corpus.generate(300, project, seed=21, repo=REPO)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "    page_size: 5\n", "    page_size: 5\n    reading_pool: 100\n", 1), encoding="utf-8")
    fast, plain = _both_ways(project, tmp_path, env={"SOURCE_DATE_EPOCH": str(corpus.SOURCE_DATE_EPOCH)},
                             tables_of_contents=True)
    assert any(name.startswith("news/events/page/2/") for name in fast)  # framed under news/events/
    _assert_same(fast, plain)


def test_speed_off_turns_every_mechanism_off(monkeypatch):
    monkeypatch.setenv("NEWSROOM_SPEED", "off")
    settings = Settings()
    assert not settings.speed
    for name, plain in PLAIN_PATHS.items():
        assert getattr(settings, name) == plain, name
    least, most = settings.render_ahead
    assert not any(least <= n <= most for n in range(0, 100_000, 7))  # never a worker
    monkeypatch.delenv("NEWSROOM_SPEED")
    assert Settings().helper and Settings().frames and not Settings(speed=False).frames
    # Every switch of the speed section is in the plain-path list (a new one is not forgotten).
    switches = {"helper", "frames", "render_ahead", "nav_cache", "reading_pool", "release_memory", "picture_threads",
                "fast_checks", "story_cache", "entry_cache", "unchanged_outside",
                "template_cache", "story_frames", "quick_exit"}
    assert set(PLAIN_PATHS) == switches and switches <= {f.name for f in fields(Settings)}


# -- fields derived from the dataclasses ---------------------------------------

def _story() -> Story:
    versions = {lang: Version(lang, f"Заголовок {lang} «x»", f"Підсумок {lang}", f"Джерело {lang}",
                              Version.compress(f"Текст {lang}"), f"news/x/{lang}.md", Version.compress("уривок"))
                for lang in ("uk", "en")}
    return Story("2025-12-04-x", date(2025, 12, 4), "x", "news/2025/2025-12-04-x", "uk", "forum",
                 tags=("Полтава",), region="poltava", time=time(10, 0), draft=False,
                 event=Event(datetime(2025, 12, 5, 10), datetime(2025, 12, 5, 13), "Полтава", "https://e.org/"),
                 deadline=date(2025, 12, 20), versions=versions, assets=("a.jpg",), authors=("someone",),
                 image="a.jpg", pictures=(Picture("a.jpg", 1600, 900, "JPEG", "0" * 20),))


def _other(value):
    """A different value of the same kind."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "!"
    if isinstance(value, bytes):
        return value + b"!"
    if isinstance(value, tuple):
        return value + ("more",)
    if isinstance(value, datetime):
        return value.replace(year=value.year + 1)
    if isinstance(value, (date, time)):
        return value.replace(hour=11) if isinstance(value, time) else value.replace(year=value.year + 1)
    if isinstance(value, dict):
        key = next(iter(value))
        return {**value, key: _changed_dataclass(value[key])}
    if value is None:
        return "set"
    return _changed_dataclass(value)


def _changed_dataclass(obj):
    first = fields(obj)[1 if isinstance(obj, Version) else 0]
    return replace(obj, **{first.name: _other(getattr(obj, first.name))})


def test_every_field_of_a_story_changes_its_fingerprint():
    story = _story()
    for f in fields(Story):
        changed = replace(story, **{f.name: _other(getattr(story, f.name))})
        assert digest(changed) != digest(story), f.name
    for f in fields(Version):
        version = story.versions["en"]
        changed = replace(story, versions={**story.versions, "en": replace(
            version, **{f.name: _other(getattr(version, f.name))})})
        assert digest(changed) != digest(story), f"Version.{f.name}"
    for f in fields(Picture):
        picture = story.pictures[0]
        changed = replace(story, pictures=(replace(picture, **{f.name: _other(getattr(picture, f.name))}),))
        assert digest(changed) != digest(story), f"Picture.{f.name}"
    for f in fields(Event):
        changed = replace(story, event=replace(story.event, **{f.name: _other(getattr(story.event, f.name))}))
        assert digest(changed) != digest(story), f"Event.{f.name}"


def test_every_field_of_a_story_reaches_the_helper_whole():
    story = _story()
    again = pickle.loads(pickle.dumps(story))
    assert again == story
    for f in fields(Version):
        assert getattr(again.versions["uk"], f.name) == getattr(story.versions["uk"], f.name), f.name
    term = Term("poltava", {"uk": "Полтавська область", "en": "Poltava Oblast"})
    assert pickle.loads(pickle.dumps(term)) == term


def test_a_field_added_to_a_version_is_pickled_too():
    """``Version.__reduce__`` pickles every field (``reduce_fields``): a
    dataclass with one field more, pickled the same way, keeps it."""
    Wider = make_dataclass("Wider", [(f.name, f.type) for f in fields(Version)] + [("credit", str)],
                           frozen=True, slots=True, namespace={"__reduce__": reduce_fields,
                                                               "__module__": __name__})
    globals()["Wider"] = Wider  # (pickle finds the class by name)
    values = [getattr(_story().versions["uk"], f.name) for f in fields(Version)]
    wide = Wider(*values, "Фото: Ім’я")
    again = pickle.loads(pickle.dumps(wide))
    assert again == wide and again.credit == "Фото: Ім’я"


# -- the hooks, a page long ------------------------------------------------------

def test_the_hooks_are_a_page_long_and_keep_no_state():
    source = (REPO / "hooks" / "news_hooks.py").read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 150
    module = ast.parse(source)
    assigned = [target.id for node in module.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                if isinstance(target, ast.Name)]
    assert assigned == ["ROOT"]  # a constant: the folder that holds the engine
    assert all(isinstance(node, (ast.FunctionDef, ast.Import, ast.ImportFrom, ast.Expr, ast.Assign, ast.If))
               for node in module.body)


def test_the_engine_never_imports_mkdocs():
    for path in sorted((REPO / "newsroom").rglob("*.py")):
        tree_ = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree_):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(name == "mkdocs" or name.startswith("mkdocs.") for name in names), path


def _engine_modules():
    return sorted([*(REPO / "newsroom").rglob("*.py"), *(REPO / "newsroom_mkdocs").rglob("*.py"),
                   *(REPO / "hooks").rglob("*.py")])


def test_modules_and_functions_are_short_or_say_why():
    """No module over 350 lines unless its docstring says why ("Over 350
    lines: ..."); no function over 60 unless its first line says why in a
    comment ("# (66 lines: ...)")."""
    too_long = []
    for path in _engine_modules():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        module = ast.parse(source)
        if len(lines) > 350 and "Over 350 lines" not in (ast.get_docstring(module) or "").replace("\n", " "):
            too_long.append(f"{path.relative_to(REPO)}: {len(lines)} lines")
        for node in ast.walk(module):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > 60 and not re.search(r"#.*\(\d+ lines: ", lines[node.lineno - 1]):
                    too_long.append(f"{path.relative_to(REPO)}:{node.lineno} {node.name}: {length} lines")
    assert not too_long, too_long


def test_taxonomies_are_looked_up_by_kind():
    for path in sorted((REPO / "newsroom").rglob("*.py")):
        assert "taxonomies[" not in path.read_text(encoding="utf-8"), path


_QUICK_EXIT = """
import atexit, sys
from types import SimpleNamespace
from newsroom_mkdocs.process import Process

atexit.register(lambda: print("teardown"))
process = Process("build")
process.build = SimpleNamespace(finished={finished}, settings=SimpleNamespace(quick_exit={quick}))
print("built", flush=False)
try:
    if {failing}:
        raise SystemExit(1)
finally:
    process.end()
"""


@pytest.mark.parametrize("finished, quick, failing, teardown, code", [
    (True, True, False, False, 0),    # a build that succeeded: no teardown
    (True, True, True, True, 1),      # MkDocs' strict check raised after the build: exits as it would
    (False, True, False, True, 0),    # the build did not finish
    (True, False, False, True, 0),    # quick_exit off
])
def test_a_finished_build_exits_without_the_teardown(finished, quick, failing, teardown, code):
    import subprocess

    source = _QUICK_EXIT.format(finished=finished, quick=quick, failing=failing)
    result = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, cwd=REPO,
                            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert result.returncode == code, result.stderr
    assert result.stdout.splitlines() == (["built", "teardown"] if teardown else ["built"])
