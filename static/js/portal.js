// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Move focus to the error summary so screen-reader and keyboard users hear what went wrong.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }

  // A form is sent once: later submits (double click, Enter twice) are ignored.
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.submitting === "true") {
        event.preventDefault();
        return;
      }
      form.dataset.submitting = "true";
      var button = event.submitter;
      if (button && button.hasAttribute("data-prevent-double-submit")) {
        button.setAttribute("aria-disabled", "true");
      }
    });
  });
})();
