/* The news site's additions to Decap CMS (the web editor at /admin/).
 *
 * Loaded after slug.js and js-yaml and before decap-cms.js; it asks Decap
 * not to start by itself (CMS_MANUAL_INIT), registers what is below once
 * Decap has loaded, then starts it. The editor's configuration (config.yml)
 * is generated from the contract by newsroom/editors/cms.py; this file does
 * what a configuration cannot:
 *
 *  - the story files' format ("newsroom-md"): front matter as the engine
 *    reads it (every text in double quotes, so that a title such as
 *    2025-12-04 or «так» stays text; tags in square brackets), empty fields
 *    and false switches left out, an event time of 00:00 written as the date
 *    alone, and the editor's own helper fields (date, slug: they make the
 *    folder's name) never written;
 *  - the folder of a new story, news/<YYYY>/<YYYY-MM-DD>-<slug>/: the slug is
 *    the Ukrainian title in the official transliteration (slug.js, the same
 *    as `python -m newsroom new`), the date the one chosen or today in Kyiv;
 *  - the title: required in the original (Ukrainian), and in a translation
 *    only when the translation has any text (a story may have no English),
 *    and no file at all for a language left empty;
 *  - a new story never written into the folder of another;
 *  - checks before saving that Decap's fields cannot express (an event
 *    needs its start, a picture its description): the story is not saved and
 *    the message says what to fix;
 *  - uploaded files renamed to Latin letters, digits and hyphens
 *    ("Світлина форуму.JPG" -> svitlyna-forumu.jpg), as the guide asks.
 */
