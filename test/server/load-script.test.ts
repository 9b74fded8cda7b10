import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

function runLoadScript(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return promisify(execFile)(process.execPath, ['bench/load.ts', ...args], { cwd: REPO_ROOT, timeout: 60_000 }).then(
    ({ stdout, stderr }) => ({ stdout, stderr, code: 0 }),
    (error: { stdout: string; stderr: string; code: number }) => ({ stdout: error.stdout, stderr: error.stderr, code: error.code }),
  );
}

describe('load script', () => {
  it('runs a short mixed load with no errors and reports its figures', async () => {
    const { stdout, stderr, code } = await runLoadScript(['--duration', '3', '--connections', '8', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      requests: number;
      requestsPerSecond: number;
      latencyMs: { p50: number; p99: number };
      errors: number;
      unexpectedInvalid: number;
      counts: { sent: Record<string, number> };
      memory: { rssBeforeBytes: number; rssAfterBytes: number };
      serverLogLines: number;
    };

    expect(report.errors).toBe(0);
    expect(report.unexpectedInvalid).toBe(0);
    expect(report.requests).toBeGreaterThan(300);
    expect(report.requestsPerSecond).toBeGreaterThan(100);
    expect(Object.keys(report.counts.sent).sort()).toEqual(
      ['accepted', 'bad-signature', 'duplicate-keys', 'invalid-utf8', 'malformed-json', 'missing-header', 'replay', 'stale-timestamp', 'unknown-path', 'unknown-serial'].sort(),
    );
    expect(report.latencyMs.p99).toBeGreaterThanOrEqual(report.latencyMs.p50);
    expect(report.memory.rssBeforeBytes).toBeGreaterThan(0);
    expect(report.memory.rssAfterBytes).toBeGreaterThan(0);
    expect(report.serverLogLines).toBeGreaterThanOrEqual(report.requests);
  }, 60_000);

  it('refuses a target other than loopback before sending anything', async () => {
    const { stderr, code } = await runLoadScript(['--url', 'http://example.invalid/', '--duration', '1']);

    expect(code).not.toBe(0);
    expect(stderr).toContain('Invalid --url http://example.invalid/: the load test only targets loopback (127.0.0.1, localhost or [::1]).');
  });
});
