import { promises as fs } from "fs";
import { getTemplate, listTemplates, parseTemplate, type Template } from "../tables/templates";
import { InputError } from "./input";

/** `--template` takes a built-in id or the path of a user's own template (.json). */
export async function resolveTemplate(value: string): Promise<Template> {
  if (value.toLowerCase().endsWith(".json")) {
    let text: string;
    try {
      text = await fs.readFile(value, "utf8");
    } catch (err) {
      throw new InputError(`Cannot read template '${value}': ${(err as NodeJS.ErrnoException).code ?? String(err)} / Không đọc được bộ tiêu chí '${value}'`, 2);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new InputError(`Template '${value}' is not valid JSON: ${(err as Error).message} / Tệp bộ tiêu chí không phải JSON hợp lệ`, 2);
    }
    return parseTemplate(json);
  }
  const template = getTemplate(value);
  if (!template) {
    const known = listTemplates().map((t) => t.id).join(", ");
    throw new InputError(`Unknown template '${value}' (built-in: ${known}) / Không có bộ tiêu chí '${value}'`, 2);
  }
  return template;
}
