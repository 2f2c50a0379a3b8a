"""The web editor (issue 23): Decap CMS's configuration generated from the
contract (``newsroom/editors/cms.py``), the editor's own scripts run under
node (the slug by the official transliteration, the story files' format),
and the editor written into a site (``newsroom/outputs/admin.py``).

The scripts are loaded the way the admin page loads them (node_modules'
browser bundles, then ``admin/*.js``) into a bare JavaScript context, so what
is tested is what the browser runs. tests/browser/test_cms.py drives the
editor itself in Chromium.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPO

from newsroom.content.loader import load_uncached
from newsroom.content.schema import ALLOWED_FIELDS, TRANSLATED_FIELDS, _clock, _day, _when
from newsroom.content.terms import load_terms
from newsroom.editors import cms
from newsroom.model.slugs import slugify
from newsroom.model.stories import Story
from newsroom.outputs import admin
from newsroom.settings import Settings, from_mkdocs_yml

CI = os.environ.get("CI", "").strip().lower() == "true"
NODE_MODULES = REPO / "node_modules"

# The Python slugify's examples (tests/test_units.py), and words whose first
# letter KMU 2010 spells apart (Є, Ї, Й, Ю, Я at a word's start; зг; the
# apostrophe), after punctuation too.
SLUG_EXAMPLES = [
    ("Полтава", "poltava"), ("Київ", "kyiv"), ("Згорани", "zghorany"), ("Щастя", "shchastia"),
    ("Знам'янка", "znamianka"), ("Юрій", "yurii"), ("Громада як юридична особа", "hromada-yak-yurydychna-osoba"),
    ("Багаторівневе врядування на практиці: підсумки регіонального форуму Polaris",
     "bahatorivneve-vriaduvannia-na-praktytsi-pidsumky"),  # cut at 60 characters, at a word
]
SLUG_WORDS = ["Єнакієве", "Їжакевич", "Йосипівка", "Яготин", "Ізюм", "Розгон", "Згурівка", "Марʼїне",
              "Знам’янка", "«Євро» 2025", "(Їжак)", "м.Єнакієве", "Ґалаґан", "ЗГОРАНИ", "Біла Церква",
              "Харків-2025", "Львів—Київ", "U-LEAD з Європою", "'Євген'", "Щ", "15 грудня — круглий стіл"]

# Loads the admin page's scripts into a bare context (no DOM: what they touch
# of it is stubbed) and answers one request read from stdin.
RUNNER = r"""
const fs = require("fs"), path = require("path"), vm = require("vm");
const [repo, settingsJson] = process.argv.slice(1);
const modules = path.join(repo, "node_modules");
const context = {
  console,
  document: { getElementById: () => ({ textContent: settingsJson }), addEventListener() {} },
  addEventListener() {},
};
context.window = context;
context.self = context;
vm.createContext(context);
for (const file of [
  path.join(modules, "cyrillic-to-translit-js", "dist", "bundle.js"),
  path.join(repo, "admin", "slug.js"),
  path.join(modules, "js-yaml", "dist", "js-yaml.min.js"),
  path.join(repo, "admin", "newsroom.js"),
]) vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
const request = JSON.parse(fs.readFileSync(0, "utf8"));
const format = context.newsroomEditor;
// Enough of Immutable's Map for the checks before saving.
class FakeMap {
  constructor(values) { this.values = values || {}; }
  get(key) { const v = this.values[key]; return v && typeof v === "object" && !Array.isArray(v) ? new FakeMap(v) : v; }
  getIn(keys) { return keys.reduce((m, k) => m && m.get ? m.get(k) : undefined, this); }
  set(key, value) { return new FakeMap({ ...this.values, [key]: value }); }
}
function preSave(entry) {
  try {
    const data = format.preSave({ entry: new FakeMap(entry) });
    return { data: data === undefined ? null : data.values };
  } catch (error) { return { error: error.message }; }
}
let answer;
if (request.op === "slug") answer = request.texts.map(t => context.newsroomSlug(t));
else if (request.op === "fileName") answer = request.texts.map(t => context.newsroomSlug.fileName(t));
else if (request.op === "toFile") answer = request.items.map(d => format.toFile(d, request.order));
else if (request.op === "fromFile") answer = request.texts.map(t => format.fromFile(t));
else if (request.op === "preSave") answer = request.entries.map(preSave);
else if (request.op === "today") answer = format.kyivToday();
else if (request.op === "roundtrip") answer = request.texts.map(t => format.toFile(format.fromFile(t), request.order));
process.stdout.write(JSON.stringify(answer));
"""


def need_node() -> str:
    node = shutil.which("node")
    missing = None
    if node is None:
        missing = "node is missing: apt-get install nodejs npm"
    elif not (NODE_MODULES / "decap-cms").is_dir():
        missing = "node_modules is missing: run npm ci --ignore-scripts (package-lock.json)"
    if missing:
        if CI:
            pytest.fail(f"{missing} (CI=true: a missing tool is a failure)", pytrace=False)
        pytest.skip(missing)
    return node


def run_js(request: dict, settings: Settings | None = None):
    node = need_node()
    settings = settings or Settings(root=REPO)
    result = subprocess.run([node, "-e", RUNNER, str(REPO), json.dumps(cms.settings_json(settings))],
                            input=json.dumps(request), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def settings() -> Settings:
    return from_mkdocs_yml(REPO)


@pytest.fixture(scope="module")
def config(settings) -> dict:
    return cms.config(settings)


def story_fields(config) -> dict[str, dict]:
    [collection] = config["collections"]
    return {field["name"]: field for field in collection["fields"]}


# --- the configuration ----------------------------------------------------------------


def test_one_folder_collection_of_story_folders_in_both_languages(config, settings):
    [collection] = config["collections"]
    assert collection["folder"] == "news"
    assert collection["path"] == "{{year}}/{{year}}-{{month}}-{{day}}-{{slug}}/index"
    # Decap writes <path>.<locale>.md: news/2025/2025-11-20-<slug>/index.uk.md and index.en.md.
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["uk", "en"], "default_locale": "uk"}
    assert collection["i18n"] is True and collection["extension"] == "md"
    assert collection["format"] == "newsroom-md" and collection["slug"] == "{{fields.slug}}"
    # The picture goes into the story's own folder, and is named there by its file name.
    assert collection["media_folder"] == "" and collection["public_folder"] == ""
    assert collection["delete"] is False
    assert config["locale"] == "uk"


def test_the_lists_come_from_the_term_files(config, settings):
    found = load_terms(settings.news_dir, settings.root, settings.languages, [])
    fields = story_fields(config)
    assert [o["value"] for o in fields["category"]["options"]] == list(found.categories)
    assert [o["label"] for o in fields["category"]["options"]] == [t.labels["uk"] for t in found.categories.values()]
    assert [o["value"] for o in fields["region"]["options"]] == list(found.regions)
    assert fields["category"]["required"] is True and fields["region"]["required"] is False
    for tag in found.tags:
        assert tag in fields["tags"]["hint"]
    # news/authors.yml lists no author yet: Decap refuses a select without options.
    assert ("authors" in fields) == bool(found.authors)


def test_authors_are_offered_when_the_file_lists_them(tmp_path):
    news = tmp_path / "news"
    shutil.copytree(REPO / "news", news, ignore=shutil.ignore_patterns("20*"))
    (news / "authors.yml").write_text("ivan-petrenko: {uk: Іван Петренко, en: Ivan Petrenko}\n", encoding="utf-8")
    fields = story_fields(cms.config(Settings(root=tmp_path)))
    assert fields["authors"]["options"] == [{"label": "Іван Петренко", "value": "ivan-petrenko"}]
    assert fields["authors"]["multiple"] is True and fields["authors"]["required"] is False


def test_every_field_is_the_contracts_and_goes_in_the_right_file(config):
    fields = story_fields(config)
    helpers = {"date", "body"}  # the folder's date (never written), the text
    assert set(fields) - helpers <= set(ALLOWED_FIELDS)
    assert set(fields) >= {"title", "summary", "source", "category", "region", "tags", "time", "draft",
                           "event", "deadline", "image", "image_alt", "source_url", "body", "date"}
    # Translated fields are i18n; every other field has none, which Decap
    # reads as "none": only in the original's file, hidden in the translation's column.
    translated = {name for name, field in fields.items() if field.get("i18n")}
    assert translated == set(TRANSLATED_FIELDS) | {"body", "event"}
    event = {field["name"]: field for field in fields["event"]["fields"]}
    assert {name for name, field in event.items() if field.get("i18n")} == {"place"}


def test_the_date_formats_give_what_the_schema_accepts(config):
    fields = story_fields(config)
    event = {field["name"]: field for field in fields["event"]["fields"]}
    moment = datetime(2025, 12, 15, 9, 5)
    # dayjs tokens -> strftime: what Decap's datetime widget stores.
    tokens = {"YYYY": "%Y", "MM": "%m", "DD": "%d", "HH": "%H", "mm": "%M"}

    def stored(fmt: str) -> str:
        return moment.strftime(re.sub("|".join(tokens), lambda m: tokens[m[0]], fmt))

    assert _day(stored(fields["deadline"]["format"])).isoformat() == "2025-12-15"
    assert _day(stored(fields["date"]["format"])).isoformat() == "2025-12-15"
    assert _clock(stored(fields["time"]["format"])).isoformat() == "09:05:00"
    for name in ("start", "end"):
        assert event[name]["format"] == "YYYY-MM-DD HH:mm"
        assert _when(stored(event[name]["format"]), _Info()) == moment
    assert fields["deadline"]["time_format"] is False and fields["time"]["date_format"] is False


class _Info:
    context = None


def test_config_yml_is_the_configuration(settings, config):
    text = cms.config_yaml(settings)
    assert text.startswith("# The web editor's configuration")
    assert yaml.safe_load(text) == config
    assert config["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}


def test_the_github_backend_from_admin_cms_yml_or_the_workflow(tmp_path, monkeypatch):
    settings = Settings(root=tmp_path)
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    assert cms.backend(settings) == {"name": "github", "branch": "main"}
    monkeypatch.setenv("GITHUB_REPOSITORY", "owner/site")
    assert cms.backend(settings) == {"name": "github", "repo": "owner/site", "branch": "main"}
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "cms.yml").write_text(
        "repo: org/news\nbranch: live\nbase_url: https://oauth.example.org\nauth_endpoint: auth\nsite_domain: ''\n",
        encoding="utf-8")
    assert cms.backend(settings) == {"name": "github", "repo": "org/news", "branch": "live",
                                     "base_url": "https://oauth.example.org", "auth_endpoint": "auth"}
    (tmp_path / "admin" / "cms.yml").write_text("repository: org/news\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown settings repository"):
        cms.backend(settings)
    # The project's own file is the documented one, with every setting empty.
    assert set(yaml.safe_load((REPO / "admin" / "cms.yml").read_text(encoding="utf-8"))) == set(cms.BACKEND_KEYS)


# --- the slug, by the same rules as the Python side ------------------------------------


def test_the_browser_slug_is_the_python_slug():
    texts = [text for text, _ in SLUG_EXAMPLES] + SLUG_WORDS
    got = run_js({"op": "slug", "texts": texts})
    assert got[:len(SLUG_EXAMPLES)] == [slug for _, slug in SLUG_EXAMPLES]
    assert dict(zip(texts, got)) == {text: slugify(text) for text in texts}


def test_the_browser_slug_of_every_title_and_term_is_the_python_slug():
    texts = set()
    for file in list((REPO / "news").rglob("*.md")) + list((FIXTURES / "site" / "news").rglob("*.md")):
        texts.update(re.findall(r'(?m)^title: "?(.*?)"?$', file.read_text(encoding="utf-8")))
    found = load_terms(REPO / "news", REPO, ("uk", "en"), [])
    texts.update(term.labels["uk"] for term in [*found.categories.values(), *found.regions.values()])
    texts.update(found.tags)  # a tag's id is its Ukrainian text
    texts = sorted(t for t in texts if t)
    assert len(texts) > 30
    got = run_js({"op": "slug", "texts": texts})
    assert dict(zip(texts, got)) == {text: slugify(text) for text in texts}


def test_uploaded_file_names_are_made_latin():
    assert run_js({"op": "fileName", "texts": ["Світлина форуму.JPG", "photo.png", "Звіт 2025 (фінал).PDF"]}) == [
        "svitlyna-forumu.jpg", "photo.png", "zvit-2025-final.pdf"]


# --- the story files' format ------------------------------------------------------------


def test_a_story_is_written_as_the_contract_says(config):
    order = list(story_fields(config))
    data = {
        "title": "2025-12-04", "summary": "Форум: «так» — \"лапки\"", "source": "yes", "category": "forum",
        "region": None, "tags": ["Полтава", "no"], "date": "2025-11-20T12:00:00Z", "slug": "x", "time": "09:30",
        "draft": False, "source_url": "",
        "event": {"start": "2025-12-15 00:00", "end": "2025-12-16 13:00", "place": "", "url": "https://example.org/f"},
        "deadline": "2025-12-31", "image": "svitlyna.png", "image_alt": "Зала", "body": "\n\nТекст.\n\nДругий абзац.  \n",
        "undated": True,
    }
    [text] = run_js({"op": "toFile", "items": [data], "order": order})
    assert text == (
        '---\n'
        'title: "2025-12-04"\n'
        'summary: "Форум: «так» — \\"лапки\\""\n'
        'source: "yes"\n'
        'category: "forum"\n'
        'tags: ["Полтава", "no"]\n'
        'time: "09:30"\n'
        'event:\n'
        '  start: "2025-12-15"\n'
        '  end: "2025-12-16 13:00"\n'
        '  url: "https://example.org/f"\n'
        'deadline: "2025-12-31"\n'
        'image: "svitlyna.png"\n'
        'image_alt: "Зала"\n'
        'undated: true\n'
        '---\n'
        '\n'
        'Текст.\n\nДругий абзац.\n')
    # A translation left empty is no file; one with a title is.
    assert run_js({"op": "toFile", "items": [{"title": "", "body": ""}, {"title": "T"}], "order": order}) == [
        "", '---\ntitle: "T"\n---\n']


def _comparable(story: Story) -> dict:
    values = {f.name: getattr(story, f.name) for f in dataclasses.fields(Story) if f.name != "versions"}
    values["versions"] = {lang: (v.title, v.summary, v.source, v.place, v.image_alt, v.body.strip())
                          for lang, v in story.versions.items()}
    return values


@pytest.mark.parametrize("news", [REPO / "news", FIXTURES / "site" / "news"], ids=["real", "fixture"])
def test_every_story_reads_and_writes_back_unchanged(tmp_path, config, news):
    """Each story file read by the editor's format and written back means the
    same to the engine: opening and saving a story changes nothing else."""
    shutil.copytree(news, tmp_path / "news")
    before = load_uncached(Settings(root=tmp_path))
    files = sorted((tmp_path / "news").glob("*/*/*.md"))
    texts = [file.read_text(encoding="utf-8") for file in files]
    written = run_js({"op": "roundtrip", "texts": texts, "order": list(story_fields(config))})
    for file, text in zip(files, written):
        file.write_text(text, encoding="utf-8")
    after = load_uncached(Settings(root=tmp_path))
    assert [p.format() for p in after.problems] == [p.format() for p in before.problems]
    assert len(after.catalog.stories) == len(before.catalog.stories) > 3
    assert [_comparable(s) for s in after.catalog.stories] == [_comparable(s) for s in before.catalog.stories]


def test_the_checks_before_saving_and_the_new_storys_folder():
    new = {"newRecord": True, "data": {"title": "Форум у Полтаві", "category": "forum"}}
    today = run_js({"op": "today"})
    cases = [
        new,
        {**new, "data": {**new["data"], "date": "2025-11-20"}},
        {"newRecord": False, "data": {**new["data"], "date": "2025-11-20"}},
        {"newRecord": False, "data": new["data"]},
        {**new, "data": {"title": " ", "category": ""}},
        {**new, "data": {**new["data"], "image": "a.png", "event": {"place": "Полтава"}},
         "i18n": {"en": {"data": {"body": "Text", "event": {"place": "Poltava"}}}}},
        {**new, "data": {"title": "«…»", "category": "forum"}},
    ]
    answers = run_js({"op": "preSave", "entries": cases})
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", today)
    assert answers[0] == {"data": {**new["data"], "slug": "forum-u-poltavi", "date": f"{today}T12:00:00Z"}}
    assert answers[1]["data"]["date"] == "2025-11-20T12:00:00Z"  # noon UTC: the same day in the path
    assert "Дату публікації збереженої новини тут не змінити" in answers[2]["error"]
    assert answers[3] == {"data": None}  # an existing story: saved as it is
    assert answers[4]["error"] == "Заголовок українською — обов’язкове поле; Рубрика — обов’язкове поле"
    assert answers[5]["error"].split("; ") == [
        "Заголовок (EN) потрібен, коли є текст цією мовою",
        "Місце події (EN) без початку події: вкажіть початок в оригіналі",
        "Опис світлини — обов’язковий, коли є світлина (що на ній видно)",
        "Подія: вкажіть початок (дату й час) або очистьте поля події"]
    assert "не дає адреси" in answers[6]["error"]


# --- the editor in a site ---------------------------------------------------------------


def test_write_admin_writes_the_editor_served_from_the_site(tmp_path, settings):
    need_node()
    site = tmp_path / "site"
    admin.write_admin(settings, site)
    written = {p.name for p in (site / "admin").iterdir()}
    assert {"index.html", "config.yml", "decap-cms.js", "slug.js", "newsroom.js", "js-yaml.min.js",
            "cyrillic-to-translit.js"} <= written
    chunks = {p.name for p in (NODE_MODULES / "decap-cms" / "dist").glob("*.decap-cms.js")}
    assert chunks and chunks <= written  # Decap loads its chunks beside itself
    assert not [name for name in written if name.endswith(".map")]
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="decap-cms.js"></script>', page)
    assert not re.search(r"https?://", page)  # no CDN: every script from the site itself
    blob = re.search(r'<script type="application/json" id="newsroom-settings">(.*?)</script>', page)[1]
    assert json.loads(blob) == {"default_locale": "uk", "locales": ["uk", "en"], "timezone": "Europe/Kyiv"}
    assert yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8")) == cms.config(settings)
    # A second build copies nothing again (make serve and make edit rebuild often).
    stamp = (site / "admin" / "decap-cms.js").stat().st_mtime_ns
    os.utime(site / "admin" / "decap-cms.js", ns=(stamp, stamp))
    admin.write_admin(settings, site)
    assert (site / "admin" / "decap-cms.js").stat().st_mtime_ns == stamp


def test_without_node_modules_the_error_names_npm_ci(tmp_path, monkeypatch):
    monkeypatch.setattr(admin, "CODE_ROOT", tmp_path)
    shutil.copytree(REPO / "admin", tmp_path / "admin")
    with pytest.raises(admin.EditorNotInstalled, match=r"npm ci"):
        admin.write_admin(Settings(root=tmp_path), tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_make_edit_serves_the_editor_beside_the_preview_on_loopback_only():
    recipe = subprocess.run(["make", "-n", "edit"], cwd=REPO, capture_output=True, text=True,
                            env=dict(os.environ, MAKEFLAGS="")).stdout
    assert "admin/decap-server.cjs" in recipe and "BIND_HOST=127.0.0.1" in recipe
    assert "mkdocs serve" in recipe
