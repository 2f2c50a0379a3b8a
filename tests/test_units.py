"""Unit tests on the news engine's pure functions."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsroom.model import urls
from newsroom.model.dates import event_when, long_date, month_heading, month_name, when
from newsroom.model.excerpt import excerpt, first_paragraph, shorten
from newsroom.model.stories import BodyNotHere, Story, Version, event_is_past, vacancy_is_open
from newsroom.model.plan import paginate, visible
from newsroom.content.schema import Event
from newsroom.settings import Settings, build_now
from newsroom.model.slugs import SLUG_RE, slugify

KYIV = ZoneInfo("Europe/Kyiv")


@pytest.mark.parametrize("text, slug", [
    ("Полтава", "poltava"), ("Київ", "kyiv"), ("Згорани", "zghorany"), ("Щастя", "shchastia"),
    ("Знам'янка", "znamianka"), ("Юрій", "yurii"), ("Громада як юридична особа", "hromada-yak-yurydychna-osoba"),
])
def test_slugs_follow_the_2010_national_system(text, slug):
    assert slugify(text) == slug


def test_slug_is_cut_at_a_word_boundary():
    slug = slugify("Багаторівневе врядування на практиці: підсумки регіонального форуму Polaris", 40)
    assert len(slug) <= 40 and SLUG_RE.match(slug)
    assert slug == "bahatorivneve-vriaduvannia-na-praktytsi"


def test_urls_are_built_in_one_place():
    assert urls.story(date(2025, 12, 4), "x") == "news/2025/12/04/x/"
    assert urls.paged("news/", 1) == "news/" and urls.paged("news/", 3) == "news/page/3/"
    assert urls.term("category", "forum") == "news/category/forum/"
    assert urls.term("month", "2025-12") == "news/2025/12/"
    assert urls.url("en", "news/", "uk") == "en/news/" and urls.url("uk", "news/", "uk") == "news/"
    assert urls.dest("en", "news/page/2/", "uk") == "en/news/page/2/index.html"


@pytest.mark.parametrize("target, current, link", [
    ("news/2025/12/04/x/", "news/page/2/", "../../2025/12/04/x/"),
    ("news/", "", "news/"),
    ("", "news/", "../"),
    ("news/rss.xml", "en/news/", "../../news/rss.xml"),
    ("en/news/", "en/news/", "./"),
])
def test_relative_links(target, current, link):
    assert urls.relative(target, current) == link


def test_dates_in_the_readers_language():
    assert long_date(date(2025, 12, 4), "uk") == "4 грудня 2025"  # no leading zero (issue 22)
    assert long_date(date(2025, 12, 14), "uk") == "14 грудня 2025"
    assert long_date(date(2025, 12, 4), "en") == "4 December 2025"
    assert month_name(date(2025, 12, 1), "uk") == "грудень 2025"
    assert month_name(date(2025, 12, 1), "en") == "December 2025"
    assert when(datetime(2025, 12, 15, 10, 0), "uk") == "15 грудня 2025, 10:00"
    assert month_heading(date(2025, 12, 1), "uk") == "Грудень 2025"
    assert month_heading(date(2025, 12, 1), "en") == "December 2025"


def test_event_times_as_newsrooms_write_them():
    day = datetime(2026, 12, 3, 10, 0)
    assert event_when(day, day.replace(hour=13), "uk") == "3 грудня 2026, 10:00–13:00"
    assert event_when(day, day.replace(hour=13), "en") == "3 December 2026, 10:00–13:00"
    assert event_when(day, None, "uk") == "3 грудня 2026, 10:00"
    assert event_when(date(2026, 12, 3), date(2026, 12, 3), "uk") == "3 грудня 2026"
    assert event_when(date(2026, 12, 3), date(2026, 12, 4), "en") == "3 December 2026 – 4 December 2026"
    assert event_when(day, datetime(2026, 12, 4, 9, 0), "uk") == "3 грудня 2026, 10:00 – 4 грудня 2026, 09:00"


def test_excerpt_is_summary_or_first_paragraph_as_text():
    body = "## Heading\n\nFirst **bold** [link](http://x) para.\n\nSecond."
    assert first_paragraph(body) == "First **bold** [link](http://x) para."
    assert excerpt(None, body) == "First bold link para."
    assert excerpt("Given summary", body) == "Given summary"


def test_shorten_cuts_at_a_word_boundary_with_ellipsis():
    text = "Програма WM4U оголошує відбір двох експертів з планування у сфері управління відходами"
    short = shorten(text, 40)
    assert short.endswith("…") and len(short) <= 41
    assert text.startswith(short[:-1])
    assert short[:-1] == text[: len(short) - 1] and text[len(short) - 1] == " "
    assert shorten("short", 40) == "short"


def _story(ident: str, day: date, **kw) -> Story:
    version = Version("uk", ident, None, None, Version.compress("body"), f"{ident}/uk.md", Version.compress("body"))
    return Story(id=ident, day=day, slug=ident, folder=ident, original="uk", category="forum",
                 versions={"uk": version}, **kw)


def test_visible_drops_drafts_and_future_stories():
    now = datetime(2025, 12, 10, 12, 0, tzinfo=KYIV)
    stories = [_story("today", date(2025, 12, 10)), _story("future", date(2025, 12, 11)),
               _story("draft", date(2025, 12, 1), draft=True), _story("old", date(2020, 1, 1))]
    assert [s.id for s in visible(stories, now)] == ["today", "old"]
    assert [s.id for s in visible(stories, now, show_drafts=True)] == ["today", "draft", "old"]


def test_same_day_stories_are_ordered_by_time():
    morning = _story("a-morning", date(2025, 11, 9), time=time(9, 0))
    evening = _story("b-evening", date(2025, 11, 9), time=time(18, 0))
    assert sorted([morning, evening], key=lambda s: s.sort_key, reverse=True) == [evening, morning]


def test_event_becomes_past_after_its_end():
    event = Event(start=date(2025, 12, 15))
    assert not event_is_past(event, datetime(2025, 12, 15, 23, 59, tzinfo=KYIV))
    assert event_is_past(event, datetime(2025, 12, 16, 0, 0, tzinfo=KYIV))
    timed = Event(start=datetime(2025, 12, 15, 10), end=datetime(2025, 12, 15, 14))
    assert not event_is_past(timed, datetime(2025, 12, 15, 13, 59, tzinfo=KYIV))
    assert event_is_past(timed, datetime(2025, 12, 15, 14, 1, tzinfo=KYIV))


def test_vacancy_deadline_is_inclusive():
    story = _story("v", date(2025, 12, 1), deadline=date(2025, 12, 10))
    assert vacancy_is_open(story, date(2025, 12, 10)) is True
    assert vacancy_is_open(story, date(2025, 12, 11)) is False
    assert vacancy_is_open(_story("w", date(2025, 12, 1)), date(2025, 12, 11)) is None


def test_paginate_splits_and_names_pages():
    pages = paginate("all", "", "News", list(range(7)), 3)
    assert [p.path for p in pages] == ["news/", "news/page/2/", "news/page/3/"]
    assert [len(p.entries) for p in pages] == [3, 3, 1] and pages[-1].count == 3
    assert paginate("tag", "x", "T", [], 3)[0].entries == []


def test_build_clock_uses_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765360800")
    assert build_now(KYIV) == datetime(2025, 12, 10, 12, 0, tzinfo=KYIV)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert abs((build_now(KYIV) - datetime.now(KYIV)).total_seconds()) < 5


def test_settings_come_from_mkdocs_yml():
    from newsroom.settings import from_mkdocs_yml

    settings = from_mkdocs_yml(Path(__file__).resolve().parent.parent)
    assert settings.timezone == "Europe/Kyiv" and settings.languages == ("uk", "en")
    assert settings.page_size >= 1 and settings.feed_size == 20
    assert isinstance(settings, Settings)


def test_plain_paragraph_fast_path_equals_markdown():
    """A paragraph without Markdown syntax skips the converter, with the same text."""
    from hypothesis import given, settings as hsettings, strategies as st

    from newsroom.model import excerpt as ex

    alphabet = st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Zs"), whitelist_characters=",.;:-—«»'\"?\n")

    @hsettings(max_examples=200, deadline=None)
    @given(st.text(alphabet=alphabet, min_size=1, max_size=200))
    def check(text):
        if ex._SYNTAX.search(text) or not text.strip() or "\n\n" in text:
            return
        slow = ex._SPACE.sub(" ", ex.unescape(ex._TAGS.sub("", ex._md().reset().convert(text)))).strip()
        assert ex.to_text(text) == slow

    check()


def test_search_bundles_count_and_place():
    from newsroom.outputs.search import bundle_count, bundle_path, bundle_sizes

    assert [bundle_count(n, 1000) for n in (0, 1, 199, 399, 999, 1000, 1001, 10434)] == [1, 1, 1, 1, 3, 3, 2, 11]
    assert bundle_sizes(1000, 1000) == (500, 250, 250)
    assert bundle_sizes(17, 8) == (8, 8, 1)
    assert bundle_sizes(10434, 1000) == (1000,) * 10 + (434,)
    assert bundle_sizes(10568, 1000) == (1000,) * 10 + (500, 68)
    assert bundle_sizes(10999, 1000) == (1000,) * 10 + (500, 250, 249)
    assert [bundle_path(n) for n in range(3)] == ["", "2/", "3/"]


@pytest.mark.parametrize("pages, per_bundle", [(1, 1000), (399, 1000), (1000, 1000), (1001, 1000),
                                               (10468, 1000), (17, 8), (16, 8), (2000, 30)])
def test_search_bundles_are_full_but_a_tapered_last(pages, per_bundle):
    """Every page in one bundle, bundles in order, all but the last holding
    per_bundle pages, the last the rest, from which a half and a quarter of a
    bundle are split while TAPER_FROM pages are left after each; one page
    more changes the last bundle only (or makes a new piece of it)."""
    from collections import Counter

    from newsroom.outputs.search import TAPER_FROM, bundle_count, bundle_of

    def sizes_of(pages):
        counted = Counter(bundle_of(index, pages, per_bundle) for index in range(pages))
        assert sorted(counted) == list(range(bundle_count(pages, per_bundle)))
        return [counted[number] for number in sorted(counted)]

    numbers = [bundle_of(index, pages, per_bundle) for index in range(pages)]
    assert numbers == sorted(numbers)
    sizes = sizes_of(pages)
    full = (pages - 1) // per_bundle
    assert sizes[:full] == [per_bundle] * full
    tail = sizes[full:]
    assert sum(tail) == pages - full * per_bundle
    pieces = [per_bundle // 2, per_bundle // 4]
    assert tail[:-1] == pieces[:len(tail) - 1] and (len(tail) == 1 or tail[-1] >= TAPER_FROM)
    if len(tail) < 3:  # nothing more could be split off
        assert pieces[len(tail) - 1] < TAPER_FROM or tail[-1] - pieces[len(tail) - 1] < TAPER_FROM
    after = sizes_of(pages + 1)
    assert after[:full] == sizes[:full]
    if pages % per_bundle:  # (one page more than full bundles starts a bundle of its own)
        changed = [n for n in range(len(tail)) if after[full + n] != tail[n]]
        assert changed == [len(tail) - 1] or (len(after) == len(sizes) + 1 and changed == [])


@pytest.mark.parametrize("counted, added", [(17, 17), (17, 20), (17, 9), (0, 0), (0, 2)])
def test_search_source_indexes_every_bundle_counted_and_every_page_added(tmp_path, counted, added):
    """The search page loads every bundle the count made, so each is indexed
    (empty if the pages added fell short), and a page past the count (MkDocs
    rendered a page the count missed) goes into the last bundle, not lost."""
    from newsroom.outputs.pagefind import Indexer
    from newsroom.outputs.search import SearchSource, bundle_count, bundle_path

    class Recorder(Indexer):
        def __init__(self):
            super().__init__()
            self.jobs = []

        def submit(self, job):
            self.jobs.append((job, sorted(p.relative_to(job.source).as_posix() for p in job.source.rglob("*.html"))))
            job.returncode = 0
            job.ended.set()  # recorded, not run

    indexer = Recorder()
    source = SearchSource("uk", counted, 8, tmp_path / "out", indexer)
    try:
        for number in range(added):
            source.add(f"news/{number}/index.html", f"<Title {number}>", "<p>text</p>")
        source.start()
        outputs = [job.output for job, _ in indexer.jobs]
        assert sorted(outputs) == sorted(tmp_path / "out" / bundle_path(n) for n in range(bundle_count(counted, 8)))
        pages = [page for _, files in indexer.jobs for page in files]
        assert sorted(pages) == sorted(f"news/{number}/index.html" for number in range(added))
        assert all(len(files) <= 8 for _, files in indexer.jobs[:-1])
    finally:
        source.discard()


def test_a_cancelled_search_job_starts_no_pagefind_and_leaves_the_last_index(tmp_path):
    from newsroom.outputs.pagefind import Job

    source, output = tmp_path / "pages", tmp_path / "pagefind"
    source.mkdir()
    (source / "a.html").write_text("<html lang='uk'><body>Текст</body></html>", encoding="utf-8")
    output.mkdir()
    (output / "kept.txt").write_text("the index of the last build")
    job = Job(source, output)
    job.cancel()
    job.run()
    assert (job.returncode, job.message, job.process) == (-1, "cancelled", None)
    assert job.ended.is_set()
    assert (output / "kept.txt").exists() and not source.exists()


def test_a_hurried_indexer_runs_the_bundles_left_two_at_a_time():
    """Once the build only waits for its index (and the helper process has
    exited), the bundles still queued run beside the one running; every
    bundle still runs exactly once."""
    import threading

    from newsroom.outputs.pagefind import Indexer

    release = threading.Event()
    started: list[str] = []
    lock = threading.Lock()

    class Job:
        def __init__(self, name: str, block: bool = False):
            self.name, self.block, self.ended = name, block, threading.Event()

        def run(self, remove=None) -> None:
            with lock:
                started.append(self.name)
            if self.block:
                release.wait(10)
            self.ended.set()

    indexer = Indexer()
    jobs = [Job("first", block=True), Job("second"), Job("third")]
    for job in jobs:
        indexer.submit(job)
    assert not jobs[1].ended.wait(0.3)  # one at a time: the rest wait for the first
    helper_gone = threading.Event()
    indexer.hurry(after=helper_gone.wait)
    # The second worker waits for ``after`` (the helper process's exit) first.
    assert not jobs[1].ended.wait(0.3)
    helper_gone.set()
    assert jobs[1].ended.wait(5) and jobs[2].ended.wait(5)  # the first still runs
    assert not jobs[0].ended.is_set()
    release.set()
    assert jobs[0].ended.wait(5)
    assert sorted(started) == ["first", "second", "third"]


def test_an_indexed_bundles_pages_are_removed_while_the_next_bundle_runs(tmp_path, monkeypatch):
    """Removing a bundle's pages (slow from a background thread while the
    build's main thread renders pages) does not hold up the next bundle."""
    import shutil
    import threading
    import time as clock

    from newsroom.outputs import pagefind

    removing, release = threading.Event(), threading.Event()

    def slow_remove(folder):
        removing.set()
        release.wait(10)
        shutil.rmtree(folder)

    monkeypatch.setattr(pagefind, "remove_pages", slow_remove)

    class Job:
        def __init__(self, name: str):
            self.source = tmp_path / name
            self.source.mkdir()
            self.ended = threading.Event()

        def run(self, remove=None) -> None:
            remove(self.source)
            self.ended.set()

    indexer = pagefind.Indexer()
    first, second = Job("first"), Job("second")
    indexer.submit(first)
    indexer.submit(second)
    assert removing.wait(5)
    assert second.ended.wait(5)  # ran while the first one's pages were being removed
    assert first.source.exists()
    release.set()
    deadline = clock.monotonic() + 5
    while (first.source.exists() or second.source.exists()) and clock.monotonic() < deadline:
        clock.sleep(0.02)
    assert not first.source.exists() and not second.source.exists()


