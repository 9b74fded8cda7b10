/**
 * The abort signal of one attempt: it fires when the attempt's timeout elapses or when the
 * caller's signal aborts, whichever comes first. `dispose` clears the timer and removes the
 * listener, so a finished attempt leaves nothing attached to the caller's signal.
 */
export interface AttemptSignal {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** True once the timeout fired before the caller aborted. */
  timedOut: boolean;
  /** True once the caller's signal aborted. */
  callerAborted: boolean;
  dispose(): void;
}

/**
 * Creates the signal of one attempt. A plain AbortController and setTimeout are used rather than
 * `AbortSignal.timeout` and `AbortSignal.any`, because they cost less per call and test fake
 * timers control them.
 */
export function createAttemptSignal(timeoutMs: number, callerSignal: AbortSignal | undefined): AttemptSignal {
  const controller = new AbortController();
  const onCallerAbort = (): void => {
    if (!controller.signal.aborted) {
      state.callerAborted = true;
      controller.abort(callerSignal?.reason);
    }
  };
  const timer = setTimeout(() => {
    if (!controller.signal.aborted) {
      state.timedOut = true;
      controller.abort();
    }
  }, timeoutMs);
  // On Node an unreferenced timer is cheaper per call and does not hold the process open; the
  // pending fetch holds it instead. Browsers and Deno return a number without `unref`.
  (timer as { unref?: () => void }).unref?.();

  const state: AttemptSignal = {
    signal: controller.signal,
    timeoutMs,
    timedOut: false,
    callerAborted: false,
    dispose: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
  if (callerSignal?.aborted) {
    onCallerAbort();
  } else {
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  }
  return state;
}
