import { createHmacSha256 } from '../../src/signing/hmac-sha256.ts';
import { buildMessage } from '../../src/signing/sign-body.ts';
import { HEADER_API_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP, JSON_CONTENT_TYPE, RECLAIM_PATH } from '../../src/wire.ts';
import type { RawRequest, SignOverrides, Target } from './types.ts';

/** Builds a reclaim request for `body`, signed with the target's credentials unless overridden. */
export async function buildSignedRequest(target: Target, body: string, overrides: SignOverrides = {}): Promise<RawRequest> {
  const timestamp = overrides.timestamp ?? String(Math.floor(target.clock() / 1000));
  const secret = overrides.apiSecret ?? target.apiSecret;
  const signature = overrides.signature ?? (await createHmacSha256(secret)(buildMessage(timestamp, overrides.signedBody ?? body)));
  const headers: Record<string, string> = {
    [HEADER_API_KEY]: overrides.apiKey ?? target.apiKey,
    [HEADER_TIMESTAMP]: timestamp,
    [HEADER_SIGNATURE]: signature,
    'Content-Type': JSON_CONTENT_TYPE,
    ...overrides.headers,
  };
  for (const name of overrides.omitHeaders ?? []) {
    delete headers[name];
  }
  return { method: 'POST', path: RECLAIM_PATH, headers, body };
}
