import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertySettings } from '../../conformance/canonical/property-settings.ts';
import { createReclaimClient, type ReclaimClientOptions, type ReclaimOrderInput } from '../../src/client/create-reclaim-client.ts';
import { DEMO_API_KEY } from '../../src/demo-credentials.ts';

const NOW_MS = 1_700_000_000_000;

/** Echoes what the server received, as a debugging proxy might; the SDK must still leak nothing. */
function describeReceived(init: RequestInit | undefined): string {
  const headers = init?.headers instanceof Headers ? Object.fromEntries(init.headers) : init?.headers;
  return JSON.stringify({ headers, body: init?.body });
}

function answer(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'X-Request-Id': 'req-1', ...headers } });
}

interface Scenario {
  name: string;
  input: ReclaimOrderInput;
  options?: Partial<ReclaimClientOptions>;
  /** Returns the response to attempt `index` (0-based), or throws like a failing fetch. */
  respond(init: RequestInit | undefined, index: number): Promise<Response>;
}

const SCENARIOS: Scenario[] = [
  { name: 'accepted', input: { serial: 'order-1' }, respond: async () => answer(200, '{"errno":0,"message":"request accept"}') },
  { name: 'order not found', input: { serial: 'order-1' }, respond: async () => answer(404, '{"errno":404,"message":"找不到订单"}') },
  {
    name: 'signature mismatch echoing the request',
    input: { serial: 'order-1', note: 'é' },
    respond: async (init) => answer(401, JSON.stringify({ errno: 40104, message: 'signature mismatch', detail: describeReceived(init) })),
  },
  { name: 'HTML 502 echoing the request', input: { serial: 'order-1' }, respond: async (init) => answer(502, `<html><body>${describeReceived(init)}</body></html>`) },
  { name: 'empty body', input: { serial: 'order-1' }, respond: async () => answer(200, '') },
  { name: 'truncated JSON', input: { serial: 'order-1' }, respond: async () => answer(200, '{"errno":0,"mess') },
  { name: 'errno as a string', input: { serial: 'order-1' }, respond: async () => answer(200, '{"errno":"0","message":"request accept"}') },
  {
    name: 'refused connection, retried',
    input: { serial: 'order-1' },
    respond: async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:59999'), { code: 'ECONNREFUSED' }) });
    },
  },
  {
    name: 'timeout',
    input: { serial: 'order-1' },
    options: { timeoutMs: 5 },
    respond: (init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      }),
  },
  {
    name: '429, then accepted',
    input: { serial: 'order-1' },
    respond: async (_init, index) =>
      index === 0 ? answer(429, '{"errno":42901,"message":"slow down"}', { 'Retry-After': '0' }) : answer(200, '{"errno":0,"message":"request accept"}'),
  },
  {
    name: 'clock skew, then accepted',
    input: { serial: 'order-1' },
    respond: async (_init, index) =>
      index === 0
        ? answer(401, '{"errno":40105,"message":"timestamp outside the window"}', { Date: new Date(NOW_MS + 600_000).toUTCString() })
        : answer(200, '{"errno":0,"message":"request accept"}'),
  },
  { name: 'invalid serial', input: { serial: '' }, respond: async () => answer(200, '{"errno":0,"message":"request accept"}') },
  { name: 'NaN in the body', input: { serial: 'order-1', amount: Number.NaN }, respond: async () => answer(200, '{"errno":0,"message":"request accept"}') },
];

/** Runs `scenario` with `apiSecret` and returns every text a caller could see or log. */
async function observableTexts(apiSecret: string, scenario: Scenario): Promise<string> {
  const texts: string[] = [];
  let attempt = 0;
  const client = createReclaimClient({
    baseUrl: 'http://127.0.0.1:59999',
    apiKey: DEMO_API_KEY,
    apiSecret,
    clock: () => NOW_MS,
    random: () => 0,
    retry: { baseDelayMs: 0 },
    fetch: async (_url, init) => scenario.respond(init, attempt++),
    debug: (line) => texts.push(line),
    hooks: {
      onRequest: (event) => texts.push(JSON.stringify(event), inspect(event)),
      onResponse: (event) => texts.push(JSON.stringify(event), inspect(event)),
      onRetry: (event) => texts.push(JSON.stringify(event)),
    },
    ...scenario.options,
  });

  try {
    texts.push(JSON.stringify(await client.reclaimOrder(scenario.input)));
  } catch (error) {
    const { message, stack } = error as Error;
    texts.push(message, String(stack), String(error), JSON.stringify(error), inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }));
  }
  texts.push(JSON.stringify(client), String(client), inspect(client, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }));
  return texts.join('\n');
}

/** Secrets of at least 16 characters: printable ASCII, any Unicode, or hex like the demo secret. */
const secrets = fc.oneof(
  fc.string({ minLength: 16, maxLength: 64 }),
  fc.string({ minLength: 16, maxLength: 64, unit: 'grapheme' }),
  fc.stringMatching(/^[0-9A-F]{64}$/),
);

// Outputs checked: error message, stack, String, JSON and inspect with the cause chain;
// JSON, String and inspect of the client; debug lines; hook events.
describe('client secrecy', () => {
  it('never shows apiSecret in any output', async () => {
    // A secret that already occurs in the output of a run with another secret would be found
    // by coincidence (for example 16 spaces of inspect's indentation), so such secrets are skipped.
    const baselines = new Map<string, string>();
    for (const scenario of SCENARIOS) {
      baselines.set(scenario.name, await observableTexts('baseline-secret-0123456789', scenario));
    }

    await fc.assert(
      fc.asyncProperty(secrets, fc.constantFrom(...SCENARIOS), async (secret, scenario) => {
        fc.pre(!baselines.get(scenario.name)!.includes(secret));
        const texts = await observableTexts(secret, scenario);
        expect(texts.includes(secret), `the secret appears in the output of scenario "${scenario.name}"`).toBe(false);
      }),
      propertySettings('FC_NUM_RUNS', 300),
    );
  });

  it('observes the channels a leak would show in', async () => {
    // If these channels were missing from the texts, the property above could not fail.
    const refused = await observableTexts('baseline-secret-0123456789', SCENARIOS.find((scenario) => scenario.name.startsWith('refused'))!);
    const echoed = await observableTexts('baseline-secret-0123456789', SCENARIOS.find((scenario) => scenario.name.startsWith('signature'))!);

    expect(refused).toContain('[cause]: Error: connect ECONNREFUSED 127.0.0.1:59999');
    expect(refused).toContain('"errorCode":"CONNECTION_FAILED"');
    expect(echoed).toContain('[order-reclaim] message=1700000000&{"note":"\\u00e9","serial":"order-1"}');
    expect(echoed).toContain(DEMO_API_KEY);
    expect(echoed).toContain('clockOffsetSeconds');
  });
});
