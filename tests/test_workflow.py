"""The publishing workflow, the pre-commit hook and the knowledge-page part of
``python -m newsroom check``.

The workflow files must be valid YAML with the triggers the editors' guide
promises, deploy only after a successful build and test, pin every action,
and name only Makefile targets and step ids that exist.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPO, make_project
from newsroom.content.strictyaml import load_mapping

WORKFLOWS = REPO / ".github" / "workflows"
SITE = WORKFLOWS / "site.yml"
CHECKS = WORKFLOWS / "checks.yml"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"
SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
TAG_PIN = re.compile(r"^[\w.-]+/[\w./-]+@v\d+\.\d+\.\d+$")


def load(path: Path) -> dict:
    """A workflow as GitHub reads it (YAML 1.2: the key ``on`` stays text)."""
    text = path.read_text(encoding="utf-8")
    yaml.safe_load(text)  # valid for PyYAML too
    data, _, problems = load_mapping(text, path=path.name)
    assert not problems, [p.format() for p in problems]
    assert isinstance(data, dict)
    return data


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))


def makefile_targets() -> set[str]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return {m[1] for m in re.finditer(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", text, re.MULTILINE)}


def steps(job: dict) -> list[dict]:
    return job.get("steps") or []


def test_there_are_workflows():
    assert SITE.is_file() and CHECKS.is_file()
    assert {p.name for p in workflow_files()} >= {"site.yml", "checks.yml"}


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_workflow_is_valid_and_every_job_has_steps(path):
    data = load(path)
    assert data.get("on"), f"{path.name} has no triggers"
    jobs = data["jobs"]
    assert jobs
    for name, job in jobs.items():
        assert job.get("runs-on"), name
        assert steps(job), name
        for needed in [job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", []):
            assert needed in jobs, f"{name} needs {needed}, which is not a job"
        for step in steps(job):
            assert ("uses" in step) != ("run" in step), f"{name}: a step needs exactly one of uses/run: {step}"


def test_site_workflow_triggers():
    triggers = load(SITE)["on"]
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    crons = [item["cron"] for item in triggers["schedule"]]
    assert len(crons) == 1
    minute, hour, day, month, weekday = crons[0].split()
    assert 0 <= int(minute) < 60 and 0 <= int(hour) < 24
    assert (day, month, weekday) == ("*", "*", "*"), "the site is rebuilt every day"
    assert "pull_request" not in triggers, "pull requests never deploy"


def test_site_workflow_deploys_only_after_build_and_tests():
    data = load(SITE)
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert data["concurrency"]["group"] == "pages"
    jobs = data["jobs"]
    build, deploy = jobs["build"], jobs["deploy"]
    assert deploy["needs"] in ("build", ["build"])
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert [s["uses"].split("@")[0] for s in steps(deploy)] == ["actions/deploy-pages"]
    # Only the deploy job publishes; the build job uploads after check, test and build.
    order = [s.get("run", s.get("uses", "")).strip() for s in steps(build)]
    index = {text: i for i, text in enumerate(order)}
    upload = next(i for i, text in enumerate(order) if text.startswith("actions/upload-pages-artifact@"))
    cache = next(i for i, text in enumerate(order) if text.startswith("actions/cache@"))
    assert index["make check"] < index["make test"] < cache < index["make build-incremental"] < upload
    assert next(s for s in steps(build) if s.get("uses", "").startswith("actions/upload-pages-artifact@")
                )["with"]["path"] == "site"
    build_step = next(s for s in steps(build) if s.get("run") == "make build-incremental")
    assert build_step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    # The previous site and the engine's cache restored (and saved after a
    # successful job), keyed by what makes a build start from nothing (issue 25).
    restore = steps(build)[cache]["with"]
    assert restore["path"].split() == ["site", ".cache"]
    for part in ("requirements.lock", "newsroom/**", "overrides/**", "mkdocs.yml", "github.run_id"):
        assert part in restore["key"], part
    assert restore["restore-keys"].strip() == restore["key"].rsplit("-${{ github.run_id }}", 1)[0] + "-"
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "build --strict --dirty --site-dir site" in makefile.split("\nbuild-incremental:", 1)[1].split("\n\n")[0]
    configure = next(s for s in steps(build) if s.get("uses", "").startswith("actions/configure-pages@"))
    assert configure["id"] == "pages"
    # What the tests need on the runner (see the workflow's comment).
    install = next(s["run"] for s in steps(build) if "apt-get install" in s.get("run", ""))
    for package in ("chromium", "default-jre-headless", "nodejs", "npm"):
        assert re.search(rf"(?<![\w-]){package}(?![\w-])", install), package


def test_make_build_writes_the_folder_the_workflow_uploads():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    build_recipe = makefile.split("\nbuild:", 1)[1].split("\n\n", 1)[0]
    assert "--strict" in build_recipe
    assert re.search(r"mv site\.tmp site\b", build_recipe)


def test_pull_requests_are_checked_without_deploying():
    data = load(CHECKS)
    assert "pull_request" in data["on"]
    assert "push" not in data["on"] and "schedule" not in data["on"]
    assert data["permissions"] == {"contents": "read"}
    text = CHECKS.read_text(encoding="utf-8")
    assert "deploy-pages" not in text and "upload-pages-artifact" not in text
    runs = [s.get("run", "").strip() for job in data["jobs"].values() for s in steps(job)]
    assert "make test" in runs and "make build" in runs


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_action_is_pinned(path):
    data = load(path)
    uses = [s["uses"] for job in data["jobs"].values() for s in steps(job) if "uses" in s]
    assert uses
    for action in uses:
        assert SHA_PIN.match(action) or TAG_PIN.match(action), f"{action} is not pinned to a SHA or vX.Y.Z"
    # A SHA pin says which release it is.
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\s*(?:-\s*)?uses:\s*\S+@[0-9a-f]{40}", line):
            assert re.search(r"#\s*v\d+\.\d+\.\d+\s*$", line), f"no '# vX.Y.Z' comment: {line.strip()}"


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_make_target_and_step_reference_exists(path):
    data = load(path)
    targets = makefile_targets()
    assert {"setup", "build", "check", "test"} <= targets
    for name, job in data["jobs"].items():
        ids = set()
        for step in steps(job):
            for text in [step.get("run", "")] + [str(v) for v in (step.get("env") or {}).values()] + \
                    [str(v) for v in (step.get("with") or {}).values()]:
                for target in re.findall(r"(?<![\w-])make\s+([A-Za-z0-9_.-]+)", text):
                    assert target in targets, f"{path.name}:{name}: make {target} is not a Makefile target"
                for ref in re.findall(r"steps\.([\w-]+)\.", text):
                    assert ref in ids, f"{path.name}:{name}: steps.{ref} is not an earlier step's id"
            if "id" in step:
                ids.add(step["id"])
        environment = job.get("environment") or {}
        for ref in re.findall(r"steps\.([\w-]+)\.", str(environment.get("url", ""))):
            assert ref in ids, f"{path.name}:{name}: environment url names a missing step {ref}"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("target", ["check", "test", "build"])
def test_make_knows_the_targets_the_workflow_runs(target):
    result = subprocess.run(["make", "-n", "-C", str(REPO), target], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# -- pre-commit -----------------------------------------------------------------

def pre_commit_hook() -> dict:
    data = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    (repo,) = data["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    return hook


def test_pre_commit_hook_runs_the_check_on_content_files():
    hook = pre_commit_hook()
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    for path in ("news/2025/2025-12-04-x/uk.md", "news/categories.yml", "docs/uk/about.md"):
        assert files.search(path), path
    for path in ("newsroom/editors/cli.py", "tests/test_cli.py", "README.md", "mkdocs.yml"):
        assert not files.search(path), path


def test_pre_commit_entry_names_a_module_that_exists():
    entry = pre_commit_hook()["entry"].split()
    assert entry[:3] == [".venv/bin/python", "-m", "newsroom"] and entry[3] == "check"
    assert (REPO / "newsroom" / "__main__.py").is_file()
    assert "check" in (REPO / "newsroom" / "editors" / "cli.py").read_text(encoding="utf-8")


def run_hook(project: Path, *files: str) -> subprocess.CompletedProcess:
    """The hook's entry as pre-commit runs it: in the project, with the changed files."""
    entry = pre_commit_hook()["entry"].split()
    command = [sys.executable, *entry[1:], *files]
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_MKDOCS_2_WARNING="1")
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)


