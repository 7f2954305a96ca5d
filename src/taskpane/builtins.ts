/**
 * Imported first by the pane (index.tsx), its worker (pipeline.worker.ts) and the custom functions
 * (functions.ts, which run the engine in Excel's runtime): the built-ins newer than ES2017 are
 * there before any other module runs (some use them as they load).
 */
import { installLegacyBuiltins } from "./legacy-builtins";

installLegacyBuiltins();
