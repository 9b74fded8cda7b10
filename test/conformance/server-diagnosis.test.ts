import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';
import { createReferenceServer, type ReferenceServer } from '../../src/server/create-reference-server.ts';
import { createLogger } from '../../src/server/logger.ts';
import { RECLAIM_PATH } from '../../src/wire.ts';

let reference: ReferenceServer | undefined;

afterEach(async () => {
  await reference?.close({ graceMs: 200 });
  reference = undefined;
});

async function start(explain: boolean): Promise<{ url: string; lines: string[] }> {
  const lines: string[] = [];
  reference = createReferenceServer({ explain, logger: createLogger({ level: 'info', write: (line) => lines.push(line) }) });
  const url = await reference.listen({ port: 0, host: '127.0.0.1' });
  return { url, lines };
}

interface Signing {
  key?: string | Buffer;
  signedBody?: string;
}

async function send(url: string, body: string, signing: Signing = {}): Promise<{ errno: number; detail?: string }> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', signing.key ?? DEMO_API_SECRET)
    .update(`${timestamp}&${signing.signedBody ?? body}`)
    .digest('hex');
  const response = await fetch(`${url}${RECLAIM_PATH}`, {
    method: 'POST',
    headers: { 'API-KEY': DEMO_API_KEY, TIMESTAMP: timestamp, SIGNATURE: signature, 'Content-Type': 'application/json' },
    body,
  });
  return (await response.json()) as { errno: number; detail?: string };
}

const MISMATCHES: Array<[string, string, Signing, string]> = [
  ['a hex-decoded secret', '{"serial":"x-1"}', { key: Buffer.from(DEMO_API_SECRET, 'hex') }, 'secret-hex-decoded: '],
  ['a body re-serialized after signing', '{"serial": "x-2"}', { signedBody: '{"serial":"x-2"}' }, 'body-changed-after-signing: The signature matches the canonical form of the body'],
  ['a dict signed with str()', '{"serial":"x-3"}', { signedBody: "{'serial': 'x-3'}" }, 'python-str-body: '],
];

describe('reference server diagnosis of a signature mismatch', () => {
  it.each(MISMATCHES)('explains %s in the answer in explain mode', async (_name, body, signing, detail) => {
    const { url, lines } = await start(true);
    const answer = await send(url, body, signing);
    expect(answer.errno).toBe(40104);
    expect(answer.detail?.startsWith(detail)).toBe(true);
    expect(lines.join('\n')).toContain(`detail=${JSON.stringify(answer.detail)}`);
    expect(lines.join('\n')).not.toContain(DEMO_API_SECRET);
  });

  it('logs the diagnosis but leaves it out of the answer without explain mode', async () => {
    const { url, lines } = await start(false);
    const answer = await send(url, '{"serial":"x-4"}', { key: Buffer.from(DEMO_API_SECRET, 'hex') });
    expect(answer).not.toHaveProperty('detail');
    expect(lines.some((line) => line.includes('errno=40104') && line.includes('detail="secret-hex-decoded: '))).toBe(true);
  });

  it('keeps the generic detail when no known mistake explains it', async () => {
    const { url } = await start(true);
    const answer = await send(url, '{"serial":"x-5"}', { key: 'another secret' });
    expect(answer.detail).toBe('SIGNATURE is not HMAC-SHA256(secret, TIMESTAMP + "&" + raw body) in lowercase hex');
  });
});
