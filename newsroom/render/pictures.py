"""Pictures as HTML: ``<picture>`` with WebP and JPEG ``srcset``s, ``width``
and ``height`` (no layout shift), ``alt``, lazy loading but for a story's
lead picture; and the pictures a story's text shows (``![…](photo.jpg)``)
made the same way, each checked (a fit picture of the folder, described)."""

from __future__ import annotations

from markupsafe import Markup

from newsroom.content.pictures import ImageTags, line_of
from newsroom.content.problems import Problem
from newsroom.model.pictures import copy_name, height_at, widths
from newsroom.model.stories import Picture, Story

LEAD_SIZES = "(min-width: 76.25em) 42rem, (min-width: 60em) calc(100vw - 32rem), 100vw"
THUMB_SIZES = "(min-width: 45em) 12rem, 30vw"
TEXT_SIZES = LEAD_SIZES


def picture_html(folder: str, picture: Picture, alt: str, *, alt_lang: str | None = None,
                 sizes: str = TEXT_SIZES, lazy: bool = True, css: str = "news-picture",
                 largest: int | None = None) -> Markup:
    """``folder``: the link to the story's folder from the page ("" or ending in /)."""
    steps = [w for w in widths(picture) if largest is None or w <= largest] or [widths(picture)[0]]

    def srcset(fmt: str) -> str:
        return ", ".join(f"{folder}{copy_name(picture, w, fmt)} {w}w" for w in steps)

    fallback = steps[min(1, len(steps) - 1)]
    width, height = steps[-1], height_at(picture, steps[-1])
    lang = Markup(' lang="{}"').format(alt_lang) if alt_lang else Markup("")
    loading = Markup(' loading="lazy" decoding="async"') if lazy else Markup(' fetchpriority="high"')
    return Markup(
        '<picture class="{css}"><source type="image/webp" srcset="{webp}" sizes="{sizes}">'
        '<img src="{src}" srcset="{jpg}" sizes="{sizes}" width="{w}" height="{h}" alt="{alt}"{lang}{loading}>'
        "</picture>"
    ).format(css=css, webp=srcset("webp"), sizes=sizes, src=f"{folder}{copy_name(picture, fallback, 'jpg')}",
             jpg=srcset("jpg"), w=width, h=height, alt=alt, lang=lang, loading=loading)


def text_pictures(html: str, story: Story, folder_link: str, markdown: str, path: str,
                  first_line: int) -> tuple[str, list[Problem]]:
    """A story text's pictures of its folder (linked as ``folder_link`` +
    name, as MkDocs wrote them) made ``<picture>``s; a Problem for each that
    is not a fit picture or has no description."""
    if "<img" not in html:
        return html, []
    problems, out, last = [], [], 0
    for start, end, attrs in ImageTags(html).found:
        src = attrs.get("src") or ""
        name = src[len(folder_link):] if folder_link != "./" and src.startswith(folder_link) else src
        picture = story.picture(name)
        if picture is None or "/" in name:
            continue  # an https picture, or not one of the folder's
        line = line_of(markdown, name, first_line)
        alt = (attrs.get("alt") or "").strip()
        if not picture.fit:
            problems.append(Problem(path, line, "text", f"the picture {name} {picture.problem}", picture.hint))
            continue
        if not alt:
            problems.append(Problem(path, line, "text", f"the picture {name} has no description",
                                    f"write it between the brackets: ![what the picture shows]({name})"))
        out += [html[last:start], str(picture_html("" if folder_link == "./" else folder_link, picture, alt))]
        last = end
    return "".join(out) + html[last:], problems


def lead_picture(story: Story, lang: str, folder: str, *, lazy: bool, sizes: str, css: str,
                 largest: int | None = None) -> Markup:
    """The story's lead picture (``image:``), or nothing."""
    picture = story.picture(story.image)
    if picture is None:
        return Markup("")
    alt, alt_lang = story.image_alt(lang)
    return picture_html(folder, picture, alt or "", alt_lang=alt_lang if alt_lang != lang else None,
                        sizes=sizes, lazy=lazy, css=css, largest=largest)
