"""The web editor's configuration (Decap CMS, ``/admin/config.yml``),
generated from the contract.

One folder collection, ``news``, over ``news/``: each entry is a story folder
``news/<YYYY>/<YYYY-MM-DD>-<slug>/`` holding ``index.uk.md`` and
``index.en.md`` (Decap's i18n ``multiple_files`` spelling of ``<path>.<locale>.md``,
which the engine accepts beside ``uk.md``/``en.md``). The lists to choose
from (categories, regions, authors) and the known tags are read from
``news/*.yml`` by the engine's own loader, so each list lives in one place.

Which language file a field goes in follows the contract: a translated field
(``schema.TRANSLATED_FIELDS``: title, summary, source, image_alt; and the
text, and the event's place) is ``i18n: true``; every other field is left
without ``i18n``, which Decap reads as ``none``: it is shown and written only
in the original (``index.uk.md``) and the translation's file never carries
it. The picture is uploaded into the story's own folder (folder-relative
``media_folder: ""``).

What the configuration cannot say is in ``admin/newsroom.js``: the files'
format (``newsroom-md``), the slug by the official transliteration, the
title required in the original only, the checks before saving.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from newsroom.content.schema import TRANSLATED_FIELDS
from newsroom.content.terms import Terms, load_terms
from newsroom.settings import Settings

# decap-server's address for `make edit` (its PORT; BIND_HOST=127.0.0.1).
LOCAL_BACKEND_URL = "http://127.0.0.1:8081/api/v1"
# The settings of the GitHub backend (repository, sign-in), kept in the project.
BACKEND_FILE = Path("admin") / "cms.yml"
BACKEND_KEYS = ("repo", "branch", "base_url", "auth_endpoint", "site_domain")
FORMAT = "newsroom-md"  # registered by admin/newsroom.js

# Decap's datetime formats (dayjs tokens) that give what schema.py accepts.
DAY = "YYYY-MM-DD"                    # deadline, the publication date
WHEN = "YYYY-MM-DD HH:mm"             # event start/end ('YYYY-MM-DD HH:MM'; 00:00 is written as the date alone)
CLOCK = "HH:mm"                       # time


def terms(settings: Settings) -> Terms:
    """The term files, read by the engine's loader (their problems are the
    build's and check's to report)."""
    return load_terms(settings.news_dir, settings.root, settings.languages, [])


def _options(found: dict, lang: str) -> list[dict[str, str]]:
    return [{"label": term.labels.get(lang) or term_id, "value": term_id} for term_id, term in found.items()]


def _i18n(name: str) -> dict[str, Any]:
    return {"i18n": True} if name in TRANSLATED_FIELDS else {}


def fields(settings: Settings, found: Terms | None = None) -> list[dict[str, Any]]:  # (72 lines: a declarative list)
    """The fields of a story, in the order its files list them."""
    found = found or terms(settings)
    lang = settings.default_language
    known_tags = ", ".join(found.tags)
    result: list[dict[str, Any]] = [
        {"label": "Заголовок", "name": "title", "widget": "newsroom-title", "required": True, **_i18n("title"),
         "hint": "Українською — завжди; англійською — якщо є переклад (без нього колонку EN "
                 "лишіть порожньою). (Title: English only with a translation.)"},
        {"label": "Короткий зміст", "name": "summary", "widget": "text", "required": False, **_i18n("summary"),
         "hint": "Одне-два речення для списків новин; без нього — перший абзац тексту. (Summary.)"},
        {"label": "Джерело", "name": "source", "widget": "string", "required": False, **_i18n("source"),
         "hint": "Де новину вперше опубліковано чи оголошено: організація або стрічка новин порталу; "
                 "показується як «Джерело», не як автор. (Source.)"},
        {"label": "Адреса джерела", "name": "source_url", "widget": "string", "required": False,
         "pattern": [r"^https?://\S+$", "веб-адреса, що починається з http:// або https://"],
         "hint": "Адреса першої публікації (https://…): тоді джерело стає посиланням. (Source URL.)"},
        {"label": "Рубрика", "name": "category", "widget": "select", "required": True,
         "options": _options(found.categories, lang),
         "hint": "Список — news/categories.yml. (Category.)"},
        {"label": "Регіон", "name": "region", "widget": "select", "required": False,
         "options": _options(found.regions, lang),
         "hint": "Необов’язково. Список — news/regions.yml. (Region.)"},
    ]
    if found.authors:  # Decap refuses a select without options
        result.append({"label": "Автори", "name": "authors", "widget": "select", "multiple": True, "required": False,
                       "options": _options(found.authors, lang),
                       "hint": "Необов’язково. Список — news/authors.yml. (Authors.)"})
    result += [
        {"label": "Теги", "name": "tags", "widget": "list", "required": False,
         "hint": "Слова через кому, наприклад: Полтава, бюджет."
                 + (f" Теги з англійським перекладом (news/tags.yml): {known_tags}." if known_tags else "")
                 + " (Tags, comma-separated.)"},
        {"label": "Дата публікації", "name": "date", "widget": "datetime", "required": False,
         "format": DAY, "date_format": DAY, "time_format": False,
         "hint": "Лише для нової новини: дата стає частиною її адреси (/news/РРРР/ММ/ДД/…) і назви теки. "
                 "Порожнє поле — сьогодні (за київським часом); майбутня дата — новина з’явиться того дня. "
                 "Дату збереженої новини тут не змінити. (Publication date, new stories only.)"},
        {"label": "Час", "name": "time", "widget": "datetime", "required": False,
         "format": CLOCK, "date_format": False, "time_format": CLOCK,
         "hint": "Необов’язково, за київським часом: упорядковує новини одного дня. (Time, HH:MM.)"},
        {"label": "Чернетка", "name": "draft", "widget": "boolean", "required": False, "default": False,
         "hint": "Увімкнено: новину не публікують (видно лише в make serve / make edit). (Draft.)"},
        {"label": "Подія", "name": "event", "widget": "object", "required": False, "collapsed": True, "i18n": True,
         "hint": "Лише для анонсу чи звіту про подію. (Event.)",
         "fields": [
             {"label": "Початок", "name": "start", "widget": "datetime", "required": False,
              "format": WHEN, "date_format": DAY, "time_format": CLOCK,
              "hint": "Дата й час за Києвом. Подія без часу — 00:00: на сайті буде лише дата. (Start.)"},
             {"label": "Кінець", "name": "end", "widget": "datetime", "required": False,
              "format": WHEN, "date_format": DAY, "time_format": CLOCK,
              "hint": "Необов’язково; не раніше за початок. (End.)"},
             {"label": "Місце", "name": "place", "widget": "string", "required": False, "i18n": True,
              "hint": "Мовою колонки: переклад може назвати місце своєю мовою. (Place.)"},
             {"label": "Адреса події", "name": "url", "widget": "string", "required": False,
              "pattern": [r"^https?://\S+$", "веб-адреса, що починається з http:// або https://"],
              "hint": "Необов’язково (https://…). (Event URL.)"},
         ]},
        {"label": "Кінцевий термін", "name": "deadline", "widget": "datetime", "required": False,
         "format": DAY, "date_format": DAY, "time_format": False,
         "hint": "Останній день прийому заявок (вакансія, конкурс), включно. (Deadline.)"},
        {"label": "Світлина", "name": "image", "widget": "image", "required": False, "choose_url": False,
         "hint": "JPEG, PNG або WebP, щонайменше 600 px завширшки, до 15 МБ; зберігається в теці новини. "
                 "(Lead picture, uploaded into the story's folder.)"},
        {"label": "Опис світлини", "name": "image_alt", "widget": "string", "required": False,
         **_i18n("image_alt"),
         "hint": "Що на світлині видно — для тих, хто її не бачить; обов’язковий зі світлиною. "
                 "(Description of the picture.)"},
        {"label": "Текст", "name": "body", "widget": "markdown", "required": False, "i18n": True,
         "hint": "Текст новини (Markdown). (The story's text.)"},
    ]
    return result


def backend(settings: Settings) -> dict[str, Any]:
    """The GitHub backend: ``admin/cms.yml`` of the project, the repository
    from GITHUB_REPOSITORY (set in GitHub Actions) when the file names none."""
    values: dict[str, Any] = {}
    file = settings.root / BACKEND_FILE
    if file.is_file():
        values = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    unknown = set(values) - set(BACKEND_KEYS)
    if unknown:
        raise ValueError(f"{BACKEND_FILE}: unknown settings {', '.join(sorted(unknown))}; "
                         f"use {', '.join(BACKEND_KEYS)}")
    result: dict[str, Any] = {"name": "github"}
    repo = str(values.get("repo") or os.environ.get("GITHUB_REPOSITORY") or "").strip()
    if repo:
        result["repo"] = repo
    result["branch"] = str(values.get("branch") or "main")
    for key in ("base_url", "auth_endpoint", "site_domain"):
        if values.get(key):
            result[key] = str(values[key])
    return result


def config(settings: Settings, *, local_backend_url: str = LOCAL_BACKEND_URL) -> dict[str, Any]:
    """Decap CMS's configuration, as data."""
    languages = list(settings.languages)
    return {
        "backend": backend(settings),
        # Used only where the editor is opened on 127.0.0.1 or localhost and
        # decap-server answers there (make edit); elsewhere, GitHub.
        "local_backend": {"url": local_backend_url},
        "locale": settings.default_language if settings.default_language in ("uk", "en") else "en",
        "site_url": settings.site_url,
        "display_url": settings.site_url,
        "publish_mode": "simple",
        # The media library's own folder (uploads outside a story); a story's
        # picture goes into the story's folder (the collection's media_folder).
        "media_folder": f"{_docs(settings)}/{settings.default_language}/assets/images",
        "public_folder": "/assets/images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "i18n": {"structure": "multiple_files", "locales": languages, "default_locale": languages[0]},
        "collections": [{
            "name": "news",
            "label": "Новини",
            "label_singular": "Новину",
            "description": "Кожна новина — тека news/РРРР/РРРР-ММ-ДД-назва/ з index.uk.md та index.en.md. "
                           "Новини, записані як uk.md / en.md, тут не показано (README, «The web editor»).",
            "folder": settings.dir,
            "path": "{{year}}/{{year}}-{{month}}-{{day}}-{{slug}}/index",
            # admin/newsroom.js sets `slug` (the official transliteration of the
            # title) and `date` before saving a new story; neither is written.
            "slug": "{{fields.slug}}",
            "identifier_field": "title",
            "summary": "{{title}} — {{dirname}}",
            "format": FORMAT,
            "extension": "md",
            "create": True,
            "delete": False,  # a published story's address must keep working
            "media_folder": "",
            "public_folder": "",
            "sortable_fields": ["title"],
            "view_filters": [{"label": "Чернетки", "field": "draft", "pattern": True}],
            "view_groups": [{"label": "Рубрика", "field": "category"}],
            "i18n": True,
            "editor": {"preview": True},
            "fields": fields(settings),
        }],
    }


def _docs(settings: Settings) -> str:
    """The docs folder as the repository names it (MkDocs gives the build an
    absolute path, which must not reach the published site)."""
    docs = Path(settings.docs_dir)
    if docs.is_absolute():
        try:
            return docs.resolve().relative_to(Path(settings.root).resolve()).as_posix()
        except ValueError:
            return docs.name
    return docs.as_posix()


def config_yaml(settings: Settings, **options: Any) -> str:
    """``config.yml``: the configuration as YAML text."""
    header = ("# The web editor's configuration (Decap CMS), generated by newsroom/editors/cms.py\n"
              "# from news/*.yml and admin/cms.yml when the site is built: edit those, not this.\n")
    return header + yaml.safe_dump(config(settings, **options), allow_unicode=True, sort_keys=False, width=1000)


def settings_json(settings: Settings) -> dict[str, Any]:
    """What admin/newsroom.js needs to know of the site (written into the page)."""
    return {"default_locale": settings.default_language, "locales": list(settings.languages),
            "timezone": settings.timezone}
