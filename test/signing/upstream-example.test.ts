import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/canonical/canonicalize.ts';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';
import { createSigner } from '../../src/signing/create-signer.ts';
import { createHmacSha256 } from '../../src/signing/hmac-sha256.ts';
import { buildMessage } from '../../src/signing/sign-body.ts';

// The example request of the upstream API page, signed by its own Python sample with
// TIMESTAMP 1700000000.
const UPSTREAM = {
  timestamp: '1700000000',
  value: { serial: '1bcb40c612aababdcb166ac2cd7e3525' },
  body: '{"serial":"1bcb40c612aababdcb166ac2cd7e3525"}',
  message: '1700000000&{"serial":"1bcb40c612aababdcb166ac2cd7e3525"}',
  signature: '4ddd99c0ba126c921ebcd0e9f6dd0064a4adea35464b1614829abc15eb0f5ac0',
};

describe('upstream example', () => {
  it('canonicalizes the body as the Python sample does', () => {
    expect(canonicalize(UPSTREAM.value)).toBe(UPSTREAM.body);
  });

  it('builds the message from timestamp and body', () => {
    expect(buildMessage(UPSTREAM.timestamp, UPSTREAM.body)).toBe(UPSTREAM.message);
  });

  it('computes the signature with the secret as text', async () => {
    await expect(createHmacSha256(DEMO_API_SECRET)(UPSTREAM.message)).resolves.toBe(UPSTREAM.signature);
  });

  it('computes the same signature through WebCrypto', async () => {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(DEMO_API_SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(UPSTREAM.message)));
    expect(Buffer.from(mac).toString('hex')).toBe(UPSTREAM.signature);
  });

  it('signs the value into the four request headers', async () => {
    const signer = createSigner({ apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET });
    const signed = await signer.sign(UPSTREAM.value, { timestamp: UPSTREAM.timestamp });
    expect(signed.body).toBe(UPSTREAM.body);
    expect(signed.message).toBe(UPSTREAM.message);
    expect(signed.headers).toEqual({
      'API-KEY': DEMO_API_KEY,
      TIMESTAMP: UPSTREAM.timestamp,
      SIGNATURE: UPSTREAM.signature,
      'Content-Type': 'application/json',
    });
  });

  it('reads the clock once for header and message', async () => {
    let reads = 0;
    const clock = (): number => {
      reads++;
      return 1_700_000_000_999 + reads * 1000;
    };
    const signer = createSigner({ apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET, clock });
    const signed = await signer.sign(UPSTREAM.value);
    expect(reads).toBe(1);
    expect(signed.timestamp).toBe('1700000001');
    expect(signed.message.startsWith(`${signed.timestamp}&`)).toBe(true);
  });

  it('differs when the secret is hex-decoded', async () => {
    const hexDecoded = Buffer.from(DEMO_API_SECRET, 'hex').toString('latin1');
    await expect(createHmacSha256(hexDecoded)(UPSTREAM.message)).resolves.not.toBe(UPSTREAM.signature);
  });
});
