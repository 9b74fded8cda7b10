import type { ReclaimAccepted } from '../../generated/types.gen.ts';
import { createApiError } from '../errors/api-error.ts';
import { ResponseValidationError } from '../errors/validation-errors.ts';
import { answerSchemaFor, checkAgainst } from './contract-schemas.ts';

export interface ReceivedAnswer {
  status: number;
  requestId: string | undefined;
  text: string;
}

/**
 * Turns a response into the accepted result, or throws: `ApiError` (or a subclass) when `errno`
 * is not 0, whatever the HTTP status; `ResponseValidationError` when the body is empty, not
 * JSON, or does not match the response schemas generated from the contract.
 */
export function interpretAnswer(answer: ReceivedAnswer, serial: string): ReclaimAccepted {
  const fail = (problem: string, cause?: unknown): never => {
    throw new ResponseValidationError(problem, { status: answer.status, body: answer.text, requestId: answer.requestId, cause });
  };

  const trimmed = answer.text.trim();
  if (trimmed === '') {
    fail('the body is empty');
  }
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    fail(trimmed[0] === '<' ? 'the body is an HTML page (from a proxy?), not JSON' : 'the body is not valid JSON; it may be truncated', error);
  }

  const checked = checkAgainst(answerSchemaFor(value), value);
  if (!checked.ok) {
    return fail(`the body does not match the contract (${checked.problem})`, checked.cause);
  }
  const parsed: { errno: number; message: string; detail?: string } = checked.output;
  if (parsed.errno === 0) {
    return parsed as ReclaimAccepted;
  }
  throw createApiError({ ...parsed, serverMessage: parsed.message, status: answer.status, requestId: answer.requestId }, serial);
}
