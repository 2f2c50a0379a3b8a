"""Pictures (issue 22): the lead picture and the text's pictures published as
resized copies (WebP and JPEG ``srcset``s, width and height, alt, lazy but
for the lead), without metadata, cached by content; shared links use a
1200x630 copy or the site's own picture; ``check`` rejects what breaks the
rules, with file, line and fix."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import FIXTURES
from test_news import PREFIX, story_url

from newsroom.content.loader import load_uncached
from newsroom.model.pictures import copies, widths
from newsroom.model.stories import Picture
from newsroom.outputs.pictures import Pictures, cache_path
from newsroom.settings import Settings

BOTH, EVENT = "2025-11-01-both-languages", "2025-11-05-event-upcoming"


def test_copies_are_named_and_sized_from_the_picture():
    picture = Picture("photo.png", 1600, 900, "PNG", "a" * 20)
    assert widths(picture) == (480, 960, 1440, 1600)
    names = [c[0] for c in copies(picture)]
    assert names[:2] == ["photo.480w.webp", "photo.480w.jpg"] and "photo.share.jpg" in names
    assert ("photo.960w.jpg", 960, 540, "jpg") in copies(picture)
    assert widths(Picture("x.jpg", 3000, 2000, "JPEG", "b" * 20))[-1] == 1920
    assert widths(Picture("x.jpg", 700, 500, "JPEG", "b" * 20)) == (480, 700)


def test_the_lead_picture_on_the_story_page_and_in_listings(fixture_site):
    for lang, alt in (("uk", "Учасники форуму в залі"), ("en", "Forum participants in the hall")):
        page = fixture_site.html(story_url(BOTH, lang))
        img = page.css_first(".news-story__header picture.news-lead img")
        assert img.attributes["alt"] == alt and "lang" not in img.attributes
        assert (img.attributes["width"], img.attributes["height"]) == ("1200", "800")
        assert "loading" not in img.attributes  # the lead picture is loaded at once
        assert img.attributes["srcset"].count("w,") == 2 and "photo.1200w.jpg 1200w" in img.attributes["srcset"]
        webp = page.css_first(".news-story__header picture.news-lead source")
        assert webp.attributes["type"] == "image/webp" and "photo.480w.webp 480w" in webp.attributes["srcset"]
        listing = fixture_site.html(f"{PREFIX[lang]}news/region/poltava/")
        thumb = listing.css_first(".news-entry--picture .news-entry__picture img")
        assert thumb is not None and thumb.attributes["loading"] == "lazy" and thumb.attributes["alt"]
        assert thumb.attributes["width"] and thumb.attributes["height"]
        latest = fixture_site.html(f"{PREFIX[lang]}news/")
        plain = [e for e in latest.css(".news-entry") if "news-entry--picture" not in e.attributes["class"]]
        assert plain and all(e.css_first("img") is None for e in plain)  # no empty card for stories without one


def test_a_translation_without_its_own_description_uses_the_original_s_marked(fixture_site):
    img = fixture_site.html(story_url(EVENT, "en")).css_first("picture.news-lead img")
    assert img.attributes["alt"] == "Зала, де відбудеться круглий стіл" and img.attributes["lang"] == "uk"


def test_every_img_of_the_site_has_width_height_and_alt(fixture_site):
    for path in fixture_site.site.rglob("*.html"):
        for img in fixture_site.html(str(path.relative_to(fixture_site.site))).css(".md-content img"):
            assert {"width", "height", "alt"} <= set(img.attributes), (path, img.html)


def test_published_pictures_carry_no_metadata(fixture_site):
    source = Image.open(FIXTURES / "site" / "news" / "2025" / EVENT / "hall.jpg")
    assert source.getexif()  # the fixture's picture has camera and GPS data
    folder = fixture_site.site / "news" / "2025" / "11" / "05" / "event-upcoming"
    published = sorted(folder.glob("hall*"))
    assert len(published) == 6  # hall.jpg, two widths in two formats, the share copy
    for file in published:
        image = Image.open(file)
        assert not image.getexif(), file
        assert not any(key in image.info for key in ("exif", "xmp", "XML:com.adobe.xmp")), file


def test_shared_links_use_the_share_copy_or_the_site_s_picture(fixture_site):
    meta = {m.attributes.get("property") or m.attributes.get("name"): m.attributes.get("content")
            for m in fixture_site.html(story_url(BOTH, "en")).css("head meta")}
    assert meta["og:image"].endswith("news/2025/11/01/both-languages/photo.share.jpg")
    assert meta["twitter:image"] == meta["og:image"]
    share = Image.open(fixture_site.site / "news/2025/11/01/both-languages/photo.share.jpg")
    assert share.size == (1200, 630)
    without = {m.attributes.get("property"): m.attributes.get("content")
               for m in fixture_site.html(story_url("2025-11-02-ukrainian-only", "uk")).css("head meta")}
    assert without["og:image"].endswith("assets/images/share.png")
    assert (fixture_site.site / "assets/images/share.png").is_file()


def test_copies_are_cached_by_content(tmp_path):
    source = tmp_path / "news" / "2025" / "2025-11-01-x"
    source.mkdir(parents=True)
    Image.new("RGB", (800, 600), (10, 20, 30)).save(source / "p.png")
    from newsroom.content.pictures import read_picture

    picture, problem, _ = read_picture(source / "p.png")
    assert problem == ""

    class Story:  # what Pictures reads of a story
        folder, day, slug, pictures = "news/2025/2025-11-01-x", __import__("datetime").date(2025, 11, 1), "x", (picture,)

    cache = tmp_path / "cache"
    Pictures([Story], tmp_path, cache).write(tmp_path / "site")
    first = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    assert len(first) == len(copies(picture))
    Pictures([Story], tmp_path, cache, threads=2).write(tmp_path / "site2")
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()} == first  # nothing made again
    for name, *_ in copies(picture):
        assert (tmp_path / "site" / "news/2025/11/01/x" / name).read_bytes() == \
            (tmp_path / "site2" / "news/2025/11/01/x" / name).read_bytes() == cache_path(cache, picture, name).read_bytes()


def _story(tmp_path, front: str, files: dict[str, bytes], body: str = "Текст.\n"):
    news = tmp_path / "news"
    folder = news / "2025" / "2025-11-01-x"
    folder.mkdir(parents=True)
    for name in ("categories.yml", "regions.yml"):
        shutil.copy(FIXTURES / "site" / "news" / name, news / name)
    (folder / "uk.md").write_text(f"---\ntitle: Х\ncategory: forum\n{front}---\n\n{body}", encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [p.format() for p in load_uncached(Settings(root=tmp_path)).problems]


def _png(width: int, height: int = 400) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 100, 50)).save(out, "PNG")
    return out.getvalue()


P = "news/2025/2025-11-01-x/uk.md"


@pytest.mark.parametrize("front, files, expected", [
    ("image: p.png\n", {"p.png": _png(800)},
     [f"{P}:4: image_alt: is required with image; describe the picture for people who cannot see it, "
      "e.g. image_alt: \"Учасники форуму в залі обласної ради\""]),
    ("image: gone.jpg\nimage_alt: Опис\n", {},
     [f"{P}:4: image: 'gone.jpg' is not a picture in the story's folder; put the JPEG, PNG or WebP file "
      "beside uk.md and write its file name"]),
    ("image: small.png\nimage_alt: Опис\n", {"small.png": _png(599)},
     [f"{P}:4: image: small.png is 599 px wide, less than 600 px; use a picture at least 600 px wide"]),
    ("image: fake.jpg\nimage_alt: Опис\n", {"fake.jpg": b"not a picture at all"},
     [f"{P}:4: image: fake.jpg is not a picture; use a JPEG, PNG or WebP file"]),
    ("image: p.png\nimage_alt: Опис\n", {"p.png": _png(800)}, []),
])
def test_check_rejects_a_lead_picture_that_breaks_the_rules(tmp_path, front, files, expected):
    assert _story(tmp_path, front, files) == expected


def test_a_picture_over_15_mb_is_rejected(tmp_path, monkeypatch):
    from newsroom.content import pictures

    monkeypatch.setattr(pictures, "MAX_BYTES", 1000)
    problems = _story(tmp_path, "image: p.png\nimage_alt: Опис\n", {"p.png": _png(800)})
    assert len(problems) == 1 and "MB, more than" in problems[0] and problems[0].startswith(f"{P}:4: image: p.png")


def test_check_rejects_text_pictures_that_break_the_rules(tmp_path):
    from newsroom.content.checks import text_problems, knowledge_pages

    _story(tmp_path, "", {"small.png": _png(300), "p.png": _png(800)},
           body="Текст.\n\n![](p.png)\n\n![Опис](small.png)\n")
    shutil.copy(Path(__file__).resolve().parent.parent / "mkdocs.yml", tmp_path / "mkdocs.yml")
    settings = Settings(root=tmp_path)
    found = sorted((p.line, p.format()) for p in text_problems(settings, {}))
    assert [text for _, text in found] == [
        f"{P}:8: text: the picture p.png has no description; write it between the brackets: "
        "![what the picture shows](p.png)",
        f"{P}:10: text: the picture small.png is 300 px wide, less than 600 px; use a picture at least 600 px wide"]


def test_a_dirty_build_leaves_the_copies_it_placed_and_compares_the_pictures_own_name(tmp_path):
    source = tmp_path / "news" / "2025" / "2025-11-01-x"
    source.mkdir(parents=True)
    Image.new("RGB", (800, 600), (10, 20, 30)).save(source / "p.png")
    from newsroom.content.pictures import read_picture

    picture, _, _ = read_picture(source / "p.png")

    class Story:  # what Pictures reads of a story
        folder, day, slug, pictures = "news/2025/2025-11-01-x", __import__("datetime").date(2025, 11, 1), "x", (picture,)

    cache, site = tmp_path / "cache", tmp_path / "site"
    placed = Pictures([Story], tmp_path, cache).write(site)
    names = [name for name, *_ in copies(picture)]
    assert placed == {("news/2025/11/01/x/" + name, cache_path(cache, picture, name).name) for name in names}
    folder = site / "news/2025/11/01/x"
    # MkDocs copies the picture itself over again (with its metadata): put back.
    (folder / "p.png").write_bytes((source / "p.png").read_bytes())
    gone = next(name for name in names if name != "p.png")
    (folder / gone).unlink()                                   # a copy missing: placed again
    assert Pictures([Story], tmp_path, cache).write(site, placed) == placed
    for name in names:
        assert (folder / name).read_bytes() == cache_path(cache, picture, name).read_bytes(), name
