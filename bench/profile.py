"""Profile one build with pyinstrument and say where the time goes.

    .venv/bin/python bench/profile.py --n 1000 [--variants a b]

Uses the corpus and projects of ``bench/run.py`` (``bench/work/<N>/``). For each
variant it runs ``pyinstrument -r pyisession -m mkdocs build --strict`` once,
renders the call tree as text (``bench/profile-<N>-<variant>.txt``) and writes
``bench/profile-<N>.md``: the time by component (each sample is charged to the
outermost frame of the news engine on its stack if there is one, else to the
innermost frame of a known library) and the top functions by self time and by
total time. Pyinstrument samples the main process only: Pagefind shows as time
waiting in ``subprocess.run``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import run  # noqa: E402

PYINSTRUMENT = Path(sys.executable).parent / "pyinstrument"

LIBRARIES = [  # (path fragment, component), innermost match wins
    ("/markdown/", "Markdown (Python-Markdown)"),
    ("/pymdownx/", "Markdown (Python-Markdown)"),
    ("/jinja2/", "Jinja2 templates"),
    ("/markupsafe/", "Jinja2 templates"),
    ("/babel/", "Babel"),
    ("/mkdocs_static_i18n/", "mkdocs-static-i18n"),
    ("/material/plugins/blog/", "Material blog plugin"),
    ("/material/", "Material theme (Python)"),
    ("/yaml/", "YAML"),
    ("/pydantic", "pydantic"),
    ("/feedgen/", "feeds (feedgen)"),
    ("/icalendar/", "feeds (icalendar)"),
    ("/lxml/", "feeds (feedgen)"),
    ("/mkdocs/structure/nav", "MkDocs nav"),
    ("/mkdocs/structure/files", "MkDocs files"),
    ("/mkdocs/structure/pages", "MkDocs page (read/render/links)"),
    ("/mkdocs/commands/build", "MkDocs build loop (write, copy)"),
    ("/mkdocs/", "MkDocs other"),
    ("subprocess.py", "subprocess (Pagefind)"),
    ("<frozen importlib", "imports"),
    ("/importlib/", "imports"),
]


def _engine_part(path: str) -> str | None:
    if "/newsroom/" in path:
        return "ours: newsroom/" + path.rsplit("/newsroom/", 1)[1]
    if path.endswith("hooks/news_hooks.py"):
        return "ours: hooks/news_hooks.py"
    return None


def analyse(session_file: Path) -> dict:
    from pyinstrument.session import Session

    session = Session.load(str(session_file))
    root = session.root_frame(trim_stem=False)
    total = root.time if root else 0.0
    components: dict[str, float] = defaultdict(float)
    self_time: dict[str, float] = defaultdict(float)
    cumulative: dict[str, float] = defaultdict(float)
    engine_calls: dict[str, float] = defaultdict(float)

    def name(frame) -> str:
        path = frame.file_path or "?"
        short = path
        for marker in ("/site-packages/", "/work/main/", "/lib/python3.11/"):
            if marker in path:
                short = path.rsplit(marker, 1)[1]
                break
        return f"{frame.function} ({short}:{frame.line_no})"

    def walk(frame, engine: str | None, library: str | None, on_stack: set[str],
             engine_fn: str | None) -> None:
        path = frame.file_path or ""
        key = name(frame)
        if engine is None:
            part = _engine_part(path)
            if part is not None:
                engine, engine_fn = part, key
        if _engine_part(path) is not None:
            library = None  # below our code, stdlib time is ours, not the caller library's
        for fragment, component in LIBRARIES:
            if fragment in path:
                library = component
                break
        if key not in on_stack:
            cumulative[key] += frame.time
        own = frame.total_self_time
        if own > 0:
            self_time[key] += own
            inner = _engine_part(path) or library or "Python stdlib and other"
            if "subprocess" in inner:
                component = "Pagefind (waiting for the subprocess)"
            elif engine:
                component = "ours: " + inner.removeprefix("ours: ") + (
                    "" if inner.startswith("ours:") else " (called by our code)")
            else:
                component = inner
            components[component] += own
            if engine_fn:
                engine_calls[engine_fn] += own
        for child in frame.children:
            if not child.is_synthetic:
                walk(child, engine, library, on_stack | {key}, engine_fn)

    if root is not None:
        walk(root, None, None, set(), None)
    return {"total": total, "components": components, "self": self_time, "cumulative": cumulative,
            "engine_entry": engine_calls}


def profile(n: int, variant: str, config: Path, work_out: Path) -> tuple[Path, float]:
    session = work_out / f"profile-{n}-{variant}.pyisession"
    site = work_out / f"profile-site-{variant}"
    cmd = [str(PYINSTRUMENT), "-r", "pyisession", "-o", str(session), "-m", "mkdocs", "build", "--strict",
           "-f", str(config), "-d", str(site)]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=config.parent, env=run.build_env(), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    session.with_suffix(".wall").write_text(f"{wall:.1f}\n")
    text = BENCH / f"profile-{n}-{variant}.txt"
    subprocess.run([str(PYINSTRUMENT), "--load", str(session), "-r", "text", "-o", str(text),
                    "--no-color", "--unicode",
                    "--show-regex", ".*/(mkdocs|material|mkdocs_static_i18n|markdown|newsroom|hooks)/.*",
                    "-p", "processor_options.filter_threshold=0.005"],
                   check=True)
    subprocess.run(["rm", "-rf", str(site)], check=True)
    return session, wall


def report(n: int, results: dict[str, dict], walls: dict[str, float], top: int = 15) -> str:
    lines = [f"## Profile at N = {n} (pyinstrument, one build each; engine {run.git_state()})", ""]
    for variant, data in results.items():
        total = data["total"]
        lines += [f"### {variant}: {run.VARIANTS[variant]}", "",
                  f"Sampled time {total:.1f} s (wall under the profiler {walls[variant]:.1f} s); "
                  f"call tree: [profile-{n}-{variant}.txt](profile-{n}-{variant}.txt).", "",
                  "Self time by component: a sample under one of our hooks is charged to \"ours: ...\", "
                  "split by the innermost module (ours or the library we called); other samples to the "
                  "innermost known library.", "",
                  "| component (self time) | s | % |", "|---|---|---|"]
        for comp, t in sorted(data["components"].items(), key=lambda kv: -kv[1]):
            if t / total >= 0.003:
                lines.append(f"| {comp} | {t:.2f} | {100 * t / total:.1f} |")
        lines += ["", f"Top {top} functions by self time:", "", "| function | self s | % |", "|---|---|---|"]
        for fn, t in sorted(data["self"].items(), key=lambda kv: -kv[1])[:top]:
            lines.append(f"| `{fn}` | {t:.2f} | {100 * t / total:.1f} |")
        lines += ["", f"Top {top} functions by total (inclusive) time, below the build entry point:", "",
                  "| function | total s | % |", "|---|---|---|"]
        skip = ("<module>", "_run_module", "_run_code", "main", "invoke", "__call__", "build_command",
                "build (mkdocs/commands/build.py", "run_path", "_run_module_code", "new_func", "decorator")
        shown = 0
        for fn, t in sorted(data["cumulative"].items(), key=lambda kv: -kv[1]):
            if any(fn.startswith(s) for s in skip) or "click/" in fn or "pyinstrument" in fn:
                continue
            lines.append(f"| `{fn}` | {t:.2f} | {100 * t / total:.1f} |")
            shown += 1
            if shown >= top:
                break
        if data["engine_entry"]:
            lines += ["", "Time under each entry point into the news engine (self time of everything it calls):",
                      "", "| entry | s | % |", "|---|---|---|"]
            for fn, t in sorted(data["engine_entry"].items(), key=lambda kv: -kv[1])[:top]:
                lines.append(f"| `{fn}` | {t:.2f} | {100 * t / total:.1f} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Profile one build of each variant.")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--variants", nargs="+", choices=["a", "b", "c"], default=["a", "b"])
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--work", type=Path, default=BENCH / "work")
    parser.add_argument("--reuse", action="store_true", help="analyse existing sessions only")
    parser.add_argument("--engine", default="HEAD", help="as in run.py")
    args = parser.parse_args(argv)
    run.use_engine(args.engine, args.work)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    root, configs, _ = run.prepare(args.n, args.seed, args.work)
    out = root / "out"
    out.mkdir(exist_ok=True)
    results, walls = {}, {}
    for variant in args.variants:
        session = out / f"profile-{args.n}-{variant}.pyisession"
        if args.reuse and session.exists():
            wall_file = session.with_suffix(".wall")
            walls[variant] = float(wall_file.read_text()) if wall_file.exists() else float("nan")
        else:
            session, walls[variant] = profile(args.n, variant, configs[variant], out)
        results[variant] = analyse(session)
        print(f"profiled {variant} at N={args.n}: {results[variant]['total']:.1f} s", flush=True)
    md = report(args.n, results, walls)
    (BENCH / f"profile-{args.n}.md").write_text(f"# Where the time goes (N = {args.n})\n\n" + md, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
