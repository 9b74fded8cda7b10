import { randomUUID } from 'node:crypto';
import { type IncomingMessage, STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Errno, HEADER_REQUEST_ID } from '../wire.ts';
import { type AnswerBody, sendJson } from './answer.ts';
import type { HandlerContext } from './handle-request.ts';
import { type HttpProblem, messageFor, negotiateLanguage } from './messages.ts';

/**
 * How long a connection answered at the socket level stays open after the answer, so that the
 * client can read it before the connection closes. Closing at once would reset the connection
 * when unread request bytes remain, and a reset can discard the answer at the client.
 */
const LINGER_MS = 2_000;

const HTTP_STATUS: Record<HttpProblem, number> = { malformed: 400, timeout: 408, 'headers-too-large': 431, 'missing-host': 400 };

/** Sockets already answered at the socket level; node:http can report several errors on one. */
const answeredSockets = new WeakSet<Duplex>();

/**
 * Answers a request that node:http could not parse or that was too slow (its `clientError`
 * event) with JSON errno 40000, then closes the connection.
 */
export function rejectClientError(context: HandlerContext, error: NodeJS.ErrnoException, socket: Duplex): void {
  const code = error.code ?? error.message;
  if (answeredSockets.has(socket)) {
    return;
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || !socket.writable) {
    context.logger.debug('connection closed by the client', { error: code });
    socket.destroy();
    return;
  }
  // A request in flight whose answer has started cannot take a second one without corrupting it.
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (inFlight?.headersSent) {
    context.logger.info('connection closed', { error: code, reason: 'HTTP error after the answer started' });
    socket.destroy();
    return;
  }

  const problem = problemFor(code);
  const status = statusFor(context, HTTP_STATUS[problem]);
  const requestId = randomUUID();
  const body = { errno: Errno.MALFORMED_REQUEST, message: messageFor(Errno.MALFORMED_REQUEST, 'zh-CN', { httpProblem: problem }) };
  answerOnSocket(socket, status, body, requestId, context.clock());
  context.logger.info('request', { status, errno: body.errno, reason: `${problem} HTTP request (${code})`, requestId });
}

/** Answers CONNECT, which node:http hands over as a bare socket, with errno 40501. */
export function rejectConnect(context: HandlerContext, request: IncomingMessage, socket: Duplex): void {
  const status = statusFor(context, 405);
  const requestId = randomUUID();
  const language = negotiateLanguage(request.headers['accept-language']);
  const body = { errno: Errno.METHOD_NOT_ALLOWED, message: messageFor(Errno.METHOD_NOT_ALLOWED, language) };
  answerOnSocket(socket, status, body, requestId, context.clock());
  context.logger.info('request', { method: request.method, path: request.url, status, errno: body.errno, reason: 'method CONNECT', requestId });
}

/** Answers an HTTP/1.1 request without a Host header with errno 40000, as RFC 9112 requires a 400. */
export function rejectMissingHost(context: HandlerContext, request: IncomingMessage, response: ServerResponse): void {
  const status = statusFor(context, HTTP_STATUS['missing-host']);
  const requestId = randomUUID();
  const language = negotiateLanguage(request.headers['accept-language']);
  const body = { errno: Errno.MALFORMED_REQUEST, message: messageFor(Errno.MALFORMED_REQUEST, language, { httpProblem: 'missing-host' }) };
  request.resume();
  sendJson(response, status, body, { [HEADER_REQUEST_ID]: requestId, Connection: 'close' });
  context.logger.info('request', { method: request.method, path: request.url, status, errno: body.errno, reason: 'missing Host header', requestId });
}

function problemFor(code: string): HttpProblem {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 'timeout';
    case 'HPE_HEADER_OVERFLOW':
      return 'headers-too-large';
    default:
      return 'malformed';
  }
}

function statusFor(context: HandlerContext, status: number): number {
  return context.errorStatus === 'always-200' ? 200 : status;
}

/**
 * Writes a complete HTTP/1.1 JSON answer straight to the socket, half-closes it, and destroys
 * it once the client has closed its side or after `LINGER_MS`. A response that node:http still
 * holds for this socket is buffered and dropped once the socket is ended, so it cannot write a
 * second answer.
 */
function answerOnSocket(socket: Duplex, status: number, body: AnswerBody, requestId: string, nowMs: number): void {
  answeredSockets.add(socket);
  const text = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    `${HEADER_REQUEST_ID}: ${requestId}`,
    `Date: ${new Date(nowMs).toUTCString()}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(text)}`,
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${text}`);
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}
