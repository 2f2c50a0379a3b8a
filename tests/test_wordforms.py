"""The build's side of the Ukrainian word forms (newsroom/outputs/wordforms.py):
the rules of its docstring, one test each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsroom.content.problems import Problem
from newsroom.content.terms import load_terms
from newsroom.outputs import wordforms
from newsroom.outputs.wordforms import (BLOCK_START, MARK, Analyser, WordForms, chunk_name, page_words,
                                        pagefind_key, record_text, table_key, words_of)


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser()


def test_words_are_cyrillic_runs_with_inner_apostrophes_and_hyphens():
    text = "<h1>Форум у Полтаві</h1><p class=\"x\">U-LEAD, м’яч і Івано-Франківськ &amp; 2025 рік</p>"
    assert words_of(text) == ["форум", "у", "полтаві", "м’яч", "і", "івано-франківськ", "івано", "франківськ",
                              "рік"]


def test_what_pagefind_indexes_as_written(analyser):
    """Pagefind splits at spaces only: «Полтава—Львів» is one word to it, so
    Полтава and Львів get tokens; a hyphenated word's parts get them too."""
    words, written = page_words("<p>Траса Полтава—Львів і науково-технічної ради</p>")
    assert "полтавальвів" in written and "полтава" not in written
    assert {"полтава", "львів", "технічної"} <= set(words)
    block = WordForms(analyser).block("<p>Траса Полтава—Львів і науково-технічної ради</p>")
    assert "полтаваǂ" in block and "львівǂ" in block and "технічнийǂ" in block


def test_page_words_read_run_by_run_equal_the_whole_text():
    """``page_words`` reads each run between spaces once (cached): the same
    words as the whole text read at once, whatever the spaces (a no-break
    space, a thin space, a line break) and punctuation around them."""
    text = ("<p>У\u00a0Полтаві\u2009— форум «Громада-2025»,\nм’яч i мʼяч; науково-технічної "
            "ради (U-LEAD) у&nbsp;Києві… Полтаві</p><p>Полтаві, громадою:громади</p>")
    plain = wordforms.plain_text(text)
    words, written = page_words(text)
    hits = wordforms._chunk_words.cache_info().hits
    assert words == set(words_of(text)) == set(wordforms._words(plain))
    assert written == {pagefind_key(chunk) for chunk in plain.split()}
    assert {"полтаві", "громада-2025", "громада", "києві", "громадою", "громади"} <= words
    assert page_words(text) == (words, written)
    assert wordforms._chunk_words.cache_info().hits - hits == len(set(plain.split()))  # each run from the cache


def test_keys_are_what_pagefind_indexes():
    assert pagefind_key("«Полтаві»,") == "полтаві"
    assert pagefind_key("м’яч") == "мяч"                    # a punctuation mark: dropped
    assert pagefind_key("мʼяч") == "мʼяч"                   # U+02BC is a letter to Pagefind
    assert table_key("мʼяч") == table_key("м'яч") == "мяч"  # the table's keys: all four alike
    assert pagefind_key("Івано-Франківськ") == "іванофранківськ"


@pytest.mark.parametrize("word, lemmas", [
    ("полтаві", {"полтава"}),
    ("громадою", {"громада"}),
    ("вакансії", {"вакансія"}),
    ("молоді", {"молодь", "молодий"}),   # every parse, not only the likeliest
    ("полтавщині", {"полтавщина"}),
    ("м’яч", {"м'яч"}),                  # the apostrophe as the dictionary writes it
])
def test_every_parse_gives_its_lemma(analyser, word, lemmas):
    assert lemmas <= set(analyser.lemmas(word))


def test_unknown_words_have_no_lemma(analyser):
    assert analyser.lemmas("ґзщрвка") == ()


