import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

/** Runs the CLI in-process and captures its output. */
async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: {},
    readStdin: async () => '',
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('CLI flag errors', () => {
  it.each([
    [['serve', '--port', '99999'], 'Invalid --port "99999": expected an integer from 0 to 65535.'],
    [['reclaim', 'x', '--demo', '--timeout-ms', '0'], 'Invalid --timeout-ms "0": expected an integer of at least 1.'],
    [
      ['reclaim', 'x', '--demo', '--base-url', '127.0.0.1:8080'],
      'Invalid `baseUrl`: expected an http(s) URL without query or fragment, received "127.0.0.1:8080". Set it with --base-url or ORDER_RECLAIM_BASE_URL.',
    ],
  ])('exits 2 for %j', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(message);
  });
});
