import { HEADER_API_KEY, HEADER_SIGNATURE, HEADER_TIMESTAMP } from '../wire.ts';
import { analyzeBodyForm } from './body-form.ts';
import { diagnoseSignature, shorten } from './diagnose-signature.ts';
import type { Diagnosis, Mistake } from './mistake.ts';

/** A request as a client sent it: header names in any case, the body as raw bytes. */
export interface CapturedRequest {
  headers: Readonly<Record<string, string>>;
  body: Uint8Array;
  method?: string;
  url?: string;
}

export interface DiagnoseOptions {
  /** The API secret; used only to recompute signatures, never returned or printed. */
  secret: string;
  /** The clock to judge TIMESTAMP against, in Unix seconds. */
  nowSeconds: number;
  /** Accepted clock difference in seconds, both directions. Default 300. */
  windowSeconds?: number;
  /** The API key the secret belongs to; when given, a different API-KEY is reported. */
  apiKey?: string;
}

/**
 * Checks a captured request the way the reference server would (strict mode included) and
 * names every known mistake it finds. The mistake that explains a signature mismatch comes
 * first, then clock skew, then the ways the body differs from its canonical form.
 */
export function diagnoseRequest(request: CapturedRequest, options: DiagnoseOptions): Diagnosis {
  const headers = new Map(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const apiKey = headers.get(HEADER_API_KEY.toLowerCase());
  const timestamp = headers.get(HEADER_TIMESTAMP.toLowerCase());
  const signature = headers.get(HEADER_SIGNATURE.toLowerCase());
  const mistakes: Mistake[] = [];

  for (const [name, value] of [[HEADER_API_KEY, apiKey], [HEADER_TIMESTAMP, timestamp], [HEADER_SIGNATURE, signature]] as const) {
    if (value === undefined || value.trim() === '') {
      mistakes.push({ id: 'missing-header', message: `The ${name} header is missing or empty.` });
    }
  }
  if (options.apiKey !== undefined && apiKey !== undefined && apiKey !== '' && apiKey !== options.apiKey) {
    mistakes.push({ id: 'unknown-api-key', message: `API-KEY ${shorten(apiKey)} is not the API key the secret belongs to (${shorten(options.apiKey)}).` });
  }

  const body = analyzeBodyForm(request.body);
  let signatureValid = false;
  if (signature !== undefined && signature !== '' && timestamp !== undefined && timestamp !== '') {
    const result = diagnoseSignature({ signature, timestamp, rawBody: request.body, body }, options);
    signatureValid = result.valid;
    mistakes.push(...result.mistakes);
  }

  mistakes.push(...body.mistakes);
  const unique = mistakes.filter((mistake, index) => mistakes.findIndex((other) => other.id === mistake.id) === index);
  return { signatureValid, conforms: unique.length === 0 && signatureValid, mistakes: unique };
}
