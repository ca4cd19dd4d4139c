// Keeps a page live without reloading it: every element with data-live is replaced, on the poll
// cadence (data-refresh-seconds), by the fragment its URL serves. Without JavaScript the page's
// <noscript> refresh reloads the whole page instead.
"use strict";
document.querySelectorAll("[data-live]").forEach(function (element) {
  var seconds = Number(element.getAttribute("data-refresh-seconds")) || 300;
  window.setInterval(function () {
    fetch(element.getAttribute("data-live"), { headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        element.innerHTML = html;
        // Interactive charts draw themselves again over the new content.
        element.dispatchEvent(new CustomEvent("stackwatch:replaced", { bubbles: true }));
      })
      .catch(function () {
        // Keep what is shown: the next tick tries again.
      });
  }, seconds * 1000);
});