def test_pre_commit_entry_accepts_good_content_and_stops_bad(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "site" / "news")
    good = run_hook(project, "news/2025/2025-11-01-both-languages/uk.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert good.stdout.strip().splitlines()[-1].startswith("OK:")
    story = project / "news" / "2025" / "2025-11-20-broken" / "uk.md"
    story.parent.mkdir()
    story.write_text("---\ntitel: Зламана новина\ncategory: forum\n---\n\nТекст.\n", encoding="utf-8")
    bad = run_hook(project, "news/2025/2025-11-20-broken/uk.md")
    assert bad.returncode == 1
    assert "news/2025/2025-11-20-broken/uk.md:2: titel: is not a known field" in bad.stdout


# -- check: knowledge pages -----------------------------------------------------

def check(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "newsroom", "check", "--root", str(project), *args],
                          capture_output=True, text=True, env=env)


@pytest.fixture
def docs_project(tmp_path) -> tuple[Path, Path]:
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    return make_project(tmp_path / "project", FIXTURES / "site" / "news", docs=docs), docs


def test_check_accepts_the_fixture_site(docs_project):
    project, _ = docs_project
    result = check(project)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        f"OK: {len(list((project / 'news').glob('*/*/')))} stories and "
        f"{len(list((project / 'docs').rglob('*.md')))} knowledge pages checked, no problems."]


