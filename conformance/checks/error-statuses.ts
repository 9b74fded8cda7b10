import { Errno } from '../../src/wire.ts';
import { errnoOf } from '../runner/expect.ts';
import type { Check } from '../runner/types.ts';
import type { RecordedExchange } from './answer-schema.ts';

/**
 * Creates the INFO check that reports which HTTP status the target used for each errno among
 * the answers recorded so far. The contract leaves this open: clients decide by errno alone.
 */
export function createErrorStatusesCheck(recorded: readonly RecordedExchange[]): Check {
  return {
    id: 'error-http-statuses',
    level: 'INFO',
    title: 'which HTTP statuses the target uses for errors',
    async run() {
      const statuses = new Map<number, Set<number>>();
      for (const { response } of recorded) {
        const errno = errnoOf(response);
        if (errno !== undefined && errno !== Errno.OK) {
          statuses.set(errno, (statuses.get(errno) ?? new Set()).add(response.status));
        }
      }
      if (statuses.size === 0) {
        return { status: 'skip', summary: 'no error answer with an integer errno was received' };
      }
      const byErrno = Object.fromEntries([...statuses].sort(([a], [b]) => a - b).map(([errno, set]) => [String(errno), [...set].sort()]));
      const always200 = [...statuses.values()].every((set) => set.size === 1 && set.has(200));
      const listed = Object.entries(byErrno)
        .map(([errno, set]) => `${errno}→${set.join('/')}`)
        .join(', ');
      const summary = always200 ? `every error is answered with HTTP 200 (${listed})` : `errno→HTTP status: ${listed}`;
      return { status: 'info', summary, finding: { statuses: byErrno, always200 } };
    },
  };
}
