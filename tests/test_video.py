"""Click-to-play videos in story bodies (issue 22, "Video";
newsroom/render/video.py).

Bodies are rendered as the site renders them (mkdocs.yml's Markdown
extensions, newsroom/content/bodies.py) and sanitized (issue 24's allowlist)
before ``videos`` reads them, as the build does. Outputs are parsed with an
HTML parser (lexbor, as browsers parse), not grepped."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from selectolax.lexbor import LexborHTMLParser

from newsroom.content.bodies import clean, renderer
from newsroom.render import video as module
from newsroom.render.video import Video, video_of, videos

REPO = Path(__file__).resolve().parent.parent
YT = "dQw4w9WgXcQ"
VIMEO = "76979871"
NOCOOKIE = f"https://www.youtube-nocookie.com/embed/{YT}?autoplay=1"


@functools.lru_cache(maxsize=1)
def _render():
    return renderer(REPO)


def body(markdown: str) -> str:
    """A story body's HTML as ``videos`` gets it: rendered, then sanitized."""
    text = "\n" + markdown
    html, problems = clean(_render()(text), text, "news/x/uk.md", 5)
    assert not problems, problems
    return html


def parse(html: str):
    return LexborHTMLParser(f"<!doctype html><html><body>{html}</body></html>")


def blocks(html: str) -> list:
    return parse(html).css("figure.news-video")


# --- which links are videos -----------------------------------------------------------

URL_FORMS = [
    (f"https://www.youtube.com/watch?v={YT}", Video("youtube", YT)),
    (f"https://youtube.com/watch?v={YT}", Video("youtube", YT)),
    (f"http://www.youtube.com/watch?v={YT}", Video("youtube", YT)),
    (f"https://m.youtube.com/watch?v={YT}", Video("youtube", YT)),
    (f"https://www.youtube.com/watch?v={YT}&t=42s", Video("youtube", YT)),
    (f"https://www.youtube.com/watch?feature=share&v={YT}#comments", Video("youtube", YT)),
    (f"https://WWW.YouTube.com/watch?v={YT}", Video("youtube", YT)),
    (f"https://youtu.be/{YT}", Video("youtube", YT)),
    (f"https://youtu.be/{YT}?si=AbCdEf123", Video("youtube", YT)),
    (f"https://youtu.be/{YT}?t=10", Video("youtube", YT)),
    (f"https://www.youtube.com/shorts/{YT}", Video("youtube", YT, portrait=True)),
    (f"https://youtube.com/shorts/{YT}?feature=share", Video("youtube", YT, portrait=True)),
    (f"https://www.youtube.com/embed/{YT}", Video("youtube", YT)),
    (f"https://www.youtube.com/embed/{YT}/", Video("youtube", YT)),
    ("https://youtu.be/a-b_C-d_E-f", Video("youtube", "a-b_C-d_E-f")),
    (f"https://vimeo.com/{VIMEO}", Video("vimeo", VIMEO)),
    (f"https://www.vimeo.com/{VIMEO}", Video("vimeo", VIMEO)),
    (f"https://vimeo.com/{VIMEO}#t=30s", Video("vimeo", VIMEO)),
    (f"https://player.vimeo.com/video/{VIMEO}", Video("vimeo", VIMEO)),
    (f"https://player.vimeo.com/video/{VIMEO}?h=abc123", Video("vimeo", VIMEO)),
]

