import type { HandlerContext } from './handle-request.ts';
import { describeError, type Logger } from './logger.ts';

type Diagnose = NonNullable<HandlerContext['diagnose']>;

/**
 * Wraps a signature-mismatch diagnosis so that a failure inside it is logged and the request is
 * still answered with its real errno (40104) instead of an internal error: the diagnosis only
 * adds a hint, and a client's odd body must never turn into a 5xx.
 */
export function guardDiagnosis(diagnose: Diagnose, logger: Logger): Diagnose {
  return (input) => {
    try {
      return diagnose(input);
    } catch (error) {
      logger.error('signature diagnosis failed', { error: describeError(error) });
      return undefined;
    }
  };
}
