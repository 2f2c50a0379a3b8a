"""Fuzzing the front-matter loader and validator (issue 4): whatever the
bytes, text or YAML-ish input, the result is data or Problems naming the
file and a field, never an exception."""

from __future__ import annotations

import os
import shutil
import string
import tempfile
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import FIXTURES
from newsroom.content import frontmatter
from newsroom.content import strictyaml
from newsroom.content.story import load_story
from newsroom.content.terms import TERM_FILES, _load_terms, load_terms
from newsroom.model.stories import Story
from newsroom.content.problems import Problem
from newsroom.content.schema import ALLOWED_FIELDS, EVENT_FIELDS, OriginalMeta, TranslationMeta, validate
from newsroom.settings import Settings

TZ = ZoneInfo("Europe/Kyiv")
PATH = "news/2025/2025-12-01-fuzz/uk.md"
# FUZZ_EXAMPLES=20000 for a long run; the default keeps the test suite quick.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_problems(problems, path: str | None = PATH) -> None:
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem, Problem)
        if path is not None:
            assert problem.path == path
        assert isinstance(problem.field, str) and problem.field
        assert isinstance(problem.message, str) and problem.message
        assert problem.line is None or (isinstance(problem.line, int) and problem.line >= 1)
        text = problem.format()
        assert text.startswith(problem.path) and problem.field in text


# -- YAML-ish text -------------------------------------------------------------

TRICKY = [
    "yes", "no", "on", "off", "Norway", "~", "null", "true", "False", "2025-12-01", "2025-13-45",
    "2025-02-30", "10:30", "25:00", "9:5", "2025-12-01 10:00", "2025-12-01T10:00:00+02:00",
    "2025-12-01 24:61", "1e3", "0x1F", "0o17", "017", "1_000", ".inf", "-.nan", "&a x", "*a", "!x",
    "!!python/object:os.system", "!!binary aGk=", "'", '"', "''", '""', "|", ">", "[", "]", "{", "}",
    "[a, b]", "{a: 1}", "[yes, no]", "@x", "`x`", "%x", "# comment", "- item", "? key", ": value",
    "javascript:alert(1)", "https://example.org/x", "ftp://x", "<script>alert(1)</script>",
    "{{ 7*7 }}", "\\q", '"\\q"', "'it''s'", "\t", "forum", "poltava", "Полтава", "a: b", "---", "...",
    "\u2028", "\ufeff", "\x00", "\x85", "<<: *a",
]
KEYS = st.sampled_from([*ALLOWED_FIELDS, *EVENT_FIELDS, "titel", "", "1", "2025-12-01", "yes",
                        "? a", "- a", "<<", "[a]", "{a: 1}", "&k title", "*k", '"title"', "ключ"])
SCALARS = st.one_of(st.sampled_from(TRICKY), st.text(max_size=12))
LINES = st.builds(
    lambda indent, dash, key, sep, value: " " * indent + dash + key + sep + value,
    st.integers(0, 5), st.sampled_from(["", "", "- "]), KEYS,
    st.sampled_from([": ", ": ", ":", " : ", ":\t", "", ": |\n  ", ": >\n    "]), SCALARS,
)
YAMLISH = st.one_of(
    st.lists(LINES, max_size=14).map("\n".join),
    # whole documents that are not a group of fields
    st.sampled_from(["~", "null", "&a", "&0", "!!null ''", "[]", "{}", "- a\n- b", "'title'", "42",
                     "title", "--- |\n  x", "*a", "? a", "!!map {}", "!!str x"]),
)


def story_bytes():
    """A story file: maybe a BOM, a front matter block (closed or not), a
    body; LF, CRLF or CR; UTF-8, Windows-1251 or UTF-16."""
    @st.composite
    def build(draw):
        head = draw(YAMLISH)
        opening = draw(st.sampled_from(["---\n", "---\n", "--- \n", "---", "", "...\n", "----\n"]))
        closing = draw(st.sampled_from(["\n---\n", "\n---\n", "\n...\n", "\n", "", "\n--- x\n"]))
        body = draw(st.text(max_size=40))
        text = opening + head + closing + body
        newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
        text = text.replace("\n", newline)
        encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1251", "utf-16"]))
        return text.encode(encoding, errors="replace")
    return build()


@FUZZ
@given(st.binary(max_size=300))
def test_split_arbitrary_bytes(raw):
    source, problems = frontmatter.split(raw, PATH)
    assert_problems(problems)
    assert (source is None) == bool(problems)
    if source is not None:
        assert source.path == PATH and source.yaml_first_line == 2
        assert "\r" not in source.yaml_text and "\ufeff" not in source.yaml_text[:1]


@FUZZ
@given(story_bytes())
def test_split_story_like_bytes(raw):
    source, problems = frontmatter.split(raw, PATH)
    assert_problems(problems)
    assert (source is None) == bool(problems)


