/**
 * `parscore templates`: the built-in criteria sets, each with what its sources confirm, what is left
 * to the user's table, its period and its sources.
 */
import type { Lang } from "../engine/types";
import type { Template } from "../tables/templates";

export function templatesText(templates: readonly Template[], lang: Lang): string {
  return templates.map((t) => templateText(t, lang)).join("\n");
}

function templateText(t: Template, lang: Lang): string {
  const vi = lang === "vi";
  const about = t.about;
  const lines = [`${t.id}: ${t.title[lang]}`];
  if (about.period) {
    const from = about.period.from ?? "?";
    const to = about.period.to ?? (vi ? "nay" : "now");
    lines.push(`  ${vi ? "Kỳ áp dụng" : "Period"}: ${from} – ${to}${about.period.note ? `. ${about.period.note[lang]}` : ""}`);
  }
  lines.push(
    vi
      ? `  Xác nhận: ${about.confirmedMaxima} điểm tối đa có nguồn; ${about.unconfirmed.length} mục chưa xác nhận`
      : `  Confirmed: ${about.confirmedMaxima} maxima with a source; ${about.unconfirmed.length} items not confirmed`,
  );
  for (const u of about.unconfirmed) lines.push(`    - ${unconfirmedText(u, lang)}`);
  if (t.source) lines.push(`  ${vi ? "Nguồn" : "Source"}: ${t.source}`);
  for (const s of about.sources) lines.push(`    ${s.url}${s.publisher ? ` (${s.publisher})` : ""}${s.says ? `: ${s.says}` : ""}`);
  return lines.join("\n") + "\n";
}

function unconfirmedText(u: Template["about"]["unconfirmed"][number], lang: Lang): string {
  const vi = lang === "vi";
  const who = u.code ? `${u.code} ${u.title}`.trim() : vi ? "Tổng" : "Total";
  const what =
    u.what === "max"
      ? vi
        ? "điểm tối đa lấy từ bảng của người dùng"
        : "maximum taken from the user's table"
      : u.what === "weight"
        ? vi
          ? "trọng số chưa xác nhận"
          : "weight not confirmed"
        : vi
          ? "quy tắc cộng dồn chưa xác nhận"
          : "roll-up rule not confirmed";
  return `${who}: ${what}${u.note ? ` (${u.note[lang]})` : ""}`;
}
