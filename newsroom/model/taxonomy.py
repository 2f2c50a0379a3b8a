"""One generic taxonomy mechanism (Nikola's taxonomies): categories, tags,
regions and the year and month archives are all instances of ``Taxonomy``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from newsroom.model.dates import month_heading
from newsroom.model.labels import label
from newsroom.model.stories import Catalog, Story
from newsroom.model.slugs import slugify


@dataclass(frozen=True)
class Taxonomy:
    kind: str
    terms_of: Callable[[Story], Iterable[str]]
    term_label: Callable[[str, str], str]
    heading: str                 # labels key of the listing's heading ("category", ...)
    by_month: bool = False       # archives show month headings
    feeds: bool = False          # category listings have their own feeds
    searched: bool = False       # a story is found by its terms' names (outputs/wordforms.py)
    term_also: Callable[[str], tuple[str, ...]] = lambda term: ()  # a term's other names (``also:``)

    def classify(self, stories: Iterable[Story]) -> dict[str, list[Story]]:
        """Term -> stories in the given order (newest first), each story once per term."""
        groups: dict[str, list[Story]] = {}
        for story in stories:
            for term in dict.fromkeys(self.terms_of(story)):
                groups.setdefault(term, []).append(story)
        return groups

    def title(self, term: str, lang: str) -> str:
        return f"{label(lang, self.heading)}: {self.term_label(term, lang)}"


def taxonomies(catalog: Catalog) -> list[Taxonomy]:
    def from_terms(terms):
        return lambda term, lang: terms[term].label(lang) if term in terms else term

    def also(terms):
        return lambda term: terms[term].also if term in terms else ()

    return [
        Taxonomy("category", lambda s: [s.category], from_terms(catalog.categories), "category", feeds=True,
                 searched=True, term_also=also(catalog.categories)),
        Taxonomy("tag", lambda s: [slugify(t) or "tag" for t in s.tags], from_terms(catalog.tags), "tag",
                 searched=True, term_also=also(catalog.tags)),
        Taxonomy("region", lambda s: [s.region] if s.region else [], from_terms(catalog.regions), "region",
                 searched=True, term_also=also(catalog.regions)),
        Taxonomy("author", lambda s: s.authors, from_terms(catalog.authors), "author",
                 searched=True, term_also=also(catalog.authors)),
        Taxonomy("year", lambda s: [f"{s.day:%Y}"], lambda term, lang: term, "archive", by_month=True),
        Taxonomy("month", lambda s: [f"{s.day:%Y-%m}"],
                 lambda term, lang: month_heading(date(int(term[:4]), int(term[5:7]), 1), lang),
                 "archive", by_month=True),
    ]
