import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root, where `src/cli/bin.ts` and `bench/` live. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resident set size of the server process in bytes (Linux only: reads /proc). */
  rssBytes(): number;
  /** User plus system CPU time the server process has used, in seconds (Linux only). */
  cpuSeconds(): number;
  /** Sends SIGTERM and resolves to the exit code once the process is gone. */
  stop(): Promise<number | null>;
}

export const REFERENCE_SERVER_COMMAND = ['src/cli/bin.ts', 'serve', '--port', '0'];
export const FLOOR_SERVER_COMMAND = ['bench/floor-server.ts'];

/**
 * Starts a server in its own process, with the Node binary that runs this script, and waits for
 * the `... listening on URL` line on its standard output. Standard error goes to `logFile`, or is
 * discarded, so that the parent never spends CPU reading the server's log.
 */
export async function spawnServer(args: readonly string[], options: { logFile?: string; startTimeoutMs?: number } = {}): Promise<ServerProcess> {
  const stderr = options.logFile === undefined ? 'ignore' : openSync(options.logFile, 'w');
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', stderr] });
  if (typeof stderr === 'number') {
    closeSync(stderr);
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await readListeningUrl(child, args, options.startTimeoutMs ?? 15_000);
  child.stdout!.resume();
  const pid = child.pid!;
  return {
    url,
    pid,
    child,
    rssBytes: () => readRssBytes(pid),
    cpuSeconds: () => readCpuSeconds(pid),
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

function readListeningUrl(child: ChildProcess, args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (reason: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`Server \`node ${args.join(' ')}\` ${reason}. Output so far: ${JSON.stringify(output.slice(0, 500))}`));
    };
    const timer = setTimeout(() => fail(`printed no "listening on URL" line within ${timeoutMs} ms`), timeoutMs);
    const onExit = (code: number | null): void => fail(`exited with code ${code} before listening`);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        child.off('exit', onExit);
        child.stdout!.off('data', onData);
        resolve(match[1]!);
      }
    };
    child.once('exit', onExit);
    child.stdout!.on('data', onData);
  });
}

let clockTicksPerSecond: number | undefined;

function readCpuSeconds(pid: number): number {
  // /proc reports process times in clock ticks (USER_HZ), 100 per second on x86-64 and arm64.
  clockTicksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  const stat = readProcFile(pid, 'stat');
  // The command name is in parentheses and may contain spaces, so split after it. utime and
  // stime are fields 14 and 15 of the line, which makes them indexes 11 and 12 of the rest.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

function readProcFile(pid: number, name: string): string {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read /proc/${pid}/${name} (Linux only): ${(error as Error).message}`, { cause: error });
  }
}

function readRssBytes(pid: number): number {
  const status = readProcFile(pid, 'status');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (match === null) {
    throw new Error(`No VmRSS line in /proc/${pid}/status.`);
  }
  return Number(match[1]) * 1024;
}