NOT_VIDEOS = [
    "https://www.youtube.com/",
    "https://www.youtube.com/watch",
    "https://www.youtube.com/watch?v=",
    "https://www.youtube.com/watch?v=dQw4w9WgXc",           # 10 characters
    "https://www.youtube.com/watch?v=dQw4w9WgXcQQ",         # 12
    f"https://www.youtube.com/watch?v={YT}&v=aaaaaaaaaaa",  # two ids
    f"https://www.youtube.com/watch/{YT}",
    f"https://www.youtube.com/channel/{YT}",
    "https://www.youtube.com/@somechannel",
    f"https://www.youtube.com/playlist?list={YT}",
    f"https://youtu.be/{YT}/extra",
    f"https://youtu.be//{YT}",
    f"https://youtube.com.evil.example/watch?v={YT}",
    f"https://evil.example/youtube.com/watch?v={YT}",
    f"https://evil.example/?u=https://youtu.be/{YT}",
    f"https://notyoutube.com/watch?v={YT}",
    f"https://music.youtube.com/watch?v={YT}",
    f"https://www.youtube-nocookie.com/embed/{YT}",
    f"https://user:pass@www.youtube.com/watch?v={YT}",
    f"https://youtube.com@evil.example/watch?v={YT}",
    f"https://www.youtube.com:8443/watch?v={YT}",
    f"ftp://youtu.be/{YT}",
    f"javascript://youtu.be/{YT}",
    f"//youtu.be/{YT}",
    f"youtu.be/{YT}",
    "https://vimeo.com/",
    "https://vimeo.com/channels/staffpicks/76979871",
    "https://vimeo.com/76979871/abcdef1234",
    "https://vimeo.com/7697a871",
    "https://vimeo.com/1234567890123",                      # 13 digits
    "https://vimeo.com/١٢٣٤",                               # digits, but not ASCII
    "https://player.vimeo.com/76979871",
    "https://player.vimeo.com/video/",
    "https://evilvimeo.com/76979871",
    "https://example.org/watch?v=dQw4w9WgXcQ",
]

# What an attacker might pass off as an id: each stays a link (or text).
MALICIOUS = [
    'https://youtu.be/"><script>alert(1)</script>',
    "https://youtu.be/dQw4w9WgXc\"",
    "https://youtu.be/dQw4w9W'XcQ",
    "https://youtu.be/dQw4w9WgXcQ\"onerror=alert(1)",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ%22%3E%3Cscript%3E",
    "https://www.youtube.com/watch?v=%22onload%3Dx%3D",
    "https://www.youtube.com/watch?v=dQw4w9%2FgXcQ",
    "https://www.youtube.com/watch?v=../../../x",
    "https://youtu.be/dQw4w9WgX%51",
    "https://youtu.be/dQw4w9WgXcQ%0A",
    "https://youtu.be/dQw4w9WgXcQ\u200b",
    "https://youtu.be/ѕQw4w9WgXcQ",                         # a Cyrillic letter
    "https://vimeo.com/76979871\"onmouseover=\"alert(1)",
    "https://player.vimeo.com/video/1%20or%201",
    "https://vimeo.com/-1",
    "https://vimeo.com/+76979871",
    "https://vimeo.com/0x1f",
    "https://youtu.be/javascript:alert",
]


@pytest.mark.parametrize("url, expected", URL_FORMS)
def test_each_url_form_gives_the_right_id(url, expected):
    assert video_of(url) == expected


@pytest.mark.parametrize("url", NOT_VIDEOS + MALICIOUS)
def test_other_links_are_not_videos(url):
    assert video_of(url) is None


@pytest.mark.parametrize("url, expected", URL_FORMS)
@pytest.mark.parametrize("written", ["bare", "autolink", "link", "named"])
def test_each_form_becomes_a_block_with_the_right_id(url, expected, written):
    markdown = {"bare": url, "autolink": f"<{url}>", "link": f"[{url}]({url})",
                "named": f"[The *forum* video]({url})"}[written]
    html = videos(body(f"Before.\n\n{markdown}\n\nAfter."), "uk", None, "Story")
    found = blocks(html)
    assert len(found) == 1
    figure = found[0]
    assert figure.attributes["data-news-video"] == expected.provider
    assert figure.attributes["data-news-video-id"] == expected.id
    assert ("news-video--portrait" in figure.attributes["class"].split()) is expected.portrait
    poster, caption = figure.css_first("a.news-video__poster"), figure.css_first("figcaption a")
    assert poster.attributes["href"] == caption.attributes["href"] == url
    assert poster.attributes["rel"] == caption.attributes["rel"] == "noopener noreferrer"
    # The paragraphs around it are as they were.
    assert [p.text() for p in parse(html).css("body > p")] == ["Before.", "After."]
    title = figure.css_first(".news-video__title").text()
    if written == "named":
        assert title == "The forum video" and caption.text() == "The forum video"
    else:
        assert title == "Story" and caption.text() == url


