// Quick exit: leave for a neutral site at once, from the button on every page or with
// Escape pressed twice within a second (not in the admin: data-escape="off").
//
// Without JavaScript the button is a plain link (rel="noreferrer"). With it, the page is
// blanked first, the current history entry is rewritten to the site's front page (so its
// address and title do not show in the back history), and location.replace() swaps it for
// the neutral site, so Back does not return to it. Earlier pages of this site stay in the
// history: no browser lets a page remove them (README: "Quick exit").
(function () {
  "use strict";
  var link = document.querySelector("a[data-quick-exit]");
  if (!link) {
    return;
  }
  var target = link.href;
  var lastEscape = 0;

  function leave() {
    document.title = "";
    document.body.hidden = true;
    try {
      window.history.replaceState(null, "", "/");
    } catch (error) {
      // A browser that refuses still leaves below.
    }
    window.location.replace(target);
  }

  link.addEventListener("click", function (event) {
    if (event.ctrlKey || event.metaKey || event.shiftKey) {
      return; // a new tab or window was asked for: leave that to the browser
    }
    event.preventDefault();
    leave();
  });

  if (link.getAttribute("data-escape") === "off") {
    return; // the admin: Escape closes its calendars and choosers (admin/base_site.html)
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") {
      return;
    }
    var now = Date.now();
    if (now - lastEscape < 1000) {
      leave();
    }
    lastEscape = now;
  });
})();