def test_each_distinct_word_is_analysed_once(monkeypatch):
    analyser = Analyser()
    calls = []
    real = analyser._analyse
    monkeypatch.setattr(analyser, "_analyse", lambda word: calls.append(word) or real(word))
    forms = WordForms(analyser)
    for _ in range(3):
        forms.block("<p>Громада громади громаді, громада. Траса Полтава—Київ.</p>")
    forms.table()
    forms.table()
    assert sorted(calls) == sorted(["громади", "громаді", "громада", "траса", "полтава", "київ"])


def test_a_pages_block_holds_only_what_its_written_words_do_not_find(analyser):
    """A word Pagefind indexes as written is found through its lemmas by
    the table's list of the site's words: no token. A word inside a run
    Pagefind reads as one word («Полтава—Львів») gets its lemmas' tokens."""
    forms = WordForms(analyser)
    page = "<h1>Форум у Полтаві</h1><p>Рішення громадою ухвалено. Форум. Траса Житомир—Київ.</p>"
    block = forms.block(page)
    assert block.startswith(BLOCK_START + MARK + " ")
    tokens = block[len(BLOCK_START) + 2:-len("</p>")].split()
    assert "житомир" + MARK in tokens and "київ" + MARK in tokens
    assert "полтава" + MARK not in tokens and "громада" + MARK not in tokens
    assert "форум" + MARK not in tokens
    assert all(token.endswith(MARK) for token in tokens)
    assert tokens == sorted(tokens)
    # The written forms are in the table, under their lemmas, for the query.
    written = {lemma: set(words) for chunk in forms.table().values() for lemma, words in chunk["l"]}
    assert "полтаві" in written["полтава"] and "громадою" in written["громада"]
    assert not WordForms(analyser).block("<p>У Полтаві громадою</p>")


def test_terms_names_are_tokens_even_when_not_in_the_text(analyser):
    forms = WordForms(analyser, ["Полтавська область", "Полтавщина"])
    block = forms.block("<p>Текст.</p>", ["Полтавська область", "Полтавщина"])
    assert "полтавщина" + MARK in block and "область" + MARK in block
    chunks = forms.table()
    # The table knows the forms of the terms' names: «на Полтавщині».
    assert any("полтавщині" in chunk["f"] for chunk in chunks.values())


def test_record_text_leaves_the_block_out(analyser):
    forms = WordForms(analyser)
    text = "<h1>Форум у Полтаві</h1>"
    record = text + forms.block(text)
    assert record_text(record) == text
    noted = WordForms(analyser)
    noted.note(record)
    assert noted.words == set(words_of(text))


def lookup(folder: Path, key: str) -> list[list]:
    """The browser's lookup (wordforms.js), in Python: the file of the
    longest prefix of the key (1 to 3 letters) that index.json lists."""
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    for n in range(min(3, len(key)), 0, -1):
        if key[:n] in index["chunks"]:
            chunk = json.loads((folder / chunk_name(key[:n])).read_text(encoding="utf-8"))
            return [chunk["l"][i] for i in chunk["f"].get(key, [])]
    return []


def test_the_table_has_every_form_of_the_sites_lemmas(analyser, tmp_path, monkeypatch):
    monkeypatch.setattr(wordforms, "CHUNK_LIMIT", 20)  # small files: split down to three letters
    forms = WordForms(analyser)
    forms.block("<p>У Полтаві громадою ухвалено бюджет для молоді, для програм і проєктів.</p>")
    forms.write(tmp_path)
    assert (tmp_path / wordforms.MODULE).read_bytes() == wordforms.SOURCE_MODULE.read_bytes()
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert index["mark"] == MARK
    # Prepositions and conjunctions of the site, which a longer query leaves
    # out; not a word one of whose parses is a content word («мов»).
    assert {"у", "для", "і"} <= set(index["skip"]) and not {"полтаві", "бюджет"} & set(index["skip"])
    assert not analyser.is_function_word("мов") and analyser.is_function_word("для")
    assert any(len(prefix) == 3 for prefix in index["chunks"])
    for lemma in ("полтава", "громада", "молодь", "молодий", "програма", "проєкт"):
        for form in analyser.forms(lemma):
            found = lookup(tmp_path, table_key(form))
            assert [table_key(lemma)] in [[entry[0]] for entry in found], (form, found)
    # A form no story holds («Полтавою») leads to the lemma, and to the words the site writes.
    assert lookup(tmp_path, "полтавою") == [["полтава", ["полтаві"]]]
    assert {entry[0] for entry in lookup(tmp_path, "молоді")} == {"молодий", "молодь"}
    assert lookup(tmp_path, "незнайоме") == []


