// Shows each Print button (rendered hidden, so that without JavaScript there is no button
// that does nothing) and prints the page when it is pressed. print.css decides what prints.
(function () {
  "use strict";
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
