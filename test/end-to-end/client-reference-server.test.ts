import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReclaimClient } from '../../src/client/create-reclaim-client.ts';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';
import { AuthenticationError, OrderNotFoundError } from '../../src/errors/api-error.ts';
import { createReferenceServer } from '../../src/server/create-reference-server.ts';
import { createLogger } from '../../src/server/logger.ts';

const reference = createReferenceServer({ strict: true, logger: createLogger({ level: 'silent' }) });
let baseUrl = '';

beforeAll(async () => {
  baseUrl = await reference.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => reference.close());

const demoClient = (options: { apiSecret?: string } = {}) =>
  createReclaimClient({ baseUrl, apiKey: DEMO_API_KEY, apiSecret: options.apiSecret ?? DEMO_API_SECRET, retry: { maxRetries: 0 } });

describe('client against the reference server over HTTP', () => {
  it('reclaims the upstream example order', async () => {
    await expect(demoClient().reclaimOrder({ serial: '1bcb40c612aababdcb166ac2cd7e3525' })).resolves.toEqual({ errno: 0, message: 'request accept' });
  });

  it('passes strict mode with a nested non-ASCII body', async () => {
    const answer = demoClient().reclaimOrder({ serial: 'xxyyzz', meta: { '\u{1F600}': 'emoji key', '\uE000': 'private use', note: '订单 </script>' } });
    await expect(answer).resolves.toMatchObject({ errno: 0 });
  });

  it('answers an unknown serial with OrderNotFoundError and HTTP 404', async () => {
    const failure = demoClient().reclaimOrder({ serial: 'no-such-order' });
    await expect(failure).rejects.toBeInstanceOf(OrderNotFoundError);
    await expect(failure).rejects.toMatchObject({ errno: 404, status: 404, serverMessage: '找不到订单' });
  });

  it('answers a wrong secret with AuthenticationError', async () => {
    const failure = demoClient({ apiSecret: 'not-the-secret' }).reclaimOrder({ serial: 'xxyyzz' });
    await expect(failure).rejects.toBeInstanceOf(AuthenticationError);
    await expect(failure).rejects.toMatchObject({ errno: 40104, status: 401 });
  });

  it('never puts the secret in the error', async () => {
    const error = await demoClient({ apiSecret: 'super-secret-value-123' })
      .reclaimOrder({ serial: 'xxyyzz' })
      .then(
        () => new Error('expected a rejection'),
        (caught: unknown) => caught as Error,
      );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain('super-secret-value-123');
  });
});

describe('repeated identical calls', () => {
  // Both calls read the same second; without the one-second bump they would share a signature
  // and the second would be rejected as a replay.
  it('are accepted within one second', async () => {
    const fixedServer = createReferenceServer({ clock: () => 1_800_000_000_000, logger: createLogger({ level: 'silent' }) });
    const url = await fixedServer.listen({ host: '127.0.0.1', port: 0 });
    const pinned = createReclaimClient({ baseUrl: url, apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET, clock: () => 1_800_000_000_000, retry: { maxRetries: 0 } });
    try {
      await expect(pinned.reclaimOrder({ serial: 'xxyyzz' })).resolves.toMatchObject({ errno: 0 });
      await expect(pinned.reclaimOrder({ serial: 'xxyyzz' })).resolves.toMatchObject({ errno: 0 });
    } finally {
      await fixedServer.close();
    }
  });
});
