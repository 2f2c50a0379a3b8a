"""Search that understands Ukrainian word forms (issue 27): «Полтава» finds
«у Полтаві», with no server.

Pagefind has no Ukrainian stemmer: it finds a word as written, or by its
beginning. This module adds, at build time, what a morphological analyser
(pymorphy3 with its Ukrainian dictionary) knows of the site's words; the
browser's side is ``wordforms.js``, a module with Pagefind's API in front of
the language's Pagefind (the header's box and the search page both import it).

The rules:

1. **Words.** A word is a run of letters and digits (with apostrophes and
   hyphens inside) holding a Cyrillic letter. Its *key* is what Pagefind
   indexes of it: lower case, letters and digits only (``pagefind_key``);
   the apostrophes readers type in four ways are dropped (``table_key``).
2. **Lemmas.** A word's lemmas are the dictionary forms of *every* parse
   the dictionary knows, not only the likeliest one: «молоді» is молодь and
   молодий. A word the dictionary does not know has none (it is found as
   written). The analyser runs once per distinct word (``Analyser``).
3. **The page's tokens.** A page holding a word as Pagefind indexes it is
   found through any lemma of that word by the word itself: the table lists,
   per lemma, the site's words of it, and the query searches each (rule 5).
   What Pagefind indexes of a page (its record, ``outputs/search.py``) ends
   with a block for the rest, after its text: the marker ``MARK`` alone,
   then ``<lemma key>MARK`` for every lemma of the page's words that
   Pagefind does not index as words of their own («Полтава—Львів» is one
   word to it; a hyphenated word's parts) unless written as such, and of
   its terms' names (category, tags, region, authors, the names under
   ``also:`` in ``news/*.yml``, such as Полтавщина), not always in its text.
   (500 generated stories, tokens for every word: Pagefind 0.9-1 s, 140 MB;
   no block: 0.6-0.75 s, 88 MB.) Nothing reaches the published pages; the
   browser cuts the block off a result's text before it makes the
   excerpt (everything from the first ``MARK``). A token ends with the
   mark, so that a search for it (``полтаваǂ``) matches no longer word.
4. **The table.** A form -> lemmas table, from the full paradigms of the
   lemmas of the site's words and terms' names: a reader may type a form
   no story holds. It is written as small files by the forms' first
   letters (``CHUNK_LIMIT`` forms at most, one to three letters), listed in
   ``index.json``, fetched by the browser for the query's words only. Each
   file also gives, per lemma, the site's words of that lemma (their keys),
   which the browser marks in the excerpt.
   The site's words the dictionary does not know are listed too (``p``),
   so that the browser knows when no word of the site begins with a query's
   word (Pagefind would then return pages holding a shorter word it begins
   with: «віник» finding «він»).
5. **The query** (``wordforms.js``): each word found in the table is
   searched as written (exactly) and through each of its lemmas: the lemma
   as written, the site's words of that lemma and the lemma's token, each
   exactly. A story holding the typed form ranks
   above one found through a dictionary form. A word missing from the table
   is searched as typed (its beginning), as before, unless no word of the
   site begins with it (then it finds nothing). A preposition,
   conjunction or particle of the site («у», «на», «та»: ``skip`` in
   ``index.json``) is left out of a query that has other words: «на
   Полтавщині» finds the stories of the region, which need not say «на».

The table and the tokens come from the pages' records alone (and the term
files), so a ``--dirty`` build, which reads the unchanged pages' records
from its cache, writes the same table as a clean build.
"""

from __future__ import annotations

import functools
import html
import json
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

# The end of every token, and alone, the start of a page's block of tokens:
# a letter (Pagefind indexes letters and digits only) that no Ukrainian or
# English word holds.
MARK = "\u01c2"  # ǂ
BLOCK_START = '<p data-news-forms="">'
CHUNK_LIMIT = 600       # forms in one file of the table at most (unless one letter's three-letter group is larger)
MAX_PREFIX = 3
FUNCTION_WORDS = frozenset({"PREP", "CONJ", "PRCL"})  # pymorphy3's parts of speech a query may leave out
FOLDER = "wordforms/"   # the table and the browser's module, in the language's root
MODULE = "pagefind.js"  # the browser's module (named as Pagefind's own, for PagefindUI's bundlePath)
SOURCE_MODULE = Path(__file__).with_name("wordforms.js")

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_WORD = re.compile(r"[^\W_]+(?:['’ʼ\-‑][^\W_]+)*")
_TAG = re.compile(r"<[^>]*>")
_HYPHENS = re.compile(r"[-‑]")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})


@functools.lru_cache(maxsize=1 << 16)
def pagefind_key(word: str) -> str:
    """The word as Pagefind indexes it: lower case, letters and digits only."""
    return "".join(c for c in word.lower() if c.isalnum())


@functools.lru_cache(maxsize=1 << 16)
def table_key(word: str) -> str:
    """The key of the table and of tokens: Pagefind's, without the one
    apostrophe it keeps (U+02BC is a letter to it)."""
    return pagefind_key(word).replace("ʼ", "")


