/**
 * Writes a file whole or not at all: the bytes go to a temporary file next to the target, which is
 * then renamed over it. A failure half-way (a full disk, a killed process, an error) leaves the
 * target as it was (absent, or the previous run's file) and removes the temporary file.
 */
import { randomBytes } from "crypto";
import { promises as fs } from "fs";
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
