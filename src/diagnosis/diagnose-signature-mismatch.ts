import type { DiagnosisInput } from '../server/handle-request.ts';
import { analyzeBodyForm } from './body-form.ts';
import { explainSignature } from './explain-signature.ts';

/**
 * The reference server's hook for a signature mismatch: names the known mistake that explains
 * it, for the log line and (in explain mode) the answer's `detail`. Returns undefined when no
 * known mistake explains it. The headers were already checked for form and the window.
 */
export function diagnoseSignatureMismatch(input: DiagnosisInput): string | undefined {
  const body = analyzeBodyForm(input.rawBody);
  const explanation = explainSignature({
    secret: input.secret,
    timestamp: input.timestamp,
    signature: input.signature,
    rawBody: input.rawBody,
    body,
  });
  return explanation.kind === 'mistake' ? `${explanation.mistake.id}: ${explanation.mistake.message}` : undefined;
}
