import { describe, expect, it } from 'vitest';
import { runCli } from '../conformance/helpers/run-cli.ts';

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
