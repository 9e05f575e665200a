// stylelint for static/css (plain CSS, no build step): the recommended rules, which catch
// mistakes (unknown properties, units and functions, invalid colours, duplicate properties and
// selectors, empty blocks), less two that judge style, not correctness.
export default {
  extends: ["stylelint-config-recommended"],
  rules: {
    // The cascade is ordered by component, not by specificity.
    "no-descending-specificity": null,
    // `clip` stays in the visually-hidden pattern, for the browsers without `clip-path`.
    "property-no-deprecated": null,
  },
};
