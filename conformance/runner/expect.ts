import type { CheckResult, RawRequest, RawResponse } from './types.ts';

/** Reads `errno` from an answer, or undefined when the body is not a JSON object with an integer errno. */
export function errnoOf(response: RawResponse): number | undefined {
  const errno = (response.json as { errno?: unknown } | undefined)?.errno;
  return typeof errno === 'number' && Number.isInteger(errno) ? errno : undefined;
}

/** Describes an answer in one line for a check's summary. */
export function describeAnswer(response: RawResponse): string {
  const body = response.text.length > 120 ? `${response.text.slice(0, 120)}…` : response.text;
  return `HTTP ${response.status} ${JSON.stringify(body)}`;
}

/** Passes when the answer is JSON with a non-zero integer errno, whatever the HTTP status. */
export function expectRejected(response: RawResponse, request: RawRequest, what: string): CheckResult {
  const errno = errnoOf(response);
  if (errno === undefined) {
    return { status: 'fail', summary: `${what}: expected a JSON rejection with a non-zero errno, received ${describeAnswer(response)}`, request };
  }
  if (errno === 0) {
    return { status: 'fail', summary: `${what}: the request was accepted (errno 0), expected a rejection`, request };
  }
  return { status: 'pass', summary: `${what}: rejected with errno ${errno} (HTTP ${response.status})` };
}

/** Passes when the answer carries exactly `expected` as errno. */
export function expectErrno(response: RawResponse, request: RawRequest, expected: number, what: string): CheckResult {
  const errno = errnoOf(response);
  if (errno === expected) {
    return { status: 'pass', summary: `${what}: errno ${errno} (HTTP ${response.status})` };
  }
  return { status: 'fail', summary: `${what}: expected errno ${expected}, received ${describeAnswer(response)}`, request };
}
