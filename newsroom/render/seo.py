"""What search engines and shared links read: hreflang, Open Graph, Twitter
cards and JSON-LD (NewsArticle, Event, JobPosting)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from newsroom.model import urls
from newsroom.model.labels import LABELS, OG_LOCALES
from newsroom.model.pictures import share_name
from newsroom.model.stories import Catalog, Story, Version
from newsroom.settings import Settings
from newsroom.model.slugs import slugify



def iso_moment(value: date | datetime, settings: Settings) -> str:
    """A date stays a date; a Kyiv date-time gets its UTC offset."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=settings.tz).isoformat(timespec="minutes")
    return value.isoformat()


def published_at(story: Story, settings: Settings) -> datetime:
    return datetime.combine(story.day, story.time or time(0, 0), tzinfo=settings.tz)


# Shared links of pages without a picture of their own show the site's.
DEFAULT_IMAGE = "assets/images/share.png"


def story_image(story: Story) -> str | None:
    """The 1200x630 copy of a story's lead picture (site-relative), if any."""
    picture = story.picture(story.image)
    return urls.story(story.day, story.slug) + share_name(picture) if picture else None


def hreflang(alternates: dict[str, str], settings: Settings) -> list[tuple[str, str]]:
    """Absolute URL per existing language version, plus x-default."""
    links = [(lang, urls.absolute(settings.site_url, url)) for lang, url in alternates.items()]
    if links:
        default = alternates.get(settings.default_language)
        if default is None:
            default = next(iter(alternates.values()))
        links.append(("x-default", urls.absolute(settings.site_url, default)))
    return links


def feeds(lang: str, settings: Settings, extra_base: str | None = None) -> list[tuple[str, str, str]]:
    t = LABELS[lang]
    found = []
    bases = [(urls.NEWS, t["feed_title"])]
    if extra_base:
        bases.append(extra_base)
    for base, title in bases:
        for kind, name in (("rss", urls.RSS), ("atom", urls.ATOM)):
            found.append((kind, urls.url(lang, base + name, settings.default_language), f"{title} ({kind.upper() if kind == 'rss' else 'Atom'})"))
    return found


def story_jsonld(story: Story, lang: str, catalog: Catalog, settings: Settings, site_name: str,
                 canonical: str, now: datetime) -> list[dict[str, Any]]:
    """The story's structured data: a NewsArticle, and an Event and a
    JobPosting where it announces one."""
    version = story.version(lang)
    blocks = [_article(story, lang, catalog, settings, site_name, canonical)]
    if story.event is not None:
        blocks.append(_event(story, version, settings, canonical))
    if story.is_vacancy:
        blocks.append(_job(story, version, settings, canonical))
    return blocks


def _article(story: Story, lang: str, catalog: Catalog, settings: Settings, site_name: str,
             canonical: str) -> dict[str, Any]:
    version = story.version(lang)
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": version.title,
        "description": version.excerpt,
        "inLanguage": version.lang,
        "url": canonical,
        "mainEntityOfPage": canonical,
        "publisher": {"@type": "Organization", "name": site_name, "url": settings.site_url},
        "articleSection": catalog.categories[story.category].label(lang),
    }
    if not story.undated:  # never a publication date the source does not give
        article["datePublished"] = published_at(story, settings).isoformat(timespec="minutes")
    if story.tags:
        article["keywords"] = [catalog.tags[slugify(tag) or "tag"].label(lang) for tag in story.tags]
    image = story_image(story)
    if image:
        article["image"] = urls.absolute(settings.site_url, image)
    if version.source:  # where it was first published: never its author
        article["isBasedOn"] = {"@type": "CreativeWork", "name": version.source,
                                **({"url": story.source_url} if story.source_url else {})}
    if story.authors:
        article["author"] = [{"@type": "Person", "name": catalog.authors[author].label(lang),
                              "url": urls.absolute(settings.site_url, urls.url(lang, urls.term("author", author),
                                                                                settings.default_language))}
                             for author in story.authors]
    return article


def _event(story: Story, version: Version, settings: Settings, canonical: str) -> dict[str, Any]:
    event = story.event
    place = story.event_place(version.lang)[0]
    block: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": version.title,
        "description": version.excerpt,
        "startDate": iso_moment(event.start, settings),
        "eventStatus": "https://schema.org/EventScheduled",
        "url": event.url or canonical,
        "inLanguage": version.lang,
    }
    if event.end is not None:
        block["endDate"] = iso_moment(event.end, settings)
    if place:
        block["location"] = {"@type": "Place", "name": place, "address": place}
    return block


def _job(story: Story, version: Version, settings: Settings, canonical: str) -> dict[str, Any]:
    job: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": version.title,
        "description": version.excerpt,
        "datePosted": story.day.isoformat(),
        "url": canonical,
    }
    if story.deadline is not None:
        job["validThrough"] = datetime.combine(story.deadline, time(23, 59), tzinfo=settings.tz).isoformat(timespec="minutes")
    if version.source:
        job["hiringOrganization"] = {"@type": "Organization", "name": version.source}
    return job


def head_context(*, lang: str, settings: Settings, site_name: str, title: str, description: str,
                 url: str, alternates: dict[str, str], jsonld: list[dict] | None = None,
                 og_type: str = "website", image: str | None = None,
                 extra_feed: tuple[str, str] | None = None) -> dict[str, Any]:
    return {
        "feeds": feeds(lang, settings, extra_feed),
        "hreflang": hreflang(alternates, settings),
        "site_name": site_name,
        "title": title,
        "description": description,
        "og_type": og_type,
        "canonical": urls.absolute(settings.site_url, url),
        "og_locale": OG_LOCALES.get(lang, lang),
        "og_alternates": [OG_LOCALES.get(other, other) for other in alternates if other != lang],
        "image": urls.absolute(settings.site_url, image or DEFAULT_IMAGE),
        "image_size": (1200, 630),
        "jsonld": jsonld or [],
    }
