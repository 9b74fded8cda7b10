import { createHmac } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_API_SECRET } from '../../src/demo-credentials.ts';
import { createReferenceServer, type ReferenceServer } from '../../src/server/create-reference-server.ts';
import { createLogger } from '../../src/server/logger.ts';
import { launchChromium } from '../docs/launch-chromium.ts';

const ROOT = join(import.meta.dirname, '..', '..');
/** build/ is git-ignored; the bundle is rebuilt from src/ on every run. */
const BUNDLE_DIR = join(ROOT, 'build', 'browser');
const UPSTREAM_BODY = { serial: '1bcb40c612aababdcb166ac2cd7e3525' };
const UPSTREAM_TIMESTAMP = '1700000000';

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>order-reclaim browser test</title></head>
<body><script type="module">
  import * as client from './client.js';
  import * as signing from './signing.js';
  window.orderReclaim = { client, signing };
  document.title = 'ready';
</script></body></html>`;

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

let staticServer: Server;
let pageUrl = '';
let reference: ReferenceServer;
let apiUrl = '';
let browser: Browser;
let page: Page;

/** Bundles the client and signing entries for browsers: ESM, valibot included, no Node built-ins. */
async function buildBrowserBundle(): Promise<void> {
  await rm(BUNDLE_DIR, { recursive: true, force: true });
  await mkdir(BUNDLE_DIR, { recursive: true });
  await build({
    config: false,
    entry: { client: join(ROOT, 'src/index.ts'), signing: join(ROOT, 'src/signing/index.ts') },
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    outDir: BUNDLE_DIR,
    noExternal: ['valibot'],
    splitting: false,
    dts: false,
    silent: true,
  });
  await writeFile(join(BUNDLE_DIR, 'index.html'), PAGE);
}

/** Serves the bundle folder on 127.0.0.1; only file names directly inside it are served. */
async function startStaticServer(): Promise<string> {
  staticServer = createServer((request, response) => {
    const name = new URL(request.url ?? '/', 'http://127.0.0.1').pathname.slice(1) || 'index.html';
    if (!/^[\w.-]+$/.test(name)) {
      response.writeHead(404).end();
      return;
    }
    readFile(join(BUNDLE_DIR, name)).then(
      (content) => response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(name)] ?? 'application/octet-stream' }).end(content),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => staticServer.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(staticServer.address() as AddressInfo).port}/index.html`;
}

beforeAll(async () => {
  await buildBrowserBundle();
  pageUrl = await startStaticServer();
  reference = createReferenceServer({ cors: true, logger: createLogger({ level: 'silent' }) });
  apiUrl = await reference.listen({ host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(pageUrl);
  await page.waitForFunction(() => document.title === 'ready');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await reference?.close({ graceMs: 100 });
  await new Promise<void>((resolve) => (staticServer ? staticServer.close(() => resolve()) : resolve()));
});

describe('client bundle in headless Chromium', () => {
  it('signs the upstream example with WebCrypto like Node does', async () => {
    const browserResult = await page.evaluate(
      async ({ apiKey, apiSecret, body, timestamp }) => {
        const { signing } = (window as unknown as { orderReclaim: { signing: typeof import('../../src/signing/index.ts') } }).orderReclaim;
        const signer = signing.createSigner({ apiKey, apiSecret });
        const signed = await signer.sign(body, { timestamp });
        return { signature: signed.signature, message: signed.message, hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined' };
      },
      { apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET, body: UPSTREAM_BODY, timestamp: UPSTREAM_TIMESTAMP },
    );
    const nodeSignature = createHmac('sha256', DEMO_API_SECRET).update(`${UPSTREAM_TIMESTAMP}&${JSON.stringify(UPSTREAM_BODY)}`, 'utf8').digest('hex');

    // Without `process`, createHmacSha256 cannot reach node:crypto and uses crypto.subtle.
    expect(browserResult.hasProcess).toBe(false);
    expect(browserResult.message).toBe(`${UPSTREAM_TIMESTAMP}&{"serial":"1bcb40c612aababdcb166ac2cd7e3525"}`);
    expect(browserResult.signature).toBe(nodeSignature);
    expect(browserResult.signature).toBe('4ddd99c0ba126c921ebcd0e9f6dd0064a4adea35464b1614829abc15eb0f5ac0');
  });

  it('reclaims an order on the reference server across origins', async () => {
    const result = await page.evaluate(
      async ({ baseUrl, apiKey, apiSecret }) => {
        const { client } = (window as unknown as { orderReclaim: { client: typeof import('../../src/index.ts') } }).orderReclaim;
        const reclaimClient = client.createReclaimClient({ baseUrl, apiKey, apiSecret });
        const accepted = await reclaimClient.reclaimOrder({ serial: '1bcb40c612aababdcb166ac2cd7e3525' });
        const missing = (await reclaimClient.reclaimOrder({ serial: 'no-such-order' }).catch((error: unknown) => error)) as Record<string, unknown>;
        return { accepted, missing: { name: missing.name, errno: missing.errno, status: missing.status, hasRequestId: typeof missing.requestId === 'string' } };
      },
      { baseUrl: apiUrl, apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET },
    );

    expect(result.accepted).toEqual({ errno: 0, message: 'request accept' });
    expect(result.missing).toEqual({ name: 'OrderNotFoundError', errno: 404, status: 404, hasRequestId: true });
  });

  it('learns the clock offset from the exposed Date header', async () => {
    const result = await page.evaluate(
      async ({ baseUrl, apiKey, apiSecret }) => {
        const { client } = (window as unknown as { orderReclaim: { client: typeof import('../../src/index.ts') } }).orderReclaim;
        const skewed = client.createReclaimClient({ baseUrl, apiKey, apiSecret, clock: () => Date.now() - 10 * 60 * 1000 });
        const accepted = await skewed.reclaimOrder({ serial: 'xxyyzz' });
        return { accepted, offset: skewed.clockOffsetSeconds };
      },
      { baseUrl: apiUrl, apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET },
    );

    expect(result.accepted).toEqual({ errno: 0, message: 'request accept' });
    expect(Math.abs(result.offset - 600)).toBeLessThanOrEqual(2);
  });
});
