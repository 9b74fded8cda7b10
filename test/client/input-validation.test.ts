import { describe, expect, it, vi } from 'vitest';
import { createReclaimClient, type ReclaimClientOptions } from '../../src/client/create-reclaim-client.ts';
import { CanonicalizationError } from '../../src/errors/canonicalization-error.ts';
import { InvalidRequestError } from '../../src/errors/validation-errors.ts';

const VALID_OPTIONS: ReclaimClientOptions = { baseUrl: 'http://127.0.0.1:59999', apiKey: 'test-key', apiSecret: 'test-secret-value' };

/** Creates a client whose fetch records each call and returns `request accept`, so a test can tell whether anything was sent. */
function clientWithRecordingFetch() {
  const fetch = vi.fn(async () => new Response('{"errno":0,"message":"request accept"}'));
  return { fetch, client: createReclaimClient({ ...VALID_OPTIONS, fetch }) };
}

describe('client input validation', () => {
  it.each([
    { name: 'a missing serial', input: {}, param: 'serial', problem: 'serial: Invalid key: Expected "serial" but received undefined' },
    { name: 'an empty serial', input: { serial: '' }, param: 'serial', problem: 'serial: Invalid length: Expected >=1 but received 0' },
    { name: 'a number serial', input: { serial: 42 }, param: 'serial', problem: 'serial: Invalid type: Expected string but received 42' },
    { name: 'null', input: null, param: 'input', problem: 'Invalid type: Expected Object but received null' },
    { name: 'a string', input: 'order-1', param: 'input', problem: 'Invalid type: Expected Object but received "order-1"' },
  ])('rejects $name before sending', async ({ input, param, problem }) => {
    const { fetch, client } = clientWithRecordingFetch();

    const failure = client.reclaimOrder(input as never);

    await expect(failure).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(failure).rejects.toMatchObject({ code: 'INVALID_REQUEST', param });
    await expect(failure).rejects.toThrow(`Invalid request body (${problem}); \`serial\` must be a non-empty string.`);
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    { name: 'NaN', input: { serial: 'order-1', amount: Number.NaN }, path: '$.amount', reason: 'NON_FINITE_NUMBER' },
    { name: 'a Date', input: { serial: 'order-1', meta: { at: new Date(0) } }, path: '$.meta.at', reason: 'UNSUPPORTED_TYPE' },
    { name: 'an unsafe integer', input: { serial: 'order-1', ids: [1, 2 ** 53] }, path: '$.ids[1]', reason: 'UNSAFE_INTEGER' },
  ])('rejects $name in the body as CanonicalizationError naming the path', async ({ input, path, reason }) => {
    const { fetch, client } = clientWithRecordingFetch();

    const failure = client.reclaimOrder(input);

    await expect(failure).rejects.toBeInstanceOf(CanonicalizationError);
    await expect(failure).rejects.toMatchObject({ code: 'CANONICALIZATION_FAILED', path, reason });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends the extra members of the body, signed in canonical form', async () => {
    const { fetch, client } = clientWithRecordingFetch();

    await client.reclaimOrder({ serial: 'order-1', note: 'é', amount: 1.5 });

    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.body).toBe('{"amount":1.5,"note":"\\u00e9","serial":"order-1"}');
  });
});

describe('client option validation', () => {
  it.each([
    { name: 'an ftp baseUrl', options: { baseUrl: 'ftp://127.0.0.1' }, message: 'Invalid `baseUrl`: expected an http(s) URL without query or fragment, received "ftp://127.0.0.1".' },
    { name: 'a baseUrl with a query', options: { baseUrl: 'http://127.0.0.1/?q=1' }, message: 'Invalid `baseUrl`: expected an http(s) URL without query or fragment, received "http://127.0.0.1/?q=1".' },
    { name: 'a missing baseUrl', options: { baseUrl: undefined }, message: 'Invalid `baseUrl`: expected an http(s) URL without query or fragment, received undefined.' },
    { name: 'an apiKey with a newline', options: { apiKey: 'key\nX-Injected: 1' }, message: 'Invalid `apiKey`: expected printable ASCII without spaces, as HTTP headers require.' },
    { name: 'an empty apiSecret', options: { apiSecret: '' }, message: 'Invalid `apiSecret`: expected a non-empty string, received an empty string.' },
    { name: 'a zero timeoutMs', options: { timeoutMs: 0 }, message: 'Invalid `timeoutMs`: expected a positive integer, received 0.' },
    { name: 'a negative retry.maxRetries', options: { retry: { maxRetries: -1 } }, message: 'Invalid `retry.maxRetries`: expected a non-negative integer, received -1.' },
    { name: 'a fractional clockOffsetSeconds', options: { clockOffsetSeconds: 1.5 }, message: 'Invalid `clockOffsetSeconds`: expected an integer, received 1.5.' },
  ])('rejects $name', ({ options, message }) => {
    expect(() => createReclaimClient({ ...VALID_OPTIONS, ...options } as ReclaimClientOptions)).toThrow(new TypeError(message));
  });

  it('rejects an invalid maxRetries of a call', async () => {
    const { client } = clientWithRecordingFetch();

    await expect(client.reclaimOrder({ serial: 'order-1' }, { maxRetries: -1 })).rejects.toThrow(
      new TypeError('Invalid `maxRetries`: expected a non-negative integer, received -1.'),
    );
  });

  it('drops the trailing slash of baseUrl', async () => {
    const fetch = vi.fn(async () => new Response('{"errno":0,"message":"request accept"}'));
    const client = createReclaimClient({ ...VALID_OPTIONS, baseUrl: 'http://127.0.0.1:59999/', fetch });

    await client.reclaimOrder({ serial: 'order-1' });

    expect(client.baseUrl).toBe('http://127.0.0.1:59999');
    expect((fetch.mock.calls[0] as unknown as [string])[0]).toBe('http://127.0.0.1:59999/api/v1/frontend/order/reclaim');
  });
});
