/**
 * commander's own usage errors follow the run's language (--lang, Vietnamese by default), like every
 * other message (issue 17 case 12): unknown option or command, a missing argument or option value,
 * an invalid choice, too many arguments; and the help's headings.
 */
import { localiseUsageError } from "../../src/cli/usage-messages";
import { run } from "./run";

const CASES: { args: string[]; vi: string; en: string }[] = [
  { args: ["analyze", "x.xlsx", "--bogus"], vi: "lỗi: không có tuỳ chọn '--bogus'", en: "error: unknown option '--bogus'" },
  { args: ["analyze"], vi: "lỗi: thiếu tham số bắt buộc 'file'", en: "error: missing required argument 'file'" },
  { args: ["analyze", "x.xlsx", "--sheet"], vi: "lỗi: tuỳ chọn '--sheet <name>' cần một giá trị", en: "error: option '--sheet <name>' argument missing" },
  {
    args: ["analyze", "x.xlsx", "--rank-on", "median"],
    vi: "lỗi: giá trị 'median' của tuỳ chọn '--rank-on <rule>' không hợp lệ. Các giá trị được phép: rounded, exact.",
    en: "error: option '--rank-on <rule>' argument 'median' is invalid. Allowed choices are rounded, exact.",
  },
  { args: ["analyze", "a.xlsx", "b.xlsx"], vi: "lỗi: quá nhiều tham số cho lệnh 'analyze': cần 1, nhận được 2.", en: "error: too many arguments for 'analyze'. Expected 1 argument but got 2." },
  { args: ["split", "x.xlsx"], vi: "lỗi: thiếu tuỳ chọn bắt buộc '--out-dir <dir>'", en: "error: required option '--out-dir <dir>' not specified" },
  { args: ["frobnicate"], vi: "lỗi: không có lệnh 'frobnicate'", en: "error: unknown command 'frobnicate'" },
];

describe.each(CASES)("parscore $args", ({ args, vi, en }) => {
  test("in Vietnamese by default, exit 2, with where to look next", async () => {
    const { code, err, out } = await run(args);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err.split("\n")[0]).toBe(vi);
    expect(err).toMatch(/\(Xem 'parscore (\w+ )?--help' để biết cách dùng\.\)/);
    expect(err).not.toMatch(/error:|Usage:|Options:/);
  });

  test("in English with --lang en", async () => {
    // --lang right after the command, so it is read before commander meets the error.
    const { code, err } = await run([args[0], "--lang", "en", ...args.slice(1)]);
    expect(code).toBe(2);
    expect(err.split("\n")[0]).toBe(en);
    expect(err).toMatch(/\(See 'parscore (\w+ )?--help' for usage\.\)/);
  });
});

test("a suggestion for a mistyped option is translated too", async () => {
  const { err } = await run(["analyze", "x.xlsx", "--shet", "S"]);
  expect(err).toContain("lỗi: không có tuỳ chọn '--shet'\n(Có phải ý bạn là --sheet?)");
});

test("--help: headings in the run's language", async () => {
  const vi = await run(["analyze", "--help"]);
  expect(vi.code).toBe(0);
  expect(vi.out).toMatch(/^Cách dùng: parscore analyze\|analyse \[options\] <file>/);
  expect(vi.out).toContain("\nTham số:\n");
  expect(vi.out).toContain("\nTuỳ chọn:\n");
  expect(vi.out).toContain("hiển thị trợ giúp cho lệnh");
  const en = await run(["analyze", "--help", "--lang", "en"]);
  expect(en.out).toMatch(/^Usage: parscore analyze/);
  expect(en.out).toContain("\nOptions:\n");
});

test("a message the patterns do not know keeps its text, with the prefix translated", () => {
  expect(localiseUsageError("error: something new\n", "vi")).toBe("lỗi: something new\n");
  expect(localiseUsageError("error: something new\n", "en")).toBe("error: something new\n");
});
