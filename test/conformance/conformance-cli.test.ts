import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS, SUMMARY_CHECK_IDS } from '../../conformance/checks/index.ts';
import type { ConformanceReport } from '../../conformance/runner/run-conformance.ts';
import { DEMO_API_SECRET } from '../../src/demo-credentials.ts';
import { runCli } from './helpers/run-cli.ts';

const CHECK_IDS = [...ALL_CHECKS.map((check) => check.id), ...SUMMARY_CHECK_IDS];
const INFO_CHECK_COUNT = 5;
const GRADED_CHECK_COUNT = CHECK_IDS.length - INFO_CHECK_COUNT;

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'conformance-cli-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('conformance command against the built-in server', () => {
  it('passes and prints progress, findings and verdict', async () => {
    const run = await runCli(['conformance']);
    expect(run.code).toBe(0);
    for (const id of CHECK_IDS) {
      expect(run.stdout).toMatch(new RegExp(`^(PASS|INFO) +(MUST|SHOULD|INFO) +${id} \\(\\d+ ms\\)$`, 'm'));
    }
    expect(run.stdout).toContain('verifies the raw body bytes');
    expect(run.stdout).toMatch(/accepts timestamps up to 30\d s old and 30\d s ahead/);
    expect(run.stdout).toContain(`${CHECK_IDS.length} checks: ${GRADED_CHECK_COUNT} passed, 0 failed, 0 skipped, ${INFO_CHECK_COUNT} informational`);
    expect(run.stdout).toMatch(/^Conformance PASSED against http:\/\/127\.0\.0\.1:\d+$/m);
  });

  it('keeps the whole run far below 20 s', async () => {
    const run = await runCli(['conformance', '--json']);
    expect(run.code).toBe(0);
    expect(run.elapsedMs).toBeLessThan(10_000);
  });

  it('prints a JSON report with --json', async () => {
    const run = await runCli(['conformance', '--json']);
    const report = JSON.parse(run.stdout) as ConformanceReport;
    expect(report.passed).toBe(true);
    expect(report.aborted).toBeUndefined();
    expect(report.outcomes.map((outcome) => outcome.id)).toEqual(CHECK_IDS);
    expect(report.counts).toEqual({ pass: GRADED_CHECK_COUNT, fail: 0, skip: 0, info: INFO_CHECK_COUNT, error: 0 });
    expect(report.outcomes.find((outcome) => outcome.id === 'body-verification-mode')?.finding).toMatchObject({ verifies: 'raw-bytes' });
  });

  it('writes JUnit XML with --junit', async () => {
    const file = join(workDir, 'report.xml');
    const run = await runCli(['conformance', '--junit', file]);
    const xml = await readFile(file, 'utf8');
    expect(run.code).toBe(0);
    expect(xml.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="order-reclaim conformance" tests="${CHECK_IDS.length}" failures="0">`)).toBe(true);
    expect(xml.match(/<testcase /g)).toHaveLength(CHECK_IDS.length);
    expect(xml).toContain('classname="conformance.SHOULD" name="SHOULD replay-rejected: an exact replay inside the window is rejected"');
  });
});

describe('conformance command against a faulty built-in server', () => {
  it('fails a MUST check and prints a curl command without the secret', async () => {
    const run = await runCli(['conformance', '--fault', 'accept-any-signature']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL  MUST   bad-signature-rejected/m);
    expect(run.stdout).toContain("reproduce (the signature is valid only within the timestamp window):\n      curl -sS -X POST 'http://127.0.0.1:");
    expect(run.stdout).toContain("-H 'SIGNATURE: 0000000000000000000000000000000000000000000000000000000000000000'");
    expect(run.stdout).toMatch(/^Conformance FAILED against .*: a MUST check failed$/m);
    expect(run.stdout).not.toContain(DEMO_API_SECRET);
  });

  it('exits 0 on a SHOULD failure without --strict', async () => {
    const run = await runCli(['conformance', '--fault', 'no-replay-protection']);
    expect(run.stdout).toMatch(/^FAIL  SHOULD replay-rejected/m);
    expect(run.code).toBe(0);
  });

  it('exits 1 on a SHOULD failure with --strict', async () => {
    const run = await runCli(['conformance', '--fault', 'no-replay-protection', '--strict']);
    expect(run.stdout).toMatch(/^Conformance FAILED against .*: a MUST or SHOULD check failed$/m);
    expect(run.code).toBe(1);
  });

  it('counts the failure in the JUnit XML', async () => {
    const file = join(workDir, 'faulty.xml');
    await runCli(['conformance', '--fault', 'compare-signature-prefix', '--junit', file]);
    const xml = await readFile(file, 'utf8');
    expect(xml).toContain(`tests="${CHECK_IDS.length}" failures="1"`);
    expect(xml).toMatch(/name="MUST signature-tail-changed-rejected: [^"]*" time="[\d.]+"><failure message="a signature with its last hex digit changed: answered &#34;order not found&#34;/);
  });

  it.each([
    [['--fault', 'no-such-fault'], 'Invalid --fault "no-such-fault": expected one of accept-any-signature,'],
    [['--fault', 'ignore-window', '--base-url', 'http://127.0.0.1:9', '--demo'], '--fault applies to the built-in server only'],
  ])('rejects %j as a usage error', async (args, message) => {
    const run = await runCli(['conformance', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
