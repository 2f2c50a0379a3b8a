"""The editors' messages in Ukrainian: one catalogue for every message and
hint the engine can produce (``check --lang uk``). (Over 350 lines: it is a
table, one entry per message, kept in one place on purpose.)

Problems are made all over the engine in English (``Problem(path, line,
field, message, hint)``). Rather than a translation at each of those places,
this catalogue holds, for each English text, its pattern and its Ukrainian:

    _("{value} is not a category", "рубрики {value} немає")

The English is written as it is printed, with the parts that vary in braces
(``{{`` and ``}}`` for a brace itself); ``{name:REGEX}`` says what a part may
hold (by default: anything). The Ukrainian uses the same names. A part keeps
its text (a field name, a file name, a value, a YAML example: what the editor
types), except a part whose name starts with

- ``t_``: a message of its own, translated by this catalogue;
- ``p_``: what is wrong with a picture ("is 300 px wide, less than 600 px");
- ``got``: what YAML read instead, after "got" (``schema._describe``),
  as a clause ("а не дата 2025-12-04", "а значення порожнє");
- ``read``: the same after "YAML read" ("дату 2025-12-04");
- ``j_``: a list of names joined with "or", "and" or "and/or".

``translate(text, lang)`` gives the Ukrainian of a message or a hint (the
text unchanged for "en", or when the catalogue does not know it);
``Problem.format(lang)`` prints a whole line with it. The sanitizer's hints
(``sanitize_rules._HINTS``) come with their own Ukrainian, used here as is.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

LANGUAGES = ("en", "uk")


@dataclass(frozen=True)
class Entry:
    """One English text (a pattern) and its Ukrainian."""

    english: str          # as written in the catalogue
    pattern: re.Pattern
    uk: str               # a str.format template over the pattern's groups
    literal: bool = False  # ``uk`` is the text itself, not a template


def _compile(english: str) -> re.Pattern:
    parts = []
    for literal, name, spec, _ in string.Formatter().parse(english):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(f"(?P<{name}>{spec or '.+?'})")
    return re.compile("".join(parts), re.DOTALL)


def _catalogue(*pairs: tuple[str, str]) -> list[Entry]:
    return [Entry(english, _compile(english), uk) for english, uk in pairs]


def _(english: str, uk: str) -> tuple[str, str]:
    return english, uk


# -- what YAML read (schema._describe) ----------------------------------------------

# After "got": a clause.
GOT = _catalogue(
    _("nothing", "а значення порожнє"),
    _("the yes/no value {value:true|false}", "а не логічне значення {value}"),
    _("the date {value:\\S+}", "а не дата {value}"),
    _("the number {value:\\S+}", "а не число {value}"),
    _("a list", "а не список"),
    _("a group of fields", "а не група полів"),
    _("{value:'.*'|\".*\"}", "а не {value}"),  # a text, as Python quotes it: kept
)

# After "YAML read": what it read.
READ = _catalogue(
    _("nothing", "порожнє значення"),
    _("the yes/no value {value:true|false}", "логічне значення {value}"),
    _("the date {value:\\S+}", "дату {value}"),
    _("the number {value:\\S+}", "число {value}"),
    _("a list", "список"),
    _("a group of fields", "групу полів"),
    _("{value:'.*'|\".*\"}", "{value}"),
)

# -- what is wrong with a picture (content/pictures.py: read_picture) -------------------

PICTURE = _catalogue(
    _("is not in the story's folder", "немає в теці новини"),
    _("is not a picture", "— не зображення"),
    _("is a {kind:\\S+} file", "— файл {kind}"),
    _("is {size:[\\d.]+} MB, more than {limit:\\d+} MB", "має розмір {size} МБ, більше за {limit} МБ"),
    _("is {width:\\d+} px wide, less than {limit:\\d+} px", "має ширину {width} px, менше за {limit} px"),
)

# -- every message and hint --------------------------------------------------------------

MESSAGES = _catalogue(
    # Reading the file (frontmatter.py)
    _("the file is not UTF-8 text: byte 0x{byte:[0-9a-f][0-9a-f]} on this line cannot be read "
      "(it looks like {encoding})",
      "файл не в кодуванні UTF-8: байт 0x{byte} у цьому рядку не вдається прочитати "
      "(схоже на {encoding})"),
    _("the file is not UTF-8 text: byte 0x{byte:[0-9a-f][0-9a-f]} on this line cannot be read",
      "файл не в кодуванні UTF-8: байт 0x{byte} у цьому рядку не вдається прочитати"),
    _("save the file with the UTF-8 encoding (in most editors: Save as, Encoding: UTF-8)",
      "збережіть файл у кодуванні UTF-8 (у більшості редакторів: «Зберегти як», кодування UTF-8)"),
    _("the file is empty", "файл порожній"),
    _("write the front matter (title, category) and the story, or delete the file",
      "напишіть службові поля (title, category) і текст новини або видаліть файл"),
    _("the file does not start with a front matter block", "файл не починається з блоку службових полів"),
    _("make the first line exactly '---', then the fields, then a line '---'",
      "першим рядком має бути саме '---', далі поля, потім рядок '---'"),
    _("the front matter block is not closed", "блок службових полів не закрито"),
    _("add a line '---' after the last field, before the story text",
      "додайте рядок '---' після останнього поля, перед текстом новини"),

    # YAML (strictyaml.py): "YAML syntax error: " and what it is
    _("YAML syntax error: {t_what}", "синтаксична помилка YAML: {t_what}"),
    _("this front matter cannot be read as fields ({error:\\w+})",
      "ці службові поля не вдається прочитати як поля ({error})"),
    _("simplify it: plain fields (name: value), lists and groups only",
      "спростіть запис: лише прості поля (назва: значення), списки й групи"),
    _("uses a YAML alias (*name), which stories do not support",
      "містить псевдонім YAML (*name), а новини їх не підтримують"),
    _("write the value out in full instead of & and *", "напишіть значення повністю замість & і *"),
    _("a field name is a list or a group, not a word", "назва поля — список чи група, а не слово"),
    _("write one field per line: name, colon, value", "пишіть по одному полю в рядку: назва, двокрапка, значення"),
    _("the key appears twice (also on line {line:\\d+})", "поле записано двічі (ще й у рядку {line})"),
    _("keep one of them", "залиште одне з них"),
    _("a quoted text starts on this line and is never closed",
      "у цьому рядку відкрито лапки, які ніде не закрито"),
    _("close it at the end of the value: {example}", "закрийте лапки в кінці значення: {example}"),
    _("the value ends with a quote mark that is never opened",
      "значення закінчується лапкою, яку ніде не відкрито"),
    _('put the whole value in quotes, {key}: "…", or remove the quote at the end',
      'візьміть усе значення в лапки, {key}: "…", або приберіть лапку в кінці'),
    _("a quote mark in the value is never closed", "лапку в значенні відкрито, але не закрито"),
    _("close it after the quoted words or remove it (quotes inside a value are best written «»: {example})",
      "закрийте її після слів у лапках або приберіть (лапки всередині значення краще писати «»: {example})"),
    _("a tab is used for indentation (a tab character at the start of the line)",
      "відступ зроблено табуляцією (символ табуляції на початку рядка)"),
    _("use spaces: delete the tab and indent with spaces, like the lines around it",
      "робіть відступ пробілами: видаліть табуляцію й поставте пробіли, як у сусідніх рядках"),
    _("a value starts with a character YAML reserves (such as @ ` % * & ! | >)",
      "значення починається зі службового символу YAML (як-от @ ` % * & ! | >)"),
    _("put the whole value in quotes", "візьміть усе значення в лапки"),
    _("put the whole value in quotes: {example}", "візьміть усе значення в лапки: {example}"),
    _("the [ opened on line {line:\\d+} ({field}) is never closed",
      "дужку [, відкриту в рядку {line} ({field}), ніде не закрито"),
    _("the [ opened on line {line:\\d+} is never closed", "дужку [, відкриту в рядку {line}, ніде не закрито"),
    _("the {{ opened on line {line:\\d+} ({field}) is never closed",
      "дужку {{, відкриту в рядку {line} ({field}), ніде не закрито"),
    _("the {{ opened on line {line:\\d+} is never closed", "дужку {{, відкриту в рядку {line}, ніде не закрито"),
    _("put the value in quotes if it is text ({example}), or close the list with ] on the same line",
      "якщо це текст, візьміть значення в лапки ({example}) або закрийте список дужкою ] у тому самому рядку"),
    _("put the value in quotes if it is text ({example}), or close the group with }} on the same line",
      "якщо це текст, візьміть значення в лапки ({example}) або закрийте групу дужкою }} у тому самому рядку"),
    _("a value that starts with [ is read as a list, and this one is not written as one",
      "значення, що починається з [, YAML читає як список, але цей список записано неправильно"),
    _("a value that starts with {{ is read as a group, and this one is not written as one",
      "значення, що починається з {{, YAML читає як групу, але цю групу записано неправильно"),
    _("put the value in quotes if it is text ({example}), or separate the list's items with commas "
      "and close it with ]",
      "якщо це текст, візьміть значення в лапки ({example}) або розділіть елементи списку комами "
      "й закрийте його дужкою ]"),
    _("put the value in quotes if it is text ({example}), or separate the group's items with commas "
      "and close it with }}",
      "якщо це текст, візьміть значення в лапки ({example}) або розділіть елементи групи комами "
      "й закрийте її дужкою }}"),
    _("a value that starts with [ is read as a list, and text goes on after it",
      "значення, що починається з [, YAML читає як список, а після нього ще є текст"),
    _("a value that starts with {{ is read as a group, and text goes on after it",
      "значення, що починається з {{, YAML читає як групу, а після неї ще є текст"),
    _("this line is not a field (name: value), nor part of the value above",
      "цей рядок не є ні полем (назва: значення), ні частиною значення вище"),
    _("join it to the line above if it continues that value (or put the whole value in quotes), "
      "or else write it as name: value",
      "якщо він продовжує значення вище, приєднайте його до того рядка (або візьміть усе значення "
      "в лапки); інакше запишіть його як назва: значення"),
    _("a value contains a colon followed by a space, or a line is indented more than the field before it",
      "у значенні є двокрапка з пробілом або рядок має більший відступ, ніж поле перед ним"),
    _('put text containing ": " in quotes, for example {example}, and start each field at the same indentation',
      'текст, що містить ": ", візьміть у лапки, наприклад {example}, і починайте кожне поле '
      "з однаковим відступом"),
    _("the value goes on after its closing quote (an apostrophe inside single quotes ends them)",
      "значення триває після закривальної лапки (апостроф усередині одинарних лапок закриває їх)"),
    _("write the apostrophe as ’, or put the whole value in double quotes: {example}",
      "пишіть апостроф як ’ або візьміть усе значення в подвійні лапки: {example}"),
    _("the value goes on after its closing quote", "значення триває після закривальної лапки"),
    _("put the whole value in quotes and use «» for the quotes inside it: {example}",
      "візьміть у лапки все значення, а лапки всередині пишіть «»: {example}"),
    _("a list item (- …) and fields (name: value) are mixed here",
      "тут змішано елемент списку (- …) і поля (назва: значення)"),
    _("start each field at the beginning of the line, and write a list under its field, "
      "one item per line starting with '- '",
      "починайте кожне поле з початку рядка, а список пишіть під його полем, по одному елементу "
      "в рядку, що починається з '- '"),
    _("this line is indented differently from the fields above it",
      "відступ цього рядка не такий, як у полів над ним"),
    _("start each field at the beginning of the line (and event's fields two spaces in)",
      "починайте кожне поле з початку рядка (а поля event — з відступом у два пробіли)"),
    _("a value starts with '!', which YAML reads as a type tag",
      "значення починається з '!', а YAML читає це як позначку типу"),
    _("a backslash in double quotes starts an unknown escape",
      "зворотна скісна риска в подвійних лапках починає невідому екрановану послідовність"),
    _("use single quotes, or write the backslash twice",
      "візьміть значення в одинарні лапки або напишіть зворотну скісну риску двічі"),
    _("a second '---' line inside the front matter", "другий рядок '---' усередині службових полів"),
    _("keep one '---' line before the fields and one after them",
      "залиште один рядок '---' перед полями й один після них"),
    _("this line cannot be read as a field (name: value)",
      "цей рядок не вдається прочитати як поле (назва: значення)"),
    _("check quotes, colons and indentation on this line or the one before "
      "(put text containing ': ' or starting with a quote in quotes)",
      "перевірте лапки, двокрапки й відступи в цьому чи попередньому рядку (текст, що містить ': ' "
      "або починається з лапки, беріть у лапки)"),
    _("an invisible character (U+{code:[0-9A-F]+}) that YAML does not allow",
      "невидимий символ (U+{code}), якого YAML не допускає"),
    _("delete it: retype the text around it (it usually comes with text copied from another program)",
      "видаліть його: передрукуйте текст навколо (такий символ зазвичай приходить разом із текстом, "
      "скопійованим з іншої програми)"),

    # Values (schema.py)
    _("is empty", "значення порожнє"),
    _("write the text or remove the field", "напишіть текст або приберіть поле"),
    _("expected text but YAML read {read}", "потрібен текст, а YAML прочитав {read}"),
    _("put the value in quotes", "візьміть значення в лапки"),
    _("expected true or false, got {got}", "потрібно true або false, {got}"),
    _("write true or false", "напишіть true або false"),
    _("expected a time of day HH:MM (Kyiv time) such as '09:30', got {got}",
      "потрібен час доби ГГ:ХХ (за київським часом), як-от '09:30', {got}"),
    _("write hours 00-23 and minutes 00-59, for example time: 09:30",
      "напишіть години 00–23 і хвилини 00–59, наприклад time: 09:30"),
    _("expected a date without a time, such as 2025-12-15", "потрібна дата без часу, як-от 2025-12-15"),
    _("remove the time", "приберіть час"),
    _("expected a real date YYYY-MM-DD such as 2025-12-15, got {got}",
      "потрібна правильна дата РРРР-ММ-ДД, як-от 2025-12-15, {got}"),
    _("check that the month has that day", "перевірте, чи є такий день у цьому місяці"),
    _("expected a real date YYYY-MM-DD or a date and time 'YYYY-MM-DD HH:MM' (Kyiv time), got {got}",
      "потрібна правильна дата РРРР-ММ-ДД або дата й час 'РРРР-ММ-ДД ГГ:ХХ' (за київським часом), {got}"),
    _("check that the month has that day, for example {example}",
      "перевірте, чи є такий день у цьому місяці, наприклад {example}"),
    _("expected a web address starting with http:// or https://, got {got}",
      "потрібна вебадреса, що починається з http:// або https://, {got}"),
    _("write the full address of a web page, such as {example}",
      "напишіть повну адресу вебсторінки, як-от {example}"),
    _("expected a list", "потрібен список"),
    _("write the tags in square brackets, such as {example}", "запишіть теги у квадратних дужках, як-от {example}"),
    _("tag {number:\\d+}: {t_what}", "тег {number}: {t_what}"),
    _("expected a list of ids", "потрібен список ідентифікаторів"),
    _("write them in square brackets, such as {example}", "запишіть їх у квадратних дужках, як-от {example}"),
    _("expected a list of the story's old addresses, such as {example}",
      "потрібен список старих адрес новини, як-от {example}"),
    _("item {number:\\d+}: {value} is not a story's address", "елемент {number}: {value} — не адреса новини"),
    _("write it as /news/YYYY/MM/DD/slug/, as it was published",
      "запишіть її як /news/РРРР/ММ/ДД/slug/, так, як її було опубліковано"),
    _("item {number:\\d+}: {value} has no real date", "елемент {number}: у {value} неіснуюча дата"),
    _("item {number:\\d+}: {t_what}", "елемент {number}: {t_what}"),
    _("see the editors' guide for what this field takes",
      "що можна писати в цьому полі, див. у посібнику для редакторів"),
    _("expected fields such as 'title: ...', got {got}", "потрібні поля на кшталт 'title: ...', {got}"),
    _("is required", "обов’язкове поле"),
    _("add it", "додайте його"),
    _('write the story\'s title, for example {example}', "напишіть заголовок новини, наприклад {example}"),
    _("write one of the category ids from news/categories.yml",
      "напишіть один з ідентифікаторів рубрик із news/categories.yml"),
    _("write the date the event starts, for example {example}",
      "напишіть дату початку події, наприклад {example}"),
    _("write the page's title, for example {example}", "напишіть заголовок сторінки, наприклад {example}"),
    _("is not a known field", "невідоме поле"),
    _("did you mean '{close}'? allowed fields: {fields}",
      "можливо, ви мали на увазі '{close}'? Дозволені поля: {fields}"),
    _("allowed fields: {fields}", "дозволені поля: {fields}"),
    _("expected a group of fields ({fields})", "потрібна група полів ({fields})"),
    _("indent start:, end:, place:, url: under it", "запишіть під ним start:, end:, place:, url: із відступом"),

    # Folders and files (story.py, loader.py)
    _("is a file where a story folder was expected", "тут файл, а має бути тека новини"),
    _("put each story in its own folder {example}", "кладіть кожну новину в окрему теку {example}"),
    _("the name is not {example}", "назва не має вигляду {example}"),
    _("name the folder like {example}", "назвіть теку на кшталт {example}"),
    _("{date} is not a real date", "дати {date} не існує"),
    _("write the publication date as YYYY-MM-DD", "напишіть дату публікації як РРРР-ММ-ДД"),
    _("the slug {slug} breaks the rules", "slug {slug} не відповідає правилам"),
    _("use lowercase Latin letters, digits and single hyphens, such as {example}",
      "пишіть малими латинськими літерами, цифрами й одинарними дефісами, як-от {example}"),
    _("use lowercase Latin letters, digits and single hyphens",
      "пишіть малими латинськими літерами, цифрами й одинарними дефісами"),
    _("the date's year {year:\\d+} differs from the year folder {folder}",
      "рік у даті ({year}) не збігається з текою року {folder}"),
    _("move the story to {folder}", "перенесіть новину в {folder}"),
    _("holds no story", "у теці немає новини"),
    _("add {j_files:[\\w.]+(?: (?:and/or|or|and) [\\w.]+)*}", "додайте {j_files}"),
    _("could not be read as a story", "не вдається прочитати як новину"),
    _("compare it with a working story's file", "порівняйте його з файлом новини, яка працює"),
    _("is not a language file", "це не мовний файл"),
    _("name the story's files {j_short} (or, as the web editor writes them, {j_long})",
      "назвіть файли новини {j_short} (або, як їх записує вебредактор, {j_long})"),
    _("the site writes its own {name} in the story's folder", "сайт записує в теку новини власний {name}"),
    _("rename the file", "перейменуйте файл"),
    _("mixes two spellings of the language files with {path}",
      "разом із {path} змішує два написання назв мовних файлів"),
    _("keep one spelling per story: {j_short}, or {j_long}",
      "залиште одне написання на новину: {j_short} або {j_long}"),
    _("differs from {path}", "відрізняється від {path}"),
    _("write {field} only in {file}, or give it the same value here",
      "пишіть {field} лише в {file} або дайте тут таке саме значення"),
    _("{path} announces no event", "{path} не оголошує події"),
    _("write the event in {file} first", "спершу опишіть подію в {file}"),
    _("still holds the paragraph that new wrote to be replaced",
      "досі містить абзац-заготовку, який записала команда new"),
    _("replace it with the story's text", "замініть його текстом новини"),
    _("is the same as in {path}", "такий самий, як у {path}"),
    _("translate the title, or delete this file until the story is translated",
      "перекладіть заголовок або видаліть цей файл, доки новину не перекладено"),
    _("is not a year folder", "це не тека року"),
    _("stories go in {example}", "новини лежать у {example}"),
    _("would be published at {url}, like {folder}", "отримала б ту саму адресу {url}, що й {folder}"),
    _("give one of the stories another slug or date", "дайте одній з новин інший slug чи дату"),
    _("{alias} is this story's own address", "{alias} — чинна адреса цієї самої новини"),
    _("{alias} is the address of {folder}", "{alias} — адреса новини {folder}"),
    _("remove it: only an address the story no longer has redirects",
      "приберіть її: переспрямовує лише адреса, якої новина вже не має"),
    _("{alias} is already an alias of {folder}", "{alias} — уже псевдонім новини {folder}"),
    _("an old address can lead to one story only: remove it here or there",
      "стара адреса може вести лише на одну новину: приберіть її тут або там"),

    # Pictures (story.py, content/pictures.py, render/pictures.py)
    _("describes no picture", "описує зображення, якого немає"),
    _("add image: with the picture's file name, or remove image_alt",
      "додайте image: з назвою файлу зображення або приберіть image_alt"),
    _("{name} is not a picture in the story's folder", "у теці новини немає зображення {name}"),
    _("put the JPEG, PNG or WebP file beside uk.md and write its file name",
      "покладіть файл JPEG, PNG чи WebP поруч з uk.md і напишіть його назву"),
    _("is required with image", "поле обов’язкове, коли є image"),
    _("describe the picture for people who cannot see it, e.g. {example}",
      "опишіть зображення для тих, хто не може його побачити, наприклад {example}"),
    _("the picture {name} has no description", "зображення {name} не має опису"),
    _("write it between the brackets: ![what the picture shows]({name})",
      "напишіть опис у квадратних дужках: ![що на зображенні]({name})"),
    _("the picture {name} {p_what:(?:is|has) .+}", "зображення {name} {p_what}"),
    _("{name} {p_what:(?:is|has) .+}", "{name} {p_what}"),
    _("put the picture file in the story's folder, beside uk.md",
      "покладіть файл зображення в теку новини, поруч з uk.md"),
    _("use a JPEG, PNG or WebP file", "візьміть файл JPEG, PNG чи WebP"),
    _("use a JPEG, PNG or WebP file of the story's folder", "візьміть файл JPEG, PNG чи WebP з теки новини"),
    _("save it as JPEG, PNG or WebP", "збережіть його як JPEG, PNG чи WebP"),
    _("save a smaller copy (a photo 2000 px wide is enough)",
      "збережіть меншу копію (фото завширшки 2000 px цілком досить)"),
    _("use a picture at least {width:\\d+} px wide", "візьміть зображення завширшки щонайменше {width} px"),

    # Checks against the term files (story.py, terms.py)
    _("{value} is not an author in news/authors.yml", "автора {value} немає в news/authors.yml"),
    _("use one of: {ids:.*?} ({file:news/[\\w-]+\\.yml})", "виберіть одне з: {ids} ({file})"),
    _("use an id you add there first ({file:news/[\\w-]+\\.yml})",
      "укажіть ідентифікатор, спершу додавши його туди ({file})"),
    _("{value} is not a category", "рубрики {value} немає"),
    _("{value} is not a region", "регіону {value} немає"),
    _("use an id from {file:news/[\\w-]+\\.yml}, such as {example}",
      "укажіть ідентифікатор із {file}, як-от {example}"),
    _("{date} is before the publication date {day}", "{date} — раніше за дату публікації {day}"),
    _("check the deadline or the date in the folder name", "перевірте кінцевий термін або дату в назві теки"),
    _("the event ends before it starts", "подія закінчується раніше, ніж починається"),
    _("check event.start and event.end", "перевірте event.start і event.end"),
    _("is missing", "файлу немає"),
    _("create it with one entry per id and a label in {languages}",
      "створіть його: по одному запису на ідентифікатор, з назвою мовами {languages}"),
    _("expected one entry per id, such as '{example}'",
      "потрібен один запис на ідентифікатор, як-от '{example}'"),
    _("is not a valid id", "неправильний ідентифікатор"),
    _("needs a label in each language ({languages})", "потребує назви кожною мовою ({languages})"),
    _("write, for example, {first} and {second} on indented lines",
      "напишіть, наприклад, {first} і {second} у рядках із відступом"),

    # Knowledge pages (checks.py)
    _("is published at {url}, where the news engine puts the story {folder}",
      "публікується за адресою {url}, де сайт розміщує новину {folder}"),
    _("is published at {url}, where the news engine puts a news listing",
      "публікується за адресою {url}, де сайт розміщує перелік новин"),
    _("rename or move the page", "перейменуйте або перенесіть сторінку"),

    # What a text may not carry (sanitize.py): "<what> is not allowed"; the hints below
    _("<{tag:[^<>\\s]+}> is not allowed", "тег <{tag}> не дозволено"),
    _("the {name:\\S+} attribute of <{tag:[^<>\\s]+}> is not allowed", "атрибут {name} у <{tag}> не дозволено"),
    _("a {scheme}: link is not allowed", "посилання {scheme}: не дозволено"),
    _("the image {value} is not allowed", "зображення {value} не дозволено"),
    _("the class {value} of <{tag:[^<>\\s]+}> is not allowed", "клас {value} у <{tag}> не дозволено"),
    _("the style {value} of <{tag:[^<>\\s]+}> is not allowed", "стиль {value} у <{tag}> не дозволено"),
)


def _sanitizer_hints() -> list[Entry]:
    """The sanitizer's hints, with the Ukrainian it gives them (``_HINTS``:
    name -> (English, Ukrainian))."""
    import importlib

    for module in ("newsroom.content.sanitize_rules", "newsroom.content.sanitize"):
        try:
            table = getattr(importlib.import_module(module), "_HINTS", None)
        except ImportError:
            continue
        if isinstance(table, dict):
            return [Entry(en, re.compile(re.escape(en)), uk, literal=True) for en, uk in table.values()]
    return []


MESSAGES += _sanitizer_hints()

# -- translating -------------------------------------------------------------------------------


def _join(text: str) -> str:
    """Names joined with or, and, and/or."""
    return text.replace(" and/or ", " і/або ").replace(" or ", " або ").replace(" and ", " і ")


def _lookup(catalogue: list[Entry]) -> Callable[[str], str | None]:
    return lambda text: _find(text, catalogue)


_PARTS: dict[str, Callable[[str], str | None]] = {
    "t_": lambda text: _find(text, MESSAGES),
    "p_": _lookup(PICTURE),
    "got": _lookup(GOT),
    "read": _lookup(READ),
    "j_": _join,
}


def _part(name: str, value: str) -> str | None:
    for prefix, translate_part in _PARTS.items():
        if name.startswith(prefix):
            return translate_part(value)
    return value


def _find(text: str, catalogue: list[Entry]) -> str | None:
    """The Ukrainian of ``text`` by the first entry whose pattern (and parts) fit; None when none does."""
    for entry in catalogue:
        match = entry.pattern.fullmatch(text)
        if match is None:
            continue
        if entry.literal:
            return entry.uk
        parts = {name: _part(name, value) for name, value in match.groupdict().items()}
        if any(value is None for value in parts.values()):
            continue
        return entry.uk.format(**parts)
    return None


@lru_cache(maxsize=8192)
def ukrainian(text: str) -> str | None:
    """The Ukrainian of an English message or hint; "" for ""; None when the catalogue does not know it."""
    return "" if not text else _find(text, MESSAGES)


def translate(text: str, lang: str = "en") -> str:
    """A message or a hint in ``lang``: the Ukrainian for "uk", else (or when
    the catalogue does not know it) the English as given."""
    if lang != "uk":
        return text
    found = ukrainian(text)
    return text if found is None else found


def pattern_count() -> int:
    """How many patterns the catalogue holds (messages and hints, and their parts)."""
    return len(MESSAGES) + len(PICTURE) + len(GOT) + len(READ)