def words_of(text: str) -> list[str]:
    """The Cyrillic words of HTML text, lower case, in order (with repeats);
    a hyphenated word also as its parts («науково-технічної», «науково»,
    «технічної»)."""
    return _words(plain_text(text))


def plain_text(text: str) -> str:
    """HTML text as the words are read from it: tags as spaces, entities decoded."""
    return html.unescape(_TAG.sub(" ", text))


def _words(plain: str) -> list[str]:
    found = []
    for word in _WORD.findall(plain):
        if _CYRILLIC.search(word):
            word = word.lower()
            found.append(word)
            if "-" in word or "‑" in word:
                found.extend(part for part in _HYPHENS.split(word) if _CYRILLIC.search(part))
    return found


def page_words(text: str) -> tuple[set[str], set[str]]:
    """``words_of`` the HTML text (each once), and what Pagefind indexes of it as whole
    words: each run between spaces, its letters and digits only («Полтава—
    Львів» is «полтавальвів» to Pagefind, which makes parts of it only at
    ASCII hyphens; a part is not counted as written here, so its lemma gets
    a token, found either way)."""
    words: set[str] = set()
    written: set[str] = set()
    for chunk in set(plain_text(text).split()):
        found, key = _chunk_words(chunk)
        words.update(found)
        written.add(key)
    return words, written


@functools.lru_cache(maxsize=1 << 17)
def _chunk_words(chunk: str) -> tuple[tuple[str, ...], str]:
    """A run between spaces of a page's text: its words (``_words``: no
    word spans a space) and its key as Pagefind indexes it. The same runs
    come back on page after page: each is read once (at N = 1000, a
    Ukrainian page's words in 0.1 ms instead of 0.22 ms)."""
    return tuple(_words(chunk)), pagefind_key(chunk)


@functools.lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:
    """The words of a term's name (the same few names on many pages)."""
    return tuple(words_of(html.escape(name)))


def record_text(record: str) -> str:
    """A record's text without its block of tokens (``words_of`` reads it)."""
    return record.split(BLOCK_START, 1)[0]


class Analyser:
    """pymorphy3's Ukrainian dictionary, asked once per distinct word."""

    def __init__(self, lang: str = "uk") -> None:
        self.lang = lang
        self._morph = None
        self._lemmas: dict[str, tuple[str, ...]] = {}
        self._keys: dict[str, tuple[str, ...]] = {}
        self._function: set[str] = set()
        self._parses: dict[str, dict[tuple, object]] = {}  # lemma -> one parse per paradigm
        self._paradigms: dict[str, frozenset[str]] = {}

    @property
    def morph(self):
        if self._morph is None:
            import pymorphy3

            self._morph = pymorphy3.MorphAnalyzer(lang=self.lang)
        return self._morph

    def lemmas(self, word: str) -> tuple[str, ...]:
        """The dictionary forms of every known parse of ``word`` (lower case),
        sorted; () for a word the dictionary does not know."""
        found = self._lemmas.get(word)
        if found is None:
            found = self._lemmas[word] = self._analyse(word)
        return found

    def lemma_keys(self, word: str) -> tuple[str, ...]:
        """The table keys of ``word``'s lemmas (``lemmas``), made once."""
        found = self._keys.get(word)
        if found is None:
            found = self._keys[word] = tuple(table_key(lemma) for lemma in self.lemmas(word))
        return found

    def is_function_word(self, word: str) -> bool:
        """Whether every parse of ``word`` is a preposition, conjunction or
        particle («у», «на», «і»; not «мов», a form of мова): a query does
        not require it (``write``)."""
        self.lemmas(word)
        return word in self._function

    def _analyse(self, word: str) -> tuple[str, ...]:
        lemmas = set()
        content = False
        for parse in self.morph.parse(word.translate(_APOSTROPHES)):
            if not parse.is_known:
                continue
            if parse.tag.POS not in FUNCTION_WORDS:
                content = True
            lemma = parse.normal_form
            lemmas.add(lemma)
            # One parse per paradigm of the lemma, for its forms (``forms``).
            method = parse.methods_stack[0]
            self._parses.setdefault(lemma, {}).setdefault((method[2], len(method)), parse)
        if lemmas and not content:  # every parse: a preposition, conjunction or particle
            self._function.add(word)
        return tuple(sorted(lemmas))

    def forms(self, lemma: str) -> frozenset[str]:
        """Every form of ``lemma``'s paradigms (as the dictionary writes them)."""
        found = self._paradigms.get(lemma)
        if found is None:
            forms = {lemma}
            for parse in self._parses.get(lemma, {}).values():
                forms.update(form.word for form in parse.lexeme)
            found = self._paradigms[lemma] = frozenset(forms)
        return found


