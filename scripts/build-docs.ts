/**
 * Builds the API docs: one static HTML page per language from openapi/openapi.yaml, with
 * `redocly build-docs` and the decorators in redocly/ (the code samples are embedded from
 * docs/samples/, and the zh-CN page takes the `x-*-zh-CN` texts). Writes build/docs/en/index.html,
 * build/docs/zh-CN/index.html and a build/docs/index.html that links both.
 *
 * Usage: node scripts/build-docs.ts [OUTPUT_DIR]
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makeSelfContained } from './docs-self-contained.ts';

export interface DocsPage {
  /** The API alias in redocly.yaml whose decorators select the language. */
  api: string;
  language: 'en' | 'zh-CN';
  /** Folder under the output folder; the page is its index.html. */
  dir: string;
  /** Text of the link to the page in the other language. */
  otherLabel: string;
}

export const DOCS_PAGES: readonly DocsPage[] = [
  { api: 'docs-en', language: 'en', dir: 'en', otherLabel: '中文' },
  { api: 'docs-zh-CN', language: 'zh-CN', dir: 'zh-CN', otherLabel: 'English' },
];

const REPOSITORY_ROOT = fileURLToPath(new URL('..', import.meta.url));
const REDOCLY_CLI = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');
const run = promisify(execFile);

export interface BuildDocsOptions {
  /** Folder that contains redocly.yaml, openapi/, redocly/ and docs/samples/; default this repository. */
  rootDir?: string;
  /** Default `build/docs` under `rootDir`. */
  outDir?: string;
}

/** Builds both pages and the index; returns the paths of the files written. */
export async function buildDocs(options: BuildDocsOptions = {}): Promise<string[]> {
  const rootDir = resolve(options.rootDir ?? REPOSITORY_ROOT);
  const outDir = resolve(rootDir, options.outDir ?? 'build/docs');
  const written: string[] = [];
  for (const page of DOCS_PAGES) {
    written.push(await buildPage(page, rootDir, outDir));
  }
  const index = join(outDir, 'index.html');
  writeFileSync(index, renderIndex());
  written.push(index);
  return written;
}

async function buildPage(page: DocsPage, rootDir: string, outDir: string): Promise<string> {
  const other = DOCS_PAGES.find((candidate) => candidate !== page) as DocsPage;
  const output = join(outDir, page.dir, 'index.html');
  mkdirSync(dirname(output), { recursive: true });
  const args = [
    REDOCLY_CLI,
    'build-docs',
    page.api,
    '--config', join(rootDir, 'redocly.yaml'),
    '--output', output,
    // Embeds the Redoc script instead of loading it from the Redocly CDN.
    '--inlineBundle',
    '--template', join(rootDir, 'redocly/docs-template.hbs'),
    `--templateOptions.lang=${page.language}`,
    `--templateOptions.otherLang=${other.language}`,
    `--templateOptions.otherHref=../${other.dir}/`,
    `--templateOptions.otherLabel=${page.otherLabel}`,
  ];
  try {
    await run(process.execPath, args, {
      cwd: rootDir,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const failure = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`redocly build-docs ${page.api} failed:\n${withoutBanner(failure.stderr || failure.stdout || failure.message)}`, { cause: error });
  }
  writeFileSync(output, makeSelfContained(readFileSync(output, 'utf8'), output));
  return output;
}

/** Drops the boxed notice that Redocly CLI 2.x prints on every build-docs run, so the error shows first. */
function withoutBanner(output: string): string {
  return output
    .split('\n')
    .filter((line) => !/[╔║╚]/.test(line))
    .join('\n')
    .trim();
}

function renderIndex(): string {
  const links = DOCS_PAGES.map((page) => `    <li><a href="${page.dir}/" hreflang="${page.language}">${page.language === 'en' ? 'English' : '中文'}</a></li>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Order Reclaim API</title>
</head>
<body>
  <h1>Order Reclaim API · 订单回收 API</h1>
  <ul>
${links.join('\n')}
  </ul>
</body>
</html>
`;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await buildDocs({ outDir: process.argv[2] === undefined ? undefined : resolve(process.argv[2]) });
  for (const file of files) {
    console.log(`Wrote ${relative(process.cwd(), file)} (${(statSync(file).size / 1024).toFixed(1)} KiB)`);
  }
}
