import { canonicalize } from '../../src/canonical/canonicalize.ts';
import { Errno } from '../../src/wire.ts';
import { describeAnswer, errnoOf, expectErrno } from '../runner/expect.ts';
import type { Check } from '../runner/types.ts';

export const knownSerialAccepted: Check = {
  id: 'known-serial-accepted',
  level: 'MUST',
  title: 'a known serial is accepted with errno 0',
  async run(context) {
    const { knownSerial, allowReclaim } = context.target;
    if (knownSerial === undefined || !allowReclaim) {
      return { status: 'skip', summary: 'skipped: pass --known-serial and --allow-reclaim to reclaim a real order' };
    }
    const request = await context.signed(canonicalize({ serial: knownSerial }));
    const response = await context.send(request);
    const message = (response.json as { message?: unknown } | undefined)?.message;
    if (errnoOf(response) !== Errno.OK) {
      return { status: 'fail', summary: `expected errno 0, received ${describeAnswer(response)}`, request };
    }
    return { status: 'pass', summary: `accepted with errno 0, message ${JSON.stringify(message)} (HTTP ${response.status})` };
  },
};

export const unknownSerialNotFound: Check = {
  id: 'unknown-serial-not-found',
  level: 'MUST',
  title: 'an unknown serial gets errno 404',
  async run(context) {
    const request = await context.signed(canonicalize({ serial: context.unknownSerial() }));
    return expectErrno(await context.send(request), request, Errno.ORDER_NOT_FOUND, 'unknown serial');
  },
};

export const nonAsciiSerialNotFound: Check = {
  id: 'non-ascii-serial-not-found',
  level: 'MUST',
  title: 'a correctly signed non-ASCII serial is answered as not found, not as an auth failure',
  async run(context) {
    const serial = `${context.unknownSerial()}-订单-é-😀`;
    const request = await context.signed(canonicalize({ serial }));
    return expectErrno(await context.send(request), request, Errno.ORDER_NOT_FOUND, 'non-ASCII serial');
  },
};
