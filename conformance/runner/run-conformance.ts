import { randomUUID } from 'node:crypto';
import { type RecordedExchange, createAnswerSchemaCheck } from '../checks/answer-schema.ts';
import { buildSignedRequest } from './build-signed-request.ts';
import { sendRaw } from './send-raw.ts';
import { type Check, type CheckContext, type CheckResult, type Level, type Status, type Target, TargetError } from './types.ts';

export interface CheckOutcome extends CheckResult {
  id: string;
  level: Level;
  title: string;
  durationMs: number;
}

export interface ConformanceReport {
  target: string;
  outcomes: CheckOutcome[];
  /** True when every MUST check passed (and every SHOULD check, with `strict`). */
  passed: boolean;
  counts: Record<Status, number>;
}

export interface RunOptions {
  checks: readonly Check[];
  /** Count SHOULD failures as failures of the run. */
  strict?: boolean;
  /** Called when a check starts and when it ends, for progress output. */
  onOutcome?: (outcome: CheckOutcome) => void;
}

/**
 * Runs `checks` in order against `target`, then the schema check over every answer received.
 * A check whose request gets no answer is reported as `error` with the reason.
 */
export async function runConformance(target: Target, options: RunOptions): Promise<ConformanceReport> {
  const recorded: RecordedExchange[] = [];
  const outcomes: CheckOutcome[] = [];
  const runId = randomUUID().slice(0, 8);
  let serialCounter = 0;

  for (const check of [...options.checks, createAnswerSchemaCheck(recorded)]) {
    const context: CheckContext = {
      target,
      send: async (request) => {
        const response = await sendRaw(target.baseUrl, request, target.timeoutMs);
        recorded.push({ checkId: check.id, request, response });
        return response;
      },
      signed: (body, overrides) => buildSignedRequest(target, body, overrides),
      unknownSerial: () => `conformance-${runId}-${++serialCounter}-does-not-exist`,
    };
    const started = performance.now();
    let result: CheckResult;
    try {
      result = await check.run(context);
    } catch (error) {
      const reason = error instanceof TargetError ? error.message : `check crashed: ${(error as Error).stack ?? String(error)}`;
      result = { status: 'error', summary: reason };
    }
    const outcome: CheckOutcome = { id: check.id, level: check.level, title: check.title, durationMs: performance.now() - started, ...result };
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  }

  const counts: Record<Status, number> = { pass: 0, fail: 0, skip: 0, info: 0, error: 0 };
  for (const outcome of outcomes) {
    counts[outcome.status]++;
  }
  const failing = (outcome: CheckOutcome): boolean =>
    (outcome.status === 'fail' || outcome.status === 'error') && (outcome.level === 'MUST' || (options.strict === true && outcome.level === 'SHOULD'));
  return { target: target.baseUrl, outcomes, passed: !outcomes.some(failing), counts };
}
