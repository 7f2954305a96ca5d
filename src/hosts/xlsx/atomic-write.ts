/**
 * Writes a file whole or not at all: the bytes go to a temporary file next to the target, which is
 * then renamed over it. A failure half-way (a full disk, a killed process, an error) leaves the
 * target as it was (absent, or the previous run's file) and removes the temporary file.
 */
import { randomBytes } from "crypto";
import { closeSync, openSync, promises as fs, writeSync, writevSync } from "fs";
import * as path from "path";

export async function writeFileAtomic(target: string, data: Buffer | string): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  try {
    await fs.writeFile(temp, data, { flag: "wx" });
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/**
 * Writes a file whole or not at all from pieces `produce` hands to `write` as it makes them (so they
 * need not all be held); `produce` resolving to false abandons the file, leaving the target as it was.
 */
export async function writeFileAtomicFrom(target: string, produce: (write: (pieces: readonly Buffer[]) => void) => Promise<boolean>): Promise<boolean> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  let fd: number | null = openSync(temp, "wx");
  try {
    const file = fd;
    const kept = await produce((pieces) => {
      for (let i = 0; i < pieces.length; i += 512) writeAll(file, pieces.slice(i, i + 512));
    });
    closeSync(fd);
    fd = null;
    if (kept) await fs.rename(temp, target);
    else await fs.rm(temp, { force: true });
    return kept;
  } catch (err) {
    if (fd !== null) closeSync(fd);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** The pieces in one system call, finished piece by piece if the system wrote less. */
function writeAll(fd: number, pieces: Buffer[]): void {
  const total = pieces.reduce((n, p) => n + p.length, 0);
  let done = writevSync(fd, pieces);
  if (done === total) return;
  const rest = Buffer.concat(pieces).subarray(done);
  for (let at = 0; at < rest.length; at += done) done = writeSync(fd, rest, at);
}
