// Material looks up "sitemap.xml" beside every link[rel=alternate] (feeds and
// hreflang links included) to switch languages; only the site's own sitemap
// exists, so such look-ups are sent there: no 404, no request elsewhere. This
// file is at /assets/, one folder below the site's root (see overrides/main.html).
(function () {
  var here = document.currentScript && document.currentScript.src;
  if (!here) return;
  var root = new URL("../sitemap.xml", here).href;
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    try {
      var target = new URL(url, location.href);
      if (/\/sitemap\.xml$/.test(target.pathname) && target.href !== root) args[1] = root;
    } catch (error) {}
    return open.apply(this, args);
  };
})();
