import { canonicalize } from '../../src/canonical/canonicalize.ts';
import { describeAnswer, expectRejected, passedAuthentication } from '../runner/expect.ts';
import type { Check } from '../runner/types.ts';

export const replayRejected: Check = {
  id: 'replay-rejected',
  level: 'SHOULD',
  title: 'an exact replay inside the window is rejected',
  async run(context) {
    const request = await context.signed(canonicalize({ serial: context.unknownSerial() }));
    const first = await context.send(request);
    if (!passedAuthentication(first)) {
      return { status: 'skip', summary: `not tested: the first, correctly signed request was answered ${describeAnswer(first)}, expected errno 404` };
    }
    return expectRejected(await context.send(request), request, 'the same signed request sent a second time');
  },
};
