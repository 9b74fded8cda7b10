import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { canonicalize } from '../canonical/canonicalize.ts';
import type { Clock } from '../signing/clock.ts';
import {
  Errno,
  HEADER_API_KEY,
  HEADER_REQUEST_ID,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  RECLAIM_PATH,
  SIGNATURE_PATTERN,
  TIMESTAMP_PATTERN,
} from '../wire.ts';
import { httpStatusFor, sendJson } from './answer.ts';
import { describeError, type Logger } from './logger.ts';
import { type MessageParams, messageFor, negotiateLanguage } from './messages.ts';
import type { OrderStore } from './order-store.ts';
import {
  faultAcceptsOutsideWindow,
  faultApiKeyForMissingHeader,
  faultOrderExists,
  type FaultSet,
  faultSecretForUnknownKey,
  NO_FAULTS,
  sendFaultyAnswer,
  verifySignatureWithFaults,
} from './faults.ts';
import { DuplicateKeyError, parseJsonStrict } from './parse-json-strict.ts';
import { type BodyResult, readBody } from './read-body.ts';
import type { ReplayCache } from './replay-cache.ts';

const FALLBACK_HTTP_DATE = (nowMs: number): string => new Date(nowMs).toUTCString();

export interface HandlerContext {
  /** API key → secret. */
  credentials: ReadonlyMap<string, string>;
  orders: OrderStore;
  replayCache: ReplayCache;
  windowSeconds: number;
  clock: Clock;
  /** Formats the Date header; defaults to formatting on every request. */
  httpDate?: (nowMs: number) => string;
  strict: boolean;
  explain: boolean;
  errorStatus: 'http' | 'always-200';
  maxBodyBytes: number;
  cors: boolean;
  logger: Logger;
  /** Explains a signature mismatch to the holder of the secret (log, and responses in explain mode). */
  diagnose?: (input: DiagnosisInput) => string | undefined;
  /** Deliberate faults, for proving the conformance checks; empty or absent in normal use. */
  faults?: FaultSet;
}

export interface DiagnosisInput {
  secret: string;
  timestamp: string;
  signature: string;
  rawBody: Uint8Array;
  nowSeconds: number;
}

/** The result of evaluating one request: an errno, the reason logged, and message parameters. */
interface Outcome {
  errno: number;
  reason: string;
  params?: MessageParams;
  detail?: string;
  headers?: Record<string, string>;
}

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': `${HEADER_API_KEY}, ${HEADER_TIMESTAMP}, ${HEADER_SIGNATURE}, Content-Type, Accept-Language`,
  'Access-Control-Expose-Headers': `${HEADER_REQUEST_ID}, Date`,
  'Access-Control-Max-Age': '600',
};

/** Handles one HTTP request: evaluates it, responds with JSON and logs one line. */
export function handleRequest(context: HandlerContext, request: IncomingMessage, response: ServerResponse): void {
  const started = performance.now();
  const requestId = randomUUID();
  const language = negotiateLanguage(request.headers['accept-language']);
  const baseHeaders: Record<string, string> = context.cors ? { ...CORS_HEADERS } : {};
  baseHeaders[HEADER_REQUEST_ID] = requestId;
  baseHeaders.Date = (context.httpDate ?? FALLBACK_HTTP_DATE)(context.clock());

  if (context.cors && request.method === 'OPTIONS') {
    response.writeHead(204, baseHeaders);
    response.end();
    return;
  }

  const internalError = (error: unknown): Outcome => {
    context.logger.error('request failed', { requestId, error: describeError(error) });
    return { errno: Errno.INTERNAL_ERROR, reason: 'internal error' };
  };
  const respond = (outcome: Outcome): void => {
    const status = context.errorStatus === 'always-200' ? 200 : httpStatusFor(outcome.errno);
    const body: { errno: number; message: string; detail?: string } = { errno: outcome.errno, message: messageFor(outcome.errno, language, outcome.params) };
    if (context.explain && outcome.detail !== undefined) {
      body.detail = outcome.detail;
    }
    if (!response.headersSent && !response.destroyed) {
      const headers = outcome.headers === undefined ? baseHeaders : Object.assign(baseHeaders, outcome.headers);
      if (!sendFaultyAnswer(context.faults ?? NO_FAULTS, response, outcome.errno, status, body, headers)) {
        sendJson(response, status, body, headers);
      }
    }

    context.logger.info('request', {
      method: request.method,
      path: request.url,
      status,
      errno: outcome.errno,
      reason: outcome.reason,
      detail: outcome.detail,
      ms: (performance.now() - started).toFixed(1),
      requestId,
    });
  };

  let early: Outcome | undefined;
  try {
    early = checkRequestLine(context, request);
  } catch (error) {
    early = internalError(error);
  }
  if (early !== undefined) {
    // Respond after the parser has read the rest of this chunk, so a malformed body in the same
    // packet gets the malformed-HTTP response (errno 40000) rather than this check's.
    queueMicrotask(() => respond(early));
    return;
  }
  readBody(request, context.maxBodyBytes, (body) => {
    let outcome: Outcome;
    try {
      outcome = evaluateReceived(context, request, body);
    } catch (error) {
      outcome = internalError(error);
    }
    respond(outcome);
  });
}