def test_check_reports_knowledge_page_problems(docs_project):
    project, docs = docs_project
    (docs / "uk" / "typo.md").write_text("---\ntitel: Про нас\ndescription: Текст\n---\n\n# Про нас\n",
                                         encoding="utf-8")
    (docs / "en" / "syntax.md").write_text("---\ntitle: About\ndescription: [unclosed\n---\n", encoding="utf-8")
    (docs / "en" / "bare.md").write_text("# No front matter\n", encoding="utf-8")
    (docs / "uk" / "open.md").write_text("---\ntitle: Відкрито\n\nТекст без закриття.\n", encoding="utf-8")
    (docs / "uk" / "projects" / "school.md").write_text("---\ntitle: Школа\ncommunity: Громада\n---\n",
                                                         encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    out = result.stdout
    for fragment in (
        "docs/uk/typo.md:2: titel: is not a known field; did you mean 'title'?",
        "docs/uk/typo.md:2: title: is required",
        "docs/en/syntax.md:4: front matter: YAML syntax error",
        "docs/en/bare.md:1: front matter: the file does not start with a front matter block",
        "docs/uk/open.md:1: front matter: the front matter block is not closed",
        "docs/uk/projects/school.md:2: area: is required",
        "docs/uk/projects/school.md:2: period: is required",
        "docs/uk/projects/school.md:2: results: is required",
    ):
        assert fragment in out, f"{fragment!r} not in:\n{out}"
    assert out.splitlines()[-1].startswith("FAILED: 8 problem(s) in 5 file(s)")


def test_check_reports_a_knowledge_page_at_a_story_or_listing_url(docs_project):
    project, docs = docs_project
    page = docs / "en" / "news" / "2025" / "11" / "01" / "both-languages" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: Clash\n---\n", encoding="utf-8")
    (docs / "uk" / "news").mkdir(exist_ok=True)
    (docs / "uk" / "news" / "events.md").write_text("---\ntitle: Події\n---\n", encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert ("docs/en/news/2025/11/01/both-languages/index.md: url: is published at "
            "/en/news/2025/11/01/both-languages/, where the news engine puts the story "
            "news/2025/2025-11-01-both-languages; rename or move the page") in lines
    assert ("docs/uk/news/events.md: url: is published at /news/events/, where the news engine "
            "puts a news listing; rename or move the page") in lines
    assert lines[-1].startswith("FAILED: 2 problem(s) in 2 file(s)")
    # In Ukrainian, every line (issue 23), with the same file and field.
    lines_uk = check(project, "--lang", "uk").stdout.splitlines()
    assert [line.split(": ")[:2] for line in lines_uk[:-1]] == [line.split(": ")[:2] for line in lines[:-1]]
    assert "публікується за адресою /news/events/" in "\n".join(lines_uk)
    assert lines_uk[-1].startswith("ПОМИЛКИ: проблем: 2, у файлах: 2")


def test_check_is_quick_on_the_real_repository():
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "newsroom", "check"], cwd=REPO,
                            capture_output=True, text=True, env=env)
    elapsed = time.monotonic() - start
    assert result.returncode == 0, result.stdout + result.stderr
    assert elapsed < 5, f"check took {elapsed:.1f} s"


