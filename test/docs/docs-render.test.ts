/**
 * Opens both built docs pages in headless Chromium: each renders the signing section, the
 * operation and all seven code samples, logs no console error, and requests nothing from any
 * host but the local test server. Writes a screenshot of each operation view to build/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocs, DOCS_PAGES } from '../../scripts/build-docs.ts';
import { launchChromium } from './launch-chromium.ts';
import { readCodeSamples } from './page-definition.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCS_DIR = join(ROOT, 'build/docs');
const SCREENSHOT_DIR = join(ROOT, 'build/screenshots');
const WORKED_EXAMPLE_SIGNATURE = '4ddd99c0ba126c921ebcd0e9f6dd0064a4adea35464b1614829abc15eb0f5ac0';

const EXPECTED_TEXT = {
  en: { signing: 'Signing a request', workedExample: 'Worked example', tag: 'Orders', operation: 'Reclaim an order' },
  'zh-CN': { signing: '请求签名', workedExample: '计算示例', tag: '订单', operation: '回收订单' },
};

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  await buildDocs({ outDir: DOCS_DIR });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  server = await serveStatic(DOCS_DIR);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Matches an accessible name that ends with `text`; Redoc puts an anchor link before each heading's text. */
function endsWith(text: string): RegExp {
  return new RegExp(`${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** Opens a browser page that records console errors, and blocks and records every request to another origin. */
async function openPage(): Promise<{ page: Page; consoleErrors: string[]; externalRequests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const consoleErrors: string[] = [];
  const externalRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(message.text());
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.baseUrl}/`) || url.startsWith('data:') || url.startsWith('blob:')) {
      await route.continue();
    } else {
      externalRequests.push(url);
      await route.abort('blockedbyclient');
    }
  });
  return { page, consoleErrors, externalRequests };
}

describe.each(DOCS_PAGES)('$language docs page', (docsPage) => {
  const text = EXPECTED_TEXT[docsPage.language];

  it('renders the signing section and the operation with every code sample', async () => {
    const samples = readCodeSamples(join(DOCS_DIR, docsPage.dir, 'index.html'));
    expect(samples.map((sample) => sample.lang)).toEqual(['TypeScript', 'JavaScript', 'Python', 'PHP', 'Java', 'Go', 'Shell']);
    const { page, consoleErrors, externalRequests } = await openPage();

    await page.goto(`${server.baseUrl}/${docsPage.dir}/`, { waitUntil: 'load' });
    expect(await page.locator('html').getAttribute('lang')).toBe(docsPage.language);
    await page.getByRole('heading', { name: endsWith(text.signing) }).waitFor();
    await page.getByRole('heading', { name: endsWith(text.workedExample) }).waitFor();
    await page.getByText(WORKED_EXAMPLE_SIGNATURE).first().waitFor();

    await page.getByRole('link', { name: text.tag, exact: true }).first().click();
    await page.getByRole('heading', { name: endsWith(text.operation) }).waitFor();
    await page.getByText('/api/v1/frontend/order/reclaim').first().waitFor();

    // Redoc 3 shows the samples as a menu of languages; the button shows the selected one.
    let selected = samples[0]!.label;
    await page.getByRole('button', { name: selected, exact: true }).click();
    expect(await page.getByRole('menuitem').allTextContents()).toEqual(samples.map((sample) => sample.label));
    for (const [index, sample] of samples.entries()) {
      if (index > 0) {
        await page.getByRole('button', { name: selected, exact: true }).click();
      }
      await page.getByRole('menuitem', { name: sample.label, exact: true }).click();
      selected = sample.label;
      const firstLine = sample.source.split('\n')[0]!;
      await page.locator('pre').filter({ hasText: firstLine }).first().waitFor();
    }
    await page.screenshot({ path: join(SCREENSHOT_DIR, `docs-${docsPage.language}.png`) });
    await page.close();

    expect(consoleErrors, 'console errors').toEqual([]);
    expect(externalRequests, 'requests to other hosts').toEqual([]);
  }, 90_000);
});