/** Checks path, method and content type; undefined means the body should be read. */
function checkRequestLine(context: HandlerContext, request: IncomingMessage): Outcome | undefined {
  const path = (request.url ?? '/').split('?', 1)[0];
  if (path !== RECLAIM_PATH) {
    return { errno: Errno.UNKNOWN_PATH, reason: `unknown path ${path}` };
  }
  if (request.method !== 'POST') {
    return { errno: Errno.METHOD_NOT_ALLOWED, reason: `method ${request.method}`, headers: { Allow: context.cors ? 'POST, OPTIONS' : 'POST' } };
  }
  const mediaType = (request.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return { errno: Errno.UNSUPPORTED_CONTENT_TYPE, reason: `content type ${JSON.stringify(request.headers['content-type'] ?? '')}` };
  }
  return undefined;
}

function evaluateReceived(context: HandlerContext, request: IncomingMessage, body: BodyResult): Outcome {
  if (!body.ok) {
    return body.reason === 'too-large'
      ? { errno: Errno.BODY_TOO_LARGE, reason: `body over ${context.maxBodyBytes} bytes`, params: { maxBodyBytes: context.maxBodyBytes }, headers: { Connection: 'close' } }
      : { errno: Errno.MALFORMED_JSON, reason: 'body aborted' };
  }
  return authenticate(context, request, body.bytes) ?? evaluateBody(context, body.bytes);
}

/** Checks the three auth headers, the window, the signature and replays; undefined means authenticated. */
function authenticate(context: HandlerContext, request: IncomingMessage, rawBody: Buffer): Outcome | undefined {
  const faults = context.faults ?? NO_FAULTS;
  const apiKey = singleHeader(request, HEADER_API_KEY) ?? faultApiKeyForMissingHeader(faults, context.credentials);
  const timestamp = singleHeader(request, HEADER_TIMESTAMP);
  const signature = singleHeader(request, HEADER_SIGNATURE);
  if (signature === undefined && faults.has('accept-missing-signature')) {
    return undefined;
  }
  if (timestamp === undefined && faults.has('accept-missing-timestamp')) {
    return authenticateWithoutTimestamp(context, apiKey, signature, rawBody);
  }
  for (const [name, value] of [[HEADER_API_KEY, apiKey], [HEADER_TIMESTAMP, timestamp], [HEADER_SIGNATURE, signature]] as const) {
    if (value === undefined || value === '') {
      return { errno: Errno.MISSING_AUTH_HEADER, reason: `missing ${name}`, params: { header: name } };
    }
  }
  if (!TIMESTAMP_PATTERN.test(timestamp!)) {
    return { errno: Errno.MALFORMED_AUTH_HEADER, reason: `malformed TIMESTAMP ${JSON.stringify(timestamp!.slice(0, 32))}`, params: { header: HEADER_TIMESTAMP } };
  }
  if (!SIGNATURE_PATTERN.test(signature!)) {
    return { errno: Errno.MALFORMED_AUTH_HEADER, reason: describeMalformedSignature(signature!), params: { header: HEADER_SIGNATURE } };
  }

  const secret = context.credentials.get(apiKey!) ?? faultSecretForUnknownKey(faults, context.credentials);
  if (secret === undefined) {
    return { errno: Errno.UNKNOWN_API_KEY, reason: `unknown API key ${shorten(apiKey!)}` };
  }

  const nowSeconds = Math.floor(context.clock() / 1000);
  const skewSeconds = Number(timestamp) - nowSeconds;
  if (Math.abs(skewSeconds) > context.windowSeconds && !faultAcceptsOutsideWindow(faults, skewSeconds)) {
    const hint = timestamp!.length >= 13 ? ' (looks like milliseconds)' : '';
    return {
      errno: Errno.TIMESTAMP_OUT_OF_WINDOW,
      reason: `timestamp ${skewSeconds > 0 ? 'ahead' : 'behind'} by ${Math.abs(skewSeconds)} s${hint}`,
      params: { windowSeconds: context.windowSeconds },
    };
  }

  if (!verifySignatureWithFaults(faults, secret, timestamp!, rawBody, signature!)) {
    const diagnosis = context.diagnose?.({ secret, timestamp: timestamp!, signature: signature!, rawBody, nowSeconds });
    return {
      errno: Errno.SIGNATURE_MISMATCH,
      reason: `signature ${shorten(signature!)} does not match`,
      detail: diagnosis ?? 'SIGNATURE is not HMAC-SHA256(secret, TIMESTAMP + "&" + raw body) in lowercase hex',
    };
  }
  if (!faults.has('no-replay-protection') && !context.replayCache.checkAndRecord(signature!, Number(timestamp) + context.windowSeconds, nowSeconds)) {
    return { errno: Errno.REPLAYED_REQUEST, reason: `replay of signature ${shorten(signature!)}` };
  }
  return undefined;
}

