import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';
import { verifySignature } from '../../src/server/verify-signature.ts';
import { createSigner } from '../../src/signing/create-signer.ts';
import { TIMESTAMP_PATTERN } from '../../src/wire.ts';
import { jsonValueArbitrary } from '../arbitraries/json-value.ts';
import { propertySettings } from './property-settings.ts';
import { shuffleMembers } from './shuffle-members.ts';

const settings = propertySettings();
const signer = createSigner({ apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET });

const timestampArbitrary = fc.integer({ min: 0, max: 4_102_444_800 }).map(String);
const HEX_DIGITS = '0123456789abcdef';

/** One change to a signed request: a flipped body byte, another timestamp, secret or signature digit. */
type Tamper =
  | { part: 'body'; index: number; xor: number }
  | { part: 'timestamp'; timestamp: string }
  | { part: 'secret'; secret: string }
  | { part: 'signature'; index: number; shift: number };

const tamperArbitrary: fc.Arbitrary<Tamper> = fc.oneof(
  fc.record({ part: fc.constant('body' as const), index: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    part: fc.constant('timestamp' as const),
    timestamp: fc.oneof(timestampArbitrary, timestampArbitrary.map((timestamp) => `0${timestamp}`)),
  }),
  fc.record({ part: fc.constant('secret' as const), secret: fc.string({ minLength: 1, maxLength: 64 }) }),
  fc.record({ part: fc.constant('signature' as const), index: fc.nat({ max: 63 }), shift: fc.integer({ min: 1, max: 15 }) }),
);

describe('signature properties', () => {
  it('signature does not depend on key insertion order', async () => {
    await fc.assert(
      fc.asyncProperty(jsonValueArbitrary(), fc.noShrink(fc.integer()), timestampArbitrary, async (value, seed, timestamp) => {
        const signed = await signer.sign(value, { timestamp });
        const reordered = await signer.sign(shuffleMembers(value, seed), { timestamp });
        expect(reordered.signature).toBe(signed.signature);
      }),
      settings,
    );
  });

  it('any single change to body, timestamp, secret or signature fails verification', async () => {
    await fc.assert(
      fc.asyncProperty(jsonValueArbitrary(), timestampArbitrary, tamperArbitrary, async (value, timestamp, tamper) => {
        const signed = await signer.sign(value, { timestamp });
        const request = { secret: DEMO_API_SECRET, timestamp, body: Buffer.from(signed.body, 'utf8'), signature: signed.signature };
        expect(verifySignature(request.secret, request.timestamp, request.body, request.signature)).toBe(true);

        switch (tamper.part) {
          case 'body': {
            const index = tamper.index % request.body.length;
            request.body[index] = request.body[index]! ^ tamper.xor;
            break;
          }
          case 'timestamp':
            fc.pre(tamper.timestamp !== timestamp);
            request.timestamp = tamper.timestamp;
            break;
          case 'secret':
            fc.pre(tamper.secret !== DEMO_API_SECRET);
            request.secret = tamper.secret;
            break;
          case 'signature': {
            const digit = HEX_DIGITS[(HEX_DIGITS.indexOf(request.signature[tamper.index]!) + tamper.shift) % 16]!;
            request.signature = request.signature.slice(0, tamper.index) + digit + request.signature.slice(tamper.index + 1);
            break;
          }
        }
        expect(TIMESTAMP_PATTERN.test(request.timestamp)).toBe(true);
        expect(verifySignature(request.secret, request.timestamp, request.body, request.signature)).toBe(false);
      }),
      settings,
    );
  });
});
