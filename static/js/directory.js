// The directory page (templates/directory/index.html). Without JavaScript the filters stay
// open and a search still lands on the results through the #results anchor.
(function () {
  "use strict";
  // On a narrow screen the results come first: the filters fold behind their "Filters (n)"
  // summary. On a wide screen they sit beside the results, open. The breakpoint is site.css's.
  var filters = document.getElementById("filters");
  var wide = window.matchMedia("(min-width: 52rem)");
  if (filters) {
    var fit = function () {
      filters.open = wide.matches;
    };
    fit();
    wide.addEventListener("change", fit);
  }
  // After a search (the form's action ends in #results), a screen reader hears the results
  // heading, which restates the count, rather than nothing at all.
  if (window.location.hash === "#results") {
    var heading = document.getElementById("results");
    if (heading && document.activeElement !== heading) {
      heading.focus();
    }
  }
})();
