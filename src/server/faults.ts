import type { ServerResponse } from 'node:http';
import { canonicalize } from '../canonical/canonicalize.ts';
import { Errno } from '../wire.ts';
import type { AnswerBody } from './answer.ts';
import { computeSignature, verifySignature } from './verify-signature.ts';

/**
 * Deliberate faults of the reference server. Each one breaks one rule of the contract, so the
 * conformance suite can prove that the check meant for that rule fails against it. They exist
 * for testing the suite only; a server started with a fault is not an implementation to copy.
 */
export const FAULT_NAMES = [
  'accept-any-signature',
  'compare-signature-prefix',
  'ignore-window',
  'ignore-future-timestamps',
  'no-replay-protection',
  'reserialize-with-json-stringify',
  'sort-keys-utf16',
  'decode-body-as-latin1',
  'ignore-api-key',
  'accept-missing-api-key',
  'accept-missing-timestamp',
  'accept-missing-signature',
  'accept-duplicate-keys',
  'unknown-serial-accepted',
  'known-serial-not-found',
  'not-found-without-errno',
  'errno-as-string',
  'crash-on-malformed-json',
  'html-on-wrong-method',
  'plain-text-on-wrong-content-type',
  'drop-connection-on-oversized-body',
] as const;

export type FaultName = (typeof FAULT_NAMES)[number];

/** One-line description of each fault, as the docs table shows it. */
export const FAULT_DESCRIPTIONS: Record<FaultName, string> = {
  'accept-any-signature': 'any well-formed SIGNATURE passes verification',
  'compare-signature-prefix': 'compares only the first 32 of the 64 hex characters of SIGNATURE',
  'ignore-window': 'accepts a TIMESTAMP of any age, past or future',
  'ignore-future-timestamps': 'rejects old timestamps but accepts any timestamp ahead of the clock',
  'no-replay-protection': 'accepts the same signed request again inside the window',
  'reserialize-with-json-stringify': 'verifies over JSON.stringify(JSON.parse(body)) instead of the raw bytes',
  'sort-keys-utf16': 'verifies over the body re-canonicalized with keys sorted by UTF-16 code unit',
  'decode-body-as-latin1': 'decodes the body as Latin-1 and verifies over its UTF-8 re-encoding',
  'ignore-api-key': 'accepts any API-KEY and verifies with the first configured secret',
  'accept-missing-api-key': 'without API-KEY, verifies with the first configured secret',
  'accept-missing-timestamp': 'without TIMESTAMP, skips the window and verifies over "&" + body',
  'accept-missing-signature': 'lets a request without SIGNATURE through unverified',
  'accept-duplicate-keys': 'parses the body with JSON.parse, so a duplicate key silently wins',
  'unknown-serial-accepted': 'answers errno 0 for every serial, known or not',
  'known-serial-not-found': 'answers errno 404 for every serial, known or not',
  'not-found-without-errno': 'answers an unknown serial with HTTP 404 and a body without errno',
  'errno-as-string': 'answers an unknown serial with errno "404" (a string)',
  'crash-on-malformed-json': 'answers malformed JSON with HTTP 500 and an HTML page',
  'html-on-wrong-method': 'answers a wrong method with HTTP 405 and an HTML page',
  'plain-text-on-wrong-content-type': 'answers a wrong content type with HTTP 415 and a plain-text body',
  'drop-connection-on-oversized-body': 'closes the connection without an answer when the body is too large',
};

export type FaultSet = ReadonlySet<FaultName>;

export const NO_FAULTS: FaultSet = new Set();

export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}

/** Validates fault names from options or the command line; the error lists the valid names. */
export function parseFaults(names: Iterable<string>): FaultSet {
  const faults = new Set<FaultName>();
  for (const name of names) {
    if (!isFaultName(name)) {
      throw new TypeError(`Unknown fault ${JSON.stringify(name)}: expected one of ${FAULT_NAMES.join(', ')}.`);
    }
    faults.add(name);
  }
  return faults;
}

/** Returns true when a timestamp outside the window is let through by a window fault. */
export function faultAcceptsOutsideWindow(faults: FaultSet, skewSeconds: number): boolean {
  return faults.has('ignore-window') || (faults.has('ignore-future-timestamps') && skewSeconds > 0);
}

/** Returns the API key that `accept-missing-api-key` substitutes for a missing header. */
export function faultApiKeyForMissingHeader(faults: FaultSet, credentials: ReadonlyMap<string, string>): string | undefined {
  return faults.has('accept-missing-api-key') ? credentials.keys().next().value : undefined;
}