/** Authenticates under the `accept-missing-timestamp` fault: no window check, and the signature covers "&" + body. */
function authenticateWithoutTimestamp(context: HandlerContext, apiKey: string | undefined, signature: string | undefined, rawBody: Buffer): Outcome | undefined {
  const secret = apiKey === undefined ? undefined : context.credentials.get(apiKey);
  if (secret === undefined || signature === undefined || !SIGNATURE_PATTERN.test(signature) || !verifySignatureWithFaults(NO_FAULTS, secret, '', rawBody, signature)) {
    return { errno: Errno.SIGNATURE_MISMATCH, reason: 'fault accept-missing-timestamp: signature over "&" + body does not match' };
  }
  return undefined;
}

function evaluateBody(context: HandlerContext, rawBody: Buffer): Outcome {
  let text: string;
  try {
    text = UTF8.decode(rawBody);
  } catch {
    return { errno: Errno.INVALID_UTF8, reason: 'body is not valid UTF-8' };
  }

  let value: unknown;
  try {
    value = context.faults?.has('accept-duplicate-keys') === true ? JSON.parse(text) : parseJsonStrict(text);
  } catch (error) {
    return error instanceof DuplicateKeyError
      ? { errno: Errno.DUPLICATE_KEYS, reason: error.message, detail: error.message }
      : { errno: Errno.MALFORMED_JSON, reason: (error as Error).message, detail: (error as Error).message };
  }

  if (context.strict) {
    const canonical = canonicalOrUndefined(value);
    if (canonical !== text) {
      const detail = canonical === undefined ? 'body has no canonical form' : `canonical form is ${truncate(canonical, 200)}`;
      return { errno: Errno.NON_CANONICAL_BODY, reason: 'body is not canonical', detail };
    }
  }

  const serial = (value as { serial?: unknown } | null)?.serial;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof serial !== 'string' || serial === '') {
    return { errno: Errno.INVALID_BODY, reason: 'body is not {"serial": non-empty string}' };
  }
  if (!faultOrderExists(context.faults ?? NO_FAULTS, context.orders.has(serial))) {
    return { errno: Errno.ORDER_NOT_FOUND, reason: `unknown serial ${JSON.stringify(truncate(serial, 64))}` };
  }
  return { errno: Errno.OK, reason: `accepted serial ${JSON.stringify(truncate(serial, 64))}` };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function canonicalOrUndefined(value: unknown): string | undefined {
  try {
    return canonicalize(value);
  } catch {
    return undefined;
  }
}

/** Returns the header value, or undefined when it is absent or sent more than once. */
function singleHeader(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

function describeMalformedSignature(signature: string): string {
  if (/^[0-9A-Fa-f]{64}$/.test(signature)) {
    return 'SIGNATURE has uppercase hex digits';
  }
  if (/[\r\n\s]/.test(signature)) {
    return 'SIGNATURE contains whitespace or a line break';
  }
  return `SIGNATURE has ${signature.length} characters, expected 64 lowercase hex`;
}

/** Shortens an identifier for logs so that no whole signature or key is ever written. */
export function shorten(value: string): string {
  return value.length <= 8 ? value : `${value.slice(0, 8)}…`;
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max)}…`;
}

/**
 * Creates a Date header formatter that reuses its text within one second, as node:http does for
 * its own Date header. Each server keeps one in its context.
 */
export function createHttpDateFormatter(): (nowMs: number) => string {
  let cachedSecond = Number.NaN;
  let cachedText = '';
  return (nowMs) => {
    const second = Math.floor(nowMs / 1000);
    if (second !== cachedSecond) {
      cachedSecond = second;
      cachedText = new Date(second * 1000).toUTCString();
    }
    return cachedText;
  };
}
