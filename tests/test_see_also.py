"""A story's "See also" block (model/plan.py's see_also): its category's
earlier stories, filled up with earlier stories of any category; never a
later one, so a new story changes no other story's block."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from newsroom.model.plan import see_also


def entries(categories: list[str]) -> list:
    """Entries newest first, story ids s0 (newest), s1, ..."""
    return [SimpleNamespace(story=SimpleNamespace(id=f"s{i}", category=c)) for i, c in enumerate(categories)]


def ids(found) -> list[str]:
    return [e.story.id for e in found]


def test_its_category_first_then_any_earlier_story():
    listed = entries(["a", "b", "a", "b", "b", "a", "c"])
    related = see_also(listed, 2)
    assert ids(related["s0"]) == ["s2", "s5"]           # two earlier of its category
    assert ids(related["s1"]) == ["s3", "s4"]
    assert ids(related["s5"]) == ["s6"]                  # the oldest "a": one earlier story of any kind
    assert ids(related["s6"]) == []                      # the oldest story
    assert ids(related["s3"]) == ["s4", "s5"]            # one "b", then the newest earlier other


@pytest.mark.parametrize("seed", range(20))
def test_rules_hold_and_a_new_story_changes_no_other(seed):
    rng = random.Random(seed)
    count = rng.randint(0, 5)
    categories = [rng.choice("abcd") for _ in range(rng.randint(1, 40))]
    listed = entries(categories)
    related = see_also(listed, count)
    position = {e.story.id: i for i, e in enumerate(listed)}
    for entry in listed:
        chosen = related[entry.story.id]
        at = position[entry.story.id]
        older = listed[at + 1:]
        assert len(chosen) == min(count, len(older))
        assert all(position[e.story.id] > at for e in chosen)                  # earlier stories only
        assert [position[e.story.id] for e in chosen] == sorted(position[e.story.id] for e in chosen)
        same = [e for e in older if e.story.category == entry.story.category][:count]
        assert set(ids(same)) <= set(ids(chosen))                              # its category first
    newer = entries([rng.choice("abcd")] + categories)
    for entry in newer[1:]:
        entry.story.id = f"s{int(entry.story.id[1:]) - 1}"                     # the same stories, one newer before
    again = see_also(newer, count)
    for entry in listed:
        assert ids(again[entry.story.id]) == ids(related[entry.story.id])
