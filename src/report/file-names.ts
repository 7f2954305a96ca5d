/**
 * File names from unit names that Windows, macOS and Linux all accept, and that never collide:
 * "Sở Tư pháp" -> "Sở Tư pháp.xlsx" (or "So Tu phap.xlsx" folded), "CON" -> "CON_.xlsx",
 * "A/B: C?" -> "A_B_ C_.xlsx", a second "Sở Y tế" -> "Sở Y tế (2).xlsx".
 */

/** Device names Windows reserves, with or without an extension (CON.xlsx is still CON). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
/** Characters Windows refuses in a name, and control characters. */
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
/** Room left for a path under Windows' 260-character limit: the name itself stays short. */
const MAX_BASE_LENGTH = 100;

/** Vietnamese without diacritics ("Đắk Lắk" -> "Dak Lak"), for file systems or mail systems that mangle them. */
export function foldDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
}

export interface SafeNameOptions {
  /** Drop diacritics (default: keep them, in NFC, as Windows and macOS show them). */
  fold?: boolean;
  /** What an empty name becomes. */
  fallback?: string;
}

/** One safe base name (no extension) for a unit's name. */
export function safeFileBase(name: string, options: SafeNameOptions = {}): string {
  let base = name.normalize("NFC");
  if (options.fold) base = foldDiacritics(base);
  base = base.replace(FORBIDDEN, "_").replace(/\s+/g, " ").trim();
  // Windows drops trailing dots and spaces, so "Sở A." and "Sở A" would be one file.
  base = base.replace(/[. ]+$/, "");
  if ([...base].length > MAX_BASE_LENGTH) base = [...base].slice(0, MAX_BASE_LENGTH).join("").replace(/[. ]+$/, "");
  if (base === "" || /^\.+$/.test(base)) base = options.fallback ?? "don-vi";
  // Windows reads "CON.txt" as the device CON too: the mark goes on the part before the first dot.
  const dot = base.indexOf(".");
  const stem = dot < 0 ? base : base.slice(0, dot);
  if (RESERVED.test(stem.trim())) base = `${stem}_${base.slice(stem.length)}`;
  return base;
}

/**
 * Base names for every unit, in order, each unique as Windows and macOS compare names (case and
 * Unicode form ignored): the second of two units named alike gets " (2)".
 */
export function uniqueFileBases(names: readonly string[], options: SafeNameOptions = {}): string[] {
  const taken = new Set<string>();
  const key = (s: string): string => s.normalize("NFC").toLocaleLowerCase("vi");
  return names.map((name) => {
    const base = safeFileBase(name, options);
    for (let i = 1; ; i++) {
      const candidate = i === 1 ? base : `${base} (${i})`;
      if (!taken.has(key(candidate))) {
        taken.add(key(candidate));
        return candidate;
      }
    }
  });
}
