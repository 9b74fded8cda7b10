import type { CliIo } from '../../../src/cli/io.ts';
import { main } from '../../../src/cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

/** Runs the CLI in this process with captured output, the given environment and `stdin` as standard input. */
export async function runCli(argv: string[], stdin = '', env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
    readStdin: async () => stdin,
  };
  const started = performance.now();
  const code = await main(argv, io);
  return { code, stdout, stderr, elapsedMs: performance.now() - started };
}