def test_the_table_lists_unknown_words_and_is_the_same_in_any_process(tmp_path):
    """Words the dictionary does not know are listed (``p``); the files do
    not depend on the order of Python's sets (PYTHONHASHSEED)."""
    import subprocess
    import sys

    script = ("import sys; from pathlib import Path; from newsroom.outputs.wordforms import Analyser, WordForms;"
              "f = WordForms(Analyser()); f.block('<p>Віце-прем’єр і віцепрем’єр, арт-акція й артакція у "
              "Ґзщрвці.</p>'); f.write(Path(sys.argv[1]))")
    root = Path(__file__).resolve().parent.parent
    for seed in ("1", "2", "3"):
        subprocess.run([sys.executable, "-c", script, str(tmp_path / seed)], check=True, cwd=root,
                       env={**__import__("os").environ, "PYTHONHASHSEED": seed})
    for path in (tmp_path / "1").iterdir():
        assert path.read_bytes() == (tmp_path / "2" / path.name).read_bytes() == (tmp_path / "3" / path.name).read_bytes()
    chunks = [json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "1").glob("*.json") if p.name != "index.json"]
    assert any("ґзщрвці" in chunk["p"] for chunk in chunks)
    for chunk in chunks:
        keys = [entry[0] for entry in chunk["l"]]
        assert keys == sorted(set(keys))  # one entry per key


def test_the_table_is_the_same_from_the_records(analyser, tmp_path):
    """A --dirty build reads earlier pages' records: the same table."""
    pages = ["<h1>Форум</h1><p>У Полтаві громадою.</p>", "<h1>Сесія</h1><p>Депутатів ради.</p>"]
    clean = WordForms(analyser, ["Полтавщина"])
    records = [page + clean.block(page) for page in pages]
    clean.write(tmp_path / "clean")
    dirty = WordForms(analyser, ["Полтавщина"])
    dirty.block(pages[0])
    dirty.note(records[1])
    dirty.write(tmp_path / "dirty")
    for path in (tmp_path / "clean").iterdir():
        assert path.read_bytes() == (tmp_path / "dirty" / path.name).read_bytes(), path.name


def test_also_names_are_read_from_the_term_files(tmp_path):
    (tmp_path / "regions.yml").write_text(
        "poltava:\n  uk: Полтавська область\n  en: Poltava Oblast\n  also: [Полтавщина]\n"
        "kyiv:\n  uk: Київська область\n  en: Kyiv Oblast\n  also: Київщина\n"
        "lviv:\n  uk: Львівська область\n  en: Lviv Oblast\n  also: {uk: Львівщина}\n", encoding="utf-8")
    (tmp_path / "categories.yml").write_text("forum: {uk: Форуми, en: Forums}\n", encoding="utf-8")
    problems: list[Problem] = []
    terms = load_terms(tmp_path, tmp_path, ("uk", "en"), problems)
    assert terms.regions["poltava"].also == ("Полтавщина",)
    assert terms.regions["kyiv"].also == ("Київщина",)
    assert terms.regions["poltava"].labels == {"uk": "Полтавська область", "en": "Poltava Oblast"}
    assert [(p.line, p.field) for p in problems] == [(12, "lviv.also")]


def test_the_repository_names_the_oblasts_other_names():
    root = Path(__file__).resolve().parent.parent
    terms = load_terms(root / "news", root, ("uk", "en"), [])
    assert "Полтавщина" in terms.regions["poltava"].also
