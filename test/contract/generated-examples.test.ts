import { describe, expect, it } from 'vitest';
import { errorResponseExample, reclaimAcceptedExample, reclaimOrderRequestExample } from '../../generated/examples.gen.ts';
import { canonicalize } from '../../src/canonical/canonicalize.ts';
import { validateRequestBody } from '../../src/client/contract-schemas.ts';
import { interpretAnswer } from '../../src/client/interpret-answer.ts';
import { OrderNotFoundError } from '../../src/errors/api-error.ts';

// The contract's examples, as generated from openapi/openapi.yaml, must be what the client
// sends and accepts; a changed example that the client would reject fails here.
describe('contract examples', () => {
  it('request example is a valid canonical body', () => {
    const body = reclaimOrderRequestExample();
    expect(() => validateRequestBody(body)).not.toThrow();
    expect(canonicalize(body)).toBe('{"serial":"1bcb40c612aababdcb166ac2cd7e3525"}');
  });

  it('accepted example resolves', () => {
    const text = JSON.stringify(reclaimAcceptedExample());
    expect(interpretAnswer({ status: 200, requestId: undefined, text }, 'serial-1')).toEqual({ errno: 0, message: 'request accept' });
  });

  it('error example throws its error class', () => {
    const text = JSON.stringify(errorResponseExample());
    expect(() => interpretAnswer({ status: 404, requestId: undefined, text }, 'serial-1')).toThrow(OrderNotFoundError);
  });
});
