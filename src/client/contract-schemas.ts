import * as v from 'valibot';
import { vErrorResponse, vReclaimAccepted, vReclaimOrderBody } from '../../generated/valibot.gen.ts';
import { InvalidRequestError } from '../errors/validation-errors.ts';

/**
 * Checks `value` against a schema generated from the contract; returns the parsed output, or a
 * description of the first mismatch such as `errno: Invalid type: Expected number but received "0"`.
 */
export function checkAgainst<TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
): { ok: true; output: v.InferOutput<TSchema> } | { ok: false; problem: string; cause: v.ValiError<TSchema> } {
  const result = v.safeParse(schema, value);
  if (result.success) {
    return { ok: true, output: result.output };
  }
  const [issue] = result.issues;
  const path = issue.path?.map((item) => String(item.key)).join('.');
  return { ok: false, problem: path === undefined ? issue.message : `${path}: ${issue.message}`, cause: new v.ValiError(result.issues) };
}

/** Checks a request body against the request schema of the contract, before anything is signed or sent. */
export function validateRequestBody(input: unknown): void {
  const checked = checkAgainst(vReclaimOrderBody, input);
  if (!checked.ok) {
    throw new InvalidRequestError(
      checked.problem.startsWith('serial') ? 'serial' : 'input',
      `Invalid request body (${checked.problem}); \`serial\` must be a non-empty string.`,
      { cause: checked.cause },
    );
  }
}

/**
 * The two answer schemas of the contract. Its response schema is their union, "told apart by
 * errno"; choosing the member by `errno` here gives a precise mismatch message and keeps
 * valibot's union code out of the client bundle.
 */
export function answerSchemaFor(value: unknown): typeof vReclaimAccepted | typeof vErrorResponse {
  return (value as { errno?: unknown } | null)?.errno === 0 ? vReclaimAccepted : vErrorResponse;
}
