/** Returns the current time in milliseconds since the Unix epoch, like `Date.now`. */
export type Clock = () => number;

/**
 * Reads the clock once and formats it as the TIMESTAMP value: whole seconds, decimal, no sign.
 * `offsetSeconds` is added first, so a client can correct a known skew against the server.
 */
export function readTimestamp(clock: Clock, offsetSeconds = 0): string {
  const seconds = Math.floor(clock() / 1000) + offsetSeconds;
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new RangeError(`Invalid clock reading: expected a non-negative time in milliseconds, received ${clock()}.`);
  }
  return String(seconds);
}
