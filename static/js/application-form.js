// Application form: focus the error summary, add and remove participant rows without a page
// reload, and load Google's reCAPTCHA only when the visitor asks for it (a click).
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  var form = document.querySelector(".application-form");
  if (!form) { return; }

  setUpParticipantRows(form);
  setUpSpamCheck();

  // --- participant rows ------------------------------------------------------------------

  function setUpParticipantRows(form) {
    var group = document.getElementById("participants");
    var addButton = form.querySelector('button[name="add_participant"]');
    var total = form.querySelector('input[name="participants-TOTAL_FORMS"]');
    var max = form.querySelector('input[name="participants-MAX_NUM_FORMS"]');
    var status = document.getElementById("participants-status");
    if (!group || !addButton || !total) { return; }
    var pattern = /participants-(\d+)-/g;

    function rows() { return group.querySelectorAll("fieldset.participant"); }

    function say(template, number) {
      return (template || "").replace("{number}", String(number));
    }

    // Give row `row` the index `index`: its field names and ids, its legend and its button.
    function renumber(row, index) {
      row.querySelectorAll("[name],[id],[for],[aria-describedby]").forEach(function (el) {
        ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
          if (el.hasAttribute(attr)) {
            el.setAttribute(attr, el.getAttribute(attr).replace(pattern, "participants-" + index + "-"));
          }
        });
      });
      var legend = row.querySelector("legend");
      if (legend) { legend.textContent = legend.textContent.replace(/\d+/, String(index + 1)); }
      var remove = row.querySelector("button.remove-participant");
      if (remove) { remove.textContent = say(group.dataset.removeLabel, index + 1); }
    }

    function removeRow(row) {
      var all = Array.prototype.slice.call(rows());
      var index = all.indexOf(row);
      row.remove();
      all.slice(index + 1).forEach(function (later, offset) { renumber(later, index + offset); });
      total.value = String(all.length - 1);
      if (status) { status.textContent = say(group.dataset.removedMessage, index + 1); }
      // Focus goes where the row was: the next row's first field, or the "Add" button.
      var next = rows()[index];
      var target = next ? next.querySelector("input[type=text]") : addButton;
      (target || addButton).focus();
    }

    function addRemoveButton(row) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary remove-participant";
      button.addEventListener("click", function () { removeRow(row); });
      row.appendChild(button);
    }

    addButton.addEventListener("click", function (event) {
      var all = rows();
      var count = parseInt(total.value, 10);
      if (max && count >= parseInt(max.value, 10)) { return; }
      event.preventDefault();
      var row = all[all.length - 1].cloneNode(true);
      // A fresh row: no values, no errors, no "delete" box of a stored row, no copied button.
      row.querySelectorAll("input").forEach(function (el) {
        if (el.matches("input[type=text], input[type=email]")) { el.value = ""; }
        if (el.matches("input[type=radio], input[type=checkbox]")) { el.checked = false; }
        if (el.matches("input[type=hidden][name$='-id']")) { el.value = ""; }
        el.removeAttribute("aria-invalid");
      });
      row.querySelectorAll(".errorlist, .checkbox-field, button.remove-participant").forEach(function (el) {
        el.remove();
      });
      addRemoveButton(row);
      renumber(row, count);
      addButton.parentNode.insertBefore(row, addButton);
      total.value = String(count + 1);
      var first = row.querySelector("input[type=text]");
      if (first) { first.focus(); }
    });
  }

  // --- spam check ------------------------------------------------------------------------

  function setUpSpamCheck() {
    var area = document.getElementById("spam-check");
    if (!area) { return; }
    var state = area.querySelector('input[name="captcha"]');
    var button = area.querySelector(".spam-check-load");
    var widget = area.querySelector(".spam-check-widget");
    var status = area.querySelector(".spam-check-status");
    var requested = false;
    var timer = null;
    var LOAD_TIMEOUT_MS = 15000;

    // The spam check cannot be done: say so, and tell the server the form may go without it.
    function giveUp() {
      window.clearTimeout(timer);
      state.value = "unavailable";
      button.hidden = true;
      status.textContent = area.dataset.unavailable;
    }

    // The script did not arrive in time (or at all), unless the widget was drawn meanwhile.
    function unavailable() {
      if (state.value !== "ready") { giveUp(); }
    }

    // Called by Google's script once it has loaded (the `onload` parameter of its address).
    window.aicSpamCheckReady = function () {
      window.clearTimeout(timer);
      try {
        window.grecaptcha.render(widget, {
          sitekey: area.dataset.sitekey,
          "error-callback": giveUp
        });
      } catch {
        unavailable();
        return;
      }
      state.value = "ready";
      status.textContent = "";
    };

    function load() {
      if (requested) { return; }
      requested = true;
      if (document.activeElement === button) { area.focus(); }
      button.hidden = true;
      status.textContent = area.dataset.loading;
      var script = document.createElement("script");
      script.src = area.dataset.script;
      script.async = true;
      script.addEventListener("error", unavailable);
      timer = window.setTimeout(unavailable, LOAD_TIMEOUT_MS);
      document.head.appendChild(script);
    }

    state.value = "";
    button.hidden = false;
    // Only the visitor's click loads Google's script: consent is asked, never implied.
    button.addEventListener("click", load);
  }
})();
