"""The listing entries a --dirty build keeps for the next
(``newsroom/speed/kept_entries.py``): the rules of its docstring. That dirty
builds with them equal clean builds is ``tests/test_incremental.py``'s."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from conftest import load_news
from newsroom.render.site import NewsSite
from newsroom.speed.kept_entries import reusable, to_keep

NOW = datetime(2025, 12, 1, tzinfo=ZoneInfo("Europe/Kyiv"))


@pytest.fixture
def site(tmp_path):
    stories = {f"2025/2025-10-0{day}-story-{day}": {
        "uk": f"---\ntitle: 'Новина {day}'\ncategory: forum\n---\n\nТекст {day}.\n",
        "en": f"---\ntitle: 'Story {day}'\n---\n\nText {day}.\n"} for day in (1, 2, 3)}
    catalog, settings = load_news(tmp_path, stories)
    return NewsSite(catalog, settings, "uk", NOW, "Site")


def test_an_entry_is_reused_only_for_the_bytes_it_was_kept_for(site):
    stories = list(site.catalog.stories)
    first, second, third = stories
    kept = {first.id: (1, b"one"), second.id: (2, b"two"), third.id: (3, b"three")}
    identities = {first.folder: 1, second.folder: 20}  # the second changed; the third has none
    assert reusable(kept, stories, identities) == {first.id: b"one"}
    assert reusable({}, stories, identities) == {}


def test_what_is_kept_is_every_entry_of_a_story_with_an_identity(site):
    stories = list(site.catalog.stories)
    first, second, third = stories
    entries = {first.id: b"one", second.id: b"two"}
    identities = {first.folder: 1, third.folder: 3}
    assert to_keep(entries, stories, identities) == {first.id: (1, b"one")}


def test_a_renderer_given_kept_entries_renders_them_no_more_and_gives_the_same(site, monkeypatch):
    renderer = site.renderer
    rendered = {(e.story.id, h): renderer.entry(e, h) for e in site.plan.entries for h in ("h2", "h3")}
    identities = {story.folder: n for n, story in enumerate(site.catalog.stories)}
    kept = to_keep(renderer.rendered_entries(), site.catalog.stories, identities)
    assert len(kept) == len(site.plan.entries) == 3

    template = renderer.template("entry.html")  # (one environment: the same template for every renderer)
    calls = []
    real = template.render
    monkeypatch.setattr(template, "render", lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    again = NewsSite(site.catalog, site.settings, "uk", NOW, "Site").renderer
    again.reuse_entries(reusable(kept, site.catalog.stories, identities))
    assert {(e.story.id, h): again.entry(e, h) for e in site.plan.entries for h in ("h2", "h3")} == rendered
    assert calls == []
    # Stories whose bytes are not known are rendered (once each).
    fresh = NewsSite(site.catalog, site.settings, "uk", NOW, "Site").renderer
    fresh.reuse_entries(reusable(kept, site.catalog.stories, {}))
    assert {(e.story.id, h): fresh.entry(e, h) for e in site.plan.entries for h in ("h2", "h3")} == rendered
    assert len(calls) == 3
