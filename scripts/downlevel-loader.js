/*
 * Webpack loader: rewrites a dependency's JavaScript to ES2017 with the TypeScript compiler we already
 * have (no Babel). Excel 2019 and 2016 on Windows 10 show task panes in EdgeHTML 18 (Edge Legacy),
 * which stops at ES2017 plus some of ES2018: one `?.` or `??` in React or Fluent UI and the pane is
 * blank. Imports and exports are left for webpack.
 */
"use strict";
const ts = require("typescript");

/** The ECMAScript version every emitted bundle must parse as (test/build checks it with acorn). */
const BUNDLE_ES_VERSION = 2017;

module.exports = function downlevelLoader(source, inputMap) {
  // Most files need nothing: skip the compiler unless the text may hold newer syntax.
  if (!/\?\.|\?\?|\*\*|\bcatch\s*\{|\.\.\.|\bstatic\s|#[A-Za-z_]/.test(source)) {
    this.callback(null, source, inputMap);
    return;
  }
  const out = ts.transpileModule(source, {
    fileName: this.resourcePath,
    compilerOptions: {
      allowJs: true,
      target: ts.ScriptTarget.ES2017,
      module: ts.ModuleKind.ESNext,
      sourceMap: this.sourceMap,
      inlineSources: true,
      importHelpers: false,
    },
  });
  this.callback(null, out.outputText.replace(/\/\/# sourceMappingURL=\S+\s*$/, ""), out.sourceMapText ? JSON.parse(out.sourceMapText) : undefined);
};

module.exports.BUNDLE_ES_VERSION = BUNDLE_ES_VERSION;
