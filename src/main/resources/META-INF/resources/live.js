// Keeps a page live without reloading it: every element with data-live is replaced by the fragment
// its URL serves, first after data-refresh-seconds, then after the seconds each fragment's
// Stackwatch-Refresh-Seconds header names. The server knows when the next poll is due, so a page
// asks just after it, and within a second while nothing was polled yet. Without JavaScript the
// page's <noscript> refresh reloads the whole page instead.
"use strict";
document.querySelectorAll("[data-live]").forEach(function (element) {
  var fallback = Number(element.getAttribute("data-refresh-seconds")) || 300;
  function refreshIn(seconds) {
    window.setTimeout(refresh, Math.max(1, seconds) * 1000);
  }
  function refresh() {
    fetch(element.getAttribute("data-live"), { headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        var next = Number(response.headers.get("Stackwatch-Refresh-Seconds")) || fallback;
        return response.text().then(function (html) {
          element.innerHTML = html;
          // Interactive charts draw themselves again over the new content.
          element.dispatchEvent(new CustomEvent("stackwatch:replaced", { bubbles: true }));
          refreshIn(next);
        });
      })
      .catch(function () {
        // Keep what is shown and try again at the usual cadence.
        refreshIn(fallback);
      });
  }
  refreshIn(fallback);
});
