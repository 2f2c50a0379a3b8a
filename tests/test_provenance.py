"""Provenance and labels (issue 26): the source is where a story was first
published, never its author; a vacancy without a deadline is never called
open; English pages say they are translations; one label per event box; the
event place in a translation's language."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import REPO
from test_news import PREFIX, story_url

SEED = sorted(p.name for p in (REPO / "news").glob("20*/*") if p.is_dir())


def _blocks(tree) -> dict:
    return {b["@type"]: b for b in (json.loads(s.text()) for s in tree.css('script[type="application/ld+json"]'))}


def test_seed_stories_never_make_the_source_an_author(real_site):
    assert len(SEED) == 5
    for ident in SEED:
        for lang in ("uk", "en"):
            article = _blocks(real_site.html(story_url(ident, lang)))["NewsArticle"]
            assert "author" not in article, (ident, lang)
            assert article["isBasedOn"]["@type"] == "CreativeWork" and article["isBasedOn"]["name"], (ident, lang)
            assert article["publisher"]["@type"] == "Organization"


def test_a_source_url_links_the_source_and_is_based_on(fixture_site):
    for lang, name in (("uk", "Обласна рада"), ("en", None)):
        tree = fixture_site.html(story_url("2025-11-01-both-languages", lang))
        based = _blocks(tree)["NewsArticle"]["isBasedOn"]
        assert based["url"] == "https://example.org/oblast-council/forum"
        link = [a for a in tree.css(".news-story__meta a") if a.attributes["href"] == based["url"]]
        assert len(link) == 1 and link[0].text() == based["name"]
        assert "noopener" in link[0].attributes["rel"]
        if name:
            assert based["name"] == name


def test_a_vacancy_without_a_deadline_is_never_called_open(real_site):
    for lang, badge, heading in (("uk", "Термін не зазначено", "Вакансії"), ("en", "No deadline given", "Vacancies")):
        home = real_site.html(PREFIX[lang] or "")
        block = home.css_first(".news-home--vacancies")
        badges = [b.text() for b in block.css(".news-badge")]
        assert badges == [badge]  # the seed vacancy has no deadline
        assert heading in [h.text(strip=True) for h in home.css("h2")]
        assert not any(h.text(strip=True) in ("Відкриті вакансії", "Open vacancies") for h in home.css("h2"))


def test_the_event_box_has_one_label(fixture_site):
    for lang, label in (("uk", "Майбутня подія"), ("en", "Upcoming event")):
        box = fixture_site.html(story_url("2025-11-05-event-upcoming", lang)).css_first(".news-box--event")
        assert box.css_first(".news-box__title").text(strip=True) == label


def test_a_translation_gives_the_event_place_in_its_language(fixture_site):
    where = fixture_site.html(story_url("2025-11-05-event-upcoming", "en")).css_first(".news-box--event p:nth-of-type(3) span")
    assert where.text() == "Kyiv" and "lang" not in where.attributes
    event = _blocks(fixture_site.html(story_url("2025-11-05-event-upcoming", "en")))["Event"]
    assert event["location"]["name"] == "Kyiv"
    calendar = (fixture_site.site / "en/news/events.ics").read_text(encoding="utf-8")
    locations = re.findall(r"^LOCATION:(.*)$", calendar, flags=re.M)
    assert locations and not any(re.search("[\u0400-\u04FF]", place) for place in locations)


def test_english_pages_say_they_are_translations_and_ukrainian_footers_are_ukrainian(real_site):
    for url in ("en/", "en/programme/", "en/news/"):
        footer = real_site.html(url).css_first(".md-copyright")
        assert "translations of the Ukrainian original" in footer.text()
    for url in ("", "programme/", "news/"):
        footer = real_site.html(url).css_first(".md-copyright").text()
        assert "Made with" not in footer and "Зроблено за допомогою" in footer


def test_english_related_stories_are_see_also(fixture_site):
    assert fixture_site.html(story_url("2025-11-01-both-languages", "en")).css_first("#news-more-title").text() == "See also"
    assert fixture_site.html(story_url("2025-11-01-both-languages", "uk")).css_first("#news-more-title").text() == "Читайте також"


def test_the_2024_story_publishes_no_date_the_source_does_not_give(real_site):
    ident = next(i for i in SEED if i.startswith("2024-07-30"))
    for lang in ("uk", "en"):
        article = _blocks(real_site.html(story_url(ident, lang)))["NewsArticle"]
        assert "datePublished" not in article
        text = real_site.html(story_url(ident, lang)).css_first("article").text()
        assert ("30 липня 2024" in text) if lang == "uk" else ("30 July 2024" in text)
    for ident_ in SEED:
        if ident_ != ident:  # the others keep theirs
            assert "datePublished" in _blocks(real_site.html(story_url(ident_, "uk")))["NewsArticle"]
    feed = (real_site.site / "news/rss.xml").read_text(encoding="utf-8")
    item = next(part for part in feed.split("<item>")[1:] if ident[11:] in part)
    assert "<pubDate>" not in item
