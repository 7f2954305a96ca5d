/**
 * What seed 001 says, read from its sentences (copied verbatim into test/fixtures/seed-001/sentences.txt),
 * as the phrases ParScore's report must contain with the same numbers. Area titles come from the table
 * (the report names areas as the table does); the numbers come from the seed's text.
 */
import { readFileSync } from "fs";
import * as path from "path";

const FIXTURES = path.join(__dirname, "..", "fixtures");
export const SEED_TABLE = path.join(FIXTURES, "tables", "thua-thien-hue-2019-areas.tsv");

export interface Expectation {
  what: string;
  phrases: string[];
}

function seedLines(): string[] {
  return readFileSync(path.join(FIXTURES, "seed-001", "sentences.txt"), "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"));
}

/** The eight area titles as the seed table writes them. */
function tableTitles(): string[] {
  return readFileSync(SEED_TABLE, "utf8")
    .split("\n")
    .map((l) => l.split("\t"))
    .filter((c) => /^[1-8]$/.test(c[0]))
    .map((c) => c[1]);
}

function match(re: RegExp, text: string): RegExpExecArray {
  const m = re.exec(text);
  if (!m) throw new Error(`seed sentence does not read as expected: ${re} in ${text}`);
  return m;
}

const num = (s: string): number => Number(s.replace(",", "."));

export function seedExpectations(): Expectation[] {
  const lines = seedLines();
  const out: Expectation[] = [];
  const headline = lines[0];
  const h = match(/đạt (\d+,\d+)\/(\d+) điểm, xếp vị thứ (\d+)\/(\d+) tỉnh, thành phố \((tăng [\d,]+ điểm và tăng \d+ bậc so với năm \d{4})\)/, headline);
  out.push({ what: "headline", phrases: [`Kết quả chỉ số CCHC năm 2019 của Thừa Thiên Huế đạt ${h[1]}/${h[2]} điểm, xếp vị thứ ${h[3]}/${h[4]} (${h[5]})`] });
  for (const line of lines.filter((l) => l.startsWith("- Vị thứ của "))) {
    const m = match(/^- (Vị thứ của \d+\/\d+ lĩnh vực (?:có tăng|giảm) bậc so với năm \d{4}, bao gồm:)/, line);
    out.push({ what: "areas that moved", phrases: [m[1]] });
  }
  const appraisal = lines.find((l) => l.startsWith("- Điểm đánh giá kết quả thực hiện")) as string;
  const a = match(/đạt được ([\d,]+\/[\d,]+ điểm) \((tăng [\d,]+ điểm và tăng \d+ bậc so với năm \d{4})\)/, appraisal);
  out.push({ what: "appraisal points", phrases: [`Điểm thẩm định: đạt ${a[1]}`, `(${a[2]})`] });
  const titles = tableTitles();
  const areas = lines.filter((l) => /^[a-h]\) Lĩnh vực/.test(l));
  areas.forEach((line, i) => {
    const points = match(/đạt (?:điểm (?:thấp )?)?(\d+(?:,\d+)?)\/(\d+(?:,\d+)?)/, line);
    // "dẫn đầu trên toàn quốc" (leads the country) is rank 1.
    const rank = /dẫn đầu trên toàn quốc/.test(line) ? ["", "1"] : match(/xếp (?:vị )?thứ (\d+)\/63/, line);
    const ties = /có (\d+) tỉnh, thành phố cùng vị thứ/.exec(line);
    const phrases = [`Lĩnh vực ${titles[i]}: đạt ${points[1]}/${points[2]} điểm (xếp vị thứ ${rank[1]}/63${ties ? `, ${ties[1]} đơn vị cùng vị thứ` : ""})`];
    // The seed's first "bị trừ" is the area's loss where it equals max - points; for areas e, f and h it
    // counts only the part scored from reports ("đánh giá qua hệ thống báo cáo"), which the table lacks.
    const lost = /bị trừ (\d+(?:,\d+)?) điểm/.exec(line);
    if (lost && Math.abs(num(points[2]) - num(points[1]) - num(lost[1])) < 0.005) phrases.push(`bị trừ ${lost[1]} điểm`);
    out.push({ what: `area ${i + 1}`, phrases });
  });
  if (areas.length !== 8) throw new Error(`expected 8 area sentences, found ${areas.length}`);
  return out;
}

/** Text with every run of white space as one space (PDF text wraps lines anywhere). */
export function flat(text: string): string {
  return text.replace(/\s+/g, " ");
}
