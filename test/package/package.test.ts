import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_SECRET } from '../../src/demo-credentials.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist');

interface PackedFile {
  path: string;
  size: number;
}

function run(command: string, args: string[], timeoutMs = 120_000): string {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}): ${result.error?.message ?? ''}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** Returns the files of dist/ that `entry` loads, itself included, by following relative imports. */
function filesLoadedBy(entry: string): Set<string> {
  const loaded = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (loaded.has(file)) {
      continue;
    }
    loaded.add(file);
    const text = readFileSync(join(DIST, file), 'utf8');
    for (const match of text.matchAll(/(?:from\s*|require\(|import\()\s*['"]\.\/([^'"]+)['"]/g)) {
      pending.push(match[1]!);
    }
  }
  return loaded;
}

let packed: PackedFile[] = [];

beforeAll(() => {
  run('npm', ['run', 'build'], 180_000);
  const [report] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'])) as Array<{ files: PackedFile[] }>;
  packed = report!.files;
}, 240_000);

describe('npm package contents', () => {
  it('ships only dist/, the READMEs and package.json', () => {
    const outside = packed.map((file) => file.path).filter((path) => !path.startsWith('dist/') && !/^(README(\.[\w-]+)?\.md|package\.json|LICENSE)$/.test(path));
    expect(outside).toEqual([]);
  });

  it('ships every file the exports map and bin name', () => {
    const paths = new Set(packed.map((file) => file.path));
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; bin: Record<string, string> };
    const targets = JSON.stringify(manifest.exports).match(/\.\/dist\/[^"]+/g) ?? [];
    const missing = [...targets, ...Object.values(manifest.bin)].map((target) => target.replace(/^\.\//, '')).filter((path) => !paths.has(path));
    expect(targets.length).toBeGreaterThanOrEqual(16);
    expect(missing).toEqual([]);
  });

  it('ships no tests, benchmarks, scripts, sources or environment files', () => {
    const forbidden = packed
      .map((file) => file.path)
      .filter((path) => /(^|\/)(test|tests|bench|scripts|src|generated|conformance|node_modules)\//.test(path) || /\.test\.|\.env|\.map$/.test(path) || (/\.ts$/.test(path) && !/\.d\.c?ts$/.test(path)));
    expect(forbidden).toEqual([]);
  });

  it('keeps the demo secret out of the client and signing entries', () => {
    const clientFiles = new Set([...filesLoadedBy('index.js'), ...filesLoadedBy('index.cjs'), ...filesLoadedBy('signing.js'), ...filesLoadedBy('signing.cjs')]);
    const withSecret = packed.filter((file) => file.path.startsWith('dist/') && readFileSync(join(ROOT, file.path), 'utf8').includes(DEMO_API_SECRET)).map((file) => file.path);

    expect(clientFiles.size).toBeGreaterThan(4);
    expect(withSecret.filter((path) => clientFiles.has(path.slice('dist/'.length)))).toEqual([]);
    // The server accepts the public demo pair by default, so its bundles and the CLI carry it.
    expect(withSecret.every((path) => /^dist\/(server\.|cli\.js$)/.test(path))).toBe(true);
  });

  it('contains no other secret-like 64-character uppercase hex string', () => {
    const others = packed.flatMap((file) => readFileSync(join(ROOT, file.path), 'utf8').match(/\b[0-9A-F]{64}\b/g) ?? []).filter((value) => value !== DEMO_API_SECRET);
    expect(others).toEqual([]);
  });
});

describe('npm package checks', () => {
  it('passes publint', () => {
    expect(run('npm', ['exec', '--', 'publint'])).toContain('All good!');
  });

  it('passes attw with the node16 profile', () => {
    // node10 resolution has no `exports`, so subpaths cannot resolve there; the package
    // requires Node 20, whose resolution (and TypeScript's node16/bundler) reads `exports`.
    expect(() => run('npm', ['exec', '--', 'attw', '--pack', '.', '--profile', 'node16'], 180_000)).not.toThrow();
  }, 200_000);

  it('keeps the client entry within the size budget', () => {
    const results = JSON.parse(run('npm', ['exec', '--', 'size-limit', '--json'])) as Array<{ name: string; passed: boolean; size: number }>;
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((result) => !result.passed)).toEqual([]);
  });

  it('measures every runtime export of the client entry', async () => {
    const runtimeExports = Object.keys(await import(join(DIST, 'index.js'))).sort();
    const [allExports] = JSON.parse(readFileSync(join(ROOT, '.size-limit.json'), 'utf8')) as Array<{ import: string }>;
    const measured = allExports!.import.replace(/[{}\s]/g, '').split(',').sort();
    expect(measured).toEqual(runtimeExports);
  });
});

describe('package on Node 20', () => {
  const node20 = findNode20();

  it('imports the ESM and CommonJS builds and signs the upstream example', () => {
    const script = `
      const esm = await import(${JSON.stringify(join(DIST, 'signing.js'))});
      const { createRequire } = await import('node:module');
      const cjs = createRequire(${JSON.stringify(join(ROOT, 'package.json'))})(${JSON.stringify(join(DIST, 'signing.cjs'))});
      const client = await import(${JSON.stringify(join(DIST, 'index.js'))});
      const clientCjs = createRequire(${JSON.stringify(join(ROOT, 'package.json'))})(${JSON.stringify(join(DIST, 'index.cjs'))});
      const signatures = [];
      for (const signing of [esm, cjs]) {
        const signer = signing.createSigner({ apiKey: 'B433BFF1CDE7450AA38A56BEAC690DD4', apiSecret: '0285A2741D0E76E2E187260EB23E51851D48403A756333E7D0CF845406ABF3E8' });
        signatures.push((await signer.sign({ serial: '1bcb40c612aababdcb166ac2cd7e3525' }, { timestamp: '1700000000' })).signature);
      }
      console.log(JSON.stringify({ version: process.version, signatures, esm: typeof client.createReclaimClient, cjs: typeof clientCjs.createReclaimClient }));
    `;
    const output = JSON.parse(execFileSync(node20, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as Record<string, unknown>;

    expect(output.version).toMatch(/^v20\./);
    expect(output.signatures).toEqual([
      '4ddd99c0ba126c921ebcd0e9f6dd0064a4adea35464b1614829abc15eb0f5ac0',
      '4ddd99c0ba126c921ebcd0e9f6dd0064a4adea35464b1614829abc15eb0f5ac0',
    ]);
    expect(output.esm).toBe('function');
    expect(output.cjs).toBe('function');
  });

  it('reclaims an order from the built client against the built reference server', () => {
    const script = `
      const { createReferenceServer, createLogger, DEMO_API_KEY, DEMO_API_SECRET } = await import(${JSON.stringify(join(DIST, 'server.js'))});
      const { createReclaimClient } = await import(${JSON.stringify(join(DIST, 'index.js'))});
      const server = createReferenceServer({ logger: createLogger({ level: 'silent' }) });
      const baseUrl = await server.listen({ host: '127.0.0.1', port: 0 });
      try {
        const client = createReclaimClient({ baseUrl, apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET });
        const accepted = await client.reclaimOrder({ serial: 'xxyyzz' });
        const missing = await client.reclaimOrder({ serial: 'no-such-order' }).catch((error) => error);
        console.log(JSON.stringify({ accepted, missing: { name: missing.name, code: missing.code, status: missing.status } }));
      } finally {
        await server.close({ graceMs: 100 });
      }
    `;
    const output = JSON.parse(execFileSync(node20, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as Record<string, unknown>;

    expect(output.accepted).toEqual({ errno: 0, message: 'request accept' });
    expect(output.missing).toEqual({ name: 'OrderNotFoundError', code: 'ORDER_NOT_FOUND', status: 404 });
  });

  it('runs the CLI bin', () => {
    const result = spawnSync(node20, [join(DIST, 'cli.js'), '--help'], { cwd: ROOT, encoding: 'utf8' });

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: order-reclaim <command>');
    expect(readFileSync(join(DIST, 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});

/** Finds a Node 20 binary on PATH; the package promises Node 20 at run time, so its absence fails the suite. */
function findNode20(): string {
  const candidates = execFileSync('which', ['-a', 'node'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const candidate of candidates) {
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (version.startsWith('v20.')) {
      return candidate;
    }
  }
  throw new Error(`No Node 20 binary on PATH (found ${candidates.join(', ') || 'none'}). Install Node 20 to check the run-time support it promises.`);
}
