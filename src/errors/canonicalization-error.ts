import { OrderReclaimError } from './order-reclaim-error.ts';

/** Reason a value has no canonical JSON form. */
export type CanonicalizationReason =
  | 'NON_FINITE_NUMBER'
  | 'UNSAFE_INTEGER'
  | 'UNDEFINED_VALUE'
  | 'UNSUPPORTED_TYPE'
  | 'CIRCULAR_REFERENCE'
  | 'INVALID_KEY'
  | 'LONE_SURROGATE'
  | 'MAX_DEPTH_EXCEEDED';

/** A value that cannot be written as canonical JSON; `path` names the offending member. */
export class CanonicalizationError extends OrderReclaimError {
  readonly reason: CanonicalizationReason;
  /** JSONPath-like location of the offending value, such as `$.items[2].at`. */
  readonly path: string;

  constructor(reason: CanonicalizationReason, path: string, message: string) {
    super('CANONICALIZATION_FAILED', message);
    this.name = 'CanonicalizationError';
    this.reason = reason;
    this.path = path;
  }
}
