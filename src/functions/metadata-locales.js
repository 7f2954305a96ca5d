/*
 * Build time (Node, used by webpack.config.js and the tests): the custom functions' metadata per locale.
 *
 * custom-functions-metadata-plugin writes functions.json from the JSDoc of src/functions/functions.ts
 * (Vietnamese, the add-in's default locale). Excel's metadata holds one language per file, so this
 * plugin then
 *  - drops "allowCustomDataForDataTypeAny" (the plugin always sets it; ParScore's functions read
 *    plain cell values, not data-type objects), and writes functions.json with every non-ASCII
 *    character as a \uXXXX escape (the same JSON, safe on a server that sends no charset);
 *  - writes functions.en.json: the same functions, ids, names, parameters and types, with the
 *    English descriptions of src/functions/metadata.en.json. manifest.xml points en-US Excel at it
 *    (a bt:Override of the Metadata URL). A function or parameter without English, or English for
 *    one that does not exist, fails the build.
 * Function and parameter names are the same in both files, so formulas read the same in any Excel.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const METADATA = "functions.json";
const METADATA_EN = "functions.en.json";
const TRANSLATIONS = path.join(__dirname, "metadata.en.json");
const NAME = "FunctionsMetadataLocalesPlugin";

/** JSON text with every character above U+007E written as \uXXXX (valid JSON, pure ASCII). */
function asciiJson(value) {
  return `${JSON.stringify(value, null, 2).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}

/** The metadata as shipped: the generated one without allowCustomDataForDataTypeAny. */
function shippedMetadata(generated) {
  const out = { ...generated };
  delete out.allowCustomDataForDataTypeAny;
  return out;
}

/**
 * The English metadata: `metadata` with the descriptions of `english`
 * ({ ID: { description, parameters: { name: description } } }). Throws, listing every
 * mismatch, unless each function and parameter has exactly one English description.
 */
function englishMetadata(metadata, english) {
  const problems = [];
  const ids = new Set();
  const functions = (metadata.functions || []).map((f) => {
    ids.add(f.id);
    const t = english[f.id];
    if (!t || typeof t.description !== "string" || !t.description.trim()) {
      problems.push(`${f.id}: no English description`);
      return f;
    }
    const params = f.parameters || [];
    const given = t.parameters || {};
    for (const name of Object.keys(given)) {
      if (!params.some((p) => p.name === name)) problems.push(`${f.id}: English for a parameter "${name}" the function does not have`);
    }
    const parameters = params.map((p) => {
      const d = given[p.name];
      if (typeof d !== "string" || !d.trim()) problems.push(`${f.id}: parameter "${p.name}" has no English description`);
      return { ...p, description: typeof d === "string" ? d : p.description };
    });
    return { ...f, description: t.description, parameters };
  });
  for (const id of Object.keys(english)) if (!ids.has(id)) problems.push(`${id}: English for a function that does not exist`);
  if (problems.length) {
    throw new Error(`${path.relative(path.resolve(__dirname, "..", ".."), TRANSLATIONS)} does not match the functions' JSDoc:\n  ${problems.join("\n  ")}`);
  }
  return { ...metadata, functions };
}

function readTranslations(file = TRANSLATIONS) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Runs after custom-functions-metadata-plugin has put functions.json in the compilation. */
class FunctionsMetadataLocalesPlugin {
  constructor(options = {}) {
    this.options = { source: METADATA, english: METADATA_EN, translations: TRANSLATIONS, ...options };
  }

  /** The files this plugin emits (for scripts/manifest-check.js's planned outputs). */
  outputs() {
    return [this.options.source, this.options.english];
  }

  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    const { WebpackError, Compilation } = compiler.webpack;
    const { source, english, translations } = this.options;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.fileDependencies.add(translations);
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, () => {
        const asset = compilation.getAsset(source);
        if (!asset) {
          compilation.errors.push(new WebpackError(`${NAME}: ${source} was not generated (see custom-functions-metadata-plugin's errors)`));
          return;
        }
        try {
          const metadata = shippedMetadata(JSON.parse(asset.source.source().toString()));
          const en = englishMetadata(metadata, readTranslations(translations));
          compilation.updateAsset(source, new RawSource(asciiJson(metadata)));
          compilation.emitAsset(english, new RawSource(asciiJson(en)));
        } catch (e) {
          compilation.errors.push(new WebpackError(`${NAME}: ${e && e.message ? e.message : e}`));
        }
      });
    });
  }
}

module.exports = {
  FunctionsMetadataLocalesPlugin,
  englishMetadata,
  shippedMetadata,
  asciiJson,
  readTranslations,
  METADATA,
  METADATA_EN,
  TRANSLATIONS,
};
