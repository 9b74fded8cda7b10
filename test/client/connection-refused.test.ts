import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createReclaimClient } from '../../src/client/create-reclaim-client.ts';
import type { RequestEvent } from '../../src/client/hooks.ts';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';
import { ConnectionError } from '../../src/errors/transport-errors.ts';

/** Returns a port of 127.0.0.1 that was free a moment ago, so a connection to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('client against a refused connection', () => {
  it('retries twice, then reports that the request was not sent', async () => {
    const port = await closedPort();
    const requests: RequestEvent[] = [];
    const client = createReclaimClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: DEMO_API_KEY,
      apiSecret: DEMO_API_SECRET,
      random: () => 0,
      hooks: { onRequest: (event) => requests.push(event) },
    });

    const error = await client.reclaimOrder({ serial: 'order-1' }).catch((caught: unknown) => caught as ConnectionError);

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: 'CONNECTION_FAILED', requestNeverSent: true });
    expect(error.message).toBe(
      `Failed to connect (connect ECONNREFUSED 127.0.0.1:${port}); the request was not sent. Check \`baseUrl\` and the server.`,
    );
    expect(requests.map((event) => event.attempt)).toEqual([1, 2, 3]);
  });
});
