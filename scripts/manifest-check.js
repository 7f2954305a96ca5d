/*
 * Offline checks of an Office add-in-only XML manifest beyond the XSD (which
 * scripts/validate-manifest.js runs with xmllint first):
 *
 * - the manifest parses (a small namespace-aware XML reader, no dependency);
 * - every resid names a resource of the right kind (bt:Images, bt:Urls,
 *   bt:ShortStrings, bt:LongStrings), ids are unique, and every declared
 *   resource is used;
 * - every URL is https and under the add-in's base URL; AppDomain values are
 *   bare https origins;
 * - every URL under the base URL is a file the build produces
 *   (https://localhost:3000/<path> -> dist/web/<path>): either the files of a
 *   build output folder, or the files webpack.config.js plans to emit
 *   (HtmlWebpackPlugin filenames, entries with a fixed filename, files plugins
 *   say they emit, assets/, manifest.xml) without building;
 * - every icon is a PNG of the pixel size its use asks for (IHDR), 16/32/80 on
 *   the ribbon as declared by size="", 32 for IconUrl, 64 for HighResolutionIconUrl;
 * - every localisable string has an override for every locale used anywhere.
 *
 * Used by `npm run validate` and by test/manifest.test.ts and test/build/.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  xml: "http://www.w3.org/XML/1998/namespace",
};

// ---------------------------------------------------------------- XML reader

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text, lineOf) {
  return text.replace(/&([^;&\s]*);?/g, (all, name) => {
    if (!all.endsWith(";")) throw new Error(`line ${lineOf()}: '&' must start an entity reference (write &amp;)`);
    if (name in ENTITIES) return ENTITIES[name];
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(name);
    if (m) return String.fromCodePoint(m[1] ? parseInt(m[1], 16) : parseInt(m[2], 10));
    throw new Error(`line ${lineOf()}: unknown entity &${name};`);
  });
}

/**
 * Parses XML text into { name, prefix, local, ns, attrs, children, text, line }.
 * Namespaces are resolved for element names and prefixed attribute names
 * (attrs keeps the raw names; `attr(el, ns, local)` looks up by namespace).
 * Enough for manifests; no DTDs (rejected), no external entities.
 */
