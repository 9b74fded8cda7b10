import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything written to standard error so far. */
  stderr(): string;
  /** Resolves when standard error has a line matching `pattern`. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves to the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
}

/**
 * Runs `node src/cli/bin.ts serve ...args` and waits for its listening line. `--port 0` is added
 * unless `env` sets PORT.
 */
export async function spawnServe(args: readonly string[] = [], env: Record<string, string> = {}): Promise<ServeProcess> {
  const portArgs = env.PORT === undefined ? ['--port', '0'] : [];
  const child = spawn(process.execPath, ['src/cli/bin.ts', 'serve', ...portArgs, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));

  const waitFor = (read: () => string, pattern: RegExp, timeoutMs: number, what: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const match = pattern.exec(read());
        if (match !== null) {
          clearInterval(poll);
          resolve(match[0]);
        } else if (Date.now() - started > timeoutMs || child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(`serve printed no ${what} matching ${pattern} within ${timeoutMs} ms. stdout: ${stdout}\nstderr: ${stderr}`));
        }
      }, 10);
    });

  const line = await waitFor(() => stdout, /listening on (http:\/\/\S+)/, 15_000, 'stdout line');
  const url = /http:\/\/\S+/.exec(line)![0];
  return {
    child,
    url,
    port: Number(new URL(url).port),
    stderr: () => stderr,
    waitForLog: (pattern, timeoutMs = 5_000) => waitFor(() => stderr, pattern, timeoutMs, 'log line'),
    exited,
  };
}
