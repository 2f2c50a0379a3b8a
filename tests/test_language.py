"""Issue 26: the site's language and provenance, read from the content files.

- The Ukrainian pages and stories carry none of the calques the issue lists.
- Every region in news/regions.yml has a Ukrainian and an English name.
- The MinFin story's title keeps the feed's words and marks the cut with "…".
- Every seed story says where it comes from (a non-empty ``source``).

These tests read only the files under docs/ and news/ (front matter with
PyYAML), so they run without building the site.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
NEWS = REPO / "news"

# -- calques in Ukrainian text ------------------------------------------------

# (what the editor should write instead, pattern). Matched case-insensitively;
# \b is a Unicode word boundary, so «в рамках» is not found inside a longer word.
CALQUES = [
    ("у межах (не «в рамках»)", r"\b[ву]\s+рамках\b"),
    ("що дало змогу (не «що дозволило»)", r"\bщо\s+дозволил[оаи]?\b"),
    ("найкращі практики (не «кращі практики»)", r"\bкращ(?:і|их|ими|им)\s+практик"),
    ("організувавши … (не «шляхом організації»)", r"\bшляхом\s+організаці"),
    ("з лютого до червня (не «з лютого по червень»)",
     r"\bз\s+\w+\s+по\s+(?:січень|лютий|березень|квітень|травень|червень|липень|серпень"
     r"|вересень|жовтень|листопад|грудень)\b"),
    ("задоволення потреб (не «вирішення потреб»)", r"\bвирішенн\w*\s+(?:\w+\s+)?потреб"),
    ("розв’язати проблеми (не «вирішити проблеми»)", r"\bвиріш\w*\s+(?:\w+\s+)?проблем"),
    ("відібрані для (не «відібрані на отримання»)", r"\bвідібран\w*\s+на\s+отриманн"),
    ("здобутих уроків (не «вивчених уроків»)", r"\bвивчен\w*\s+урок"),
    ("країн — членів ЄС (не «країн-членів»)", r"\bкраїн\w*-член"),
    ("слово можна знайти (не «слово знаходиться»)", r"\bзнаходиться\s+за\s+(?:його\s+)?початком"),
]
VOWELS = set("аеєиіїоуюяАЕЄИІЇОУЮЯ")
# «в» before «який» in any form. The word starts with the consonant sound [й],
# so «в» is right only straight after a vowel; after a consonant, a pause
# (comma, dash, quote…) or at the start of a sentence it is «у».
V_BEFORE_YAKYI = re.compile(r"(?<!\w)в\s+як(?:ий|а|е|і|ого|ої|их|ому|ій|им|ими|у|ою)\b", re.IGNORECASE)


def calques(text: str) -> list[str]:
    """Each calque found in ``text``, as 'advice: «the words found»'."""
    found = []
    for advice, pattern in CALQUES:
        for match in re.finditer(pattern, text, re.IGNORECASE):
            found.append(f"{advice}: «{match[0]}»")
    for match in V_BEFORE_YAKYI.finditer(text):
        before = text[: match.start()]
        gap = before[len(before.rstrip()):]
        # Only white space (no punctuation, no paragraph break) between a
        # vowel and «в»: correct.
        if gap and "\n\n" not in gap and before.rstrip()[-1:] in VOWELS:
            continue
        found.append(f"у якій (не «в якій» після приголосного чи паузи): «{match[0]}»")
    return found


def ukrainian_files() -> list[Path]:
    return sorted((REPO / "docs" / "uk").rglob("*.md")) + sorted(NEWS.rglob("uk.md"))


@pytest.mark.parametrize("text", [
    "В рамках проєкту учасники пройшли стажування.",
    "Це відбулося в рамках програми.",
    "що дозволило українським чиновникам вивчити кращі практики",
    "шляхом організації 7-тижневої програми стажування",
    "реалізовані в період з лютого по червень 2024 року",
    "спрямованих на вирішення основних потреб громад",
    "Ці ініціативи не лише вирішили нагальні проблеми",
    "проєкти були відібрані на отримання фінансової підтримки",
    "поширенню вивчених уроків",
    "громадами країн-членів ЄС",
    "відбулася підсумкова зустріч, в якій взяли участь",
    "проєкт в якому взяли участь",
    "В якій громаді це було?",
    "Пошук: слово знаходиться за його початком.",
])
def test_the_lint_finds_each_calque(text):
    assert calques(text), text


@pytest.mark.parametrize("text", [
    "У межах проєкту учасники пройшли стажування.",
    "що дало змогу українським чиновникам вивчити найкращі практики",
    "організувавши 7-тижневу програму стажування",
    "реалізовані в період з лютого до червня 2024 року",
    "спрямованих на задоволення основних потреб громад",
    "Ці ініціативи не лише розв’язали нагальні проблеми",
    "відібрані для фінансової підтримки",
    "поширенню здобутих уроків",
    "громадами країн — членів ЄС",
    "відбулася підсумкова зустріч, у якій взяли участь",
    "справа в якій громаді",          # after a vowel, with no pause: «в» is right
    "Пошук: слово можна знайти за його початком.",
    "Програма «U-LEAD з Європою»; кластери; вирішальний крок",
])
def test_the_lint_passes_correct_ukrainian(text):
    assert calques(text) == []


def test_ukrainian_pages_and_stories_have_no_calques():
    files = ukrainian_files()
    assert len(files) >= 5, files
    problems = [f"{path.relative_to(REPO)}: {found}"
                for path in files for found in calques(path.read_text(encoding="utf-8"))]
    assert problems == [], "\n".join(problems)


# -- front matter ------------------------------------------------------------------

def front_matter(path: Path) -> dict:
    """The YAML between the file's first two '---' lines, read with PyYAML."""
    lines = path.read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    assert lines[0].strip() == "---", f"{path}: no front matter"
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    data = yaml.safe_load("\n".join(lines[1:end]))
    return data or {}