function parseXml(text) {
  let i = 0;
  const lineOf = (pos = i) => text.slice(0, pos).split("\n").length;
  const fail = (msg, pos = i) => {
    throw new Error(`line ${lineOf(pos)}: ${msg}`);
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  let root;
  const stack = [];
  const nameRe = /[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/y;

  const resolve = (prefix, scopes, pos) => {
    if (prefix === "xml") return NS.xml;
    for (let k = scopes.length - 1; k >= 0; k--) {
      if (Object.prototype.hasOwnProperty.call(scopes[k], prefix)) return scopes[k][prefix];
    }
    if (prefix === "") return "";
    return fail(`undeclared namespace prefix '${prefix}'`, pos);
  };

  while (i < text.length) {
    const lt = text.indexOf("<", i);
    const chunk = lt < 0 ? text.slice(i) : text.slice(i, lt);
    if (chunk.length) {
      if (stack.length === 0) {
        if (chunk.trim()) fail("text outside the root element");
      } else {
        stack[stack.length - 1].text += decodeEntities(chunk, () => lineOf());
      }
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      if (end < 0) fail("unterminated comment");
      if (text.slice(i + 4, end).includes("--") || text[end - 1] === "-") fail("'--' inside a comment");
      i = end + 3;
    } else if (text.startsWith("<![CDATA[", i)) {
      const end = text.indexOf("]]>", i);
      if (end < 0 || stack.length === 0) fail("CDATA outside an element or unterminated");
      stack[stack.length - 1].text += text.slice(i + 9, end);
      i = end + 3;
    } else if (text.startsWith("<?", i)) {
      const end = text.indexOf("?>", i);
      if (end < 0) fail("unterminated processing instruction");
      i = end + 2;
    } else if (text.startsWith("<!", i)) {
      fail("DOCTYPE/DTD declarations are not allowed in a manifest");
    } else if (text.startsWith("</", i)) {
      nameRe.lastIndex = i + 2;
      const m = nameRe.exec(text);
      if (!m) fail("bad end tag");
      const close = text.indexOf(">", nameRe.lastIndex);
      if (close < 0 || text.slice(nameRe.lastIndex, close).trim()) fail("bad end tag");
      const open = stack.pop();
      if (!open || open.name !== m[0]) fail(`end tag </${m[0]}> does not match <${open ? open.name : "(none)"}>`);
      i = close + 1;
    } else {
      const start = i;
      nameRe.lastIndex = i + 1;
      const m = nameRe.exec(text);
      if (!m) fail("bad start tag");
      i = nameRe.lastIndex;
      const attrs = {};
      let selfClosing = false;
      for (;;) {
        const ws = /\s*/y;
        ws.lastIndex = i;
        ws.exec(text);
        const hadSpace = ws.lastIndex > i;
        i = ws.lastIndex;
        if (text.startsWith("/>", i)) {
          selfClosing = true;
          i += 2;
          break;
        }
        if (text[i] === ">") {
          i += 1;
          break;
        }
        if (!hadSpace) fail(`expected whitespace, '>' or '/>' in <${m[0]}>`);
        nameRe.lastIndex = i;
        const an = nameRe.exec(text);
        if (!an) fail(`bad attribute in <${m[0]}>`);
        i = nameRe.lastIndex;
        const eq = /\s*=\s*(["'])/y;
        eq.lastIndex = i;
        const q = eq.exec(text);
        if (!q) fail(`attribute ${an[0]} needs ="value"`);
        const endQ = text.indexOf(q[1], eq.lastIndex);
        if (endQ < 0) fail(`unterminated value of ${an[0]}`);
        const raw = text.slice(eq.lastIndex, endQ);
        if (raw.includes("<")) fail(`'<' in the value of ${an[0]}`);
        if (Object.prototype.hasOwnProperty.call(attrs, an[0])) fail(`duplicate attribute ${an[0]}`);
        attrs[an[0]] = decodeEntities(raw, () => lineOf());
        i = endQ + 1;
      }
      const scope = {};
      for (const [k, v] of Object.entries(attrs)) {
        if (k === "xmlns") scope[""] = v;
        else if (k.startsWith("xmlns:")) scope[k.slice(6)] = v;
      }
      const scopes = [...stack.map((e) => e.scope), scope];
      const [prefix, local] = m[0].includes(":") ? m[0].split(":") : ["", m[0]];
      const el = {
        name: m[0],
        prefix,
        local,
        ns: resolve(prefix, scopes, start),
        attrs,
        attrNs: {},
        children: [],
        text: "",
        line: lineOf(start),
        scope,
        parent: stack[stack.length - 1] || null,
      };
      for (const k of Object.keys(attrs)) {
        if (k.includes(":") && !k.startsWith("xmlns:")) {
          const [p, l] = k.split(":");
          el.attrNs[`{${resolve(p, scopes, start)}}${l}`] = attrs[k];
        }
      }
      if (stack.length === 0) {
        if (root) fail("more than one root element", start);
        root = el;
      } else {
        stack[stack.length - 1].children.push(el);
      }
      if (!selfClosing) stack.push(el);
    }
  }
  if (stack.length) fail(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

function* walk(el) {
  yield el;
  for (const c of el.children) yield* walk(c);
}

/** Attribute by local name (unprefixed), or by namespace + local name. */
function attr(el, nameOrNs, local) {
  if (local === undefined) return el.attrs[nameOrNs];
  return el.attrNs[`{${nameOrNs}}${local}`];
}

function xsiType(el) {
  const t = attr(el, NS.xsi, "type");
  return t && t.includes(":") ? t.split(":")[1] : t;
}

function pathOf(el) {
  const parts = [];
  for (let e = el; e && parts.length < 3; e = e.parent) parts.unshift(e.local);
  return parts.join("/");
}

// ---------------------------------------------------------------- facts

const RESOURCE_KINDS = ["Images", "Urls", "ShortStrings", "LongStrings"];

/** Which resource kind a resid on an element of this local name must name. */
function expectedKind(el) {
  switch (el.local) {
    case "Image":
      return "Images";
    case "SourceLocation":
    case "FunctionFile":
    case "LearnMoreUrl":
    case "Url":
      return "Urls";
    case "Label":
    case "Title":
    case "Namespace":
      return "ShortStrings";
    case "Description":
      return "LongStrings";
    default:
      return undefined;
  }
}

/** Top-level (pre-VersionOverrides) elements whose DefaultValue is a URL, with the icon size they need. */
const URL_SETTINGS = {
  IconUrl: { icon: 32 },
  HighResolutionIconUrl: { icon: 64 },
  SupportUrl: {},
  SourceLocation: {},
};

/**
 * What the manifest says, as plain data:
 * urls: [{ url, where, line, icon?: size }], appDomains, resources (id -> {kind, value, overrides, line}),
 * references: [{ resid, element, kind, size?, line }], localised: [{ where, locales }], sourceLocation.
 */
function manifestFacts(root) {
  const facts = {
    root: { local: root.local, ns: root.ns, type: xsiType(root) },
    urls: [],
    appDomains: [],
    resources: new Map(),
    duplicates: [],
    references: [],
    localised: [],
    sourceLocation: undefined,
  };
  let versionOverrides;
  for (const el of walk(root)) {
    if (el.local === "VersionOverrides" && !versionOverrides) versionOverrides = el;
    const insideVO = versionOverrides && isInside(el, versionOverrides);

    if (!insideVO && URL_SETTINGS[el.local] && attr(el, "DefaultValue") !== undefined) {
      const where = el.local === "SourceLocation" ? `${el.parent.local}/SourceLocation` : el.local;
      const url = attr(el, "DefaultValue");
      facts.urls.push({ url, where, line: el.line, icon: URL_SETTINGS[el.local].icon });
      if (el.local === "SourceLocation" && el.parent.local === "DefaultSettings") facts.sourceLocation = url;
      for (const o of el.children.filter((c) => c.local === "Override")) {
        facts.urls.push({ url: attr(o, "Value"), where: `${where} (${attr(o, "Locale")})`, line: o.line, icon: URL_SETTINGS[el.local].icon });
      }
    }
    if (el.local === "AppDomain") facts.appDomains.push({ value: el.text.trim(), line: el.line });
    if (!insideVO && (el.local === "DisplayName" || el.local === "Description") && el.parent === root) {
      facts.localised.push({
        where: el.local,
        line: el.line,
        locales: el.children.filter((c) => c.local === "Override").map((c) => attr(c, "Locale")),
      });
    }
    if (el.ns === NS.bt && RESOURCE_KINDS.includes(el.local)) {
      for (const r of el.children.filter((c) => c.ns === NS.bt && (c.local === "Image" || c.local === "Url" || c.local === "String"))) {
        const id = attr(r, "id");
        const overrides = r.children.filter((c) => c.local === "Override").map((c) => ({ locale: attr(c, "Locale"), value: attr(c, "Value") }));
        if (facts.resources.has(id)) facts.duplicates.push({ id, line: r.line });
        facts.resources.set(id, { id, kind: el.local, value: attr(r, "DefaultValue"), overrides, line: r.line });
        if (el.local === "Images" || el.local === "Urls") {
          facts.urls.push({ url: attr(r, "DefaultValue"), where: `${el.local} ${id}`, line: r.line, resource: id });
          for (const o of overrides) facts.urls.push({ url: o.value, where: `${el.local} ${id} (${o.locale})`, line: r.line, resource: id });
        } else {
          facts.localised.push({ where: `${el.local} ${id}`, line: r.line, locales: overrides.map((o) => o.locale) });
        }
      }
    }
    const resid = attr(el, "resid");
    if (resid !== undefined) {
      const size = attr(el, "size");
      facts.references.push({ resid, element: pathOf(el), kind: expectedKind(el), size: size ? Number(size) : undefined, line: el.line });
    }
  }
  return facts;
}

function isInside(el, ancestor) {
  for (let e = el.parent; e; e = e.parent) if (e === ancestor) return true;
  return false;
}

// ---------------------------------------------------------------- PNG

/** { width, height } from a PNG's IHDR, or throws when the bytes are not a PNG. */
function pngSize(bytes) {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || sig.some((b, k) => bytes[k] !== b)) throw new Error("not a PNG file");
  if (bytes.toString("ascii", 12, 16) !== "IHDR") throw new Error("PNG without IHDR first");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// ---------------------------------------------------------------- build outputs

/**
 * The files (paths relative to the output folder) a production build of
 * webpack.config.js emits for the manifest to name: the HtmlWebpackPlugin
 * pages, entries emitted under a fixed name (entry descriptor `filename`, e.g.
 * functions.js), custom-functions-metadata-plugin's `output` and the files of
 * plugins with an `outputs()` method (functions.json, functions.en.json),
 * assets/*, manifest.xml. Computed from the config, without building.
 */
async function plannedOutputs(configFile = path.resolve(__dirname, "..", "webpack.config.js")) {
  const exported = require(configFile);
  const config = typeof exported === "function" ? await exported({}, { mode: "production" }) : exported;
  const files = new Set(["manifest.xml"]);
  for (const plugin of config.plugins || []) {
    if (plugin && plugin.constructor && plugin.constructor.name === "HtmlWebpackPlugin") {
      const options = plugin.userOptions || plugin.options || {};
      files.add(options.filename || "index.html");
    }
    if (plugin && plugin.constructor && plugin.constructor.name === "CustomFunctionsMetadataPlugin" && plugin.options && plugin.options.output) {
      files.add(plugin.options.output);
    }
    if (plugin && typeof plugin.outputs === "function") for (const f of plugin.outputs()) files.add(f);
  }
  for (const entry of Object.values(config.entry || {})) {
    if (entry && typeof entry === "object" && !Array.isArray(entry) && typeof entry.filename === "string") files.add(entry.filename);
  }
  const assets = typeof exported.addinAssetFiles === "function" ? exported.addinAssetFiles() : [];
  for (const f of assets) files.add(`assets/${f}`);
  return files;
}

/** Every file under `dir`, as paths relative to it with "/". */
function filesIn(dir) {
  const out = new Set();
  const visit = (d, rel) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) visit(path.join(d, e.name), r);
      else out.add(r);
    }
  };
  visit(dir, "");
  return out;
}

// ---------------------------------------------------------------- checks

/** The add-in's base URL: the dev URL when the manifest uses it, else SourceLocation's folder. */
function inferBaseUrl(facts, devUrl = "https://localhost:3000/") {
  if (facts.urls.some((u) => u.url && u.url.startsWith(devUrl))) return devUrl;
  if (!facts.sourceLocation) return undefined;
  try {
    return new URL(".", facts.sourceLocation).href;
  } catch (_e) {
    return undefined;
  }
}

/**
 * Checks manifest text. Options:
 * - baseUrl: the add-in's base URL (default: inferred, see inferBaseUrl);
 * - outputs: Set of files (relative paths) the build produces; when given, every
 *   URL under baseUrl must map to one of them;
 * - filesDir: where to read the files named by URLs under baseUrl (icons), i.e.
 *   the build output folder, or the repository (assets/ are copied as they are);
 * - expectIconSizes: false to skip the pixel-size check.
 * Returns { errors: string[], facts }.
 */
function checkManifest(xml, options = {}) {
  const errors = [];
  let root;
  try {
    root = parseXml(xml);
  } catch (e) {
    return { errors: [`does not parse: ${e.message}`], facts: undefined };
  }
  const facts = manifestFacts(root);
  if (root.local !== "OfficeApp" || root.ns !== NS.app) errors.push(`root element is ${root.name}, not OfficeApp (${NS.app})`);

  // Resources: ids unique, references resolve to the right kind, all used.
  for (const d of facts.duplicates) errors.push(`line ${d.line}: resource id "${d.id}" is declared more than once`);
  const used = new Set();
  for (const ref of facts.references) {
    used.add(ref.resid);
    const res = facts.resources.get(ref.resid);
    if (!res) errors.push(`line ${ref.line}: ${ref.element} resid="${ref.resid}" is not declared in Resources`);
    else if (ref.kind && res.kind !== ref.kind) {
      errors.push(`line ${ref.line}: ${ref.element} resid="${ref.resid}" names a bt:${res.kind.replace(/s$/, "")} resource; it needs one of bt:${ref.kind}`);
    }
  }
  for (const res of facts.resources.values()) {
    if (!used.has(res.id)) errors.push(`line ${res.line}: resource "${res.id}" (bt:${res.kind}) is declared but never used`);
  }

  // Locales: every localisable string overridden for every locale used anywhere.
  const locales = new Set(facts.localised.flatMap((l) => l.locales));
  for (const l of facts.localised) {
    const missing = [...locales].filter((loc) => !l.locales.includes(loc));
    if (missing.length) errors.push(`line ${l.line}: ${l.where} has no override for ${missing.join(", ")}`);
  }

  // URLs: https, under the base URL; AppDomains has its origin.
  const baseUrl = options.baseUrl || inferBaseUrl(facts);
  if (!baseUrl) errors.push("cannot tell the add-in's base URL (no SourceLocation?)");
  for (const u of facts.urls) {
    if (!u.url) {
      errors.push(`line ${u.line}: ${u.where} has no URL`);
      continue;
    }
    let parsed;
    try {
      parsed = new URL(u.url);
    } catch (_e) {
      errors.push(`line ${u.line}: ${u.where}: "${u.url}" is not an absolute URL`);
      continue;
    }
    if (parsed.protocol !== "https:") errors.push(`line ${u.line}: ${u.where}: ${u.url} is not https`);
    if (baseUrl && !u.url.startsWith(baseUrl)) errors.push(`line ${u.line}: ${u.where}: ${u.url} is not under ${baseUrl}`);
  }
  // AppDomain: an origin, no path, no trailing slash. (Listing SourceLocation's own origin, as
  // manifest.xml does, has no effect for Office; the build rewrites it with the rest.)
  for (const d of facts.appDomains) {
    if (!/^https:\/\/[^/\s]+$/.test(d.value)) errors.push(`line ${d.line}: AppDomain "${d.value}" is not an https origin (https://host[:port], no path, no trailing slash)`);
  }

  // URLs name files the build produces; icons have their pixel sizes.
  const relOf = (url) => (baseUrl && url && url.startsWith(baseUrl) ? decodeURIComponent(url.slice(baseUrl.length).split(/[?#]/)[0]) : undefined);
  if (options.outputs) {
    const seen = new Set();
    for (const u of facts.urls) {
      const rel = relOf(u.url);
      if (rel === undefined || seen.has(rel)) continue;
      seen.add(rel);
      if (!options.outputs.has(rel)) errors.push(`line ${u.line}: ${u.where}: ${u.url} -> ${rel || "(the folder itself)"} is not produced by the build`);
    }
  }
  if (options.expectIconSizes !== false) {
    const wanted = []; // { rel, size, where, line }
    for (const u of facts.urls) if (u.icon) wanted.push({ url: u.url, size: u.icon, where: u.where, line: u.line });
    for (const ref of facts.references) {
      const res = facts.resources.get(ref.resid);
      if (res && res.kind === "Images" && ref.size) {
        wanted.push({ url: res.value, size: ref.size, where: `${ref.element} size=${ref.size} (${res.id})`, line: ref.line });
        for (const o of res.overrides) wanted.push({ url: o.value, size: ref.size, where: `${ref.element} size=${ref.size} (${res.id}, ${o.locale})`, line: ref.line });
      }
    }
    const filesDir = options.filesDir || path.resolve(__dirname, "..");
    for (const w of wanted) {
      const rel = relOf(w.url);
      if (rel === undefined) continue; // reported above (not under the base URL)
      const file = path.join(filesDir, ...rel.split("/"));
      if (!fs.existsSync(file)) {
        errors.push(`line ${w.line}: ${w.where}: icon ${rel} does not exist in ${filesDir}`);
        continue;
      }
      if (!/\.png$/i.test(rel)) errors.push(`line ${w.line}: ${w.where}: icon ${rel} is not a .png`);
      try {
        const { width, height } = pngSize(fs.readFileSync(file));
        if (width !== w.size || height !== w.size) {
          errors.push(`line ${w.line}: ${w.where}: icon ${rel} is ${width}x${height} px, needs ${w.size}x${w.size}`);
        }
      } catch (e) {
        errors.push(`line ${w.line}: ${w.where}: icon ${rel}: ${e.message}`);
      }
    }
  }
  return { errors, facts, baseUrl };
}

module.exports = {
  NS,
  parseXml,
  manifestFacts,
  checkManifest,
  plannedOutputs,
  filesIn,
  pngSize,
  inferBaseUrl,
  walk,
  attr,
};
