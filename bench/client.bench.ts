/**
 * Compares the SDK with plain `fetch` plus hand-written signing (node:crypto) against the
 * reference server on 127.0.0.1, which runs in a child process so that its work does not share
 * the client's event loop.
 *
 *   npm run bench:client                       # defaults below
 *   npm run bench:client -- --sequential 3000 --concurrent-calls 6000 --rounds 7
 *
 * Every call reclaims a distinct known serial, so every response is `{"errno":0}` and the replay
 * cache never rejects a call. Sequential calls alternate between the variants call by call, and
 * concurrent calls alternate in chunks of 500, so that drift in the machine's load hits both
 * sides alike. Targets: SDK median latency at most
 * 1.10× the plain median, SDK throughput at 32 concurrent calls at least 0.9× the plain one.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createReclaimClient } from '../src/client/create-reclaim-client.ts';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../src/demo-credentials.ts';
import { createReferenceServer } from '../src/server/create-reference-server.ts';
import { createLogger } from '../src/server/logger.ts';

const CONCURRENCY = 32;
const LATENCY_TARGET = 1.1;
const THROUGHPUT_TARGET = 0.9;
/** Calls per chunk of a throughput measurement. */
const THROUGHPUT_CHUNK = 500;

interface BenchSettings {
  sequential: number;
  concurrentCalls: number;
  rounds: number;
  warmup: number;
}

type Reclaim = (serial: string) => Promise<void>;
type Variant = 'sdk' | 'plain';

if (process.argv.includes('--serve-child')) {
  await serveChild(Number(process.argv[process.argv.indexOf('--serve-child') + 1]));
} else {
  await runBenchmark(readSettings());
}

function readSettings(): BenchSettings {
  const { values } = parseArgs({
    options: {
      sequential: { type: 'string', default: '2000' },
      'concurrent-calls': { type: 'string', default: '4000' },
      rounds: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '500' },
    },
  });
  const settings = {
    sequential: Number(values.sequential),
    concurrentCalls: Number(values['concurrent-calls']),
    rounds: Number(values.rounds),
    warmup: Number(values.warmup),
  };
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`Invalid --${name}: expected a positive integer, received ${String(value)}.`);
    }
  }
  return settings;
}

/** Child process: the reference server with enough known serials and replay-cache slots. */
async function serveChild(serialCount: number): Promise<void> {
  const server = createReferenceServer({
    serials: Array.from({ length: serialCount }, (_, index) => serialFor(index)),
    replayCacheSize: serialCount + 1000,
    logger: createLogger({ level: 'silent' }),
  });
  const baseUrl = await server.listen({ host: '127.0.0.1', port: 0 });
  process.send?.({ baseUrl });
  process.on('disconnect', () => {
    void server.close({ graceMs: 100 }).then(() => process.exit(0));
  });
}

function serialFor(index: number): string {
  return `bench-${index.toString(36).padStart(6, '0')}`;
}

async function startServerChild(serialCount: number): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = fork(new URL(import.meta.url).pathname, ['--serve-child', String(serialCount)], { stdio: 'inherit' });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { baseUrl: string }).baseUrl));
    child.once('exit', (code) => reject(new Error(`The server child process exited with code ${code} before listening.`)));
  });
  return { child, baseUrl };
}

function createPlainReclaim(baseUrl: string): Reclaim {
  const url = `${baseUrl}/api/v1/frontend/order/reclaim`;
  return async (serial) => {
    const body = JSON.stringify({ serial });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', DEMO_API_SECRET).update(`${timestamp}&${body}`, 'utf8').digest('hex');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'API-KEY': DEMO_API_KEY, TIMESTAMP: timestamp, SIGNATURE: signature, 'Content-Type': 'application/json' },
      body,
    });
    const answer = (await response.json()) as { errno: number; message: string };
    if (answer.errno !== 0) {
      throw new Error(`Plain fetch: reclaim of ${serial} failed with errno ${answer.errno}: ${answer.message}`);
    }
  };
}

function createSdkReclaim(baseUrl: string): Reclaim {
  const client = createReclaimClient({ baseUrl, apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET });
  return async (serial) => {
    await client.reclaimOrder({ serial });
  };
}

/** Hands out each known serial once, so the server never rejects a call as a replay. */
function createSerialSource(): () => string {
  let next = 0;
  return () => serialFor(next++);
}

/**
 * Times `calls` sequential calls of each variant, alternating call by call (and swapping which
 * goes first in every pair), so both see the same moment-to-moment load of the machine.
 */
async function measureSequentialPairs(variants: Record<Variant, Reclaim>, calls: number, nextSerial: () => string): Promise<Record<Variant, number[]>> {
  const latencies: Record<Variant, number[]> = { sdk: [], plain: [] };
  for (let index = 0; index < calls; index++) {
    const order: readonly Variant[] = index % 2 === 0 ? ['sdk', 'plain'] : ['plain', 'sdk'];
    for (const name of order) {
      const started = performance.now();
      await variants[name](nextSerial());
      latencies[name].push(performance.now() - started);
    }
  }
  return latencies;
}

