import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const FLOOD_SCRIPT = fileURLToPath(new URL('./fixtures/replay-flood.ts', import.meta.url));
const REQUESTS = 50_000;
const MiB = 1024 * 1024;

interface FloodReport {
  requests: number;
  answered: Record<string, number>;
  cacheSize: number;
  cacheCapacity: number;
  heapBefore: number;
  heapAfter: number;
  elapsedMs: number;
}

/** Runs the flood in its own process, where `--expose-gc` makes heap figures comparable. */
async function flood(cacheSize: number): Promise<FloodReport> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', FLOOD_SCRIPT, String(REQUESTS), String(cacheSize)], {
    timeout: 60_000,
  });
  return JSON.parse(stdout) as FloodReport;
}

describe('replay cache under a flood of distinct valid requests', () => {
  it('stays at its capacity and keeps the heap flat', async () => {
    const report = await flood(1_000);

    expect(report.answered).toEqual({ '404': REQUESTS });
    expect(report.cacheSize).toBe(1_000);
    expect(report.heapAfter - report.heapBefore).toBeLessThan(2 * MiB);
  }, 90_000);

  it('grows the heap measurably when the capacity exceeds the flood', async () => {
    // The control case: 48,000 live signatures cost about 6 MiB, so the bound above can fail.
    const report = await flood(100_000);

    expect(report.cacheSize).toBe(REQUESTS);
    expect(report.heapAfter - report.heapBefore).toBeGreaterThan(4 * MiB);
  }, 90_000);
});
