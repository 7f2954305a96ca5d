/**
 * Reads many files (consolidate's units) in a few reader threads, each file under its own limits:
 * a heap cap (worker_threads resourceLimits), a time limit and the cell limit. A file that runs a
 * reader out of memory, hangs it or crashes it ends that reader (a fresh one takes its place) and
 * is refused with a message that says so; the other files are read as usual. The threads are kept
 * from file to file: 700 small files cost 2 thread starts, not 700.
 *
 * Where the compiled reader is missing (tests run the TypeScript sources), files are read inline,
 * without isolation.
 */
import { existsSync } from "fs";
import { availableParallelism } from "os";
import * as path from "path";
import { getHeapStatistics } from "v8";
import { Worker } from "worker_threads";
import type { Lang, Text2 } from "../engine/types";
import type { Grid } from "../tables/grid";
import { InputError, readGrids } from "./input";

export interface ReadRequest {
  id: number;
  file: string;
  sheet?: string;
  maxCells: number;
}

export type ReadReply =
  | { id: number; grids: Grid[] }
  | { id: number; refused: { text: Text2 | null; message: string; exitCode: number } }
  | { id: number; failed: string };

export interface ReadLimits {
  /** The heap one reader may use, in MB. */
  heapMb: number;
  /** The time one file may take, in ms. */
  timeoutMs: number;
  /** Reader threads at most. */
  threads: number;
}

/**
 * Half of this process's heap for one file (at least 256 MB, at most 2 GB); 2 minutes; a reader
 * thread per core but one, which recognises the tables read meanwhile (1 to 3 readers).
 */
export function defaultReadLimits(): ReadLimits {
  const heapMb = Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);
  return {
    heapMb: Math.max(256, Math.min(2048, Math.floor(heapMb / 2))),
    timeoutMs: 120_000,
    threads: Math.max(1, Math.min(3, availableParallelism() - 1)),
  };
}

export interface FileReader {
  read(file: string, maxCells: number): Promise<Grid[]>;
  close(): Promise<void>;
}

const READER_SCRIPT = path.join(__dirname, "read-worker.js");

export function createFileReader(limits: ReadLimits): FileReader {
  if (!existsSync(READER_SCRIPT)) {
    return { read: (file, maxCells) => readGrids(file, undefined, { maxCells }), close: () => Promise.resolve() };
  }
  return new ReadPool(READER_SCRIPT, limits);
}

class ReadPool implements FileReader {
  private idle: Worker[] = [];
  private running = 0;
  private waiting: (() => void)[] = [];
  private nextId = 1;

  constructor(
    private readonly script: string,
    private readonly limits: ReadLimits,
  ) {}

  async read(file: string, maxCells: number): Promise<Grid[]> {
    await this.slot();
    let worker = this.idle.pop();
    let reusable = false;
    try {
      worker ??= await this.start().catch((err: Error) => {
        throw readerFailed(file, err.message);
      });
      const outcome = await this.ask(worker, { id: this.nextId++, file, maxCells });
      reusable = outcome.reusable;
      if (outcome.error) throw outcome.error;
      return outcome.grids;
    } finally {
      if (worker && reusable) this.idle.push(worker);
      else void worker?.terminate();
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** A new reader thread, once it has loaded (or failed to: then the file is refused as an internal error). */
  private start(): Promise<Worker> {
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb } });
    // A reader's late error (after its file was answered for) must not end the run.
    worker.on("error", () => undefined);
    return new Promise((resolve, reject) => {
      worker.once("message", () => resolve(worker));
      worker.once("exit", (code) => reject(new Error(`reader thread exited with code ${code} while loading`)));
    });
  }

  async close(): Promise<void> {
    const idle = this.idle;
    this.idle = [];
    await Promise.all(idle.map((w) => w.terminate()));
  }

  /** Waits for a free reader thread. */
  private async slot(): Promise<void> {
    while (this.running >= this.limits.threads) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
  }

  private ask(worker: Worker, request: ReadRequest): Promise<{ grids: Grid[]; error?: InputError; reusable: boolean }> {
    const { file } = request;
    return new Promise((resolve) => {
      const finish = (outcome: { grids: Grid[]; error?: InputError; reusable: boolean }) => {
        clearTimeout(timer);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        resolve(outcome);
      };
      const onMessage = (reply: ReadReply) => {
        if (reply.id !== request.id) return;
        if ("grids" in reply) finish({ grids: reply.grids, reusable: true });
        else if ("refused" in reply) finish({ grids: [], error: refusedError(reply.refused), reusable: true });
        else finish({ grids: [], error: readerFailed(file, reply.failed), reusable: true });
      };
      const onError = (err: Error & { code?: string }) =>
        finish({ grids: [], error: err.code === "ERR_WORKER_OUT_OF_MEMORY" ? outOfMemory(file, this.limits.heapMb) : readerFailed(file, err.stack ?? String(err)), reusable: false });
      const onExit = (code: number) => finish({ grids: [], error: readerFailed(file, `reader thread exited with code ${code}`), reusable: false });
      const timer = setTimeout(() => finish({ grids: [], error: tookTooLong(file, this.limits.timeoutMs), reusable: false }), this.limits.timeoutMs);
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      worker.postMessage(request);
    });
  }
}

