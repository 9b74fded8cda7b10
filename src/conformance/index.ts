/**
 * The conformance suite (Node only): runs the MUST, SHOULD and INFO checks against a base URL
 * and formats the report as text or JUnit XML.
 */
export { ALL_CHECKS } from '../../conformance/checks/index.ts';
export { formatJunit, formatOutcomeLine, formatSummary } from '../../conformance/runner/format-report.ts';
export { type CheckOutcome, type ConformanceReport, runConformance, type RunOptions } from '../../conformance/runner/run-conformance.ts';
export type { Check, CheckContext, CheckResult, Level, RawRequest, RawResponse, Status, Target } from '../../conformance/runner/types.ts';
export { TargetError } from '../../conformance/runner/types.ts';
