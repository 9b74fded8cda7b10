import {
  HEADER_API_KEY,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  JSON_CONTENT_TYPE,
  MESSAGE_SEPARATOR,
  TIMESTAMP_PATTERN,
} from '../wire.ts';
import type { HmacSha256 } from './hmac-sha256.ts';

/** Everything that goes on the wire for one signed request, plus the message that was signed. */
export interface SignedBody {
  body: string;
  timestamp: string;
  message: string;
  signature: string;
  headers: SignatureHeaders;
}

export interface SignatureHeaders {
  'API-KEY': string;
  TIMESTAMP: string;
  SIGNATURE: string;
  'Content-Type': string;
}

/** Builds the signed message: TIMESTAMP, `&`, then the body exactly as sent. */
export function buildMessage(timestamp: string, body: string): string {
  return `${timestamp}${MESSAGE_SEPARATOR}${body}`;
}

/** Signs `body` as given (already serialized) and returns the request headers. */
export async function signBody(
  hmac: HmacSha256,
  apiKey: string,
  input: { body: string; timestamp: string },
): Promise<SignedBody> {
  if (!TIMESTAMP_PATTERN.test(input.timestamp)) {
    throw new RangeError(
      `Invalid \`timestamp\`: expected Unix time in whole seconds (digits only), received ${JSON.stringify(input.timestamp)}.`,
    );
  }
  const message = buildMessage(input.timestamp, input.body);
  const signature = await hmac(message);
  return {
    body: input.body,
    timestamp: input.timestamp,
    message,
    signature,
    headers: {
      [HEADER_API_KEY]: apiKey,
      [HEADER_TIMESTAMP]: input.timestamp,
      [HEADER_SIGNATURE]: signature,
      'Content-Type': JSON_CONTENT_TYPE,
    },
  };
}
