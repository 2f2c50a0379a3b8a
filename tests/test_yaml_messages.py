"""YAML mistakes named where they start, in words an editor can act on (issue 23).

Each mistake is written in a story's ``uk.md`` and loaded as a build loads it
(``load_uncached``); the problem must be exactly ``path:line: field:
message; hint``: the line where the mistake starts (where a quote opens, the
tab's line), not where the YAML parser gave up. Whatever the text, the
loader never raises: it gives data or a problem on a line of the file.
"""

from __future__ import annotations

import os
import shutil
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import FIXTURES
from newsroom.content import strictyaml
from newsroom.content.loader import load_uncached
from newsroom.settings import Settings

SITE_NEWS = FIXTURES / "site" / "news"
BAD = FIXTURES / "bad"
FOLDER = "news/2025/2025-12-01-yaml"
FILE = f"{FOLDER}/uk.md"

UNCLOSED = "YAML syntax error: a quoted text starts on this line and is never closed"
TAB = ("YAML syntax error: a tab is used for indentation (a tab character at the start of the line); "
       "use spaces: delete the tab and indent with spaces, like the lines around it")
STRAY_END = ('the value ends with a quote mark that is never opened; '
             'put the whole value in quotes, title: "…", or remove the quote at the end')


def problems_of(tmp_path, front: str) -> list[str]:
    """The problems of one story whose front matter is ``front`` (the lines
    between the two '---' lines; the first of them is line 2 of uk.md)."""
    news = tmp_path / "news"
    news.mkdir()
    for name in ("categories.yml", "regions.yml"):
        shutil.copy(SITE_NEWS / name, news / name)
    folder = tmp_path / FOLDER
    folder.mkdir(parents=True)
    (folder / "uk.md").write_text(f"---\n{front}---\n\nПерший абзац новини.\n", encoding="utf-8")
    loaded = load_uncached(Settings(root=tmp_path))
    if loaded.problems:
        assert loaded.catalog.stories == [], "a story with a problem is never published"
    return [problem.format() for problem in loaded.problems]


# -- 1. a quote never closed: the line where it opens --------------------------------

UNCLOSED_CASES = [
    # the usual case: more fields after the title
    ('title: "Форум громад\nsummary: Громади обговорили бюджет\ncategory: forum\n',
     f'{FILE}:2: title: {UNCLOSED}; close it at the end of the value: title: "…"'),
    # the next field is quoted too: its opening quote closes the title's
    ('title: "Форум громад\nsummary: "Громади обговорили бюджет"\ncategory: forum\n',
     f'{FILE}:2: title: {UNCLOSED}; close it at the end of the value: title: "…"'),
    # ... and a value later ends with a stray quote: valid YAML, but the summary was swallowed
    ('title: "Форум громад\nsummary: Громади обговорили бюджет"\ncategory: forum\n',
     f'{FILE}:2: title: {UNCLOSED}; close it at the end of the value: title: "…"'),
    # the last field
    ('category: forum\ntitle: "Форум громад\n',
     f'{FILE}:3: title: {UNCLOSED}; close it at the end of the value: title: "…"'),
    # single quotes
    ("title: 'Форум громад\ncategory: forum\n",
     f"{FILE}:2: title: {UNCLOSED}; close it at the end of the value: title: '…'"),
    # inside the event group
    ('title: "Форум"\ncategory: forum\nevent:\n  start: 2025-12-20\n  place: "Полтава\n  url: https://example.org\n',
     f'{FILE}:6: event.place: {UNCLOSED}; close it at the end of the value: place: "…"'),
    # a list item
    ('title: "Форум"\ncategory: forum\ntags:\n  - "бюджет\n  - громади\n',
     f'{FILE}:5: tags: {UNCLOSED}; close it at the end of the value: - "…"'),
]
MULTILINE_QUOTED = 'title: "Форум громад\n  у Полтаві"\ncategory: forum\nsummary: "Громади обговорили:\n  бюджет"\n'


@pytest.mark.parametrize("front, expected", UNCLOSED_CASES)
def test_an_unclosed_quote_is_named_where_it_opens(front, expected, tmp_path):
    assert problems_of(tmp_path, front) == [expected]


def test_a_quoted_value_on_several_lines_is_still_fine(tmp_path):
    assert problems_of(tmp_path, MULTILINE_QUOTED) == []


# -- 2. a tab in the indentation --------------------------------------------------------

TAB_CASES = [
    ('title: "Форум"\ncategory: forum\nevent:\n\tstart: 2025-12-20\n', 5),
    ('title: "Форум"\n\tcategory: forum\n', 3),
    ('title: "Форум"\ncategory: forum\nevent:\n  start: 2025-12-20\n\t place: Полтава\n', 6),
]


