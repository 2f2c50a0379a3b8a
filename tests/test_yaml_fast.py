"""The fast path of the front-matter reader (``newsroom/content/yaml_fast.py``).

``load_mapping`` reads front matter of the usual shapes with libyaml, and
every other text with ruamel.yaml in pure Python (the plain path,
``fast=False``). The two must give exactly the same result: the same data
with the same types, the same key lines, the same problems. Checked on
every front matter of the repository, of the fixtures, of a generated
corpus, on every case of test_yaml_messages.py, on the YAML 1.1 / 1.2
differences, and on a few thousand random front matters; and the fast path
must really be taken for a typical story.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import FIXTURES, REPO
from newsroom.content import frontmatter, strictyaml, yaml_fast
from test_fuzz import TRICKY, YAMLISH as FUZZ_YAMLISH
from test_yaml_messages import (MULTILINE_QUOTED, PAIRED_TITLES, PIECES, STRAY_CASES, SYNTAX_CASES, TAB_CASES,
                                TAB_FINE, TWICE, UNCLOSED_CASES, UNCLOSED_LIST, VALUES_1_2,
                                YAMLISH as MESSAGES_YAMLISH)

# YAML_FAST_EXAMPLES=50000 for a long run.
EXAMPLES = int(os.environ.get("YAML_FAST_EXAMPLES", "1500"))
TYPICAL = ('title: "Форум громад у Полтаві"\nsummary: "Громади обговорили бюджет"\nsource: "Асоціація міст України"\n'
           'category: forum\ntags: ["бюджет", "громади"]\nregion: poltava\ntime: "14:30"\n'
           'event: \n  start: 2025-12-20\n  place: "Полтава, Будинок культури"\n')


def typed(value):
    """``value`` with the type of every part, in order: 1 and 1.0, or True and 1, differ."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(item) for item in value])
    return (type(value).__name__, repr(value))


def same_both_ways(text: str, first_line: int = 2) -> bool:
    """Assert that both paths give the same result; whether the fast path took the text."""
    fast = strictyaml.load_mapping(text, path="x.md", first_line=first_line)
    plain = strictyaml.load_mapping(text, path="x.md", first_line=first_line, fast=False)
    assert typed(fast[0]) == typed(plain[0]), text
    assert list(fast[1].items()) == list(plain[1].items()), text
    assert fast[2] == plain[2], text
    taken = strictyaml._FAST.load(text, first_line)
    if taken is not None:  # what load_mapping returned came from the fast path: check it once more
        assert plain[2] == [] and typed(taken[0]) == typed(plain[0]) and taken[1] == plain[1], text
    return taken is not None


def front_matters(folder: Path) -> list[tuple[str, str, int]]:
    """(name, text, first line) of every story's front matter and every YAML file under ``folder``."""
    found = []
    for file in sorted(folder.rglob("*")):
        if file.suffix == ".md":
            source, _ = frontmatter.split(file.read_bytes(), file.name)
            if source is not None:
                found.append((str(file), source.yaml_text, source.yaml_first_line))
        elif file.suffix in (".yml", ".yaml"):
            text, _ = frontmatter.decode(file.read_bytes(), file.name)
            if text is not None:
                found.append((str(file), text, 1))
    return found


# -- 1. the same result: real front matter ----------------------------------------------------

@pytest.mark.parametrize("folder", [REPO / "news", FIXTURES], ids=["news", "fixtures"])
def test_the_repository_front_matters_read_the_same_both_ways(folder):
    found = front_matters(folder)
    assert len(found) >= 10
    taken = sum(same_both_ways(text, first_line) for _, text, first_line in found)
    assert taken >= len(found) // 2, "most real front matters take the fast path"


