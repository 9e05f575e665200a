// wagtail-localize's translation editor (a React bundle) writes its section heading and the
// hidden label of its "more actions" button in English in every admin language. The admin
// template gives their translations (home/templates/wagtail_localize/admin/edit_translation.html);
// this puts them in place each time the editor renders them.
// The admin loads its scripts in the page's head: this waits for the editor's element.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  const words = document.getElementById("translation-editor-words");
  const editor = document.querySelector(".js-translation-editor");
  if (!words || !editor) {
    return;
  }
  const english = {
    heading: words.dataset.headingEn,
    moreActions: "More actions",
  };

  function translate() {
    editor.querySelectorAll("h3").forEach(function (heading) {
      if (heading.textContent === english.heading) {
        heading.textContent = words.dataset.heading;
      }
    });
    editor.querySelectorAll(".w-sr-only").forEach(function (label) {
      if (label.textContent === english.moreActions) {
        label.textContent = words.dataset.moreActions;
      }
    });
  }

  new MutationObserver(translate).observe(editor, { childList: true, subtree: true });
  translate();
});
