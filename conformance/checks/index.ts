import type { Check } from '../runner/types.ts';
import { authenticationChecks } from './authentication.ts';
import { knownSerialAccepted, nonAsciiSerialNotFound, unknownSerialNotFound } from './reclaim-answers.ts';

/** Every check, in the order the suite runs them; the schema check over all answers runs last. */
export const ALL_CHECKS: readonly Check[] = [knownSerialAccepted, unknownSerialNotFound, nonAsciiSerialNotFound, ...authenticationChecks];
