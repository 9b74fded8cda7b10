// Reclaim an order with the order-reclaim SDK (Node.js 22.18+ runs this file as is; or compile it).
//
// Environment: BASE_URL, SERIAL, API_KEY, API_SECRET. The defaults are the reference server
// started with `npx order-reclaim serve`, a demo order, and the public demo key and secret.
//
// The SDK writes the canonical body itself (CPython's json.dumps(body, sort_keys=True,
// separators=(',', ':')) for any JSON value), signs exactly those bytes with one clock reading,
// and sends the same bytes. It rejects values that have no canonical form, such as NaN or a Date,
// with a CanonicalizationError that names the path, so no body diverges silently.
import { ApiError, createReclaimClient } from 'order-reclaim';

const client = createReclaimClient({
  baseUrl: process.env.BASE_URL ?? 'http://127.0.0.1:8080',
  apiKey: process.env.API_KEY ?? 'B433BFF1CDE7450AA38A56BEAC690DD4',
  apiSecret: process.env.API_SECRET ?? '0285A2741D0E76E2E187260EB23E51851D48403A756333E7D0CF845406ABF3E8',
});
const serial = process.env.SERIAL ?? '1bcb40c612aababdcb166ac2cd7e3525';

try {
  // Resolves only when errno is 0, whatever the HTTP status.
  const answer = await client.reclaimOrder({ serial });
  console.log(JSON.stringify(answer));
} catch (error) {
  // Any other errno arrives as an ApiError (OrderNotFoundError for 404, AuthenticationError for
  // 401xx); network failures and timeouts are other OrderReclaimError subclasses.
  if (!(error instanceof ApiError)) {
    throw error;
  }
  console.log(JSON.stringify({ errno: error.errno, message: error.serverMessage }));
}
