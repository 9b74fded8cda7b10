import { canonicalize } from '../../src/canonical/canonicalize.ts';
import { TIMESTAMP_WINDOW_SECONDS } from '../../src/wire.ts';
import { describeAnswer, expectRejected, passedAuthentication } from '../runner/expect.ts';
import type { Check, CheckContext, CheckResult, RawResponse } from '../runner/types.ts';

/** One second beyond the ±300 s window of the contract. */
const JUST_OUTSIDE = TIMESTAMP_WINDOW_SECONDS + 1;

/**
 * Sends a timestamp one second outside the window. When the target's second turns between
 * signing and checking, 301 s ahead reads as 300 s there and passes; a second attempt with a
 * fresh timestamp tells that from a window that is really too wide.
 */
function outsideWindowCheck(id: string, direction: -1 | 1): Check {
  const where = direction < 0 ? 'old' : 'ahead';
  return {
    id,
    level: 'SHOULD',
    title: `a timestamp ${JUST_OUTSIDE} s ${where} is rejected`,
    async run(context) {
      let result: CheckResult | undefined;
      for (let attempt = 1; attempt <= 2 && result?.status !== 'pass'; attempt++) {
        const timestamp = String(context.nowSeconds() + direction * JUST_OUTSIDE);
        const request = await context.signed(canonicalize({ serial: context.unknownSerial() }), { timestamp });
        result = expectRejected(await context.send(request), request, `TIMESTAMP ${JUST_OUTSIDE} s ${where}${attempt === 2 ? ' (second attempt)' : ''}`);
      }
      return result!;
    },
  };
}

export const staleTimestampRejected = outsideWindowCheck('stale-timestamp-rejected', -1);
export const futureTimestampRejected = outsideWindowCheck('future-timestamp-rejected', 1);

/** The search covers offsets below this many seconds; a wider window is reported as "at least". */
const SEARCH_LIMIT_SECONDS = 4096;

/**
 * INFO: measures the accepted clock difference in each direction with a binary search over
 * offsets in [0, 4096) s: one baseline request, then 12 per direction, each for a fresh unknown
 * serial so that replay protection never interferes. The result can be 1 s off when the
 * second changes between signing and checking.
 */
export const timeWindowWidth: Check = {
  id: 'time-window-width',
  level: 'INFO',
  title: 'the width of the accepted time window, in each direction',
  async run(context) {
    const baseline = await probe(context, 0);
    if (!passedAuthentication(baseline.response)) {
      return { status: 'skip', summary: `not measured: a correctly signed request with the current time was answered ${describeAnswer(baseline.response)}` };
    }
    const past = await searchWindow(context, -1);
    const future = await searchWindow(context, 1);
    const describe = (width: number): string => (width === SEARCH_LIMIT_SECONDS - 1 ? `at least ${width} s` : `${width} s`);
    return {
      status: 'info',
      summary: `accepts timestamps up to ${describe(past)} old and ${describe(future)} ahead (±1 s)`,
      finding: { pastSeconds: past, futureSeconds: future, searchLimitSeconds: SEARCH_LIMIT_SECONDS },
    };
  },
};

async function probe(context: CheckContext, offsetSeconds: number): Promise<{ response: RawResponse }> {
  const timestamp = String(context.nowSeconds() + offsetSeconds);
  const request = await context.signed(canonicalize({ serial: context.unknownSerial() }), { timestamp });
  return { response: await context.send(request) };
}

/** Returns the largest accepted offset in `direction`, assuming offset 0 is accepted. */
async function searchWindow(context: CheckContext, direction: -1 | 1): Promise<number> {
  let low = 0;
  let high = SEARCH_LIMIT_SECONDS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const { response } = await probe(context, direction * middle);
    if (passedAuthentication(response)) {
      low = middle;
    } else {
      high = middle;
    }
  }
  return low;
}
