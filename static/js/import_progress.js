// Follows a running HSDS import on its admin page: every 2 seconds, reads the page again and
// puts its progress in place of the old (a change the role="status" line announces), so
// nothing reloads under the curator's eyes. Once the run has ended, loads the page once to
// show its report. Without JavaScript the page reloads itself instead (a <noscript> refresh).
(function () {
  "use strict";
  var live = document.getElementById("import-live");
  if (!live || !window.fetch || !window.DOMParser) {
    return;
  }
  function follow() {
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var next = fresh.getElementById("import-live");
        if (!next) {
          window.location.reload();
          return;
        }
        var status = live.querySelector("[role=status]");
        var nextStatus = next.querySelector("[role=status]");
        if (status && nextStatus && status.textContent !== nextStatus.textContent) {
          status.textContent = nextStatus.textContent;
        }
        var bar = live.querySelector("progress");
        var nextBar = next.querySelector("progress");
        if (nextBar && !bar) {
          live.appendChild(nextBar);
        } else if (bar && nextBar) {
          bar.value = nextBar.value;
          bar.max = nextBar.max;
        }
        window.setTimeout(follow, 2000);
      })
      .catch(function () {
        window.setTimeout(follow, 10000); // the server restarts: try again, less often
      });
  }
  window.setTimeout(follow, 2000);
})();
