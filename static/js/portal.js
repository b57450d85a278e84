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

// Session timeout warning (WCAG 2.2.1): two minutes before the session ends, offer to continue.
(function () {
  "use strict";
  var dialog = document.getElementById("timeout-dialog");
  if (!dialog || !window.fetch) {
    return;
  }
  var WARN_BEFORE = 120;
  var timer;
  var lastFocus;

  function schedule(seconds) {
    window.clearTimeout(timer);
    timer = window.setTimeout(show, Math.max(0, seconds - WARN_BEFORE) * 1000);
  }

  // A modal dialog: while it is open the page behind it is inert, so Tab and a screen reader's
  // cursor stay in the dialog instead of wandering into the page under the overlay.
  function setPageInert(inert) {
    Array.prototype.forEach.call(document.body.children, function (element) {
      if (element !== dialog) {
        element.inert = inert;
      }
    });
  }

  function show() {
    lastFocus = document.activeElement;
    setPageInert(true);
    dialog.hidden = false;
    dialog.querySelector("button").focus();
  }

  function hide() {
    dialog.hidden = true;
    setPageInert(false);
    if (lastFocus && lastFocus.focus) {
      lastFocus.focus();
    }
  }

  var form = dialog.querySelector("form");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    }).then(function (response) {
      if (response.ok) {
        hide();
        schedule(parseInt(dialog.dataset.sessionAge, 10));
      }
    });
  });
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      form.requestSubmit();
    }
  });

  schedule(parseInt(dialog.dataset.expiresIn, 10));
})();