@FUZZ
@given(st.one_of(st.text(max_size=200), YAMLISH))
def test_load_mapping_never_raises(text):
    data, lines, problems = strictyaml.load_mapping(text, path=PATH, first_line=2)
    assert_problems(problems)
    if data is None:
        assert problems, "no data without a problem saying why"
    assert all(isinstance(line, int) and line >= 2 for line in lines.values())


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(list(ALLOWED_FIELDS)),
                          st.sampled_from(["yes", "no", "on", "off", "y", "n", "Yes", "NO"])),
                min_size=1, max_size=5, unique_by=lambda kv: kv[0]))
def test_yes_no_words_are_never_booleans(pairs):
    text = "\n".join(f"{key}: {value}" for key, value in pairs)
    data, _, problems = strictyaml.load_mapping(text, path=PATH)
    assert problems == []
    assert data == dict(pairs)


# -- arbitrary data through the schema ------------------------------------------

LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=15),
    st.sampled_from(TRICKY), st.dates(), st.datetimes(),
    st.datetimes(timezones=st.sampled_from([ZoneInfo("UTC"), TZ, ZoneInfo("America/New_York")])),
    st.times(),
)
DATA = st.recursive(
    LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from([*ALLOWED_FIELDS, *EVENT_FIELDS]), st.text(max_size=6),
                                  st.integers(), st.none(), st.booleans()),
                        children, max_size=5),
    ),
    max_leaves=12,
)
FRONT = st.dictionaries(
    st.sampled_from([*ALLOWED_FIELDS, "titel", "extra"]),
    st.one_of(DATA, st.fixed_dictionaries({}, optional={k: DATA for k in EVENT_FIELDS})),
    max_size=10,
)


@FUZZ
@given(st.one_of(DATA, FRONT), st.sampled_from([OriginalMeta, TranslationMeta]))
def test_validate_arbitrary_data(data, model):
    lines = {(key,): 3 for key in data} if isinstance(data, dict) else {}
    meta, problems = validate(model, data, path=PATH, lines=lines, first_line=2, tz=TZ)
    assert_problems(problems)
    assert (meta is None) == bool(problems)
    if meta is not None:
        assert isinstance(meta.title, str) and meta.title.strip() == meta.title and meta.title
        if meta.event is not None:
            assert isinstance(meta.event.start, date)
            if isinstance(meta.event.start, datetime):
                assert meta.event.start.tzinfo is None, "Kyiv time, naive"
            if meta.event.url is not None:
                assert meta.event.url.startswith(("http://", "https://"))
        if meta.time is not None:
            assert isinstance(meta.time, time)
        if meta.tags is not None:
            assert all(isinstance(tag, str) and tag for tag in meta.tags)
            assert len(set(meta.tags)) == len(meta.tags)


# -- the whole story loader on a real folder -------------------------------------

SITE_NEWS = FIXTURES / "site" / "news"
FOLDER_NAMES = st.one_of(
    st.sampled_from(["2025-12-01-fuzz", "2025-13-45-fuzz", "2025-12-01-Fuzz", "2025-12-01-a--b",
                     "2025-12-01-", "2025-12-01", "2024-12-01-fuzz", "fuzz", "2025-02-29-x",
                     "2024-02-29-leap", "2025-12-01-форум"]),
    st.text(alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
            min_size=1, max_size=20).filter(lambda s: s not in (".", "..") and not s.startswith(".")),
)
FILE_NAMES = st.sampled_from(["uk.md", "en.md", "ua.md", "index.md", "UK.md", "en.MD", "photo.png",
                              "index.html", "event.ics", "README.md", "notes.txt"])


@settings(max_examples=max(EXAMPLES // 3, 50), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FOLDER_NAMES, st.dictionaries(FILE_NAMES, story_bytes(), max_size=3))
def test_load_story_never_raises(folder_name, files):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        news = root / "news"
        news.mkdir()
        for name in ("categories.yml", "regions.yml"):
            shutil.copy(SITE_NEWS / name, news / name)
        folder = news / "2025" / folder_name
        folder.mkdir(parents=True)
        for name, raw in files.items():
            (folder / name).write_bytes(raw)
        settings_ = Settings(root=root)
        problems: list[Problem] = []
        terms = load_terms(news, root, settings_.languages, problems)
        assert problems == []
        story, problems = load_story(folder, "2025", settings_, terms)
        assert_problems(problems, path=None)
        shown = f"news/2025/{folder_name}"
        assert all(p.path == shown or p.path.startswith(shown + "/") for p in problems)
        assert (story is None) == bool(problems)
        if story is not None:
            assert isinstance(story, Story)
            assert story.category in terms.categories
            assert set(story.versions) <= {"uk", "en"} and story.original in story.versions


@FUZZ
@given(st.one_of(st.binary(max_size=200), YAMLISH.map(lambda t: t.encode("utf-8"))))
def test_taxonomy_files_never_raise(raw):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        file = root / "news" / "categories.yml"
        file.parent.mkdir()
        file.write_bytes(raw)
        problems: list[Problem] = []
        terms = _load_terms(file, root, ("uk", "en"), TERM_FILES[0], problems)
        assert_problems(problems, path="news/categories.yml")
        for term_id, term in terms.items():
            assert all(c in string.ascii_lowercase + string.digits + "-" for c in term_id)
            assert term.labels.get("uk") and term.labels.get("en")