# -- regions ---------------------------------------------------------------------

def test_every_region_has_a_ukrainian_and_an_english_name():
    regions = yaml.safe_load((NEWS / "regions.yml").read_text(encoding="utf-8"))
    assert isinstance(regions, dict) and len(regions) >= 27
    for region_id, names in regions.items():
        assert isinstance(names, dict), region_id
        for lang in ("uk", "en"):
            assert isinstance(names.get(lang), str) and names[lang].strip(), f"{region_id}: no {lang} name"
    # The Autonomous Republic of Crimea and Sevastopol are regions of Ukraine.
    assert regions["krym"] == {"uk": "Автономна Республіка Крим", "en": "Autonomous Republic of Crimea",
                               "also": ["Крим"]}
    assert regions["sevastopol"]["uk"].endswith("Севастополь")
    assert regions["sevastopol"]["en"].startswith("Sevastopol")


# -- the MinFin story: the feed's words, cut where the feed cuts them -----------------

MINFIN = NEWS / "2025" / "2025-12-04-minfin-u-lystopadi-zabezpechyv-pererakhuvannia"
# The feed's title, as the content source gives it (cut off there with "...").
MINFIN_FEED_TITLE = "Мінфін у листопаді забезпечив перерахування з"


def test_minfin_title_keeps_the_feeds_words_and_marks_the_cut():
    uk = front_matter(MINFIN / "uk.md")["title"]
    assert uk.startswith(MINFIN_FEED_TITLE) and uk.endswith("…"), uk
    assert uk[:-1].rstrip() == MINFIN_FEED_TITLE, f"the title adds words the feed does not give: {uk!r}"
    en = front_matter(MINFIN / "en.md")["title"]
    assert en.endswith("…"), en


# -- provenance: every seed story names its source ----------------------------------

SEED_STORIES = [
    "2024/2024-07-30-pidsumkova-zustrich-prohramy-stazhuvannia",
    "2025/2025-12-03-vakansiia-mistsevi-eksperty-z-planuvannia-upravlinnia",
    "2025/2025-12-04-15-hrudnia-kruhlyi-stil-hromada-yak-yurydychna-osoba",
    "2025/2025-12-04-bahatorivneve-vriaduvannia-na-praktytsi-pidsumky",
    "2025/2025-12-04-minfin-u-lystopadi-zabezpechyv-pererakhuvannia",
]


@pytest.mark.parametrize("folder", SEED_STORIES)
def test_every_seed_story_file_names_its_source(folder):
    files = sorted((NEWS / folder).glob("*.md"))
    assert [f.name for f in files] == ["en.md", "uk.md"], folder
    for path in files:
        source = front_matter(path).get("source")
        assert isinstance(source, str) and source.strip(), f"{path.relative_to(REPO)}: no source"