def test_a_generated_corpus_reads_the_same_both_ways_and_fast(tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import corpus
    finally:
        sys.path.remove(str(REPO / "bench"))
    corpus.generate(100, tmp_path, seed=23, repo=REPO)  # 100 stories a language
    found = [item for item in front_matters(tmp_path / "news") if item[0].endswith(".md")]
    assert len(found) == 200
    slow = [name for name, text, first_line in found if not same_both_ways(text, first_line)]
    assert slow == [], "every generated (typical) story takes the fast path"


BENCH_CORPUS = Path("/tmp/bl1000/news")


@pytest.mark.skipif(not BENCH_CORPUS.is_dir(), reason="no benchmark corpus in /tmp/bl1000")
def test_the_benchmark_corpus_reads_the_same_both_ways():
    found = [item for item in front_matters(BENCH_CORPUS) if item[0].endswith(".md")]
    assert all(same_both_ways(text, first_line) for _, text, first_line in found)


# -- 2. the same result: every case of the YAML messages ---------------------------------------

MESSAGE_TEXTS = [
    *(front for front, _ in UNCLOSED_CASES), MULTILINE_QUOTED, *(front for front, _ in TAB_CASES), *TAB_FINE,
    *(front for front, _ in STRAY_CASES), *(f"title: {title}\ncategory: forum\n" for title in PAIRED_TITLES),
    *(front for front, _ in SYNTAX_CASES), UNCLOSED_LIST, *(f"v: {text}\n" for text, _ in VALUES_1_2), TWICE,
]


@pytest.mark.parametrize("text", MESSAGE_TEXTS)
def test_every_message_case_reads_the_same_both_ways(text):
    same_both_ways(text)


# -- 3. YAML 1.1 (libyaml) against 1.2 (the plain path) ------------------------------------------

TAKEN = [  # the fast path reads these, typed as YAML 1.2
    "v: yes\n", "v: No\n", "v: on\n", "v: OFF\n", "v: y\n", "v: true\n", "v: False\n", "v: 017\n", "v: 0o17\n",
    "v: 0x1F\n", "v: 0b101\n", "v: 1_000\n", "v: 1:30\n", "v: 190:20:30\n", "v: 1:30.5\n", "v: 1e3\n",
    "v: 1.5e3\n", "v: .inf\n", "v: +.inf\n", "v: .nan\n", "v: 10:30\n", "v: 25:00\n", "v: =\n", "v: <<\n",
    "v: ~\n", "v: null\n", "v: NULL\n", "v:\n", "v: ''\n", "v: \"\"\n", "v: 2025-12-04\n", "v: 2026-13-45\n",
    "v: 2025-02-30\n", "v: 2025-12-04 10:00\n", "v: 2025-12-04T10:00:00+02:00\n", "v: 2025-12-04 10:00:00 Z\n",
    "v: 2025-12-04t10:00:00.5-05:30\n", "v: 2025-1-4 1:00:00\n", "v: Norway\n", "v: [yes, no, 017, ~]\n",
    "v:\n  - yes\n  - 2025-12-04\n", "event:\n  start: 2025-12-20\n  end: 2025-12-21 18:00\n",
    "v: 'it''s'\n", "v: \"Сім'я\"\n", "v: https://example.org/a?b=1&c=2#d\n", "v: a\\b\n", "v: 'a\\b'\n",
    "tags: [\"ЄС\", 'б']\n", "tags: []\n", "tags:\n- a\n- b\n", TYPICAL,
]
FALLS_BACK = [  # the plain path reads these (with or without a problem)
    "v: \"a\\/b\"\n", "v: \"a\\Nb\"\n", "v: \"a\\_b\"\n", "v: \"a\\Lb\"\n", "v: \"a\\Pb\"\n", "v: \"a\\tb\"\n",
    "v: \"a\\\"b\"\n", "v: \"a\\qb\"\n", "v:\ta\n", "v: a\t\n", "v: a\tb\n", "\tv: a\n", "\ufeffv: a\n",
    "v: a\rw: b\n", "v: a\x85w: b\n", "v: a\u2028w: b\n", "v: a\u2029b\n", "v: a\x7fb\n", "v: a\x07b\n",
    "<<: {a: 1}\n", "<<: a\n", "=: a\n", "1: a\n", "null: a\n", "~: a\n", "? v\n: a\n", "v: &a x\n",
    "v: &a x\nw: *a\n", "v: !!str 017\n", "v: !x a\n", "v: ! 017\n", "%YAML 1.1\n---\nv: 017\n", "---\nv: a\n",
    "v: a\n...\n", "v: a\n---\nw: b\n", "v: |\n  a\n", "v: >\n  a\n", "v: \"a\n  b\"\n", "v: a\n  b\n",
    "v: {a: 1}\n", "v: [a:b]\n", "v: [[a]]\n", "v: [a,\n  b]\n", "v:\n  - a: 1\n", "v: a\"\n", "v: a'\n",
    "v: \"a\" b\n", "v: a\nv: b\n", "v : a\n", "- a\n", "a\n", "", "# only a comment\n", "v: -1\n", "v: -.inf\n",
    "v: :a\n", "a:\n b:\n  c:\n   d:\n    e:\n     f: 1\n", "k" * 200 + ": a\n", "v: " + "a" * 1200 + "\n",
]


@pytest.mark.parametrize("text", TAKEN)
def test_yaml_1_2_values_take_the_fast_path_and_read_the_same(text):
    assert same_both_ways(text), "the fast path reads it"


@pytest.mark.parametrize("text", FALLS_BACK)
def test_what_the_fast_path_does_not_read_is_left_to_the_plain_path(text):
    assert not same_both_ways(text), "the plain path reads it"


# -- 4. the fast path is taken -----------------------------------------------------------------

def test_a_typical_front_matter_never_reaches_the_plain_path(monkeypatch):
    def plain(*args, **kwargs):
        raise AssertionError("the plain path was used")

    monkeypatch.setattr(strictyaml, "_load_plain", plain)
    data, lines, problems = strictyaml.load_mapping(TYPICAL, path="x.md", first_line=2)
    assert problems == [] and data["event"]["place"] == "Полтава, Будинок культури"
    assert data["tags"] == ["бюджет", "громади"] and str(data["event"]["start"]) == "2025-12-20"
    assert lines[("event", "start")] == 10 and lines[("title",)] == 2
    with pytest.raises(AssertionError, match="plain path"):
        strictyaml.load_mapping(TYPICAL, path="x.md", fast=False)
    with pytest.raises(AssertionError, match="plain path"):
        strictyaml.load_mapping(TYPICAL + "title: again\n", path="x.md")  # a problem: the plain path names it


def test_libyaml_is_there():
    """The fast path needs PyYAML's C extension (pinned in requirements.lock)."""
    assert yaml_fast.CParser is not None and yaml.__with_libyaml__


# -- 5. random front matter ----------------------------------------------------------------------

def mostly(common: list[str], rare: list[str]) -> st.SearchStrategy[str]:
    """One of ``common`` (each as likely as all of ``rare`` together), or one of ``rare``."""
    return st.sampled_from(common * len(rare) + rare)


KEYS = mostly(["title", "summary", "category", "tags", "region", "time", "event", "start", "place", "url", "ключ",
               "a_b", "a-b", "x1"],
              ["1", "yes", "null", "~", "<<", "=", "2025-12-01", "a b", "? x", "- x", '"title"', "'title'",
               "&k title", "!t title", "*k", "[a]", "", "true", "0o17", "-1", "title "])
COMMON = mostly(["a", "б", "Z", "1", "9", " ", "Форум", "громад", "2025", "’", "«", "»"],
                list(".,/_+=<~%@`!&*?|>-:#\\") + ["'", "''"])
RARE = st.sampled_from(['"', "[", "]", "{", "}", "\\/", "\\N", "\\_", "\\L", "\\P", "\\x41", "\\u0410", "\\n", '\\"',
                        "\t", "\n", "\n  ", "\r", "\x85", "\u2028", "\u2029", "\ufeff", "\xa0", "\x7f", "\x00", ": ",
                        " #", "- ", "---", "..."])
# Scalars of common characters, a third of them with one rare piece of YAML.
SCALAR_TEXT = st.builds(lambda head, rare, tail: "".join(head) + rare + "".join(tail), st.lists(COMMON, max_size=5),
                        st.one_of(st.just(""), st.just(""), RARE), st.lists(COMMON, max_size=3))
SCALAR = st.one_of(st.sampled_from(TRICKY), SCALAR_TEXT, SCALAR_TEXT, SCALAR_TEXT)
QUOTED = st.builds(lambda text, quote: f"{quote}{text}{quote}", SCALAR, st.sampled_from(['"', "'"]))
ITEM = st.one_of(SCALAR, QUOTED)
VALUE = st.one_of(
    ITEM, ITEM, ITEM,
    st.lists(ITEM, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    st.lists(ITEM, min_size=1, max_size=3).map(lambda items: "".join(f"\n  - {item}" for item in items)),
    st.lists(ITEM, min_size=1, max_size=3).map(lambda items: "".join(f"\n- {item}" for item in items)),
)
LINE = st.builds(
    lambda indent, key, sep, value, tail: " " * indent + key + sep + value + tail,
    st.sampled_from([0, 0, 0, 0, 0, 0, 2, 1, 4]), KEYS,
    mostly([": "], [":", " : ", ":  ", ":\n  ", ":\n", ":\t"]), VALUE,
    mostly([""], [" # note", "#x", " ", "\t", "  # x: y"]),
)
GROUP = st.builds(lambda key, indent, lines: key + ":" + "".join(f"\n{indent}{line}" for line in lines),
                  KEYS, mostly(["  "], [" ", "    ", "\t"]), st.lists(LINE, min_size=1, max_size=3))
FRONTISH = st.lists(st.one_of(LINE, LINE, LINE, GROUP), max_size=8).map(lambda lines: "\n".join(lines) + "\n")


@st.composite
def mutated(draw):
    """A front matter with a piece of YAML (a quote, a tab, a dash, a break …) put somewhere in it."""
    text = draw(FRONTISH)
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(PIECES) + text[at:]
    return text


LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=15),
                   SCALAR, st.sampled_from(TRICKY), st.dates(), st.datetimes())  # what PyYAML can write
