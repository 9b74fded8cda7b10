import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  /** Header names in lower case; a repeated header keeps its last value. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawExchange {
  /** Final (non-1xx) responses, in order. */
  responses: RawResponse[];
  /** Bytes after the last complete response; non-empty means a cut or garbled answer. */
  trailing: Buffer;
  /** True when the server closed or reset the connection before `timeoutMs`. */
  closedByServer: boolean;
  /** Socket error code seen by the client, such as ECONNRESET. */
  errorCode?: string;
}

export interface RawSendOptions {
  /** Half-closes the client side after writing, so the server sees the end of the request. */
  end?: boolean;
  /** Methods of the requests in `data`, in order, so that answers to HEAD are read without a body. */
  methods?: readonly string[];
  /** Resolves as soon as this many final responses have arrived. */
  expectResponses?: number;
  timeoutMs?: number;
}

/**
 * Writes raw bytes to a new connection on 127.0.0.1 and collects what comes back until the
 * server closes, `expectResponses` answers arrived, or `timeoutMs` passed.
 */
export function exchangeRaw(port: number, data: string | Buffer, options: RawSendOptions = {}): Promise<RawExchange> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let errorCode: string | undefined;
    let done = false;
    const finish = (closedByServer: boolean): void => {
      if (done) {
        return;
      }
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parseResponses(Buffer.concat(chunks), options.methods), closedByServer, errorCode });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (options.expectResponses !== undefined && parseResponses(Buffer.concat(chunks), options.methods).responses.length >= options.expectResponses) {
        finish(false);
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      errorCode = error.code;
    });
    socket.on('close', () => finish(true));
    socket.write(data);
    if (options.end) {
      socket.end();
    }
  });
}

/** Opens a connection and resolves once it is established. */
export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * Splits a byte stream from an HTTP/1.1 server into responses. Every answer of the server under
 * test carries Content-Length, so chunked framing is not supported; 1xx interim answers are skipped.
 */
export function parseResponses(data: Buffer, methods: readonly string[] = []): { responses: RawResponse[]; trailing: Buffer } {
  const responses: RawResponse[] = [];
  let offset = 0;
  for (;;) {
    const headEnd = data.indexOf('\r\n\r\n', offset);
    if (headEnd === -1) {
      break;
    }
    const lines = data.subarray(offset, headEnd).toString('latin1').split('\r\n');
    const statusMatch = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(lines[0] ?? '');
    if (statusMatch === null) {
      break;
    }
    const status = Number(statusMatch[1]);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    if (status >= 100 && status < 200) {
      offset = headEnd + 4;
      continue;
    }
    // An answer written at the socket level to a request node:http could not parse carries its
    // JSON body even for HEAD, because the method may not be known there.
    const answersHead = methods[responses.length] === 'HEAD' && data[headEnd + 4] !== 0x7b;
    const bodyless = answersHead || status === 204 || status === 304;
    const length = bodyless ? 0 : Number(headers['content-length'] ?? Number.NaN);
    if (!Number.isInteger(length) || headEnd + 4 + length > data.length) {
      break;
    }
    responses.push({ status, headers, body: data.subarray(headEnd + 4, headEnd + 4 + length) });
    offset = headEnd + 4 + length;
  }
  return { responses, trailing: data.subarray(offset) };
}

/** Parses a response body as JSON, or returns undefined. */
export function jsonOf(response: RawResponse): unknown {
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch {
    return undefined;
  }
}
