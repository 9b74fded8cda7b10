import { canonicalize, type CanonicalProfile } from '../canonical/canonicalize.ts';
import { type Clock, readTimestamp } from './clock.ts';
import { createHmacSha256 } from './hmac-sha256.ts';
import { signBody, type SignedBody } from './sign-body.ts';

export interface SignerOptions {
  apiKey: string;
  apiSecret: string;
  /** Milliseconds since the epoch; defaults to `Date.now`. */
  clock?: Clock;
  /** Seconds added to every timestamp, to correct a known skew against the server. */
  clockOffsetSeconds?: number;
}

export interface SignOptions {
  /** A fixed TIMESTAMP (whole seconds as a decimal string); the clock is read when it is absent. */
  timestamp?: string;
  profile?: CanonicalProfile;
}

export interface Signer {
  readonly apiKey: string;
  /** Canonicalizes `value`, then signs the resulting body. */
  sign(value: unknown, options?: SignOptions): Promise<SignedBody>;
  /** Signs an already serialized body byte for byte. */
  signBody(body: string, options?: Pick<SignOptions, 'timestamp'>): Promise<SignedBody>;
}

/**
 * Creates a signer for one pair of credentials. The secret is kept in a closure, so it never
 * shows up in `util.inspect`, `JSON.stringify` or error messages of the signer.
 */
export function createSigner(options: SignerOptions): Signer {
  const apiKey = requireCredential(options.apiKey, 'apiKey');
  const hmac = createHmacSha256(requireCredential(options.apiSecret, 'apiSecret'));
  const clock = options.clock ?? Date.now;
  const offsetSeconds = options.clockOffsetSeconds ?? 0;
  if (!Number.isSafeInteger(offsetSeconds)) {
    throw new TypeError(`Invalid \`clockOffsetSeconds\`: expected an integer number of seconds, received ${String(offsetSeconds)}.`);
  }

  const signSerialized = (body: string, timestamp?: string): Promise<SignedBody> =>
    signBody(hmac, apiKey, { body, timestamp: timestamp ?? readTimestamp(clock, offsetSeconds) });

  return {
    apiKey,
    sign: (value, signOptions = {}) =>
      signSerialized(canonicalize(value, { profile: signOptions.profile }), signOptions.timestamp),
    signBody: (body, signOptions = {}) => signSerialized(body, signOptions.timestamp),
  };
}

/** Rejects a missing or empty credential; the message never repeats the value. */
export function requireCredential(value: unknown, name: 'apiKey' | 'apiSecret'): string {
  if (typeof value !== 'string' || value === '') {
    const received = value === '' ? 'an empty string' : typeof value;
    throw new TypeError(`Invalid \`${name}\`: expected a non-empty string, received ${received}.`);
  }
  return value;
}
