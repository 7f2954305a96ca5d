/** Runs `parscore` in-process with captured output, for the command-line tests. */
import { main, type Io } from "../../src/cli/main";

export async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => (out += t), err: (t) => (err += t) };
  const code = await main(args, io);
  return { code, out, err };
}
