/**
 * Writes a file whole or not at all: the bytes go to a temporary file next to the target, which is
 * then renamed over it. A failure half-way (a full disk, a killed process, an error) leaves the
 * target as it was (absent, or the previous run's file) and removes the temporary file.
 */
import { randomBytes } from "crypto";
import { promises as fs } from "fs";
import * as path from "path";

/** `data` is the file's bytes, or the pieces they are made of, in order (written one after another, never joined). */
export async function writeFileAtomic(target: string, data: Buffer | string | readonly Buffer[]): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  try {
    if (typeof data === "string" || Buffer.isBuffer(data)) await fs.writeFile(temp, data, { flag: "wx" });
    else await writePieces(temp, data);
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** Many small pieces (an archive of 100,000 parts) in batches, each batch one system call. */
async function writePieces(file: string, pieces: readonly Buffer[]): Promise<void> {
  const handle = await fs.open(file, "wx");
  try {
    for (let i = 0; i < pieces.length; i += 512) await handle.writev(pieces.slice(i, i + 512));
  } finally {
    await handle.close();
  }
}