/** Runs `calls` calls with `CONCURRENCY` workers and returns the elapsed milliseconds. */
async function runConcurrent(reclaim: Reclaim, calls: number, nextSerial: () => string): Promise<number> {
  let remaining = calls;
  const worker = async (): Promise<void> => {
    while (remaining > 0) {
      remaining--;
      await reclaim(nextSerial());
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return performance.now() - started;
}

/**
 * Measures calls per second of each variant at `CONCURRENCY` concurrent calls. The calls are
 * split into chunks that alternate between the variants (A B B A ...), and each variant's
 * throughput is its calls divided by the summed time of its chunks.
 */
async function measureThroughputPairs(variants: Record<Variant, Reclaim>, calls: number, nextSerial: () => string): Promise<Record<Variant, number>> {
  const elapsedMs: Record<Variant, number> = { sdk: 0, plain: 0 };
  const chunks = Math.max(1, Math.round(calls / THROUGHPUT_CHUNK));
  const chunkCalls = Math.ceil(calls / chunks);
  for (let chunk = 0; chunk < chunks; chunk++) {
    const order: readonly Variant[] = chunk % 2 === 0 ? ['sdk', 'plain'] : ['plain', 'sdk'];
    for (const name of order) {
      elapsedMs[name] += await runConcurrent(variants[name], chunkCalls, nextSerial);
    }
  }
  const total = chunks * chunkCalls;
  return { sdk: total / (elapsedMs.sdk / 1000), plain: total / (elapsedMs.plain / 1000) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function runBenchmark(settings: BenchSettings): Promise<void> {
  const perRound = 2 * (settings.sequential + settings.concurrentCalls);
  // Chunking can round the concurrent calls up by less than one chunk per variant and round.
  const serialCount = 2 * settings.warmup + settings.rounds * (perRound + 2 * THROUGHPUT_CHUNK);
  const { child, baseUrl } = await startServerChild(serialCount);
  const nextSerial = createSerialSource();
  const variants: Record<Variant, Reclaim> = { sdk: createSdkReclaim(baseUrl), plain: createPlainReclaim(baseUrl) };
  const latencies = { sdk: [] as number[], plain: [] as number[] };
  const throughputs = { sdk: [] as number[], plain: [] as number[] };

  try {
    console.log(`Reference server ${baseUrl} (child process), Node ${process.version}, ${settings.rounds} rounds`);
    await measureSequentialPairs(variants, settings.warmup, nextSerial);

    for (let round = 0; round < settings.rounds; round++) {
      const pairs = await measureSequentialPairs(variants, settings.sequential, nextSerial);
      latencies.sdk.push(...pairs.sdk);
      latencies.plain.push(...pairs.plain);
      const rates = await measureThroughputPairs(variants, settings.concurrentCalls, nextSerial);
      throughputs.sdk.push(rates.sdk);
      throughputs.plain.push(rates.plain);
      console.log(
        `round ${round + 1}: throughput sdk ${throughputs.sdk.at(-1)!.toFixed(0)}/s, plain ${throughputs.plain.at(-1)!.toFixed(0)}/s`,
      );
    }
  } finally {
    child.disconnect();
  }

  report(settings, latencies, throughputs);
}

function report(
  settings: BenchSettings,
  latencies: Record<Variant, number[]>,
  throughputs: Record<Variant, number[]>,
): void {
  const latency = { sdk: median(latencies.sdk), plain: median(latencies.plain) };
  const throughput = { sdk: median(throughputs.sdk), plain: median(throughputs.plain) };
  const latencyRatio = latency.sdk / latency.plain;
  const throughputRatio = throughput.sdk / throughput.plain;
  const verdict = (passed: boolean): string => (passed ? 'within target' : 'MISSES target');

  console.log('');
  console.log(`sequential, ${settings.rounds} × ${settings.sequential} calls per variant`);
  console.log(`  median latency  sdk ${(latency.sdk * 1000).toFixed(0)} µs   plain ${(latency.plain * 1000).toFixed(0)} µs`);
  console.log(`  ratio sdk/plain ${latencyRatio.toFixed(3)} (target ≤ ${LATENCY_TARGET.toFixed(2)}: ${verdict(latencyRatio <= LATENCY_TARGET)})`);
  console.log(`${CONCURRENCY} concurrent, ${settings.rounds} × ${settings.concurrentCalls} calls per variant (median of rounds)`);
  console.log(`  throughput      sdk ${throughput.sdk.toFixed(0)}/s   plain ${throughput.plain.toFixed(0)}/s`);
  console.log(`  ratio sdk/plain ${throughputRatio.toFixed(3)} (target ≥ ${THROUGHPUT_TARGET.toFixed(2)}: ${verdict(throughputRatio >= THROUGHPUT_TARGET)})`);
  if (latencyRatio > LATENCY_TARGET || throughputRatio < THROUGHPUT_TARGET) {
    process.exitCode = 1;
  }
}
