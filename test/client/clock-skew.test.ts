import { describe, expect, it } from 'vitest';
import type { RetryEvent } from '../../src/client/hooks.ts';
import { AuthenticationError } from '../../src/errors/api-error.ts';
import { ACCEPTED, type Answer, createTestClient, FIXED_NOW_MS, jsonAnswer, useMockApi } from './mock-api.ts';

const { received, answerWith } = useMockApi();

const TEN_MINUTES_MS = 10 * 60 * 1000;
const WINDOW_SECONDS = 300;

/**
 * A server whose clock runs `offsetMs` ahead of the client's: it checks TIMESTAMP against its
 * own clock with the ±300 s window, and sends its time in the Date header unless `sendDate` is false.
 */
function serverWithClockOffset(offsetMs: number, options: { sendDate?: boolean } = {}): Answer {
  const serverNowMs = FIXED_NOW_MS + offsetMs;
  return (request) => {
    const headers: Record<string, string> = options.sendDate === false ? {} : { Date: new Date(serverNowMs).toUTCString() };
    if (!request.signatureValid) {
      return jsonAnswer({ errno: 40104, message: 'signature mismatch' }, 401, headers);
    }
    if (Math.abs(Number(request.timestamp) - serverNowMs / 1000) > WINDOW_SECONDS) {
      return jsonAnswer({ errno: 40105, message: 'timestamp outside the window' }, 401, headers);
    }
    return jsonAnswer(ACCEPTED, 200, headers);
  };
}

describe('client clock-skew correction', () => {
  it.each([
    { direction: 'ahead', offsetMs: TEN_MINUTES_MS, learned: 600 },
    { direction: 'behind', offsetMs: -TEN_MINUTES_MS, learned: -600 },
  ])('learns a server clock 10 minutes $direction and retries once', async ({ offsetMs, learned }) => {
    answerWith(serverWithClockOffset(offsetMs));
    const retries: RetryEvent[] = [];
    const client = createTestClient({ hooks: { onRetry: (event) => retries.push(event) } });

    await expect(client.reclaimOrder({ serial: 'order-1' })).resolves.toEqual(ACCEPTED);

    expect(client.clockOffsetSeconds).toBe(learned);
    expect(received.map((request) => request.timestamp)).toEqual([String(FIXED_NOW_MS / 1000), String(FIXED_NOW_MS / 1000 + learned)]);
    expect(retries).toEqual([{ retry: 1, delayMs: 0, reason: 'clock-skew', errorCode: 'AUTHENTICATION_FAILED' }]);
  });

  it('keeps the learned offset for later calls', async () => {
    answerWith(serverWithClockOffset(TEN_MINUTES_MS));
    const client = createTestClient();

    await client.reclaimOrder({ serial: 'order-1' });
    await client.reclaimOrder({ serial: 'order-2' });

    expect(received).toHaveLength(3);
    expect(received[2]!.timestamp).toBe(String(FIXED_NOW_MS / 1000 + 600));
  });

  it('uses a configured offset without a failed attempt', async () => {
    answerWith(serverWithClockOffset(TEN_MINUTES_MS));

    await createTestClient({ clockOffsetSeconds: 600 }).reclaimOrder({ serial: 'order-1' });

    expect(received).toHaveLength(1);
  });

  it('fails with errno 40105 when the server sends no Date header', async () => {
    answerWith(serverWithClockOffset(TEN_MINUTES_MS, { sendDate: false }));

    const failure = createTestClient().reclaimOrder({ serial: 'order-1' });

    await expect(failure).rejects.toBeInstanceOf(AuthenticationError);
    await expect(failure).rejects.toThrow(
      'Authentication failed with errno 40105: server message "timestamp outside the window", HTTP 401, request id req-1. Check the system clock, or set `clockOffsetSeconds`.',
    );
    expect(received).toHaveLength(1);
  });

  it('does not correct the clock when correctClockSkew is false', async () => {
    answerWith(serverWithClockOffset(TEN_MINUTES_MS));
    const client = createTestClient({ correctClockSkew: false });

    await expect(client.reclaimOrder({ serial: 'order-1' })).rejects.toMatchObject({ errno: 40105 });
    expect(client.clockOffsetSeconds).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('retries the clock only once per call', async () => {
    // The server keeps rejecting the TIMESTAMP, although its Date shows that the clocks now agree.
    answerWith(() => jsonAnswer({ errno: 40105, message: 'timestamp outside the window' }, 401, { Date: new Date(FIXED_NOW_MS + TEN_MINUTES_MS).toUTCString() }));

    await expect(createTestClient().reclaimOrder({ serial: 'order-1' })).rejects.toMatchObject({ errno: 40105 });
    expect(received).toHaveLength(2);
  });

  it('does not retry a 40105 whose Date matches the corrected clock', async () => {
    answerWith(() => jsonAnswer({ errno: 40105, message: 'timestamp outside the window' }, 200, { Date: new Date(FIXED_NOW_MS).toUTCString() }));

    await expect(createTestClient().reclaimOrder({ serial: 'order-1' })).rejects.toMatchObject({ errno: 40105, status: 200 });
    expect(received).toHaveLength(1);
  });
});