(function () {
  "use strict";

  window.CMS_MANUAL_INIT = true;

  // `mkdocs serve` (make edit) adds a script to every HTML page that reloads
  // it after each rebuild; each save in the editor changes news/ and so
  // rebuilds the site. The editor must not reload under the editor's hands.
  try {
    Object.defineProperty(window, "livereload", {
      configurable: false,
      get: function () { return function () {}; },
      set: function () {},
    });
  } catch (error) { /* not served by mkdocs serve */ }

  var settings = JSON.parse(document.getElementById("newsroom-settings").textContent);
  var DEFAULT_LOCALE = settings.default_locale;
  var OTHER_LOCALES = settings.locales.filter(function (l) { return l !== DEFAULT_LOCALE; });
  // Fields of the editor that only make a new story's folder: never written.
  var HELPERS = ["date", "slug"];
  // What a translation may say (besides its title).
  var TRANSLATION_TEXT = ["summary", "source", "image_alt", "body"];

  function text(value) {
    return value === undefined || value === null ? "" : String(value).trim();
  }

  function get(map, key) {
    return map && typeof map.get === "function" ? map.get(key) : undefined;
  }

  function hasText(data) {
    if (!data) return false;
    if (TRANSLATION_TEXT.some(function (key) { return text(get(data, key)); })) return true;
    return !!text(get(get(data, "event"), "place"));
  }

  function kyivToday() {
    // en-CA writes dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat("en-CA", {
      timeZone: settings.timezone, year: "numeric", month: "2-digit", day: "2-digit",
    }).format(new Date());
  }

  // --- uploaded files' names ---------------------------------------------------------

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.files || !input.files.length) {
      return;
    }
    var renamed = new DataTransfer();
    var changed = false;
    Array.prototype.forEach.call(input.files, function (file) {
      var name = window.newsroomSlug.fileName(file.name);
      changed = changed || name !== file.name;
      renamed.items.add(name === file.name ? file
        : new File([file], name, { type: file.type, lastModified: file.lastModified }));
    });
    if (changed) input.files = renamed.files;
  }, true);  // capture: before the editor reads the files

  // --- the story files' format -------------------------------------------------------

  var DATE_ONLY = /^(\d{4}-\d{2}-\d{2})[ T]00:00(?::00)?$/;

  function clean(value, path) {
    if (value === undefined || value === null || value === false) return undefined;
    if (typeof value === "number") return String(value);
    if (typeof value === "string") {
      var trimmed = value.trim();
      if (!trimmed) return undefined;
      if (path === "event.start" || path === "event.end") {
        var day = DATE_ONLY.exec(trimmed);
        if (day) return day[1];
      }
      return trimmed;
    }
    if (Array.isArray(value)) {
      var items = value.map(function (item) { return clean(item, path + "[]"); })
        .filter(function (item) { return item !== undefined; });
      return items.length ? items : undefined;
    }
    if (typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (key) {
        var cleaned = clean(value[key], path + "." + key);
        if (cleaned !== undefined) out[key] = cleaned;
      });
      return Object.keys(out).length ? out : undefined;
    }
    return value;
  }

  function dumpField(key, value) {
    var single = {};
    single[key] = value;
    return window.jsyaml.dump(single, {
      schema: window.jsyaml.CORE_SCHEMA,
      forceQuotes: true,
      quotingType: "\"",
      lineWidth: -1,
      noRefs: true,
      flowLevel: Array.isArray(value) ? 1 : -1,
    });
  }

  function fromFile(content) {
    var lines = String(content).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
    if (lines[0].trim() !== "---") return { body: lines.join("\n") };
    var end = -1;
    for (var i = 1; i < lines.length; i++) {
      if (lines[i].trim() === "---") { end = i; break; }
    }
    if (end < 0) return { body: lines.join("\n") };
    var data = window.jsyaml.load(lines.slice(1, end).join("\n"), { schema: window.jsyaml.CORE_SCHEMA }) || {};
    if (typeof data !== "object" || Array.isArray(data)) data = {};
    data.body = lines.slice(end + 1).join("\n").replace(/^\n+/, "").replace(/\s+$/, "");
    return data;
  }

  function toFile(data, sortedKeys) {
    var order = (sortedKeys || []).filter(function (key) { return key in data; });
    Object.keys(data).forEach(function (key) { if (order.indexOf(key) < 0) order.push(key); });
    var front = "";
    order.forEach(function (key) {
      if (key === "body" || HELPERS.indexOf(key) >= 0) return;
      var value = clean(data[key], key);
      if (value !== undefined) front += dumpField(key, value);
    });
    if (!text(data.title)) return "";  // a translation left empty: no file (guardBackend)
    var body = text(data.body);
    return "---\n" + front + "---\n" + (body ? "\n" + body + "\n" : "");
  }

  // --- the title -----------------------------------------------------------------------

  /* Decap requires the title (required: true) in every language's column;
   * a translation's column left wholly empty is no translation, so there the
   * title's value counts as given (Decap validates getValidateValue()). */
  function titleControl(StringControl) {
    return window.createClass({
      getValidateValue: function () {
        var props = this.props;
        var locale = props.locale || DEFAULT_LOCALE;
        if (locale !== DEFAULT_LOCALE && !text(props.value)
            && !hasText(props.entry && props.entry.getIn(["i18n", locale, "data"]))) {
          return "(no translation)";
        }
        return props.value;
      },
      render: function () {
        return window.h(StringControl, this.props);
      },
    });
  }

  // --- what the backends are given to write --------------------------------------------

  /* Decap writes every language's file of a new story, an empty one (a
   * line break) for a language left empty, which the engine rejects ("the
   * file is empty"): the backends (GitHub, and decap-server for make edit)
   * are given only the files that have text. And a new story never takes
   * the folder of another: Decap would write over its files, or name them
   * index-1.uk.md beside them, when the two have the same date and title. */
  var STORY_FILE = /^(.*\/)index\.([^./]+)\.md$/;

  function takenMessage(path) {
    return "Новина з такою датою й заголовком уже є (" + path.replace(/\/[^/]*$/, "/") + "): "
      + "змініть заголовок або дату публікації";
  }

  function guardBackend(CMS, name) {
    var backend = CMS.getBackend(name);
    if (!backend) return;
    var init = backend.init;
    backend.init = function () {
      var implementation = init.apply(this, arguments);
      var persistEntry = implementation.persistEntry.bind(implementation);
      implementation.persistEntry = function (entry, options) {
        var dataFiles = (entry.dataFiles || []).filter(function (file) { return text(file.raw); });
        var checks = [];
        if (options && options.newEntry) {
          dataFiles.forEach(function (file) {
            var parts = STORY_FILE.exec(file.path);
            if (!parts) throw new Error(takenMessage(file.path));
            [file.path, parts[1] + parts[2] + ".md"].forEach(function (path) {
              checks.push(Promise.resolve(implementation.getEntry(path)).then(
                function (found) { return found && text(found.data) ? path : ""; },
                function () { return ""; }));
            });
          });
        }
        return Promise.all(checks).then(function (taken) {
          taken = taken.filter(Boolean);
          if (taken.length) throw new Error(takenMessage(taken[0]));
          return persistEntry(Object.assign({}, entry, { dataFiles: dataFiles }), options);
        });
      };
      return implementation;
    };
  }

  // --- checks and the new story's folder, before saving ---------------------------------

  function preSave(args) {
    var entry = args.entry;
    var data = entry.get("data");
    var problems = [];
    var title = text(data.get("title"));
    if (!title) problems.push("Заголовок українською — обов’язкове поле");
    if (!text(data.get("category"))) problems.push("Рубрика — обов’язкове поле");
    OTHER_LOCALES.forEach(function (locale) {
      var translation = entry.getIn(["i18n", locale, "data"]);
      if (hasText(translation) && !text(get(translation, "title"))) {
        problems.push("Заголовок (" + locale.toUpperCase() + ") потрібен, коли є текст цією мовою");
      }
      if (text(get(get(translation, "event"), "place")) && !text(get(get(data, "event"), "start"))) {
        problems.push("Місце події (" + locale.toUpperCase() + ") без початку події: вкажіть початок в оригіналі");
      }
    });
    if (text(data.get("image")) && !text(data.get("image_alt"))) {
      problems.push("Опис світлини — обов’язковий, коли є світлина (що на ній видно)");
    }
    var event = data.get("event");
    if (["end", "place", "url"].some(function (key) { return text(get(event, key)); })
        && !text(get(event, "start"))) {
      problems.push("Подія: вкажіть початок (дату й час) або очистьте поля події");
    }
    var day = text(data.get("date"));
    if (entry.get("newRecord")) {
      if (day && !/^\d{4}-\d{2}-\d{2}$/.test(day)) problems.push("Дата публікації: РРРР-ММ-ДД");
    } else if (day) {
      problems.push("Дату публікації збереженої новини тут не змінити (вона в адресі новини): очистьте поле «Дата публікації»");
    }
    var slug = title ? window.newsroomSlug(title) : "";
    if (title && !slug) problems.push("Заголовок українською не дає адреси: у ньому немає ні літер, ні цифр");
    if (problems.length) throw new Error(problems.join("; "));
    if (!entry.get("newRecord")) return undefined;
    // The folder: {{year}}/{{year}}-{{month}}-{{day}}-{{slug}}/ (config.yml's
    // path) reads the day from `date` in UTC: noon UTC is the same day.
    return data.set("slug", slug).set("date", (day || kyivToday()) + "T12:00:00Z");
  }

  // --- start -----------------------------------------------------------------------------

  window.addEventListener("DOMContentLoaded", function () {
    var CMS = window.CMS;
    CMS.registerCustomFormat("newsroom-md", "md", { fromFile: fromFile, toFile: toFile });
    var string = CMS.getWidget("string");
    CMS.registerWidget("newsroom-title", titleControl(string.control), string.preview);
    CMS.registerEventListener({ name: "preSave", handler: preSave });
    guardBackend(CMS, "github");
    guardBackend(CMS, "proxy");
    CMS.init();
  });

  // For tests/test_cms.py (node): the format and the checks before saving.
  window.newsroomEditor = { fromFile: fromFile, toFile: toFile, preSave: preSave, kyivToday: kyivToday };
})();
