/* The site's search (issue 22): the box in every page's header
 * (overrides/partials/header.html) and the search page (search/, en/search/;
 * newsroom/render/templates/search_ui.html). Loaded on every page through
 * mkdocs.yml's extra_javascript, as a file: the Content-Security-Policy lets
 * no inline script run (issue 24).
 *
 * - Nothing is fetched until the reader focuses the header's box: then
 *   Pagefind's JS API is imported (a dynamic import() of the language's
 *   search module, data-engine: for Ukrainian, wordforms/pagefind.js, the
 *   word forms' module in front of Pagefind, newsroom/outputs/wordforms.js;
 *   else Pagefind's pagefind.js) and the language's further bundles are
 *   merged into it. The search page's PagefindUI imports the same module.
 * - Without JavaScript the header's box is a plain GET form to the search
 *   page (name "q"); with it, Enter still submits that form.
 * - Every query goes through expandQuery(), in the header and on the search
 *   page alike: the one place where a Ukrainian-aware search can plug in.
 */
(function () {
  "use strict";

  var LANG = (document.documentElement.getAttribute("lang") || "uk").toLowerCase();
  // The keys that focus the search box, as in Material for MkDocs.
  var SHORTCUTS = { "/": true, "s": true, "f": true };
  var SHOWN = 6;          // results under the header's box
  var DEBOUNCE = 200;     // ms between key presses before the header searches

  /**
   * The query Pagefind gets for what the reader typed, in the page's
   * language. Today the words themselves, tidied (Unicode NFC, single
   * spaces); a Ukrainian-aware search (word forms, apostrophes) replaces
   * this function alone: the header's box and the search page both use it.
   */
  function expandQuery(term, lang) {
    var text = String(term == null ? "" : term);
    if (text.normalize) text = text.normalize("NFC");
    return text.replace(/\s+/g, " ").trim();
  }

  // Exposed, and called through here by both the header and the search page:
  // a later script (or a test) may replace it.
  window.newsSearch = { expandQuery: expandQuery };

  function query(term) {
    return window.newsSearch.expandQuery(term, LANG);
  }

  // --- small helpers -------------------------------------------------------------

  function absolute(url, base) {
    return new URL(url, base || document.baseURI).href;
  }

  function list(value, base) {
    return (value || "").split(/\s+/).filter(Boolean).map(function (url) { return absolute(url, base); });
  }

  function typing(element) {
    if (!element) return false;
    if (element.isContentEditable) return true;
    var name = element.tagName;
    return name === "INPUT" || name === "TEXTAREA" || name === "SELECT";
  }

  function withQuery(url, term) {
    var target = new URL(url, document.baseURI);
    if (term) target.searchParams.set("q", term);
    else target.searchParams.delete("q");
    return target.href;
  }

  /** Pagefind's excerpt (text with <mark> around the matches) as nodes: the
   *  marks kept, everything else as text. */
  function excerptNodes(excerpt) {
    var doc = new DOMParser().parseFromString("<body>" + (excerpt || ""), "text/html");
    var nodes = [];
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    });
    return nodes;
  }

  // --- the search page -----------------------------------------------------------

  var page = null;  // the search page's PagefindUI, on the search page

  function startPage(root) {
    var base = root.getAttribute("data-base") || "/";
    var dateLabel = root.getAttribute("data-date-label") || "Date";
    // PagefindUI imports <bundlePath>pagefind.js: the module of data-engine
    // (for Ukrainian, the word forms' module in front of Pagefind).
    var engine = root.getAttribute("data-engine");
    var options = {
      element: "#" + root.id,
      bundlePath: engine ? absolute("./", absolute(engine)) : absolute(root.getAttribute("data-bundle")),
      baseUrl: base,
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      autofocus: true,
      processTerm: query,
      // A story's date (Pagefind metadata, newsroom/outputs/search.py) is
      // shown as "Дата: 4 грудня 2025"; its ISO form is for the header only.
      processResult: function (result) {
        var meta = result && result.meta;
        if (meta && (meta.date || meta.datetime)) {
          var shown = {};
          Object.keys(meta).forEach(function (key) {
            if (key !== "date" && key !== "datetime") shown[key] = meta[key];
          });
          if (meta.date) shown[dateLabel] = meta.date;
          result.meta = shown;
        }
        return result;
      }
    };
    var more = list(root.getAttribute("data-more"));
    if (more.length) {
      // The index comes in bundles (newsroom/outputs/search.py), merged here.
      options.mergeIndex = more.map(function (url) { return { bundlePath: url, baseUrl: base }; });
    }
    page = new window.PagefindUI(options);
    var box = root.querySelector("input[type=text], input[type=search]");
    // Pagefind names its form, not its text box (axe: label-title-only); the
    // box gets the form's own translated name.
    var form = root.querySelector("form[aria-label]");
    if (form && box && !box.hasAttribute("aria-label")) box.setAttribute("aria-label", form.getAttribute("aria-label"));
    // Arriving with ?q=: the box filled in, the results shown.
    var term = new URLSearchParams(location.search).get("q");
    if (term) page.triggerSearch(term);
    // The address follows the box, so that it can be shared.
    if (box) {
      box.addEventListener("input", function () { remember(box.value); });
    }
  }

  function pageBox() {
    return document.querySelector("#site-search input[type=text], #site-search input[type=search]");
  }

  function remember(term) {
    var url = withQuery(location.href, term.trim() ? term : "");
    if (url !== location.href) history.replaceState(history.state, "", url);
  }

  // --- the header's box ----------------------------------------------------------

  function startHeader(form) {
    var input = form.querySelector(".news-search__input");
    var panel = form.querySelector(".news-search__panel");
    var status = form.querySelector(".news-search__status");
    var results = form.querySelector(".news-search__results");
    var more = form.querySelector(".news-search__more");
    var all = form.querySelector(".news-search__all");
    var close = form.querySelector(".news-search__close");
    if (!input || !panel || !status || !results) return;
    // The words it shows, in the page's language (data-t-<key>, from the template).
    var words = {};
    Array.prototype.forEach.call(form.attributes, function (attribute) {
      if (attribute.name.indexOf("data-t-") === 0) words[attribute.name.slice(7)] = attribute.value;
    });
    var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(LANG) : null;
    var engine = null;   // a promise of Pagefind, made ready on the first focus
    var latest = 0;      // the newest search; older answers are dropped

    form.classList.add("news-search--js");
    if (close) close.hidden = false;

    function say(text) {
      if (status.textContent !== text) status.textContent = text;
    }

    function word(key, values) {
      var text = words[key] || words.other || "";
      return text.replace(/\{(\w+)\}/g, function (whole, name) {
        return values && name in values ? String(values[name]) : whole;
      });
    }

    function count(n, term) {
      if (!n) return word("none", { q: term });
      var kind = plural ? plural.select(n) : (n === 1 ? "one" : "other");
      return word(words[kind] ? kind : "other", { n: n, q: term });
    }

    // Which bundles to load: from the form (the build's news_search), or
    // else from the search page, which always says.
    function bundles() {
      var root = form.getAttribute("data-root") || "/";
      var base = new URL(root, document.baseURI).pathname;
      var more = form.getAttribute("data-more");
      if (more !== null) {
        var first = absolute(form.getAttribute("data-bundle"));
        var engine = form.getAttribute("data-engine");
        return Promise.resolve({ first: first, more: list(more), base: base,
                                 engine: engine ? absolute(engine) : absolute("pagefind.js", first) });
      }
      var at = form.action;
      return fetch(at, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error("search page: HTTP " + response.status);
        return response.text().then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var found = doc.getElementById("site-search");
          var url = response.url || at;
          if (!found || !found.getAttribute("data-bundle")) throw new Error("search page: no bundles");
          var first = absolute(found.getAttribute("data-bundle"), url);
          var engine = found.getAttribute("data-engine");
          return {
            first: first,
            engine: engine ? absolute(engine, url) : absolute("pagefind.js", first),
            more: list(found.getAttribute("data-more"), url),
            base: found.getAttribute("data-base") || base
          };
        });
      });
    }

    function prepare() {
      if (!engine) {
        engine = bundles().then(function (info) {
          return import(info.engine).then(function (pagefind) {
            return Promise.resolve(pagefind.options({ baseUrl: info.base, excerptLength: 20 }))
              .then(function () {
                return Promise.all(info.more.map(function (url) {
                  return pagefind.mergeIndex(url, { baseUrl: info.base });
                }));
              })
              .then(function () { return pagefind.init ? pagefind.init() : null; })
              .then(function () { return pagefind; });
          });
        });
        engine.catch(function () { engine = null; });  // a later focus tries again
      }
      return engine;
    }

    function open() {
      form.classList.add("is-open");
    }

    function hidePanel() {
      panel.hidden = true;
    }

    function shut() {
      hidePanel();
      form.classList.remove("is-open");
    }

    function clear() {
      latest += 1;
      results.removeAttribute("aria-busy");
      results.textContent = "";
      say("");
      if (more) more.hidden = true;
      hidePanel();
    }

    function render(found, total, term) {
      var items = document.createDocumentFragment();
      found.forEach(function (data) {
        if (!data || !data.url) return;
        var meta = data.meta || {};
        var item = document.createElement("li");
        item.className = "news-search__result";
        var link = document.createElement("a");
        link.href = data.url;
        var title = document.createElement("span");
        title.className = "news-search__title";
        title.textContent = meta.title || data.url;
        link.appendChild(title);
        if (meta.date) {
          var when = document.createElement("time");
          when.className = "news-search__date";
          if (meta.datetime) when.setAttribute("datetime", meta.datetime);
          when.textContent = meta.date;
          link.appendChild(when);
        }
        var excerpt = document.createElement("span");
        excerpt.className = "news-search__excerpt";
        excerptNodes(data.excerpt).forEach(function (node) { excerpt.appendChild(node); });
        link.appendChild(excerpt);
        item.appendChild(link);
        items.appendChild(item);
      });
      // A reader on a result keeps it (the same page) when the list changes.
      var focused = results.contains(document.activeElement) ? document.activeElement.getAttribute("href") : null;
      results.textContent = "";
      results.appendChild(items);
      results.removeAttribute("aria-busy");
      if (focused !== null) {
        var same = Array.prototype.filter.call(results.querySelectorAll("a[href]"), function (link) {
          return link.getAttribute("href") === focused;
        })[0];
        if (same) same.focus();
        else back();
      }
      if (more && all) {
        all.href = withQuery(form.action, term);
        more.hidden = !total;
      }
      say(count(total, term));
    }

    function run() {
      var term = input.value;
      var asked = query(term);
      if (all) all.href = withQuery(form.action, term.trim());
      if (!asked) { clear(); return; }
      var ticket = (latest += 1);
      panel.hidden = false;
      results.setAttribute("aria-busy", "true");
      if (!results.childElementCount) say(words.searching || "");
      prepare().then(function (pagefind) {
        return pagefind.debouncedSearch(asked, {}, DEBOUNCE);
      }).then(function (search) {
        if (!search || ticket !== latest) return null;  // a newer search replaced it
        return Promise.all(search.results.slice(0, SHOWN).map(function (result) { return result.data(); }))
          .then(function (found) {
            if (ticket === latest) render(found, search.results.length, term.trim());
          });
      }).catch(function (error) {
        if (ticket !== latest) return;
        results.removeAttribute("aria-busy");
        results.textContent = "";
        if (more) more.hidden = true;
        say(words.error || String(error));
      });
    }

    function links() {
      return Array.prototype.slice.call(panel.querySelectorAll("a[href]")).filter(function (link) {
        return !link.closest("[hidden]");
      });
    }

    var returning = false;  // focus given back to the box by Escape: results stay closed

    function back() {
      returning = true;
      input.focus();
      returning = false;
    }

    input.addEventListener("focus", function () {
      open();
      if (page) return;  // on the search page the page's own results are shown
      prepare().catch(function () {});
      if (!returning && input.value.trim() && panel.hidden) run();
    });

    input.addEventListener("input", function () {
      if (page) {
        // On the search page the header's box drives the page's results.
        page.triggerSearch(input.value);
        remember(input.value);
        return;
      }
      open();
      run();
    });

    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        if (!panel.hidden) {
          hidePanel();
          back();
        } else {
          shut();
          input.blur();
        }
        event.preventDefault();
        return;
      }
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      var targets = links();
      if (!targets.length || panel.hidden) return;
      var at = targets.indexOf(document.activeElement);
      var next;
      if (event.key === "ArrowDown") next = at < 0 ? 0 : Math.min(at + 1, targets.length - 1);
      else next = at <= 0 ? -1 : at - 1;
      event.preventDefault();
      if (next < 0) back();
      else targets[next].focus();
    });

    if (close) {
      close.addEventListener("click", function () {
        shut();
        if (document.activeElement && form.contains(document.activeElement)) document.activeElement.blur();
      });
    }

    // Closed by a tap or focus anywhere else.
    document.addEventListener("pointerdown", function (event) {
      if (form.classList.contains("is-open") && !form.contains(event.target)) shut();
    });
    document.addEventListener("focusin", function (event) {
      if (form.classList.contains("is-open") && !form.contains(event.target)) shut();
    });

    return input;
  }

  // --- the keyboard shortcut -----------------------------------------------------

  function shortcut(box) {
    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (!SHORTCUTS[event.key]) return;
      if (typing(document.activeElement)) return;  // not while typing in a field
      var target = pageBox() || box;
      if (!target) return;
      event.preventDefault();
      target.focus();
      if (target.select) target.select();
    });
  }

  // --- start ---------------------------------------------------------------------

  function start() {
    var root = document.querySelector("#site-search[data-bundle]");
    if (root && typeof window.PagefindUI === "function") {
      try {
        startPage(root);
      } catch (error) {
        if (window.console) console.error(error);
      }
    }
    var form = document.querySelector("form.news-search");
    var box = form ? startHeader(form) : null;
    shortcut(box);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
