/**
 * A reader thread of the pool (read-pool.ts): reads one file at a time into Grids and sends them
 * back, or the InputError that says why it could not. Running in its own thread with its own heap
 * cap, a file that would exhaust memory ends this thread, not the run.
 */
import { parentPort } from "worker_threads";
import { InputError, readGrids } from "./input";
import type { ReadReply, ReadRequest } from "./read-pool";

parentPort?.on("message", (request: ReadRequest) => {
  void answer(request).then((reply) => parentPort?.postMessage(reply));
});
// Loaded: a file's time limit counts from here, not from the thread's start.
parentPort?.postMessage({ ready: true });

async function answer({ id, file, sheet, maxCells }: ReadRequest): Promise<ReadReply> {
  try {
    return { id, grids: await readGrids(file, sheet, { maxCells }) };
  } catch (err) {
    if (err instanceof InputError) return { id, refused: { text: err.text, message: err.message, exitCode: err.exitCode } };
    return { id, failed: (err as Error).stack ?? String(err) };
  }
}
