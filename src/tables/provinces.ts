/**
 * The 63 provinces and centrally-run cities scored by the PAR INDEX (before the 2025
 * mergers), for naming the unit of a one-unit table from its title or sheet name
 * ("thua-thien-hue-2019", "TT Huế", "TỈNH THỪA THIÊN HUẾ" -> "Thừa Thiên Huế").
 */
import { fold } from "./text";

export const PROVINCES: readonly string[] = [
  "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương",
  "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
  "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
  "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng",
  "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên",
  "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
  "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Thành phố Hồ Chí Minh", "Trà Vinh",
  "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
];

/** Other ways the names are written, folded. */
const ALIASES: Array<[string, string]> = [
  ["tt hue", "Thừa Thiên Huế"],
  ["thua thien hue", "Thừa Thiên Huế"],
  ["tp hcm", "Thành phố Hồ Chí Minh"],
  ["tp ho chi minh", "Thành phố Hồ Chí Minh"],
  ["ho chi minh", "Thành phố Hồ Chí Minh"],
  ["hcm", "Thành phố Hồ Chí Minh"],
  ["ba ria vung tau", "Bà Rịa - Vũng Tàu"],
  ["brvt", "Bà Rịa - Vũng Tàu"],
  ["dak lak", "Đắk Lắk"],
  ["dac lac", "Đắk Lắk"],
  ["dak nong", "Đắk Nông"],
  ["thanh hoa", "Thanh Hóa"],
  ["hoa binh", "Hòa Bình"],
  ["khanh hoa", "Khánh Hòa"],
];

const INDEX: Array<[string, string]> = [...PROVINCES.map((p): [string, string] => [fold(p), p]), ...ALIASES].sort(
  (a, b) => b[0].length - a[0].length,
);

/** The province named in a text (title, sheet or file name), in its proper Unicode spelling; undefined when none. */
export function findProvince(text: string): string | undefined {
  return provinceKey(text)?.[1];
}

function provinceKey(text: string): [string, string] | undefined {
  const folded = ` ${fold(text.replace(/[_-]+/g, " "))} `;
  return INDEX.find(([key]) => folded.includes(` ${key} `));
}

/**
 * A title line that is only a province's name, give or take a year ("Ha Tinh 2015", "Soc Trang"): the
 * name as the line writes it (the unit is named as published), in its proper spelling when capitalised.
 */
export function provinceLine(text: string): string | undefined {
  const written = text.replace(/\b(?:19|20)\d{2}\b/gu, " ").trim().replace(/\s+/g, " ");
  const key = provinceKey(written);
  if (!key || fold(written) !== key[0]) return undefined;
  return written === written.toLocaleUpperCase("vi") ? key[1] : written;
}

/** How units are named: a province ("Bac Ninh", "Tỉnh Quảng Ninh") or an organisation ("Sở Tư pháp", "UBND huyện A"). */
export const ORGANISATION_NAME =
  /^(sở|ủy ban|uỷ ban|ubnd|huyện|thị xã|thành phố|tp\.?|tỉnh|xã|phường|thị trấn|đặc khu|bộ|ban|cục|chi cục|trung tâm|văn phòng|đơn vị|cơ quan|phòng|đài|viện|trường|bệnh viện)\s/iu;

export function isUnitName(name: string): boolean {
  if (ORGANISATION_NAME.test(`${name.trim()} `)) return true;
  const key = provinceKey(name);
  // The province is the name, give or take a word or two ("Tỉnh Quảng Ninh", "TP. Hà Nội").
  return key !== undefined && fold(name).split(" ").length <= key[0].split(" ").length + 2;
}
