/* Webpack config in the shape of Microsoft's Office add-in templates
 * (yo office, React + TypeScript): taskpane + commands bundles, assets and
 * manifest copied next to them, https dev server on localhost:3000.
 *
 * Output goes to dist/web (tsc writes the CLI elsewhere under dist/).
 * Production bundles are minified with ascii_only, so Vietnamese text survives
 * servers that send no charset header.
 *
 * Production URL: `npm run build -- --env url=https://addins.example.gov.vn/parscore/`
 * (or the ADDIN_URL environment variable; --env wins) writes dist/web/manifest.xml
 * with every https://localhost:3000/ URL replaced by that URL, and AppDomain by its
 * origin. manifest.xml itself keeps https://localhost:3000/.
 *
 * No eval anywhere: devtool is "source-map" in every mode (webpack's development
 * default, "eval", would need 'unsafe-eval'), and the pages carry a
 * Content-Security-Policy <meta> that forbids it (see contentSecurityPolicy).
 *
 * Certificates: only `webpack serve` asks office-addin-dev-certs for the trusted
 * localhost certificate (it may install a development CA the first time); builds
 * and tests never touch certificates.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const webpack = require("webpack");
const TerserPlugin = require("terser-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { FunctionsMetadataLocalesPlugin } = require("./src/functions/metadata-locales");

const urlDev = "https://localhost:3000/";
const devPort = Number(process.env.npm_package_config_dev_server_port) || 3000;
/** Where Office add-ins must load office.js from (Microsoft's CDN). */
const OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com";

/**
 * The base URL the add-in is hosted at, normalised to end with "/".
 * Rejects anything but an absolute https URL without credentials, query or fragment
 * (Office loads add-ins over https only).
 */
function normaliseAddinUrl(raw, where = "the add-in URL") {
  let url;
  try {
    url = new URL(String(raw).trim());
  } catch (_e) {
    throw new Error(`${where} is not an absolute URL: ${JSON.stringify(raw)} (example: https://addins.example.gov.vn/parscore/)`);
  }
  if (url.protocol !== "https:") throw new Error(`${where} must be an https URL (Office loads add-ins over https only), got ${raw}`);
  if (url.username || url.password) throw new Error(`${where} must not contain a user name or password, got ${raw}`);
  if (url.search || url.hash) throw new Error(`${where} must not have a query (?...) or fragment (#...), got ${raw}`);
  return url.href.endsWith("/") ? url.href : url.href + "/";
}

/**
 * The production URL from `--env url=...` (webpack-cli's env) or ADDIN_URL, or undefined.
 */
function productionUrl(env = {}) {
  if (typeof env.url === "string" && env.url) return normaliseAddinUrl(env.url, "--env url");
  if (env.url === true) throw new Error("--env url needs a value: --env url=https://addins.example.gov.vn/parscore/");
  if (process.env.ADDIN_URL) return normaliseAddinUrl(process.env.ADDIN_URL, "ADDIN_URL");
  return undefined;
}

function escapeXml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Replaces the dev URL in the manifest text by `url`; an AppDomain (an origin,
 * no path) becomes the origin of `url`. XML comments are dropped (they describe
 * the development manifest). Throws when "localhost" would remain anywhere.
 */
function rewriteManifest(xml, url) {
  if (!url) return xml;
  const base = normaliseAddinUrl(url);
  const devOrigin = new URL(urlDev).origin;
  const out = xml
    .replace(/[ \t]*<!--[\s\S]*?-->[ \t]*\r?\n?/g, "")
    .split(`<AppDomain>${devOrigin}</AppDomain>`)
    .join(`<AppDomain>${escapeXml(new URL(base).origin)}</AppDomain>`)
    .split(urlDev)
    .join(escapeXml(base));
  const left = out.split(/\r?\n/).filter((line) => /localhost/i.test(line));
  if (left.length > 0) {
    throw new Error(`manifest.xml names localhost in a form the build cannot rewrite (only ${urlDev}... URLs are):\n${left.join("\n")}`);
  }
  return out;
}

