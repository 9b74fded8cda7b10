import { type Client, createClient, createConfig } from '../../generated/client/index.ts';
import { canonicalize, type CanonicalProfile } from '../canonical/canonicalize.ts';
import type { HmacSha256 } from '../signing/hmac-sha256.ts';
import { signBody } from '../signing/sign-body.ts';
import type { ClientHooks } from './hooks.ts';

/** Per-attempt data passed through the generated client's `meta` to the signing interceptor. */
export interface AttemptMeta {
  attempt: number;
  /** The smallest TIMESTAMP (Unix seconds) the attempt may carry. */
  minTimestampSeconds: number;
  /** Set by the interceptor: the TIMESTAMP it signed with. */
  timestampSeconds?: number;
}

export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  hmac: HmacSha256;
  /** Returns the TIMESTAMP to sign with, reading the clock once. */
  readTimestamp: () => string;
  profile: CanonicalProfile;
  fetch: typeof fetch | undefined;
  hooks: ClientHooks;
}

/** An error thrown by a caller's hook; `sendAttempt` rethrows its cause unchanged. */
export class HookFailure {
  readonly cause: unknown;

  constructor(cause: unknown) {
    this.cause = cause;
  }
}

/** A failed exchange inside the generated client, with the response when one arrived. */
export class FailedExchange {
  readonly cause: unknown;
  readonly response: Response | undefined;

  constructor(cause: unknown, response: Response | undefined) {
    this.cause = cause;
    this.response = response;
  }
}

/**
 * Creates the generated fetch client configured for signing. Its body serializer is the
 * canonicalizer, and a request interceptor signs exactly the serialized body (the bytes the
 * generated client puts into the request) with a TIMESTAMP read once, then sets the headers.
 * Failed exchanges reach the caller as `FailedExchange`, with the response when there is one.
 */
export function createGeneratedTransport(options: TransportOptions): Client {
  // The signed body of each request the interceptor has seen. Handing fetch that string with
  // the request's URL, method, headers and signal sends the same bytes, and fetch does not
  // copy the Request and its body stream a second time.
  const signedBodies = new WeakMap<Request, string>();
  const recentBodies = createRecentBodies();
  const sendSigned = (request: Request): Promise<Response> => {
    // Looked up at each call, so a polyfill that replaces globalThis.fetch later is used.
    const fetchImpl = options.fetch ?? globalThis.fetch;
    return fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: signedBodies.get(request),
      signal: request.signal,
    });
  };
  const client = createClient(
    createConfig({
      baseUrl: options.baseUrl,
      fetch: sendSigned as typeof fetch,
      bodySerializer: (body: unknown) => canonicalize(body, { profile: options.profile }),
    }),
  );

  client.interceptors.request.use(async (request, requestOptions) => {
    const body = requestOptions.serializedBody as string;
    const meta = (requestOptions as { meta?: AttemptMeta }).meta!;
    const timestampSeconds = recentBodies.nextTimestamp(body, Math.max(Number(options.readTimestamp()), meta.minTimestampSeconds));
    const signed = await signBody(options.hmac, options.apiKey, { body, timestamp: String(timestampSeconds) });
    meta.timestampSeconds = timestampSeconds;
    signedBodies.set(request, body);
    for (const [name, value] of Object.entries(signed.headers)) {
      request.headers.set(name, value);
    }
    try {
      options.hooks.onRequest?.({
        attempt: meta.attempt,
        method: request.method,
        url: request.url,
        body,
        timestamp: signed.timestamp,
        signaturePrefix: signed.signature.slice(0, 8),
      });
    } catch (error) {
      throw new HookFailure(error);
    }
    return request;
  });
  client.interceptors.error.use((error, response) => new FailedExchange(error, response));
  return client;
}

/** Largest bump, in seconds, that a repeated body gets ahead of the clock. */
const MAX_REPEAT_BUMP_SECONDS = 60;
/** Bodies remembered at most; older ones are forgotten first. */
const MAX_RECENT_BODIES = 1_000;

/**
 * Remembers the TIMESTAMP each recent body was signed with. The same body signed twice in the
 * same second would carry the same signature, which a server rejects as a replay (errno 40106).
 * A repeat within the same second is therefore signed one second later, up to 60 s ahead.
 */
function createRecentBodies(): { nextTimestamp(body: string, clockSeconds: number): number } {
  const signedAt = new Map<string, number>();
  return {
    nextTimestamp(body, clockSeconds) {
      const previous = signedAt.get(body);
      const bumped = previous !== undefined && previous >= clockSeconds && previous + 1 - clockSeconds <= MAX_REPEAT_BUMP_SECONDS;
      const timestampSeconds = bumped ? previous + 1 : clockSeconds;
      signedAt.delete(body);
      signedAt.set(body, timestampSeconds);
      if (signedAt.size > MAX_RECENT_BODIES) {
        signedAt.delete(signedAt.keys().next().value as string);
      }
      return timestampSeconds;
    },
  };
}
