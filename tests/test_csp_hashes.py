"""The Content-Security-Policy's script hashes (outputs/csp.py): the fast
path (looking for ``<script`` in the page) finds exactly the scripts the HTML
parser finds, on every page of the built fixture site; and it steps aside
where it could differ."""

from __future__ import annotations

from conftest import html_pages

from newsroom.outputs.csp import inline_scripts, inline_scripts_fast, script_hashes


def test_the_fast_path_finds_the_parsers_scripts_on_every_page(fixture_site):
    pages = [p.read_text(encoding="utf-8") for p in html_pages(fixture_site.site)]
    taken = 0
    for html in pages:
        fast = inline_scripts_fast(html)
        if fast is not None:
            taken += 1
            assert fast == inline_scripts(html)
        assert script_hashes(html) == script_hashes(html, fast=False)
    assert taken >= len(pages) - 2  # the fast path is the usual one


def test_the_fast_path_steps_aside_where_it_could_differ():
    for html in ('<p><!-- <script>a()</script> --></p><script>b()</script>',
                 "<script>a()", "<svg><![CDATA[<script>x</script>]]></svg>", "<script>a()</SCRIPT>"):
        assert inline_scripts_fast(html) is None
    page = ('<script type="application/ld+json">{"a": 1}</script><script src="x.js"></script>'
            "<SCRIPT>one()</script><script type='module'>two()</script>")
    assert inline_scripts_fast(page) == inline_scripts(page) == ["one()", "two()"]
