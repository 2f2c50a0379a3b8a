/* Click-to-play videos (issue 22; the blocks are written by newsroom/render/video.py).
 *
 * A block is <figure class="news-video" data-news-video="youtube|vimeo"
 * data-news-video-id="ID"> holding <a class="news-video__poster" href="the
 * editor's link" aria-label="Відтворити відео: …">: without this script it is
 * a plain link. This script makes that link a <button> with the same name and
 * content; on click (or Enter, Space) the button gives way to an <iframe> of
 * youtube-nocookie.com or player.vimeo.com, which gets the focus. Nothing is
 * requested from the video host before the click. The iframe's address is
 * built here from the id (checked again), never taken from the page's links.
 * No inline script or style: the looks are news-video.css's classes. */
(function () {
  "use strict";

  var PLAYERS = {
    youtube: {
      id: /^[A-Za-z0-9_-]{11}$/,
      src: function (id) { return "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1"; }
    },
    vimeo: {
      id: /^[0-9]{1,12}$/,
      src: function (id) { return "https://player.vimeo.com/video/" + id + "?autoplay=1"; }
    }
  };

  function play(button, src, title) {
    var frame = document.createElement("iframe");
    frame.className = "news-video__frame";
    frame.title = title;
    frame.setAttribute("allow", "autoplay; fullscreen; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("loading", "eager");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.src = src;
    button.replaceWith(frame);
    frame.focus();
  }

  function upgrade(figure) {
    if (figure.hasAttribute("data-news-video-ready")) return;
    var player = Object.prototype.hasOwnProperty.call(PLAYERS, figure.getAttribute("data-news-video"))
      ? PLAYERS[figure.getAttribute("data-news-video")] : null;
    var id = figure.getAttribute("data-news-video-id") || "";
    var link = figure.querySelector("a.news-video__poster");
    if (!player || !player.id.test(id) || !link) return;
    var heading = figure.querySelector(".news-video__title");
    var title = (heading && heading.textContent.trim()) || link.getAttribute("aria-label") || "";
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.setAttribute("aria-label", link.getAttribute("aria-label") || title);
    while (link.firstChild) button.appendChild(link.firstChild);
    link.replaceWith(button);
    figure.setAttribute("data-news-video-ready", "");
    button.addEventListener("click", function () { play(button, player.src(id), title); });
  }

  function upgradeAll() {
    var blocks = document.querySelectorAll("figure.news-video[data-news-video]");
    for (var i = 0; i < blocks.length; i++) upgrade(blocks[i]);
  }

  // Material's instant loading (if turned on) swaps pages without reloading:
  // its document$ tells of each page; otherwise the page is read once.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(upgradeAll);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", upgradeAll);
  } else {
    upgradeAll();
  }
})();
