import { Errno } from '../../src/wire.ts';
import { type CheckContext, type CheckResult, type RawRequest, type RawResponse, TargetError } from './types.ts';

/** Reads `errno` from a response, or undefined when the body is not a JSON object with an integer errno. */
export function errnoOf(response: RawResponse): number | undefined {
  const errno = (response.json as { errno?: unknown } | undefined)?.errno;
  return typeof errno === 'number' && Number.isInteger(errno) ? errno : undefined;
}

/** Describes a response in one line for a check's summary. */
export function describeAnswer(response: RawResponse): string {
  const body = response.text.length > 120 ? `${response.text.slice(0, 120)}…` : response.text;
  return `HTTP ${response.status} ${JSON.stringify(body)}`;
}

/**
 * Returns true when the response shows that the request got through authentication: errno 0, or
 * errno 404 for the unknown serials the suite sends (the order lookup runs after authentication).
 */
export function passedAuthentication(response: RawResponse): boolean {
  const errno = errnoOf(response);
  return errno === Errno.OK || errno === Errno.ORDER_NOT_FOUND;
}

/**
 * Passes when the answer is JSON with a non-zero integer errno other than 404, whatever the HTTP
 * status. errno 404 fails: the suite sends serials that cannot exist, so "not found" means the
 * request was let through authentication to the order lookup.
 */
export function expectRejected(response: RawResponse, request: RawRequest, what: string): CheckResult {
  const errno = errnoOf(response);
  if (errno === undefined) {
    return { status: 'fail', summary: `${what}: expected a JSON rejection with a non-zero errno, received ${describeAnswer(response)}`, request };
  }
  if (errno === Errno.OK) {
    return { status: 'fail', summary: `${what}: the request was accepted (errno 0), expected a rejection`, request };
  }
  if (errno === Errno.ORDER_NOT_FOUND) {
    return { status: 'fail', summary: `${what}: answered "order not found" (errno 404), so the request passed authentication; expected a rejection`, request };
  }
  return { status: 'pass', summary: `${what}: rejected with errno ${errno} (HTTP ${response.status})` };
}

/**
 * Sends `request` and passes when the answer is JSON with a non-zero integer errno and an HTTP
 * status below 500. A dropped connection or a timeout fails the check instead of erroring it.
 */
export async function expectJsonErrno(context: CheckContext, request: RawRequest, what: string): Promise<CheckResult> {
  let response: RawResponse;
  try {
    response = await context.send(request);
  } catch (error) {
    if (error instanceof TargetError) {
      return { status: 'fail', summary: `${what}: no answer, expected a JSON errno: ${error.message}`, request };
    }
    throw error;
  }
  const errno = errnoOf(response);
  if (response.status >= 500) {
    return { status: 'fail', summary: `${what}: expected a JSON errno with a 4xx or 200 status, received ${describeAnswer(response)}`, request };
  }
  if (errno === undefined || errno === Errno.OK) {
    return { status: 'fail', summary: `${what}: expected JSON with a non-zero integer errno, received ${describeAnswer(response)}`, request };
  }
  return { status: 'pass', summary: `${what}: errno ${errno} (HTTP ${response.status})` };
}

/** Passes when the answer carries exactly `expected` as errno. */
export function expectErrno(response: RawResponse, request: RawRequest, expected: number, what: string): CheckResult {
  const errno = errnoOf(response);
  if (errno === expected) {
    return { status: 'pass', summary: `${what}: errno ${errno} (HTTP ${response.status})` };
  }
  return { status: 'fail', summary: `${what}: expected errno ${expected}, received ${describeAnswer(response)}`, request };
}
