"""A synthetic news corpus in the editors' format (issue 3), for the benchmark.

    python bench/corpus.py --n 1000 --out bench/work/1000 [--seed 8]

writes ``<out>/news/<YYYY>/<YYYY-MM-DD>-<slug>/{uk,en}.md`` with N stories per
language (some stories in one language only, so each language still holds N
story files), plus ``categories.yml`` and ``regions.yml`` copied from the
repository's ``news/`` (no ``tags.yml``: English tag labels come from the
transliteration), and ``<out>/corpus.json``, a manifest the benchmark reads to
build the same stories as plain MkDocs pages and as blog posts.

Deterministic: the same N and seed give byte-identical files. Texts are built
sentence by sentence from parallel Ukrainian/English phrase lists of local
government vocabulary, so a story's translation says the same thing.
The self-check loads the corpus with ``newsroom.loader.load_uncached`` and
fails on any problem.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))  # run.py may put an engine snapshot first

# "Today" of every benchmark build: 2026-01-15 12:00 Kyiv time.
TODAY = date(2026, 1, 15)
TZ = ZoneInfo("Europe/Kyiv")
SOURCE_DATE_EPOCH = int(datetime.combine(TODAY, time(12, 0), TZ).timestamp())
SPAN_DAYS = 4 * 365

# --------------------------------------------------------------------------
# Parallel phrase lists: item i of the Ukrainian list means item i of the English.
# --------------------------------------------------------------------------

# Singular subjects with a present-tense verb (no gender agreement needed).
SUBJECTS = [
    ("Виконавчий комітет міської ради", "The executive committee of the city council"),
    ("Сільська рада", "The village council"),
    ("Селищна рада", "The settlement council"),
    ("Міська рада", "The city council"),
    ("Обласна військова адміністрація", "The oblast military administration"),
    ("Асоціація міст України", "The Association of Ukrainian Cities"),
    ("Міністерство розвитку громад та територій", "The Ministry for Communities and Territories Development"),
    ("Міністерство фінансів", "The Ministry of Finance"),
    ("Фонд міжнародної солідарності", "The Foundation for International Solidarity"),
    ("Програма U-LEAD з Європою", "The U-LEAD with Europe programme"),
    ("Центр розвитку місцевого самоврядування", "The Local Self-Government Development Centre"),
    ("Управління освіти громади", "The community's education department"),
    ("Відділ економічного розвитку", "The economic development department"),
    ("Депутатська комісія з питань бюджету", "The council's budget committee"),
    ("Центр надання адміністративних послуг", "The administrative service centre"),
    ("Агенція регіонального розвитку", "The regional development agency"),
    ("Рахункова палата", "The Accounting Chamber"),
    ("Державна казначейська служба", "The State Treasury Service"),
    ("Конгрес місцевих та регіональних влад", "The Congress of Local and Regional Authorities"),
    ("Громада-партнер з Польщі", "The partner municipality from Poland"),
]
VERBS = [
    ("розглядає", "considers"), ("затверджує", "approves"), ("обговорює", "discusses"),
    ("представляє", "presents"), ("готує", "prepares"), ("підтримує", "supports"),
    ("фінансує", "finances"), ("оновлює", "updates"), ("впроваджує", "implements"),
    ("аналізує", "analyses"), ("погоджує", "agrees on"), ("оголошує", "announces"),
    ("переглядає", "reviews"), ("доопрацьовує", "refines"),
]
OBJECTS = [
    ("проєкт бюджету громади на наступний рік", "the draft community budget for next year"),
    ("стратегію розвитку громади", "the community development strategy"),
    ("програму соціально-економічного розвитку", "the socio-economic development programme"),
    ("план відновлення громади", "the community recovery plan"),
    ("звіт про виконання місцевого бюджету", "the report on the execution of the local budget"),
    ("комплексний план просторового розвитку території", "the comprehensive spatial development plan"),
    ("порядок надання адміністративних послуг", "the procedure for providing administrative services"),
    ("конкурс мікропроєктів", "the micro-project competition"),
    ("програму енергоефективності громадських будівель", "the energy efficiency programme for public buildings"),
    ("положення про бюджет участі", "the rules of the participatory budget"),
    ("план заходів з цифрової трансформації", "the digital transformation action plan"),
    ("проєкт реконструкції амбулаторії", "the project to reconstruct the outpatient clinic"),
    ("схему санітарної очистки території", "the waste collection scheme"),
    ("положення про старостинські округи", "the regulations on starosta districts"),
    ("мережу закладів загальної середньої освіти", "the network of secondary schools"),
    ("нову модель управління відходами", "a new waste management model"),
    ("програму підтримки внутрішньо переміщених осіб", "the support programme for internally displaced persons"),
    ("перелік інвестиційних проєктів", "the list of investment projects"),
    ("договір про співробітництво територіальних громад", "the inter-municipal cooperation agreement"),
    ("дорожню карту реформи місцевого самоврядування", "the roadmap of the local self-government reform"),
    ("план облаштування укриттів у школах", "the plan for equipping shelters in schools"),
    ("програму розвитку громадського транспорту", "the public transport development programme"),
]
ADVERBIALS = [
    ("на черговому засіданні", "at its regular meeting"),
    ("спільно з польськими партнерами", "together with Polish partners"),
    ("за участі представників громадськості", "with representatives of the public"),
    ("у межах програми стажувань", "within the internship programme"),
    ("після громадських обговорень", "after public consultations"),
    ("до кінця поточного року", "by the end of the current year"),
    ("відповідно до Бюджетного кодексу", "in line with the Budget Code"),
    ("за підтримки міжнародних донорів", "with the support of international donors"),
    ("з урахуванням потреб мешканців", "taking residents' needs into account"),
    ("у співпраці з асоціаціями органів місцевого самоврядування", "in cooperation with associations of local authorities"),
    ("на засадах прозорості та підзвітності", "on the principles of transparency and accountability"),
    ("в умовах воєнного стану", "under martial law"),
    ("на наступні три роки", "for the next three years"),
    ("з огляду на результати моніторингу", "in view of the monitoring results"),
]
# Plural subjects with a past-tense verb (plural past has no gender).
PLURAL_SUBJECTS = [
    ("Учасники зустрічі", "The participants of the meeting"),
    ("Представники громад", "Community representatives"),
    ("Депутати місцевих рад", "Local council members"),
    ("Експерти програми", "The programme's experts"),
    ("Посадовці органів місцевого самоврядування", "Local government officials"),
    ("Старости сіл", "Village starostas"),
    ("Голови громад", "Community heads"),
    ("Стажисти програми", "The programme's interns"),
    ("Фахівці з публічних фінансів", "Public finance specialists"),
    ("Мешканці громади", "The community's residents"),
]
PAST_VERBS = [
    ("обговорили", "discussed"), ("представили", "presented"), ("погодили", "agreed on"),
    ("презентували", "showcased"), ("проаналізували", "analysed"), ("підтримали", "backed"),
    ("схвалили", "endorsed"), ("розробили", "drafted"),
]
# Clauses after "Як зазначили учасники, ..." / "As participants noted, ...".
CLAUSES = [
    ("місцеві бюджети потребують стабільних джерел доходів", "local budgets need stable sources of revenue"),
    ("спроможність громади залежить від якості управління", "a community's capacity depends on the quality of its management"),
    ("досвід польських гмін корисний для українських громад", "the experience of Polish gminas is useful for Ukrainian communities"),
    ("відкриті дані допомагають мешканцям контролювати витрати", "open data helps residents monitor spending"),
    ("співробітництво громад знижує вартість послуг", "inter-municipal cooperation lowers the cost of services"),
    ("відновлення має починатися з критичної інфраструктури", "recovery must start with critical infrastructure"),
    ("молодь варто залучати до ухвалення рішень", "young people should be involved in decision-making"),
    ("цифрові послуги економлять час мешканців", "digital services save residents' time"),
    ("децентралізація залишається однією з найуспішніших реформ", "decentralisation remains one of the most successful reforms"),
    ("кадрове забезпечення громад потребує системного навчання", "staffing in communities needs systematic training"),
]
TRANSFERS = [
    ("базової дотації", "of basic subsidy"),
    ("освітньої субвенції", "of the education subvention"),
    ("субвенції на соціально-економічний розвиток", "of the subvention for socio-economic development"),
    ("додаткової дотації", "of additional subsidy"),
    ("субвенції на підтримку осіб з особливими освітніми потребами", "of the subvention for pupils with special educational needs"),
]
MONTHS_LOC = [
    ("січні", "January"), ("лютому", "February"), ("березні", "March"), ("квітні", "April"),
    ("травні", "May"), ("червні", "June"), ("липні", "July"), ("серпні", "August"),
    ("вересні", "September"), ("жовтні", "October"), ("листопаді", "November"), ("грудні", "December"),
]
CITIES = [  # (locative with preposition, English), place name for event.place
    ("У Полтаві", "In Poltava", "Полтава"), ("У Львові", "In Lviv", "Львів"),
    ("У Вінниці", "In Vinnytsia", "Вінниця"), ("У Житомирі", "In Zhytomyr", "Житомир"),
    ("У Черкасах", "In Cherkasy", "Черкаси"), ("У Чернігові", "In Chernihiv", "Чернігів"),
    ("У Луцьку", "In Lutsk", "Луцьк"), ("В Ужгороді", "In Uzhhorod", "Ужгород"),
    ("В Одесі", "In Odesa", "Одеса"), ("У Харкові", "In Kharkiv", "Харків"),
    ("У Києві", "In Kyiv", "Київ"), ("У Сумах", "In Sumy", "Суми"),
    ("У Рівному", "In Rivne", "Рівне"), ("У Тернополі", "In Ternopil", "Тернопіль"),
    ("У Хмельницькому", "In Khmelnytskyi", "Хмельницький"), ("У Чернівцях", "In Chernivtsi", "Чернівці"),
    ("В Івано-Франківську", "In Ivano-Frankivsk", "Івано-Франківськ"), ("У Дніпрі", "In Dnipro", "Дніпро"),
    ("У Запоріжжі", "In Zaporizhzhia", "Запоріжжя"), ("У Миколаєві", "In Mykolaiv", "Миколаїв"),
    ("У Кропивницькому", "In Kropyvnytskyi", "Кропивницький"),
]
VENUES = ["міська рада, зала засідань", "Будинок культури", "ЦНАП, конференц-зала",
          "готель «Україна», конференц-зала", "обласна бібліотека", "онлайн"]
POSITIONS = [
    ("експерт з питань місцевих фінансів", "local finance expert"),
    ("консультант з просторового планування", "spatial planning consultant"),
    ("фахівець із публічних закупівель", "public procurement specialist"),
    ("юрист центру надання адміністративних послуг", "lawyer at the administrative service centre"),
    ("координатор проєктів у громадах", "community project coordinator"),
    ("експерт з енергоефективності", "energy efficiency expert"),
    ("аналітик з питань децентралізації", "decentralisation analyst"),
    ("менеджер з комунікацій", "communications manager"),
]
SOURCES = [
    ("Міністерство фінансів України", "Ministry of Finance of Ukraine"),
    ("Міністерство розвитку громад та територій України", "Ministry for Communities and Territories Development of Ukraine"),
    ("Асоціація міст України", "Association of Ukrainian Cities"),
    ("Центр політико-правових реформ", "Centre of Policy and Legal Reform"),
    ("Програма U-LEAD з Європою", "U-LEAD with Europe"),
    ("Фонд міжнародної солідарності", "Foundation for International Solidarity"),
    ("Пресслужба обласної військової адміністрації", "Press office of the oblast military administration"),
]
SUBHEADINGS = [("Що далі", "What comes next"), ("Основні рішення", "Main decisions"),
               ("Учасники", "Participants"), ("Фінансування", "Funding")]
TAGS = [
    "децентралізація", "місцевий бюджет", "фінанси громад", "бюджет участі", "освіта",
    "охорона здоров'я", "енергоефективність", "управління відходами", "просторове планування",
    "ЦНАП", "адміністративні послуги", "цифровізація", "відновлення", "ВПО", "стажування",
    "Польща", "U-LEAD з Європою", "Мінфін", "Мінрозвитку", "міжбюджетні трансферти",
    "субвенція", "дотація", "старости", "співробітництво громад", "агломерації", "молодь",
    "ветерани", "соціальний захист", "інклюзія", "доступність", "водопостачання", "дороги",
    "громадський транспорт", "туризм", "культура", "спорт", "сільське господарство",
    "малий бізнес", "інвестиції", "гранти", "донори", "ЄС", "євроінтеграція", "антикорупція",
    "прозорість", "е-демократія", "громадські слухання", "безпека", "цивільний захист",
    "укриття", "енергетика", "сонячні станції", "екологія", "земельні відносини",
    "комунальне майно", "публічні закупівлі", "аудит", "навчання", "форум", "круглий стіл",
    "Полтава", "Львів", "Харків",
]


@dataclass
class Meta:
    """What the benchmark needs to know of a generated story."""

    id: str
    day: str
    slug: str
    langs: list[str]
    titles: dict[str, str]
    category: str
    tags: list[str]
    published: bool
    files: dict[str, str] = field(default_factory=dict)   # lang -> path relative to <out>


def _sentence(rng: random.Random) -> tuple[str, str]:
    kind = rng.random()
    if kind < 0.45:
        s, v, o, a = (rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(ADVERBIALS))
        return (f"{s[0]} {v[0]} {o[0]} {a[0]}.", f"{s[1]} {v[1]} {o[1]} {a[1]}.")
    if kind < 0.75:
        s, v, o, a = (rng.choice(PLURAL_SUBJECTS), rng.choice(PAST_VERBS), rng.choice(OBJECTS),
                      rng.choice(ADVERBIALS))
        return (f"{s[0]} {v[0]} {o[0]} {a[0]}.", f"{s[1]} {v[1]} {o[1]} {a[1]}.")
    if kind < 0.9:
        c = rng.choice(CLAUSES)
        return (f"Як зазначили учасники, {c[0]}.", f"As participants noted, {c[1]}.")
    m, t = rng.choice(MONTHS_LOC), rng.choice(TRANSFERS)
    amount = f"{rng.randint(12, 9800)},{rng.randint(0, 9)}"
    amount_en = amount.replace(",", ".")
    return (f"У {m[0]} громади отримали {amount} млн гривень {t[0]}.",
            f"In {m[1]}, communities received UAH {amount_en} million {t[1]}.")


def _paragraph(rng: random.Random) -> tuple[str, str]:
    target = rng.randint(40, 80)
    uk, en, words = [], [], 0
    while words < target:
        a, b = _sentence(rng)
        if words and words + len(a.split()) > 80:
            break
        uk.append(a)
        en.append(b)
        words += len(a.split())
    return " ".join(uk), " ".join(en)


def _body(rng: random.Random) -> tuple[str, str]:
    uk, en = [], []
    for _ in range(rng.randint(3, 6)):
        a, b = _paragraph(rng)
        uk.append(a)
        en.append(b)
    if rng.random() < 0.15:  # a subheading and a short list
        h = rng.choice(SUBHEADINGS)
        items = rng.sample(OBJECTS, 3)
        uk.insert(len(uk) - 1, f"## {h[0]}\n\n" + "\n".join(f"- {i[0][:1].upper()}{i[0][1:]};" for i in items))
        en.insert(len(en) - 1, f"## {h[1]}\n\n" + "\n".join(f"- {i[1][:1].upper()}{i[1][1:]};" for i in items))
    if rng.random() < 0.2:  # a link and some emphasis in the last paragraph
        n = rng.randint(1, 999)
        uk[-1] += f" Докладніше — у [повідомленні джерела](https://example.org/news/{n}) та на **сторінці громади**."
        en[-1] += f" More in the [source's announcement](https://example.org/news/{n}) and on the **community's page**."
    return "\n\n".join(uk) + "\n", "\n\n".join(en) + "\n"


def _title(rng: random.Random, category: str) -> tuple[str, str]:
    city = rng.choice(CITIES)
    obj = rng.choice(OBJECTS)
    if category == "vacancy":
        p = rng.choice(POSITIONS)
        return (f"Вакансія: {p[0]} ({city[2]})", f"Vacancy: {p[1]} ({city[1][3:]})")
    if category == "forum":
        return (f"{city[0]} відбувся форум громад: {obj[0]}", f"{city[1]}, a community forum: {obj[1]}")
    if category == "roundtable":
        return (f"Круглий стіл: {obj[0]}", f"Roundtable: {obj[1]}")
    if category == "finance":
        m = rng.choice(MONTHS_LOC)
        t = rng.choice(TRANSFERS)
        return (f"Мінфін у {m[0]} спрямував громадам кошти {t[0]}",
                f"In {m[1]}, the Ministry of Finance transferred funds {t[1]} to communities")
    s, v = rng.choice(PLURAL_SUBJECTS), rng.choice(PAST_VERBS)
    if rng.random() < 0.5:
        return (f"{city[0]} {v[0]} {obj[0]}", f"{city[1]}, participants {v[1]} {obj[1]}")
    return (f"{s[0]} {v[0]} {obj[0]}", f"{s[1]} {v[1]} {obj[1]}")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _front(fields: list[tuple[str, str]]) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in fields) + "---\n\n"


# Stories with a lead picture: a 1600x1067 JPEG of their own (distinct bytes,
# so that the build's cache of resized copies gains nothing from repeats).
PICTURE_SHARE = 0.10
PICTURE_ALT = ("Учасники зустрічі в залі громади", "Participants of the meeting in the community hall")


def _picture(path: Path, rng: random.Random) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1600, 1067), tuple(rng.randint(40, 220) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randint(0, 1500), rng.randint(0, 967)
        draw.rectangle([x, y, x + rng.randint(60, 400), y + rng.randint(60, 300)],
                       fill=tuple(rng.randint(0, 255) for _ in range(3)))
    image.save(path, "JPEG", quality=85)


def generate(n: int, out: Path, seed: int = 8, repo: Path = REPO) -> list[Meta]:
    """Write the corpus into ``out`` (replacing ``out/news``); return the manifest."""
    rng = random.Random(f"newsroom-bench-{seed}-{n}")
    news = out / "news"
    if news.exists():
        shutil.rmtree(news)
    news.mkdir(parents=True)
    for name in ("categories.yml", "regions.yml"):
        shutil.copyfile(repo / "news" / name, news / name)
    import yaml  # the repository's dependency

    categories = list(yaml.safe_load((repo / "news" / "categories.yml").read_text("utf-8")))
    regions = list(yaml.safe_load((repo / "news" / "regions.yml").read_text("utf-8")))
    others = [c for c in categories if c != "vacancy"]

    one_lang = max(1, round(0.05 * n)) if n >= 20 else 0      # uk-only = en-only count
    both = n - one_lang
    langs_list = [("uk", "en")] * both + [("uk",)] * one_lang + [("en",)] * one_lang
    rng.shuffle(langs_list)
    total = len(langs_list)
    special = max(2, n // 300)                                  # drafts, and future stories
    kinds = ["draft"] * special + ["future"] * special + ["normal"] * (total - 2 * special)
    rng.shuffle(kinds)

    used: set[str] = set()
    manifest: list[Meta] = []
    for index, (langs, kind) in enumerate(zip(langs_list, kinds)):
        srng = random.Random(f"{seed}-{n}-{index}")
        if kind == "future":
            day = TODAY + timedelta(days=srng.randint(2, 60))
        else:
            day = TODAY - timedelta(days=srng.randint(0 if kind == "draft" else 1, SPAN_DAYS))
        roll = srng.random()
        category = "vacancy" if roll < 0.05 else others[int(srng.random() * len(others))]
        title_uk, title_en = _title(srng, category)
        body_uk, body_en = _body(srng)
        from newsroom.model.slugs import slugify  # the engine's transliteration

        base = slugify(title_uk if langs[0] == "uk" else title_en) or "novyna"
        slug, k = base, 2
        while f"{day.isoformat()}-{slug}" in used:
            slug, k = f"{base}-{k}", k + 1
        story_id = f"{day.isoformat()}-{slug}"
        used.add(story_id)

        neutral: list[tuple[str, str]] = [("category", category)]
        tags = srng.sample(TAGS, srng.randint(1, 3))
        neutral.append(("tags", "[" + ", ".join(_q(t) for t in tags) + "]"))
        if srng.random() < 0.85:
            neutral.append(("region", regions[int(srng.random() * len(regions))]))
        if srng.random() < 0.4:
            neutral.append(("time", _q(f"{srng.randint(8, 19):02d}:{srng.choice(['00', '15', '30', '45'])}")))
        if kind == "draft":
            neutral.append(("draft", "true"))
        event_lines = ""
        if category != "vacancy" and srng.random() < 0.10:
            start = day + timedelta(days=srng.randint(0, 30))
            with_time = srng.random() < 0.5
            start_text = f"{start.isoformat()} {srng.randint(9, 16):02d}:00" if with_time else start.isoformat()
            event_lines = f"\n  start: {_q(start_text) if with_time else start_text}"
            if srng.random() < 0.5:
                end = start + timedelta(days=srng.randint(0, 2))
                event_lines += f"\n  end: {end.isoformat()}"
            city = srng.choice(CITIES)
            event_lines += f"\n  place: {_q(city[2] + ', ' + srng.choice(VENUES))}"
            if srng.random() < 0.3:
                event_lines += f"\n  url: {_q(f'https://example.org/events/{index}')}"
            neutral.append(("event", event_lines))
        if category == "vacancy" and srng.random() < 0.9:
            neutral.append(("deadline", (day + timedelta(days=srng.randint(7, 45))).isoformat()))
        with_summary = srng.random() < 0.4
        summary_pair = _paragraph(srng) if with_summary else None
        source = srng.choice(SOURCES) if srng.random() < 0.5 else None
        # A lead picture on a share of the stories (issue 22), each its own.
        picture = srng.random() < PICTURE_SHARE
        if picture:
            neutral.append(("image", "photo.jpg"))

        folder = news / str(day.year) / story_id
        folder.mkdir(parents=True)
        titles = {"uk": title_uk, "en": title_en}
        bodies = {"uk": body_uk, "en": body_en}
        meta = Meta(story_id, day.isoformat(), slug, list(langs), {l: titles[l] for l in langs},
                    category, tags, kind == "normal")
        for position, lang in enumerate(langs):
            li = 0 if lang == "uk" else 1
            fields = [("title", _q(titles[lang]))]
            if summary_pair:
                fields.append(("summary", _q(" ".join(summary_pair[li].split(". ")[:1]).rstrip(".") + ".")))
            if source:
                fields.append(("source", _q(source[li])))
            if picture:
                fields.append(("image_alt", _q(PICTURE_ALT[li])))
            if position == 0:  # neutral fields only in the original
                fields += neutral
            (folder / f"{lang}.md").write_text(_front(fields) + bodies[lang], encoding="utf-8")
            meta.files[lang] = f"news/{day.year}/{story_id}/{lang}.md"
        if picture:
            _picture(folder / "photo.jpg", srng)
        manifest.append(meta)
    manifest.sort(key=lambda m: m.id)
    (out / "corpus.json").write_text(json.dumps(
        {"n": n, "seed": seed, "today": TODAY.isoformat(), "source_date_epoch": SOURCE_DATE_EPOCH,
         "stories": [asdict(m) for m in manifest]}, ensure_ascii=False, indent=0), encoding="utf-8")
    return manifest


def self_check(out: Path, manifest: list[Meta], n: int) -> dict:
    """Load with the engine's own loader: no problem allowed; N files per language."""
    from newsroom.content.loader import load_uncached
    from newsroom.settings import Settings

    loaded = load_uncached(Settings(root=out, languages=("uk", "en")))
    if loaded.problems:
        shown = "\n".join(str(p) for p in loaded.problems[:20])
        raise SystemExit(f"corpus has {len(loaded.problems)} problems:\n{shown}")
    stories = loaded.catalog.stories
    assert len(stories) == len(manifest), (len(stories), len(manifest))
    counts = {lang: sum(1 for s in stories if lang in s.versions) for lang in ("uk", "en")}
    assert counts == {"uk": n, "en": n}, counts
    stats = {
        "folders": len(stories),
        "files": counts,
        "both_languages": sum(1 for s in stories if len(s.versions) == 2),
        "uk_only": sum(1 for s in stories if list(s.versions) == ["uk"]),
        "en_only": sum(1 for s in stories if list(s.versions) == ["en"]),
        "published": sum(1 for s in stories if s.is_published(TODAY)),
        "drafts": sum(1 for s in stories if s.draft),
        "future": sum(1 for s in stories if s.day > TODAY),
        "events": sum(1 for s in stories if s.event is not None),
        "vacancies": sum(1 for s in stories if s.category == "vacancy"),
        "with_deadline": sum(1 for s in stories if s.deadline is not None),
        "with_region": sum(1 for s in stories if s.region),
        "categories": sorted({s.category for s in stories}),
        "tags": len({t for s in stories for t in s.tags}),
        "first_day": min(s.day for s in stories).isoformat(),
        "last_day": max(s.day for s in stories).isoformat(),
    }
    return stats


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="stories per language")
    parser.add_argument("--out", type=Path, required=True, help="folder to write news/ into")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--no-check", action="store_true", help="skip the self-check")
    args = parser.parse_args(argv)
    manifest = generate(args.n, args.out, args.seed)
    if not args.no_check:
        print(json.dumps(self_check(args.out, manifest, args.n), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