def test_the_block_in_each_language():
    html = body(f"https://youtu.be/{YT}")
    uk = blocks(videos(html, "uk", None, "Форум громад"))[0]
    en = blocks(videos(html, "en", None, "Communities forum"))[0]
    assert uk.css_first("a.news-video__poster").attributes["aria-label"] == "Відтворити відео: Форум громад"
    assert en.css_first("a.news-video__poster").attributes["aria-label"] == "Play video: Communities forum"
    assert uk.css_first("figcaption").text() == f"Дивитися на YouTube: https://youtu.be/{YT}"
    assert en.css_first("figcaption").text() == f"Watch on YouTube: https://youtu.be/{YT}"
    vimeo = blocks(videos(body(f"https://vimeo.com/{VIMEO}"), "en", None, "T"))[0]
    assert vimeo.css_first("figcaption").text() == f"Watch on Vimeo: https://vimeo.com/{VIMEO}"


def test_without_a_title_the_block_says_video():
    html = body(f"https://youtu.be/{YT}")
    for lang, word, label in (("uk", "Відео", "Відтворити відео: Відео"), ("en", "Video", "Play video: Video")):
        figure = blocks(videos(html, lang, None, "  "))[0]
        assert figure.css_first(".news-video__title").text() == word
        assert figure.css_first("a.news-video__poster").attributes["aria-label"] == label


def test_two_videos_of_one_title_are_numbered():
    html = body(f"https://youtu.be/{YT}\n\n[Round table](https://vimeo.com/{VIMEO})\n\n"
                f"<https://vimeo.com/{VIMEO}>\n\n[Round table](https://youtu.be/{YT})")
    found = blocks(videos(html, "en", None, "Forum"))
    assert [f.css_first(".news-video__title").text() for f in found] == [
        "Forum (1)", "Round table (1)", "Forum (2)", "Round table (2)"]
    labels = [f.css_first("a.news-video__poster").attributes["aria-label"] for f in found]
    assert len(set(labels)) == 4 and labels[0] == "Play video: Forum (1)"
    # The caption keeps the link's own text.
    assert found[1].css_first("figcaption a").text() == "Round table"


def test_the_poster_is_the_story_picture_or_a_placeholder():
    html = body(f"https://youtu.be/{YT}")
    with_picture = blocks(videos(html, "uk", "../photo-1200.webp", "T"))[0]
    images = with_picture.css("img")
    assert len(images) == 1
    image = images[0]
    assert image.attributes["src"] == "../photo-1200.webp"
    assert image.attributes["alt"] == ""          # the button's name says what it is
    assert image.attributes["loading"] == "lazy"
    assert not with_picture.css(".news-video__placeholder")
    placeholder = blocks(videos(html, "uk", None, "T"))[0]
    assert placeholder.css(".news-video__placeholder") and not placeholder.css("img")


def test_nothing_in_the_block_comes_from_the_video_host():
    """No address in the block but the editor's link: no thumbnail, no player,
    no script, no style attribute, no frame (the script makes the iframe)."""
    html = videos(body(f"https://www.youtube.com/watch?v={YT}"), "en", "/news/p.jpg", "T")
    figure = blocks(html)[0]
    addresses = set()
    for node in figure.traverse(include_text=False):
        assert node.tag not in ("script", "iframe", "style", "object", "embed", "link"), node.tag
        assert "style" not in node.attributes
        assert not any(name.startswith("on") for name in node.attributes)
        addresses.update(v for k, v in node.attributes.items() if k in ("href", "src", "srcset", "poster"))
    assert addresses == {f"https://www.youtube.com/watch?v={YT}", "/news/p.jpg"}


def test_the_block_holds_the_plain_link_for_search_and_readers_without_javascript():
    figure = blocks(videos(body(f"<https://vimeo.com/{VIMEO}>"), "uk", None, "T"))[0]
    links = figure.css("a")
    assert [a.attributes["href"] for a in links] == [f"https://vimeo.com/{VIMEO}"] * 2
    # The poster is left out of the search index (its words are the title and
    # a label); the caption, with the link's text, is indexed.
    assert "data-pagefind-ignore" in links[0].attributes
    assert figure.css_first("figcaption").css_first("a").text() == f"https://vimeo.com/{VIMEO}"
    assert figure.css_first(".news-video__play").attributes["aria-hidden"] == "true"


# --- what stays as it was --------------------------------------------------------------

