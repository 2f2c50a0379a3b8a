"""The term files of news/: categories, regions, authors (ids with a name
in each language) and tags' labels; one line each in ``TERM_FILES``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from newsroom.content import frontmatter
from newsroom.content.problems import Problem, rel
from newsroom.content.strictyaml import load_mapping
from newsroom.model.slugs import SLUG_RE, slugify
from newsroom.model.stories import Story, Term


# A term's other names, which the search finds it by (outputs/wordforms.py).
ALSO = "also"


@dataclass(frozen=True)
class TermFile:
    kind: str          # the attribute of ``Terms`` and ``Catalog`` it fills
    file: str          # in news/
    required: bool     # the file must exist
    strict: bool       # ids are slugs, and every language has a label
    example: str       # for the hint: one entry


TERM_FILES = (
    TermFile("categories", "categories.yml", True, True, "forum: {uk: Форуми, en: Forums}"),
    TermFile("regions", "regions.yml", True, True, "poltava: {uk: Полтавська область, en: Poltava Oblast}"),
    TermFile("authors", "authors.yml", False, True, "ivan-petrenko: {uk: Іван Петренко, en: Ivan Petrenko}"),
    TermFile("tags", "tags.yml", False, False, "Полтава: {en: Poltava}"),
)


@dataclass(frozen=True)
class Terms:
    """The terms of the term files, by kind (tags: the labels tags.yml gives)."""

    categories: dict[str, Term] = field(default_factory=dict)
    regions: dict[str, Term] = field(default_factory=dict)
    authors: dict[str, Term] = field(default_factory=dict)
    tags: dict[str, Term] = field(default_factory=dict)

    def key(self) -> tuple:
        """What a story's validity depends on (for the loader's cache)."""
        return tuple((kind, tuple((k, tuple(sorted(t.labels.items())), t.also) for k, t in getattr(self, kind).items()))
                     for kind in ("categories", "regions", "authors"))


def load_terms(news_dir: Path, root: Path, languages: tuple[str, ...], problems: list[Problem],
               fast: bool = True) -> Terms:
    return Terms(**{spec.kind: _load_terms(news_dir / spec.file, root, languages, spec, problems, fast)
                    for spec in TERM_FILES})


def _load_terms(file: Path, root: Path, languages: tuple[str, ...], spec: TermFile,
                problems: list[Problem], fast: bool = True) -> dict[str, Term]:
    required = spec.strict
    shown = rel(file, root)
    if not file.exists():
        if spec.required:
            problems.append(Problem(shown, None, "file", "is missing",
                                    f"create it with one entry per id and a label in {', '.join(languages)}"))
        return {}
    text, decode_problems = frontmatter.decode(file.read_bytes(), shown)
    if text is None:
        problems.extend(decode_problems)
        return {}
    data, lines, found = load_mapping(text, path=shown, fast=fast)
    problems.extend(found)
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(Problem(shown, 1, "file", f"expected one entry per id, such as '{spec.example}'"))
        return {}
    terms: dict[str, Term] = {}
    for key, value in data.items():
        line = lines.get((str(key),))
        term_id = str(key)
        if required and not SLUG_RE.match(term_id):
            problems.append(Problem(shown, line, term_id, "is not a valid id",
                                    "use lowercase Latin letters, digits and single hyphens"))
            continue
        if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) and value[lang].strip()
                                                   for lang in (languages if required else ())):
            problems.append(Problem(shown, line, term_id,
                                    f"needs a label in each language ({', '.join(languages)})",
                                    "write, for example, uk: Форуми and en: Forums on indented lines"))
            continue
        also = value.get(ALSO, []) if isinstance(value, dict) else []
        if isinstance(also, str):
            also = [also]
        if not isinstance(also, list) or not all(isinstance(name, str) and name.strip() for name in also):
            problems.append(Problem(shown, lines.get((str(key), ALSO), line), f"{term_id}.{ALSO}",
                                    "must be a name or a list of names",
                                    "write, for example, also: [Полтавщина]"))
            also = []
        terms[term_id] = Term(term_id, {lang: str(label).strip() for lang, label in value.items()
                                        if lang != ALSO and isinstance(label, str) and label.strip()},
                              tuple(name.strip() for name in also))
    return terms


def tag_terms(stories: list[Story], labels: dict[str, Term], languages: tuple[str, ...]) -> dict[str, Term]:
    """Tags by slug; a tag's label is its text, or its English label from tags.yml,
    or, for other languages, the official transliteration (never Cyrillic under lang=en)."""
    terms: dict[str, Term] = {}
    for story in reversed(stories):  # oldest first: the first spelling wins
        for tag in story.tags:
            slug = slugify(tag) or "tag"
            if slug in terms:
                continue
            given = labels.get(tag)
            names = {}
            for lang in languages:
                if given and given.labels.get(lang):
                    names[lang] = given.labels[lang]
                elif lang == "uk" or not re.search(r"[\u0400-\u04FF]", tag):
                    names[lang] = tag
                else:
                    latin = " ".join(slug.split("-"))
                    names[lang] = latin[:1].upper() + latin[1:] if tag[:1].isupper() else latin
            terms[slug] = Term(slug, names)
    return terms
