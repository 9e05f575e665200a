// Site frame: the "Menu" button and the language chooser. Without JavaScript the menu opens
// through its link (#site-menu, :target) and the chooser is a plain <details>; this only enhances.
(function () {
  "use strict";
  var button = document.querySelector(".menu-button");
  var link = document.querySelector(".menu-link");
  var menu = document.getElementById("site-menu");
  if (button && link && menu) {
    link.hidden = true;
    button.hidden = false;
    var setOpen = function (open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    };
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
    // A menu opened through #site-menu before the script ran stays open, marked as such.
    if (window.location.hash === "#site-menu") { setOpen(true); }
  }

  // A panel folded on phones (the library's filters) opens on a wide screen.
  if (window.matchMedia("(min-width: 48em)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      details.open = true;
    });
  }

  // An outcome page (a verdict, a confirmation, an error) puts the focus on its outcome, so
  // that a screen reader reads it first.
  var outcome = document.querySelector("[data-outcome]");
  if (outcome) { outcome.focus(); }

  document.querySelectorAll("details.dropdown").forEach(function (details) {
    var summary = details.querySelector("summary");
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && details.open) {
        details.open = false;
        summary.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (details.open && !details.contains(event.target)) { details.open = false; }
    });
  });
})();