class WordForms:
    """One language's word forms: the tokens of each page's record, and the
    table of the site's forms (written by ``write``)."""

    def __init__(self, analyser: Analyser, terms: Iterable[str] = ()) -> None:
        self.analyser = analyser
        self.words: set[str] = set()        # the site's words (lower case)
        self.term_words: set[str] = set()   # the words of every term's names
        for name in terms:
            self.term_words.update(_name_words(name))

    def block(self, record: str, terms: Iterable[str] = ()) -> str:
        """The block of tokens ending a page's ``record`` (its HTML), for its
        words and its ``terms``' names; the page's words are noted for the
        table."""
        words, written = page_words(record)
        self.words.update(words)
        lemma_keys = self.analyser.lemma_keys
        tokens: set[str] = set()
        for word in words:
            if pagefind_key(word) not in written:  # else found by its written form (the table's "l")
                tokens.update(lemma_keys(word))
        tokens.difference_update(written)  # Pagefind finds these as written
        for name in terms:
            for word in _name_words(name):
                tokens.update(lemma_keys(word) or (table_key(word),))
        tokens.discard("")
        if not tokens:
            return ""
        return BLOCK_START + MARK + " " + " ".join(token + MARK for token in sorted(tokens)) + "</p>"

    def note(self, record: str | None, words: Iterable[str] = ()) -> set[str]:
        """A page's words for the table, from its ``record`` (written by an
        earlier build: ``--dirty``), or as read from it before (``words``);
        returned."""
        found = page_words(record_text(record))[0] if record is not None else set(words)
        self.words.update(found)
        return found

    def table(self) -> dict[str, dict]:
        """The table's files: prefix -> {"f": {form key: [lemma index]},
        "l": [[lemma key, [keys of the site's words of that lemma]]],
        "p": [keys of the site's words the dictionary does not know]}. The
        lemmas are by key (two spellings of one key, «віце-прем'єр» and
        «віцепрем'єр», are one), in order of key: the same bytes in any process."""
        analyser = self.analyser
        site_forms: dict[str, set[str]] = {}   # lemma key -> keys of the site's words of it
        lemmas: set[str] = set()
        unknown: set[str] = set()
        for word in self.words | self.term_words:
            found = analyser.lemmas(word)
            if not found:
                unknown.add(table_key(word))
            for lemma in found:
                lemmas.add(lemma)
                site_forms.setdefault(table_key(lemma), set()).add(pagefind_key(word))
        lemmas_of: dict[str, set[str]] = {}    # form key -> lemma keys
        for lemma in lemmas:
            lemma_key = table_key(lemma)
            for form in analyser.forms(lemma):
                form_key = table_key(form)
                if form_key and lemma_key:
                    lemmas_of.setdefault(form_key, set()).add(lemma_key)
        unknown -= set(lemmas_of) | {""}
        chunks: dict[str, dict] = {}
        for prefix, keys in _split(sorted(set(lemmas_of) | unknown)).items():
            forms = [key for key in keys if key in lemmas_of]
            lemma_list = sorted({lemma for form in forms for lemma in lemmas_of[form]})
            index = {lemma: i for i, lemma in enumerate(lemma_list)}
            chunks[prefix] = {
                "f": {form: sorted(index[lemma] for lemma in lemmas_of[form]) for form in forms},
                "l": [[lemma, sorted(site_forms.get(lemma, ()))] for lemma in lemma_list],
                "p": [key for key in keys if key not in lemmas_of],
            }
        return chunks

    def write(self, folder: Path) -> None:
        """The table and the browser's module into ``folder`` (emptied first)."""
        chunks = self.table()
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for prefix, chunk in chunks.items():
            (folder / chunk_name(prefix)).write_text(_json(chunk), encoding="utf-8")
        skip = sorted({pagefind_key(word) for word in self.words | self.term_words
                       if self.analyser.is_function_word(word)} - {""})
        (folder / "index.json").write_text(_json({"mark": MARK, "chunks": sorted(chunks), "skip": skip}),
                                           encoding="utf-8")
        shutil.copyfile(SOURCE_MODULE, folder / MODULE)


def chunk_name(prefix: str) -> str:
    """A table file's name: its prefix's UTF-8 bytes in hexadecimal (any
    letters, no escaping in an address)."""
    return prefix.encode("utf-8").hex() + ".json"


def _split(forms: list[str], length: int = 1) -> dict[str, list[str]]:
    """Sorted form keys grouped by their first ``length`` letters, a group of
    more than ``CHUNK_LIMIT`` split by one letter more (up to ``MAX_PREFIX``).
    A form shorter than the prefix stays in the shorter group."""
    groups: dict[str, list[str]] = {}
    for form in forms:
        groups.setdefault(form[:length], []).append(form)
    result: dict[str, list[str]] = {}
    for prefix, members in groups.items():
        if len(members) <= CHUNK_LIMIT or length >= MAX_PREFIX or len(prefix) < length:
            result[prefix] = members
            continue
        short = [m for m in members if len(m) <= length]
        longer = _split([m for m in members if len(m) > length], length + 1)
        if short:
            result[prefix] = short
        result.update(longer)
    return result


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