# -- the editors' guide ---------------------------------------------------------

GUIDES = {"en": REPO / "EDITORS.md", "uk": REPO / "EDITORS.uk.md"}
PLACEHOLDER = re.compile(r"0x\.\.|\.\.\.|\bN\b")


def guide_section(lang: str, number: int) -> str:
    text = GUIDES[lang].read_text(encoding="utf-8")
    return text.split(f"\n## {number}. ", 1)[1].split("\n## ", 1)[0]


def quoted_errors(lang: str) -> list[str]:
    """The first code span of each bullet of section 10: a message as check prints it."""
    section = guide_section(lang, 10)
    return [m[1] for m in re.finditer(r"^- `([^`]+)`", section, re.MULTILINE)]


def test_guides_are_translations_of_each_other():
    en, uk = (GUIDES[lang].read_text(encoding="utf-8") for lang in ("en", "uk"))
    numbered = [re.findall(r"^## (\d+)\. ", text, re.MULTILINE) for text in (en, uk)]
    assert numbered[0] == numbered[1] == [str(n) for n in range(1, 15)]
    # The commands and the example story are the same in both.
    shell = [re.findall(r"```sh\n(.*?)```", text, re.DOTALL) for text in (en, uk)]
    assert [b.replace("# or", "#").replace("# або", "#") for b in shell[0]] == \
           [b.replace("# or", "#").replace("# або", "#") for b in shell[1]]
    assert guide_section("en", 5).count("```markdown") == guide_section("uk", 5).count("```markdown") == 2
    for block in re.findall(r"```markdown\n(.*?)```", guide_section("en", 5), re.DOTALL):
        assert block in guide_section("uk", 5)
    assert quoted_errors("en") == quoted_errors("uk")
    assert "EDITORS.uk.md" in en and "EDITORS.md" in uk


def test_guide_example_is_the_real_story():
    folder = REPO / "news" / "2025" / "2025-12-04-bahatorivneve-vriaduvannia-na-praktytsi-pidsumky"
    blocks = re.findall(r"```markdown\n(.*?)```", guide_section("en", 5), re.DOTALL)
    assert blocks == [(folder / "uk.md").read_text(encoding="utf-8"),
                      (folder / "en.md").read_text(encoding="utf-8")]


def test_guide_names_every_error_as_check_prints_it(tmp_path):
    """Every message quoted in section 10 is printed by check on a bad example."""
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    news = tmp_path / "news"
    shutil.copytree(FIXTURES / "site" / "news", news)
    for case in sorted((FIXTURES / "bad").iterdir()):
        if (case / "news").is_dir():
            shutil.copytree(case / "news", news, dirs_exist_ok=True)
        if (case / "docs").is_dir():
            shutil.copytree(case / "docs", docs, dirs_exist_ok=True)
    # Mistakes the bad examples do not cover.
    alias = news / "2025" / "2025-12-02-alias" / "uk.md"
    alias.parent.mkdir()
    alias.write_text('---\ntitle: &t "Назва"\nsummary: *t\ncategory: forum\n---\n\nТекст.\n', encoding="utf-8")
    (news / "2025" / "random-folder").mkdir()
    (news / "2025" / "random-folder" / "uk.md").write_text("---\ntitle: X\ncategory: forum\n---\n",
                                                          encoding="utf-8")
    (docs / "uk" / "page.md").write_text("---\ntitel: Сторінка\n---\n", encoding="utf-8")
    project = make_project(tmp_path / "project", news, docs=docs)
    result = check(project)
    assert result.returncode == 1
    errors = quoted_errors("en")
    assert len(errors) >= 30
    for quoted in errors:
        for piece in PLACEHOLDER.split(quoted):
            if len(piece.strip()) > 3:
                assert piece in result.stdout, f"the guide quotes {quoted!r}; check never prints {piece!r}"
