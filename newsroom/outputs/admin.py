"""The web editor, written into the built site at ``admin/``: Decap CMS
served from the site itself (no CDN).

``admin/index.html`` (from the project's ``admin/index.html``, with what
``admin/newsroom.js`` needs to know of the site), ``admin/config.yml``
(``newsroom/editors/cms.py``), the editor's own scripts (``admin/*.js``) and,
from ``node_modules/`` (``package-lock.json``, installed by ``npm ci``):
Decap CMS's bundle with the chunks and WebAssembly files it loads beside
itself, the official Ukrainian transliteration (cyrillic-to-translit-js) and
js-yaml. Files already in place with the same size and time are not copied
again (``make serve`` and ``make edit`` rebuild often).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from newsroom.editors import cms
from newsroom.settings import Settings

# The code's repository: admin/ and node_modules/ beside newsroom/.
CODE_ROOT = Path(__file__).resolve().parent.parent.parent
SOURCE = "admin"
# Our scripts, from admin/.
SCRIPTS = ("slug.js", "newsroom.js")
# From node_modules: (package, file in it, name in site/admin/).
PACKAGES = (
    ("cyrillic-to-translit-js", "dist/bundle.js", "cyrillic-to-translit.js"),
    ("cyrillic-to-translit-js", "LICENSE", "cyrillic-to-translit.LICENSE.txt"),
    ("js-yaml", "dist/js-yaml.min.js", "js-yaml.min.js"),
    ("js-yaml", "LICENSE", "js-yaml.LICENSE.txt"),
    ("decap-cms", "dist/decap-cms.js", "decap-cms.js"),
    ("decap-cms", "dist/decap-cms.js.LICENSE.txt", "decap-cms.js.LICENSE.txt"),
)
DECAP_DIST = Path("decap-cms") / "dist"


class EditorNotInstalled(RuntimeError):
    """node_modules/ lacks what the web editor is made of."""


def node_modules(settings: Settings) -> Path:
    """The project's node_modules/, else the code's (a test's project uses
    the repository's code and tools)."""
    for root in (settings.root, CODE_ROOT):
        candidate = Path(root) / "node_modules"
        if (candidate / DECAP_DIST / "decap-cms.js").is_file():
            return candidate
    raise EditorNotInstalled(
        "the web editor (site/admin/) is made from node_modules/, which lacks "
        f"{DECAP_DIST / 'decap-cms.js'}: run `npm ci --ignore-scripts` in {CODE_ROOT} "
        "(package-lock.json pins Decap CMS; make test and make edit run it)")


def _copy(source: Path, target: Path) -> None:
    """Copy unless ``target`` already is ``source``'s copy (same size and time)."""
    if not source.is_file():
        raise EditorNotInstalled(f"{source} is missing: run `npm ci --ignore-scripts` in {CODE_ROOT}")
    if target.is_file():
        have, want = target.stat(), source.stat()
        if have.st_size == want.st_size and have.st_mtime_ns == want.st_mtime_ns:
            return
    shutil.copy2(source, target)


def files(settings: Settings) -> dict[str, Path]:
    """Every file copied into site/admin/, by its name there: its source."""
    modules = node_modules(settings)
    found = {name: CODE_ROOT / SOURCE / name for name in SCRIPTS}
    for package, path, name in PACKAGES:
        found[name] = modules / package / path
    # The chunks Decap loads next to its bundle (``<id>.decap-cms.js``) and its
    # WebAssembly files; not the source maps (50 MB).
    for item in sorted((modules / DECAP_DIST).iterdir()):
        if item.name.endswith(".decap-cms.js") or item.suffix == ".wasm":
            found[item.name] = item
    return found


def index_html(settings: Settings) -> str:
    template = (CODE_ROOT / SOURCE / "index.html").read_text(encoding="utf-8")
    data = json.dumps(cms.settings_json(settings), ensure_ascii=False).replace("</", "<\\/")
    return template.replace("@SETTINGS@", data)


def write_admin(settings: Settings, site_dir: Path) -> None:
    """Write the web editor into ``site_dir/admin/``."""
    sources = files(settings)  # raises first when node_modules is missing
    target = Path(site_dir) / "admin"
    target.mkdir(parents=True, exist_ok=True)
    for name, source in sources.items():
        _copy(source, target / name)
    (target / "index.html").write_text(index_html(settings), encoding="utf-8")
    (target / "config.yml").write_text(cms.config_yaml(settings), encoding="utf-8")
