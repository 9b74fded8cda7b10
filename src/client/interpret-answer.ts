import * as v from 'valibot';
import { vReclaimOrderResponse } from '../../generated/valibot.gen.ts';
import type { ReclaimAccepted } from '../../generated/types.gen.ts';
import { createApiError } from '../errors/api-error.ts';
import { ResponseValidationError } from '../errors/validation-errors.ts';
import { HEADER_REQUEST_ID } from '../wire.ts';

/** A received body: raw text, or a value the generated client already parsed from JSON. */
export type ReceivedBody = { kind: 'text'; text: string } | { kind: 'json'; value: unknown };

/**
 * Turns an answer into the accepted result, or throws: `ApiError` (or a subclass) when `errno`
 * is not 0, whatever the HTTP status; `ResponseValidationError` when the body is empty, not
 * JSON, or does not match the contract's schemas (generated from the spec with valibot).
 */
export function interpretAnswer(received: ReceivedBody, response: Response, serial: string): ReclaimAccepted {
  const requestId = response.headers.get(HEADER_REQUEST_ID) ?? undefined;
  const rawText = received.kind === 'text' ? received.text : safeStringify(received.value);
  const fail = (problem: string, cause?: unknown): never => {
    throw new ResponseValidationError(problem, { status: response.status, body: rawText, requestId, cause });
  };

  let value: unknown;
  if (received.kind === 'json') {
    value = received.value;
  } else if (received.text.trim() === '') {
    fail('the body is empty, expected JSON with errno and message');
  } else {
    try {
      value = JSON.parse(received.text);
    } catch (error) {
      fail('the body is not JSON (truncated, or an HTML error page from a proxy?)', error);
    }
  }

  const parsed = v.safeParse(vReclaimOrderResponse, value);
  if (!parsed.success) {
    fail(`the body does not match the contract: ${describeIssues(value)}`, new v.ValiError(parsed.issues));
  }
  const answer = parsed.output as { errno: number; message: string; detail?: string };
  if (answer.errno === 0) {
    return answer as ReclaimAccepted;
  }
  throw createApiError(
    { errno: answer.errno, serverMessage: answer.message, status: response.status, requestId, detail: answer.detail },
    serial,
  );
}

/** Names the first contract violation in words a caller can act on. */
function describeIssues(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `expected a JSON object, received ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`;
  }
  const record = value as Record<string, unknown>;
  if (!('errno' in record)) {
    return 'errno is missing';
  }
  if (typeof record.errno !== 'number' || !Number.isInteger(record.errno)) {
    return `errno must be an integer, received ${typeof record.errno} ${JSON.stringify(record.errno)}`;
  }
  if (typeof record.message !== 'string') {
    return `message must be a string, received ${record.message === undefined ? 'nothing' : typeof record.message}`;
  }
  return 'detail must be a string when present';
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
