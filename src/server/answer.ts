import type { ServerResponse } from 'node:http';
import { Errno } from '../wire.ts';

/** HTTP status the reference server uses for each errno when it responds with HTTP statuses. */
export function httpStatusFor(errno: number): number {
  if (errno === Errno.OK) {
    return 200;
  }
  if (errno === Errno.ORDER_NOT_FOUND) {
    return 404;
  }
  const status = Math.floor(errno / 100);
  return status >= 400 && status <= 599 ? status : 500;
}

export interface AnswerBody {
  errno: number;
  message: string;
  detail?: string;
}

/** Sends a JSON response with `headers` plus the content headers, which it adds to `headers`. */
export function sendJson(response: ServerResponse, status: number, body: AnswerBody, headers: Record<string, string | number> = {}): void {
  const text = JSON.stringify(body);
  headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = Buffer.byteLength(text);
  response.writeHead(status, headers);
  response.end(text);
}
