/* Pagefind's search API, with Ukrainian word forms (issue 27; the build's
 * side and the rules: newsroom/outputs/wordforms.py).
 *
 * Written by the build as <language root>/wordforms/pagefind.js, beside the
 * table of forms (index.json and one file per group of first letters), in
 * front of the language's own Pagefind (../pagefind/pagefind.js). The header's
 * search box and the search page's PagefindUI both import it in place of
 * Pagefind's module: one search for both.
 *
 * For each word of a query:
 * - found in the table (its file is fetched on demand, by the word's first
 *   letters): it is searched as written, exactly, and through each of its
 *   dictionary forms (lemmas): the lemma as written, every word of the site
 *   that is a form of it (the table lists them), each exactly, and the
 *   lemma's token (the lemma followed by the mark), which the build indexed
 *   where a page holds a form of it that Pagefind does not index as a word
 *   of its own, or names it in a category, tag or region. A page holding
 *   the form as typed ranks above one found through a lemma; then
 *   Pagefind's scores.
 * - missing from the table: searched as typed (its beginning), as Pagefind does.
 * A page is a result when every word of the query finds it; the site's
 * prepositions, conjunctions and particles (the table's "skip") are left out
 * of a query that has other words.
 *
 * A result's text loses the build's block of tokens (everything from the
 * first mark) before its excerpt is made here, with the words that matched
 * (any form of the query's lemmas) marked.
 */
import * as pagefind from "../pagefind/pagefind.js";

const HERE = new URL("./", import.meta.url);
let mark = "\u01c2";
let excerptLength = 30;
let manifest = null;          // a promise of the set of the table's prefixes
let skip = new Set();         // prepositions, conjunctions, particles: left out of longer queries
const chunks = new Map();     // prefix -> a promise of its file

// Pagefind's searches run one at a time (Pagefind itself runs one per query;
// this module runs several, whose index chunks it preloads together first).
let queue = Promise.resolve();

function serial(call) {
  const run = queue.then(call);
  queue = run.catch(() => {});
  return run;
}

const pagefindSearch = (term, opts) => serial(() => pagefind.search(term, opts));

// --- keys, as the build makes them ------------------------------------------------

/** A word as Pagefind indexes it: lower case, letters and digits only. */
function pagefindKey(word) {
  return String(word).normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/** The table's key: Pagefind's, without the apostrophe it keeps (U+02BC). */
function tableKey(word) {
  return pagefindKey(word).replace(/\u02bc/g, "");
}

function hex(text) {
  return Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, "0")).join("");
}

function fetchJson(name) {
  return fetch(new URL(name, HERE), { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(`word forms: ${name}: HTTP ${response.status}`);
    return response.json();
  });
}

function prefixes() {
  if (!manifest) {
    manifest = fetchJson("index.json").then((data) => {
      if (data.mark) mark = data.mark;
      skip = new Set(data.skip || []);
      return new Set(data.chunks || []);
    });
    manifest.catch(() => { manifest = null; });
  }
  return manifest;
}

/** What the table says of a key: its lemmas ([[lemma key, [keys of the
 *  site's words of it]], ...], or null where the table does not hold it),
 *  and whether any word of the site (or form of its lemmas) begins with it.
 *  The file of the longest of its first one to three letters that the table
 *  lists holds every key that begins with it. */
async function lookup(key) {
  const known = await prefixes();
  const letters = [...key];
  for (let n = Math.min(3, letters.length); n > 0; n -= 1) {
    const prefix = letters.slice(0, n).join("");
    if (!known.has(prefix)) continue;
    if (!chunks.has(prefix)) {
      const loading = fetchJson(hex(prefix) + ".json");
      chunks.set(prefix, loading);
      loading.catch(() => chunks.delete(prefix));
    }
    const chunk = await chunks.get(prefix);
    const found = chunk.f && chunk.f[key];
    const begins = (k) => k.startsWith(key);
    return {
      entries: found ? found.map((i) => chunk.l[i]) : null,
      prefixed: Boolean(found) || Object.keys(chunk.f || {}).some(begins) || (chunk.p || []).some(begins),
    };
  }
  return { entries: null, prefixed: false };
}

