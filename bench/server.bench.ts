/**
 * Benchmark of the reference server against a floor (bench/floor-server.ts: a bare node:http
 * server that verifies the HMAC by hand and parses JSON), and of the full conformance run.
 *
 *   node bench/server.bench.ts [--duration SECONDS] [--rounds N] [--markdown]
 *
 * Each server runs in its own process; autocannon runs in this one. Both get the same stream of
 * distinct, validly signed requests (half for a known order with a unique nonce, half for unknown
 * orders). Rounds alternate floor and reference at each connection count, and the median round
 * is reported, so that a burst of load from other processes hits both sides alike.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { type LoadResult, runLoad } from './run-autocannon.ts';
import type { RequestKind } from './signed-request-mix.ts';
import { FLOOR_SERVER_COMMAND, REFERENCE_SERVER_COMMAND, REPO_ROOT, type ServerProcess, spawnServer } from './spawn-server.ts';

const SCHEDULE: readonly RequestKind[] = ['accepted', 'unknown-serial'];
const CONNECTION_COUNTS = [10, 50];
const WARM_UP_SECONDS = 3;
const CONFORMANCE_RUNS = 3;
/** Targets: reference throughput at least 0.8 of the floor's, p99 latency at most 1.5 times. */
const MIN_THROUGHPUT_RATIO = 0.8;
const MAX_P99_RATIO = 1.5;
const MAX_CONFORMANCE_SECONDS = 20;
const HEADER = [
  'connections',
  'floor req/s',
  'reference req/s',
  'throughput ratio',
  'floor p99 ms',
  'reference p99 ms',
  'p99 ratio',
  'floor CPU µs/req',
  'reference CPU µs/req',
];

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    markdown: { type: 'boolean', default: false },
  },
  strict: true,
});
const durationSeconds = Number(values.duration);
const rounds = Number(values.rounds);
if (!Number.isSafeInteger(durationSeconds) || durationSeconds < 1 || !Number.isSafeInteger(rounds) || rounds < 1) {
  throw new Error(`Invalid --duration ${values.duration} or --rounds ${values.rounds}: expected positive integers.`);
}

const loadBefore = loadavg();
const logFile = join(tmpdir(), `order-reclaim-bench-${process.pid}.log`);
const floor = await spawnServer(FLOOR_SERVER_COMMAND);
const reference = await spawnServer(REFERENCE_SERVER_COMMAND, { logFile });

/** A load run plus the CPU time the server process spent per answered request. */
interface Measurement extends LoadResult {
  cpuMicrosPerRequest: number;
}

interface Comparison {
  connections: number;
  floor: Measurement;
  reference: Measurement;
}

const comparisons: Comparison[] = [];
try {
  for (const url of [floor.url, reference.url]) {
    await runLoad({ url, connections: 10, durationSeconds: WARM_UP_SECONDS, schedule: SCHEDULE });
  }
  for (const connections of CONNECTION_COUNTS) {
    const floorRuns: Measurement[] = [];
    const referenceRuns: Measurement[] = [];
    for (let round = 0; round < rounds; round++) {
      floorRuns.push(await measure(floor, connections));
      referenceRuns.push(await measure(reference, connections));
    }
    comparisons.push({ connections, floor: median(floorRuns), reference: median(referenceRuns) });
  }
} finally {
  await floor.stop();
  await reference.stop();
}
const referenceLogLines = countLines(logFile);
rmSync(logFile);
const conformanceSeconds = await timeConformance();

process.stdout.write(values.markdown ? formatMarkdown() : formatText());
const missed =
  comparisons.some(({ floor, reference }) => reference.requestsPerSecond / floor.requestsPerSecond < MIN_THROUGHPUT_RATIO || reference.latencyMs.p99 / floor.latencyMs.p99 > MAX_P99_RATIO) ||
  Math.max(...conformanceSeconds) > MAX_CONFORMANCE_SECONDS;
process.exitCode = missed ? 1 : 0;

