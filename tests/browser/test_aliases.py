"""A moved story's old address leads to its page, in both languages, in
Chromium (issue 23)."""

from __future__ import annotations

import pytest

from .browserkit import LANGS


@pytest.mark.parametrize("lang", LANGS)
def test_an_old_address_leads_to_the_story(tab, served_fixture, lang):
    prefix = "" if lang == "uk" else "en/"
    old = served_fixture.url(prefix + "news/2025/10/30/forum-hromad/")
    new = served_fixture.url(prefix + "news/2025/11/01/both-languages/")
    tab.page.goto(old)
    tab.page.wait_for_url(new, wait_until="load")
    tab.settle()
    assert tab.page.locator("h1").first.inner_text() == (
        "Форум громад у Полтаві" if lang == "uk" else "Communities forum in Poltava")
    tab.watch.assert_clean()
