// csv-parse declares its entry points in package.json "exports", which this project's module
// resolution ("node") does not read: name the synchronous API's declarations for it.
declare module "csv-parse/sync" {
  export { parse } from "csv-parse/dist/esm/sync";
}
