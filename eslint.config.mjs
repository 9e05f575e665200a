// ESLint for static/js (plain browser scripts, no build step): the recommended rules only, the
// ones that catch mistakes (undefined or unused names, unreachable code, duplicate keys).
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["static/js/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: globals.browser },
  },
];