/** Returns whether the order counts as existing once `unknown-serial-accepted` and `known-serial-not-found` apply. */
export function faultOrderExists(faults: FaultSet, exists: boolean): boolean {
  if (faults.has('known-serial-not-found')) {
    return false;
  }
  return exists || faults.has('unknown-serial-accepted');
}

/** Returns the secret that `ignore-api-key` uses for an unknown key, or undefined without that fault. */
export function faultSecretForUnknownKey(faults: FaultSet, credentials: ReadonlyMap<string, string>): string | undefined {
  return faults.has('ignore-api-key') ? credentials.values().next().value : undefined;
}

/** Verifies SIGNATURE the way the active signature fault does, or correctly when none is active. */
export function verifySignatureWithFaults(faults: FaultSet, secret: string, timestamp: string, rawBody: Buffer, signature: string): boolean {
  if (faults.has('accept-any-signature')) {
    return true;
  }
  if (faults.has('compare-signature-prefix')) {
    return computeSignature(secret, timestamp, rawBody).slice(0, 32) === signature.slice(0, 32);
  }
  const reserialize = faultyReserializer(faults);
  if (reserialize !== undefined) {
    let signedBody: Buffer;
    try {
      signedBody = reserialize(rawBody);
    } catch {
      return false;
    }
    return computeSignature(secret, timestamp, signedBody) === signature;
  }
  return verifySignature(secret, timestamp, rawBody, signature);
}

function faultyReserializer(faults: FaultSet): ((rawBody: Buffer) => Buffer) | undefined {
  if (faults.has('reserialize-with-json-stringify')) {
    return (rawBody) => Buffer.from(JSON.stringify(JSON.parse(rawBody.toString('utf8'))), 'utf8');
  }
  if (faults.has('sort-keys-utf16')) {
    return (rawBody) => Buffer.from(canonicalizeWithUtf16KeyOrder(JSON.parse(rawBody.toString('utf8'))), 'utf8');
  }
  if (faults.has('decode-body-as-latin1')) {
    return (rawBody) => Buffer.from(rawBody.toString('latin1'), 'utf8');
  }
  return undefined;
}

/** Writes the canonical form, except that keys are sorted by UTF-16 code unit as `Array#sort` does. */
function canonicalizeWithUtf16KeyOrder(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalizeWithUtf16KeyOrder).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${canonicalize(key)}:${canonicalizeWithUtf16KeyOrder(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return canonicalize(value);
}

/**
 * Sends the answer that an answer fault replaces the JSON answer with, or closes the connection.
 * Returns false when no active fault applies to `errno`, so the caller sends the normal answer.
 */
export function sendFaultyAnswer(faults: FaultSet, response: ServerResponse, errno: number, status: number, body: AnswerBody, headers: Record<string, string>): boolean {
  if (faults.size === 0) {
    return false;
  }
  if (errno === Errno.ORDER_NOT_FOUND && faults.has('not-found-without-errno')) {
    writeAnswer(response, 404, 'application/json; charset=utf-8', JSON.stringify({ message: body.message }), headers);
    return true;
  }
  if (errno === Errno.ORDER_NOT_FOUND && faults.has('errno-as-string')) {
    writeAnswer(response, status, 'application/json; charset=utf-8', JSON.stringify({ ...body, errno: String(errno) }), headers);
    return true;
  }
  if (errno === Errno.MALFORMED_JSON && faults.has('crash-on-malformed-json')) {
    writeAnswer(response, 500, 'text/html; charset=utf-8', '<html><body><h1>500 Internal Server Error</h1></body></html>', headers);
    return true;
  }
  if (errno === Errno.METHOD_NOT_ALLOWED && faults.has('html-on-wrong-method')) {
    writeAnswer(response, 405, 'text/html; charset=utf-8', '<html><body><h1>405 Method Not Allowed</h1></body></html>', headers);
    return true;
  }
  if (errno === Errno.UNSUPPORTED_CONTENT_TYPE && faults.has('plain-text-on-wrong-content-type')) {
    writeAnswer(response, 415, 'text/plain; charset=utf-8', 'Unsupported Media Type', headers);
    return true;
  }
  if (errno === Errno.BODY_TOO_LARGE && faults.has('drop-connection-on-oversized-body')) {
    response.socket?.destroy();
    return true;
  }
  return false;
}

function writeAnswer(response: ServerResponse, status: number, contentType: string, text: string, headers: Record<string, string>): void {
  response.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
