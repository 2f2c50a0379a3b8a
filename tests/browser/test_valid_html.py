"""Every built page of the fixture site and the real site passes the W3C Nu
HTML checker (npm vnu-jar, run with Java): no errors.

One message is set aside, narrowly: Material for MkDocs writes its two
hidden toggles, outside any template block, as
``<input class="md-toggle" ... type="checkbox" ... autocomplete="off">``
(base.html; autocomplete="off" keeps Firefox from restoring the drawer's or
the search's open state on reload). Only a copy of the whole of Material's
base.html in overrides/ could drop the attribute, so exactly those two
elements, with exactly that message, are not counted. Any other error is.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .browserkit import html_files, need_java, need_vnu

MATERIAL_TOGGLE_MESSAGE = ("Attribute “autocomplete” is only allowed when the input type is “color”, "
                           "“date”, “datetime-local”, “email”, “hidden”, “month”, “number”, "
                           "“password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.")
MATERIAL_TOGGLES = {
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
}
# A page with two errors of our own making: proves the checker runs and reports.
BROKEN = """<!doctype html><html lang="uk"><head><meta charset="utf-8"><title>x</title></head>
<body><p><div>a div inside a paragraph's end tag</p></div><img src="a.png"></body></html>"""


def is_material_toggle(message: dict) -> bool:
    extract = message.get("extract", "")
    start, length = message.get("hiliteStart", 0), message.get("hiliteLength", 0)
    return (message.get("message") == MATERIAL_TOGGLE_MESSAGE
            and extract[start:start + length] in MATERIAL_TOGGLES)


def test_every_page_is_valid_html(served_fixture, served_real, tmp_path):
    java = need_java()
    jar = need_vnu()
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN, encoding="utf-8")
    pages = html_files(served_fixture.site) + html_files(served_real.site)
    assert len(pages) > 100
    # One Java start for all pages.
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json",
         str(broken), *map(str, pages)],
        capture_output=True, text=True, timeout=300)
    report = json.loads(result.stderr or result.stdout)   # vnu writes its report to stderr
    messages = report["messages"]
    non_doc = [m for m in messages if m.get("type") == "non-document-error"]
    assert not non_doc, non_doc

    def where(message):
        return Path(message.get("url", "").removeprefix("file:"))

    # The checker found both errors of the broken page.
    assert len([m for m in messages if where(m) == broken]) >= 2, messages[:5]
    theirs = [m for m in messages if where(m) != broken and is_material_toggle(m)]
    errors = [m for m in messages if where(m) != broken and not is_material_toggle(m)]
    assert not errors, "\n".join(
        f"{where(m)}:{m.get('lastLine')}: {m.get('message')}\n    {m.get('extract', '').strip()}"
        for m in errors[:40])
    # At most Material's two toggles on any page.
    per_page = {}
    for m in theirs:
        per_page[where(m)] = per_page.get(where(m), 0) + 1
    assert all(count <= 2 for count in per_page.values()), per_page
