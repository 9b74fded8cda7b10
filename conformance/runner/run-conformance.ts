import { randomUUID } from 'node:crypto';
import { type RecordedExchange, createAnswerSchemaCheck } from '../checks/answer-schema.ts';
import { createErrorStatusesCheck } from '../checks/error-statuses.ts';
import { buildSignedRequest } from './build-signed-request.ts';
import { probeTarget } from './probe-target.ts';
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
  /** True when every MUST check passed (and every SHOULD check, with `strict`), and the run was not aborted. */
  passed: boolean;
  counts: Record<Status, number>;
  /** Reason the run stopped before its end (target down, silent, or not this API); absent when it ran to the end. */
  aborted?: string;
}

export interface RunOptions {
  checks: readonly Check[];
  /** Count SHOULD failures as failures of the run. */
  strict?: boolean;
  /** Called when a check ends, for progress output. */
  onOutcome?: (outcome: CheckOutcome) => void;
}

/** Consecutive checks that may time out before the run stops: a target that hangs would otherwise cost a timeout per check. */
const MAX_CONSECUTIVE_TIMEOUTS = 2;

/**
 * Probes the target once, then runs `checks` in order, then the checks over every answer
 * received (schema, HTTP statuses). A check whose request gets no answer is reported as
 * `error`. The run stops early when the probe fails, when the target stops accepting
 * connections, or after repeated timeouts, and says why in `aborted`.
 */
export async function runConformance(target: Target, options: RunOptions): Promise<ConformanceReport> {
  const recorded: RecordedExchange[] = [];
  const outcomes: CheckOutcome[] = [];
  const runId = randomUUID().slice(0, 8);
  let serialCounter = 0;
  const contextFor = (checkId: string): CheckContext => ({
    target,
    send: async (request) => {
      const response = await sendRaw(target.baseUrl, request, target.timeoutMs);
      recorded.push({ checkId, request, response });
      return response;
    },
    signed: (body, overrides) => buildSignedRequest(target, body, overrides),
    unknownSerial: () => `conformance-${runId}-${++serialCounter}-does-not-exist`,
    nowSeconds: () => Math.floor(target.clock() / 1000),
  });

  let aborted = await probeTarget(contextFor('probe'));
  let consecutiveTimeouts = 0;
  const checks = [...options.checks, createAnswerSchemaCheck(recorded), createErrorStatusesCheck(recorded)];
  for (const check of aborted === undefined ? checks : []) {
    const started = performance.now();
    let result: CheckResult;
    let targetError: TargetError | undefined;
    try {
      result = await check.run(contextFor(check.id));
    } catch (error) {
      targetError = error instanceof TargetError ? error : undefined;
      const reason = targetError?.message ?? `check crashed: ${(error as Error).stack ?? String(error)}`;
      result = { status: 'error', summary: reason };
    }
    const outcome: CheckOutcome = { id: check.id, level: check.level, title: check.title, durationMs: performance.now() - started, ...result };
    outcomes.push(outcome);
    options.onOutcome?.(outcome);

    consecutiveTimeouts = targetError?.kind === 'timeout' ? consecutiveTimeouts + 1 : 0;
    if (targetError?.kind === 'unreachable') {
      aborted = `the target stopped accepting connections during ${check.id}: ${targetError.message}`;
    } else if (consecutiveTimeouts >= MAX_CONSECUTIVE_TIMEOUTS) {
      aborted = `${consecutiveTimeouts} checks in a row got no answer within ${target.timeoutMs} ms; the target looks hung.`;
    }
    if (aborted !== undefined) {
      break;
    }
  }

  const counts: Record<Status, number> = { pass: 0, fail: 0, skip: 0, info: 0, error: 0 };
  for (const outcome of outcomes) {
    counts[outcome.status]++;
  }
  const failing = (outcome: CheckOutcome): boolean =>
    (outcome.status === 'fail' || outcome.status === 'error') && (outcome.level === 'MUST' || (options.strict === true && outcome.level === 'SHOULD'));
  const report: ConformanceReport = { target: target.baseUrl, outcomes, passed: aborted === undefined && !outcomes.some(failing), counts };
  if (aborted !== undefined) {
    report.aborted = aborted;
  }
  return report;
}
