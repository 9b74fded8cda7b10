/**
 * Benchmarks canonical JSON and signing against floors measured in the same run:
 * `JSON.stringify` of the same value, and `node:crypto` HMAC-SHA256 alone. It also times
 * CPython's `json.dumps(v, sort_keys=True, separators=(",", ":"))` on the 1 MB input in a python3
 * child process. Signing uses the synchronous HMAC path (`hmacSha256HexSync`), as the
 * reference server and the CLI do; the async `createSigner().sign` is listed for reference.
 *
 * Run: npm run bench:canonical   (environment: BENCH_ROUNDS, default 15)
 * Each figure is the median of the timed rounds, taken after a warmup. Cases run interleaved,
 * round by round, so that load from other processes hits them alike.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { canonicalize } from '../src/canonical/canonicalize.ts';
import { DEMO_API_SECRET } from '../src/demo-credentials.ts';
import { createSigner } from '../src/signing/create-signer.ts';
import { hmacSha256HexSync } from '../src/signing/hmac-sha256.ts';
import { buildMessage } from '../src/signing/sign-body.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const ROUND_TARGET_MS = 40;
const TIMESTAMP = '1700000000';
const LARGE_FILE = fileURLToPath(new URL('../conformance/vectors/large-object.json', import.meta.url));

interface Case {
  name: string;
  run: () => unknown;
  /** Operations per timed batch, calibrated so that one batch takes about ROUND_TARGET_MS. */
  batch: number;
  samples: number[];
}

const reclaimBody = { serial: '1bcb40c612aababdcb166ac2cd7e3525' };
const nestedObject = buildNestedObject();
const largeObject = JSON.parse(readFileSync(LARGE_FILE, 'utf8')) as unknown;
const signer = createSigner({ apiKey: 'bench', apiSecret: DEMO_API_SECRET });

const cases: Case[] = [
  ...caseSet('reclaim body', reclaimBody),
  ...caseSet('1 KB nested', nestedObject),
  ...caseSet('1 MB object', largeObject),
  { name: 'reclaim body: createSigner().sign (async)', run: () => signer.sign(reclaimBody, { timestamp: TIMESTAMP }), batch: 1, samples: [] },
];

function caseSet(label: string, value: unknown): Case[] {
  const stringified = JSON.stringify(value);
  const make = (name: string, run: () => unknown): Case => ({ name: `${label}: ${name}`, run, batch: 1, samples: [] });
  return [
    make('JSON.stringify', () => JSON.stringify(value)),
    make('HMAC alone', () => createHmac('sha256', DEMO_API_SECRET).update(buildMessage(TIMESTAMP, stringified), 'utf8').digest('hex')),
    make('JSON.stringify + HMAC', () => hmacSha256HexSync(DEMO_API_SECRET, buildMessage(TIMESTAMP, JSON.stringify(value)))),
    make('canonicalize ascii', () => canonicalize(value)),
    make('canonicalize utf8', () => canonicalize(value, { profile: 'utf8' })),
    make('canonicalize + sign', () => hmacSha256HexSync(DEMO_API_SECRET, buildMessage(TIMESTAMP, canonicalize(value)))),
  ];
}

/** About 1 KB of canonical JSON: an order with nested items, some text outside ASCII, mixed numbers. */
function buildNestedObject(): unknown {
  return {
    serial: 'demo-order-0001',
    reason: '客户取消 — annulé',
    customer: { id: 48213, name: 'Zoë Ångström', tags: ['vip', 'retry', 'ünïcödé'], address: { city: '上海', zip: '200000', line: 'Rue de l’Église 4' } },
    items: [
      { sku: 'A-1001', quantity: 2, price: 19.99, options: { color: 'red', size: 'M' } },
      { sku: 'B-2002', quantity: 1, price: 5.5, options: { gift: true, note: 'Joyeux anniversaire 🎉' } },
      { sku: 'C-3003', quantity: 12, price: 0.25, options: {} },
    ],
    totals: { net: 48.48, tax: 9.21, gross: 57.69, currency: 'EUR' },
    flags: { dryRun: false, priority: null, attempt: 3 },
    history: [
      { at: '2023-11-14T22:13:20Z', event: 'placed', by: 'web' },
      { at: '2023-11-15T08:00:00Z', event: 'paid', by: 'psp' },
      { at: '2023-11-15T09:30:00Z', event: 'reclaim requested', by: 'support' },
    ],
    '10': 'integer-like key', '2': 'another', '-1': 'negative',
  };
}

function timeBatch(benchCase: Case): number {
  const started = process.hrtime.bigint();
  for (let index = 0; index < benchCase.batch; index++) {
    benchCase.run();
  }
  return Number(process.hrtime.bigint() - started) / benchCase.batch;
}

function calibrate(benchCase: Case): void {
  for (;;) {
    const perOperationNs = timeBatch(benchCase);
    if (perOperationNs * benchCase.batch >= ROUND_TARGET_MS * 1e6 / 4) {
      benchCase.batch = Math.max(1, Math.round((ROUND_TARGET_MS * 1e6) / perOperationNs));
      return;
    }
    benchCase.batch *= 4;
  }
}

