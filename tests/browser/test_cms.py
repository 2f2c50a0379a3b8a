"""The web editor (Decap CMS at /admin/, issue 23) driven in Chromium against
a temporary git repository: a copy of the project's news/ with mkdocs.yml
(conftest's make_project), decap-server (admin/decap-server.cjs, as `make
edit` runs it) on a free port of 127.0.0.1 writing into its working copy, and
the admin page written by newsroom.outputs.admin.write_admin, served on
127.0.0.1.

(a) a bilingual story with a picture is created and saved: exactly its files
land in news/ as the contract says, `check` accepts them and the build
publishes the story in both languages; (b) an existing story (in the web
editor's spelling) is edited and saved, and nothing else in it changes;
(c) a story whose title or category is left empty is refused in the editor.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from .browserkit import REPO, SCREENSHOTS, _QuietHandler, helpers, missing

from newsroom.content.loader import load_uncached
from newsroom.editors import cms
from newsroom.model.slugs import slugify
from newsroom.model.stories import Story
from newsroom.outputs import admin
from newsroom.settings import Settings, from_mkdocs_yml

SERVER = REPO / "admin" / "decap-server.cjs"
DAY = "2025-11-20"
TITLE_UK = "Форум громад у Полтаві: «бюджет участі»"
TITLE_EN = "Communities forum in Poltava: participatory budget"
SLUG = slugify(TITLE_UK)
FOLDER = f"news/2025/{DAY}-{SLUG}"
# A story of the project, renamed to the web editor's spelling as `git mv uk.md index.uk.md` does.
EXISTING = "news/2025/2025-12-04-bahatorivneve-vriaduvannia-na-praktytsi-pidsumky"
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]


class _Handler(_QuietHandler):
    extensions_map = {**_QuietHandler.extensions_map, ".yml": "text/yaml"}


@dataclass
class Editor:
    project: Path       # the temporary git repository
    base: str           # http://127.0.0.1:<port>/ (admin/ is the editor)
    port: int           # decap-server's

    def git(self, *args: str) -> str:
        return subprocess.run([*GIT, *args], cwd=self.project, capture_output=True, text=True, check=True).stdout

    def changed(self) -> set[str]:
        """Files added or changed in the working copy since the first commit."""
        return {line[3:] for line in self.git("status", "--porcelain", "--untracked-files=all").splitlines()}

    def catalog(self):
        loaded = load_uncached(Settings(root=self.project))
        assert [p.format() for p in loaded.problems] == []
        return {story.folder: story for story in loaded.catalog.stories}


def _listening(port: int) -> list[str]:
    """The local addresses a socket listens on at ``port`` (from /proc/net)."""
    found = []
    for name in ("tcp", "tcp6"):
        table = Path("/proc/net") / name
        if not table.is_file():
            continue
        for line in table.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # LISTEN
                found.append(address)
    return found


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    node = shutil.which("node")
    if node is None:
        missing("node is missing: apt-get install nodejs npm")
    if not (REPO / "node_modules" / "decap-server").is_dir():
        missing("node_modules is missing: run npm ci --ignore-scripts (package-lock.json)")
    tmp = tmp_path_factory.mktemp("cms")
    project = helpers.make_project(tmp / "project", REPO / "news")
    # docs/ is the editor's media folder outside stories: a copy, inside the
    # repository (decap-server refuses a path that leads out of it).
    (project / "docs").unlink()
    shutil.copytree(REPO / "docs", project / "docs")
    for lang in ("uk", "en"):
        (project / EXISTING / f"{lang}.md").rename(project / EXISTING / f"index.{lang}.md")
    subprocess.run([*GIT, "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "The site"], cwd=project, check=True)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("BIND_HOST", "ORIGIN", "MODE")}
    env.update(PORT=str(port), GIT_REPO_DIRECTORY=str(project), LOG_LEVEL="warn")
    server = subprocess.Popen([node, str(SERVER)], cwd=project, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    site = tmp / "site"
    http = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    http.daemon_threads = True
    try:
        line = server.stdout.readline()
        assert "listening on http://127.0.0.1:" in line, line + (server.stdout.read() if server.poll() else "")
        # Loopback only: nothing listens on the port at another address.
        assert set(_listening(port)) <= {"0100007F", "0000000000000000FFFF00000100007F"}, _listening(port)
        settings = from_mkdocs_yml(project)
        admin.write_admin(settings, site)
        (site / "admin" / "config.yml").write_text(
            cms.config_yaml(settings, local_backend_url=f"http://127.0.0.1:{port}/api/v1"), encoding="utf-8")
        threading.Thread(target=http.serve_forever, name="serve-cms", daemon=True).start()
        yield Editor(project, f"http://127.0.0.1:{http.server_port}/", port)
    finally:
        http.shutdown()
        http.server_close()
        server.terminate()
        server.wait(timeout=10)


# --- driving the editor -------------------------------------------------------------


def open_editor(tab, editor: Editor, route: str):
    """Sign in (the local backend asks for no password) and open ``route``."""
    page = tab.page
    page.goto(editor.base + "admin/")
    page.get_by_role("button", name="Увійти").click()
    page.get_by_text("Новини").first.wait_for()
    page.goto(editor.base + "admin/#/" + route)
    return page


def field(page, name: str, column: int = 0):
    """The input of field ``name`` in the Ukrainian (0) or English (1) column."""
    return page.locator(f'[id^="{name}-field-"]').nth(column)


def choose(page, name: str, label: str) -> None:
    field(page, name).click()
    page.get_by_role("option", name=label, exact=True).click()


def save(page) -> None:
    page.get_by_role("button", name="Опублікувати", exact=True).click()
    page.get_by_role("menuitem", name="Опублікувати", exact=True).click()


def wait_for(condition, what: str, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def picture(path: Path) -> None:
    from PIL import Image

    image = Image.new("RGB", (640, 400), (40, 90, 160))
    for x in range(0, 640, 40):  # not one colour: a photo's worth of detail
        image.paste((200, 170, 40), (x, 0, x + 20, 400))
    image.save(path)


# --- (a) a new bilingual story with a picture ---------------------------------------------


def test_a_new_bilingual_story_with_a_picture_is_saved_checked_and_published(tab, editor, tmp_path):
    upload = tmp_path / "Світлина форуму.png"   # renamed to Latin letters by the editor
    picture(upload)
    page = open_editor(tab, editor, "collections/news/new")
    field(page, "title", 0).fill(TITLE_UK)
    field(page, "title", 1).fill(TITLE_EN)
    field(page, "summary", 0).fill("Громади Полтавщини обговорили бюджет участі.")
    field(page, "summary", 1).fill("Communities of the Poltava region discussed participatory budgets.")
    field(page, "source", 0).fill("Полтавська обласна рада")
    field(page, "source", 1).fill("Poltava Regional Council")
    choose(page, "category", "Форуми")
    choose(page, "region", "Полтавська область")
    field(page, "tags").fill("Полтава, бюджет участі")
    field(page, "date").fill(DAY)
    field(page, "time").fill("09:30")
    for column in (0, 1):  # the event's fields are folded in each column
        page.locator('[class*="ExpandButtonContainer"]').nth(column).locator("button").first.click()
    field(page, "start").fill("2025-11-25T10:00")
    field(page, "place", 0).fill("Полтава")
    field(page, "place", 1).fill("Poltava")
    page.get_by_role("button", name="Вибрати зображення").click()
    page.locator('input[type="file"]').set_input_files(str(upload))
    page.get_by_text("svitlyna-forumu.png").wait_for()
    page.get_by_role("button", name="Обрати виділені").click()
    field(page, "image_alt", 0).fill("Учасники форуму в залі обласної ради")
    field(page, "image_alt", 1).fill("Forum participants in the regional council hall")
    bodies = page.locator('[contenteditable="true"]')
    bodies.nth(0).click()
    page.keyboard.type("Громади Полтавщини обговорили, як запровадити бюджет участі.")
    bodies.nth(1).click()
    page.keyboard.type("Communities of the Poltava region discussed participatory budgets.")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "cms-new-story.png"))
    save(page)
    page.wait_for_url(re.compile(rf"#/collections/news/entries/2025/{DAY}-{SLUG}/index$"))
    page.get_by_text("Запис збережений").wait_for()

    # Exactly the story's files, in its folder, as the contract says.
    added = {f"{FOLDER}/index.uk.md", f"{FOLDER}/index.en.md", f"{FOLDER}/svitlyna-forumu.png"}
    wait_for(lambda: editor.changed() >= added, "the story's files")
    assert editor.changed() == added
    original = front_matter(editor.project / FOLDER / "index.uk.md")
    assert original == {
        "title": TITLE_UK, "summary": "Громади Полтавщини обговорили бюджет участі.",
        "source": "Полтавська обласна рада", "category": "forum", "region": "poltava",
        "tags": ["Полтава", "бюджет участі"], "time": "09:30",
        "event": {"start": "2025-11-25 10:00", "place": "Полтава"},
        "image": "svitlyna-forumu.png", "image_alt": "Учасники форуму в залі обласної ради"}
    # The translation carries only what it translates (no neutral field).
    assert front_matter(editor.project / FOLDER / "index.en.md") == {
        "title": TITLE_EN, "summary": "Communities of the Poltava region discussed participatory budgets.",
        "source": "Poltava Regional Council", "image_alt": "Forum participants in the regional council hall",
        "event": {"place": "Poltava"}}

    story = editor.catalog()[FOLDER]
    assert (story.versions["uk"].title, story.versions["en"].title) == (TITLE_UK, TITLE_EN)
    assert story.versions["en"].place == "Poltava" and story.image == "svitlyna-forumu.png"
    assert story.versions["uk"].body.strip() == "Громади Полтавщини обговорили, як запровадити бюджет участі."
    check = subprocess.run([sys.executable, "-m", "newsroom", "check", "--root", str(editor.project)],
                           capture_output=True, text=True, cwd=editor.project,
                           env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert check.returncode == 0, check.stdout + check.stderr

    built = helpers.build(editor.project, epoch=None, site=tmp_path / "site")
    for url, title in ((f"news/2025/11/20/{SLUG}/", TITLE_UK), (f"en/news/2025/11/20/{SLUG}/", TITLE_EN)):
        assert built.exists(url), url
        assert title in built.html(url).css_first("h1").text(), url
    assert any((built.site / "news/2025/11/20" / SLUG).glob("svitlyna-forumu*")), "the picture is published"


# --- (b) an existing story edited ---------------------------------------------------------


def _unchanged(story: Story) -> dict:
    values = {f.name: getattr(story, f.name) for f in dataclasses.fields(Story) if f.name != "versions"}
    values["versions"] = {lang: (v.title, v.source, v.place, v.image_alt, v.body.strip())
                          for lang, v in story.versions.items()}
    return values


def test_an_existing_story_is_edited_and_saved(tab, editor):
    before = editor.catalog()[EXISTING]
    changed_before = editor.changed()
    page = open_editor(tab, editor, f"collections/news/entries/{EXISTING[len('news/'):]}/index")
    title = field(page, "title", 0)
    title.wait_for()
    assert title.input_value() == before.versions["uk"].title
    summary = "3 грудня в Полтаві відбувся регіональний форум Програми Polaris (оновлено)."
    field(page, "summary", 0).fill(summary)
    field(page, "summary", 1).fill("The Polaris regional forum took place in Poltava on 3 December (updated).")
    save(page)
    page.get_by_text("Запис збережений").wait_for()
    files = {f"{EXISTING}/index.uk.md", f"{EXISTING}/index.en.md"}
    wait_for(lambda: editor.changed() - changed_before == files, "the story's two files")
    after = editor.catalog()[EXISTING]
    assert after.versions["uk"].summary == summary
    assert after.versions["en"].summary.endswith("(updated).")
    # Nothing else in the story changed: its fields, the other texts, its folder.
    assert _unchanged(after) == _unchanged(before)


# --- (c) a required field left empty ------------------------------------------------------


@pytest.mark.parametrize("empty", ["category", "title"])
def test_a_story_without_its_title_or_category_is_refused(tab, editor, empty):
    before = editor.changed()
    page = open_editor(tab, editor, "collections/news/new")
    if empty != "title":
        field(page, "title", 0).fill("Новина без рубрики")
    if empty != "category":
        choose(page, "category", "Форуми")
    field(page, "title", 1).fill("A story in English")
    save(page)
    page.get_by_text("На жаль, ви пропустили обов'язкове поле").wait_for()
    label = {"category": "Рубрика", "title": "Заголовок"}[empty]
    assert page.get_by_text(f"Поле {label} є обов'язковим.").count() >= 1
    time.sleep(1)  # a save that went through would have written by now
    assert editor.changed() == before
    assert "/new" in page.url
    # Decap refuses by rejecting its save's promise without a reason, which
    # the page reports as an uncaught `undefined`: that one is expected here.
    refused = [p for p in tab.watch.problems if re.fullmatch(r"uncaught exception on \S+: undefined", p)]
    assert len(refused) == 1, tab.watch.problems
    tab.watch.problems.remove(refused[0])
    tab.watch.assert_clean()


@pytest.mark.parametrize("folder, title", [
    (EXISTING, "Багаторівневе врядування на практиці: підсумки регіонального форуму Polaris"),
    ("news/2025/2025-12-04-15-hrudnia-kruhlyi-stil-hromada-yak-yurydychna-osoba",   # uk.md, en.md
     "15 грудня — круглий стіл «Громада як юридична особа…»"),
], ids=["same-spelling", "other-spelling"])
def test_a_new_story_never_takes_another_storys_folder(tab, editor, folder, title):
    before = editor.changed()
    page = open_editor(tab, editor, "collections/news/new")
    field(page, "title", 0).fill(title)
    choose(page, "category", "Форуми")
    field(page, "date").fill(folder.split("/")[-1][:10])
    save(page)
    message = page.get_by_text("Новина з такою датою й заголовком уже є")
    message.wait_for()
    assert folder.split("/")[-1] in message.inner_text()
    time.sleep(1)
    assert editor.changed() == before
    # Decap logs the refused save as an error and rejects its promise with
    # its failure action (an uncaught `Object`): those are expected here.
    refused = [p for p in tab.watch.problems if "Новина з такою датою й заголовком уже є" in p
               or re.fullmatch(r"uncaught exception on \S+: Object", p)]
    assert len(refused) >= 2, tab.watch.problems
    for problem in refused:
        tab.watch.problems.remove(problem)
    tab.watch.assert_clean()