function refusedError(refused: { text: Text2 | null; message: string; exitCode: number }): InputError {
  return new InputError(refused.text ?? refused.message, refused.exitCode);
}

const mbText = (mb: number, lang: Lang) => mb.toLocaleString(lang === "vi" ? "vi-VN" : "en-US");

/** A file that needs more memory than one file may have: a stray cell far from the table, or a huge or hostile file. */
export function outOfMemory(file: string, heapMb: number): InputError {
  return new InputError(
    {
      vi:
        `'${file}': đọc tệp này cần nhiều hơn ${mbText(heapMb, "vi")} MB bộ nhớ nên ParScore đã dừng đọc nó. ` +
        `Tệp có thể có ô nằm rất xa bảng (ví dụ một ghi chú ở cột XFD hoặc dòng 1.048.576: nhấn Ctrl+End trong Excel để thấy ô cuối cùng), ` +
        `hoặc quá lớn. Hãy xóa các ô thừa ngoài bảng hoặc tách bảng thành nhiều tệp nhỏ hơn, lưu lại rồi chạy lại.`,
      en:
        `'${file}': reading this file needs more than ${mbText(heapMb, "en")} MB of memory, so ParScore stopped reading it. ` +
        `It may have cells far away from the table (a note in column XFD or row 1,048,576: press Ctrl+End in Excel to see the last cell), ` +
        `or be too big. Delete the stray cells outside the table or split the table into smaller files, save, and run again.`,
    },
    1,
  );
}

function tookTooLong(file: string, timeoutMs: number): InputError {
  const s = Math.round(timeoutMs / 1000);
  return new InputError(
    {
      vi: `'${file}': đọc tệp này mất hơn ${s} giây nên ParScore đã dừng đọc nó. Tệp có thể quá lớn hoặc bị hỏng: hãy mở bằng Excel, xóa các phần không cần, lưu lại rồi chạy lại (hoặc đặt --file-timeout lớn hơn).`,
      en: `'${file}': reading this file took more than ${s} seconds, so ParScore stopped reading it. It may be too big or damaged: open it in Excel, delete what is not needed, save, and run again (or set a larger --file-timeout).`,
    },
    1,
  );
}

/** A bug of ours met while reading one file: said as such, that file set aside. */
function readerFailed(file: string, detail: string): InputError {
  const first = detail.split("\n")[0];
  return new InputError(
    {
      vi: `'${file}': ParScore gặp lỗi nội bộ khi đọc tệp này (không phải lỗi của tệp: ${first}). Tệp này được bỏ qua; hãy gửi tệp cho người hỗ trợ ParScore.`,
      en: `'${file}': ParScore hit an internal error reading this file (not a problem with the file: ${first}). The file was set aside; please send it to whoever supports ParScore.`,
    },
    1,
  );
}
