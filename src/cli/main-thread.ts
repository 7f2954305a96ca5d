/** The thread `runIsolated` (isolated.ts) starts: runs the command line and reports its exit status. */
import { parentPort, workerData } from "worker_threads";
import { main } from "./main";

void main((workerData as { argv: string[] }).argv).then((exitCode) => parentPort?.postMessage({ exitCode }));