def test_settings_read_from_a_file_are_checked_by_name():
    from pydantic import ValidationError

    settings = Settings.validated(root="site", page_size="3", site_url="https://example.org", languages=["uk", "en"])
    assert settings.root == Path("site") and settings.page_size == 3 and settings.languages == ("uk", "en")
    assert settings.site_url == "https://example.org/"
    with pytest.raises(ValidationError) as error:
        Settings.validated(page_size=0, pagesize=3)
    fields = {entry["loc"][0] for entry in error.value.errors()}
    assert fields == {"page_size", "pagesize"}
    with pytest.raises(Exception, match="Nowhere/City"):
        Settings(timezone="Nowhere/City")


def test_the_helper_process_reads_the_catalog_without_importing_pydantic():
    import subprocess
    import sys

    # What the helper imports, and what unpickling its catalog and settings needs
    # (pydantic alone would hold about 7 MB of the helper's memory).
    code = ("import sys, newsroom.speed.offload, newsroom.model.stories, newsroom.settings; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parent.parent)
    assert result.stdout.strip() == "[]"


def test_a_version_pickles_whole_and_leaves_no_copy_of_its_text_behind():
    import gc
    import pickle
    import tracemalloc

    def make(i: int) -> Version:
        return Version("uk", f"Заголовок {i} «лапки» " * 4, f"Підсумок {i} — " * 10 if i % 2 else None, "Джерело",
                       Version.compress(f"Текст {i}"), f"news/{i}/uk.md", Version.compress(f"Уривок {i} — " * 20))

    versions = [make(i) for i in range(500)]
    # CPython's pickler caches a str's UTF-8 form in the str: pickled as it
    # is, the build's catalog sent to the helper would keep a second copy of
    # its text for as long as it lives (here about 150 KB).
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        data = pickle.dumps(versions, 5)
        del data
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 10_000, kept
    assert pickle.loads(pickle.dumps(versions, 5)) == versions
    assert versions[3].excerpt.startswith("Уривок 3 — ") and versions[3].body == "Текст 3"


def test_a_catalog_lets_go_of_the_bodies_of_the_languages_named():
    from newsroom.model.stories import Catalog

    def story(ident: str, langs: tuple[str, ...]) -> Story:
        return Story(ident, date(2025, 1, 1), ident, f"news/{ident}", langs[0], "forum",
                     versions={lang: Version(lang, ident, None, None, Version.compress(f"{ident} {lang}"),
                                             f"news/{ident}/{lang}.md", Version.compress("x"))
                               for lang in langs})

    catalog = Catalog([story("both", ("uk", "en")), story("en-only", ("en",))], {}, {}, {})
    light = catalog.without_bodies(("uk",))
    both, en_only = light.stories
    assert both.versions["uk"].body_z is None and both.versions["uk"].path == "news/both/uk.md"
    with pytest.raises(BodyNotHere, match="news/both/uk.md"):  # never "" for a body that exists
        both.versions["uk"].body
    assert both.versions["en"].body == "both en"
    assert en_only is catalog.stories[1]  # nothing to let go of: the same story
    assert catalog.stories[0].versions["uk"].body == "both uk"  # the catalog itself is unchanged
    bare = catalog.without_bodies()
    assert all(v.body_z is None and v.path == "" for s in bare.stories for v in s.versions.values())
    assert bare.stories[0].versions["en"].excerpt == "x"


def test_the_sitemap_gives_back_its_entries_as_added():
    from newsroom.outputs.sitemap import Sitemap

    sitemap = Sitemap()
    entries = [(f"news/{i}/<&\"'\t>/", {"uk": f"news/{i}/\u2028\x85\n", "en": f"en/news/{i}/ü"}) for i in range(3000)]
    for url, alternates in entries:
        sitemap.add(url, alternates)
    assert list(sitemap) == entries
    sitemap.add("news/0/<&\"'\t>/", {"uk": "later"})
    assert list(sitemap)[-1] == ("news/0/<&\"'\t>/", {"uk": "later"})  # readable more than once
    assert len(list(sitemap)) == 3001


def test_compiled_templates_kept_in_a_folder_are_used_only_for_the_same_source(tmp_path):
    from jinja2 import DictLoader, Environment

    from newsroom.render.fragments import MemoryBytecodeCache

    compiled: list[str] = []

    class Counting(Environment):
        def _compile(self, source, filename):
            compiled.append(filename)
            return super()._compile(source, filename)

    def render(templates: dict[str, str], folder) -> str:
        env = Counting(loader=DictLoader(templates), bytecode_cache=MemoryBytecodeCache(folder))
        return env.get_template("t.html").render(x="«x»")

    folder = tmp_path / "templates"
    assert render({"t.html": "<p>{{ x }}</p>"}, folder) == "<p>«x»</p>" and len(compiled) == 1
    assert render({"t.html": "<p>{{ x }}</p>"}, folder) == "<p>«x»</p>" and len(compiled) == 1  # from the folder
    assert render({"t.html": "<b>{{ x }}</b>"}, folder) == "<b>«x»</b>" and len(compiled) == 2  # another source
    assert render({"t.html": "<b>{{ x }}</b>"}, None) == "<b>«x»</b>" and len(compiled) == 3   # no folder: compiled


@pytest.mark.parametrize("number, count, shown", [
    (1, 1, [1]), (1, 3, [1, 2, 3]), (2, 7, [1, 2, 3, 4, None, 7]), (4, 7, [1, 2, 3, 4, 5, 6, 7]), (1, 500, [1, 2, 3, None, 500]),
    (250, 500, [1, None, 248, 249, 250, 251, 252, None, 500]), (5, 500, [1, 2, 3, 4, 5, 6, 7, None, 500]),
    (500, 500, [1, None, 498, 499, 500]), (4, 9, [1, 2, 3, 4, 5, 6, None, 9])])
def test_a_pager_shows_the_first_the_last_and_two_either_side(number, count, shown):
    from newsroom.model.plan import Listing

    listing = Listing("all", "", "news/", "news/", "Новини", [], number=number, count=count)
    assert listing.pager() == shown
    numbers = [n for n in shown if n is not None]
    assert numbers == sorted(set(numbers)) and {1, count, number} <= set(numbers)
