import { MAX_MATCHES, foldName, matchUnits } from "../../src/taskpane/unit-search";

const NAMES = ["Huyện A Lưới", "Thị xã Hương Thủy", "Sở Tư pháp", "Xã Đông Sơn", "Phường Đông Ba", "Huyện Phong Điền"];
const folded = NAMES.map(foldName);

test("a name is folded without case, Vietnamese marks or repeated spaces; đ reads as d", () => {
  expect(foldName("  Xã   ĐÔNG Sơn ")).toBe("xa dong son");
  expect(foldName("Huyện A Lưới")).toBe("huyen a luoi");
  // Precomposed and decomposed input fold alike.
  expect(foldName("Lư\u0301")).toBe(foldName("Lứ"));
});

test("typed with or without marks, a unit is found; names starting with the words first, then later words, then anywhere", () => {
  expect(matchUnits(folded, "a luoi").indices.map((i) => NAMES[i])).toEqual(["Huyện A Lưới"]);
  expect(matchUnits(folded, "ĐÔNG").indices.map((i) => NAMES[i])).toEqual(["Xã Đông Sơn", "Phường Đông Ba"]);
  expect(matchUnits(folded, "huyen").indices.map((i) => NAMES[i])).toEqual(["Huyện A Lưới", "Huyện Phong Điền"]);
  // "ong" starts no word: found inside "Hương", "Đông", "Phường" and "Phong", in table order.
  expect(matchUnits(folded, "ong").indices.map((i) => NAMES[i])).toEqual(["Thị xã Hương Thủy", "Xã Đông Sơn", "Phường Đông Ba", "Huyện Phong Điền"]);
  // "xa": a name's first word ranks before a later word ("Thị xã").
  expect(matchUnits(folded, "xa").indices.map((i) => NAMES[i])).toEqual(["Xã Đông Sơn", "Thị xã Hương Thủy"]);
  expect(matchUnits(folded, "quận")).toEqual({ indices: [], total: 0 });
});

test("10,000 units: at most MAX_MATCHES options, with the number of matches in all", () => {
  const many = Array.from({ length: 10_000 }, (_, i) => foldName(`Xã Tân Lập ${i + 1}`));
  const all = matchUnits(many, "");
  expect(all.indices).toHaveLength(MAX_MATCHES);
  expect(all.total).toBe(10_000);
  expect(all.indices[0]).toBe(0);
  const some = matchUnits(many, "tan lap 12");
  // 12, 120-129, 1200-1299: 111 names.
  expect(some.total).toBe(111);
  expect(some.indices).toHaveLength(MAX_MATCHES);
  expect(many[some.indices[0]]).toBe("xa tan lap 12");
  expect(matchUnits(many, "lap 9999").indices.map((i) => many[i])).toEqual(["xa tan lap 9999"]);
});