@pytest.mark.parametrize("front, line", TAB_CASES)
def test_a_tab_in_the_indentation_is_named_on_its_line(front, line, tmp_path):
    assert problems_of(tmp_path, front) == [f"{FILE}:{line}: front matter: {TAB}"]


TAB_FINE = [
    'title:\t"Форум"\ncategory: forum\n',           # a tab after the colon
    'title: "Форум"\t\ncategory: forum\t\n',         # tabs at the end of lines
    'title: "Форум"\n\t\ncategory: forum\n',         # a blank line holding a tab
    'title: "Форум"  \t# a comment\ncategory: forum\n',
]


@pytest.mark.parametrize("front", TAB_FINE)
def test_a_tab_that_is_not_indentation_is_fine(front, tmp_path):
    assert problems_of(tmp_path, front) == []


# -- 3. stray quotes ----------------------------------------------------------------------

STRAY_CASES = [
    ('title: Форум громад"\ncategory: forum\n', f"{FILE}:2: title: {STRAY_END}"),
    ("title: Форум громад'\ncategory: forum\n", f"{FILE}:2: title: {STRAY_END}"),
    ('category: forum\ntitle: Форум "громад\n',
     f"{FILE}:3: title: a quote mark in the value is never closed; close it after the quoted words or remove it "
     "(quotes inside a value are best written «»: title: Форум «Громади»)"),
    ('title: Форум\ncategory: forum\nevent:\n  start: 2025-12-20\n  place: Полтава"\n',
     f'{FILE}:6: event.place: the value ends with a quote mark that is never opened; '
     'put the whole value in quotes, place: "…", or remove the quote at the end'),
    # quoted, then more text: a syntax error on its own line and field
    ('category: forum\ntitle: "Форум" громад\nregion: poltava\n',
     f'{FILE}:3: title: YAML syntax error: the value goes on after its closing quote; '
     'put the whole value in quotes and use «» for the quotes inside it: title: "«…» …"'),
    ("category: forum\ntitle: 'Сім'я громад'\n",
     f"{FILE}:3: title: YAML syntax error: the value goes on after its closing quote "
     "(an apostrophe inside single quotes ends them); "
     'write the apostrophe as ’, or put the whole value in double quotes: title: "…"'),
]


@pytest.mark.parametrize("front, expected", STRAY_CASES)
def test_a_stray_quote_is_named_with_the_fix(front, expected, tmp_path):
    assert problems_of(tmp_path, front) == [expected]


PAIRED_TITLES = [
    'Конкурс "Громада року"', "Обʼєднання громад", "Сім'я громад", "The councils' forum",
    '"Форум громад"', "'Форум громад'", '"Форум \\"Громади\\""', "Форум «Громади»",
]


@pytest.mark.parametrize("title", PAIRED_TITLES)
def test_paired_quotes_and_apostrophes_are_fine(title, tmp_path):
    assert problems_of(tmp_path, f"title: {title}\ncategory: forum\n") == []


# -- 4. every other syntax error: the line and field where it starts ------------------------

SYNTAX_CASES = [
    ("title: [Оновлено] Форум громад\ncategory: forum\n",
     f'{FILE}:2: title: YAML syntax error: a value that starts with [ is read as a list, and text goes on after it; '
     'put the whole value in quotes: title: "[…] …"'),
    ("title: Форум громад\nу Полтаві\ncategory: forum\n",
     f"{FILE}:3: title: YAML syntax error: this line is not a field (name: value), nor part of the value above; "
     "join it to the line above if it continues that value (or put the whole value in quotes), "
     "or else write it as name: value"),
    ("title: Форум\ncategory: forum\nevent:\n  start: 2025-12-20\n place: Полтава\n",
     f"{FILE}:6: event.place: YAML syntax error: this line is indented differently from the fields above it; "
     "start each field at the beginning of the line (and event's fields two spaces in)"),
    ("title: Форум: громади\ncategory: forum\n",
     f'{FILE}:2: title: YAML syntax error: a value contains a colon followed by a space, or a line is indented '
     'more than the field before it; put text containing ": " in quotes, for example title: "Форум: громади", '
     "and start each field at the same indentation"),
    ("title: Форум\ncategory: forum\nsource: @rada\n",
     f"{FILE}:4: source: YAML syntax error: a value starts with a character YAML reserves (such as @ ` % * & ! | >); "
     "put the whole value in quotes"),
    ("title: Форум\ntags: {бюджет, громади\ncategory: forum\nregion: poltava\n",
     f"{FILE}:3: tags: YAML syntax error: a value that starts with {{ is read as a group, and this one is not "
     "written as one; put the value in quotes if it is text (tags: \"{…\"), or separate the group's items with "
     "commas and close it with }"),
    ("title: Форум\ncategory: forum\n- громади\n",
     f"{FILE}:4: category: YAML syntax error: a list item (- …) and fields (name: value) are mixed here; "
     "start each field at the beginning of the line, and write a list under its field, "
     "one item per line starting with '- '"),
    ("title: Форум\x07 громад\ncategory: forum\n",
     f"{FILE}:2: title: YAML syntax error: an invisible character (U+0007) that YAML does not allow; "
     "delete it: retype the text around it (it usually comes with text copied from another program)"),
]


