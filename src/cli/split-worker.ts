/**
 * A worker thread of `parscore split`: reads and analyses the file itself (analyses are not
 * transferable), then writes its share of the units' workbooks and reports each outcome.
 */
import { parentPort, workerData } from "worker_threads";
import { prepareSplit, writeUnitWorkbook, type SplitWorkerData } from "./split";

async function work(data: SplitWorkerData): Promise<void> {
  const split = await prepareSplit(data.file, data.options);
  for (let index = data.from; index < data.to; index++) {
    const job = split.jobs[index];
    if (!job) break;
    const outcome = await writeUnitWorkbook(split, job, data.options);
    parentPort?.postMessage({ index, outcome });
  }
}

void work(workerData as SplitWorkerData);
