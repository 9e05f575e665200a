// Application form: focus the error summary, and add participant rows without a page reload.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  var form = document.querySelector(".application-form");
  if (!form) { return; }
  var addButton = form.querySelector('button[name="add_participant"]');
  var total = form.querySelector('input[name="participants-TOTAL_FORMS"]');
  var max = form.querySelector('input[name="participants-MAX_NUM_FORMS"]');
  if (!addButton || !total) { return; }

  addButton.addEventListener("click", function (event) {
    var rows = form.querySelectorAll("fieldset.participant");
    var count = parseInt(total.value, 10);
    if (max && count >= parseInt(max.value, 10)) { return; }
    event.preventDefault();
    var template = rows[rows.length - 1];
    var row = template.cloneNode(true);
    var pattern = /participants-(\d+)-/g;
    row.querySelectorAll("[name],[id],[for],[aria-describedby]").forEach(function (el) {
      ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
        if (el.hasAttribute(attr)) {
          el.setAttribute(attr, el.getAttribute(attr).replace(pattern, "participants-" + count + "-"));
        }
      });
      if (el.matches("input[type=text], input[type=email]")) { el.value = ""; }
      if (el.matches("input[type=radio], input[type=checkbox]")) { el.checked = false; }
      if (el.matches("input[type=hidden][name$='-id']")) { el.value = ""; }
    });
    row.querySelectorAll(".errorlist").forEach(function (el) { el.remove(); });
    var legend = row.querySelector("legend");
    if (legend) { legend.textContent = legend.textContent.replace(/\d+/, String(count + 1)); }
    template.parentNode.insertBefore(row, addButton);
    total.value = String(count + 1);
    var first = row.querySelector("input[type=text]");
    if (first) { first.focus(); }
  });
})();
