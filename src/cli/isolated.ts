/**
 * The command line as `bin/parscore.js` runs it: `main` in a thread of its own whose heap is capped
 * at what this process may use, so that a file needing more memory than there is ends that thread
 * with a clear message in the run's language (exit 1), not the process with a V8 trace (exit 134).
 */
import * as path from "path";
import { getHeapStatistics } from "v8";
import { Worker } from "worker_threads";
import type { Lang } from "../engine/types";

const ENTRY = path.join(__dirname, "main-thread.js");

export function runIsolated(argv: string[]): Promise<number> {
  const heapMb = Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);
  const lang: Lang = argv.some((a, i) => (a === "--lang" && argv[i + 1] === "en") || a === "--lang=en") ? "en" : "vi";
  return new Promise((resolve) => {
    let code: number | null = null;
    const worker = new Worker(ENTRY, { workerData: { argv }, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    worker.on("message", (message: { exitCode: number }) => (code = message.exitCode));
    worker.on("error", (err: Error & { code?: string }) => {
      const file = argv.length > 1 && !argv[1].startsWith("-") ? argv[1] : "";
      if (err.code === "ERR_WORKER_OUT_OF_MEMORY") process.stderr.write(`parscore: ${outOfMemoryText(file, heapMb, lang)}\n`);
      else process.stderr.write(`parscore: ${err.stack ?? String(err)}\n`);
      code = 1;
    });
    worker.on("exit", () => resolve(code ?? 1));
  });
}

/** In the run's language first, then the other. */
function outOfMemoryText(file: string, heapMb: number, lang: Lang): string {
  const f = file ? ` '${file}'` : "";
  const mb = (l: Lang) => heapMb.toLocaleString(l === "vi" ? "vi-VN" : "en-US");
  const text = {
    vi:
      `Tệp${f} cần nhiều bộ nhớ hơn mức Node cho phép (${mb("vi")} MB) nên ParScore đã dừng; không có tệp kết quả nào bị ghi dở. ` +
      `Tệp có thể có ô nằm rất xa bảng (nhấn Ctrl+End trong Excel để thấy ô cuối cùng) hoặc quá lớn: hãy xóa các ô thừa ngoài bảng hoặc tách bảng thành nhiều tệp, ` +
      `hoặc nếu máy đủ bộ nhớ, chạy với NODE_OPTIONS=--max-old-space-size=${Math.ceil((heapMb * 2) / 1024) * 1024}.`,
    en:
      `${file ? `'${file}'` : "The input"} needs more memory than Node allows (${mb("en")} MB), so ParScore stopped; no output file was left half-written. ` +
      `It may have cells far away from the table (press Ctrl+End in Excel to see the last cell) or be too big: delete the stray cells outside the table or split the table into several files, ` +
      `or with enough memory run with NODE_OPTIONS=--max-old-space-size=${Math.ceil((heapMb * 2) / 1024) * 1024}.`,
  };
  return `${text[lang]}\n  ${text[lang === "vi" ? "en" : "vi"]}`;
}
