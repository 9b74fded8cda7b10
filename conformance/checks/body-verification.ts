import { canonicalize } from '../../src/canonical/canonicalize.ts';
import { HEADER_SIGNATURE } from '../../src/wire.ts';
import { describeAnswer, errnoOf, passedAuthentication } from '../runner/expect.ts';
import type { Check, CheckContext, RawResponse } from '../runner/types.ts';

/**
 * MUST: a canonical body whose keys sort differently by UTF-16 code unit than by code point
 * (U+E000 against U+1F600) is verified like any other. A control body with ASCII extra keys
 * tells apart a target that rejects extra members, which is allowed, from one that sorts keys
 * by UTF-16 unit when it re-canonicalizes.
 */
export const codePointKeyOrderVerified: Check = {
  id: 'code-point-key-order-verified',
  level: 'MUST',
  title: 'a canonical body with keys that sort differently by UTF-16 unit is verified',
  async run(context) {
    const control = await sendSigned(context, canonicalize({ serial: context.unknownSerial(), x: 0, y: 0 }));
    if (!passedAuthentication(control.response)) {
      return { status: 'skip', summary: `not tested: a body with extra ASCII keys was answered ${describeAnswer(control.response)}, so the target rejects extra members` };
    }
    const probe = await sendSigned(context, canonicalize({ serial: context.unknownSerial(), '\uE000': 0, '\u{1F600}': 0 }));
    if (errnoOf(probe.response) !== errnoOf(control.response)) {
      return {
        status: 'fail',
        summary: `keys "\\ue000" and "\\ud83d\\ude00" (canonical order by code point): answered ${describeAnswer(probe.response)}, while the same body with ASCII keys got errno ${errnoOf(control.response)}`,
        request: probe.request,
      };
    }
    return { status: 'pass', summary: `answered errno ${errnoOf(probe.response)}, like the control body with ASCII keys` };
  },
};

/**
 * MUST: a target that accepts a self-consistent body with whitespace verifies raw bytes, so it
 * must also accept a self-consistent body with raw non-ASCII characters. Rejecting that one
 * means the body was decoded in the wrong charset before verifying. A target that rejects the
 * whitespace control requires or rebuilds canonical bodies, and this check skips it.
 */
export const nonAsciiBodyBytesVerified: Check = {
  id: 'non-ascii-body-bytes-verified',
  level: 'MUST',
  title: 'raw non-ASCII body bytes are verified like ASCII ones',
  async run(context) {
    const control = await sendSigned(context, `{ "serial": ${JSON.stringify(context.unknownSerial())} }`);
    if (!passedAuthentication(control.response)) {
      return { status: 'skip', summary: `not tested: a self-consistent body with whitespace was answered ${describeAnswer(control.response)}, so the target rejects or re-canonicalizes non-canonical bodies and this rule does not apply` };
    }
    const probe = await sendSigned(context, `{ "serial": ${JSON.stringify(`${context.unknownSerial()}-订单-é`)} }`);
    if (!passedAuthentication(probe.response)) {
      return {
        status: 'fail',
        summary: `a self-consistent body with raw UTF-8 "订单-é" was answered ${describeAnswer(probe.response)}, while the same body with ASCII only got errno ${errnoOf(control.response)}`,
        request: probe.request,
      };
    }
    return { status: 'pass', summary: `answered errno ${errnoOf(probe.response)}, like the ASCII control body` };
  },
};

/**
 * INFO: sends a body with whitespace (which every re-serializer removes) twice, signed over the
 * raw bytes and signed over its canonical form. Which one passes shows whether the target
 * verifies the bytes it received or re-canonicalizes the body first.
 */
export const bodyVerificationMode: Check = {
  id: 'body-verification-mode',
  level: 'INFO',
  title: 'verifies the raw body bytes or re-canonicalizes the body',
  async run(context) {
    const serial = context.unknownSerial();
    const spaced = `{ "serial": ${JSON.stringify(serial)} }`;
    const raw = await sendSigned(context, spaced);
    const canonicalSigned = await sendSigned(context, spaced, canonicalize({ serial }));
    const rawPassed = passedAuthentication(raw.response);
    const canonicalPassed = passedAuthentication(canonicalSigned.response);
    const errnos = { signedOverRawBytes: errnoOf(raw.response) ?? null, signedOverCanonicalForm: errnoOf(canonicalSigned.response) ?? null };
    if (rawPassed && !canonicalPassed) {
      return { status: 'info', summary: 'verifies the raw body bytes (a self-consistent body with whitespace passes)', finding: { verifies: 'raw-bytes', ...errnos } };
    }
    if (!rawPassed && canonicalPassed) {
      return { status: 'info', summary: 're-canonicalizes the body before verifying (a signature over the canonical form passes for a body with whitespace)', finding: { verifies: 're-canonicalized', ...errnos } };
    }
    const both = rawPassed ? 'both were let through' : 'both were rejected';
    return {
      status: 'info',
      summary: `undetermined: ${both} (errno ${errnos.signedOverRawBytes} signed over the raw bytes, errno ${errnos.signedOverCanonicalForm} signed over the canonical form); a target that rejects non-canonical bodies answers this way`,
      finding: { verifies: 'undetermined', ...errnos },
    };
  },
};

/** INFO: a body with non-ASCII characters written raw (the `utf8` profile), signed over its bytes. */
export const utf8ProfileAccepted: Check = {
  id: 'utf8-profile-accepted',
  level: 'INFO',
  title: 'accepts utf8-profile bodies (non-ASCII written raw)',
  async run(context) {
    const { response } = await sendSigned(context, canonicalize({ serial: `${context.unknownSerial()}-订单-é` }, { profile: 'utf8' }));
    return acceptance(response, 'a utf8-profile body signed over its raw UTF-8 bytes');
  },
};

/** INFO: the correct signature written in uppercase hex. */
export const uppercaseSignatureAccepted: Check = {
  id: 'uppercase-signature-accepted',
  level: 'INFO',
  title: 'accepts a signature in uppercase hex',
  async run(context) {
    const body = canonicalize({ serial: context.unknownSerial() });
    const correct = await context.signed(body);
    const request = await context.signed(body, { signature: correct.headers[HEADER_SIGNATURE]!.toUpperCase() });
    return acceptance(await context.send(request), 'the correct signature in uppercase hex');
  },
};

function acceptance(response: RawResponse, what: string): { status: 'info'; summary: string; finding: Record<string, unknown> } {
  const accepted = passedAuthentication(response);
  const errno = errnoOf(response) ?? null;
  return {
    status: 'info',
    summary: `${what}: ${accepted ? 'accepted' : 'rejected'}, ${describeAnswer(response)}`,
    finding: { accepted, errno },
  };
}

async function sendSigned(context: CheckContext, body: string, signedBody?: string) {
  const request = await context.signed(body, { signedBody });
  return { request, response: await context.send(request) };
}