DATA = st.dictionaries(st.one_of(st.sampled_from(["title", "tags", "event", "start"]), st.text(max_size=6)),
                       st.one_of(LEAVES, st.lists(LEAVES, max_size=3),
                                 st.dictionaries(st.text(max_size=5), LEAVES, max_size=3)), max_size=6)
DUMPED = st.builds(lambda data, flow, unicode, width: yaml.safe_dump(data, default_flow_style=flow,
                                                                     allow_unicode=unicode, width=width),
                   DATA, st.sampled_from([False, False, None]), st.booleans(), st.sampled_from([80, 20]))
WORDS = mostly(["title", "summary", "category", "tags", "region", "time", "start", "place", "url", "ключ", "a_b",
                "x1"], ["yes", "On", "true", "1", "null", "~", "<<", "=", "2025-12-01", '"title"', "'tags'", "-x"])


@st.composite
def fields(draw, indent: str = "", depth: int = 0) -> str:
    """Front matter as editors write it: fields with one-line values, lists, groups (and a comment here and there)."""
    lines = []
    for key in draw(st.lists(WORDS, max_size=6 if depth == 0 else 3, unique=draw(st.booleans()))):
        shape = draw(st.sampled_from(["plain", "plain", "quoted", "flow", "block", "group"] if depth < 2 else
                                     ["plain", "quoted", "flow"]))
        if shape == "plain":
            lines.append(f"{indent}{key}: {draw(SCALAR_TEXT)}")
        elif shape == "quoted":
            lines.append(f"{indent}{key}: {draw(QUOTED)}")
        elif shape == "flow":
            lines.append(f"{indent}{key}: [{', '.join(draw(st.lists(ITEM, max_size=3)))}]")
        elif shape == "block":
            dash = indent + draw(st.sampled_from(["", "  "]))
            lines.append(f"{indent}{key}:" + "".join(f"\n{dash}- {item}" for item in draw(st.lists(ITEM, max_size=3))))
        else:
            inner = indent + draw(st.sampled_from(["  ", "    "]))
            lines.append(f"{indent}{key}:{draw(st.sampled_from(['', ' ']))}\n" + draw(fields(inner, depth + 1)))
        lines.append(draw(st.sampled_from(["", "", "", "", f"{indent}# a note", ""])))
    return "".join(line + "\n" for line in lines if line) or "\n"


WELL_FORMED = fields()
# The same front matters without the characters the fast path leaves to the plain path (tabs, breaks …).
CLEAN = FRONTISH.map(lambda text: yaml_fast._DOUBT.sub(" ", text))
WELL_FORMED_CLEAN = WELL_FORMED.map(lambda text: yaml_fast._DOUBT.sub(" ", text))
# Half of them well formed: the fast path's ground, and its edges.
TEXTS = st.sampled_from([WELL_FORMED_CLEAN] * 4 + [WELL_FORMED, CLEAN, FRONTISH, mutated(), DUMPED, FUZZ_YAMLISH,
                         MESSAGES_YAMLISH]).flatmap(lambda strategy: strategy)


@pytest.mark.filterwarnings("ignore::ruamel.yaml.error.ReusedAnchorWarning")
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.integers(1, 3))
def test_random_front_matter_reads_the_same_both_ways(text, first_line):
    same_both_ways(text, first_line)
