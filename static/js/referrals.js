// Add to / remove from the referral list without leaving the page. Without JavaScript each
// button is an ordinary form (a POST, then back to the same page with a message).
(function () {
  "use strict";
  var counts = document.querySelectorAll("[data-referral-count]");
  document.querySelectorAll("form[data-referral-toggle]").forEach(function (form) {
    var button = form.querySelector("button");
    var label = form.querySelector("[data-label]");
    var status = form.querySelector("[data-status]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (button.disabled) {
        return; // a second click while the first is on its way
      }
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          status.textContent = " " + result.data.message;
          if (!result.ok) {
            return;
          }
          var onList = form.dataset.onList !== "true";
          form.dataset.onList = onList ? "true" : "false";
          form.action = onList ? form.dataset.removeUrl : form.dataset.addUrl;
          label.textContent = onList ? form.dataset.removeLabel : form.dataset.addLabel;
          counts.forEach(function (count) {
            count.textContent = result.data.count;
          });
        })
        .catch(function () {
          form.submit(); // the plain form still works
        })
        .finally(function () {
          button.disabled = false;
        });
    });
  });
})();
