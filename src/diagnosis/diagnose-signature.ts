import { TIMESTAMP_WINDOW_SECONDS } from '../wire.ts';
import type { BodyForm } from './body-form.ts';
import type { DiagnoseOptions } from './diagnose-request.ts';
import { explainSignature } from './explain-signature.ts';
import type { Mistake } from './mistake.ts';

export interface SignatureHeaders {
  signature: string;
  timestamp: string;
  rawBody: Uint8Array;
  body: BodyForm;
}

/**
 * Judges the SIGNATURE and TIMESTAMP headers: their form (line breaks, uppercase, milliseconds,
 * fractions), which message the signature covers, and the clock skew. `valid` is true only when
 * the signature, exactly as sent, matches the body as sent.
 */
export function diagnoseSignature(headers: SignatureHeaders, options: DiagnoseOptions): { valid: boolean; mistakes: Mistake[] } {
  const { signature, timestamp } = headers;
  const mistakes: Mistake[] = [];
  const normalized = normalizeSignature(signature);
  const timestampMistake = describeTimestampFormat(timestamp);
  if (normalized.hex === undefined) {
    mistakes.push({ id: 'malformed-signature', message: `SIGNATURE ${JSON.stringify(shorten(signature))} is not hex: expected 64 lowercase hex characters (HMAC-SHA256 as hex).` });
    if (timestampMistake !== undefined) {
      mistakes.push(timestampMistake);
    }
    return { valid: false, mistakes };
  }

  const explanation = explainSignature({ secret: options.secret, timestamp, signature: normalized.hex, rawBody: headers.rawBody, body: headers.body });
  const fixedByNormalizing = explanation.kind === 'valid' && !explanation.truncated;
  if (normalized.lineBreak) {
    mistakes.push(describeLineBreak(signature, explanation.truncated && explanation.kind !== 'unexplained', fixedByNormalizing));
  } else if (normalized.spaces) {
    mistakes.push({ id: 'malformed-signature', message: 'SIGNATURE contains spaces or tabs. Send the 64 hex characters alone.' });
  } else if (explanation.truncated) {
    const prefix = explanation.kind === 'unexplained' ? 'does not match the start of the correct signature either' : 'is the start of a signature that would match';
    mistakes.push({ id: 'malformed-signature', message: `SIGNATURE has ${normalized.hex.length} hex characters, expected 64; what was sent ${prefix}. Send all 64 characters.` });
  }
  if (normalized.uppercase) {
    const outcome = fixedByNormalizing ? 'Lowercased, the signature is correct.' : 'Lowercased, it still does not match.';
    mistakes.push({ id: 'uppercase-signature', message: `SIGNATURE uses uppercase hex digits; the contract requires lowercase (hexdigest(), digest('hex')). ${outcome}` });
  }
  if (timestampMistake !== undefined) {
    mistakes.push(timestampMistake);
  }

  if (explanation.kind === 'mistake') {
    mistakes.push(explanation.mistake);
  } else if (explanation.kind === 'unexplained') {
    mistakes.push({
      id: 'signature-unexplained',
      message: 'SIGNATURE matches none of the known mistakes. Check that the secret is the one for this API-KEY and that the body sent is byte for byte the body signed.',
    });
  }
  const skew = timestampMistake === undefined ? describeClockSkew(timestamp, options) : undefined;
  if (skew !== undefined) {
    mistakes.push(skew);
  }
  return { valid: fixedByNormalizing && normalized.hex === signature, mistakes };
}

function normalizeSignature(signature: string): { hex?: string; lineBreak: boolean; spaces: boolean; uppercase: boolean } {
  const lineBreak = /[\r\n]/.test(signature);
  const spaces = /[ \t]/.test(signature);
  const compact = signature.replace(/\s+/g, '');
  const uppercase = /[A-F]/.test(compact);
  const hex = /^[0-9a-fA-F]{1,64}$/.test(compact) ? compact.toLowerCase() : undefined;
  return { hex, lineBreak, spaces, uppercase };
}

function describeLineBreak(signature: string, cut: boolean, fixed: boolean): Mistake {
  const firstLine = signature.split(/\r?\n/, 1)[0]!.trim();
  const outcome = fixed
    ? 'With the line break removed the signature is correct.'
    : cut
      ? 'What was sent is the start of a signature that would match.'
      : 'With the line break removed it still does not match.';
  return {
    id: 'line-break-in-signature',
    message: `SIGNATURE contains a line break after ${firstLine.length} hex characters: \`xxd -p\` wraps its output every 60 characters, and a header value cannot hold a line break (HTTP parsers reject the request or cut the value). Use \`xxd -p -c 32\` or \`openssl dgst -sha256 -hmac "$API_SECRET" -r | cut -d' ' -f1\`. ${outcome}`,
  };
}

function describeTimestampFormat(timestamp: string): Mistake | undefined {
  if (/^[0-9]{13,}$/.test(timestamp)) {
    return { id: 'timestamp-milliseconds', message: `TIMESTAMP ${timestamp} has ${timestamp.length} digits, which looks like milliseconds. Send whole seconds: Math.floor(Date.now() / 1000).` };
  }
  if (/^[0-9]+\.[0-9]*$/.test(timestamp)) {
    return { id: 'timestamp-fraction', message: `TIMESTAMP ${timestamp} has a fraction. Send whole seconds without a decimal point: str(int(time.time())).` };
  }
  if (!/^[0-9]{1,12}$/.test(timestamp)) {
    return { id: 'malformed-timestamp', message: `TIMESTAMP ${JSON.stringify(timestamp.slice(0, 32))} is not Unix time in whole seconds (decimal digits only).` };
  }
  return undefined;
}

function describeClockSkew(timestamp: string, options: DiagnoseOptions): Mistake | undefined {
  const window = options.windowSeconds ?? TIMESTAMP_WINDOW_SECONDS;
  const skew = Number(timestamp) - options.nowSeconds;
  if (Math.abs(skew) <= window) {
    return undefined;
  }
  const direction = skew < 0 ? 'behind' : 'ahead of';
  return {
    id: 'clock-skew',
    message: `TIMESTAMP is ${Math.abs(skew)} s ${direction} the clock it was checked against (${options.nowSeconds}); the window is ±${window} s. Sync the client clock (NTP), or correct the offset from the server's Date header.`,
  };
}

/** Shortens a key or signature so that no whole value is ever printed. */
export function shorten(value: string): string {
  return value.length <= 8 ? value : `${value.slice(0, 8)}…`;
}