async function measure(server: ServerProcess, connections: number): Promise<Measurement> {
  const cpuBefore = server.cpuSeconds();
  const result = await runLoad({ url: server.url, connections, durationSeconds, schedule: SCHEDULE });
  const cpuMicrosPerRequest = ((server.cpuSeconds() - cpuBefore) * 1e6) / result.requests;
  const unexpected = Object.values(result.counts.unexpected).reduce((sum, count) => sum + count, 0);
  if (unexpected > 0 || result.socketErrors > 0 || result.timeouts > 0) {
    throw new Error(
      `Benchmark run against ${server.url} had ${unexpected} unexpected answers, ${result.socketErrors} socket errors and ${result.timeouts} timeouts: ${result.counts.examples.join('; ')}`,
    );
  }
  return { ...result, cpuMicrosPerRequest };
}

/** Picks the round with the median throughput, so that its throughput and latency come from one run. */
function median(results: Measurement[]): Measurement {
  const sorted = [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeConformance(): Promise<number[]> {
  const seconds: number[] = [];
  for (let run = 0; run < CONFORMANCE_RUNS; run++) {
    const started = performance.now();
    await promisify(execFile)(process.execPath, ['src/cli/bin.ts', 'conformance'], { cwd: REPO_ROOT, timeout: 120_000 }).catch((error: Error & { stdout?: string }) => {
      throw new Error(`\`node src/cli/bin.ts conformance\` failed: ${error.message}\n${error.stdout ?? ''}`, { cause: error });
    });
    seconds.push((performance.now() - started) / 1000);
  }
  return seconds;
}

function machineFacts(): string[] {
  return [
    `CPU: ${cpus()[0]?.model ?? 'unknown'}, ${availableParallelism()} logical cores (nproc)`,
    `Node ${process.version}, Linux ${release()}`,
    `Load average before: ${loadBefore.map((value) => value.toFixed(2)).join(' ')}; after: ${loadavg().map((value) => value.toFixed(2)).join(' ')}`,
    `Runs: ${rounds} rounds of ${durationSeconds} s per server and connection count, median round reported; ${WARM_UP_SECONDS} s warm-up each`,
    `Reference server: \`node src/cli/bin.ts serve --port 0\` (defaults: log level info, one line per request, standard error to a file; ${referenceLogLines} lines written)`,
  ];
}

function rows(): string[][] {
  return comparisons.map(({ connections, floor, reference }) => [
    String(connections),
    floor.requestsPerSecond.toFixed(0),
    reference.requestsPerSecond.toFixed(0),
    (reference.requestsPerSecond / floor.requestsPerSecond).toFixed(2),
    floor.latencyMs.p99.toFixed(2),
    reference.latencyMs.p99.toFixed(2),
    (reference.latencyMs.p99 / floor.latencyMs.p99).toFixed(2),
    floor.cpuMicrosPerRequest.toFixed(1),
    reference.cpuMicrosPerRequest.toFixed(1),
  ]);
}

function formatText(): string {
  const table = [HEADER, ...rows()].map((row) => row.map((cell, index) => cell.padStart(HEADER[index]!.length)).join('  '));
  const conformance = conformanceSeconds.map((value) => value.toFixed(2)).join(' s, ');
  return [
    ...machineFacts(),
    '',
    ...table,
    `Targets: throughput ratio >= ${MIN_THROUGHPUT_RATIO}, p99 ratio <= ${MAX_P99_RATIO}`,
    '',
    `Conformance run (node src/cli/bin.ts conformance), wall time: ${conformance} s (target < ${MAX_CONFORMANCE_SECONDS} s)`,
    '',
  ].join('\n');
}

function formatMarkdown(): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [
    ...machineFacts().map((fact) => `- ${fact}`),
    '',
    line(HEADER),
    line(HEADER.map(() => '---:')),
    ...rows().map(line),
    '',
    `Conformance run wall time (\`node src/cli/bin.ts conformance\`, ${CONFORMANCE_RUNS} runs): ${conformanceSeconds.map((value) => `${value.toFixed(2)} s`).join(', ')}`,
    '',
  ].join('\n');
}

/** Counts newline bytes; the log of a long run can exceed the longest string V8 allows. */
function countLines(path: string): number {
  const bytes = readFileSync(path);
  let lines = 0;
  for (let index = bytes.indexOf(10); index !== -1; index = bytes.indexOf(10, index + 1)) {
    lines++;
  }
  return lines;
}
