import { createHmac, timingSafeEqual } from 'node:crypto';
import { MESSAGE_SEPARATOR } from '../wire.ts';

/**
 * Verifies SIGNATURE over `TIMESTAMP&BODY`, with the body as the raw bytes received. The caller
 * has checked that `signature` is 64 lowercase hex characters, so both buffers have equal
 * length and the comparison takes constant time.
 */
export function verifySignature(secret: string, timestamp: string, rawBody: Uint8Array, signature: string): boolean {
  const expected = computeSignature(secret, timestamp, rawBody);
  return timingSafeEqual(Buffer.from(expected, 'latin1'), Buffer.from(signature, 'latin1'));
}

/** Computes the lowercase hex HMAC-SHA256 of `TIMESTAMP&BODY` over raw body bytes. */
export function computeSignature(secret: string, timestamp: string, rawBody: Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestamp}${MESSAGE_SEPARATOR}`, 'latin1').update(rawBody).digest('hex');
}
