import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** CPython's output for one value: `utf8` is null when that text has a lone surrogate. */
export interface PythonDump {
  ascii: string;
  utf8: string | null;
}

/** A long-lived `python3 python-reference.py` process that writes values with `json.dumps`. */
export interface PythonReference {
  /** Sends the values as one request line and resolves to one result per value, in order. */
  dump(values: readonly unknown[]): Promise<PythonDump[]>;
  close(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('python-reference.py', import.meta.url));
const PYTHON = 'python3';

/**
 * Starts the process and waits for its reply to an empty request, so a missing `python3` or a
 * broken script fails here with a clear message instead of in the middle of a property.
 */
export async function startPythonReference(): Promise<PythonReference> {
  const child = spawn(PYTHON, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  const pending: Array<{ resolve: (dumps: PythonDump[]) => void; reject: (error: Error) => void }> = [];
  let stderr = '';
  let failure: Error | undefined;

  const failAll = (error: Error): void => {
    failure ??= error;
    for (const request of pending.splice(0)) {
      request.reject(failure);
    }
  };
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.on('error', (error: NodeJS.ErrnoException) => {
    failAll(
      error.code === 'ENOENT'
        ? new Error(`${PYTHON} was not found on PATH. The CPython differential test needs ${PYTHON} as its reference: install it or put it on PATH.`)
        : new Error(`Failed to run ${PYTHON} ${SCRIPT}: ${error.message}`),
    );
  });
  child.stdin.on('error', (error) => {
    failAll(new Error(`Failed to write to ${PYTHON} ${SCRIPT}: ${error.message}`));
  });
  child.on('exit', (code, signal) => {
    failAll(new Error(`${PYTHON} ${SCRIPT} exited (code ${code}, signal ${signal}). Its standard error ends with:\n${stderr}`));
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const request = pending.shift();
    const reply = JSON.parse(line) as { results?: PythonDump[]; error?: string };
    if (reply.error !== undefined) {
      request?.reject(new Error(`${PYTHON} ${SCRIPT} could not read a request: ${reply.error}`));
      return;
    }
    request?.resolve(reply.results!);
  });

  const dump = (values: readonly unknown[]): Promise<PythonDump[]> => {
    if (failure !== undefined) {
      return Promise.reject(failure);
    }
    const line = `${JSON.stringify({ values: values.map(encodeForPython) })}\n`;
    return new Promise((resolve, reject) => {
      pending.push({ resolve, reject });
      child.stdin.write(line);
    });
  };

  await dump([]);
  return { dump, close: () => stopProcess(child) };
}

type Tagged = string | boolean | null | { i: string } | { f: string } | { a: Tagged[] } | { o: Array<[string, Tagged]> };

/**
 * Writes a JavaScript value in the tagged transport form that python-reference.py reads, with
 * the meaning the canonical form gives each value. An integer-valued number or a bigint becomes
 * a Python int. Any other number becomes a float, sent as its shortest round-trip digits, which
 * Python reads back to the same double. An `undefined` member is left out. `JSON.stringify`
 * writes lone surrogates as `\udXXX` escapes, which Python reads back as the same code units.
 */
export function encodeForPython(value: unknown): Tagged {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'bigint':
      return { i: value.toString() };
    case 'number':
      return Number.isInteger(value) ? { i: BigInt(value).toString() } : { f: String(value) };
    case 'object':
      if (value === null) {
        return null;
      }
      if (Array.isArray(value)) {
        return { a: value.map(encodeForPython) };
      }
      return {
        o: Object.entries(value)
          .filter(([, member]) => member !== undefined)
          .map(([key, member]) => [key, encodeForPython(member)]),
      };
    default:
      throw new TypeError(`Cannot send a ${typeof value} to ${PYTHON}: only JSON values have a canonical form to compare.`);
  }
}

async function stopProcess(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = once(child, 'exit');
  child.stdin.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
