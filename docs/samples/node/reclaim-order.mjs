// Reclaim an order from Node.js 18+ without the SDK: node:crypto for the signature, fetch for HTTP.
//
// Environment: BASE_URL, SERIAL, API_KEY, API_SECRET. The defaults are the reference server
// started with `npx order-reclaim serve`, a demo order, and the public demo key and secret.
import { createHmac } from 'node:crypto';

const baseUrl = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const apiKey = process.env.API_KEY ?? 'B433BFF1CDE7450AA38A56BEAC690DD4';
const apiSecret = process.env.API_SECRET ?? '0285A2741D0E76E2E187260EB23E51851D48403A756333E7D0CF845406ABF3E8';
const serial = process.env.SERIAL ?? '1bcb40c612aababdcb166ac2cd7e3525';

// Writes a string as CPython's json.dumps does by default. JSON.stringify already writes
// \" \\ \b \f \n \r \t, and lowercase \u00XX for other control characters and lone surrogates.
// It leaves DEL and everything from U+0080 raw, which Python writes as \uXXXX, so those are escaped here.
function canonicalString(text) {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// Canonical JSON for objects, arrays, strings, booleans, null and safe integers: exact for the
// reclaim body. For other bodies it diverges from the canonical form:
// - sort() compares UTF-16 code units, so a key with a character from U+E000 to U+FFFF sorts
//   after a key with an astral character, where code point order puts it before;
// - non-integer numbers: JSON.stringify writes 1e21 and 1e-7 where Python writes 1e+21 and 1e-07;
// - integers beyond 2^53 - 1 have already lost digits in a JS number; NaN becomes null.
function canonicalJson(value) {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${canonicalString(key)}:${canonicalJson(value[key])}`);
    return `{${members.join(',')}}`;
  }
  return typeof value === 'string' ? canonicalString(value) : JSON.stringify(value);
}

const body = canonicalJson({ serial });
// Read the clock once: the same TIMESTAMP goes into the header and into the signed message.
const timestamp = Math.floor(Date.now() / 1000).toString();
// The secret is used as text (its UTF-8 bytes), not hex-decoded.
const signature = createHmac('sha256', apiSecret).update(`${timestamp}&${body}`, 'utf8').digest('hex');

// Send the exact string that was signed; a client that serializes the body again breaks the signature.
const response = await fetch(`${baseUrl}/api/v1/frontend/order/reclaim`, {
  method: 'POST',
  headers: { 'API-KEY': apiKey, TIMESTAMP: timestamp, SIGNATURE: signature, 'Content-Type': 'application/json' },
  body,
  signal: AbortSignal.timeout(30_000),
});
// Success is errno 0 in the body; errors can come with HTTP 200 or with 4xx/5xx.
console.log(await response.text());
