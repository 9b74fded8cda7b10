import { createHmac } from 'node:crypto';
import type { AutocannonRequest } from 'autocannon';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../src/demo-credentials.ts';
import { DEMO_SERIALS } from '../src/server/order-store.ts';
import { Errno, RECLAIM_PATH } from '../src/wire.ts';

/** Kinds of requests in a load mix and the errno the reference server must answer each with. */
export const EXPECTED_ERRNO = {
  accepted: Errno.OK,
  'unknown-serial': Errno.ORDER_NOT_FOUND,
  'bad-signature': Errno.SIGNATURE_MISMATCH,
  'stale-timestamp': Errno.TIMESTAMP_OUT_OF_WINDOW,
  'malformed-json': Errno.MALFORMED_JSON,
  'duplicate-keys': Errno.DUPLICATE_KEYS,
  'invalid-utf8': Errno.INVALID_UTF8,
  'missing-header': Errno.MISSING_AUTH_HEADER,
  'unknown-path': Errno.UNKNOWN_PATH,
  replay: Errno.REPLAYED_REQUEST,
} as const;

export type RequestKind = keyof typeof EXPECTED_ERRNO;

/** Kinds that a correct client sends; an unexpected answer to one of them is an error of the run. */
export const VALID_KINDS: ReadonlySet<RequestKind> = new Set(['accepted', 'unknown-serial']);

export interface MixCounts {
  sent: Record<string, number>;
  /** Answers whose errno (or JSON) differs from the one expected for their kind. */
  unexpected: Record<string, number>;
  /** Up to five unexpected answers, for the report. */
  examples: string[];
}

interface SignedRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

const ACCEPTED_SERIAL = DEMO_SERIALS[2]!;

/**
 * Builds an autocannon request list that cycles through `schedule`. Every valid request carries a
 * body no other request has (a counter in the serial, or a `nonce` member next to a known
 * serial), so its signature is new and the replay cache never rejects it. Replays resend the
 * last valid request that was answered, which is still inside the window.
 */
export function createRequestMix(schedule: readonly RequestKind[]): { requests: AutocannonRequest[]; counts: MixCounts } {
  const counts: MixCounts = { sent: {}, unexpected: {}, examples: [] };
  let counter = 0;
  let lastAnswered: SignedRequest | undefined;
  const prefix = `load-${process.pid}-${Date.now().toString(36)}`;

  const build = (kind: RequestKind): SignedRequest => {
    const id = counter++;
    switch (kind) {
      case 'accepted':
        return sign(`{"nonce":${id},"serial":"${ACCEPTED_SERIAL}"}`);
      case 'unknown-serial':
        return sign(`{"serial":"${prefix}-${id}"}`);
      case 'bad-signature':
        return { ...sign(`{"serial":"${prefix}-${id}"}`), body: Buffer.from(`{"serial":"${prefix}-${id}x"}`) };
      case 'stale-timestamp':
        return sign(`{"serial":"${prefix}-${id}"}`, -3_600);
      case 'malformed-json':
        return sign(`{"serial":"${prefix}-${id}"`);
      case 'duplicate-keys':
        return sign(`{"serial":"${prefix}-${id}","serial":"x"}`);
      case 'invalid-utf8':
        return sign(Buffer.concat([Buffer.from(`{"serial":"${prefix}-${id}`), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
      case 'missing-header': {
        const request = sign(`{"serial":"${prefix}-${id}"}`);
        delete request.headers.SIGNATURE;
        return request;
      }
      case 'unknown-path':
        return { ...sign(`{"serial":"${prefix}-${id}"}`), path: `${RECLAIM_PATH}x` };
      case 'replay':
        return lastAnswered ?? sign(`{"serial":"${prefix}-${id}"}`);
    }
  };

  let position = 0;
  const request: AutocannonRequest = {
    method: 'POST',
    setupRequest: (base, context) => {
      let kind = schedule[position++ % schedule.length]!;
      if (kind === 'replay' && lastAnswered === undefined) {
        kind = 'unknown-serial';
      }
      const signed = build(kind);
      context.kind = kind;
      context.signed = signed;
      counts.sent[kind] = (counts.sent[kind] ?? 0) + 1;
      return { ...base, path: signed.path, headers: signed.headers, body: signed.body };
    },
    onResponse: (status, body, context) => {
      const kind = context.kind as RequestKind;
      const errno = readErrno(body);
      if (errno !== EXPECTED_ERRNO[kind]) {
        counts.unexpected[kind] = (counts.unexpected[kind] ?? 0) + 1;
        if (counts.examples.length < 5) {
          counts.examples.push(`${kind}: expected errno ${EXPECTED_ERRNO[kind]}, received HTTP ${status} ${body.slice(0, 200)}`);
        }
      } else if (VALID_KINDS.has(kind)) {
        lastAnswered = context.signed as SignedRequest;
      }
    },
  };
  return { requests: [request], counts };
}

function sign(body: string | Buffer, offsetSeconds = 0): SignedRequest {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const timestamp = String(Math.floor(Date.now() / 1000) + offsetSeconds);
  const signature = createHmac('sha256', DEMO_API_SECRET).update(`${timestamp}&`).update(bytes).digest('hex');
  return {
    path: RECLAIM_PATH,
    headers: { 'API-KEY': DEMO_API_KEY, TIMESTAMP: timestamp, SIGNATURE: signature, 'Content-Type': 'application/json' },
    body: bytes,
  };
}

function readErrno(body: string): number | undefined {
  try {
    const errno = (JSON.parse(body) as { errno?: unknown } | null)?.errno;
    return Number.isInteger(errno) ? (errno as number) : undefined;
  } catch {
    return undefined;
  }
}
