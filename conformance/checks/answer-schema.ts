import * as v from 'valibot';
import { vErrorResponse, vReclaimOrderResponse } from '../../generated/valibot.gen.ts';
import { describeAnswer } from '../runner/expect.ts';
import type { Check, RawRequest, RawResponse } from '../runner/types.ts';

export interface RecordedExchange {
  checkId: string;
  request: RawRequest;
  response: RawResponse;
}

/**
 * Returns the contract violation of one answer, or undefined when it conforms: HTTP 200 must
 * carry the 200 schema (acceptance or error), any other status the error schema with errno ≠ 0.
 */
export function schemaViolation(response: RawResponse): string | undefined {
  if (response.json === undefined) {
    return `the body is not JSON: ${describeAnswer(response)}`;
  }
  const schema = response.status === 200 ? vReclaimOrderResponse : vErrorResponse;
  const result = v.safeParse(schema, response.json);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
    return `${path === '' ? 'body' : path}: ${issue.message} in ${describeAnswer(response)}`;
  }
  if (response.status !== 200 && (response.json as { errno: number }).errno === 0) {
    return `HTTP ${response.status} with errno 0 in ${describeAnswer(response)}`;
  }
  return undefined;
}

/** Creates the check that judges every answer recorded so far against the contract's schemas. */
export function createAnswerSchemaCheck(recorded: readonly RecordedExchange[]): Check {
  return {
    id: 'answers-match-schema',
    level: 'MUST',
    title: 'every answer is JSON valid against the contract schemas',
    async run() {
      for (const exchange of recorded) {
        const violation = schemaViolation(exchange.response);
        if (violation !== undefined) {
          return { status: 'fail', summary: `answer to ${exchange.checkId}: ${violation}`, request: exchange.request };
        }
      }
      return { status: 'pass', summary: `${recorded.length} answers match the schemas` };
    },
  };
}
