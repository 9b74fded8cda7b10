import { canonicalize } from '../../src/canonical/canonicalize.ts';
import { HEADER_API_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../../src/wire.ts';
import { expectRejected } from '../runner/expect.ts';
import type { Check, CheckContext, SignOverrides } from '../runner/types.ts';

/** Sends a request for an unknown serial, signed with `overrides`, and expects a rejection. */
function rejectionCheck(id: string, title: string, overrides: (context: CheckContext, body: string) => SignOverrides & { sentBody?: string }): Check {
  return {
    id,
    level: 'MUST',
    title,
    async run(context) {
      const body = canonicalize({ serial: context.unknownSerial() });
      const { sentBody, ...signOverrides } = overrides(context, body);
      const request = await context.signed(sentBody ?? body, { ...signOverrides, signedBody: signOverrides.signedBody ?? body });
      return expectRejected(await context.send(request), request, title);
    },
  };
}

const ZERO_SIGNATURE = '0'.repeat(64);

const signatureTailChanged: Check = {
  id: 'signature-tail-changed-rejected',
  level: 'MUST',
  title: 'a signature that differs only in its last hex digit is rejected',
  async run(context) {
    const body = canonicalize({ serial: context.unknownSerial() });
    const correct = await context.signed(body);
    const signature = correct.headers[HEADER_SIGNATURE]!;
    const lastDigit = signature.at(-1) === '0' ? '1' : '0';
    const request = await context.signed(body, { signature: `${signature.slice(0, -1)}${lastDigit}` });
    return expectRejected(await context.send(request), request, 'a signature with its last hex digit changed');
  },
};

/**
 * Sends two requests without TIMESTAMP: one signed over the current time, one signed over
 * `"&" + body`. Servers that fill in a missing timestamp with their clock or with "" would
 * accept one of them.
 */
const missingTimestamp: Check = {
  id: 'missing-timestamp-rejected',
  level: 'MUST',
  title: 'a request without TIMESTAMP is rejected',
  async run(context) {
    const summaries: string[] = [];
    for (const timestamp of [undefined, '']) {
      const request = await context.signed(canonicalize({ serial: context.unknownSerial() }), { timestamp, omitHeaders: [HEADER_TIMESTAMP] });
      const what = timestamp === '' ? 'no TIMESTAMP, signed over "&" + body' : 'no TIMESTAMP, signed over the current time';
      const result = expectRejected(await context.send(request), request, what);
      if (result.status !== 'pass') {
        return result;
      }
      summaries.push(result.summary);
    }
    return { status: 'pass', summary: summaries.join('; ') };
  },
};

export const authenticationChecks: Check[] = [
  rejectionCheck('bad-signature-rejected', 'a wrong signature is rejected', () => ({ signature: ZERO_SIGNATURE })),
  signatureTailChanged,
  rejectionCheck('wrong-key-rejected', 'an unknown API key is rejected', (context) => ({ apiKey: `${context.target.apiKey}X` })),
  rejectionCheck('wrong-secret-rejected', 'a signature made with another secret is rejected', (context) => ({ apiSecret: `${context.target.apiSecret}X` })),
  rejectionCheck('missing-api-key-rejected', 'a request without API-KEY is rejected', () => ({ omitHeaders: [HEADER_API_KEY] })),
  missingTimestamp,
  rejectionCheck('missing-signature-rejected', 'a request without SIGNATURE is rejected', () => ({ omitHeaders: [HEADER_SIGNATURE] })),
  rejectionCheck('signature-over-other-body-rejected', 'a signature over a different body is rejected', (context) => ({
    signedBody: canonicalize({ serial: context.unknownSerial() }),
  })),
  rejectionCheck('body-changed-after-signing-rejected', 'a body changed after signing is rejected', (_context, body) => ({
    signedBody: body,
    sentBody: body.replace('"serial":"', '"serial":"x'),
  })),
  rejectionCheck('signature-over-other-timestamp-rejected', 'a signature over a different timestamp is rejected', (context) => {
    // Sign over the previous second but send the current one in TIMESTAMP.
    const now = context.nowSeconds();
    return { timestamp: String(now - 1), headers: { [HEADER_TIMESTAMP]: String(now) } };
  }),
];
