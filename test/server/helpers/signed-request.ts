import { createHmac } from 'node:crypto';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../../src/demo-credentials.ts';
import { RECLAIM_PATH } from '../../../src/wire.ts';

export interface SignedRequestOptions {
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  path?: string;
  method?: string;
  /** Extra header lines, added after the standard ones. */
  extraHeaders?: readonly string[];
  /** Sent instead of the Content-Length of the body. */
  contentLength?: number | null;
}

/** Lowercase hex HMAC-SHA256 of `TIMESTAMP&BODY` with the demo secret. */
export function signDemo(timestamp: string, body: Buffer): string {
  return createHmac('sha256', DEMO_API_SECRET).update(`${timestamp}&`).update(body).digest('hex');
}

/** Builds the bytes of a reclaim request signed with the demo credentials. */
export function signedRequestBytes(body: string | Buffer, options: SignedRequestOptions = {}): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const lines = [
    `${options.method ?? 'POST'} ${options.path ?? RECLAIM_PATH} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Content-Type: application/json',
    `API-KEY: ${DEMO_API_KEY}`,
    `TIMESTAMP: ${timestamp}`,
    `SIGNATURE: ${signDemo(timestamp, bytes)}`,
  ];
  if (options.contentLength !== null) {
    lines.push(`Content-Length: ${options.contentLength ?? bytes.length}`);
  }
  lines.push(...(options.extraHeaders ?? []));
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), bytes]);
}

/** Encodes `body` with chunked transfer coding in pieces of `chunkSize` bytes. */
export function chunked(body: Buffer, chunkSize: number): Buffer {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += chunkSize) {
    const piece = body.subarray(offset, offset + chunkSize);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}
