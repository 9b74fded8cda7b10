import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalize, type CanonicalProfile } from '../../src/canonical/canonicalize.ts';
import { CanonicalizationError } from '../../src/errors/canonicalization-error.ts';
import { createReferenceServer, type ReferenceServer } from '../../src/server/create-reference-server.ts';
import { createLogger } from '../../src/server/logger.ts';
import { createSigner } from '../../src/signing/create-signer.ts';
import { buildMessage, type SignatureHeaders } from '../../src/signing/sign-body.ts';
import { Errno, isAuthenticationErrno, RECLAIM_PATH } from '../../src/wire.ts';
import { buildInput, type ExpectedError, loadVectorFile, PROFILES } from '../vectors/load-vectors.ts';

const file = loadVectorFile();
const signer = createSigner({ ...file.credentials, clock: () => Number(file.timestamp) * 1000 });

let server: ReferenceServer;
let baseUrl: string;
/** Signatures already sent: vectors with equal bodies share one, and the server rejects a replay. */
const sentSignatures = new Set<string>();

beforeAll(async () => {
  server = createReferenceServer({
    credentials: [file.credentials],
    clock: () => Number(file.timestamp) * 1000,
    logger: createLogger({ level: 'silent' }),
    replayCacheSize: 10_000,
    maxBodyBytes: 2 * 1024 * 1024,
  });
  baseUrl = await server.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server.close({ graceMs: 1_000 });
});

describe('golden vectors', () => {
  it.each(file.vectors)('$name', async (vector) => {
    for (const profile of PROFILES) {
      const expected = vector[profile];
      if ('error' in expected) {
        expectRejection(() => canonicalize(buildInput(vector.input), { profile }), expected.error);
        continue;
      }

      const body = canonicalize(buildInput(vector.input), { profile });
      if ('body' in expected) {
        expect(body, `${profile} body`).toBe(expected.body);
        expect(buildMessage(file.timestamp, body), `${profile} message`).toBe(expected.message);
      } else {
        expect(Buffer.byteLength(body, 'utf8'), `${profile} body length`).toBe(expected.bodyByteLength);
        expect(createHash('sha256').update(body, 'utf8').digest('hex'), `${profile} body SHA-256`).toBe(expected.bodySha256);
      }

      const signed = await signer.sign(buildInput(vector.input), { timestamp: file.timestamp, profile });
      expect(signed.signature, `${profile} signature`).toBe(expected.signature);
      expect(signed.headers, `${profile} headers`).toEqual(expected.headers);
      await expectVerified(profile, body, expected.headers);
    }
  });

  it.each(file.rejections)('rejects $name', async (rejection) => {
    for (const profile of PROFILES) {
      expectRejection(() => canonicalize(buildInput(rejection.input), { profile }), rejection.error);
      // NOTE: createSigner().sign throws synchronously instead of returning a rejected promise,
      // so the call is wrapped to catch both.
      const signing = (async () => signer.sign(buildInput(rejection.input), { timestamp: file.timestamp, profile }))();
      await expect(signing).rejects.toThrow(CanonicalizationError);
    }
  });
});

function expectRejection(run: () => unknown, expected: ExpectedError): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CanonicalizationError);
  expect((thrown as CanonicalizationError).reason).toBe(expected.code);
  expect((thrown as CanonicalizationError).path).toBe(expected.path);
}

/**
 * Sends the body with the vector's headers to the reference server. Most vector bodies are not
 * reclaim bodies, so the server returns errno 40002 (invalid body), 40001 (nested deeper than
 * its parser accepts) or 404. What matters is that authentication passed.
 */
async function expectVerified(profile: CanonicalProfile, body: string, headers: SignatureHeaders): Promise<void> {
  const response = await fetch(new URL(RECLAIM_PATH, baseUrl), { method: 'POST', headers: { ...headers }, body });
  const answer = (await response.json()) as { errno: number; message: string };
  if (sentSignatures.has(headers.SIGNATURE)) {
    // The server checks for a replay only after the signature verified.
    expect(answer.errno, `${profile} answer to a repeated body`).toBe(Errno.REPLAYED_REQUEST);
    return;
  }
  sentSignatures.add(headers.SIGNATURE);
  expect(isAuthenticationErrno(answer.errno), `${profile} answer ${JSON.stringify(answer)} is an authentication failure`).toBe(false);
}
