import { parseArgs } from 'node:util';
import { createBufferedOutput } from '../../server/buffered-output.ts';
import { createReferenceServer } from '../../server/create-reference-server.ts';
import { FAULT_NAMES, isFaultName } from '../../server/faults.ts';
import { createLogger, LOG_LEVELS, type LogLevel } from '../../server/logger.ts';
import { loadOrderFile } from '../../server/order-store.ts';
import { ExitCode, UsageError } from '../cli-error.ts';
import type { CliIo } from '../io.ts';
import { parseIntegerFlag } from '../parse-flags.ts';

export const serveUsage = `Usage: order-reclaim serve [options]

Runs the reference server until SIGINT or SIGTERM. Then it stops accepting connections, lets
requests in flight finish for up to --grace-ms, and exits 0. A second signal exits at once.

Options (a flag wins over its environment variable):
  --port N              port to listen on; 0 picks a free port (default 8080; env PORT)
  --host ADDRESS        address to listen on (default 127.0.0.1; env HOST)
  --window SECONDS      accepted clock difference, both directions (default 300;
                        env ORDER_RECLAIM_WINDOW)
  --orders FILE         JSON file of known serials: ["serial", ...] or
                        {"orders": [{"serial": "..."}]} (default: the demo orders;
                        env ORDER_RECLAIM_ORDERS)
  --strict              also require the body to be canonical JSON, for checking clients
                        (env ORDER_RECLAIM_STRICT=1)
  --explain             put the diagnosis of a rejected request into the answer's detail
                        (env ORDER_RECLAIM_EXPLAIN=1)
  --error-status MODE   "http" (4xx/5xx statuses, default) or "always-200"
  --max-body-bytes N    body size limit in bytes (default 65536)
  --grace-ms N          time requests in flight get to finish at shutdown, in milliseconds
                        (default 10000)
  --cors                allow cross-origin calls from browsers (development only)
  --log-level LEVEL     debug, info, warn, error or silent (default info; env LOG_LEVEL).
                        info logs one line per request to standard error.
  --quiet               same as --log-level warn
  --fault NAME          break one rule on purpose, to see a conformance check fail (repeatable;
                        never in normal use): ${FAULT_NAMES.join(', ')}
`;

export async function runServe(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      window: { type: 'string' },
      orders: { type: 'string' },
      strict: { type: 'boolean' },
      explain: { type: 'boolean' },
      'error-status': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'grace-ms': { type: 'string' },
      cors: { type: 'boolean' },
      'log-level': { type: 'string' },
      quiet: { type: 'boolean' },
      fault: { type: 'string', multiple: true },
    },
    strict: true,
    allowPositionals: false,
  });

  const level = (values.quiet ? 'warn' : (values['log-level'] ?? io.env.LOG_LEVEL ?? 'info')) as LogLevel;
  if (!LOG_LEVELS.includes(level)) {
    throw new UsageError(`Invalid --log-level ${JSON.stringify(level)}: expected one of ${LOG_LEVELS.join(', ')}.`);
  }
  const errorStatus = values['error-status'] ?? 'http';
  if (errorStatus !== 'http' && errorStatus !== 'always-200') {
    throw new UsageError(`Invalid --error-status ${JSON.stringify(errorStatus)}: expected "http" or "always-200".`);
  }
  const graceMs = parseIntegerFlag(values['grace-ms'], 'grace-ms', 10_000);
  const faults = values.fault ?? [];
  const unknownFault = faults.find((name) => !isFaultName(name));
  if (unknownFault !== undefined) {
    throw new UsageError(`Invalid --fault ${JSON.stringify(unknownFault)}: expected one of ${FAULT_NAMES.join(', ')}.`);
  }
  const ordersFile = values.orders ?? nonEmpty(io.env.ORDER_RECLAIM_ORDERS);
  const serials = ordersFile === undefined ? undefined : await loadOrderFile(ordersFile);

  // One write per batch instead of one per request line: see createBufferedOutput.
  const output = createBufferedOutput((text) => io.stderr(text));
  const flushOnExit = (): void => output.flush();
  process.once('exit', flushOnExit);
  const logger = createLogger({ level, write: output.write });

  try {
    const reference = createReferenceServer({
      logger,
      serials,
      windowSeconds: readIntegerOption(values.window, 'window', io.env, 'ORDER_RECLAIM_WINDOW', 300),
      strict: values.strict ?? readBooleanEnv(io.env, 'ORDER_RECLAIM_STRICT'),
      explain: values.explain ?? readBooleanEnv(io.env, 'ORDER_RECLAIM_EXPLAIN'),
      errorStatus,
      maxBodyBytes: parseIntegerFlag(values['max-body-bytes'], 'max-body-bytes', 64 * 1024),
      cors: values.cors ?? false,
      faults: faults.filter(isFaultName),
    });
    const port = readIntegerOption(values.port, 'port', io.env, 'PORT', 8080, 65_535);
    const host = values.host ?? nonEmpty(io.env.HOST) ?? '127.0.0.1';
    const url = await reference.listen({ port, host });
    io.stdout(`Reference server listening on ${url} (accepts the public demo API key B433BFF1CDE7450AA38A56BEAC690DD4)\n`);

    const signal = await waitForStopSignal();
    logger.info('signal received', { signal });
    await reference.close({ graceMs });
    return ExitCode.OK;
  } finally {
    output.flush();
    process.off('exit', flushOnExit);
  }
}

/**
 * Resolves on the first SIGINT or SIGTERM. The listeners are removed then, so a second signal
 * gets Node's default handling and ends the process at once.
 */
function waitForStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** Reads an integer from its flag, else from its environment variable; errors name the source. */
function readIntegerOption(
  flag: string | undefined,
  flagName: string,
  env: Record<string, string | undefined>,
  envName: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (flag !== undefined) {
    return parseIntegerFlag(flag, flagName, fallback, { max });
  }
  const value = nonEmpty(env[envName]);
  if (value === undefined) {
    return fallback;
  }
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) > max) {
    const expected = max === Number.MAX_SAFE_INTEGER ? 'a non-negative integer' : `an integer from 0 to ${max}`;
    throw new UsageError(`Invalid ${envName} ${JSON.stringify(value)}: expected ${expected}.`);
  }
  return Number(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function readBooleanEnv(env: Record<string, string | undefined>, name: string): boolean {
  const value = nonEmpty(env[name]);
  if (value === undefined || value === '0' || value.toLowerCase() === 'false') {
    return false;
  }
  if (value === '1' || value.toLowerCase() === 'true') {
    return true;
  }
  throw new UsageError(`Invalid ${name} ${JSON.stringify(value)}: expected 1, 0, true or false.`);
}
