import { RequestAbortedError } from '../errors/transport-errors.ts';

/**
 * Waits `ms` milliseconds; rejects with `RequestAbortedError` as soon as `signal` aborts. The
 * timer stays referenced, so a Node process waiting to retry does not exit.
 */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new RequestAbortedError({ cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) {
      onAbort();
    } else {
      signal?.addEventListener('abort', onAbort, { once: true });
    }
  });
}