async function timeAsyncBatch(benchCase: Case): Promise<number> {
  const started = process.hrtime.bigint();
  for (let index = 0; index < benchCase.batch; index++) {
    await benchCase.run();
  }
  return Number(process.hrtime.bigint() - started) / benchCase.batch;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function find(name: string): number {
  const benchCase = cases.find((candidate) => candidate.name === name);
  if (benchCase === undefined) {
    throw new Error(`No benchmark case named ${JSON.stringify(name)}.`);
  }
  return median(benchCase.samples);
}

/** Times json.dumps on the 1 MB input inside python3 and returns the median in nanoseconds. */
function timeCpython(ensureAscii: boolean, expectedSha256: string): number {
  const script = `
import hashlib, json, sys, time
value = json.load(open(sys.argv[1], encoding="ascii"))
dump = lambda: json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=${ensureAscii ? 'True' : 'False'})
text = dump()
if hashlib.sha256(text.encode("utf-8")).hexdigest() != sys.argv[2]:
    sys.exit("CPython output differs from the canonical body of this benchmark")
for _ in range(3):
    dump()
samples = []
for _ in range(int(sys.argv[3])):
    started = time.perf_counter_ns()
    dump()
    samples.append(time.perf_counter_ns() - started)
samples.sort()
print(samples[len(samples) // 2])
`;
  const output = execFileSync('python3', ['-c', script, LARGE_FILE, expectedSha256, String(ROUNDS)], { encoding: 'utf8' });
  return Number(output.trim());
}

function formatDuration(ns: number): string {
  if (ns >= 1e6) {
    return `${(ns / 1e6).toFixed(2)} ms`;
  }
  return ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`;
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${ROUNDS} rounds of about ${ROUND_TARGET_MS} ms per case, medians per operation.\n`);
  const asyncCase = cases.at(-1)!;
  for (const benchCase of cases.slice(0, -1)) {
    calibrate(benchCase);
  }
  asyncCase.batch = 2_000;

  // Warmup round, not recorded.
  for (const benchCase of cases.slice(0, -1)) {
    timeBatch(benchCase);
  }
  await timeAsyncBatch(asyncCase);
  for (let round = 0; round < ROUNDS; round++) {
    for (const benchCase of cases.slice(0, -1)) {
      benchCase.samples.push(timeBatch(benchCase));
    }
    asyncCase.samples.push(await timeAsyncBatch(asyncCase));
  }

  const nameWidth = Math.max(...cases.map((benchCase) => benchCase.name.length));
  for (const benchCase of cases) {
    console.log(`${benchCase.name.padEnd(nameWidth)}  ${formatDuration(median(benchCase.samples)).padStart(10)}`);
  }

  const largeAscii = canonicalize(largeObject);
  const largeUtf8 = canonicalize(largeObject, { profile: 'utf8' });
  const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
  const cpythonAscii = timeCpython(true, sha256(largeAscii));
  const cpythonUtf8 = timeCpython(false, sha256(largeUtf8));
  console.log(`${'1 MB object: CPython json.dumps ascii'.padEnd(nameWidth)}  ${formatDuration(cpythonAscii).padStart(10)}`);
  console.log(`${'1 MB object: CPython json.dumps utf8'.padEnd(nameWidth)}  ${formatDuration(cpythonUtf8).padStart(10)}`);

  const strings = collectStrings(largeObject);
  const nonAsciiShare = strings.filter((text) => NON_ASCII.test(text)).length / strings.length;
  console.log(
    `\n1 MB object: ${Buffer.byteLength(largeAscii)} bytes (ascii profile); ${(nonAsciiShare * 100).toFixed(1)}% of its ${strings.length} strings (keys and values) contain non-ASCII characters.\n`,
  );

  const ratios = [
    ['reclaim body: canonicalize + sign / JSON.stringify + HMAC', find('reclaim body: canonicalize + sign') / find('reclaim body: JSON.stringify + HMAC'), '<= 1.2'],
    ['1 KB nested: canonicalize + sign / JSON.stringify + HMAC', find('1 KB nested: canonicalize + sign') / find('1 KB nested: JSON.stringify + HMAC'), ''],
    ['1 MB object: canonicalize ascii / JSON.stringify', find('1 MB object: canonicalize ascii') / find('1 MB object: JSON.stringify'), '<= 3'],
    ['1 MB object: canonicalize utf8 / JSON.stringify', find('1 MB object: canonicalize utf8') / find('1 MB object: JSON.stringify'), ''],
    ['1 MB object: canonicalize ascii / CPython json.dumps ascii', find('1 MB object: canonicalize ascii') / cpythonAscii, '< 1'],
    ['1 MB object: canonicalize utf8 / CPython json.dumps utf8', find('1 MB object: canonicalize utf8') / cpythonUtf8, ''],
  ] as const;
  const ratioWidth = Math.max(...ratios.map(([name]) => name.length));
  console.log('Ratios (medians of this run):');
  for (const [name, ratio, target] of ratios) {
    const verdict = target === '' ? '' : `  target ${target}: ${meetsTarget(ratio, target) ? 'met' : 'MISSED'}`;
    console.log(`  ${name.padEnd(ratioWidth)}  ${ratio.toFixed(2)}×${verdict}`);
  }
}

const NON_ASCII = /[^\u0000-\u007f]/;

function collectStrings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') {
    into.push(value);
  } else if (Array.isArray(value)) {
    value.forEach((item) => collectStrings(item, into));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      into.push(key);
      collectStrings(member, into);
    }
  }
  return into;
}

function meetsTarget(ratio: number, target: string): boolean {
  const limit = Number(target.replace(/^[<=\s]+/, ''));
  return target.startsWith('<=') ? ratio <= limit : ratio < limit;
}

await main();
