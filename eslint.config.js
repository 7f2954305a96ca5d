// ESLint 9 flat config.
// - TypeScript everywhere through typescript-eslint (the copy that
//   eslint-plugin-office-addins brings), recommended rules, no type-aware rules.
// - eslint-plugin-office-addins rules on the code that talks to Office.js
//   (task pane, commands, Excel host). They recognise Office proxies by method
//   name (getRange, getCell, getItem, ...), so they would misfire on ExcelJS
//   code (src/hosts/xlsx) and are not applied elsewhere.
// - eslint-plugin-react (recommended + the new JSX runtime) on .tsx.
// - No formatting rules: prettier is not enforced.
"use strict";
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");
const officeAddins = require("eslint-plugin-office-addins");
const react = require("eslint-plugin-react");
const globals = require("globals");

const OFFICE_JS_FILES = ["src/taskpane/**/*.{ts,tsx}", "src/commands/**/*.ts", "src/hosts/excel/**/*.ts"];

module.exports = tseslint.config(
  {
    ignores: ["dist/**", "node_modules/**", "coverage/**", "out/**", "test-artifacts/**", "**/*.d.ts"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    languageOptions: {
      parserOptions: {
        // typescript-eslint 8.8 predates TypeScript 5.9; parsing is unaffected.
        warnOnUnsupportedTypeScriptVersion: false,
      },
    },
  },
  {
    rules: {
      "no-unused-vars": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
        },
      ],
      // typescript-eslint 8.8's wrapper crashes on ESLint >= 9.15 unless every
      // option is given explicitly (fixed upstream in later 8.x).
      "@typescript-eslint/no-unused-expressions": [
        "error",
        { allowShortCircuit: false, allowTernary: false, allowTaggedTemplates: false, enforceForJSX: false },
      ],
      // Deliberate in this project: sanitizers strip control characters
      // (sheet names, XML), and Vietnamese detection matches combining marks
      // (U+0300-U+0323) inside character classes.
      "no-control-regex": "off",
      "no-misleading-character-class": "off",
      "@typescript-eslint/no-explicit-any": "warn",
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-eval": "error",
      "no-implied-eval": "error",
    },
  },
  {
    files: ["test/**/*.{ts,tsx}"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: OFFICE_JS_FILES,
    plugins: { "office-addins": officeAddins },
    languageOptions: { globals: { ...globals.browser, Office: "readonly", Excel: "readonly", OfficeExtension: "readonly" } },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
      "office-addins/no-empty-load": "warn",
      "office-addins/no-navigational-load": "warn",
    },
  },
  {
    files: ["src/taskpane/**/*.tsx", "test/taskpane/**/*.tsx"],
    ...react.configs.flat.recommended,
    settings: { react: { version: "detect" } },
  },
  {
    files: ["src/taskpane/**/*.tsx", "test/taskpane/**/*.tsx"],
    ...react.configs.flat["jsx-runtime"],
  },
  {
    // Node CommonJS: configs, scripts, bin, bench.
    files: ["**/*.{js,cjs}"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["assets/**/*.js"],
    languageOptions: { globals: { ...globals.node } },
  },
);
