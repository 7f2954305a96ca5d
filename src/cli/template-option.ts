import { promises as fs } from "fs";
import { getTemplate, listTemplates, parseTemplate, TemplateError, type Template } from "../tables/templates";
import { InputError } from "./input";

/** `--template` takes a built-in id or the path of a user's own template (.json). */
export async function resolveTemplate(value: string): Promise<Template> {
  if (value.toLowerCase().endsWith(".json")) {
    let text: string;
    try {
      text = await fs.readFile(value, "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      throw new InputError({ vi: `Không đọc được bộ tiêu chí '${value}' (${code}).`, en: `Cannot read template '${value}' (${code}).` }, 2);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      const why = (err as Error).message;
      throw new InputError({ vi: `Tệp bộ tiêu chí '${value}' không phải JSON hợp lệ (${why}).`, en: `Template '${value}' is not valid JSON (${why}).` }, 2);
    }
    try {
      return parseTemplate(json);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      const at = err.path ? ` (${err.path})` : "";
      throw new InputError({ vi: `Bộ tiêu chí '${value}'${at}: ${err.text.vi}.`, en: `Template '${value}'${at}: ${err.text.en}.` }, 2);
    }
  }
  const template = getTemplate(value);
  if (!template) {
    const known = listTemplates().map((t) => t.id).join(", ");
    throw new InputError({ vi: `Không có bộ tiêu chí '${value}' (có sẵn: ${known}).`, en: `Unknown template '${value}' (built-in: ${known}).` }, 2);
  }
  return template;
}