@pytest.mark.parametrize("front, expected", SYNTAX_CASES)
def test_other_syntax_errors_are_named_where_they_start(front, expected, tmp_path):
    assert problems_of(tmp_path, front) == [expected]


UNCLOSED_LIST = "title: Форум\ncategory: [forum\n"


def test_a_list_never_closed_names_the_line_where_it_opens(tmp_path):
    """YAML finds it still open where the front matter ends; the message names where it opens."""
    assert problems_of(tmp_path, UNCLOSED_LIST) == [
        f'{FILE}:4: front matter: YAML syntax error: the [ opened on line 3 (category) is never closed; '
        'put the value in quotes if it is text (category: "[…"), or close the list with ] on the same line']


# -- values: YAML 1.2 as ruamel.yaml reads it --------------------------------------------------

VALUES_1_2 = [
    ("yes", "yes"), ("no", "no"), ("on", "on"), ("Off", "Off"), ("10:30", "10:30"), ("true", True),
    ("2025-12-04", date(2025, 12, 4)), ("2026-13-45", "2026-13-45"), ("0o17", 15), ("017", 17),
    ("1e3", 1000.0), ("=", "="), ("~", None),
]


@pytest.mark.parametrize("text, value", VALUES_1_2)
def test_values_are_read_as_yaml_1_2(text, value):
    data, _, problems = strictyaml.load_mapping(f"v: {text}\n", path="x.md")
    assert problems == [] and data == {"v": value} and type(data["v"]) is type(value)


TWICE = "title: a\ncategory: forum\ntitle: b\n"


def test_a_key_written_twice_names_both_lines_and_keeps_the_last_value():
    data, lines, problems = strictyaml.load_mapping(TWICE, path="x.md")
    assert [p.format() for p in problems] == ["x.md:3: title: the key appears twice (also on line 1); keep one of them"]
    assert data == {"title": "b", "category": "forum"} and lines == {("title",): 1, ("category",): 1 + 1}


# -- the new bad examples ----------------------------------------------------------------------

NEW_BAD = {
    "yaml-unclosed-quote": "news/2025/2025-12-01-yaml-unclosed-quote/uk.md:2: title: "
                           f'{UNCLOSED}; close it at the end of the value: title: "…"',
    "yaml-tab-indent": f"news/2025/2025-12-01-yaml-tab-indent/uk.md:5: front matter: {TAB}",
    "yaml-stray-quote": f"news/2025/2025-12-01-yaml-stray-quote/uk.md:2: title: {STRAY_END}",
}


@pytest.mark.parametrize("case", sorted(NEW_BAD))
def test_new_bad_examples_are_rejected_with_their_message(case, tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    for name in ("categories.yml", "regions.yml"):
        shutil.copy(SITE_NEWS / name, news / name)
    shutil.copytree(BAD / case / "news", news, dirs_exist_ok=True)
    loaded = load_uncached(Settings(root=tmp_path))
    assert loaded.catalog.stories == []
    assert [p.format() for p in loaded.problems] == [NEW_BAD[case]]


# -- whatever the text: data, or a problem on a line of the file -------------------------------

PIECES = st.sampled_from([
    "title", "summary", "event", "start", "place", "tags", "- ", "  ", "    ", "\t", ": ", ":", "\n", "\n",
    '"', "'", "«", "»", "’", "[", "]", "{", "}", ",", "#", "&a", "*a", "!", "|", ">", "@", "`", "%", "?",
    "---", "...", "\\", "Форум громад", "Сім'я", "2025-12-01", "10:30", "yes", "~", "<<", "=", "\x07",
    "\u2028", "\x85", "\ufeff",
])
# FUZZ_EXAMPLES=20000 for a long run, as in test_fuzz.py.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "400"))
YAMLISH = st.one_of(st.lists(PIECES, max_size=40).map("".join), st.text(max_size=80))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH, st.integers(1, 5))
def test_any_text_gives_data_or_a_problem_on_a_line_of_the_file(text, first_line):
    data, lines, problems = strictyaml.load_mapping(text, path="x.md", first_line=first_line)
    last = first_line + text.count("\n")  # the line after the text: the closing '---'
    assert data is not None or problems, "no data without a problem saying why"
    for problem in problems:
        assert problem.path == "x.md" and problem.field and problem.message and problem.hint
        assert problem.line is not None and first_line <= problem.line <= last, (problem.format(), text)
        assert problem.format().startswith(f"x.md:{problem.line}: {problem.field}: ")
    assert all(first_line <= line <= last for line in lines.values())