UNTOUCHED = [
    f"Watch https://youtu.be/{YT} now.",
    f"Watch <https://youtu.be/{YT}> now.",
    f"[The video](https://youtu.be/{YT}) of the forum.",
    f"The forum: [video](https://youtu.be/{YT})",
    f"Two: https://youtu.be/{YT} https://vimeo.com/{VIMEO}",
    f"[one](https://youtu.be/{YT}) [two](https://vimeo.com/{VIMEO})",
    f"First line\nhttps://youtu.be/{YT}",
    f"https://youtu.be/{YT}\nsecond line",
    f"**https://youtu.be/{YT}**",
    f"*<https://youtu.be/{YT}>*",
    f"`https://youtu.be/{YT}`",
    f"    https://youtu.be/{YT}",
    f"```\nhttps://youtu.be/{YT}\n```",
    f"- https://youtu.be/{YT}",
    f"- a\n\n- https://youtu.be/{YT}",
    f"1. <https://youtu.be/{YT}>",
    f"| a |\n|---|\n| https://youtu.be/{YT} |",
    f"# https://youtu.be/{YT}",
    f"[![picture](https://example.org/p.jpg)](https://youtu.be/{YT})",
    "https://example.org/some/page",
    "<https://example.org/watch?v=dQw4w9WgXcQ>",
    "https://www.youtube.com/@channel",
    "https://vimeo.com/channels/staffpicks",
    f"https://youtu.be/{YT}.",
    f"(https://youtu.be/{YT})",
    "Nothing here.",
]


@pytest.mark.parametrize("markdown", UNTOUCHED)
def test_other_paragraphs_stay_as_they_were(markdown):
    html = body(markdown)
    assert videos(html, "uk", None, "T") == html


@pytest.mark.parametrize("url", NOT_VIDEOS + MALICIOUS)
@pytest.mark.parametrize("written", ["bare", "autolink", "link"])
def test_a_link_that_is_not_a_video_stays_a_link(url, written):
    markdown = {"bare": url, "autolink": f"<{url}>", "link": f"[watch]({url})"}[written]
    text = "\n" + markdown
    html, _ = clean(_render()(text), text, "news/x/uk.md", 5)
    assert videos(html, "uk", None, "T") == html


def test_a_paragraph_with_attributes_or_in_a_list_is_not_a_video():
    for html in (f'<p class="admonition-title">https://youtu.be/{YT}</p>',
                 f'<ul>\n<li>\n<p>https://youtu.be/{YT}</p>\n</li>\n</ul>',
                 f'<table><tbody><tr><td><p>https://youtu.be/{YT}</p></td></tr></tbody></table>',
                 f'<p>https://youtu.be/{YT}<br>\n</p>',
                 f'<p><a href="https://youtu.be/{YT}">a</a><a href="https://youtu.be/{YT}">b</a></p>',
                 f'<p><a title="https://youtu.be/{YT}">https://youtu.be/{YT}</a></p>'):
        assert videos(html, "en", None, "T") == html


def test_in_quotes_and_notes_a_video_line_is_a_video():
    html = body(f"> https://youtu.be/{YT}\n\n!!! note\n    <https://vimeo.com/{VIMEO}>")
    found = blocks(videos(html, "en", None, "T"))
    assert [f.attributes["data-news-video-id"] for f in found] == [YT, VIMEO]
    assert found[0].parent.tag == "blockquote"
    assert "admonition" in found[1].parent.attributes["class"]


def test_everything_else_is_left_byte_for_byte():
    markdown = (f"# Heading\n\nText with `code` & <https://example.org/?a=1&b=2>.\n\n"
                f"https://youtu.be/{YT}\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\nhttps://vimeo.com/{VIMEO}\n\nEnd.")
    html = body(markdown)
    out = videos(html, "uk", None, "T")
    first = html.index(f"<p>https://youtu.be/{YT}</p>")
    second = html.index(f"<p>https://vimeo.com/{VIMEO}</p>")
    assert out.startswith(html[:first])
    assert out.endswith(html[second + len(f"<p>https://vimeo.com/{VIMEO}</p>"):])
    middle = html[first + len(f"<p>https://youtu.be/{YT}</p>"):second]
    assert middle in out
    assert len(blocks(out)) == 2


# --- escaping, idempotence ------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script> & "quoted" \'single\' <b>bold</b>'