/**
 * The Content-Security-Policy of taskpane.html and commands.html: the add-in's
 * own origin ('self') and office.js's CDN, nothing else.
 * - script-src: no 'unsafe-inline', no 'unsafe-eval' (the bundles need neither).
 * - style-src 'unsafe-inline': Fluent UI v9 (Griffel) inserts its atomic CSS
 *   into <style> elements at run time, React writes style="" attributes, and
 *   office.js's host scripts set inline styles too. A nonce would need a server
 *   that rewrites every response; the add-in is static files on any host.
 * - img-src data:: small inline images (Fluent icons are inline SVG elements).
 * - frame-src/object-src 'none', base-uri 'self', form-action 'self'.
 * In development the dev server's live-reload websocket is allowed as well.
 * frame-ancestors cannot be set by <meta>; Office on the web frames the pane,
 * so a host that sends frame-ancestors must allow Office's origins.
 */
function contentSecurityPolicy({ dev = false } = {}) {
  const connect = dev ? `'self' wss://localhost:${devPort} ws://localhost:${devPort}` : "'self'";
  return [
    "default-src 'self'",
    `script-src 'self' ${OFFICE_JS_ORIGIN}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

const assetsDir = path.resolve(__dirname, "assets");
/** The files of assets/ that the build copies to <output>/assets/. */
function addinAssetFiles() {
  return fs.readdirSync(assetsDir).filter((f) => /\.(png|ico|svg)$/.test(f));
}

/**
 * Emits src/legacy/legacy-guard.js as it is (ES5, not bundled: webpack's runtime is ES2017) and
 * makes it the first script of taskpane.html, so Internet Explorer shows a message, not a blank pane.
 */
class LegacyGuardPlugin {
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    const file = path.resolve(__dirname, "src/legacy/legacy-guard.js");
    compiler.hooks.thisCompilation.tap("LegacyGuardPlugin", (compilation) => {
      compilation.fileDependencies.add(file);
      compilation.hooks.processAssets.tap({ name: "LegacyGuardPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.emitAsset(LEGACY_GUARD, new RawSource(fs.readFileSync(file)));
      });
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap("LegacyGuardPlugin", (data) => {
        if (data.outputName !== "taskpane.html") return data;
        const guard = HtmlWebpackPlugin.createHtmlTagObject("script", { defer: true, src: data.publicPath + LEGACY_GUARD });
        data.headTags.unshift(guard);
        return data;
      });
    });
  }
}
const LEGACY_GUARD = "legacy-guard.js";

/**
 * Copies assets/*.png and manifest.xml into the output (what the templates do
 * with copy-webpack-plugin, without another dependency).
 */
class CopyAddinFilesPlugin {
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap("CopyAddinFilesPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "CopyAddinFilesPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const name of addinAssetFiles()) {
            const file = path.join(assetsDir, name);
            compilation.fileDependencies.add(file);
            compilation.emitAsset(`assets/${name}`, new RawSource(fs.readFileSync(file)));
          }
          const manifest = path.resolve(__dirname, "manifest.xml");
          compilation.fileDependencies.add(manifest);
          try {
            const xml = rewriteManifest(fs.readFileSync(manifest, "utf8"), this.options.url);
            compilation.emitAsset("manifest.xml", new RawSource(Buffer.from(xml, "utf8")));
          } catch (e) {
            compilation.errors.push(new compiler.webpack.WebpackError(String(e.message || e)));
          }
        },
      );
    });
  }
}

/**
 * https options for `webpack serve`: office-addin-dev-certs' trusted localhost
 * certificate when that package is installed and works, else webpack-dev-server's
 * own self-signed certificate (the browser/Office must then be told to trust it).
 */
async function devServerHttps() {
  let devCerts;
  try {
    devCerts = require("office-addin-dev-certs");
  } catch (_e) {
    console.warn(
      "[parscore] office-addin-dev-certs is not installed: serving https://localhost with webpack-dev-server's " +
        "self-signed certificate. Excel will not load the pane until that certificate is trusted " +
        "(or run `npx office-addin-dev-certs install`).",
    );
    return "https";
  }
  try {
    const { ca, key, cert } = await devCerts.getHttpsServerOptions();
    return { type: "https", options: { ca, key, cert } };
  } catch (e) {
    console.warn(
      `[parscore] office-addin-dev-certs could not provide a trusted localhost certificate (${String(e.message || e).trim()}).\n` +
        "[parscore] Serving with webpack-dev-server's self-signed certificate instead; trust it, or run " +
        "`npx office-addin-dev-certs install` and restart.",
    );
    return "https";
  }
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);
  const requestedUrl = productionUrl(env);
  if (dev && requestedUrl) {
    console.warn(`[parscore] development build: the manifest keeps ${urlDev}; the URL ${requestedUrl} applies to production builds only.`);
  }
  const url = dev ? undefined : requestedUrl;
  if (!dev && env.WEBPACK_BUILD) {
    console.log(
      url
        ? `[parscore] manifest.xml in the output: add-in hosted at ${url}`
        : `[parscore] manifest.xml in the output keeps ${urlDev} (give the hosting URL: npm run build -- --env url=https://host/path/)`,
    );
  }
  const csp = contentSecurityPolicy({ dev: dev || serving });
  return {
    mode: dev ? "development" : "production",
    // Browsers in Office: WebView2, Safari, current browsers, and EdgeHTML 18 (Edge Legacy) in
    // Excel 2019/2016 on Windows 10, which stops at ES2017. Everything, dependencies included, is
    // emitted as ES2017 (scripts/downlevel-loader.js); test/build parses every bundle at that level.
    target: ["web", "es2017"],
    // A dependency's free `global` is the window: no runtime shim (whose fallback is
    // `new Function("return this")`, which the CSP forbids and the no-eval test rejects).
    node: { global: false },
    // Never an eval-based devtool: the CSP forbids eval.
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      // Excel custom functions (PARSCORE.*): manifest.xml names functions.js, so no content hash
      // (serve it, like the .html pages and manifest.xml, without long caching).
      functions: { import: "./src/functions/functions.ts", filename: "functions.js" },
    },
    output: {
      path: path.resolve(__dirname, "dist/web"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      // Chunks load relative to taskpane.html. (The default, "auto", finds the script's URL at run
      // time through a global-object shim whose fallback is `new Function`, which the CSP forbids.)
      publicPath: "",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.m?js$/,
          include: /node_modules/,
          use: { loader: path.resolve(__dirname, "scripts/downlevel-loader.js") },
        },
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Type checking is `npm run typecheck`; the bundle only transpiles.
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext", target: "es2017", sourceMap: true } } },
        },
      ],
    },
    optimization: {
      splitChunks: {
        cacheGroups: {
          // The task pane's libraries only: commands.html loads commands.js alone, so the
          // commands entry must not depend on this chunk (under `webpack serve` the dev
          // client, from node_modules, is part of every entry).
          vendor: { test: /[\\/]node_modules[\\/]/, name: "vendor", chunks: (chunk) => chunk.name === "taskpane" },
        },
      },
      minimizer: [
        new TerserPlugin({
          extractComments: false,
          terserOptions: {
            // \uXXXX-escape every non-ASCII character: the bundle is pure ASCII.
            format: { ascii_only: true, comments: false },
          },
        }),
      ],
    },
    performance: {
      // Fluent UI + React: a task pane loads once and is cached by Office.
      maxAssetSize: 1024 * 1024,
      maxEntrypointSize: 1536 * 1024,
    },
    plugins: [
      new webpack.DefinePlugin({ global: "window" }),
      new LegacyGuardPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["vendor", "taskpane"],
        csp,
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        csp,
      }),
      new CopyAddinFilesPlugin({ url }),
      // functions.html: the page Excel on the web and on Mac runs the custom functions in.
      new HtmlWebpackPlugin({
        filename: "functions.html",
        template: "./src/functions/functions.html",
        chunks: ["functions"],
        csp,
      }),
      // functions.json from the JSDoc of src/functions/functions.ts (and the CustomFunctions.associate
      // calls in functions.js); then functions.en.json and an ASCII-only functions.json (metadata-locales.js).
      new CustomFunctionsMetadataPlugin({ input: path.resolve(__dirname, "src/functions/functions.ts"), output: "functions.json" }),
      new FunctionsMetadataLocalesPlugin(),
    ],
    devServer: {
      hot: true,
      host: "localhost",
      port: devPort,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: serving ? await devServerHttps() : "https",
    },
  };
};

module.exports.urlDev = urlDev;
module.exports.OFFICE_JS_ORIGIN = OFFICE_JS_ORIGIN;
module.exports.rewriteManifest = rewriteManifest;
module.exports.normaliseAddinUrl = normaliseAddinUrl;
module.exports.productionUrl = productionUrl;
module.exports.contentSecurityPolicy = contentSecurityPolicy;
module.exports.addinAssetFiles = addinAssetFiles;
