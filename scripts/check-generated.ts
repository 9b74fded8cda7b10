/**
 * Fails when `npm run generate` would change generated/: regenerates into a temporary folder
 * with the same configuration and compares every file byte for byte.
 */
import { createClient } from '@hey-api/openapi-ts';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import config from '../openapi-ts.config.ts';

const committedDir = process.argv[2] ?? 'generated';
const scratch = mkdtempSync(join(tmpdir(), 'order-reclaim-generated-'));

function listFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else {
        files.push(relative(root, path));
      }
    }
  };
  walk(root);
  return files.sort();
}

try {
  const resolved = await config;
  const output = typeof resolved.output === 'string' ? { path: resolved.output } : resolved.output;
  await createClient({ ...resolved, output: { ...output, path: scratch }, logs: { level: 'silent' } });
  const expected = listFiles(scratch);
  const actual = listFiles(committedDir);
  const problems: string[] = [];
  for (const file of new Set([...expected, ...actual])) {
    if (!expected.includes(file)) {
      problems.push(`${file}: in ${committedDir}/ but no longer generated`);
    } else if (!actual.includes(file)) {
      problems.push(`${file}: generated but missing from ${committedDir}/`);
    } else if (!readFileSync(join(scratch, file)).equals(readFileSync(join(committedDir, file)))) {
      problems.push(`${file}: differs from what the generator writes now`);
    }
  }
  if (problems.length > 0) {
    console.error(`${committedDir}/ is out of date with openapi/openapi.yaml:\n  ${problems.join('\n  ')}\nRun \`npm run generate\` and commit the result.`);
    process.exitCode = 1;
  } else {
    console.log(`${committedDir}/ matches the generator output (${expected.length} files).`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
