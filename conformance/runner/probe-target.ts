import { canonicalize } from '../../src/canonical/canonicalize.ts';
import type { CheckContext, RawResponse } from './types.ts';
import { TargetError } from './types.ts';
import { isAuthenticationErrno } from '../../src/wire.ts';

const SHOWN_CHARACTERS = 80;

/**
 * Sends one correctly signed request for an unknown serial before any check runs. Returns why
 * the run cannot go on (target down, silent, answering with something that is not JSON, such
 * as an HTML page or a redirect, or rejecting the credentials), or undefined when the target
 * answers like a JSON API that accepts the credentials.
 */
export async function probeTarget(context: CheckContext): Promise<string | undefined> {
  const request = await context.signed(canonicalize({ serial: context.unknownSerial() }));
  let response: RawResponse;
  try {
    response = await context.send(request);
  } catch (error) {
    if (error instanceof TargetError) {
      return error.message;
    }
    throw error;
  }
  if (typeof response.json !== 'object' || response.json === null || Array.isArray(response.json)) {
    return describeNotThisApi(context.target.baseUrl, response);
  }
  const { errno, message } = response.json as { errno?: unknown; message?: unknown };
  if (typeof errno === 'number' && isAuthenticationErrno(errno)) {
    // Every later check would fail or skip for the same reason, and mislead.
    return (
      `${context.target.baseUrl} rejected a correctly signed request with errno ${errno} (${JSON.stringify(message)}, HTTP ${response.status}). ` +
      'Check --api-key and --api-secret (or the target clock when errno is 40105); every check depends on them.'
    );
  }
  return undefined;
}

function describeNotThisApi(baseUrl: string, response: RawResponse): string {
  const contentType = response.headers.get('content-type') ?? 'no content type';
  const location = response.headers.get('location');
  const redirect = location === null ? '' : ` redirecting to ${location}`;
  const text = response.text.replace(/\s+/g, ' ').trim();
  const shown = text.length > SHOWN_CHARACTERS ? `${text.slice(0, SHOWN_CHARACTERS)}…` : text;
  return (
    `${baseUrl} does not look like the Order Reclaim API: a signed reclaim request was answered with HTTP ${response.status}` +
    `${redirect} (${contentType}) ${JSON.stringify(shown)}, not a JSON object. Check --base-url: it is the origin in front of /api/v1/frontend/order/reclaim.`
  );
}
