// Adds a "Copy link" button beside each referral link field. Without JavaScript (or without
// clipboard access) the field is still there to select and copy by hand. The words come from
// the field's data-copy-* attributes, which the page writes in the reader's language.
(function () {
  "use strict";
  if (!navigator.clipboard) {
    return;
  }
  document.querySelectorAll(".copy-field").forEach(function (field) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button--secondary copy-button";
    button.textContent =
      field.dataset.copyLabel || (field.tagName === "TEXTAREA" ? "Copy text" : "Copy link");
    var status = document.createElement("span");
    status.className = "small";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () {
          status.textContent = " " + (field.dataset.copyDone || "Link copied.");
        },
        function () {
          field.select();
          status.textContent = " " + (field.dataset.copyFailed || "Press Ctrl+C to copy the selected link.");
        }
      );
    });
    field.insertAdjacentElement("afterend", status);
    field.insertAdjacentElement("afterend", button);
  });
})();
