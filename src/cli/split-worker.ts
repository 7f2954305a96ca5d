/**
 * A worker thread of `parscore split`: reads and analyses the file itself (analyses are not
 * transferable), then asks the main thread for the next unit to write until there is none (-1).
 */
import { parentPort, workerData } from "worker_threads";
import { prepareSplit, writeUnitWorkbook, type SplitRun, type SplitWorkerData, type SplitWorkerMessage } from "./split";

const data = workerData as SplitWorkerData;
let split: SplitRun | null = null;

async function write(index: number): Promise<void> {
  if (index < 0 || !split) {
    parentPort?.close();
    return;
  }
  const outcome = await writeUnitWorkbook(split, split.jobs[index], data.options);
  parentPort?.postMessage({ index, outcome } satisfies SplitWorkerMessage);
}

async function start(): Promise<void> {
  split = await prepareSplit(data.file, data.options);
  parentPort?.on("message", (index: number) => void write(index));
  parentPort?.postMessage({} satisfies SplitWorkerMessage);
}

void start();
