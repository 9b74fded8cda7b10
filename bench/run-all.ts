/**
 * Runs every `bench/*.bench.ts`, one after another, each in its own process: plain scripts with
 * node, files that import vitest with `vitest bench --run`. Exit code 1 when any of them fails.
 *
 *   node bench/run-all.ts
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './spawn-server.ts';

const benchDirectory = join(REPO_ROOT, 'bench');
const files = readdirSync(benchDirectory)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort();
if (files.length === 0) {
  throw new Error(`No *.bench.ts files in ${benchDirectory}.`);
}

const failed: string[] = [];
for (const file of files) {
  const path = join('bench', file);
  const usesVitest = /from ['"]vitest['"]/.test(readFileSync(join(REPO_ROOT, path), 'utf8'));
  const [command, args] = usesVitest
    ? [join(REPO_ROOT, 'node_modules', '.bin', 'vitest'), ['bench', '--run', path]]
    : [process.execPath, [path]];
  process.stdout.write(`\n=== ${path} (${usesVitest ? 'vitest bench' : 'node'})\n`);
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    failed.push(`${path} (${result.error?.message ?? `exit code ${result.status ?? result.signal}`})`);
  }
}

if (failed.length > 0) {
  process.stdout.write(`\nFailed or missed their targets: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
