"""Pictures in a real browser (issue 22): a story with a picture shows it in
the listing and on its page, with srcset, width, height and alt, in both
languages, on a phone and a desktop; and pictures shift nothing as they load
(Chromium's layout-shift entries)."""

from __future__ import annotations

import pytest

from .browserkit import LANGS, SCREENSHOTS, WIDTHS, open_tab

STORY = "news/2025/11/01/both-languages/"
LISTING = "news/region/poltava/"

SHIFTS = """
() => new Promise((resolve) => {
  const shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shifts.push(entry.value);
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(shifts), 500);
})
"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_pictures_show_with_their_sizes_and_shift_nothing(browser, served_fixture, lang, width):
    prefix = "" if lang == "uk" else "en/"
    tab = open_tab(browser, width=width)
    try:
        for path, selector in ((STORY, "picture.news-lead img"), (LISTING, ".news-entry__picture img")):
            tab.goto(served_fixture.url(prefix + path))
            image = tab.page.locator(selector).first
            image.scroll_into_view_if_needed()
            tab.page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle())
            attributes = image.evaluate("(img) => [img.getAttribute('srcset'), img.width, img.height, img.alt,"
                                        " img.currentSrc]")
            srcset, shown_width, shown_height, alt, current = attributes
            assert srcset and "w," in srcset and alt, (path, attributes)
            assert shown_width > 0 and shown_height > 0, (path, attributes)
            assert current.endswith(".webp"), (path, current)  # Chromium takes the WebP copies
            assert tab.page.evaluate(SHIFTS) == [], path
            # Saved for people to look at (issue 22): a story with its picture, a listing with thumbnails.
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            kind = "story-picture" if path == STORY else "listing-pictures"
            tab.screenshot(SCREENSHOTS / f"{lang}-{width}px-{kind}.png")
        tab.watch.assert_clean()
    finally:
        tab.close()
