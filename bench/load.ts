/**
 * Load test of the reference server: autocannon sends a mix of valid and invalid signed requests
 * for a fixed time and the script reports throughput, latency percentiles, errors and the
 * server's memory before and after. Loopback only.
 *
 *   node bench/load.ts [--duration SECONDS] [--connections N] [--url URL] [--json]
 *
 * Without --url it starts `node src/cli/bin.ts serve --port 0` (default configuration, log level
 * info, log to a temporary file) in its own process. Exit code 1 when any valid request got an
 * unexpected answer or a connection failed.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync, rmSync } from 'node:fs';
import { runLoad, type LoadResult } from './run-autocannon.ts';
import { EXPECTED_ERRNO, type RequestKind, VALID_KINDS } from './signed-request-mix.ts';
import { REFERENCE_SERVER_COMMAND, spawnServer, type ServerProcess } from './spawn-server.ts';

/** Four valid requests in twelve (two accepted, two for unknown orders), and one of each rejection. */
const LOAD_SCHEDULE: readonly RequestKind[] = [
  'accepted',
  'unknown-serial',
  'bad-signature',
  'accepted',
  'unknown-serial',
  'stale-timestamp',
  'malformed-json',
  'duplicate-keys',
  'invalid-utf8',
  'missing-header',
  'unknown-path',
  'replay',
];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

interface LoadReport extends LoadResult {
  url: string;
  connections: number;
  errors: number;
  unexpectedInvalid: number;
  memory?: { rssBeforeBytes: number; rssAfterBytes: number };
  serverLogLines?: number;
}

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '20' },
    url: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  strict: true,
});
const durationSeconds = readPositiveInteger(values.duration, '--duration');
const connections = readPositiveInteger(values.connections, '--connections');
if (values.url !== undefined && !LOOPBACK_HOSTS.has(new URL(values.url).hostname)) {
  throw new Error(`Invalid --url ${values.url}: the load test only targets loopback (127.0.0.1, localhost or [::1]).`);
}

const logFile = join(tmpdir(), `order-reclaim-load-${process.pid}.log`);
const server: ServerProcess | undefined = values.url === undefined ? await spawnServer(REFERENCE_SERVER_COMMAND, { logFile }) : undefined;
const url = values.url ?? server!.url;
try {
  const rssBeforeBytes = server?.rssBytes();
  if (!values.json) {
    process.stdout.write(`Load: ${url}, ${connections} connections, ${durationSeconds} s, mix ${LOAD_SCHEDULE.join(', ')}\n`);
  }
  const result = await runLoad({ url, connections, durationSeconds, schedule: LOAD_SCHEDULE });
  const rssAfterBytes = server?.rssBytes();

  let unexpectedValid = 0;
  let unexpectedInvalid = 0;
  for (const [kind, count] of Object.entries(result.counts.unexpected)) {
    if (VALID_KINDS.has(kind as RequestKind)) {
      unexpectedValid += count;
    } else {
      unexpectedInvalid += count;
    }
  }
  const report: LoadReport = {
    ...result,
    url,
    connections,
    errors: unexpectedValid + result.socketErrors + result.timeouts,
    unexpectedInvalid,
    memory: server === undefined ? undefined : { rssBeforeBytes: rssBeforeBytes!, rssAfterBytes: rssAfterBytes! },
  };
  if (server !== undefined) {
    await server.stop();
    report.serverLogLines = readFileSync(logFile, 'utf8').split('\n').length - 1;
    rmSync(logFile);
  }
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : formatReport(report));
  process.exitCode = report.errors === 0 && unexpectedInvalid === 0 ? 0 : 1;
} finally {
  if (server?.child.exitCode === null) {
    await server.stop();
  }
}

function formatReport(report: LoadReport): string {
  const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const lines = [
    `Requests:    ${report.requests} in ${report.durationSeconds.toFixed(1)} s = ${report.requestsPerSecond.toFixed(0)} req/s`,
    `Latency:     p50 ${report.latencyMs.p50.toFixed(2)} ms, p90 ${report.latencyMs.p90.toFixed(2)} ms, p99 ${report.latencyMs.p99.toFixed(2)} ms, ` +
      `p99.9 ${report.latencyMs.p999.toFixed(2)} ms, max ${report.latencyMs.max.toFixed(2)} ms`,
    `Errors:      ${report.errors} (valid requests with an unexpected answer, socket errors ${report.socketErrors}, timeouts ${report.timeouts})`,
    `Rejections:  ${report.unexpectedInvalid} invalid requests answered with an unexpected errno`,
    'Per kind (sent / unexpected, expected errno):',
    ...Object.entries(report.counts.sent).map(
      ([kind, sent]) => `  ${kind.padEnd(16)} ${String(sent).padStart(8)} / ${report.counts.unexpected[kind] ?? 0}  (errno ${EXPECTED_ERRNO[kind as RequestKind]})`,
    ),
    ...report.counts.examples.map((example) => `  example: ${example}`),
  ];
  if (report.memory !== undefined) {
    lines.push(`Server RSS:  ${mb(report.memory.rssBeforeBytes)} before, ${mb(report.memory.rssAfterBytes)} after`);
  }
  if (report.serverLogLines !== undefined) {
    lines.push(`Server log:  ${report.serverLogLines} lines`);
  }
  return `${lines.join('\n')}\n`;
}

function readPositiveInteger(value: string, flag: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed === 0) {
    throw new Error(`Invalid ${flag} ${JSON.stringify(value)}: expected a positive integer.`);
  }
  return parsed;
}
