// In the static archive, a verification code typed in the form opens that certificate's own
// page (the archive holds one per certificate): a static server cannot read ?code=.
// The code is read as the site reads it (certificates/models.py, normalise_code): any case,
// spaces and dashes, 0 for O, 1 for I, 8 for B; 16 letters in groups of 4.
const CODE_LETTERS = 16;
const CODE_GROUP = 4;
const LOOK_ALIKES = { 0: "O", 1: "I", 8: "B" };

function normaliseCode(text) {
  const letters = text.toUpperCase().replace(/[^A-Z0-9]/g, "").replace(/[018]/g, (d) => LOOK_ALIKES[d]);
  if (letters.length !== CODE_LETTERS) return "";
  return letters.match(new RegExp(`.{${CODE_GROUP}}`, "g")).join("-");
}

document.addEventListener("submit", (event) => {
  const form = event.target.closest(".verification-form");
  if (!form) return;
  const code = normaliseCode(form.querySelector("input[name=code]").value);
  if (!code) return; // the archived form page then shows again, with its instructions
  event.preventDefault();
  window.location.assign(new URL(`${code}/`, new URL(form.action, window.location.href)));
});