def test_every_value_is_escaped():
    url = f"https://www.youtube.com/watch?v={YT}&t=1&x=%22%3E"
    html = videos(body(f"<{url}>"), "en", '/p.jpg" onerror="alert(1)', HOSTILE)
    tree = parse(html)
    assert not tree.css("script") and not tree.css("b")
    figure = blocks(html)[0]
    assert figure.css_first(".news-video__title").text() == " ".join(HOSTILE.split())
    assert figure.css_first("a.news-video__poster").attributes["aria-label"] == "Play video: " + " ".join(HOSTILE.split())
    image = figure.css_first("img")
    assert image.attributes["src"] == '/p.jpg" onerror="alert(1)'
    assert "onerror" not in image.attributes
    assert [a.attributes["href"] for a in figure.css("a")] == [url, url]


def test_a_hostile_link_text_is_escaped():
    html = videos(f'<p><a href="https://youtu.be/{YT}" rel="noopener noreferrer">'
                  f'&lt;img src=x onerror=alert(1)&gt; &amp; &quot;</a></p>', "en", None, "T")
    figure = blocks(html)[0]
    assert not figure.css("img")
    assert figure.css_first("figcaption a").text() == '<img src=x onerror=alert(1)> & "'
    assert figure.css_first(".news-video__title").text() == '<img src=x onerror=alert(1)> & "'


@pytest.mark.parametrize("url", MALICIOUS)
def test_a_malicious_id_is_not_made_a_block(url):
    for markdown in (url, f"<{url}>", f"[v]({url})"):
        text = "\n" + markdown
        html, _ = clean(_render()(text), text, "news/x/uk.md", 5)
        out = videos(html, "en", None, "T")
        assert not blocks(out)
        assert not parse(out).css("script, iframe")


def test_running_twice_changes_nothing():
    html = body(f"Intro.\n\nhttps://youtu.be/{YT}\n\n<https://vimeo.com/{VIMEO}>\n\n"
                f"> https://www.youtube.com/shorts/{YT}\n\nEnd.")
    once = videos(html, "uk", "/p.jpg", HOSTILE)
    assert len(blocks(once)) == 3
    assert videos(once, "uk", "/p.jpg", HOSTILE) == once
    assert videos(once, "en", None, "other") == once


_fragments = st.sampled_from([
    f"https://youtu.be/{YT}", f"<https://vimeo.com/{VIMEO}>", f"[v](https://www.youtube.com/watch?v={YT})",
    "Text & more.", "- item", "> quote", "`code`", "**bold**", "<https://example.org/>", "| a |\n|---|\n| b |",
    "!!! note\n    inside", "```\nhttps://youtu.be/x\n```", "# Heading {: #id }",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(_fragments, max_size=8), st.sampled_from(["uk", "en"]), st.text(max_size=20))
def test_property_only_video_paragraphs_change_and_twice_is_once(parts, lang, title):
    html = body("\n\n".join(parts) or "x")
    once = videos(html, lang, None, title)
    assert videos(once, lang, None, title) == once
    expected = sum(1 for p in parts if p.startswith(("https://youtu", "<https://vimeo", "[v](https://www.you")))
    assert len(blocks(once)) == expected
    if not expected:
        assert once == html
    # What is not a block is what it was: the blocks taken out, the rest is equal.
    tree = parse(once)
    for figure in tree.css("figure.news-video"):
        figure.decompose()
    original = parse(html)
    for p in original.css("body > p, body > blockquote > p, body > div > p"):
        link = p.css_first("a")
        target = link.attributes.get("href") or "" if link else p.text()
        if video_of(target.strip()) and (link is None or p.text() == link.text()):
            p.decompose()
    assert tree.body.html == original.body.html


def test_the_module_documents_the_block():
    """The docstring of ``block`` shows the block as it is written."""
    shown = module.block.__doc__
    real = str(module.block(Video("youtube", "ID"), "URL", "text", "uk", None, "T"))
    for line in real.split("\n"):
        assert line in shown, line


def test_the_player_addresses():
    """What news-video.js puts in the iframe (tests/browser/test_video.py
    checks the script does)."""
    assert Video("youtube", YT).embed == NOCOOKIE
    assert Video("vimeo", VIMEO).embed == f"https://player.vimeo.com/video/{VIMEO}?autoplay=1"
