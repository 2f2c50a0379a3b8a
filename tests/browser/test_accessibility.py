"""axe-core (axe-playwright-python) on home, a listing, a story, an event, a
vacancy and the search results, in both languages: no violation of impact
serious or critical. No rule is disabled."""

from __future__ import annotations

import pytest

from .browserkit import LANGS, search

# The home page shows the upcoming-event and open-vacancy badges; the past
# event and the closed vacancy show the other two.
PAGES = {
    "home": "",
    "listing": "news/",
    "story": "news/2025/11/01/both-languages/",
    "event": "news/2025/11/06/event-past/",
    "vacancy": "news/2025/11/08/vacancy-closed/",
}
QUERY = {"uk": "Полтав", "en": "Poltava"}


def serious(results: dict) -> list[str]:
    found = []
    for violation in results["violations"]:
        if violation["impact"] in ("serious", "critical"):
            for node in violation["nodes"]:
                found.append(f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
                             f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}\n"
                             f"    {node.get('failureSummary', '')}")
    return found


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe
    return Axe()


@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_violations(served_fixture, tab, axe, lang):
    prefix = "" if lang == "uk" else "en/"
    problems = []
    for kind, path in PAGES.items():
        assert served_fixture.built.exists(prefix + path), f"the fixture site has no {prefix + path}"
        tab.goto(served_fixture.url(prefix + path))
        assert tab.lang == lang
        result = axe.run(tab.page).response
        assert result["testEngine"]["name"] == "axe-core" and "violations" in result
        problems += [f"{kind} {tab.page.url}: {p}" for p in serious(result)]
    # The search page with its results shown.
    found = search(tab, served_fixture, lang, QUERY[lang])
    assert found.pages
    problems += [f"search results {tab.page.url}: {p}" for p in serious(axe.run(tab.page).response)]
    assert not problems, "\n".join(problems)
    tab.watch.assert_clean()


@pytest.mark.parametrize("lang", LANGS)
def test_real_home_and_story(served_real, tab, axe, lang):
    root = "" if lang == "uk" else "en/"
    tab.goto(served_real.url(root))
    problems = [f"{tab.page.url}: {p}" for p in serious(axe.run(tab.page).response)]
    link = tab.page.locator(".news-home .news-entry__title a:not([hreflang])").first
    tab.follow(link)
    problems += [f"{tab.page.url}: {p}" for p in serious(axe.run(tab.page).response)]
    assert not problems, "\n".join(problems)
    tab.watch.assert_clean()
