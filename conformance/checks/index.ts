import type { Check } from '../runner/types.ts';
import { authenticationChecks } from './authentication.ts';
import {
  bodyVerificationMode,
  codePointKeyOrderVerified,
  nonAsciiBodyBytesVerified,
  uppercaseSignatureAccepted,
  utf8ProfileAccepted,
} from './body-verification.ts';
import {
  duplicateKeysRejected,
  malformedJsonAnswered,
  oversizedBodyAnswered,
  wrongContentTypeAnswered,
  wrongMethodAnswered,
} from './malformed-requests.ts';
import { knownSerialAccepted, nonAsciiSerialNotFound, unknownSerialNotFound } from './reclaim-answers.ts';
import { replayRejected } from './replay.ts';
import { futureTimestampRejected, staleTimestampRejected, timeWindowWidth } from './timestamp-window.ts';

/**
 * Every check, in the order the suite runs them. The runner adds two checks over all answers
 * received at the end: `answers-match-schema` (MUST) and `error-http-statuses` (INFO).
 */
export const ALL_CHECKS: readonly Check[] = [
  knownSerialAccepted,
  unknownSerialNotFound,
  nonAsciiSerialNotFound,
  ...authenticationChecks,
  codePointKeyOrderVerified,
  nonAsciiBodyBytesVerified,
  staleTimestampRejected,
  futureTimestampRejected,
  replayRejected,
  duplicateKeysRejected,
  malformedJsonAnswered,
  wrongContentTypeAnswered,
  oversizedBodyAnswered,
  wrongMethodAnswered,
  bodyVerificationMode,
  utf8ProfileAccepted,
  uppercaseSignatureAccepted,
  timeWindowWidth,
];

/** Ids of the checks the runner always appends after `ALL_CHECKS`. */
export const SUMMARY_CHECK_IDS = ['answers-match-schema', 'error-http-statuses'] as const;
