"""``check --lang uk`` says every line in Ukrainian, not only the summary (issue 23).

Every problem the engine produces for the mistakes the tests know of (the bad
examples of ``tests/fixtures/bad/``, the cases of the YAML, author, picture,
alias, spelling and command tests, a few more, the sanitizer's attack
vectors, random YAML) goes through the catalogue of ``newsroom/content/
messages.py``: its message and its hint must come out in Ukrainian, keeping
only field names, file names, ids, values and examples (what an editor
types). ``check --lang uk`` on a project with bad stories prints every line
so, with the same ``path:line: field:`` as in English.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from PIL import Image

import test_cli as cli_cases
import test_pictures as picture_cases
import test_validation as validation
import test_yaml_messages as yaml_cases
from conftest import FIXTURES, REPO
from xss_vectors import MARKDOWN_VECTORS, VECTORS

from newsroom.content import bodies, strictyaml
from newsroom.content.checks import run_checks, text_problems
from newsroom.content.loader import load_uncached
from newsroom.content.messages import GOT, MESSAGES, PICTURE, READ, pattern_count, translate, ukrainian
from newsroom.content.problems import Problem
from newsroom.settings import Settings

SITE_NEWS = FIXTURES / "site" / "news"
CYRILLIC = re.compile(r"[А-Яа-яЄєІіЇїҐґ]")
# English words an untranslated (or half-translated) text would hold.
ENGLISH = {"is", "the", "not", "use", "write", "allowed", "required", "a", "an", "and", "or", "of", "to",
           "it", "its", "be", "no", "put", "add", "remove", "expected", "got", "with", "this", "line", "file",
           "value", "field", "fields", "story", "folder", "picture", "quotes", "syntax", "each", "as",
           "did", "you", "mean", "such", "for", "example", "here", "there", "only", "cannot", "never",
           "rename", "move", "keep", "check", "save", "delete", "give", "name", "replace", "translate"}
# Quoted text and code: values and examples, kept as written.
QUOTED = re.compile(r"`[^`]*`|'[^'\n]*'|\"[^\"\n]*\"|«[^»]*»")
# A token holding one of these is a path, an id, a date, a tag or an example, not a word.
TECHNICAL = re.compile(r"[/._\-<>\[\]{}=*@&|%#\\!0-9+:]")
# The sanitizer's note types (``sanitize_rules.ADMONITION_TYPES``) are listed in its hint.
NOTE_TYPES = "оберіть тип примітки:"


# -- what a Ukrainian line may hold -----------------------------------------------------------

def english_words(text: str) -> list[str]:
    """The English words of ``text`` outside quotes and code, paths, ids and examples."""
    text = QUOTED.sub(" ", text.split(NOTE_TYPES)[0])
    words = []
    for token in text.split():
        token = token.strip(",;:.()?!")
        if token and not TECHNICAL.search(token) and token.isascii() and token.lower() in ENGLISH:
            words.append(token)
    return words


def untranslated(text: str) -> str | None:
    """Why the Ukrainian of the English ``text`` is not right (None when it is)."""
    if not text:
        return None
    uk = ukrainian(text)
    if uk is None:
        return "not in the catalogue"
    if uk == text or translate(text, "uk") != uk:
        return "left as it was"
    if not CYRILLIC.search(uk):
        return "no Ukrainian in it"
    if words := english_words(uk):
        return f"English words left: {words}"
    return None


def failures(problems: list[Problem]) -> list[str]:
    found = []
    for problem in problems:
        for part in (problem.message, problem.hint):
            why = untranslated(part)
            if why:
                found.append(f"{why}: {part!r} -> {ukrainian(part)!r}  ({problem.format()})")
    return found


# -- the problems the engine produces -------------------------------------------------------

def params(test, name: str) -> list:
    """The values of argument ``name`` in the ``parametrize`` marks of ``test``."""
    values = []
    for mark in getattr(test, "pytestmark", []):
        if mark.name != "parametrize":
            continue
        names = [n.strip() for n in mark.args[0].split(",")] if isinstance(mark.args[0], str) else mark.args[0]
        if name in names:
            index = names.index(name)
            values += [case[index] if len(names) > 1 else case for case in mark.args[1]]
    assert values, (test.__name__, name)
    return values


def news(root: Path, stories: dict[str, dict[str, str | bytes]], *, terms: tuple[str, ...] = (
        "categories.yml", "regions.yml", "authors.yml")) -> Path:
    """``root/news`` with the fixture site's term files and ``stories``
    (folder under news/ -> file name -> content)."""
    folder = root / "news"
    folder.mkdir(parents=True)
    for name in terms:
        shutil.copy(SITE_NEWS / name, folder / name)
    for where, files in stories.items():
        (folder / where).mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            (folder / where / name).write_bytes(data)
    return folder


def loaded(root: Path, stories: dict[str, dict[str, str | bytes]], **options) -> list[Problem]:
    news(root, stories, **options)
    return load_uncached(Settings(root=root)).problems


def front(text: str, body: str = "Перший абзац новини.\n") -> dict[str, str]:
    return {"uk.md": f"---\n{text}---\n\n{body}"}


def picture(kind: str, width: int = 800) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, 500), (20, 120, 60)).save(out, kind)
    return out.getvalue()


UK = "---\ntitle: Форум у Полтаві\ncategory: forum\n{extra}---\n\nТекст.\n"
EN = "---\ntitle: Forum in Poltava\n{extra}---\n\nText.\n"

# Mistakes of no other test: each story folder (under news/) with its files.
MORE: dict[str, dict[str, str | bytes]] = {
    "2025/2025-12-01-deadline-time": front("title: Х\ncategory: forum\ndeadline: 2025-12-15T10:00:00\n"),
    "2025/2025-12-01-ids": front("title: Х\ncategory: forum\nauthors: first-author\n"),
    "2025/2025-12-01-ids-empty": front("title: Х\ncategory: forum\nauthors: [first-author, '']\n"),
    "2025/2025-12-01-tag-number": front("title: Х\ncategory: forum\ntags: [Полтава, 5]\n"),
    "2025/2025-12-01-tag-empty": front("title: Х\ncategory: forum\ntags: [Полтава, '']\n"),
    "2025/2025-12-01-aliases-text": front("title: Х\ncategory: forum\naliases: /news/2025/01/01/x/\n"),
    "2025/2025-12-01-aliases-date": front("title: Х\ncategory: forum\naliases: [/news/2025/02/30/x/]\n"),
    "2025/2025-12-01-own-alias": front("title: Х\ncategory: forum\naliases: [/news/2025/12/01/own-alias/]\n"),
    "2025/2025-12-01-draft-empty": front("title: Х\ncategory: forum\ndraft:\n"),
    "2025/2025-12-01-time-list": front("title: Х\ncategory: forum\ntime: [9, 30]\n"),
    "2025/2025-12-01-source-url": front("title: Х\ncategory: forum\nsource_url: ftp://example.org/x\n"),
    "2025/2025-12-01-alt-only": front("title: Х\ncategory: forum\nimage_alt: Опис\n"),
    "2025/2025-12-01-unknown-author": front("title: Х\ncategory: forum\nauthors: [nobody]\n"),
    "2025/2025-12-01-tag-type": front('title: Х\ncategory: forum\nsource: !weird text\n'),
    "2025/2025-12-01-escape": front('title: "Форум \\q"\ncategory: forum\n'),
    "2025/2025-12-01-group-open": front("title: Х\ncategory: forum\ntags: {бюджет, громади\n"),
    "2025/2025-12-01-group-text": front("title: {Оновлено} Форум\ncategory: forum\n"),
    "2025/2025-12-01-list-key": front("? [a, b]\n: c\ntitle: Х\ncategory: forum\n"),
    "2025/2025-12-01-gif": {**front("title: Х\ncategory: forum\nimage: p.jpg\nimage_alt: Опис\n"),
                            "p.jpg": picture("GIF")},
    "2025/2025-12-01-event-ics": {**front("title: Х\ncategory: forum\n"), "event.ics": b"BEGIN:VCALENDAR\n"},
    "2025/2025-12-01-same-title": {"uk.md": UK.format(extra=""), "en.md": "---\ntitle: Форум у Полтаві\n---\n\nText.\n"},
    "2025/2025-12-01-placeholder": {"uk.md": UK.format(extra="").replace("Текст.", "Замініть цей абзац текстом новини."),
                                    "en.md": EN.format(extra="").replace(
                                        "Text.", "Replace this paragraph with the story's text.")},
    "2025/2025-12-01-no-event": {"uk.md": UK.format(extra=""),
                                 "en.md": EN.format(extra="event:\n  start: 2025-12-16\n  place: Poltava\n")},
    "2025/2025-12-01-event-differs": {
        "uk.md": UK.format(extra="event:\n  start: 2025-12-15\n  url: https://example.org/a\n"),
        "en.md": EN.format(extra="event:\n  start: 2025-12-16\n  url: https://example.org/b\n")},
    "2025/2025-12-01-translated-draft": {"uk.md": UK.format(extra=""), "en.md": EN.format(extra="draft: true\n")},
    "2025/forum-in-poltava": front("title: Х\ncategory: forum\n"),
    "2025/2025-12-01-not-utf8-unknown": {"uk.md": b"---\ntitle: a\x98\ncategory: forum\n---\n\nText.\n"},
    "2025/2025-12-01-event-no-start": front("title: Х\ncategory: forum\nevent:\n  place: Полтава\n"),
    "2025/2025-12-01-number-key": front("title: Х\ncategory: forum\n5: x\n"),
}


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> dict[str, list[Problem]]:
    """Source of the mistakes -> the problems the engine gives for them."""
    tmp = tmp_path_factory.mktemp("messages")
    count = iter(range(10_000))

    def fresh() -> Path:
        return tmp / str(next(count))

    found: dict[str, list[Problem]] = {}

    # tests/fixtures/bad/: every story case at once, with the fixture site's stories
    root = fresh()
    validation.news_with(root, sorted(validation.EXPECTED), with_site_stories=True)
    found["fixtures/bad (news)"] = validation.load(root).problems
    # ... and the knowledge pages at the URLs of news pages, through `check`
    root = fresh()
    shutil.copytree(REPO / "docs", root / "docs")
    for case in validation.EXPECTED_DOCS:
        shutil.copytree(validation.BAD / case / "docs", root / "docs", dirs_exist_ok=True)
    shutil.copytree(SITE_NEWS, root / "news")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    found["fixtures/bad (docs)"] = run_checks(root).problems

    # test_validation.py's bad values and front matter that is not fields
    for text in params(validation.test_more_bad_values_are_named, "text"):
        head = "" if text.startswith("title") else "title: Форум\n"
        found.setdefault("test_validation", []).extend(
            loaded(fresh(), {"2025/2025-12-01-more": front(f"category: forum\n{head}{text}\n")}))
    for text in params(validation.test_front_matter_that_is_not_fields_is_reported_never_dropped, "front"):
        found["test_validation"] += loaded(fresh(), {"2025/2025-12-01-x": front(f"{text}\n" if text else "")})

    # test_yaml_messages.py: every front matter its tests write
    for test in (yaml_cases.test_an_unclosed_quote_is_named_where_it_opens,
                 yaml_cases.test_a_tab_in_the_indentation_is_named_on_its_line,
                 yaml_cases.test_a_stray_quote_is_named_with_the_fix,
                 yaml_cases.test_other_syntax_errors_are_named_where_they_start):
        for text in params(test, "front"):
            found.setdefault("test_yaml_messages", []).extend(
                loaded(fresh(), {"2025/2025-12-01-yaml": front(text)}))
    found["test_yaml_messages"] += loaded(fresh(), {"2025/2025-12-01-yaml": front("title: Форум\ncategory: [forum\n")})
    found["test_yaml_messages"] += strictyaml.load_mapping("title: a\ncategory: forum\ntitle: b\n", path="x.md")[2]

    # test_authors.py: an unknown author; an author without a name in each language
    found["test_authors"] = loaded(fresh(), {"2025/2025-11-01-x": front(
        "title: Х\ncategory: forum\nauthors: [first-author, nobody]\n")})
    root = fresh()
    news(root, {}, terms=("categories.yml", "regions.yml"))
    (root / "news" / "authors.yml").write_text("first-author:\n  uk: Перша Авторка\n", encoding="utf-8")
    found["test_authors"] += load_uncached(Settings(root=root)).problems

    # test_pictures.py: the lead picture's cases, one over 15 MB, the text's pictures
    for text, files in zip(params(picture_cases.test_check_rejects_a_lead_picture_that_breaks_the_rules, "front"),
                           params(picture_cases.test_check_rejects_a_lead_picture_that_breaks_the_rules, "files")):
        found.setdefault("test_pictures", []).extend(
            loaded(fresh(), {"2025/2025-11-01-x": {**front(f"title: Х\ncategory: forum\n{text}"), **files}}))
    from newsroom.content import pictures

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pictures, "MAX_BYTES", 1000)
        found["test_pictures"] += loaded(fresh(), {"2025/2025-11-01-x": {
            **front("title: Х\ncategory: forum\nimage: p.png\nimage_alt: Опис\n"), "p.png": picture("PNG")}})
    root = fresh()
    news(root, {"2025/2025-11-01-x": {
        **front("title: Х\ncategory: forum\n", "Текст.\n\n![](p.png)\n\n![Опис](small.png)\n\n![Опис](fake.jpg)\n\n"
                                              "![Опис](missing.png)\n\n![Опис](programme.pdf)\n"),
        "p.png": picture("PNG"), "small.png": picture("PNG", 300), "fake.jpg": b"not a picture",
        "programme.pdf": b"%PDF-1.4\n"}})
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    found["test_pictures"] += text_problems(Settings(root=root), {})

    # test_aliases.py: an alias that is a live address, or another story's; one that is no address
    found["test_aliases"] = loaded(fresh(), {
        "2025/2025-11-01-forum": {"uk.md": UK.format(extra="aliases: [/news/2025/11/02/other/]\n")},
        "2025/2025-11-02-other": {"uk.md": UK.format(extra="")},
        "2025/2025-11-03-third": {"uk.md": UK.format(extra="aliases:\n  - /news/2025/10/01/old/\n")},
        "2025/2025-11-04-fourth": {"uk.md": UK.format(extra="aliases: [news/2025/10/01/old]\n")},
    }) + loaded(fresh(), {"2025/2025-11-01-forum": {"uk.md": UK.format(extra="aliases: [/about/]\n")}})

    # test_spellings.py: two spellings of the language files in one story
    found["test_spellings"] = loaded(fresh(), {"2025/2025-11-01-forum": {
        "uk.md": UK.format(extra=""), "index.en.md": EN.format(extra="")}})

    # test_cli.py: the broken project of `check`, and a knowledge page without a title
    found["test_cli"] = loaded(fresh(), {folder: files for folder, (files, *_) in cli_cases.BROKEN.items()})
    root = fresh()
    shutil.copytree(REPO / "docs", root / "docs")
    (root / "docs/uk/news").mkdir()
    (root / "docs/uk/news/index.md").write_text("---\ntitle: Новини\n---\n\nТекст.\n", encoding="utf-8")
    (root / "docs/en/broken.md").write_text("---\ndescription: no title\ntitel: x\n---\n\nText.\n",
                                            encoding="utf-8")
    (root / "docs/en/projects/broken.md").write_text("---\ntitle: Project\n---\n\nText.\n", encoding="utf-8")
    shutil.copytree(SITE_NEWS, root / "news")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    found["test_cli"] += run_checks(root).problems

    # More mistakes: values, translations, folders, term files
    root = fresh()
    news(root, MORE)
    (root / "news/2025/notes.txt").write_text("A file among the story folders.\n", encoding="utf-8")
    found["more"] = load_uncached(Settings(root=root)).problems
    root = fresh()
    news(root, {"2025/2025-12-01-x": front("title: Х\ncategory: forum\nauthors: [ivan-petrenko]\n")}, terms=())
    (root / "news" / "categories.yml").write_text("- forum\n- finance\n", encoding="utf-8")
    (root / "news" / "authors.yml").write_text("Ivan Petrenko:\n  uk: Іван\n  en: Ivan\n", encoding="utf-8")
    (root / "news" / "tags.yml").write_text("a: {en: A}\n---\nb: {en: B}\n", encoding="utf-8")
    (root / "news" / "drafts").mkdir()
    found["more"] += load_uncached(Settings(root=root)).problems

    # The sanitizer: every attack vector, as HTML and in Markdown
    render = bodies.renderer(REPO)
    sanitizer = []
    for vector in VECTORS:
        sanitizer += bodies.clean(vector.html, vector.html, "x.md", 1)[1]
        sanitizer += bodies.clean(render(vector.html), vector.html, "x.md", 1)[1]
    for _, text in MARKDOWN_VECTORS:
        sanitizer += bodies.clean(render(text), text, "x.md", 1)[1]
    for text in ('<div class="big">x</div>', '<p style="color: red">x</p>', "<td style='color: red'>x</td>",
                 '<img src="gone.jpg" width="wide">', '<a href="https://x.org" rel="me">x</a>',
                 "!!! unknown\n    Text.\n", "<video src='https://x.org/a.mp4'></video>", "<form></form>",
                 "<style>p {}</style>", "<meta charset='utf-8'>", "<font color=red>x</font>", "<svg></svg>"):
        sanitizer += bodies.clean(render(text), text, "x.md", 1)[1]
    found["sanitizer"] = sanitizer
    return found


def test_every_problem_is_in_ukrainian(produced):
    """Every message and hint: in the catalogue, changed, with Ukrainian, no English word left."""
    assert all(produced.values()), [name for name, problems in produced.items() if not problems]
    wrong = [f"[{name}] {line}" for name, problems in produced.items() for line in failures(problems)]
    assert not wrong, "\n".join(wrong)


def test_the_sources_produce_the_mistakes_they_are_about(produced):
    """The collection above is not empty by accident: it holds every kind of mistake."""
    messages = {p.message for problems in produced.values() for p in problems}
    for words in ("YAML syntax error: a tab is used for indentation", "is not a known field", "is required",
                  "is not a language file", "is not allowed", "has no description", "is already an alias of",
                  "mixes two spellings", "is not an author", "needs a label in each language",
                  "is published at", "still holds the paragraph", "announces no event", "is a GIF file",
                  "is not a year folder", "is a file where a story folder was expected", "expected one entry",
                  "is not a valid id", "has no real date", "expected a date without a time", "tag 2: ",
                  "item 2: ", "a second '---' line"):
        assert any(words in message for message in messages), words
    assert sum(len(problems) for problems in produced.values()) > 150


def test_the_kept_parts_stay_as_written(produced):
    """Field names, paths, ids, values and examples come through unchanged."""
    problems = [p for found in produced.values() for p in found]

    def uk_of(message_start: str) -> tuple[Problem, str]:
        problem = next(p for p in problems if p.message.startswith(message_start))
        return problem, translate(problem.message, "uk") + "; " + translate(problem.hint, "uk")

    _, text = uk_of("'forums' is not a category")
    assert "'forums'" in text and "forum, roundtable, finance, vacancy, programme (news/categories.yml)" in text
    _, text = uk_of("the slug 'Slug-Uppercase'")
    assert "'Slug-Uppercase'" in text and "forum-u-poltavi" in text
    problem, text = uk_of("differs from news/2025/2025-12-01-translation-disagrees/uk.md")
    assert "news/2025/2025-12-01-translation-disagrees/uk.md" in text and "category" in text and "uk.md" in text
    _, text = uk_of("YAML syntax error: a quoted text starts")
    assert 'title: "…"' in text
    _, text = uk_of("expected a time of day")
    assert "'25:00'" in text and "time: 09:30" in text
    _, text = uk_of("would be published at /news/2025/12/01/same-url/")
    assert "/news/2025/12/01/same-url/" in text and "news/2024/2025-12-01-same-url" in text


@pytest.mark.parametrize("english, ukrainian_text", [
    ("the key appears twice (also on line 2)", "поле записано двічі (ще й у рядку 2)"),
    ("expected true or false, got 'yes'", "потрібно true або false, а не 'yes'"),
    ("expected true or false, got nothing", "потрібно true або false, а значення порожнє"),
    ("expected text but YAML read the date 2025-12-04", "потрібен текст, а YAML прочитав дату 2025-12-04"),
    ("tag 2: is empty", "тег 2: значення порожнє"),
    ("add uk.md and/or en.md", "додайте uk.md і/або en.md"),
    ("the picture small.png is 300 px wide, less than 600 px",
     "зображення small.png має ширину 300 px, менше за 600 px"),
    ("<iframe> is not allowed", "тег <iframe> не дозволено"),
    ("the onclick attribute of <strong> is not allowed", "атрибут onclick у <strong> не дозволено"),
    ("paste the video link on its own line", "вставте посилання на відео окремим рядком"),
    # rare: what YAML cannot read at all, a story file that gives nothing
    ("YAML syntax error: this front matter cannot be read as fields (RecursionError)",
     "синтаксична помилка YAML: ці службові поля не вдається прочитати як поля (RecursionError)"),
    ("simplify it: plain fields (name: value), lists and groups only",
     "спростіть запис: лише прості поля (назва: значення), списки й групи"),
    ("could not be read as a story", "не вдається прочитати як новину"),
    ("the picture photo.jpg is not in the story's folder", "зображення photo.jpg немає в теці новини"),
    ("put the picture file in the story's folder, beside uk.md",
     "покладіть файл зображення в теку новини, поруч з uk.md"),
    ("compare it with a working story's file", "порівняйте його з файлом новини, яка працює"),
])
def test_some_translations_word_for_word(english, ukrainian_text):
    assert translate(english, "uk") == ukrainian_text


def test_the_catalogue_writes_ukrainian_typography():
    """The apostrophe is ’ and quotes around words are «» (values and examples keep theirs)."""
    for entry in MESSAGES + PICTURE + GOT + READ:
        assert not re.search(r"[А-Яа-яЄєІіЇїҐґ]'[А-Яа-яЄєІіЇїҐґ]", entry.uk), entry.uk
        assert not re.search(r"\"[А-Яа-яЄєІіЇїҐґ ]+\"", QUOTED.sub("", entry.uk.replace('"…"', ""))), entry.uk


def test_english_is_unchanged_and_unknown_text_is_left_alone():
    problem = Problem("news/2025/x/uk.md", 3, "title", "is required", "add it")
    assert problem.format() == problem.format("en") == "news/2025/x/uk.md:3: title: is required; add it"
    assert problem.format("uk") == "news/2025/x/uk.md:3: title: обов’язкове поле; додайте його"
    assert Problem("docs/x.md", None, "url", "is published at /x/, where the news engine puts a news listing",
                   "").format("uk") == "docs/x.md: url: публікується за адресою /x/, де сайт розміщує перелік новин"
    assert translate("is required", "en") == "is required"
    assert translate("something the catalogue never heard of", "uk") == "something the catalogue never heard of"
    assert ukrainian("something the catalogue never heard of") is None and ukrainian("") == ""
    assert pattern_count() > 150


@settings(max_examples=yaml_cases.EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_cases.YAMLISH, st.integers(1, 5))
def test_any_yaml_mistake_is_in_the_catalogue(text, first_line):
    """Whatever the front matter, each message and hint the YAML reader gives has its Ukrainian."""
    _, _, problems = strictyaml.load_mapping(text, path="x.md", first_line=first_line)
    for problem in problems:
        for part in (problem.message, problem.hint):
            uk = ukrainian(part)
            assert uk is not None and uk != part and CYRILLIC.search(uk), (part, text)


# -- `check --lang uk` -----------------------------------------------------------------------------

BAD_CASES = ("yaml-unclosed-quote", "yaml-tab-indent", "unknown-key", "not-utf8", "translation-disagrees",
             "language-file-ua", "draft-yes", "same-url", "bad-event-date", "asset-named-index-html")


def test_check_lang_uk_prints_every_line_in_ukrainian(tmp_path, capsys):
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    validation.news_with(tmp_path, list(BAD_CASES))
    story = tmp_path / "news/2025/2025-12-01-text/uk.md"
    story.parent.mkdir(parents=True)
    story.write_text("---\ntitle: Форум\ncategory: forum\n---\n\nТекст <iframe src='https://x.org'></iframe>.\n",
                     encoding="utf-8")
    problems = run_checks(tmp_path).problems

    code, english, _ = cli_cases.run(capsys, "check", "--root", str(tmp_path))
    code_uk, out, _ = cli_cases.run(capsys, "check", "--lang", "uk", "--root", str(tmp_path))
    assert code == code_uk == 1
    lines, english = out.splitlines(), english.splitlines()
    assert len(lines) == len(english) == len(problems) + 1
    assert lines[-1].startswith("ПОМИЛКИ:")
    for problem, line, en in zip(problems, lines, english):
        where = f"{problem.path}:{problem.line}: {problem.field}: " if problem.line else \
            f"{problem.path}: {problem.field}: "
        assert en == problem.format() and en.startswith(where)
        assert line.startswith(where), (line, where)  # path, line and field as in English
        rest = line[len(where):]
        assert rest != en[len(where):] and CYRILLIC.search(rest), line
        assert not english_words(rest), line
        assert line == problem.format("uk")
        message, _, hint = rest.partition("; ")
        assert CYRILLIC.search(message) and (not problem.hint or CYRILLIC.search(hint)), line
    # Every kind of line is there: YAML, fields, folders, files, the text.
    for fragment in (": front matter: синтаксична помилка YAML: відступ зроблено табуляцією",
                     "uk.md:2: titel: невідоме поле; можливо, ви мали на увазі 'title'?",
                     "language-file-ua/ua.md: file: це не мовний файл;",
                     "2025-12-01-text/uk.md:6: text: тег <iframe> не дозволено; вставте посилання на відео",
                     ": draft: потрібно true або false, а не 'yes'; напишіть true або false"):
        assert any(fragment in line for line in lines), fragment