const CYRILLIC = /[\u0400-\u04FF]/;

// --- excerpts ---------------------------------------------------------------------

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/** A result's own text: without the build's block of tokens. */
function ownText(content) {
  const text = String(content || "");
  const at = text.indexOf(mark);
  return (at < 0 ? text : text.slice(0, at)).trim();
}

/** ``length`` words of ``text`` around its first word that ``matches``,
 *  as HTML with the matching words in <mark>; the title (which Pagefind's
 *  text starts with) is skipped when the text goes on after it. */
function makeExcerpt(text, matches, length, title) {
  const words = text.split(/\s+/).filter(Boolean);
  let skip = 0;
  if (title) {
    const head = String(title).split(/\s+/).filter(Boolean);
    if (head.length < words.length && head.every((w, i) => pagefindKey(words[i]) === pagefindKey(w))) {
      skip = head.length;
    }
  }
  const hits = words.map((w) => matches(pagefindKey(w)));
  let first = hits.indexOf(true, skip);
  if (first < 0) first = hits.indexOf(true);
  let start = first < 0 ? skip : Math.max(first < skip ? 0 : skip, first - Math.floor(length / 3));
  start = Math.max(0, Math.min(start, words.length - length));
  if (first >= skip) start = Math.max(start, skip);
  return words.slice(start, start + length).map((w, i) => {
    if (!hits[start + i]) return escapeHtml(w);
    // The word in <mark>, its punctuation around it left out.
    const [, before, core, after] = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(w);
    return `${escapeHtml(before)}<mark>${escapeHtml(core)}</mark>${escapeHtml(after)}`;
  }).join(" ");
}

function withExcerpt(result, matches) {
  return async () => {
    const data = await result.data();
    const text = ownText(data.content);
    const excerpt = makeExcerpt(text, matches, excerptLength, data.meta && data.meta.title);
    // One sub-result, the page itself (PagefindUI shows the excerpt of that one):
    // Pagefind's own are cut from the text by its word positions, which the
    // tokens' block shifts.
    const page = { title: (data.meta && data.meta.title) || "", url: data.url, excerpt,
                   locations: [], weighted_locations: [] };
    return Object.assign({}, data, {
      content: text,
      excerpt,
      sub_results: [page],
      locations: [],
      weighted_locations: [],
    });
  };
}

// --- the search -------------------------------------------------------------------

/** A search's results by page: id -> {result, score}. */
function pages(search) {
  return new Map(((search && search.results) || []).map((r) => [r.id, { result: r, score: r.score }]));
}

/** The Pagefind searches of one word of a query (``searchWord`` runs them). */
function termsOf(word, known) {
  const typed = pagefindKey(word);
  if (!known.entries) return known.prefixed || !CYRILLIC.test(typed) ? [typed] : [];
  const { exact, scoring } = searchesOf(typed, known.entries);
  return [...exact, ...scoring];
}

/** The searches of a word found in the table: ``exact`` ones (quoted: the
 *  pages), the typed form's first; ``scoring`` ones (unquoted: scores only). */
function searchesOf(typed, entries) {
  const exact = new Set([`"${typed}"`]);
  const scoring = [typed];
  entries.forEach(([lemma, written]) => {
    exact.add(`"${lemma}"`);
    written.forEach((w) => exact.add(`"${w}"`));
    exact.add(`"${lemma}${mark}"`);
    scoring.push(lemma + mark);
  });
  return { exact: [...exact], scoring };
}

