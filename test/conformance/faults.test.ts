import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, SUMMARY_CHECK_IDS } from '../../conformance/checks/index.ts';
import { type ConformanceReport, runConformance } from '../../conformance/runner/run-conformance.ts';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';
import { createReferenceServer } from '../../src/server/create-reference-server.ts';
import { FAULT_NAMES, type FaultName } from '../../src/server/faults.ts';
import { createLogger } from '../../src/server/logger.ts';
import { runCli } from './helpers/run-cli.ts';

/**
 * The checks each fault must fail, and no others. docs/conformance.md shows the same table;
 * a test below keeps the two equal.
 */
const EXPECTED_FAILURES: Record<FaultName, readonly string[]> = {
  'accept-any-signature': [
    'bad-signature-rejected',
    'signature-tail-changed-rejected',
    'wrong-secret-rejected',
    'signature-over-other-body-rejected',
    'body-changed-after-signing-rejected',
    'signature-over-other-timestamp-rejected',
  ],
  'compare-signature-prefix': ['signature-tail-changed-rejected'],
  'ignore-window': ['stale-timestamp-rejected', 'future-timestamp-rejected'],
  'ignore-future-timestamps': ['future-timestamp-rejected'],
  'no-replay-protection': ['replay-rejected'],
  'reserialize-with-json-stringify': ['non-ascii-serial-not-found', 'code-point-key-order-verified'],
  'sort-keys-utf16': ['code-point-key-order-verified'],
  'decode-body-as-latin1': ['non-ascii-body-bytes-verified'],
  'ignore-api-key': ['wrong-key-rejected'],
  'accept-missing-api-key': ['missing-api-key-rejected'],
  'accept-missing-timestamp': ['missing-timestamp-rejected'],
  'accept-missing-signature': ['missing-signature-rejected'],
  'accept-duplicate-keys': ['duplicate-keys-rejected'],
  'unknown-serial-accepted': ['unknown-serial-not-found', 'non-ascii-serial-not-found'],
  'known-serial-not-found': ['known-serial-accepted'],
  'not-found-without-errno': ['unknown-serial-not-found', 'non-ascii-serial-not-found', 'answers-match-schema'],
  'errno-as-string': ['unknown-serial-not-found', 'non-ascii-serial-not-found', 'answers-match-schema'],
  'crash-on-malformed-json': ['malformed-json-answered-with-errno', 'answers-match-schema'],
  'html-on-wrong-method': ['wrong-method-answered-with-errno', 'answers-match-schema'],
  'plain-text-on-wrong-content-type': ['wrong-content-type-answered-with-errno', 'answers-match-schema'],
  'drop-connection-on-oversized-body': ['oversized-body-answered-with-errno'],
};

async function runAgainst(faults: readonly FaultName[]): Promise<ConformanceReport> {
  const reference = createReferenceServer({ faults, logger: createLogger({ level: 'silent' }) });
  const baseUrl = await reference.listen({ port: 0, host: '127.0.0.1' });
  try {
    const target = { baseUrl, apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET, knownSerial: 'xxyyzz', allowReclaim: true, timeoutMs: 5_000, clock: Date.now };
    return await runConformance(target, { checks: ALL_CHECKS, strict: true });
  } finally {
    await reference.close({ graceMs: 500 });
  }
}

function failingIds(report: ConformanceReport): string[] {
  return report.outcomes.filter((outcome) => outcome.status === 'fail' || outcome.status === 'error').map((outcome) => outcome.id);
}

describe('faulty reference servers', () => {
  it.each(FAULT_NAMES.map((fault) => [fault, EXPECTED_FAILURES[fault]] as const))('%s fails exactly its checks', async (fault, expected) => {
    const report = await runAgainst([fault]);
    expect(report.aborted).toBeUndefined();
    expect(failingIds(report).sort()).toEqual([...expected].sort());
    expect(report.passed).toBe(false);
  });

  it('table lists every fault', () => {
    expect(Object.keys(EXPECTED_FAILURES).sort()).toEqual([...FAULT_NAMES].sort());
  });

  it('every MUST and SHOULD check is proven by a fault', () => {
    const proven = new Set(Object.values(EXPECTED_FAILURES).flat());
    const gradedIds = [...ALL_CHECKS.filter((check) => check.level !== 'INFO').map((check) => check.id), 'answers-match-schema'];
    expect(gradedIds.filter((id) => !proven.has(id))).toEqual([]);
  });

  it('docs table matches the test table', async () => {
    const docs = await readFile(new URL('../../docs/conformance.md', import.meta.url), 'utf8');
    const section = docs.slice(docs.indexOf('\n## Faults'), docs.indexOf('\n## ', docs.indexOf('\n## Faults') + 1));
    const documented: Record<string, string[]> = {};
    for (const match of section.matchAll(/^\| `([a-z0-9-]+)` \|[^|]*\| ([^|]*) \|$/gm)) {
      documented[match[1]!] = [...match[2]!.matchAll(/`([a-z0-9-]+)`/g)].map((id) => id[1]!).sort();
    }
    const expected = Object.fromEntries(Object.entries(EXPECTED_FAILURES).map(([fault, ids]) => [fault, [...ids].sort()]));
    expect(documented).toEqual(expected);
  });
});

describe('fault options', () => {
  it('rejects an unknown fault name', () => {
    expect(() => createReferenceServer({ faults: ['no-such-fault' as FaultName] })).toThrow('Unknown fault "no-such-fault": expected one of accept-any-signature,');
  });

  it('serve rejects an unknown --fault', async () => {
    const run = await runCli(['serve', '--fault', 'no-such-fault']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Invalid --fault "no-such-fault": expected one of accept-any-signature,');
  });
});

describe('correct reference server', () => {
  it('passes every MUST and SHOULD check', async () => {
    const report = await runAgainst([]);
    const graded = report.outcomes.filter((outcome) => outcome.level !== 'INFO');
    expect(graded.filter((outcome) => outcome.status !== 'pass').map((outcome) => `${outcome.id}: ${outcome.summary}`)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.outcomes.map((outcome) => outcome.id)).toEqual([...ALL_CHECKS.map((check) => check.id), ...SUMMARY_CHECK_IDS]);
  });

  it('reports its INFO findings', async () => {
    const report = await runAgainst([]);
    const finding = (id: string): Record<string, unknown> | undefined => report.outcomes.find((outcome) => outcome.id === id)?.finding;
    expect(report.outcomes.filter((outcome) => outcome.level === 'INFO').every((outcome) => outcome.status === 'info')).toBe(true);
    expect(finding('body-verification-mode')).toMatchObject({ verifies: 'raw-bytes' });
    expect(finding('utf8-profile-accepted')).toEqual({ accepted: true, errno: 404 });
    expect(finding('uppercase-signature-accepted')).toEqual({ accepted: false, errno: 40102 });
    expect(finding('error-http-statuses')).toMatchObject({ always200: false, statuses: { '404': [404], '40104': [401] } });
    const window = finding('time-window-width') as { pastSeconds: number; futureSeconds: number };
    expect(Math.abs(window.pastSeconds - 300)).toBeLessThanOrEqual(1);
    expect(Math.abs(window.futureSeconds - 300)).toBeLessThanOrEqual(1);
  });

  it('ignore-window shows as an unbounded window', async () => {
    const report = await runAgainst(['ignore-window']);
    expect(report.outcomes.find((outcome) => outcome.id === 'time-window-width')?.finding).toMatchObject({ pastSeconds: 4095, futureSeconds: 4095 });
  });
});
