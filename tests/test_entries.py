"""A listing entry is rendered once per story and kept compressed
(``Renderer.entry``): each heading level it is asked for is what the
template renders at that level, however often it is asked for, whatever its
title holds."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from markupsafe import Markup

from conftest import load_news
from newsroom.render.site import NewsSite

NOW = datetime(2025, 12, 1, tzinfo=ZoneInfo("Europe/Kyiv"))
# Titles that hold what the heading's tags look like: escaped, they never
# end the title early.
TITLES = ['Громада </h2> і <h2 class="news-entry__title">', "Форум у Полтаві", "</h3><h2>"]


@pytest.fixture
def sites(tmp_path):
    stories = {}
    for day, title in enumerate(TITLES, start=1):
        stories[f"2025/2025-10-0{day}-story-{day}"] = {
            "uk": f"---\ntitle: '{title}'\ncategory: forum\n---\n\nТекст {day}.\n",
            "en": f"---\ntitle: '{title} (en)'\n---\n\nText {day}.\n",
        }
    catalog, settings = load_news(tmp_path, stories)
    return [NewsSite(catalog, settings, lang, NOW, "Site") for lang in ("uk", "en")]


@pytest.mark.parametrize("order", [("h2", "h3", "h2", "h3"), ("h3", "h2", "h3", "h2")])
def test_each_level_is_what_the_template_renders_at_that_level(sites, order):
    for site in sites:
        renderer = site.renderer
        template = renderer.template("entry.html")
        for entry in site.plan.entries:
            for heading in order:
                expected = Markup(template.render(**renderer.base, e=entry, heading=heading))
                got = renderer.entry(entry, heading)
                assert isinstance(got, Markup)
                assert got == expected
                assert f'<{heading} class="news-entry__title">' in got
        assert len(renderer._entries) == len(site.plan.entries)  # one copy per story
        assert all(isinstance(packed, bytes) for packed in renderer._entries.values())