async function searchWord(word, known, opts) {
  const typed = pagefindKey(word);
  const entries = known.entries;
  if (!entries) {
    // Not in the table: as typed, by its beginning; nothing where no word
    // of the site begins with it (Pagefind would take a shorter word).
    const found = termsOf(word, known).length ? pages(await pagefindSearch(typed, opts)) : new Map();
    return { pages: found, exact: new Set(found.keys()), matches: (key) => key.startsWith(typed) };
  }
  // Which pages: quoted searches only (exact words). Pagefind's unquoted
  // search also takes, where no word begins with the term, the longest
  // word the term begins with («в» for «вінниці»): those give scores only.
  const { exact, scoring } = searchesOf(typed, entries);
  const results = (await Promise.all([...exact, ...scoring].map((t) => pagefindSearch(t, opts)))).map(pages);
  const found = new Map();
  results.forEach((each, i) => each.forEach((hit, id) => {
    const page = found.get(id);
    if (!page && i < exact.length) found.set(id, { result: hit.result, score: hit.score });
    else if (page && hit.score > page.score) page.score = hit.score;
  }));
  const forms = new Set([typed]);
  entries.forEach(([, written]) => written.forEach((w) => forms.add(w)));
  return { pages: found, exact: new Set(results[0].keys()), matches: (key) => forms.has(key) };
}

export async function search(term, opts = {}) {
  const started = Date.now();
  // Each word once, without the build's mark.
  let words = [...new Set(String(term == null ? "" : term).split(/\s+/)
    .map((w) => w.split(mark).join("")).filter((w) => tableKey(w)))];
  if (!words.length) return pagefindSearch(term, opts);
  let entries;
  try {
    await prefixes();
    // «на Полтавщині»: the preposition is not required when other words are there.
    const content = words.filter((w) => !skip.has(pagefindKey(w)));
    if (content.length) words = content;
    entries = await Promise.all(words.map((w) => lookup(tableKey(w))));
  } catch (error) {
    entries = words.map(() => ({ entries: null, prefixed: true }));  // no table: as Pagefind alone
  }
  // The index's chunks of every search, fetched at once; then the searches.
  const terms = [...new Set(words.flatMap((w, i) => termsOf(w, entries[i])))];
  await Promise.all(terms.map((t) => pagefind.preload(t, opts).catch(() => null)));
  const found = await Promise.all(words.map((w, i) => searchWord(w, entries[i], opts)));
  const matches = (key) => found.some((f) => f.matches(key));
  let shared = null;
  found.forEach((f) => {
    shared = shared === null ? [...f.pages.keys()] : shared.filter((id) => f.pages.has(id));
  });
  const ranked = (shared || []).map((id, order) => ({
    id,
    order,
    exact: found.reduce((n, f) => n + (f.exact.has(id) ? 1 : 0), 0),
    score: found.reduce((sum, f) => sum + f.pages.get(id).score, 0),
    result: found[0].pages.get(id).result,
  }));
  ranked.sort((a, b) => b.exact - a.exact || b.score - a.score || a.order - b.order);
  return {
    results: ranked.map((r) => ({
      id: r.id,
      score: r.score,
      words: [],
      data: withExcerpt(r.result, matches),
    })),
    unfilteredResultCount: ranked.length,
    filters: {},
    totalFilters: {},
    timings: { preload: 0, search: Date.now() - started, total: Date.now() - started },
  };
}

let pending = null;

export function debouncedSearch(term, opts = {}, timeout = 300) {
  if (pending) {
    clearTimeout(pending.timer);
    pending.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const mine = { resolve };
    mine.timer = setTimeout(() => {
      if (pending === mine) pending = null;
      search(term, opts).then(resolve, reject);
    }, timeout);
    pending = mine;
  });
}

export async function preload(term, opts = {}) {
  const words = String(term == null ? "" : term).split(/\s+/).filter((w) => tableKey(w));
  await Promise.all([
    pagefind.preload(term, opts),
    ...words.map((w) => lookup(tableKey(w)).catch(() => null)),
  ]);
}

export async function options(given = {}) {
  if (typeof given.excerptLength === "number") excerptLength = given.excerptLength;
  prefixes().catch(() => null);  // the table's list, fetched while Pagefind starts
  return pagefind.options(given);
}

export const init = (...args) => pagefind.init(...args);
export const destroy = (...args) => pagefind.destroy(...args);
export const mergeIndex = (...args) => pagefind.mergeIndex(...args);
export const filters = (...args) => pagefind.filters(...args);
