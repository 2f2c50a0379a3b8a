/* The slug of a story from its Ukrainian title, in the browser: the
 * official Ukrainian transliteration (Cabinet of Ministers resolution No. 55
 * of 27 January 2010) by the npm package cyrillic-to-translit-js (preset
 * "uk"), cut the way newsroom/model/slugs.py cuts it, so that the web editor
 * and `python -m newsroom new` make the same slug («Полтава» -> poltava).
 * tests/test_cms.py runs this file under node on the same examples as the
 * Python slugify's tests.
 *
 * In the browser, load node_modules/cyrillic-to-translit-js/dist/bundle.js
 * first (it defines window.cyrillicToTranslit); this file then defines
 * window.newsroomSlug. Under node, require() it. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("cyrillic-to-translit-js"));
  } else {
    root.newsroomSlug = factory(root.cyrillicToTranslit);
  }
})(typeof self !== "undefined" ? self : this, function (cyrillicToTranslit) {
  "use strict";

  var translit = cyrillicToTranslit({ preset: "uk" });
  var APOSTROPHES = "'’ʼ`";

  /* The package starts a word only after a space; KMU 2010 spells a
   * letter at the start of any word its own way (Є -> Ye, but -ie- inside),
   * and any punctuation starts a word («Євро» -> yevro). So every run of
   * characters that are not letters or digits becomes one space, except an
   * apostrophe between two letters (Знам'янка -> znamianka). */
  function words(text) {
    var chars = Array.from(String(text).normalize("NFC"));
    var out = "";
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      var letterOrDigit = /[\p{L}\p{N}]/u.test(c);
      var inWordApostrophe = APOSTROPHES.indexOf(c) >= 0 && i > 0 && i < chars.length - 1 &&
        /\p{L}/u.test(chars[i - 1]) && /\p{L}/u.test(chars[i + 1]);
      if (letterOrDigit) {
        out += c;
      } else if (inWordApostrophe) {
        out += "'";
      } else if (!out.endsWith(" ")) {
        out += " ";
      }
    }
    return out.trim();
  }

  /* «Полтава» -> "poltava"; cut at a word boundary to maxLength (60). */
  function slugify(text, maxLength) {
    maxLength = maxLength || 60;
    var latin = translit.transform(words(text)).toLowerCase();
    var parts = latin.match(/[a-z0-9]+/g) || [];
    var slug = "";
    for (var i = 0; i < parts.length; i++) {
      var candidate = slug ? slug + "-" + parts[i] : parts[i];
      if (candidate.length > maxLength) break;
      slug = candidate;
    }
    if (!slug && parts.length) slug = parts[0].slice(0, maxLength);
    return slug;
  }

  /* A file name the guide asks for: Latin letters, digits and hyphens,
   * lowercase, with its extension ("Світлина форуму.JPG" -> svitlyna-forumu.jpg). */
  function fileName(name) {
    var dot = name.lastIndexOf(".");
    var stem = dot > 0 ? name.slice(0, dot) : name;
    var extension = dot > 0 ? name.slice(dot + 1).toLowerCase().replace(/[^a-z0-9]/g, "") : "";
    var base = slugify(stem, 80) || "file";
    return extension ? base + "." + extension : base;
  }

  slugify.fileName = fileName;
  return slugify;
});
