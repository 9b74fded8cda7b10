import { execFile } from 'node:child_process';

export interface SampleRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs one command with a hard timeout and collects its output; never rejects. */
export function runSample(command: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<SampleRun> {
  const [file, ...args] = command as [string, ...string[]];
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const failure = error as (NodeJS.ErrnoException & { killed?: boolean; signal?: NodeJS.Signals | null; code?: number | string }) | null;
      if (failure === null) {
        resolve({ exitCode: 0, signal: null, stdout, stderr, timedOut: false });
        return;
      }
      // A numeric code is the exit status; a string code such as ENOENT means the start failed.
      const exitCode = typeof failure.code === 'number' ? failure.code : null;
      const exited = exitCode !== null;
      resolve({
        exitCode,
        signal: failure.signal ?? null,
        stdout,
        stderr: exited ? stderr : `${stderr}${failure.message}`,
        timedOut: failure.killed === true && failure.signal === 'SIGKILL',
      });
    });
  });
}

/** Parses the last non-empty line of a sample's output as the server's JSON response. */
export function parseAnswer(stdout: string): unknown {
  const lines = stdout.split('\n').filter((line) => line.trim() !== '');
  const last = lines.at(-1);
  if (last === undefined) {
    throw new Error('The sample printed nothing.');
  }
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`The sample's last output line is not JSON: ${last.slice(0, 300)}`);
  }
}
