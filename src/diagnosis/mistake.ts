/**
 * Known ways a client gets a signed request wrong. The ids are stable: the `verify` command
 * prints them, `conformance/vectors/mistakes.json` refers to them, and scripts may match on them.
 */
export const MISTAKE_IDS = [
  // Headers
  'missing-header',
  'unknown-api-key',
  'line-break-in-signature',
  'uppercase-signature',
  'malformed-signature',
  'timestamp-milliseconds',
  'timestamp-fraction',
  'malformed-timestamp',
  // What the signature covers
  'secret-hex-decoded',
  'separator-missing',
  'trailing-newline',
  'body-changed-after-signing',
  'python-str-body',
  'signature-unexplained',
  // Time
  'clock-skew',
  // Form of the body as sent
  'invalid-utf8',
  'invalid-json',
  'duplicate-keys',
  'whitespace',
  'keys-unsorted',
  'nested-keys-unsorted',
  'non-ascii-raw',
  'uppercase-unicode-escapes',
  'escaped-slashes',
  'html-escaped',
  'other-non-canonical',
] as const;

export type MistakeId = (typeof MISTAKE_IDS)[number];

/** One explanation of why a request fails, in words a client developer can act on. */
export interface Mistake {
  id: MistakeId;
  message: string;
}

/** The verdict on one captured request. */
export interface Diagnosis {
  /** SIGNATURE, exactly as sent, is the HMAC of TIMESTAMP + "&" + the body bytes as sent. */
  signatureValid: boolean;
  /** No mistake was found: the request passes the reference server, strict mode included. */
  conforms: boolean;
  /** Mistakes, the one that explains a signature mismatch first; empty when `conforms`. */
  mistakes: Mistake[];
}
