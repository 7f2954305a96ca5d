/**
 * Imported first by the pane (index.tsx) and its worker (pipeline.worker.ts): the built-ins newer
 * than ES2017 are there before any other module runs (some use them as they load).
 */
import { installLegacyBuiltins } from "./legacy-builtins";

installLegacyBuiltins();
