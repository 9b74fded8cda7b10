import { canonicalize } from '../../src/canonical/canonicalize.ts';
import { JSON_CONTENT_TYPE } from '../../src/wire.ts';
import { expectJsonErrno, expectRejected } from '../runner/expect.ts';
import type { Check } from '../runner/types.ts';

/** Far above any sensible limit for a reclaim body (the reference server allows 64 KiB). */
const OVERSIZED_BODY_BYTES = 1024 * 1024;

export const duplicateKeysRejected: Check = {
  id: 'duplicate-keys-rejected',
  level: 'SHOULD',
  title: 'a body with a duplicate key is rejected',
  async run(context) {
    const body = `{"serial":${JSON.stringify(context.unknownSerial())},"serial":${JSON.stringify(context.unknownSerial())}}`;
    const request = await context.signed(body);
    return expectRejected(await context.send(request), request, 'a correctly signed body with "serial" twice');
  },
};

export const malformedJsonAnswered: Check = {
  id: 'malformed-json-answered-with-errno',
  level: 'SHOULD',
  title: 'malformed JSON gets a JSON errno, not a 5xx or a dropped connection',
  async run(context) {
    const request = await context.signed(`{"serial":${JSON.stringify(context.unknownSerial())}`);
    return expectJsonErrno(context, request, 'a correctly signed body that is cut short');
  },
};

export const wrongContentTypeAnswered: Check = {
  id: 'wrong-content-type-answered-with-errno',
  level: 'SHOULD',
  title: 'a wrong content type gets a JSON errno, not a 5xx or a dropped connection',
  async run(context) {
    const request = await context.signed(canonicalize({ serial: context.unknownSerial() }), { headers: { 'Content-Type': 'text/plain' } });
    return expectJsonErrno(context, request, 'Content-Type text/plain');
  },
};

export const oversizedBodyAnswered: Check = {
  id: 'oversized-body-answered-with-errno',
  level: 'SHOULD',
  title: 'an oversized body (1 MiB) gets a JSON errno, not a 5xx or a dropped connection',
  async run(context) {
    const prefix = `{"padding":"`;
    const suffix = `","serial":${JSON.stringify(context.unknownSerial())}}`;
    const body = `${prefix}${'a'.repeat(OVERSIZED_BODY_BYTES - prefix.length - suffix.length)}${suffix}`;
    const request = await context.signed(body);
    const result = await expectJsonErrno(context, request, `a correctly signed ${body.length}-byte body`);
    // The curl command gets a shortened body, because 1 MiB of padding on a terminal is unreadable;
    // the summary gives the size that was sent.
    return result.request === undefined ? result : { ...result, request: { ...result.request, body: `${prefix}…(${body.length} bytes)…${suffix}` } };
  },
};

export const wrongMethodAnswered: Check = {
  id: 'wrong-method-answered-with-errno',
  level: 'SHOULD',
  title: 'GET and PUT get a JSON errno, not a 5xx or a dropped connection',
  async run(context) {
    const signed = await context.signed(canonicalize({ serial: context.unknownSerial() }));
    const summaries: string[] = [];
    for (const method of ['GET', 'PUT']) {
      const request = method === 'GET' ? { ...signed, method, body: '', headers: { ...signed.headers, 'Content-Type': JSON_CONTENT_TYPE } } : { ...signed, method };
      const result = await expectJsonErrno(context, request, method);
      if (result.status !== 'pass') {
        return result;
      }
      summaries.push(result.summary);
    }
    return { status: 'pass', summary: summaries.join('; ') };
  },
};
