/**
 * The custom functions' metadata, generated the way the build generates it (custom-functions-metadata
 * on the JSDoc of src/functions/functions.ts, then src/functions/metadata-locales.js), without
 * building: all 8 functions with their ids, names, parameters and descriptions, Vietnamese in
 * functions.json and English in functions.en.json, and the build-time checks of the English file.
 */
import * as path from "path";
import * as functions from "../../src/functions/functions";

/* eslint-disable @typescript-eslint/no-require-imports */
const repo = path.resolve(__dirname, "..", "..");
const source = path.join(repo, "src", "functions", "functions.ts");
// The generator custom-functions-metadata-plugin runs (its dependency, resolved from the plugin).
const generator = require(require.resolve("custom-functions-metadata", { paths: [path.dirname(require.resolve("custom-functions-metadata-plugin"))] })) as {
  generateCustomFunctionsMetadata: (
    inputs: string[],
    wantConsoleOutput?: boolean,
  ) => Promise<{ metadataJson: string; errors: string[]; associate: Array<{ functionName: string; id: string }> }>;
};
const locales = require(path.join(repo, "src", "functions", "metadata-locales.js")) as {
  shippedMetadata: (m: any) => any;
  englishMetadata: (m: any, en: any) => any;
  asciiJson: (v: unknown) => string;
  readTranslations: () => any;
  FunctionsMetadataLocalesPlugin: new () => { outputs: () => string[] };
};

interface Param {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description?: string;
  parameters: Param[];
  result?: { type?: string; dimensionality?: string };
}

let generated: { metadataJson: string; errors: string[]; associate: Array<{ functionName: string; id: string }> };
let vi: { functions: Fn[] };
let en: { functions: Fn[] };

beforeAll(async () => {
  generated = await generator.generateCustomFunctionsMetadata([source], false);
  vi = locales.shippedMetadata(JSON.parse(generated.metadataJson));
  en = locales.englishMetadata(vi, locales.readTranslations());
});

/** What Excel shows: PARSCORE.<NAME>(parameters), optional ones in brackets. */
const EXPECTED: Record<string, { params: string[]; result: string; matrix?: string[] }> = {
  POINTS: { params: ["text"], result: "number" },
  TOTAL: { params: ["range"], result: "number", matrix: ["range"] },
  LOST: { params: ["max", "achieved"], result: "number" },
  RANK: { params: ["value", "values", "[rounding]"], result: "number", matrix: ["values"] },
  RANKLABEL: { params: ["value", "values", "[rounding]"], result: "string", matrix: ["values"] },
  CHANGE: { params: ["oldPoints", "newPoints", "[lang]"], result: "string" },
  RANKCHANGE: { params: ["oldRank", "newRank", "[lang]"], result: "string" },
  CLASS: { params: ["percent", "bands"], result: "string", matrix: ["bands"] },
};

test("the JSDoc generates metadata without errors, for the 8 functions, each associated with an exported function", () => {
  expect(generated.errors).toEqual([]);
  expect(vi.functions.map((f) => f.id)).toEqual(Object.keys(EXPECTED));
  for (const a of generated.associate) {
    expect(typeof (functions as Record<string, unknown>)[a.functionName]).toBe("function");
  }
  expect(generated.associate.map((a) => a.id)).toEqual(Object.keys(EXPECTED));
});

test.each(Object.entries(EXPECTED))("%s: id = name, parameters, types, dimensionality, optional ones, result type", (id, want) => {
  const f = vi.functions.find((x) => x.id === id)!;
  expect(f.name).toBe(id);
  expect(f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name))).toEqual(want.params);
  expect(f.parameters.filter((p) => p.dimensionality === "matrix").map((p) => p.name)).toEqual(want.matrix ?? []);
  expect(f.result?.type).toBe(want.result);
  expect(f.result?.dimensionality).toBeUndefined(); // scalar
  // Values are read by the engine, not coerced by Excel: points arguments are "any".
  for (const p of f.parameters) expect(["any", "number", "string"]).toContain(p.type);
  expect(f.parameters.filter((p) => p.name === "rounding").map((p) => p.type)).toEqual(id.startsWith("RANK") && id !== "RANKCHANGE" ? ["number"] : []);
  expect(f.parameters.filter((p) => p.name === "lang").map((p) => p.type)).toEqual(id.endsWith("CHANGE") ? ["string"] : []);
});

test("every function and parameter has a Vietnamese description in functions.json and an English one in functions.en.json", () => {
  const vietnamese = /[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]/i;
  for (const f of vi.functions) {
    expect(f.description).toMatch(vietnamese);
    for (const p of f.parameters) {
      expect({ id: f.id, param: p.name, description: p.description }).toEqual({ id: f.id, param: p.name, description: expect.stringMatching(vietnamese) });
    }
  }
  for (const f of en.functions) {
    const v = vi.functions.find((x) => x.id === f.id)!;
    expect(f.description).not.toBe(v.description);
    expect(f.description).toMatch(/^[A-Z]/);
    f.parameters.forEach((p, i) => {
      expect(p.description).toMatch(/\S/);
      expect(p.description).not.toBe(v.parameters[i].description);
    });
  }
});

test("functions.en.json differs from functions.json in descriptions only (same ids, names, parameters, types)", () => {
  const strip = (m: { functions: Fn[] }) =>
    m.functions.map((f) => ({ ...f, description: undefined, parameters: f.parameters.map((p) => ({ ...p, description: undefined })) }));
  expect(strip(en)).toEqual(strip(vi));
  expect(Object.keys(en)).toEqual(Object.keys(vi));
});

test("the shipped metadata drops allowCustomDataForDataTypeAny (the functions read plain values) and is pure ASCII JSON", () => {
  expect(JSON.parse(generated.metadataJson).allowCustomDataForDataTypeAny).toBe(true);
  expect(vi).not.toHaveProperty("allowCustomDataForDataTypeAny");
  const text = locales.asciiJson(vi);
  expect(text).toMatch(/^[\x20-\x7e\n]*$/);
  expect(JSON.parse(text)).toEqual(vi);
  expect(text).toContain("\\u0111i\\u1ec3m"); // "điểm"
  expect(JSON.parse(locales.asciiJson({ s: "😀 Chỉ số" })).s).toBe("😀 Chỉ số");
});

test("the English metadata is checked against the JSDoc: a missing or stray translation is an error naming it", () => {
  const english = locales.readTranslations();
  const without = (mutate: (e: any) => void) => {
    const copy = JSON.parse(JSON.stringify(english));
    mutate(copy);
    return () => locales.englishMetadata(vi, copy);
  };
  expect(without((e) => delete e.CLASS)).toThrow(/CLASS: no English description/);
  expect(without((e) => delete e.RANK.parameters.rounding)).toThrow(/RANK: parameter "rounding" has no English description/);
  expect(without((e) => (e.LOST.parameters.maximum = "x"))).toThrow(/LOST: English for a parameter "maximum" the function does not have/);
  expect(without((e) => (e.SUM = { description: "x", parameters: {} }))).toThrow(/SUM: English for a function that does not exist/);
  expect(without(() => undefined)).not.toThrow();
});

test("the locales plugin names the files it emits (for npm run validate's planned outputs)", () => {
  expect(new locales.FunctionsMetadataLocalesPlugin().outputs()).toEqual(["functions.json", "functions.en.json"]);
});
