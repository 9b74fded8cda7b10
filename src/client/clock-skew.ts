import { ApiError } from '../errors/api-error.ts';
import type { OrderReclaimError } from '../errors/order-reclaim-error.ts';
import type { Clock } from '../signing/clock.ts';

/**
 * Returns the offset in whole seconds to add to the local clock so that it matches the server's,
 * when the server rejected the TIMESTAMP (errno 40105) and sent a `Date` header. Returns
 * undefined for any other failure, a missing or unparsable `Date`, or an offset equal to
 * `currentOffsetSeconds` (retrying with it would fail the same way).
 *
 * 40105 is `Errno.TIMESTAMP_OUT_OF_WINDOW` of wire.ts, written as a literal so that client bundles
 * do not carry the whole errno table.
 *
 * `Date` has a resolution of one second and arrives a little after the server read its clock,
 * so the learned offset can be off by about a second; the server's window (±300 s on the
 * reference server) absorbs that.
 */
export function learnClockOffset(
  error: OrderReclaimError,
  serverDate: string | null | undefined,
  clock: Clock,
  currentOffsetSeconds: number,
): number | undefined {
  if (!(error instanceof ApiError) || error.errno !== 40105) {
    return undefined;
  }
  const serverMs = Date.parse(serverDate ?? '');
  if (Number.isNaN(serverMs)) {
    return undefined;
  }
  const offsetSeconds = Math.round((serverMs - clock()) / 1000);
  return offsetSeconds === currentOffsetSeconds ? undefined : offsetSeconds;
}
